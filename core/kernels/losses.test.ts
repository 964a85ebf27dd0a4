import { describe, expect, it } from 'vitest';
import { tripletLoss } from './losses';
import { KernelArgError } from './validate';

describe('tripletLoss', () => {
  const anchor = [0, 0];
  const positive = [3, 4]; // d(a, p) = 5

  it('is zero once the negative is farther than the positive by the margin', () => {
    // n = [6, 8]: d(a, n) = 10 → max(0, 5 − 10 + 1) = 0.
    expect(tripletLoss(anchor, positive, [6, 8], 1)).toBe(0);
  });

  it('penalises a negative closer than the positive', () => {
    // n = [1, 0]: d(a, n) = 1 → 5 − 1 + 1 = 5 (Euclidean); 25 − 1 + 1 = 25 (squared).
    expect(tripletLoss(anchor, positive, [1, 0], 1)).toBe(5);
    expect(tripletLoss(anchor, positive, [1, 0], 1, 'squared')).toBe(25);
  });

  it('equals the margin when both distances are equal', () => {
    // d(a, p) = d(a, n) = 1 → loss = margin = 0.2.
    expect(tripletLoss([1, 1], [1, 2], [2, 1], 0.2)).toBeCloseTo(0.2, 15);
  });

  it('refuses shape misfits, negative margins and unknown distances', () => {
    expect(() => tripletLoss([0, 0], [1], [1, 1], 1)).toThrow(
      "positive: shape 1 does not match anchor's 2",
    );
    expect(() => tripletLoss([0], [1], [1], -1)).toThrow(
      'margin: must be a non-negative finite number, got -1',
    );
    expect(() => tripletLoss([0], [1], [1], 1, 'cosine' as 'squared')).toThrow(
      'distance: must be "euclidean" or "squared", got a string ("cosine")',
    );
    expect(() => tripletLoss([0], [1], [NaN], 1)).toThrow(KernelArgError);
  });
});
