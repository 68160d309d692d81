import { mix32, Prng, Weighted } from './prng';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Prng', () => {
  it('repeats the same numbers for the same seed, stream and index', () => {
    const draws = (prng: Prng) => Array.from({ length: 5 }, () => prng.nextUint32());
    expect(draws(new Prng(42, 2, 7))).toEqual(draws(new Prng(42, 2, 7)));
  });

  it('gives different numbers for a different seed, stream or index', () => {
    const first = (seed: number, stream: number, index: number) => new Prng(seed, stream, index).nextUint32();
    const base = first(42, 2, 7);
    expect(first(43, 2, 7)).not.toBe(base);
    expect(first(42, 3, 7)).not.toBe(base);
    expect(first(42, 2, 8)).not.toBe(base);
  });

  it('draws integers uniformly within both bounds', () => {
    const prng = new Prng(1);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let draw = 0; draw < 60_000; draw += 1) counts[prng.int(0, 5)] += 1;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('formats v4 uuids that do not repeat across many substreams', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 20_000; index += 1) {
      const prng = new Prng(42, 2, index);
      for (let draw = 0; draw < 5; draw += 1) seen.add(prng.uuid());
    }
    expect(seen.size).toBe(100_000);
    expect([...seen].filter((uuid) => !UUID_V4.test(uuid))).toEqual([]);
  });

  it('draws standard normal deviates', () => {
    const prng = new Prng(3);
    const values = Array.from({ length: 50_000 }, () => prng.normal());
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });
});

describe('mix32', () => {
  it('maps distinct inputs to distinct outputs', () => {
    const outputs = new Set(Array.from({ length: 100_000 }, (_, value) => mix32(value)));
    expect(outputs.size).toBe(100_000);
  });
});

describe('Weighted', () => {
  it('draws values in proportion to their weights', () => {
    const weighted = new Weighted([
      ['a', 1],
      ['b', 3],
      ['c', 0],
    ] as const);
    const prng = new Prng(9);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let draw = 0; draw < 40_000; draw += 1) counts[weighted.draw(prng)] += 1;
    expect(counts.c).toBe(0);
    expect(Math.abs(counts.a / 40_000 - 0.25)).toBeLessThan(0.01);
    expect(weighted.share((value) => value === 'b')).toBe(0.75);
  });

  it('refuses empty or all-zero weights', () => {
    expect(() => new Weighted([])).toThrow();
    expect(() => new Weighted([['a', 0]])).toThrow();
  });
});
