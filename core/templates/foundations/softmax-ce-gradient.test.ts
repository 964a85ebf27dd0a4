/**
 * softmax-ce-gradient: the key is tf.grad of tf.losses.softmaxCrossEntropy (mean over the batch)
 * with respect to the stem's logits, over hundreds of seeds; the misconceptions and parts are
 * recomputed from tf's softmax; plus a hand-worked case.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { correctNumbers, mcq } from '../test-helpers';
import { SEEDS, candidate, capture, close, drawnAt, keyOf, list, part } from './test-support';

const ID = 'softmax-ce-gradient';
const TF_TOL = 2e-6;

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  tf.tidy(() => tf.scalar(0).dataSync());
  warn.mockRestore();
});

/** ∂(mean softmax cross-entropy)/∂logits of a batch, by tf's autodiff. */
function tfGrad(logits: number[][], targets: number[]): number[][] {
  return tf.tidy(() => {
    const onehot = tf.oneHot(targets, logits[0].length);
    const loss = (z: tf.Tensor) => tf.losses.softmaxCrossEntropy(onehot, z as tf.Tensor2D);
    return tf.grad(loss)(tf.tensor2d(logits)).arraySync() as number[][];
  });
}

describe('softmax-ce-gradient against tf.grad', () => {
  it(`matches key, misconceptions and parts over ${SEEDS} seeds`, () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt(ID, seed);
      const batch = problem.stem.includes('batch of two');
      const z = list(capture(problem.stem, /z(?:\^\{\(1\)\})? = \[([^\]]+)\]/));
      const y = Number(capture(problem.stem, /y = (\d+)\$/));
      const logits = [z];
      const targets = [y];
      if (batch) {
        logits.push(list(capture(problem.stem, /z\^\{\(2\)\} = \[([^\]]+)\]/)));
        targets.push(Number(capture(problem.stem, /with true class (\d+)\./)));
      }
      const n = logits.length;
      const grad = tfGrad(logits, targets)[0];
      expect(close(keyOf(problem), grad, TF_TOL), `seed ${seed} key`).toBe(true);
      const p = tf.tidy(() => tf.softmax(tf.tensor1d(z)).arraySync() as number[]);
      const onehot = z.map((_, i) => (i === y ? 1 : 0));
      const expected: Record<string, number[]> = {
        'grad-forgot-onehot': p.map((v) => v / n),
        'grad-sign-flipped': grad.map((g) => -g),
        'grad-logits-not-probs': z.map((v, i) => (v - onehot[i]) / n),
        'grad-subtract-all': p.map((v) => (v - 1) / n),
        'sigmoid-instead-of-softmax': z.map((v, i) => (1 / (1 + Math.exp(-v)) - onehot[i]) / n),
        'grad-forgot-batch-mean': grad.map((g) => g * n),
      };
      for (const [id, value] of Object.entries(expected)) {
        const got = candidate(problem, id);
        if (got === undefined) continue;
        seen.add(id);
        expect(close(got, value, 1e-5), `seed ${seed} ${id}`).toBe(true);
      }
      expect(close(part(problem, 'probabilities'), p, TF_TOL)).toBe(true);
      expect(close(part(problem, 'true-class-entry'), [p[y] - 1], TF_TOL)).toBe(true);
      // The gradient of one example's loss sums to zero.
      expect(Math.abs(keyOf(problem).reduce((a, b) => a + b, 0))).toBeLessThan(1e-12);
    }
    expect(seen.size).toBe(6);
  });

  it('works z = [1, 1, 2], true class 2 by hand', () => {
    // With z = [1, 1, 2]: e¹ = 2.7183, e² = 7.3891, Σ = 2.7183·2 + 7.3891 = 12.8257.
    // p = [0.2119, 0.2119, 0.5761]; true class 2: p − y = [0.2119, 0.2119, −0.4239].
    const v = mcq(ID, { z: '1,1,2', target: 2 });
    expect(correctNumbers(v)).toEqual([0.212, 0.212, -0.424]);
    const { problem } = drawnAt(ID, 0, { level: 1, z: '1,1,2', target: 2 });
    // Forgot the target: p itself. Subtract 1 everywhere: [−0.788, −0.788, −0.424].
    expect(close(candidate(problem, 'grad-forgot-onehot'), [0.2119, 0.2119, 0.5761], 1e-4)).toBe(
      true,
    );
    expect(close(candidate(problem, 'grad-subtract-all'), [-0.7881, -0.7881, -0.4239], 1e-4)).toBe(
      true,
    );
    // Logits minus target: [1, 1, 2 − 1] = [1, 1, 1].
    expect(close(candidate(problem, 'grad-logits-not-probs'), [1, 1, 1])).toBe(true);
    expect(close(part(problem, 'true-class-entry'), [-0.4239], 1e-4)).toBe(true);
  });
});
