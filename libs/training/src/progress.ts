import { addDays, addMonths, daysBetween, yearsBetween } from '@journeyline/common/dates';
import { fromQuarters, toQuarters } from './hour-rules';

/** The recent pace behind the projected completion date is measured over this many days, today included. */
export const PACE_WINDOW_DAYS = 90;

export interface WorkProcessHours {
  id: string;
  position: number;
  title: string;
  minHours: number;
  maxHours: number;
  competencies: string[];
  approvedHours: number;
  /** Draft and submitted hours. */
  pendingHours: number;
}

export interface ProgressFacts {
  today: string;
  startDate: string;
  expectedCompletionDate: string;
  ojtTermHours: number;
  priorCreditOjtHours: number;
  workProcesses: WorkProcessHours[];
  /** Approved hours dated within the pace window (see paceWindowStart). */
  approvedHoursInPaceWindow: number;
  /** RTI attendance dated within the current program year (see programYear). */
  rtiHoursThisProgramYear: number;
  /** RTI hours per year the agreement requires (the program occupation's). */
  rtiRequiredHoursPerYear: number;
  /** The recommended minimum (rule standards.rti_hours_per_year, 144 by default). */
  rtiRecommendedHoursPerYear: number;
}

export interface WorkProcessProgress {
  workProcess: Omit<WorkProcessHours, 'approvedHours' | 'pendingHours'>;
  approvedHours: number;
  pendingHours: number;
  remainingToMin: number;
  /** Approved and pending hours together exceed the work process's allotted maximum. */
  overAllotment: boolean;
}

export interface Progress {
  byWorkProcess: WorkProcessProgress[];
  ojtTermHours: number;
  approvedOjtHours: number;
  pendingOjtHours: number;
  priorCreditOjtHours: number;
  remainingOjtHours: number;
  /** (approved + prior credit) / term × 100, one decimal, e.g. "37.5". */
  percentOfTerm: string;
  approvedHoursLast90Days: number;
  programYearStart: string;
  rtiHoursThisProgramYear: number;
  rtiRequiredHoursPerYear: number;
  rtiRecommendedHoursPerYear: number;
  /** The required hours prorated to the share of the program year elapsed, two decimals. */
  rtiExpectedHoursToDate: number;
  rtiOnPace: boolean;
  /** Today plus the remaining hours at the recent pace; null when nothing was approved in the window. */
  projectedCompletionDate: string | null;
  expectedCompletionDate: string;
}

/** The first day of the pace window ending today. */
export function paceWindowStart(today: string): string {
  return addDays(today, 1 - PACE_WINDOW_DAYS);
}

/**
 * The program year containing `today`: years are counted from the registration's start date
 * (end exclusive). Before the start, the first year.
 */
export function programYear(startDate: string, today: string): { start: string; end: string } {
  let years = today < startDate ? 0 : yearsBetween(startDate, today);
  // A 29 February start has its anniversary on 28 February, a day before yearsBetween turns.
  if (addMonths(startDate, 12 * (years + 1)) <= today) years += 1;
  return { start: addMonths(startDate, 12 * years), end: addMonths(startDate, 12 * (years + 1)) };
}

/** `numerator / denominator × 100` to one decimal, rounded half up, from integers. */
function percentTenths(numerator: number, denominator: number): string {
  const tenths = Math.floor((2 * numerator * 1000 + denominator) / (2 * denominator));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export function computeProgress(facts: ProgressFacts): Progress {
  const byWorkProcess = facts.workProcesses.map(({ approvedHours, pendingHours, ...workProcess }) => {
    const approved = toQuarters(approvedHours);
    const pending = toQuarters(pendingHours);
    return {
      workProcess,
      approvedHours: fromQuarters(approved),
      pendingHours: fromQuarters(pending),
      remainingToMin: fromQuarters(Math.max(0, workProcess.minHours * 4 - approved)),
      overAllotment: approved + pending > workProcess.maxHours * 4,
    };
  });
  const approved = byWorkProcess.reduce((sum, row) => sum + toQuarters(row.approvedHours), 0);
  const pending = byWorkProcess.reduce((sum, row) => sum + toQuarters(row.pendingHours), 0);
  const term = facts.ojtTermHours * 4;
  const earned = approved + facts.priorCreditOjtHours * 4;
  const remaining = Math.max(0, term - earned);

  const recent = toQuarters(facts.approvedHoursInPaceWindow);
  let projectedCompletionDate: string | null = null;
  if (remaining === 0) projectedCompletionDate = facts.today;
  else if (recent > 0) projectedCompletionDate = addDays(facts.today, Math.ceil((remaining * PACE_WINDOW_DAYS) / recent));

  const year = programYear(facts.startDate, facts.today);
  const yearDays = daysBetween(year.start, year.end);
  const elapsedDays = Math.min(yearDays, Math.max(0, daysBetween(year.start, facts.today)));
  const rti = toQuarters(facts.rtiHoursThisProgramYear);
  // rti / 4 ≥ required × elapsed / yearDays, kept in integers.
  const rtiOnPace = rti * yearDays >= facts.rtiRequiredHoursPerYear * 4 * elapsedDays;
  const rtiExpectedHoursToDate = Math.round((facts.rtiRequiredHoursPerYear * elapsedDays * 100) / yearDays) / 100;

  return {
    byWorkProcess,
    ojtTermHours: facts.ojtTermHours,
    approvedOjtHours: fromQuarters(approved),
    pendingOjtHours: fromQuarters(pending),
    priorCreditOjtHours: facts.priorCreditOjtHours,
    remainingOjtHours: fromQuarters(remaining),
    percentOfTerm: percentTenths(earned, term),
    approvedHoursLast90Days: fromQuarters(recent),
    programYearStart: year.start,
    rtiHoursThisProgramYear: fromQuarters(rti),
    rtiRequiredHoursPerYear: facts.rtiRequiredHoursPerYear,
    rtiRecommendedHoursPerYear: facts.rtiRecommendedHoursPerYear,
    rtiExpectedHoursToDate,
    rtiOnPace,
    projectedCompletionDate,
    expectedCompletionDate: facts.expectedCompletionDate,
  };
}
