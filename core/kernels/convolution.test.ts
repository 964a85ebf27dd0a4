import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conv1d,
  conv2d,
  convTranspose1d,
  convTranspose1dContributions,
  convTranspose2d,
} from './convolution';
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

const value = fc.double({ min: -10, max: 10, noNaN: true });
const vectorOf = (n: number) => fc.array(value, { minLength: n, maxLength: n });
const matrixOf = (h: number, w: number) => fc.array(vectorOf(w), { minLength: h, maxLength: h });
const dot = (a: readonly number[], b: readonly number[]) =>
  a.reduce((sum, v, i) => sum + v * b[i], 0);

describe('conv1d', () => {
  it('cross-correlates without flipping the kernel', () => {
    // w = [1, 0, −1] slides over [1,2,3,4,5]: y[o] = x[o] − x[o+2] → [1−3, 2−4, 3−5].
    expect(conv1d([1, 2, 3, 4, 5], [1, 0, -1])).toEqual([-2, -2, -2]);
  });

  it('zero-pads both ends and strides', () => {
    // Padded x = [0,1,2,3,4,5,0]; length ⌊(5+2−3)/2⌋+1 = 3; y[o] = xp[2o] − xp[2o+2]:
    // 0−2, 2−4, 4−0.
    expect(conv1d([1, 2, 3, 4, 5], [1, 0, -1], 2, 1)).toEqual([-2, -2, 4]);
  });

  it('drops the tail a stride cannot reach (floor)', () => {
    // n=6, k=2, s=3: ⌊(6−2)/3⌋+1 = 2 outputs, windows at 0 and 3: 1+2, 4+5.
    expect(conv1d([1, 2, 3, 4, 5, 6], [1, 1], 3)).toEqual([3, 9]);
  });
});

describe('conv2d', () => {
  const x = [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ];
  const w = [
    [1, 0],
    [0, -1],
  ];

  it('cross-correlates a map with a kernel', () => {
    // y[r][c] = x[r][c] − x[r+1][c+1]: 1−5, 2−6, 4−8, 5−9.
    expect(conv2d(x, w)).toEqual([
      [-4, -4],
      [-4, -4],
    ]);
  });

  it('zero-pads all sides and strides both axes', () => {
    // xp is 5×5 with x in the middle; output ⌊(3+2−2)/2⌋+1 = 2 per axis;
    // y[r][c] = xp[2r][2c] − xp[2r+1][2c+1]: 0−1, 0−3, 0−7, 5−9.
    expect(conv2d(x, w, 2, 1)).toEqual([
      [-1, -3],
      [-7, -4],
    ]);
  });
});

