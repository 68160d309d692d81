import { ApprenticeRecord, RegistrationStatus, StatusEventRecord } from './apprentice-record';

/** Plain questions asked of an ApprenticeRecord by several formats. Dates are 'YYYY-MM-DD' strings, so string order is date order. */

export interface Period {
  start: string;
  end: string;
}

export function inPeriod(date: string, period: Period): boolean {
  return date >= period.start && date <= period.end;
}

/** Approved OJT hours per work process and in total, over the months up to and including `throughMonth` (all months when omitted). */
export function ojtTotals(record: ApprenticeRecord, throughMonth?: string): { byWorkProcess: Record<string, number>; total: number } {
  const byWorkProcess: Record<string, number> = {};
  let total = 0;
  for (const entry of record.ojt.approvedByMonth) {
    if (throughMonth !== undefined && entry.month > throughMonth) continue;
    byWorkProcess[entry.workProcessId] = (byWorkProcess[entry.workProcessId] ?? 0) + entry.hours;
    total += entry.hours;
  }
  return { byWorkProcess, total };
}

/** RTI hours attended over the months up to and including `throughMonth` (all months when omitted). */
export function rtiTotal(record: ApprenticeRecord, throughMonth?: string): number {
  return record.rti.byMonth.filter((entry) => throughMonth === undefined || entry.month <= throughMonth).reduce((sum, entry) => sum + entry.hours, 0);
}

/** The status in force at the end of `date`, from the history; null before the first event. */
export function statusOn(record: ApprenticeRecord, date: string): RegistrationStatus | null {
  let status: RegistrationStatus | null = null;
  for (const event of record.agreement.statusHistory) if (event.effectiveDate <= date) status = event.toStatus;
  return status;
}

const EXIT_STATUSES: ReadonlySet<RegistrationStatus> = new Set(['completed', 'cancelled', 'transferred']);

/** The event that ended the agreement (completion, cancellation or transfer) on or before `date`, if any. */
export function exitEventBy(record: ApprenticeRecord, date: string): StatusEventRecord | null {
  return record.agreement.statusHistory.find((event) => EXIT_STATUSES.has(event.toStatus) && event.effectiveDate <= date) ?? null;
}

/** The hourly rate in force on `date` (the latest step effective on or before it), in cents; null before the first step. */
export function wageOn(record: ApprenticeRecord, date: string): number | null {
  let rate: number | null = null;
  for (const step of record.wages.history) if (step.effectiveDate <= date) rate = step.rateCents;
  return rate;
}
