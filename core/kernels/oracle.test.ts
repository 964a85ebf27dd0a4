/**
 * The kernels against two independent oracles:
 * - TensorFlow.js (CPU backend, float32): the frameworks' own conventions (padding, stride,
 *   transposed-conv layout, biased moments, argmax order), at float32 tolerance;
 * - naive double-precision references written here in a deliberately different form (explicit
 *   matrices for conv/convT, Welford for moments, argmax by search, softmax as 1/Σexp(z_j − z_i)),
 *   at 1e-9.
 * fast-check prints the seed and the shrunk counterexample of any failure.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { softmax } from './activations';
import { conv1d, conv2d, convTranspose1d, convTranspose2d } from './convolution';
import { batchNormStats, layerNormStats } from './normalization';
import { maxPool2d } from './pooling';

const TF_RUNS = 300;
const REF_RUNS = 2000;
const TF_TOL = 1e-4;
const REF_TOL = 1e-9;

beforeAll(async () => {
  // The CPU backend prints a "use tfjs-node" hint on first use; keep the test output clean.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  tf.tidy(() => tf.scalar(0).dataSync());
  warn.mockRestore();
});

// Values tfjs can hold exactly (float32), so both sides see the same inputs.
const f32 = fc.float({ min: Math.fround(-10), max: Math.fround(10), noNaN: true });
const vec = (n: number) => fc.array(f32, { minLength: n, maxLength: n });
const mat = (h: number, w: number) => fc.array(vec(w), { minLength: h, maxLength: h });
const tensor4 = (n: number, c: number, h: number, w: number) =>
  fc.array(fc.array(mat(h, w), { minLength: c, maxLength: c }), { minLength: n, maxLength: n });

/**
 * |a − b| ≤ tol·(|b| + scale) element-wise, with a readable failure. Against float32 tfjs an
 * absolute floor is added: float32 flushes results below ~1e-38 to zero.
 */
function expectClose(
  actual: readonly number[],
  expected: ArrayLike<number>,
  tol: number,
  scale = 1,
): void {
  expect(actual.length).toBe(expected.length);
  const floor = tol === TF_TOL ? 1e-30 : 0;
  for (let i = 0; i < actual.length; i++) {
    const bound = tol * (Math.abs(expected[i]) + scale) + floor;
    if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
      expect.fail(`element ${i}: ${actual[i]} vs ${expected[i]} (allowed ±${bound})`);
    }
  }
}

const maxAbs = (values: readonly number[]) => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const sumAbs = (values: readonly number[]) => values.reduce((s, v) => s + Math.abs(v), 0);

// ---- naive double-precision references ---------------------------------------------------

/**
 * The convolution as an explicit (out × n) matrix over the *unpadded* input:
 * M[o][t] = w[t + p − o·s] when that kernel index exists. conv1d(x) = M·x, convT1d(y) = Mᵀ·y.
 */
function convMatrix1d(n: number, w: readonly number[], s: number, p: number): number[][] {
  const out = Math.floor((n + 2 * p - w.length) / s) + 1;
  return Array.from({ length: out }, (_, o) =>
    Array.from({ length: n }, (_, t) => {
      const j = t + p - o * s;
      return j >= 0 && j < w.length ? w[j] : 0;
    }),
  );
}

/** The 2-D convolution as a matrix over flattened (row-major) input and output. */
function convMatrix2d(
  h: number,
  wd: number,
  w: readonly (readonly number[])[],
  s: number,
  p: number,
): { m: number[][]; outH: number; outW: number } {
  const [kh, kw] = [w.length, w[0].length];
  const outH = Math.floor((h + 2 * p - kh) / s) + 1;
  const outW = Math.floor((wd + 2 * p - kw) / s) + 1;
  const m: number[][] = [];
  for (let r = 0; r < outH; r++) {
    for (let c = 0; c < outW; c++) {
      const row = new Array<number>(h * wd).fill(0);
      for (let i = 0; i < h; i++) {
        for (let j = 0; j < wd; j++) {
          const a = i + p - r * s;
          const b = j + p - c * s;
          if (a >= 0 && a < kh && b >= 0 && b < kw) row[i * wd + j] = w[a][b];
        }
      }
      m.push(row);
    }
  }
  return { m, outH, outW };
}

const matVec = (m: number[][], v: readonly number[]) =>
  m.map((row) => row.reduce((s, a, i) => s + a * v[i], 0));
