/**
 * Pure checks on logged OJT hours. Hours are compared in whole quarter hours (the smallest unit
 * the schema accepts), so no float rounding decides whether a day is over its cap.
 */

export const toQuarters = (hours: number | string): number => Math.round(Number(hours) * 4);
export const fromQuarters = (quarters: number): number => quarters / 4;

/** While a registration is in one of these statuses it takes no hours (from the status's effective date). */
export const CLOSED_STATUSES: readonly string[] = ['suspended', 'cancelled', 'completed', 'transferred'];

/** A stretch of days the registration took no hours: `from` inclusive, `to` exclusive (null: still closed). */
export interface ClosedSpan {
  status: string;
  from: string;
  to: string | null;
}

/**
 * The stretches a registration took no hours: those its status history closed and later reopened
 * (each event into a closed status lasts until the next event's effective date), and the current
 * status when it is closed. So a suspension that was lifted still forbids hours dated inside it.
 * `events` are in the order they were recorded.
 */
export function closedSpans(
  events: ReadonlyArray<{ toStatus: string; effectiveDate: string }>,
  current: { status: string; statusDate: string },
): ClosedSpan[] {
  const reopened = events.flatMap((event, index) => {
    const to = events[index + 1]?.effectiveDate;
    if (to === undefined || !CLOSED_STATUSES.includes(event.toStatus) || to <= event.effectiveDate) return [];
    return [{ status: event.toStatus, from: event.effectiveDate, to }];
  });
  if (!CLOSED_STATUSES.includes(current.status)) return reopened;
  return [...reopened, { status: current.status, from: current.statusDate, to: null }];
}

export interface RegistrationWindow {
  startDate: string;
  closedSpans: readonly ClosedSpan[];
}

/** Why hours cannot be dated `workDate` on this registration, or null when they can. */
export function workDateProblem(workDate: string, registration: RegistrationWindow, today: string): string | null {
  if (workDate > today) return 'must not be in the future';
  if (workDate < registration.startDate) {
    return `must not be before the registration's start date (${registration.startDate})`;
  }
  const span = registration.closedSpans.find((closed) => workDate >= closed.from && (closed.to === null || workDate < closed.to));
  if (span?.to === null) return `the registration is ${span.status} from ${span.from}: no hours on or after that date`;
  if (span) return `the registration was ${span.status} from ${span.from} until ${span.to}: no hours dated then`;
  return null;
}

export interface DayEntry {
  apprenticeId: string;
  workDate: string;
  hours: number;
  /** The daily maximum in force for this entry's registration. */
  maxHours: number;
}

export interface DailyCapBreach {
  /** Position of the entry in the list given. */
  index: number;
  /** The apprentice's hours that day once this entry (and those before it in the list) are added. */
  totalHours: number;
  maxHours: number;
}

export const dayKey = (apprenticeId: string, workDate: string): string => `${apprenticeId}|${workDate}`;

/**
 * Entries that take an apprentice's day over the cap. `existingQuarters` holds what is already
 * logged per dayKey (rejected entries excluded). Entries are added in list order and every entry
 * counts toward the ones after it, so a batch is judged as if written whole.
 */
export function dailyCapBreaches(existingQuarters: ReadonlyMap<string, number>, entries: readonly DayEntry[]): DailyCapBreach[] {
  const totals = new Map(existingQuarters);
  const breaches: DailyCapBreach[] = [];
  entries.forEach((entry, index) => {
    const key = dayKey(entry.apprenticeId, entry.workDate);
    const total = (totals.get(key) ?? 0) + toQuarters(entry.hours);
    totals.set(key, total);
    if (total > toQuarters(entry.maxHours)) breaches.push({ index, totalHours: fromQuarters(total), maxHours: entry.maxHours });
  });
  return breaches;
}

/** What an idempotent retry must repeat exactly. The submit flag is left out: the entry may have moved on since. */
export interface EntryPayload {
  workDate: string;
  hours: number | string;
  workProcessId: string;
  employerId: string;
  worksite?: string | null;
  note?: string | null;
}

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** Names of the fields in which a retried payload differs from the stored entry; empty when it is the same request. */
export function payloadDifferences(stored: EntryPayload, retried: EntryPayload): string[] {
  const differences: string[] = [];
  if (stored.workDate !== retried.workDate) differences.push('workDate');
  if (toQuarters(stored.hours) !== toQuarters(retried.hours)) differences.push('hours');
  if (stored.workProcessId !== retried.workProcessId) differences.push('workProcessId');
  if (stored.employerId !== retried.employerId) differences.push('employerId');
  if (text(stored.worksite) !== text(retried.worksite)) differences.push('worksite');
  if (text(stored.note) !== text(retried.note)) differences.push('note');
  return differences;
}
