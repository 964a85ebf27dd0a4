/**
 * `attention-sdp`: key, named mistakes and parts recomputed from the stem's Q, K, V with
 * tf.matMul and tf.softmax (float32, so 1e-4), over 300 seeds; a hand-derived case.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import { candidate, drawnAt, expectClose, keyOf, matrices, part } from './test-support';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  warn.mockRestore();
});

/** softmax(Q Kᵀ / divisor) V with the softmax along `axis` (1: over keys, 0: over queries). */
function tfAttention(q: number[][], k: number[][], v: number[][], divisor: number, axis: 0 | 1) {
  return tf.tidy(() => {
    const scores = tf.matMul(tf.tensor2d(q), tf.tensor2d(k), false, true);
    const scaled = tf.div(scores, divisor);
    const w = axis === 1 ? tf.softmax(scaled) : tf.transpose(tf.softmax(tf.transpose(scaled)));
    return {
      scores: (scores.arraySync() as number[][]).flat(),
      weights: w.arraySync() as number[][],
      output: (tf.matMul(w, tf.tensor2d(v)).arraySync() as number[][]).flat(),
      raw: (tf.matMul(scaled, tf.tensor2d(v)).arraySync() as number[][]).flat(),
    };
  });
}

describe('attention-sdp against tfjs', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('attention-sdp', seed);
      const [q, k, v] = matrices(problem.stem);
      const dk = q[0].length;
      const right = tfAttention(q, k, v, Math.sqrt(dk), 1);
      const where = `seed ${seed}`;
      expectClose(keyOf(problem), right.output, 1e-4, where);
      expectClose(
        candidate(problem, 'attention-no-scaling'),
        tfAttention(q, k, v, 1, 1).output,
        1e-4,
        where,
      );
      expectClose(
        candidate(problem, 'attention-divided-by-dk'),
        tfAttention(q, k, v, dk, 1).output,
        1e-4,
        where,
      );
      expectClose(
        candidate(problem, 'attention-softmax-over-queries'),
        tfAttention(q, k, v, Math.sqrt(dk), 0).output,
        1e-4,
        where,
      );
      expectClose(
        candidate(problem, 'attention-weights-not-values'),
        right.weights.flat(),
        1e-4,
        where,
      );
      expectClose(candidate(problem, 'attention-skipped-softmax'), right.raw, 1e-4, where);
      expectClose(part(variant, 'scores'), right.scores, 1e-6, where);
      expectClose(part(variant, 'weights'), right.weights[0], 1e-4, where);
      expect(problem.stem).toContain('one row per query');
    }
  });

  it('works a hand-derived case', () => {
    // q = [2, 0, 0, 0]; keys [1, 0, 0, 0] and [0, 0, 0, 0]; d_k = 4, √d_k = 2.
    // Scores [2, 0] → scaled [1, 0] → softmax [e/(e + 1), 1/(e + 1)] = [0.731059, 0.268941].
    // V rows [1, 0] and [0, 1] → output [0.731, 0.269].
    // No scaling: softmax [2, 0] = [0.880797, 0.119203]. Divided by d_k = 4: softmax [0.5, 0]
    // = [0.622459, 0.377541]. Softmax over the single query: every weight 1 → V summed = [1, 1].
    const params = { q: '2,0,0,0', k: '1,0,0,0;0,0,0,0', v: '1,0;0,1' };
    const variant = mcq('attention-sdp', params);
    expect(correctNumbers(variant)).toEqual([0.731, 0.269]);
    const options = variant.question.options
      ?.filter((o) => !o.correct)
      .map((o) => o.misconception?.id);
    for (const id of options ?? []) {
      const shown = wrongNumbers(variant, id!);
      const expected: Record<string, number[]> = {
        'attention-no-scaling': [0.881, 0.119],
        'attention-divided-by-dk': [0.622, 0.378],
        'attention-softmax-over-queries': [1, 1],
        'attention-skipped-softmax': [1, 0],
      };
      // "Stopped at the weights" coincides with the key here (V = I), so it is never offered.
      expect(id).not.toBe('attention-weights-not-values');
      expect(shown).toEqual(expected[id!]);
    }
  });
});