describe('convTranspose1d', () => {
  it('reproduces the source quiz: [5,4,3,2,1] by [1,2,3,4], stride 2, no cropping', () => {
    // Each x[i] drops x[i]·[1,2,3,4] at position 2i; full length (5−1)·2 + 4 = 12.
    //   i=0 → 5,10,15,20 at 0..3     i=1 → 4,8,12,16 at 2..5     i=2 → 3,6,9,12 at 4..7
    //   i=3 → 2,4,6,8 at 6..9        i=4 → 1,2,3,4 at 8..11
    // Sums: y0=5, y1=10, y2=15+4=19, y3=20+8=28, y4=12+3=15, y5=16+6=22, y6=9+2=11,
    //       y7=12+4=16, y8=6+1=7, y9=8+2=10, y10=3, y11=4.
    expect(convTranspose1d([5, 4, 3, 2, 1], [1, 2, 3, 4], 2)).toEqual([
      5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4,
    ]);
  });

  it('crops padding from each end (PyTorch convention)', () => {
    // The 12 values above minus the first and the last: length 12 − 2·1 = 10.
    expect(convTranspose1d([5, 4, 3, 2, 1], [1, 2, 3, 4], 2, 1)).toEqual([
      10, 19, 28, 15, 22, 11, 16, 7, 10, 3,
    ]);
  });

  it('leaves zeros between copies when the stride exceeds the kernel', () => {
    // [1,2] by [1,1], stride 3: copies at 0..1 and 3..4; position 2 is never reached.
    expect(convTranspose1d([1, 2], [1, 1], 3)).toEqual([1, 1, 0, 2, 2]);
  });

  it('lists which x[i]·w[k] products add up at each output', () => {
    const { y, terms } = convTranspose1dContributions([5, 4, 3, 2, 1], [1, 2, 3, 4], 2);
    expect(y).toEqual(convTranspose1d([5, 4, 3, 2, 1], [1, 2, 3, 4], 2));
    // y2 = x0·w2 + x1·w0 = 5·3 + 4·1 = 19.
    expect(terms[2]).toEqual([
      { i: 0, k: 2, product: 15 },
      { i: 1, k: 0, product: 4 },
    ]);
    expect(terms[11]).toEqual([{ i: 4, k: 3, product: 4 }]);
    // With padding 1 the first output is the full output's y1 = x0·w1 = 10.
    expect(convTranspose1dContributions([5, 4, 3, 2, 1], [1, 2, 3, 4], 2, 1).terms[0]).toEqual([
      { i: 0, k: 1, product: 10 },
    ]);
  });

  it('contributions always sum to y and match convTranspose1d (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) => vectorOf(n)),
        fc.integer({ min: 1, max: 5 }).chain((k) => vectorOf(k)),
        fc.integer({ min: 1, max: 4 }),
        (x, w, s) => {
          const { y, terms } = convTranspose1dContributions(x, w, s);
          expect(y).toEqual(convTranspose1d(x, w, s));
          terms.forEach((list, o) => {
            for (const t of list) {
              expect(t.i * s + t.k).toBe(o);
              expect(t.product).toBe(x[t.i] * w[t.k]);
            }
          });
          expect(terms.flat()).toHaveLength(x.length * w.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('convTranspose2d', () => {
  const x = [
    [1, 2],
    [3, 4],
  ];
  const ones = [
    [1, 1],
    [1, 1],
  ];

  it('stamps a kernel copy per input at (r·s, c·s), overlaps adding up', () => {
    // Stride 1: full 3×3. The centre gets all four copies (1+2+3+4); the edge midpoints get
    // two (1+2 above, 1+3 left, 2+4 right, 3+4 below); the corners one each.
    expect(convTranspose2d(x, ones, 1)).toEqual([
      [1, 3, 2],
      [4, 10, 6],
      [3, 7, 4],
    ]);
  });

  it('tiles without overlap at stride = kernel, then crops padding', () => {
    // Stride 2: each value fills its own 2×2 block of a 4×4 output; padding 1 keeps the
    // middle 2×2: [[1,2],[3,4]].
    expect(convTranspose2d(x, ones, 2)).toEqual([
      [1, 1, 2, 2],
      [1, 1, 2, 2],
      [3, 3, 4, 4],
      [3, 3, 4, 4],
    ]);
    expect(convTranspose2d(x, ones, 2, 1)).toEqual(x);
  });
});

describe('transposed convolution is the adjoint of convolution', () => {
  // ⟨conv(x), y⟩ = ⟨x, convT(y)⟩ for every x and y: convT is conv's transpose matrix.
  const close = (a: number, b: number, scale: number) =>
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * (1 + scale));

  it('in 1-D, with and without padding (property)', () => {
    const setup = fc
      .record({
        m: fc.integer({ min: 1, max: 8 }),
        k: fc.integer({ min: 1, max: 5 }),
        s: fc.integer({ min: 1, max: 4 }),
        p: fc.integer({ min: 0, max: 2 }),
        tail: fc.integer({ min: 0, max: 3 }),
      })
      // With padding, x's length must make convT(y) exactly as long as x; without padding a
      // tail the stride skips is allowed (convT gives zeros there, extended below).
      .map((d) => ({ ...d, tail: d.p === 0 ? d.tail % d.s : 0 }))
      .filter(({ m, k, s, p }) => (m - 1) * s + k - 2 * p >= 1)
      .chain((d) => {
        const n = (d.m - 1) * d.s + d.k - 2 * d.p + d.tail;
        return fc.record({ d: fc.constant(d), x: vectorOf(n), w: vectorOf(d.k), y: vectorOf(d.m) });
      });
    fc.assert(
      fc.property(setup, ({ d, x, w, y }) => {
        const cx = conv1d(x, w, d.s, d.p);
        expect(cx).toHaveLength(d.m);
        const ty = convTranspose1d(y, w, d.s, d.p);
        const tyExtended = [...ty, ...new Array<number>(x.length - ty.length).fill(0)];
        close(dot(cx, y), dot(x, tyExtended), x.length * w.length * 1000);
      }),
      { numRuns: 1000 },
    );
  });

  it('in 2-D, with and without padding (property)', () => {
    const setup = fc
      .record({
        mh: fc.integer({ min: 1, max: 4 }),
        mw: fc.integer({ min: 1, max: 4 }),
        kh: fc.integer({ min: 1, max: 3 }),
        kw: fc.integer({ min: 1, max: 3 }),
        s: fc.integer({ min: 1, max: 3 }),
        p: fc.integer({ min: 0, max: 1 }),
      })
      .filter(({ mh, mw, kh, kw, s, p }) => (mh - 1) * s + kh > 2 * p && (mw - 1) * s + kw > 2 * p)
      .chain((d) => {
        const h = (d.mh - 1) * d.s + d.kh - 2 * d.p;
        const wd = (d.mw - 1) * d.s + d.kw - 2 * d.p;
        return fc.record({
          d: fc.constant(d),
          x: matrixOf(h, wd),
          w: matrixOf(d.kh, d.kw),
          y: matrixOf(d.mh, d.mw),
        });
      });
    fc.assert(
      fc.property(setup, ({ d, x, w, y }) => {
        const cx = conv2d(x, w, d.s, d.p);
        const ty = convTranspose2d(y, w, d.s, d.p);
        expect([ty.length, ty[0].length]).toEqual([x.length, x[0].length]);
        close(dot(cx.flat(), y.flat()), dot(x.flat(), ty.flat()), x.flat().length * 1000);
      }),
      { numRuns: 500 },
    );
  });
});

describe('convolution argument errors', () => {
  const cases: [string, () => unknown, string, string][] = [
    [
      'stride 0',
      () => conv1d([1, 2, 3], [1], 0),
      'stride',
      'stride: must be a positive integer, got 0',
    ],
    ['fractional stride', () => conv2d([[1]], [[1]], 1.5), 'stride', 'got 1.5'],
    ['negative padding', () => conv1d([1, 2], [1], 1, -1), 'padding', 'non-negative integer'],
    [
      'kernel too long',
      () => conv1d([1, 2], [1, 2, 3]),
      'w',
      'kernel length 3 exceeds the padded input length 2',
    ],
    ['kernel too big', () => conv2d([[1, 2]], [[1], [1]]), 'w', 'kernel 2×1 does not fit'],
    ['NaN weight', () => conv1d([1, 2], [NaN]), 'w', 'w: contains NaN'],
    ['Infinity input', () => conv2d([[1, Infinity]], [[1]]), 'x', 'x: contains Infinity'],
    ['empty input', () => conv1d([], [1]), 'x', 'x: empty array'],
    [
      'ragged kernel',
      () =>
        conv2d(
          [
            [1, 2],
            [3, 4],
          ],
          [[1, 2], [3]],
        ),
      'w',
      'w: ragged array (row 1 has 1 value, row 0 has 2)',
    ],
    ['convT stride 0', () => convTranspose1d([1], [1], 0), 'stride', 'positive integer'],
    ['convT over-cropping', () => convTranspose1d([1], [1, 2], 1, 1), 'padding', 'leaves nothing'],
    [
      'convT2d over-cropping',
      () => convTranspose2d([[1]], [[1]], 2, 1),
      'padding',
      'leaves nothing',
    ],
    ['overflow', () => conv1d([1e308, 1e308], [10, 10]), 'x', 'overflows'],
  ];
  for (const [name, run, arg, message] of cases) {
    it(`refuses ${name}, naming ${arg}`, () => {
      expect(run).toThrow(KernelArgError);
      expect(run).toThrow(message);
      expect(argOf(run)).toBe(arg);
    });
  }
});
