import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxPool2d, maxUnpool2d } from './pooling';
import { KernelArgError } from './validate';

/** The `arg` of the KernelArgError that `run` throws. */
function argOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof KernelArgError) return error.arg;
  }
  return undefined;
}

describe('maxPool2d', () => {
  it('keeps each window’s maximum and where it was (flat, row-major)', () => {
    // 2×2 windows, stride 2, over a 4×4 map (W = 4, so index = row·4 + col):
    //   top-left  {1,3,4,2} → 4 at (1,0) = 4     top-right    {2,1,0,5} → 5 at (1,3) = 7
    //   bottom-left {1,1,3,0} → 3 at (3,0) = 12  bottom-right {2,2,6,1} → 6 at (3,2) = 14
    const { y, indices } = maxPool2d(
      [
        [1, 3, 2, 1],
        [4, 2, 0, 5],
        [1, 1, 2, 2],
        [3, 0, 6, 1],
      ],
      2,
      2,
    );
    expect(y).toEqual([
      [4, 5],
      [3, 6],
    ]);
    expect(indices).toEqual([
      [4, 7],
      [12, 14],
    ]);
  });

  it('lets the first maximum in row-major order win a tie', () => {
    // Three 2s: (0,0), (0,1), (1,0); the first one scanned is index 0.
    expect(
      maxPool2d(
        [
          [2, 2],
          [2, 1],
        ],
        2,
        2,
      ).indices,
    ).toEqual([[0]]);
  });

  it('floors the output size and allows overlapping windows', () => {
    // 3×5 map, kernel 2, stride 2: ⌊(3−2)/2⌋+1 = 1 row, ⌊(5−2)/2⌋+1 = 2 columns; the last row
    // and column are never covered. Kernel 2 stride 1 on 2×3: windows overlap, 1×2 output.
    const x = [
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15],
    ];
    expect(maxPool2d(x, 2, 2)).toEqual({ y: [[7, 9]], indices: [[6, 8]] });
    expect(
      maxPool2d(
        [
          [9, 1, 0],
          [0, 0, 0],
        ],
        2,
        1,
      ),
    ).toEqual({ y: [[9, 1]], indices: [[0, 1]] });
  });
});

describe('maxUnpool2d', () => {
  it('puts each value back at its index and zeros elsewhere', () => {
    // Pooled [[50, 10], [44, 20]] from a 4×4 map with maxima at (0,0), (0,3), (2,0), (2,3):
    // flat indices 0, 3, 8, 11.
    expect(
      maxUnpool2d(
        [
          [50, 10],
          [44, 20],
        ],
        [
          [0, 3],
          [8, 11],
        ],
        [4, 4],
      ),
    ).toEqual([
      [50, 0, 0, 10],
      [0, 0, 0, 0],
      [44, 0, 0, 20],
      [0, 0, 0, 0],
    ]);
  });

  it('accepts a shared maximum of overlapping windows (same index, same value)', () => {
    // Kernel 2, stride 1 over [[1, 9, 1]]… the 9 at index 1 is the max of both windows.
    const { y, indices } = maxPool2d(
      [
        [1, 9, 1],
        [0, 0, 0],
      ],
      2,
      1,
    );
    expect(indices).toEqual([[1, 1]]);
    expect(maxUnpool2d(y, indices, [2, 3])).toEqual([
      [0, 9, 0],
      [0, 0, 0],
    ]);
  });

  it('refuses bad indices, naming them', () => {
    const cases: [() => unknown, string, string][] = [
      [
        () => maxUnpool2d([[1]], [[4]], [2, 2]),
        'indices',
        'indices[0][0] = 4 is out of range for outputShape 2×2 (valid 0..3)',
      ],
      [() => maxUnpool2d([[1]], [[-1]], [2, 2]), 'indices', 'out of range'],
      [() => maxUnpool2d([[1]], [[0.5]], [2, 2]), 'indices', 'must be an integer'],
      [
        () => maxUnpool2d([[1, 2]], [[3, 3]], [2, 2]),
        'indices',
        'repeats index 3 (also at indices[0][0]) with a different value',
      ],
      [() => maxUnpool2d([[1, 2]], [[0]], [2, 2]), 'indices', "shape 1×1 does not match y's 1×2"],
      [
        () => maxUnpool2d([[1]], [[0]], [2, 0] as [number, number]),
        'outputShape',
        'positive integer',
      ],
      [
        () => maxUnpool2d([[1]], [[0]], [2] as unknown as [number, number]),
        'outputShape',
        'must be [height, width]',
      ],
      [() => maxUnpool2d([[NaN]], [[0]], [2, 2]), 'y', 'y: contains NaN'],
    ];
    for (const [run, arg, message] of cases) {
      expect(run).toThrow(KernelArgError);
      expect(run).toThrow(message);
      expect(argOf(run)).toBe(arg);
    }
  });
});

describe('pooling properties', () => {
  const pooled = fc
    .record({
      h: fc.integer({ min: 1, max: 7 }),
      w: fc.integer({ min: 1, max: 7 }),
      k: fc.integer({ min: 1, max: 4 }),
      s: fc.integer({ min: 1, max: 4 }),
    })
    .filter(({ h, w, k }) => k <= h && k <= w)
    .chain((d) =>
      fc.record({
        d: fc.constant(d),
        // Small integers make ties common, which exercises the first-max rule.
        x: fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d.w, maxLength: d.w }), {
          minLength: d.h,
          maxLength: d.h,
        }),
      }),
    );

  it('each index points at the first maximum of its window (property)', () => {
    fc.assert(
      fc.property(pooled, ({ d, x }) => {
        const { y, indices } = maxPool2d(x, d.k, d.s);
        y.forEach((row, r) =>
          row.forEach((v, c) => {
            const window: number[] = [];
            for (let i = r * d.s; i < r * d.s + d.k; i++) {
              for (let j = c * d.s; j < c * d.s + d.k; j++) window.push(i * d.w + j);
            }
            const values = window.map((at) => x[Math.floor(at / d.w)][at % d.w]);
            expect(v).toBe(Math.max(...values));
            expect(indices[r][c]).toBe(window[values.indexOf(v)]);
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('unpool ∘ pool keeps the maxima in place and zeros elsewhere (property)', () => {
    fc.assert(
      fc.property(pooled, ({ d, x }) => {
        const { y, indices } = maxPool2d(x, d.k, d.s);
        const back = maxUnpool2d(y, indices, [d.h, d.w]);
        const kept = new Set(indices.flat());
        for (let r = 0; r < d.h; r++) {
          for (let c = 0; c < d.w; c++) {
            expect(back[r][c]).toBe(kept.has(r * d.w + c) ? x[r][c] : 0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('maxPool2d argument errors', () => {
  it('refuses a window larger than the map, stride 0 and ragged input', () => {
    expect(() => maxPool2d([[1, 2]], 2, 1)).toThrow(
      'kernel: window 2×2 does not fit the input 1×2',
    );
    expect(() => maxPool2d([[1, 2]], 1, 0)).toThrow('stride: must be a positive integer, got 0');
    expect(() => maxPool2d([[1, 2], [3]], 1, 1)).toThrow(
      'x: ragged array (row 1 has 1 value, row 0 has 2)',
    );
    expect(() => maxPool2d([[1]], 0, 1)).toThrow(KernelArgError);
  });
});
