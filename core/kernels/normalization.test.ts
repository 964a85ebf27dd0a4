import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchNormStats, layerNormStats } from './normalization';
import { KernelArgError } from './validate';

describe('batchNormStats', () => {
  it('averages each channel over the batch (the source quiz: N=3, C=3)', () => {
    // Samples [4,4,3], [0,2,5], [8,9,1]; channel c takes the c-th value of every sample.
    // mean: (4+0+8)/3 = 4, (4+2+9)/3 = 5, (3+5+1)/3 = 3.
    // var (biased, /3): ch0 (0²+4²+4²)/3 = 32/3; ch1 (1²+3²+4²)/3 = 26/3; ch2 (0²+2²+2²)/3 = 8/3.
    const { mean, var: variance } = batchNormStats([
      [4, 4, 3],
      [0, 2, 5],
      [8, 9, 1],
    ]);
    expect(mean).toEqual([4, 5, 3]);
    expect(variance[0]).toBeCloseTo(32 / 3, 12);
    expect(variance[1]).toBeCloseTo(26 / 3, 12);
    expect(variance[2]).toBeCloseTo(8 / 3, 12);
  });

  it('pools batch and spatial positions for N×C×H×W', () => {
    // N=2, C=2, H=W=2. Channel 0 holds 1..8 across both samples: mean 4.5,
    // biased var of 1..8 = (8²−1)/12 = 5.25. Channel 1 holds 10 four times and 20 four times:
    // mean 15, var 25.
    const { mean, var: variance } = batchNormStats([
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [10, 10],
          [10, 10],
        ],
      ],
      [
        [
          [5, 6],
          [7, 8],
        ],
        [
          [20, 20],
          [20, 20],
        ],
      ],
    ]);
    expect(mean).toEqual([4.5, 15]);
    expect(variance).toEqual([5.25, 25]);
  });

  it('gives variance 0 for a batch of one (biased, so no division by zero)', () => {
    expect(batchNormStats([[3, -1]])).toEqual({ mean: [3, -1], var: [0, 0] });
  });

  it('has var ≥ 0 and the mean between the channel min and max (property)', () => {
    const matrix = fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }))
      .chain(([n, c]) =>
        fc.array(
          fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: c, maxLength: c }),
          { minLength: n, maxLength: n },
        ),
      );
    fc.assert(
      fc.property(matrix, (x) => {
        const { mean, var: variance } = batchNormStats(x);
        for (let c = 0; c < x[0].length; c++) {
          const column = x.map((row) => row[c]);
          expect(variance[c]).toBeGreaterThanOrEqual(0);
          expect(mean[c]).toBeGreaterThanOrEqual(Math.min(...column) - 1e-9);
          expect(mean[c]).toBeLessThanOrEqual(Math.max(...column) + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('layerNormStats', () => {
  it('averages each sample over its features', () => {
    // [4,4,3]: mean 11/3, deviations 1/3, 1/3, −2/3 → var (1+1+4)/9/3 = 2/9.
    // [0,2,5]: mean 7/3, deviations −7/3, −1/3, 8/3 → var (49+1+64)/9/3 = 38/9.
    // [8,9,1]: mean 6, deviations 2, 3, −5 → var (4+9+25)/3 = 38/3.
    const { mean, var: variance } = layerNormStats([
      [4, 4, 3],
      [0, 2, 5],
      [8, 9, 1],
    ]);
    expect(mean[0]).toBeCloseTo(11 / 3, 12);
    expect(mean[1]).toBeCloseTo(7 / 3, 12);
    expect(mean[2]).toBe(6);
    expect(variance[0]).toBeCloseTo(2 / 9, 12);
    expect(variance[1]).toBeCloseTo(38 / 9, 12);
    expect(variance[2]).toBeCloseTo(38 / 3, 12);
  });

  it('pools C·H·W per sample for N×C×H×W', () => {
    // N=2, C=2, H=W=2. Sample 0 holds 1..4 in channel 0 and 5..8 in channel 1: all of 1..8,
    // mean 4.5, biased var (8²−1)/12 = 5.25. Sample 1 is all 7: mean 7, var 0.
    const { mean, var: variance } = layerNormStats([
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
      [
        [
          [7, 7],
          [7, 7],
        ],
        [
          [7, 7],
          [7, 7],
        ],
      ],
    ]);
    expect(mean).toEqual([4.5, 7]);
    expect(variance).toEqual([5.25, 0]);
  });
});

describe('normalization argument errors', () => {
  const cases: [string, unknown, string][] = [
    ['ragged', [[1, 2], [3]], 'x: ragged array (row 1 has 1 value, row 0 has 2)'],
    ['empty', [], 'x: empty array'],
    ['empty rows', [[], []], 'x: empty array'],
    ['NaN', [[1, NaN]], 'x: contains NaN'],
    ['3-D', [[[1]]], 'x: expected an N×C or N×C×H×W array, got 3 dimensions'],
    ['a string', 'abc', 'x: expected an N×C or N×C×H×W array'],
    ['string element', [[1, '2']], 'x: expected a 2-D array of numbers, but x[0][1] is a string'],
  ];
  for (const [name, x, message] of cases) {
    it(`refuses ${name} input`, () => {
      for (const fn of [batchNormStats, layerNormStats]) {
        const run = () => fn(x as number[][]);
        expect(run).toThrow(KernelArgError);
        expect(run).toThrow(message);
      }
    });
  }

  it('refuses overflow instead of returning Infinity', () => {
    expect(() => batchNormStats([[1e308], [1e308]])).toThrow('x: values too large');
  });
});
