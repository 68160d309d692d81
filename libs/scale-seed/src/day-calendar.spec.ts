import { addMonths } from '@journeyline/common/dates';
import { addMonthsDay, civilFromDay, dayFromCivil, dayOf, fiscalYearStart, isoOf, monthOf, weekday } from './day-calendar';
import { Prng } from './prng';

describe('day calendar', () => {
  it('counts days from 1970-01-01 like Date does', () => {
    for (const iso of ['1970-01-01', '1999-12-31', '2000-02-29', '2024-02-29', '2026-03-15', '1955-07-04', '2100-12-31']) {
      expect(dayOf(iso)).toBe(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
      expect(isoOf(dayOf(iso))).toBe(iso);
    }
  });

  it('round-trips every day between 1930 and 2101', () => {
    const mismatches: number[] = [];
    for (let day = dayFromCivil(1930, 1, 1); day < dayFromCivil(2101, 1, 1); day += 1) {
      const [year, month, date] = civilFromDay(day);
      if (dayFromCivil(year, month, date) !== day || dayOf(isoOf(day)) !== day) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
    expect(isoOf(dayFromCivil(2150, 6, 1))).toBe('2150-06-01');
  });

  it('refuses strings that are not calendar dates', () => {
    expect(() => dayOf('2026-02-30')).toThrow();
    expect(() => dayOf('26-02-01')).toThrow();
  });

  it('adds months exactly as the shared dates helper does', () => {
    const prng = new Prng(5);
    const mismatches: string[] = [];
    for (let draw = 0; draw < 5_000; draw += 1) {
      const day = prng.int(dayFromCivil(1950, 1, 1), dayFromCivil(2060, 1, 1));
      const months = prng.int(-800, 120);
      if (isoOf(addMonthsDay(day, months)) !== addMonths(isoOf(day), months)) mismatches.push(`${isoOf(day)} ${months}`);
    }
    expect(mismatches).toEqual([]);
    expect(isoOf(addMonthsDay(dayOf('2024-01-31'), 1))).toBe('2024-02-29');
  });

  it('names weekdays, months and fiscal years', () => {
    expect(weekday(dayOf('2026-03-15'))).toBe(0);
    expect(weekday(dayOf('2026-03-20'))).toBe(5);
    expect(monthOf(dayOf('2026-03-20'))).toBe(3);
    expect(isoOf(fiscalYearStart(2014))).toBe('2013-10-01');
  });
});
