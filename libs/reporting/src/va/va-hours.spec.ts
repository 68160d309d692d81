import { DANA, KIM } from './fixtures';
import { countableHoursByMonth, fractionOf120, roundToNearest8 } from './va-hours';

describe('countableHoursByMonth', () => {
  it('counts approved OJT hours and paid in-hours RTI in the month (va.md §3.3)', () => {
    // 2025-10: 32 safety + 80 residential worked; 8 RTI hours, all paid and in working hours.
    expect(countableHoursByMonth(DANA, '2025-10')).toEqual({
      month: '2025-10',
      ojtHours: 112,
      ojtExcludedOverAllotment: 0,
      ojtExcludedUnknownProcess: 0,
      rtiCountableHours: 8,
      total: 120,
    });
  });

  it('stops counting a work process once its allotted hours are used up, counting earlier months first', () => {
    // Safety is allotted 40 h: 32 in October leave 8 of November's 16 countable.
    const november = countableHoursByMonth(DANA, '2025-11');
    expect(november).toMatchObject({ ojtHours: 116, ojtExcludedOverAllotment: 8, rtiCountableHours: 0, total: 108 });
    // Residential is allotted 600 h: 80+100+120+150+141 = 591 before March, so 9 of March's 19 count.
    const march = countableHoursByMonth(DANA, '2026-03');
    expect(march).toMatchObject({ ojtHours: 99, ojtExcludedOverAllotment: 10, total: 89 });
  });

  it('counts only the RTI hours that were paid and inside working hours', () => {
    // 2025-12: 12 RTI hours of which 6 countable; 2026-02: 16 unpaid evening hours, none countable.
    expect(countableHoursByMonth(DANA, '2025-12')).toMatchObject({ ojtHours: 120, rtiCountableHours: 6, total: 126 });
    expect(countableHoursByMonth(DANA, '2026-02')).toMatchObject({ ojtHours: 141, rtiCountableHours: 0, total: 141 });
  });

  it('keeps quarter hours exact', () => {
    expect(countableHoursByMonth(KIM, '2026-01').total).toBe(151.25);
    expect(countableHoursByMonth(KIM, '2026-02').total).toBe(142.5);
  });

  it('excludes hours on a work process the record does not list', () => {
    const record = { ...DANA, ojt: { approvedByMonth: [...DANA.ojt.approvedByMonth, { month: '2026-07', workProcessId: 'wp-gone', hours: 10 }] } };
    expect(countableHoursByMonth(record, '2026-07')).toMatchObject({ ojtHours: 170, ojtExcludedUnknownProcess: 10, total: 160 });
  });

  it('gives zeros for a month without entries', () => {
    expect(countableHoursByMonth(DANA, '2026-05')).toEqual({
      month: '2026-05',
      ojtHours: 0,
      ojtExcludedOverAllotment: 0,
      ojtExcludedUnknownProcess: 0,
      rtiCountableHours: 0,
      total: 0,
    });
  });
});

describe('roundToNearest8', () => {
  it.each([
    [0, 0],
    [3.99, 0],
    [89, 88],
    [108.5, 112],
    [126, 128],
    [151.25, 152],
    [119.99, 120],
  ])('rounds %d hours to %d', (hours, rounded) => {
    expect(roundToNearest8(hours)).toBe(rounded);
  });

  it('rounds a value exactly halfway per the configured tie rule (unverified, default up)', () => {
    expect(roundToNearest8(116)).toBe(120);
    expect(roundToNearest8(116, 'up')).toBe(120);
    expect(roundToNearest8(116, 'down')).toBe(112);
    // 116 lies between 14×8 and 15×8: the even multiple is 14×8 = 112.
    expect(roundToNearest8(116, 'even')).toBe(112);
    // 108 lies between 13×8 and 14×8: the even multiple is 14×8 = 112.
    expect(roundToNearest8(108, 'even')).toBe(112);
    expect(roundToNearest8(4, 'down')).toBe(0);
    expect(roundToNearest8(4, 'up')).toBe(8);
  });

  it('refuses negative hours', () => {
    expect(() => roundToNearest8(-1)).toThrow(RangeError);
  });
});

describe('fractionOf120', () => {
  it('is rounded ÷ 120, capped at 1, as a 4-place decimal', () => {
    expect(fractionOf120(88)).toEqual({ numerator: 88, denominator: 120, decimal: '0.7333', fullTime: false });
    expect(fractionOf120(8)).toEqual({ numerator: 8, denominator: 120, decimal: '0.0667', fullTime: false });
    expect(fractionOf120(64)).toMatchObject({ decimal: '0.5333' });
    expect(fractionOf120(0)).toMatchObject({ decimal: '0.0000', fullTime: false });
  });

  it('is full time at 120 hours or more', () => {
    expect(fractionOf120(120)).toEqual({ numerator: 120, denominator: 120, decimal: '1.0000', fullTime: true });
    expect(fractionOf120(152)).toEqual({ numerator: 120, denominator: 120, decimal: '1.0000', fullTime: true });
    expect(fractionOf120(112)).toMatchObject({ decimal: '0.9333', fullTime: false });
  });

  it('accepts only hours already rounded to a multiple of 8', () => {
    expect(() => fractionOf120(100)).toThrow(RangeError);
    expect(() => fractionOf120(-8)).toThrow(RangeError);
  });
});
