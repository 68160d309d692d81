import { ApprenticePlan, RegistrationPlan } from './apprentice-plan';
import { civilFromDay, Day, dayFromCivil, monthOf, weekday } from './day-calendar';
import { Prng, Weighted } from './prng';
import { WorkProcess } from './world';

/**
 * Approved OJT hours and RTI attendance for the recent past. Entries fall on working days of the
 * registration's work segments (never while suspended or after it ended), at most one entry per
 * apprentice and day, so no day can pass the 24-hour cap. Progress before a window (or a month
 * slice of it) is estimated from the apprentice's pace, which places each hour in the work process
 * the apprentice has reached (by the processes' minimum hours); once the term's hours are done, no
 * more are logged.
 */

export type HoursGranularity = 'day' | 'week';

export interface HoursWindow {
  /** First and last day (both included) that get hours; never after today. */
  from: Day;
  to: Day;
  granularity: HoursGranularity;
}

/** The window cut into calendar-month slices, oldest first, so hours can be loaded in date order. */
export function monthSlices(window: HoursWindow): HoursWindow[] {
  const slices: HoursWindow[] = [];
  for (let from = window.from; from <= window.to; ) {
    const [year, month] = civilFromDay(from);
    const next = dayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1);
    slices.push({ from, to: Math.min(next - 1, window.to), granularity: window.granularity });
    from = next;
  }
  return slices;
}

/** Quarter hours worked on a day: mostly 8 h. */
const DAY_QUARTERS = new Weighted<number>([[32, 70], [30, 6], [34, 6], [36, 6], [40, 7], [24, 5]]);
/** In `week` granularity, two 20-hour entries (Tuesday and Thursday) stand for the week. */
const WEEK_QUARTERS = 80;
const ABSENCE_SHARE = 0.06;
const AVERAGE_MONTH_DAYS = 30.44;

export type OjtEmitter = (registration: RegistrationPlan, day: Day, quarters: number, workProcess: WorkProcess, id: string) => void;

function workedDaysBefore(registration: RegistrationPlan, day: Day): number {
  let worked = 0;
  for (const segment of registration.workSegments) worked += Math.max(0, Math.min(segment.to, day) - segment.from);
  return worked;
}

export function forEachOjtEntry(apprentice: ApprenticePlan, prng: Prng, window: HoursWindow, emit: OjtEmitter): void {
  for (const registration of apprentice.registrations) {
    const { programOccupation } = registration;
    const processes = programOccupation.workProcesses;
    const cumulative = programOccupation.cumulativeMinHours;
    const termQuarters = programOccupation.ojtTermHours * 4;
    let doneQuarters =
      (registration.priorCreditOjtHours +
        Math.floor((workedDaysBefore(registration, window.from) * registration.paceHoursPerMonth) / AVERAGE_MONTH_DAYS)) *
      4;
    let process = 0;
    segments: for (const segment of registration.workSegments) {
      const last = Math.min(segment.to - 1, window.to);
      for (let day = Math.max(segment.from, window.from); day <= last; day += 1) {
        if (doneQuarters >= termQuarters) break segments;
        const dayOfWeek = weekday(day);
        let quarters: number;
        if (window.granularity === 'day') {
          if (dayOfWeek === 0 || dayOfWeek === 6 || prng.next() < ABSENCE_SHARE) continue;
          quarters = DAY_QUARTERS.draw(prng);
        } else {
          if ((dayOfWeek !== 2 && dayOfWeek !== 4) || prng.next() < ABSENCE_SHARE) continue;
          quarters = WEEK_QUARTERS;
        }
        while (process < processes.length - 1 && doneQuarters >= cumulative[process] * 4) process += 1;
        emit(registration, day, quarters, processes[process], prng.uuid());
        doneQuarters += quarters;
      }
    }
  }
}

/** The first day of the window the registration works (so it may attend RTI from then), or -1. */
export function firstWorkDayInWindow(registration: RegistrationPlan, window: HoursWindow): Day {
  for (const segment of registration.workSegments) {
    const from = Math.max(segment.from, window.from);
    if (from < segment.to && from <= window.to) return from;
  }
  return -1;
}

export interface RtiEnrollmentPlan {
  registration: RegistrationPlan;
  id: string;
  enrolledOn: Day;
  paidDuringWork: boolean;
}

/**
 * About half the registrations working in the window attend their state's course for the
 * occupation: a weekly evening session (Thursday), none in June–August.
 */
export function rtiEnrollments(apprentice: ApprenticePlan, prng: Prng, window: HoursWindow): RtiEnrollmentPlan[] {
  const enrollments: RtiEnrollmentPlan[] = [];
  for (const registration of apprentice.registrations) {
    const enrolledOn = firstWorkDayInWindow(registration, window);
    if (enrolledOn < 0 || prng.next() >= 0.5) continue;
    enrollments.push({ registration, id: prng.uuid(), enrolledOn, paidDuringWork: prng.next() < 0.1 });
  }
  return enrollments;
}

export type RtiEmitter = (enrollment: RtiEnrollmentPlan, day: Day, quarters: number, id: string) => void;

export function forEachRtiSession(enrollment: RtiEnrollmentPlan, prng: Prng, window: HoursWindow, emit: RtiEmitter): void {
  for (const segment of enrollment.registration.workSegments) {
    const last = Math.min(segment.to - 1, window.to);
    for (let day = Math.max(segment.from, window.from); day <= last; day += 1) {
      if (weekday(day) !== 4) continue;
      const month = monthOf(day);
      if (month >= 6 && month <= 8) continue;
      if (prng.next() < ABSENCE_SHARE) continue;
      emit(enrollment, day, prng.next() < 0.7 ? 16 : 12, prng.uuid());
    }
  }
}
