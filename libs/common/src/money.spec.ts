import { centsToDecimal, decimalToCents, percentOfRate, percentToBasisPoints } from './money';

describe('money', () => {
  it.each([
    ['23.45', 2345],
    ['23.4', 2340],
    ['23', 2300],
    ['0.05', 5],
  ])('reads %s as %i cents', (text, cents) => {
    expect(decimalToCents(text)).toBe(cents);
  });

  it('prints cents as a two-decimal string', () => {
    expect(centsToDecimal(2345)).toBe('23.45');
    expect(centsToDecimal('5')).toBe('0.05');
    expect(centsToDecimal(-150)).toBe('-1.50');
  });

  it('takes percentages of rates exactly, rounding half up to the cent', () => {
    // 55% of $38.50 = $21.175 → $21.18
    expect(percentOfRate(3850, percentToBasisPoints('55'))).toBe(2118);
    expect(percentOfRate(3333, 5000)).toBe(1667);
    expect(percentOfRate(4000, 10000)).toBe(4000);
  });
});
