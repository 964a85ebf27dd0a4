import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dice, iou } from './segmentation';
import { KernelArgError } from './validate';

// The source quiz's ground-truth mask A and prediction mask B.
const A = [
  [0.1, 0.47, 0.88, 0.25],
  [0.65, 0.11, 0.66, 1],
  [0.91, 0.0, 0.99, 0.29],
  [0.78, 1, 0.4, 0.99],
];
const B = [
  [0.01, 0.44, 0.48, 0.18],
  [0.6, 0.09, 0.97, 0.99],
  [0.87, 0.02, 0.98, 0.2],
  [0.77, 0.99, 0.4, 0.99],
];

describe('dice and iou', () => {
  it('give the source quiz’s soft Dice ≈ 0.786', () => {
    // Row sums of A: 1.70, 2.42, 2.19, 3.17 → ΣA = 9.48.
    // Row sums of B: 1.11, 2.65, 2.07, 3.15 → ΣB = 8.98.
    // Row sums of A·B: 0.001+0.2068+0.4224+0.045 = 0.6752; 0.39+0.0099+0.6402+0.99 = 2.0301;
    //   0.7917+0+0.9702+0.058 = 1.8199; 0.6006+0.99+0.16+0.9801 = 2.7307 → ΣAB = 7.2559.
    // Dice = 2·7.2559 / (9.48 + 8.98) = 14.5118 / 18.46 = 0.78612…
    // IoU = 7.2559 / (18.46 − 7.2559) = 7.2559 / 11.2041 = 0.64761…
    expect(dice(A, B)).toBeCloseTo(14.5118 / 18.46, 12);
    expect(dice(A, B)).toBeCloseTo(0.786, 3);
    expect(iou(A, B)).toBeCloseTo(7.2559 / 11.2041, 12);
  });

  it('count hard masks as overlaps', () => {
    // a has 3 ones, b has 2, they share 1: Dice = 2·1/(3+2) = 0.4, IoU = 1/(3+2−1) = 0.25.
    const a = [
      [1, 1],
      [1, 0],
    ];
    const b = [
      [0, 1],
      [0, 1],
    ];
    expect(dice(a, b)).toBe(0.4);
    expect(iou(a, b)).toBe(0.25);
  });

  it('define two empty masks as perfect agreement (1), one empty mask as 0', () => {
    const empty = [
      [0, 0],
      [0, 0],
    ];
    expect(dice(empty, empty)).toBe(1);
    expect(iou(empty, empty)).toBe(1);
    expect(
      dice(empty, [
        [0, 1],
        [0, 0],
      ]),
    ).toBe(0);
    expect(
      iou(empty, [
        [0, 1],
        [0, 0],
      ]),
    ).toBe(0);
  });

  it('are in [0, 1], symmetric, 1 on identical hard masks, and agree on hard masks (property)', () => {
    const masks = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
      .chain(([h, w]) => {
        const mask = fc.array(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: w, maxLength: w }),
          {
            minLength: h,
            maxLength: h,
          },
        );
        return fc.tuple(mask, mask);
      });
    fc.assert(
      fc.property(masks, ([a, b]) => {
        for (const score of [dice(a, b), iou(a, b)]) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
        expect(dice(a, b)).toBe(dice(b, a));
        expect(iou(a, b)).toBe(iou(b, a));
        const hardA = a.map((row) => row.map((v) => (v > 0.5 ? 1 : 0)));
        const hardB = b.map((row) => row.map((v) => (v > 0.5 ? 1 : 0)));
        expect(dice(hardA, hardA)).toBe(1);
        const d = dice(hardA, hardB);
        // For hard masks IoU = Dice / (2 − Dice).
        expect(iou(hardA, hardB)).toBeCloseTo(d / (2 - d), 12);
      }),
      { numRuns: 500 },
    );
  });

  it('refuse shape misfits, values outside [0, 1], NaN and ragged masks', () => {
    expect(() => dice([[1, 0]], [[1], [0]])).toThrow("b: shape 2×1 does not match a's 1×2");
    expect(() => iou([[1.5]], [[1]])).toThrow('a: values must be in [0, 1], got 1.5 at a[0][0]');
    expect(() => dice([[1]], [[-0.1]])).toThrow('b: values must be in [0, 1]');
    expect(() => dice([[NaN]], [[1]])).toThrow('a: contains NaN');
    expect(() =>
      iou(
        [[1, 0], [1]],
        [
          [1, 0],
          [1, 0],
        ],
      ),
    ).toThrow('a: ragged array');
    expect(() => dice([], [])).toThrow(KernelArgError);
  });
});
