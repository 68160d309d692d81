import { addDays, addMonths, daysBetween, yearsBetween } from './dates';

describe('dates', () => {
  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
  });

  it('adds days across month ends', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });

  it('counts whole years, turning on the birthday', () => {
    expect(yearsBetween('2010-06-15', '2026-06-14')).toBe(15);
    expect(yearsBetween('2010-06-15', '2026-06-15')).toBe(16);
    expect(yearsBetween('2008-02-29', '2026-02-28')).toBe(17);
  });
});

describe('daysBetween', () => {
  it('counts calendar days across month and leap-year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-12-31', '2024-12-31')).toBe(366);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });
});
