/**
 * Representation index: a group's share of apprentices divided by its share of the baseline
 * population (1.00 = represented in proportion; below 1 = under-represented).
 *
 * The apprentice share's denominator is every apprentice in the population, including those who
 * did not self-identify. A denominator without them would let anyone recover a withheld
 * "did not self-identify" count from any visible group's count and share.
 */

/** "0.4921" (a fraction, up to 6 decimals) → parts per million. */
export function shareToPpm(share: string): number {
  const [whole, fraction = ''] = share.split('.');
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
}

export function ppmToShare(ppm: number): string {
  const whole = Math.floor(ppm / 1_000_000);
  return `${whole}.${String(ppm % 1_000_000).padStart(6, '0')}`;
}

function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (2n * denominator);
}

/** count / total as a fraction with 4 decimals, e.g. "0.3125"; null when total is 0. */
export function apprenticeShare(count: number, total: number): string | null {
  if (total <= 0) return null;
  const tenThousandths = divideHalfUp(BigInt(count) * 10_000n, BigInt(total));
  return `${tenThousandths / 10_000n}.${(tenThousandths % 10_000n).toString().padStart(4, '0')}`;
}

/**
 * (count / total) / baseline, with 2 decimals, e.g. "0.85". Null when there is no apprentice
 * total or the baseline share is 0 (an index against nobody means nothing).
 */
export function representationIndex(count: number, total: number, baselinePpm: number | null): string | null {
  if (total <= 0 || !baselinePpm) return null;
  const hundredths = divideHalfUp(BigInt(count) * 100n * 1_000_000n, BigInt(total) * BigInt(baselinePpm));
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}
