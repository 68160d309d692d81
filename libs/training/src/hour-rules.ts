/**
 * Pure checks on logged OJT hours. Hours are compared in whole quarter hours (the smallest unit
 * the schema accepts), so no float rounding decides whether a day is over its cap.
 */

export const toQuarters = (hours: number | string): number => Math.round(Number(hours) * 4);
export const fromQuarters = (quarters: number): number => quarters / 4;

/** A registration in one of these statuses takes no hours dated on or after its status date. */
export const CLOSED_STATUSES: readonly string[] = ['suspended', 'cancelled', 'completed', 'transferred'];

export interface RegistrationWindow {
  status: string;
  statusDate: string;
  startDate: string;
}

/** Why hours cannot be dated `workDate` on this registration, or null when they can. */
export function workDateProblem(workDate: string, registration: RegistrationWindow, today: string): string | null {
  if (workDate > today) return 'must not be in the future';
  if (workDate < registration.startDate) {
    return `must not be before the registration's start date (${registration.startDate})`;
  }
  if (CLOSED_STATUSES.includes(registration.status) && workDate >= registration.statusDate) {
    return `the registration is ${registration.status} from ${registration.statusDate}: no hours on or after that date`;
  }
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
