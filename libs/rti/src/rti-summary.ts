import { addMonths, yearsBetween } from '@journeyline/common/dates';
import { RtiSessionHours, rtiHourTotals, sumHours } from './va-countable';

/** One attended RTI session of a registration. */
export interface RtiSession extends RtiSessionHours {
  enrollmentId: string;
  sessionDate: string;
}

export interface ProgramYearHours {
  /** 1 for the first twelve months after the registration's start date. */
  year: number;
  startsOn: string;
  hours: number;
}

export interface RtiSessionSummary {
  totalHours: number;
  vaCountableHours: number;
  hoursByEnrollment: Map<string, number>;
  byProgramYear: ProgramYearHours[];
}

/** First day of program year `year` (1-based) for a registration starting on `startDate`. */
export function programYearStart(startDate: string, year: number): string {
  return addMonths(startDate, 12 * (year - 1));
}

/**
 * The program year (1-based) a date falls in. Years run anniversary to anniversary, using the same
 * month arithmetic as programYearStart so the two always agree (also for a 29 February start).
 */
export function programYearOf(startDate: string, date: string): number {
  if (date < startDate) return 1;
  let year = yearsBetween(startDate, date) + 1;
  while (programYearStart(startDate, year + 1) <= date) year += 1;
  while (year > 1 && programYearStart(startDate, year) > date) year -= 1;
  return year;
}

/**
 * Totals of a registration's sessions: all hours, VA-countable hours, hours per enrollment, and
 * hours per program year from year 1 up to the last year with hours (empty years show zero, so a
 * year without instruction stands out against the 144 h/yr recommendation).
 */
export function summarizeRtiSessions(startDate: string, sessions: readonly RtiSession[]): RtiSessionSummary {
  const perEnrollment = new Map<string, number[]>();
  const perYear = new Map<number, number[]>();
  for (const session of sessions) {
    const year = programYearOf(startDate, session.sessionDate);
    perEnrollment.set(session.enrollmentId, [...(perEnrollment.get(session.enrollmentId) ?? []), session.hours]);
    perYear.set(year, [...(perYear.get(year) ?? []), session.hours]);
  }
  const lastYear = Math.max(0, ...perYear.keys());
  const byProgramYear = Array.from({ length: lastYear }, (_, index) => ({
    year: index + 1,
    startsOn: programYearStart(startDate, index + 1),
    hours: sumHours(perYear.get(index + 1) ?? []),
  }));
  const hoursByEnrollment = new Map([...perEnrollment].map(([id, hours]) => [id, sumHours(hours)]));
  return { ...rtiHourTotals(sessions), hoursByEnrollment, byProgramYear };
}
