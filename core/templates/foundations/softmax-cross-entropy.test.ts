/**
 * softmax-cross-entropy: key, misconceptions and parts recomputed with TensorFlow.js
 * (tf.losses.softmaxCrossEntropy on the stem's logits, mean over the batch) over hundreds of
 * seeds, plus a hand-worked case.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { correctNumbers, mcq } from '../test-helpers';
import { SEEDS, candidate, captureAll, close, drawnAt, keyOf, list, part } from './test-support';

const ID = 'softmax-cross-entropy';
const TF_TOL = 2e-5;

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  tf.tidy(() => tf.scalar(0).dataSync());
  warn.mockRestore();
});

/** tf's softmax cross-entropy of a batch of logits and class indices (mean over the batch). */
function tfLoss(logits: number[][], targets: number[], applySoftmaxFirst = false): number {
  return tf.tidy(() => {
    const onehot = tf.oneHot(targets, logits[0].length);
    let z: tf.Tensor2D = tf.tensor2d(logits);
    if (applySoftmaxFirst) z = tf.softmax(z);
    return tf.losses.softmaxCrossEntropy(onehot, z).dataSync()[0];
  });
}

/** Per-example probabilities from tf.softmax. */
function tfProbs(logits: number[][]): number[][] {
  return tf.tidy(() => tf.softmax(tf.tensor2d(logits)).arraySync() as number[][]);
}

describe('softmax-cross-entropy against tf.losses.softmaxCrossEntropy', () => {
  it(`matches key, misconceptions and parts over ${SEEDS} seeds`, () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt(ID, seed);
      const logits = captureAll(problem.stem, /z = \[([^\]]+)\]/g).map(list);
      const targets = captureAll(problem.stem, /y = (\d+)\$/g).map(Number);
      expect(logits.length, `seed ${seed}`).toBe(targets.length);
      const n = logits.length;
      const probs = tfProbs(logits);
      const perExample = logits.map((z, i) => tfLoss([z], [targets[i]]));
      const key = tfLoss(logits, targets);
      expect(close(keyOf(problem), [key], TF_TOL), `seed ${seed} key`).toBe(true);
      const mean = (f: (i: number) => number) => logits.reduce((acc, _z, i) => acc + f(i), 0) / n;
      const argmax = (z: number[]) => z.indexOf(Math.max(...z));
      const expected: Record<string, number> = {
        'ce-log10': mean((i) => -Math.log10(probs[i][targets[i]])),
        'ce-softmax-twice': tfLoss(logits, targets, true),
        'ce-predicted-class': mean((i) => -Math.log(probs[i][argmax(logits[i])])),
        'ce-one-minus-p': mean((i) => -Math.log(1 - probs[i][targets[i]])),
        'sigmoid-instead-of-softmax': mean(
          (i) => -Math.log(1 / (1 + Math.exp(-logits[i][targets[i]]))),
        ),
        'normalised-without-exp': mean(
          (i) => -Math.log(logits[i][targets[i]] / logits[i].reduce((a, b) => a + b, 0)),
        ),
        'ce-forgot-minus': -key,
        'summed-not-averaged': key * n,
      };
      for (const [id, value] of Object.entries(expected)) {
        const got = candidate(problem, id);
        if (got === undefined) continue;
        seen.add(id);
        expect(close(got, [value], 1e-4), `seed ${seed} ${id}`).toBe(true);
      }
      expect(close(part(problem, 'true-class-probability'), [probs[0][targets[0]]], TF_TOL)).toBe(
        true,
      );
      // log-sum-exp = loss + z_y.
      expect(
        close(part(problem, 'log-sum-exp'), [perExample[0] + logits[0][targets[0]]], 1e-4),
      ).toBe(true);
      if (n === 2) expect(close(part(problem, 'second-loss'), [perExample[1]], TF_TOL)).toBe(true);
    }
    expect(seen.size).toBe(8);
  });

  it('works z = [2, 1, 0], true class 0 by hand', () => {
    // Σ e^z = e² + e + 1 = 7.3891 + 2.7183 + 1 = 11.1073; p₀ = 7.3891 / 11.1073 = 0.6652.
    // L = −ln 0.6652 = ln 11.1073 − 2 = 2.4076 − 2 = 0.4076 → 0.408.
    // log10: 0.4076 / 2.3026 = 0.177. 1 − p₀ = 0.3348 → −ln 0.3348 = 1.094.
    // Sigmoid of z₀ = 2: σ = 0.8808, −ln 0.8808 = 0.127. No exp: −ln(2/3) = 0.405.
    const v = mcq(ID, { z: '2,1,0', target: 0 });
    expect(correctNumbers(v)).toEqual([0.408]);
    const { problem } = drawnAt(ID, 0, { level: 1, z: '2,1,0', target: 0 });
    expect(close(candidate(problem, 'ce-log10'), [0.177], 5e-4)).toBe(true);
    expect(close(candidate(problem, 'ce-one-minus-p'), [1.094], 5e-4)).toBe(true);
    expect(close(candidate(problem, 'sigmoid-instead-of-softmax'), [0.127], 5e-4)).toBe(true);
    // Class 0 has the largest logit, so "predicted class" is no different mistake here; and
    // z₂ = 0 is not positive, so "divide the raw logits by their sum" is not offered.
    expect(candidate(problem, 'ce-predicted-class')).toBeUndefined();
    expect(candidate(problem, 'normalised-without-exp')).toBeUndefined();
    expect(close(part(problem, 'true-class-probability'), [0.6652], 5e-4)).toBe(true);
    expect(close(part(problem, 'log-sum-exp'), [2.4076], 5e-4)).toBe(true);
    expect(v.question.stem).toMatch(/natural log/);
    expect(v.question.stem).toMatch(/raw logits/);
  });
});
