import { addDays } from '@journeyline/common/dates';
import { ApprenticeRecord, RegistrationStatus, StatusEventRecord } from '../record/apprentice-record';
import { firstDayOf, lastDayOf } from './calendar-months';

/** Statuses in which the trainee is pursuing the program. */
const PURSUING: ReadonlySet<RegistrationStatus> = new Set(['registered', 'reinstated']);

/**
 * Statuses whose effective date VA reads as the last date of pursuit (38 U.S.C. 3684(a)(1),
 * va.md §9): the trainee still trained on that day.
 */
const ENDS_PURSUIT: ReadonlySet<RegistrationStatus> = new Set(['suspended', 'cancelled', 'completed', 'transferred']);

/** An inclusive date range; `to` null means still open. */
export interface DateInterval {
  from: string;
  to: string | null;
}

/** The VA enrollment window: va.enrollmentStart (or the agreement start) to va.enrollmentEnd, if any. */
export function enrollmentWindow(record: ApprenticeRecord): DateInterval {
  return { from: record.va?.enrollmentStart ?? record.agreement.startDate, to: record.va?.enrollmentEnd ?? null };
}

/** The recorded status events by effective date; same-day events keep their recorded order. */
function sortedHistory(record: ApprenticeRecord): StatusEventRecord[] {
  return record.agreement.statusHistory
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.effectiveDate < b.event.effectiveDate ? -1 : a.event.effectiveDate > b.event.effectiveDate ? 1 : a.index - b.index))
    .map(({ event }) => event);
}

function chronological(record: ApprenticeRecord): StatusEventRecord[] {
  const { statusHistory, startDate, status, statusDate } = record.agreement;
  if (statusHistory.length > 0) return sortedHistory(record);
  // No history: the agreement ran from its start in its current status, or until its status date.
  const started: StatusEventRecord = { fromStatus: null, toStatus: 'registered', effectiveDate: startDate, reason: '', duringProbation: false };
  if (status === 'pending') return [];
  if (PURSUING.has(status)) return [started];
  return [started, { fromStatus: 'registered', toStatus: status, effectiveDate: statusDate, reason: '', duringProbation: false }];
}

/** The date ranges in which the trainee was registered or reinstated, from the status history. */
export function pursuitIntervals(record: ApprenticeRecord): DateInterval[] {
  const intervals: DateInterval[] = [];
  let openFrom: string | null = null;
  for (const event of chronological(record)) {
    if (PURSUING.has(event.toStatus)) {
      openFrom ??= event.effectiveDate;
    } else if (openFrom !== null) {
      const to = ENDS_PURSUIT.has(event.toStatus) ? event.effectiveDate : addDays(event.effectiveDate, -1);
      if (to >= openFrom) intervals.push({ from: openFrom, to });
      openFrom = null;
    }
  }
  if (openFrom !== null) intervals.push({ from: openFrom, to: null });
  return intervals;
}

/** Whether the trainee was enrolled with VA and registered/reinstated on at least one day of the month. */
export function pursuingInMonth(intervals: readonly DateInterval[], enrollment: DateInterval, month: string): boolean {
  const from = firstDayOf(month) > enrollment.from ? firstDayOf(month) : enrollment.from;
  const to = enrollment.to !== null && enrollment.to < lastDayOf(month) ? enrollment.to : lastDayOf(month);
  if (from > to) return false;
  return intervals.some((interval) => interval.from <= to && (interval.to === null || interval.to >= from));
}

/** What a DOL status change means for VA (va.md §11). */
export type VaChangeType = 'termination' | 'interruption' | 'completion' | 'reentrance';

export interface VaChange {
  changeType: VaChangeType;
  /** False where va.md marks the mapping [unverified — confirm before relying]. */
  verified: boolean;
  /** The last day the trainee trained; null for a re-entrance. */
  lastDateOfPursuit: string | null;
}

/** The 22-1999b meaning of a status event, or null when VA is not told of it (the initial registration). */
export function vaChangeFor(event: StatusEventRecord): VaChange | null {
  const ended = (changeType: VaChangeType, verified: boolean): VaChange => ({ changeType, verified, lastDateOfPursuit: event.effectiveDate });
  switch (event.toStatus) {
    case 'cancelled':
      return ended('termination', true);
    case 'suspended':
      return ended('interruption', true);
    case 'completed':
      return ended('completion', true);
    case 'transferred':
      // The agreement at this facility ends; a new sponsor means a new agreement (dol.md §13).
      return ended('termination', false);
    case 'registered':
    case 'reinstated':
      if (event.fromStatus === null || event.fromStatus === 'pending') return null;
      return { changeType: 'reentrance', verified: false, lastDateOfPursuit: null };
    case 'pending':
      return null;
  }
}

/** Status events in the record, oldest first, that VA must be told of, with their VA meaning. */
export function vaChanges(record: ApprenticeRecord): Array<{ event: StatusEventRecord; change: VaChange }> {
  return sortedHistory(record).flatMap((event) => {
    const change = vaChangeFor(event);
    return change === null ? [] : [{ event, change }];
  });
}

/** Terminations, interruptions and completions effective inside the month. */
export function endingsInMonth(record: ApprenticeRecord, month: string): Array<{ event: StatusEventRecord; change: VaChange }> {
  return vaChanges(record).filter(
    ({ event, change }) => change.changeType !== 'reentrance' && event.effectiveDate >= firstDayOf(month) && event.effectiveDate <= lastDayOf(month),
  );
}
