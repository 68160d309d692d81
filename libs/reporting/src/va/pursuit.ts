import { ApprenticeRecord } from '../record/apprentice-record';
import { benefitStep } from './benefit-steps';
import { monthOf, monthsFromTo } from './calendar-months';
import { CountableHours, countableHoursTimeline, zeroHours } from './va-hours';
import { enrollmentWindow, pursuingInMonth, pursuitIntervals } from './va-status';

/** One calendar month of a VA enrollment. */
export interface VaMonth {
  month: string;
  hours: CountableHours;
  /** Enrolled with VA and registered/reinstated on at least one day of the month. */
  enrolledAndActive: boolean;
  /** A month of pursuit: enrolled and active, with countable hours above zero. */
  isPursuit: boolean;
  /** Months of pursuit since the enrollment start, before this month. */
  pursuitMonthsBefore: number;
  /** 1-based number of this month of pursuit; null when the month is not one. */
  pursuitMonth: number | null;
  /**
   * The benefit step: for a month of pursuit, its own; otherwise the step at which pursuit would
   * resume (a break carries the count over, it never resets it — va.md §5, BVA 18159410). Null for
   * chapters without steps.
   */
  step: number | null;
}

/**
 * Every month from the VA enrollment start through `throughMonth`. Months of pursuit are counted
 * from the enrollment start, skipping months without pursuit, so the 6-month steps follow pursuit,
 * not calendar time.
 */
export function vaTimeline(record: ApprenticeRecord, throughMonth: string): VaMonth[] {
  const enrollment = enrollmentWindow(record);
  const intervals = pursuitIntervals(record);
  const hours = countableHoursTimeline(record, throughMonth);
  const stepAfter = (months: number) => (record.va === null ? null : benefitStep(record.va.chapter, months));
  let before = 0;
  return monthsFromTo(monthOf(enrollment.from), throughMonth).map((month) => {
    const monthHours = hours.get(month) ?? zeroHours(month);
    const enrolledAndActive = pursuingInMonth(intervals, enrollment, month);
    const isPursuit = enrolledAndActive && monthHours.total > 0;
    const entry: VaMonth = {
      month,
      hours: monthHours,
      enrolledAndActive,
      isPursuit,
      pursuitMonthsBefore: before,
      pursuitMonth: isPursuit ? before + 1 : null,
      step: stepAfter(before),
    };
    if (isPursuit) before += 1;
    return entry;
  });
}

/** The pursuit position of one month (see VaMonth); a month before the enrollment has no pursuit. */
export function pursuitPeriod(record: ApprenticeRecord, month: string): VaMonth {
  const found = vaTimeline(record, month).find((entry) => entry.month === month);
  return (
    found ?? {
      month,
      hours: zeroHours(month),
      enrolledAndActive: false,
      isPursuit: false,
      pursuitMonthsBefore: 0,
      pursuitMonth: null,
      step: record.va === null ? null : benefitStep(record.va.chapter, 0),
    }
  );
}