const matTVec = (m: number[][], v: readonly number[]) =>
  m[0].map((_, j) => m.reduce((s, row, i) => s + row[j] * v[i], 0));

/** Welford's one-pass mean and biased variance. */
function welford(values: readonly number[]): [number, number] {
  let mean = 0;
  let m2 = 0;
  values.forEach((v, i) => {
    const delta = v - mean;
    mean += delta / (i + 1);
    m2 += delta * (v - mean);
  });
  return [mean, m2 / values.length];
}

/** Values of channel c (all samples and positions) of an N×C×H×W tensor. */
const channelValues = (x: number[][][][], c: number) => x.flatMap((sample) => sample[c].flat());

// ---- shape generators ----------------------------------------------------------------------

const conv1dCase = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    k: fc.integer({ min: 1, max: 6 }),
    s: fc.integer({ min: 1, max: 4 }),
    p: fc.integer({ min: 0, max: 3 }),
  })
  .filter(({ n, k, p }) => k <= n + 2 * p)
  .chain((d) => fc.record({ d: fc.constant(d), x: vec(d.n), w: vec(d.k) }));

const conv2dCase = fc
  .record({
    h: fc.integer({ min: 1, max: 7 }),
    w: fc.integer({ min: 1, max: 7 }),
    kh: fc.integer({ min: 1, max: 4 }),
    kw: fc.integer({ min: 1, max: 4 }),
    s: fc.integer({ min: 1, max: 3 }),
    p: fc.integer({ min: 0, max: 2 }),
  })
  .filter(({ h, w, kh, kw, p }) => kh <= h + 2 * p && kw <= w + 2 * p)
  .chain((d) => fc.record({ d: fc.constant(d), x: mat(d.h, d.w), w: mat(d.kh, d.kw) }));

const convT1dCase = fc
  .record({
    n: fc.integer({ min: 1, max: 10 }),
    k: fc.integer({ min: 1, max: 6 }),
    s: fc.integer({ min: 1, max: 4 }),
    p: fc.integer({ min: 0, max: 3 }),
  })
  .filter(({ n, k, s, p }) => (n - 1) * s + k - 2 * p >= 1)
  .chain((d) => fc.record({ d: fc.constant(d), x: vec(d.n), w: vec(d.k) }));

const convT2dCase = fc
  .record({
    h: fc.integer({ min: 1, max: 5 }),
    w: fc.integer({ min: 1, max: 5 }),
    kh: fc.integer({ min: 1, max: 4 }),
    kw: fc.integer({ min: 1, max: 4 }),
    s: fc.integer({ min: 1, max: 3 }),
    p: fc.integer({ min: 0, max: 2 }),
  })
  .filter(({ h, w, kh, kw, s, p }) => (h - 1) * s + kh > 2 * p && (w - 1) * s + kw > 2 * p)
  .chain((d) => fc.record({ d: fc.constant(d), x: mat(d.h, d.w), w: mat(d.kh, d.kw) }));

const matrixCase = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }))
  .chain(([n, c]) => mat(n, c));

const tensor4Case = fc
  .tuple(
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 3 }),
  )
  .chain(([n, c, h, w]) => tensor4(n, c, h, w));

const poolCase = fc
  .record({
    h: fc.integer({ min: 1, max: 8 }),
    w: fc.integer({ min: 1, max: 8 }),
    k: fc.integer({ min: 1, max: 4 }),
    s: fc.integer({ min: 1, max: 4 }),
  })
  .filter(({ h, w, k }) => k <= h && k <= w)
  .chain((d) =>
    fc.record({
      d: fc.constant(d),
      // Few distinct values so that ties, and the first-max rule, come up often.
      x: fc.array(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: d.w, maxLength: d.w }), {
        minLength: d.h,
        maxLength: d.h,
      }),
    }),
  );

const softmaxCase = fc.record({
  z: fc.array(fc.float({ min: Math.fround(-20), max: Math.fround(20), noNaN: true }), {
    minLength: 1,
    maxLength: 16,
  }),
  t: fc.constantFrom(0.25, 0.5, 1, 2, 4),
});

// ---- against tfjs --------------------------------------------------------------------------

