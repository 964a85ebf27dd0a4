import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leakyRelu, softmax } from './activations';
import { KernelArgError } from './validate';

describe('softmax', () => {
  it('matches hand-computed values', () => {
    // z = [0, ln 3]: exp → [1, 3], sum 4 → [1/4, 3/4].
    const [p0, p1] = softmax([0, Math.log(3)]);
    expect(p0).toBeCloseTo(0.25, 14);
    expect(p1).toBeCloseTo(0.75, 14);
    // z = [1, 2, 3]: exp(z − 3) = [e⁻², e⁻¹, 1] = [0.135335, 0.367879, 1], sum 1.503215
    // → [0.090031, 0.244728, 0.665241].
    const p = softmax([1, 2, 3]);
    expect(p[0]).toBeCloseTo(0.090031, 6);
    expect(p[1]).toBeCloseTo(0.244728, 6);
    expect(p[2]).toBeCloseTo(0.665241, 6);
  });

  it('divides by the temperature first', () => {
    // T = 2 on [0, 2 ln 3]: z/T = [0, ln 3] → [1/4, 3/4].
    const hot = softmax([0, 2 * Math.log(3)], 2);
    expect(hot[0]).toBeCloseTo(0.25, 14);
    // T = 0.5 on [0, ln 2]: z/T = [0, 2 ln 2] → exp [1, 4] → [0.2, 0.8].
    const cold = softmax([0, Math.log(2)], 0.5);
    expect(cold[1]).toBeCloseTo(0.8, 14);
    // T = 2 on [1, 2, 3]: shifted (z − 3)/2 = [−1, −0.5, 0] → [0.367879, 0.606531, 1],
    // sum 1.974410 → [0.186324, 0.307196, 0.506480]: flatter than at T = 1.
    const p = softmax([1, 2, 3], 2);
    expect(p[0]).toBeCloseTo(0.186324, 6);
    expect(p[2]).toBeCloseTo(0.50648, 5);
  });

  it('does not overflow on large logits', () => {
    // exp(1000) overflows, but shifting by the max makes it [e⁻¹⁰⁰⁰ ≈ 0, 1].
    expect(softmax([0, 1000])).toEqual([0, 1]);
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
  });

  it('sums to 1, stays in [0, 1] and keeps the order of z (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        (z, t) => {
          const p = softmax(z, t);
          expect(Math.abs(p.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
          p.forEach((v, i) => {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
            if (z[i] > z[0]) expect(v).toBeGreaterThanOrEqual(p[0]);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses temperature ≤ 0, empty and non-finite logits', () => {
    expect(() => softmax([1], 0)).toThrow('temperature: must be a positive finite number, got 0');
    expect(() => softmax([1], -1)).toThrow(KernelArgError);
    expect(() => softmax([])).toThrow('z: empty array');
    expect(() => softmax([1, Infinity])).toThrow('z: contains Infinity');
  });
});

describe('leakyRelu', () => {
  it('keeps positives and scales the rest by alpha, same shape out', () => {
    // f(v) = v if v > 0 else 0.1·v.
    expect(leakyRelu([-2, 0, 3], 0.1)).toEqual([-0.2, 0, 3]);
    expect(
      leakyRelu(
        [
          [-10, 5],
          [1, -1],
        ],
        0.01,
      ),
    ).toEqual([
      [-0.1, 5],
      [1, -0.01],
    ]);
  });

  it('is the plain ReLU at alpha 0', () => {
    expect(leakyRelu([-3, 2], 0)).toEqual([-0, 2]);
  });

  it('refuses a missing alpha, NaN and ragged input', () => {
    expect(() => leakyRelu([1], NaN)).toThrow('alpha: must be a finite number, got NaN');
    expect(() => leakyRelu([[1, 2], [3]], 0.1)).toThrow('x: ragged array');
    expect(() => leakyRelu([1, NaN], 0.1)).toThrow('x: contains NaN');
  });
});
