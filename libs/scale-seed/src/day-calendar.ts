/**
 * Calendar arithmetic on whole days since 1970-01-01 (UTC), for generating millions of dates
 * without building Date objects. Conversions follow Howard Hinnant's days_from_civil and
 * civil_from_days algorithms; ISO strings are cached for the years generated data uses.
 */

export type Day = number;

export function dayFromCivil(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilFromDay(value: Day): [year: number, month: number, day: number] {
  const z = value + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const CACHE_FROM = dayFromCivil(1930, 1, 1);
const CACHE_TO = dayFromCivil(2101, 1, 1);
let isoCache: string[] | null = null;

function formatIso(value: Day): string {
  const [year, month, day] = civilFromDay(value);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 'YYYY-MM-DD' of a day. */
export function isoOf(value: Day): string {
  if (value < CACHE_FROM || value >= CACHE_TO) return formatIso(value);
  if (!isoCache) isoCache = Array.from({ length: CACHE_TO - CACHE_FROM }, (_, offset) => formatIso(CACHE_FROM + offset));
  return isoCache[value - CACHE_FROM];
}

export function dayOf(iso: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = dayFromCivil(year, month, day);
  if (formatIso(value) !== iso) throw new Error(`Not a calendar date: ${iso}`);
  return value;
}

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Same rule as @journeyline/common/dates addMonths: the day is clamped to the end of shorter months. */
export function addMonthsDay(value: Day, months: number): Day {
  const [year, month, day] = civilFromDay(value);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return dayFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(value: Day): number {
  return (((value + 4) % 7) + 7) % 7;
}

/** Month of the year, 1–12. */
export function monthOf(value: Day): number {
  return civilFromDay(value)[1];
}

/** Federal fiscal year N runs from 1 October of N-1 to 30 September of N. */
export function fiscalYearStart(fiscalYear: number): Day {
  return dayFromCivil(fiscalYear - 1, 10, 1);
}