/** x zero-padded by p on both ends. */
const pad1d = (x: readonly number[], p: number) => [
  ...new Array<number>(p).fill(0),
  ...x,
  ...new Array<number>(p).fill(0),
];
const pad2d = (x: readonly (readonly number[])[], p: number) => {
  const width = x[0].length + 2 * p;
  const zeros = () => new Array<number>(width).fill(0);
  return [
    ...Array.from({ length: p }, zeros),
    ...x.map((row) => pad1d(row, p)),
    ...Array.from({ length: p }, zeros),
  ];
};

describe('kernels against TensorFlow.js (float32)', () => {
  it('conv1d = tf.conv1d (NWC, valid, after zero-padding)', () => {
    fc.assert(
      fc.property(conv1dCase, ({ d, x, w }) => {
        const expected = tf.tidy(() =>
          tf
            .conv1d(
              tf.tensor3d(pad1d(x, d.p), [1, d.n + 2 * d.p, 1]),
              tf.tensor3d(w, [d.k, 1, 1]),
              d.s,
              'valid',
            )
            .dataSync(),
        );
        expectClose(conv1d(x, w, d.s, d.p), expected, TF_TOL, maxAbs(x) * sumAbs(w));
      }),
      { numRuns: TF_RUNS },
    );
  });

  it('conv2d = tf.conv2d (NHWC, valid, after zero-padding)', () => {
    fc.assert(
      fc.property(conv2dCase, ({ d, x, w }) => {
        const expected = tf.tidy(() =>
          tf
            .conv2d(
              tf.tensor4d(pad2d(x, d.p).flat(), [1, d.h + 2 * d.p, d.w + 2 * d.p, 1]),
              tf.tensor4d(w.flat(), [d.kh, d.kw, 1, 1]),
              [d.s, d.s],
              'valid',
            )
            .dataSync(),
        );
        expectClose(
          conv2d(x, w, d.s, d.p).flat(),
          expected,
          TF_TOL,
          maxAbs(x.flat()) * sumAbs(w.flat()),
        );
      }),
      { numRuns: TF_RUNS },
    );
  });

  /**
   * tf.conv2dTranspose with 'valid' padding gives the full output; crop pH rows and pW columns
   * from each side.
   */
  function tfConvTranspose2d(
    x: number[][],
    w: number[][],
    s: number,
    pH: number,
    pW: number,
  ): { values: number[]; height: number; width: number } {
    const [h, wd, kh, kw] = [x.length, x[0].length, w.length, w[0].length];
    const fullH = (h - 1) * s + kh;
    const fullW = (wd - 1) * s + kw;
    const full = tf.tidy(() =>
      tf
        .conv2dTranspose(
          tf.tensor4d(x.flat(), [1, h, wd, 1]),
          tf.tensor4d(w.flat(), [kh, kw, 1, 1]),
          [1, fullH, fullW, 1],
          [s, s],
          'valid',
        )
        .dataSync(),
    );
    const values: number[] = [];
    for (let r = pH; r < fullH - pH; r++) {
      for (let c = pW; c < fullW - pW; c++) values.push(full[r * fullW + c]);
    }
    return { values, height: fullH - 2 * pH, width: fullW - 2 * pW };
  }

  it('convTranspose1d = tf.conv2dTranspose on a 1×n map, cropped', () => {
    fc.assert(
      fc.property(convT1dCase, ({ d, x, w }) => {
        const expected = tfConvTranspose2d([x], [w], d.s, 0, d.p);
        expectClose(
          convTranspose1d(x, w, d.s, d.p),
          expected.values,
          TF_TOL,
          maxAbs(x) * sumAbs(w),
        );
      }),
      { numRuns: TF_RUNS },
    );
  });

  it('convTranspose2d = tf.conv2dTranspose (valid), cropped', () => {
    fc.assert(
      fc.property(convT2dCase, ({ d, x, w }) => {
        const expected = tfConvTranspose2d(x, w, d.s, d.p, d.p);
        const y = convTranspose2d(x, w, d.s, d.p);
        expect([y.length, y[0].length]).toEqual([expected.height, expected.width]);
        expectClose(y.flat(), expected.values, TF_TOL, maxAbs(x.flat()) * sumAbs(w.flat()));
      }),
      { numRuns: TF_RUNS },
    );
  });

  it('batch and layer norm statistics = tf.moments over the right axes (N×C)', () => {
    fc.assert(
      fc.property(matrixCase, (x) => {
        const scale = maxAbs(x.flat()) ** 2;
        const [bMean, bVar, lMean, lVar] = tf.tidy(() => {
          const t = tf.tensor2d(x);
          const batch = tf.moments(t, [0]);
          const layer = tf.moments(t, [1]);
          return [batch.mean, batch.variance, layer.mean, layer.variance].map((v) => v.dataSync());
        });
        const batch = batchNormStats(x);
        const layer = layerNormStats(x);
        expectClose(batch.mean, bMean, TF_TOL, maxAbs(x.flat()));
        expectClose(batch.var, bVar, TF_TOL, scale);
        expectClose(layer.mean, lMean, TF_TOL, maxAbs(x.flat()));
        expectClose(layer.var, lVar, TF_TOL, scale);
      }),
      { numRuns: TF_RUNS },
    );
  });

  it('batch and layer norm statistics = tf.moments over the right axes (N×C×H×W)', () => {
    fc.assert(
      fc.property(tensor4Case, (x) => {
        const flat = x.flat(3);
        const scale = maxAbs(flat) ** 2;
        const [bMean, bVar, lMean, lVar] = tf.tidy(() => {
          const t = tf.tensor4d(x);
          const batch = tf.moments(t, [0, 2, 3]);
          const layer = tf.moments(t, [1, 2, 3]);
          return [batch.mean, batch.variance, layer.mean, layer.variance].map((v) => v.dataSync());
        });
        const batch = batchNormStats(x);
        const layer = layerNormStats(x);
        expectClose(batch.mean, bMean, TF_TOL, maxAbs(flat));
        expectClose(batch.var, bVar, TF_TOL, scale);
        expectClose(layer.mean, lMean, TF_TOL, maxAbs(flat));
        expectClose(layer.var, lVar, TF_TOL, scale);
      }),
      { numRuns: TF_RUNS },
    );
  });

  it('maxPool2d values and indices = tf.maxPoolWithArgmax (valid, first max wins)', () => {
    fc.assert(
      fc.property(poolCase, ({ d, x }) => {
        const [values, indexes] = tf.tidy(() => {
          const { result, indexes } = tf.maxPoolWithArgmax(
            tf.tensor4d(x.flat(), [1, d.h, d.w, 1]),
            d.k,
            d.s,
            'valid',
          );
          return [Array.from(result.dataSync()), Array.from(indexes.dataSync())];
        });
        const { y, indices } = maxPool2d(x, d.k, d.s);
        expect(y.flat()).toEqual(values);
        expect(indices.flat()).toEqual(indexes);
      }),
      { numRuns: TF_RUNS },
    );
  });

  it('softmax = tf.softmax(z / T)', () => {
    fc.assert(
      fc.property(softmaxCase, ({ z, t }) => {
        const expected = tf.tidy(() => tf.softmax(tf.tensor1d(z.map((v) => v / t))).dataSync());
        const p = softmax(z, t);
        for (let i = 0; i < p.length; i++) {
          expect(Math.abs(p[i] - expected[i])).toBeLessThanOrEqual(TF_TOL * expected[i] + 1e-6);
        }
      }),
      { numRuns: TF_RUNS },
    );
  });
});

