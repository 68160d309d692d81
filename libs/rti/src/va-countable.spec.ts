import { isVaCountable, rtiHourTotals, sumHours, vaCountableHours } from './va-countable';

describe('VA-countable RTI', () => {
  it.each([
    [true, true, true],
    [true, false, false],
    [false, true, false],
    [false, false, false],
  ])('paid=%s, during work hours=%s counts for VA: %s', (paid, duringWorkHours, expected) => {
    expect(isVaCountable({ paid, duringWorkHours })).toBe(expected);
  });

  it('sums only the paid in-hours sessions', () => {
    const sessions = [
      { hours: 3, paid: true, duringWorkHours: true },
      { hours: 2.5, paid: true, duringWorkHours: false },
      { hours: 4, paid: false, duringWorkHours: true },
      { hours: 1.75, paid: false, duringWorkHours: false },
      { hours: 0.25, paid: true, duringWorkHours: true },
    ];
    expect(vaCountableHours(sessions)).toBe(3.25);
    expect(rtiHourTotals(sessions)).toEqual({ totalHours: 11.5, vaCountableHours: 3.25 });
  });

  it('is zero when nothing qualifies or nothing was recorded', () => {
    expect(vaCountableHours([{ hours: 8, paid: false, duringWorkHours: true }])).toBe(0);
    expect(rtiHourTotals([])).toEqual({ totalHours: 0, vaCountableHours: 0 });
  });

  it('adds quarter hours exactly', () => {
    expect(sumHours(Array.from({ length: 1000 }, () => 0.25))).toBe(250);
    expect(sumHours([0.75, 0.5, 0.25])).toBe(1.5);
  });
});
