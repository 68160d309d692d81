import { DANA, MARCUS } from './fixtures';
import { atJourneyworkerWageAllMonth, currentWage, entryWage, percentOfJourneyworker, wageChangesInMonth, wageOn, wagesForHours } from './va-wages';

describe('VA wages', () => {
  it('takes the latest wage effective on or before the month end', () => {
    expect(currentWage(DANA, '2026-02')?.rateCents).toBe(1925);
    expect(currentWage(DANA, '2026-03')?.rateCents).toBe(2310);
    expect(wageOn(DANA, '2026-03-14')?.rateCents).toBe(1925);
    expect(wageOn(DANA, '2025-10-05')).toBeNull();
    expect(entryWage(DANA)?.rateCents).toBe(1925);
  });

  it('lets the later of two same-day entries win', () => {
    const record = { ...DANA, wages: { ...DANA.wages, history: [...DANA.wages.history, { step: 3, rateCents: 2400, effectiveDate: '2026-03-15', trigger: 'confirmed' as const }] } };
    expect(currentWage(record, '2026-03')?.rateCents).toBe(2400);
  });

  it('expresses a rate as a percentage of the journeyworker rate, exact to 2 decimals', () => {
    expect(percentOfJourneyworker(1925, 3850)).toBe('50.00');
    // 2350 / 3850 = 61.0389… → 61.04
    expect(percentOfJourneyworker(2350, 3850)).toBe('61.04');
    // 1 / 3 = 33.333… → 33.33; 2 / 3 = 66.666… → 66.67
    expect(percentOfJourneyworker(1000, 3000)).toBe('33.33');
    expect(percentOfJourneyworker(2000, 3000)).toBe('66.67');
    expect(percentOfJourneyworker(1000, 0)).toBeNull();
  });

  it('lists wage changes that took effect in the month', () => {
    expect(wageChangesInMonth(DANA, '2026-03')).toBe('2026-03-15: 23.10');
    expect(wageChangesInMonth(DANA, '2026-04')).toBeNull();
    // The entry wage on 2025-10-06 starts the schedule; it is not an adjustment.
    expect(wageChangesInMonth(DANA, '2025-10')).toBeNull();
  });

  it('knows when the journeyworker wage was paid from the first day of a month', () => {
    expect(atJourneyworkerWageAllMonth(MARCUS, '2026-04')).toBe(false);
    expect(atJourneyworkerWageAllMonth(MARCUS, '2026-05')).toBe(true);
  });

  it('computes wages for hours to the cent, rounding half up', () => {
    // 151.25 h × $21.37 = $3,232.2125 → $3,232.21
    expect(wagesForHours(151.25, 2137)).toBe(323221);
    // 0.5 h × $0.01 = $0.005 → $0.01
    expect(wagesForHours(0.5, 1)).toBe(1);
  });
});
