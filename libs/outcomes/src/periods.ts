import { addDays, addMonths } from '@journeyline/common/dates';

/**
 * Outcome periods are whole calendar months ('YYYY-MM-DD' first day to last day), so the monthly
 * cube answers every period exactly. The federal fiscal year runs October to September: FY2025
 * is 2024-10-01 to 2025-09-30, Q1 is October to December.
 */
export interface Period {
  from: string;
  to: string;
}

export function firstOfMonth(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

export function lastOfMonth(isoDate: string): string {
  return addDays(addMonths(firstOfMonth(isoDate), 1), -1);
}

/** Why the period cannot be used, or null when it is whole months in order. */
export function periodProblem(period: Period): { field: 'from' | 'to'; reason: string } | null {
  if (firstOfMonth(period.from) !== period.from) return { field: 'from', reason: 'must be the first day of a month' };
  if (lastOfMonth(period.to) !== period.to) return { field: 'to', reason: 'must be the last day of a month' };
  if (period.to < period.from) return { field: 'to', reason: 'must not be before from' };
  return null;
}

export function fiscalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 10 ? year + 1 : year;
}

/** The months of quarter `quarter` (1–4) of federal fiscal year `fiscalYear`. */
export function fiscalQuarter(fiscalYear: number, quarter: number): Period {
  const from = addMonths(`${fiscalYear - 1}-10-01`, 3 * (quarter - 1));
  return { from, to: lastOfMonth(addMonths(from, 2)) };
}

/** From 1 October of the fiscal year to the end of the quarter. */
export function fiscalYearToDate(fiscalYear: number, quarter: number): Period {
  return { from: `${fiscalYear - 1}-10-01`, to: fiscalQuarter(fiscalYear, quarter).to };
}

/**
 * Every 1 October after `first` (a date) up to and including the one on or before `last`: where
 * the cube keeps a stock of active registrations.
 */
export function fiscalYearStartsBetween(first: string, last: string): string[] {
  const starts: string[] = [];
  for (let year = fiscalYearOf(first); year <= fiscalYearOf(last); year++) {
    const start = `${year - 1}-10-01`;
    if (start > first && start <= last) starts.push(start);
  }
  return starts;
}

/**
 * Retention after N months is measured only for start months whose every member has been in for
 * N months by `asOf` (the month's last day plus N months is on or before `asOf`). Returns the
 * latest such start month (its first day).
 */
export function retentionCutoff(months: number, asOf: string): string {
  return addMonths(firstOfMonth(addDays(asOf, 1)), -(months + 1));
}
