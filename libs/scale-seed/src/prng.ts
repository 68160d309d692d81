/**
 * Deterministic randomness for generated data. sfc32 (Chris Doty-Humphrey's small fast counter
 * generator) rather than mulberry32: mulberry32 has a single 32-bit state, so millions of
 * substreams overlap and the uuids drawn from them would collide; sfc32 keeps 128 bits of state in
 * 32-bit integer arithmetic, which V8 runs as fast.
 */

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * The substream `index` of stream `stream` under `seed`. Distinct (seed, stream, index) triples
   * start from distinct states, so every apprentice (and every table) draws its own numbers and
   * can be regenerated on its own.
   */
  constructor(seed: number, stream = 0, index = 0) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32((index | 0) ^ Math.imul(stream + 1, 0x27d4eb2f));
    this.c = mix32(Math.imul(seed, 0x165667b1) + (index | 0) + Math.imul(stream, 0x61c88647));
    this.d = 1;
    for (let round = 0; round < 12; round += 1) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** 16 random bytes formatted as an RFC 4122 version 4 uuid. */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = this.nextUint32();
    const w2 = this.nextUint32();
    const w3 = this.nextUint32();
    return (
      HEX[w0 >>> 24] + HEX[(w0 >>> 16) & 255] + HEX[(w0 >>> 8) & 255] + HEX[w0 & 255] + '-' +
      HEX[w1 >>> 24] + HEX[(w1 >>> 16) & 255] + '-' +
      HEX[0x40 | ((w1 >>> 8) & 0x0f)] + HEX[w1 & 255] + '-' +
      HEX[0x80 | ((w2 >>> 24) & 0x3f)] + HEX[(w2 >>> 16) & 255] + '-' +
      HEX[(w2 >>> 8) & 255] + HEX[w2 & 255] + HEX[w3 >>> 24] + HEX[(w3 >>> 16) & 255] + HEX[(w3 >>> 8) & 255] + HEX[w3 & 255]
    );
  }
}

/** A fixed discrete distribution, drawn by a binary search over cumulative weights. */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (!entries.length) throw new Error('A weighted choice needs at least one entry');
    this.values = entries.map(([value]) => value);
    let sum = 0;
    this.cumulative = entries.map(([, weight]) => {
      if (!(weight >= 0)) throw new Error('Weights must not be negative');
      return (sum += weight);
    });
    if (!(sum > 0)) throw new Error('Weights must not all be zero');
    this.total = sum;
  }

  draw(prng: Prng): T {
    const target = prng.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return this.values[low];
  }

  /** The share of the total weight carried by the values matching `predicate`. */
  share(predicate: (value: T) => boolean): number {
    let sum = 0;
    this.values.forEach((value, index) => {
      if (predicate(value)) sum += this.cumulative[index] - (index ? this.cumulative[index - 1] : 0);
    });
    return sum / this.total;
  }
}
