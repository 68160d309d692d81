import { ApprenticeRecord } from '../record/apprentice-record';

/**
 * VA monthly hours (va.md §3.3, §4): approved OJT hours in approved work processes, each process
 * capped cumulatively at its allotted hours, plus related instruction that was both paid and inside
 * working hours. Computed in hundredths of an hour so sums never drift.
 */
export interface CountableHours {
  month: string;
  /** Approved OJT hours worked in the month, before any exclusion. */
  ojtHours: number;
  /** OJT hours on a work process beyond its allotted (max) hours, counting every earlier month first. */
  ojtExcludedOverAllotment: number;
  /** OJT hours on a work process the record does not list: not an approved work process. */
  ojtExcludedUnknownProcess: number;
  /** RTI hours both paid and inside working hours. */
  rtiCountableHours: number;
  total: number;
}

export const FULL_TIME_HOURS = 120;
const CENTI = 100;

function centi(hours: number): number {
  return Math.round(hours * CENTI);
}

function hoursOf(centiHours: number): number {
  return centiHours / CENTI;
}

export function zeroHours(month: string): CountableHours {
  return { month, ojtHours: 0, ojtExcludedOverAllotment: 0, ojtExcludedUnknownProcess: 0, rtiCountableHours: 0, total: 0 };
}

/**
 * Countable hours of every month with OJT or RTI data up to and including `throughMonth`, in one
 * pass: allotments are consumed oldest month first, so a month's exclusion depends on all earlier
 * months (including those before the VA enrollment, since the allotment is used up either way).
 */
export function countableHoursTimeline(record: ApprenticeRecord, throughMonth: string): Map<string, CountableHours> {
  const allotted = new Map(record.workProcesses.map((process) => [process.id, centi(process.maxHours)]));
  const ojtByMonth = new Map<string, Map<string, number>>();
  for (const entry of record.ojt.approvedByMonth) {
    if (entry.month > throughMonth) continue;
    const byProcess = ojtByMonth.get(entry.month) ?? new Map<string, number>();
    byProcess.set(entry.workProcessId, (byProcess.get(entry.workProcessId) ?? 0) + centi(entry.hours));
    ojtByMonth.set(entry.month, byProcess);
  }
  const rtiByMonth = new Map<string, number>();
  for (const entry of record.rti.byMonth) {
    if (entry.month > throughMonth) continue;
    rtiByMonth.set(entry.month, (rtiByMonth.get(entry.month) ?? 0) + centi(entry.vaCountableHours));
  }

  const used = new Map<string, number>();
  const timeline = new Map<string, CountableHours>();
  const months = [...new Set([...ojtByMonth.keys(), ...rtiByMonth.keys()])].sort();
  for (const month of months) {
    let worked = 0;
    let overAllotment = 0;
    let unknownProcess = 0;
    for (const [processId, hours] of ojtByMonth.get(month) ?? []) {
      worked += hours;
      const max = allotted.get(processId);
      if (max === undefined) {
        unknownProcess += hours;
        continue;
      }
      const before = used.get(processId) ?? 0;
      overAllotment += hours - Math.min(hours, Math.max(0, max - before));
      used.set(processId, before + hours);
    }
    const rti = rtiByMonth.get(month) ?? 0;
    timeline.set(month, {
      month,
      ojtHours: hoursOf(worked),
      ojtExcludedOverAllotment: hoursOf(overAllotment),
      ojtExcludedUnknownProcess: hoursOf(unknownProcess),
      rtiCountableHours: hoursOf(rti),
      total: hoursOf(worked - overAllotment - unknownProcess + rti),
    });
  }
  return timeline;
}

export function countableHoursByMonth(record: ApprenticeRecord, month: string): CountableHours {
  return countableHoursTimeline(record, month).get(month) ?? zeroHours(month);
}

/**
 * How a value exactly halfway between two multiples of 8 rounds (e.g. 116 → 112 or 120). The
 * statutes say "rounded to the nearest multiple of 8" without a tie rule [unverified — confirm
 * before relying]; `up` is the default, `down` and `even` (to the multiple of 16) are the options.
 */
export type RoundingTie = 'up' | 'down' | 'even';
export const ROUNDING_TIES: readonly RoundingTie[] = ['up', 'down', 'even'];

export function roundToNearest8(hours: number, tie: RoundingTie = 'up'): number {
  const value = centi(hours);
  if (value < 0) throw new RangeError(`hours must not be negative: ${hours}`);
  const eight = 8 * CENTI;
  const lower = Math.floor(value / eight);
  const remainder = value - lower * eight;
  let eights: number;
  if (remainder < eight / 2) eights = lower;
  else if (remainder > eight / 2) eights = lower + 1;
  else if (tie === 'up') eights = lower + 1;
  else if (tie === 'down') eights = lower;
  else eights = lower % 2 === 0 ? lower : lower + 1;
  return eights * 8;
}

/** The share of a full-time month: exactly numerator/120, and as a decimal rounded half up to 4 places. */
export interface FullTimeFraction {
  numerator: number;
  denominator: typeof FULL_TIME_HOURS;
  decimal: string;
  fullTime: boolean;
}

/** min(1, rounded ÷ 120) for hours already rounded to a multiple of 8 (va.md §4). */
export function fractionOf120(roundedHours: number): FullTimeFraction {
  if (!Number.isInteger(roundedHours) || roundedHours < 0 || roundedHours % 8 !== 0) {
    throw new RangeError(`expected hours rounded to a non-negative multiple of 8, got ${roundedHours}`);
  }
  const numerator = Math.min(roundedHours, FULL_TIME_HOURS);
  const tenThousandths = Math.floor((numerator * 10000 * 2 + FULL_TIME_HOURS) / (2 * FULL_TIME_HOURS));
  const decimal = `${Math.floor(tenThousandths / 10000)}.${String(tenThousandths % 10000).padStart(4, '0')}`;
  return { numerator, denominator: FULL_TIME_HOURS, decimal, fullTime: numerator === FULL_TIME_HOURS };
}
