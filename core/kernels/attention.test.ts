import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  multiheadAttentionParams,
  scaledDotProductAttention,
  sinusoidalEncoding,
} from './attention';
import { KernelArgError } from './validate';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  warn.mockRestore();
});

const small = fc.integer({ min: -3, max: 3 });
const mat = (r: number, c: number) =>
  fc.array(fc.array(small, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });

describe('scaledDotProductAttention', () => {
  it('matches a hand computation', () => {
    // q = [1, 1], keys [1, 0] and [0, 2], d_k = 2: scores [1, 2], scaled [1/√2, 2/√2] =
    // [0.707107, 1.414214]; softmax: e^{-0.707107} = 0.493069, 1/1.493069 = 0.669762 →
    // [0.330238, 0.669762].
    // v rows [2, 0] and [0, 4]: output [2·0.330238, 4·0.669762] = [0.660477, 2.679046].
    const r = scaledDotProductAttention(
      [[1, 1]],
      [
        [1, 0],
        [0, 2],
      ],
      [
        [2, 0],
        [0, 4],
      ],
    );
    expect(r.scores).toEqual([[1, 2]]);
    expect(r.weights[0][0]).toBeCloseTo(0.330238, 5);
    expect(r.output[0][0]).toBeCloseTo(0.660477, 5);
    expect(r.output[0][1]).toBeCloseTo(2.679046, 5);
  });

  it('agrees with tf.matMul and tf.softmax over random Q, K, V (both axes)', () => {
    fc.assert(
      fc.property(mat(2, 3), mat(3, 3), mat(3, 2), (q, k, v) => {
        const mine = scaledDotProductAttention(q, k, v);
        const across = scaledDotProductAttention(q, k, v, { axis: 'queries', divisor: 3 });
        const [ref, refAcross] = tf.tidy(() => {
          const s = tf.matMul(tf.tensor2d(q), tf.tensor2d(k), false, true);
          const w = tf.softmax(tf.div(s, Math.sqrt(3)));
          const wq = tf.transpose(tf.softmax(tf.transpose(tf.div(s, 3))));
          return [
            tf.matMul(w, tf.tensor2d(v)).arraySync() as number[][],
            tf.matMul(wq, tf.tensor2d(v)).arraySync() as number[][],
          ];
        });
        mine.output.flat().forEach((x, i) => expect(x).toBeCloseTo(ref.flat()[i], 4));
        across.output.flat().forEach((x, i) => expect(x).toBeCloseTo(refAcross.flat()[i], 4));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses mismatched widths and value rows, naming the argument', () => {
    expect(() => scaledDotProductAttention([[1, 2]], [[1]], [[1]])).toThrow(KernelArgError);
    expect(() => scaledDotProductAttention([[1]], [[1], [2]], [[1]])).toThrow(/^v: has 1 rows/);
    expect(() => scaledDotProductAttention([[1]], [[1]], [[1]], { divisor: 0 })).toThrow(
      /^divisor/,
    );
  });
});

describe('multiheadAttentionParams', () => {
  it('counts in_proj 3E² + 3E and out_proj E² + E, whatever the heads', () => {
    // E = 8: in_proj_weight 3·64 = 192, in_proj_bias 24, out_proj 64 + 8 = 72 → 288.
    expect(multiheadAttentionParams(8, 2).total).toBe(288);
    expect(multiheadAttentionParams(8, 4).total).toBe(288);
    // Without bias: 192 + 64 = 256. With kdim 4, vdim 6: 64 + 32 + 48 = 144, + 24 + 72 = 240.
    expect(multiheadAttentionParams(8, 1, { bias: false }).total).toBe(256);
    expect(multiheadAttentionParams(8, 2, { kdim: 4, vdim: 6 }).total).toBe(240);
  });

  it('refuses heads that do not divide E', () => {
    expect(() => multiheadAttentionParams(10, 4)).toThrow(
      'numHeads: must divide embedDim 10, got 4',
    );
  });
});

describe('sinusoidalEncoding', () => {
  it('gives sin on even and cos on odd dimensions', () => {
    // pos 1, d 4: [sin 1, cos 1, sin(1/100), cos(1/100)] since 10000^{2/4} = 100.
    const pe = sinusoidalEncoding(1, 4);
    expect(pe[0]).toBeCloseTo(0.841471, 6);
    expect(pe[1]).toBeCloseTo(0.540302, 6);
    expect(pe[2]).toBeCloseTo(0.0099998, 6);
    expect(pe[3]).toBeCloseTo(0.99995, 6);
    expect(sinusoidalEncoding(0, 6)).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('refuses an odd width and a negative position', () => {
    expect(() => sinusoidalEncoding(1, 5)).toThrow('dModel: must be even, got 5');
    expect(() => sinusoidalEncoding(-1, 4)).toThrow(/^pos/);
  });
});
