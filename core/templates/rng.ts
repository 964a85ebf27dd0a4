/**
 * A small seeded PRNG (mulberry32) with the helpers the templates need. Only 32-bit integer
 * arithmetic (`Math.imul`, shifts), so the same seed gives the same sequence on every platform
 * and JavaScript engine.
 */

/** 32-bit FNV-1a hash of a string (used to give each template its own stream). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's 32-bit finaliser: spreads nearby seeds (0, 1, 2…) far apart. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic random stream. */
export class Rng {
  private state: number;

  /** `seed` is an unsigned 32-bit integer; `stream` separates independent users of one seed. */
  constructor(seed: number, stream = 0) {
    this.state = mix32((seed >>> 0) ^ mix32(stream)) | 0;
  }

  /** The next unsigned 32-bit integer (mulberry32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform integer in [min, max] other than 0. */
  nonZeroInt(min: number, max: number): number {
    for (;;) {
      const v = this.int(min, max);
      if (v !== 0) return v;
    }
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** `length` integers in [min, max]. */
  ints(length: number, min: number, max: number): number[] {
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = this.int(min, max);
    return out;
  }

  /** `length` values k/10^decimals with k uniform in [min·10^d, max·10^d]. */
  decimals(length: number, min: number, max: number, decimals: number): number[] {
    const scale = 10 ** decimals;
    const lo = Math.round(min * scale);
    const hi = Math.round(max * scale);
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = this.int(lo, hi) / scale;
    return out;
  }
}