// ---- against the double-precision references -----------------------------------------------

describe('kernels against naive double-precision references', () => {
  it('conv1d = explicit matrix M·x', () => {
    fc.assert(
      fc.property(conv1dCase, ({ d, x, w }) => {
        const expected = matVec(convMatrix1d(d.n, w, d.s, d.p), x);
        expectClose(conv1d(x, w, d.s, d.p), expected, REF_TOL, maxAbs(x) * sumAbs(w));
      }),
      { numRuns: REF_RUNS },
    );
  });

  it('conv2d = explicit matrix over flattened maps', () => {
    fc.assert(
      fc.property(conv2dCase, ({ d, x, w }) => {
        const { m, outH, outW } = convMatrix2d(d.h, d.w, w, d.s, d.p);
        const y = conv2d(x, w, d.s, d.p);
        expect([y.length, y[0].length]).toEqual([outH, outW]);
        expectClose(y.flat(), matVec(m, x.flat()), REF_TOL, maxAbs(x.flat()) * sumAbs(w.flat()));
      }),
      { numRuns: REF_RUNS },
    );
  });

  it('convTranspose1d = Mᵀ·x, M the conv matrix of the output length', () => {
    fc.assert(
      fc.property(convT1dCase, ({ d, x, w }) => {
        // convT maps length n to L = (n−1)s + k − 2p; conv with the same w, s, p maps L back to n.
        const outLength = (d.n - 1) * d.s + d.k - 2 * d.p;
        const m = convMatrix1d(outLength, w, d.s, d.p);
        expect(m).toHaveLength(d.n);
        expectClose(convTranspose1d(x, w, d.s, d.p), matTVec(m, x), REF_TOL, maxAbs(x) * sumAbs(w));
      }),
      { numRuns: REF_RUNS },
    );
  });

  it('convTranspose2d = Mᵀ·x over flattened maps', () => {
    fc.assert(
      fc.property(convT2dCase, ({ d, x, w }) => {
        const outH = (d.h - 1) * d.s + d.kh - 2 * d.p;
        const outW = (d.w - 1) * d.s + d.kw - 2 * d.p;
        const { m } = convMatrix2d(outH, outW, w, d.s, d.p);
        const y = convTranspose2d(x, w, d.s, d.p);
        expect([y.length, y[0].length]).toEqual([outH, outW]);
        expectClose(y.flat(), matTVec(m, x.flat()), REF_TOL, maxAbs(x.flat()) * sumAbs(w.flat()));
      }),
      { numRuns: REF_RUNS },
    );
  });

  it('batch/layer norm statistics = Welford per channel / per sample', () => {
    fc.assert(
      fc.property(matrixCase, tensor4Case, (x2, x4) => {
        const scale2 = maxAbs(x2.flat()) ** 2;
        const scale4 = maxAbs(x4.flat(3)) ** 2;
        const b2 = batchNormStats(x2);
        const cols = x2[0].map((_, c) => welford(x2.map((row) => row[c])));
        expectClose(
          b2.mean,
          cols.map(([m]) => m),
          REF_TOL,
          Math.sqrt(scale2),
        );
        expectClose(
          b2.var,
          cols.map(([, v]) => v),
          REF_TOL,
          scale2,
        );
        const l2 = layerNormStats(x2);
        const rows = x2.map((row) => welford(row));
        expectClose(
          l2.mean,
          rows.map(([m]) => m),
          REF_TOL,
          Math.sqrt(scale2),
        );
        expectClose(
          l2.var,
          rows.map(([, v]) => v),
          REF_TOL,
          scale2,
        );
        const b4 = batchNormStats(x4);
        const channels = x4[0].map((_, c) => welford(channelValues(x4, c)));
        expectClose(
          b4.mean,
          channels.map(([m]) => m),
          REF_TOL,
          Math.sqrt(scale4),
        );
        expectClose(
          b4.var,
          channels.map(([, v]) => v),
          REF_TOL,
          scale4,
        );
        const l4 = layerNormStats(x4);
        const samples = x4.map((sample) => welford(sample.flat(2)));
        expectClose(
          l4.mean,
          samples.map(([m]) => m),
          REF_TOL,
          Math.sqrt(scale4),
        );
        expectClose(
          l4.var,
          samples.map(([, v]) => v),
          REF_TOL,
          scale4,
        );
      }),
      { numRuns: REF_RUNS },
    );
  });

  it('maxPool2d = max of each window found by search, index of its first occurrence', () => {
    fc.assert(
      fc.property(poolCase, ({ d, x }) => {
        const flat = x.flat();
        const { y, indices } = maxPool2d(x, d.k, d.s);
        expect(y).toHaveLength(Math.floor((d.h - d.k) / d.s) + 1);
        y.forEach((row, r) => {
          expect(row).toHaveLength(Math.floor((d.w - d.k) / d.s) + 1);
          row.forEach((v, c) => {
            const window: number[] = [];
            for (let i = 0; i < d.k; i++) {
              for (let j = 0; j < d.k; j++) window.push((r * d.s + i) * d.w + (c * d.s + j));
            }
            const max = Math.max(...window.map((at) => flat[at]));
            expect(v).toBe(max);
            expect(indices[r][c]).toBe(window.find((at) => flat[at] === max));
          });
        });
      }),
      { numRuns: REF_RUNS },
    );
  });

  it('softmax = 1 / Σ_j exp((z_j − z_i) / T)', () => {
    fc.assert(
      fc.property(softmaxCase, ({ z, t }) => {
        const expected = z.map((zi) => 1 / z.reduce((s, zj) => s + Math.exp((zj - zi) / t), 0));
        expectClose(softmax(z, t), expected, REF_TOL, 1e-300);
      }),
      { numRuns: REF_RUNS },
    );
  });
});
