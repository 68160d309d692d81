import { addDays } from '@journeyline/common/dates';

/** Calendar months travel as 'YYYY-MM'; VA certifies hours per calendar month (va.md §3, §11). */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

export function firstDayOf(month: string): string {
  return `${month}-01`;
}

export function lastDayOf(month: string): string {
  return addDays(firstDayOf(nextMonth(month)), -1);
}

export function nextMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both inclusive; empty when `from` is after `to`. */
export function monthsFromTo(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) months.push(month);
  return months;
}

/** The calendar months lying wholly inside an inclusive date range. */
export function wholeMonthsIn(period: { start: string; end: string }): string[] {
  return monthsFromTo(monthOf(period.start), monthOf(period.end)).filter(
    (month) => firstDayOf(month) >= period.start && lastDayOf(month) <= period.end,
  );
}
