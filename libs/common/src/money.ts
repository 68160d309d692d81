/**
 * Money is kept as integer cents and percentages as integer hundredths of a percent, so no
 * arithmetic on wages ever touches a float.
 */
export function decimalToCents(value: string): number {
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function centsToDecimal(cents: number | string): string {
  const value = BigInt(cents);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** "55.5" → 5550 (hundredths of a percent). */
export function percentToBasisPoints(value: string): number {
  return decimalToCents(value);
}

export function basisPointsToPercent(basisPoints: number): string {
  return centsToDecimal(basisPoints);
}

/** Rate in cents for a percentage of a journeyworker rate, rounded half up to the cent. */
export function percentOfRate(rateCents: number, basisPoints: number): number {
  return Number((BigInt(rateCents) * BigInt(basisPoints) + 5000n) / 10000n);
}
