import { describe, expect, it } from 'vitest';
import { Rng, hashString } from './rng';

const first = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(first(new Rng(42, 7), 50)).toEqual(first(new Rng(42, 7), 50));
  });

  it('differs between seeds and between streams', () => {
    expect(first(new Rng(1), 5)).not.toEqual(first(new Rng(2), 5));
    expect(first(new Rng(1, hashString('iou')), 5)).not.toEqual(
      first(new Rng(1, hashString('soft-dice')), 5),
    );
  });

  it('matches an independent implementation (saved variants depend on the exact sequence)', () => {
    // Values from a separate Python implementation of the same algorithm (murmur3 finaliser of
    // seed ^ finaliser(stream), then mulberry32; FNV-1a for the stream name), not from this code.
    expect(first(new Rng(0), 3)).toEqual([1144304738, 1416247, 958946056]);
    expect(first(new Rng(42, 7), 3)).toEqual([4246559213, 799537113, 3893754508]);
    expect(hashString('iou')).toBe(2196479756);
  });

  it('draws integers inclusively and uniformly enough', () => {
    const rng = new Rng(3);
    const counts = new Map<number, number>();
    for (let i = 0; i < 6000; i++) {
      const v = rng.int(-1, 4);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([-1, 0, 1, 2, 3, 4]);
    for (const c of counts.values()) expect(c).toBeGreaterThan(800);
  });

  it('shuffles into a permutation and draws short decimals exactly', () => {
    const rng = new Rng(9);
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    for (const v of rng.decimals(100, 0, 1, 2)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Number(v.toFixed(2))).toBe(v);
    }
    for (let i = 0; i < 100; i++) expect(rng.nonZeroInt(-1, 1)).not.toBe(0);
  });
});
