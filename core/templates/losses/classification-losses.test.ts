/**
 * classification-losses: key, every misconception's value and every part recomputed with
 * TensorFlow.js (tf.losses.sigmoidCrossEntropy and tf.losses.softmaxCrossEntropy with
 * labelSmoothing, whose smoothing convention matches PyTorch's) from the numbers in the stem over
 * 300 seeds, plus hand-worked cases for each loss.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  SEEDS,
  candidate,
  capture,
  captureAll,
  close,
  drawnAt,
  keyOf,
  list,
  part,
} from '../foundations/test-support';
import { expectMisconceptions, useTfCpu } from './test-support';
import type { Problem } from '../types';

const ID = 'classification-losses';

useTfCpu();

const SUM = tf.Reduction.SUM;
const NONE = tf.Reduction.NONE;

/** |a − b| ≤ tol·max(1, |b|) (TensorFlow computes in float32). */
function near(got: readonly number[] | undefined, want: number, tol = 2e-5): boolean {
  return close(got, [want], tol * Math.max(1, Math.abs(want)));
}

/** tf's sigmoid cross-entropy of element logits, weights per element, reduced as asked. */
function tfBce(
  z: number[],
  t: number[],
  weights: number[] | undefined,
  reduction: tf.Reduction,
): number[] {
  return tf.tidy(() =>
    Array.from(
      tf.losses
        .sigmoidCrossEntropy(
          tf.tensor1d(t),
          tf.tensor1d(z),
          weights === undefined ? undefined : tf.tensor1d(weights),
          0,
          reduction,
        )
        .dataSync(),
    ),
  );
}

function checkBce(problem: Problem, seed: number, seen: Set<string>): void {
  const z = list(capture(problem.stem, /z = \[([^\]]+)\]/));
  const t = list(capture(problem.stem, /t = \[([^\]]+)\]/));
  const pw = /p = ([\d.]+)\$/.exec(problem.stem);
  const p = pw === null ? 1 : Number(pw[1]);
  const n = z.length;
  // pos_weight p on a 0/1 target is an element weight: p for a positive, 1 for a negative.
  const posWeights = t.map((v) => (v === 1 ? p : 1));
  const total = tfBce(z, t, posWeights, SUM)[0];
  const key = total / n;
  expect(near(keyOf(problem), key), `seed ${seed} key`).toBe(true);
  const sigmoidOfZ = tf.tidy(() => Array.from(tf.sigmoid(tf.tensor1d(z)).dataSync()));
  const perElement = tfBce(z, t, posWeights, NONE);
  const expected: Record<string, number> = {
    'bce-sigmoid-twice': tfBce(sigmoidOfZ, t, posWeights, SUM)[0] / n,
    'loss-log2': key / Math.LN2,
    // Only the positive elements keep a loss.
    'bce-dropped-negative-term': perElement.reduce((acc, l, i) => acc + t[i] * l, 0) / n,
    'pos-weight-on-negatives':
      tfBce(
        z,
        t,
        t.map((v) => (v === 1 ? 1 : p)),
        SUM,
      )[0] / n,
    'pos-weight-ignored': tfBce(z, t, undefined, tf.Reduction.SUM_BY_NONZERO_WEIGHTS)[0],
    'summed-not-averaged': total,
  };
  for (const [id, value] of Object.entries(expected)) {
    const got = candidate(problem, id);
    if (got === undefined) continue;
    seen.add(id);
    expect(near(got, value), `seed ${seed} ${id}`).toBe(true);
  }
  expect(near(part(problem, 'first-probability'), sigmoidOfZ[0])).toBe(true);
  expect(near(part(problem, 'first-element-loss'), perElement[0])).toBe(true);
}

/** tf's softmax cross-entropy of rows of logits against (soft) label rows. */
function tfCe(
  labels: number[][],
  logits: number[][],
  weights: number[] | undefined,
  reduction: tf.Reduction,
  smoothing = 0,
): number[] {
  return tf.tidy(() =>
    Array.from(
      tf.losses
        .softmaxCrossEntropy(
          tf.tensor2d(labels),
          tf.tensor2d(logits),
          weights === undefined ? undefined : tf.tensor1d(weights),
          smoothing,
          reduction,
        )
        .dataSync(),
    ),
  );
}

function checkCe(problem: Problem, seed: number, seen: Set<string>): void {
  const logits = captureAll(problem.stem, /z = \[([^\]]+)\]/g).map(list);
  const targets = captureAll(problem.stem, /y = (\d+)\$/g).map(Number);
  const k = logits[0].length;
  const n = logits.length;
  const onehot = targets.map((y) => Array.from({ length: k }, (_, c) => (c === y ? 1 : 0)));
  const smoothingMatch = /label_smoothing=([\d.]+)/.exec(problem.stem);
  const eps = smoothingMatch === null ? 0 : Number(smoothingMatch[1]);
  const weightMatch = /weight=torch\.tensor\(\[([^\]]+)\]\)/.exec(problem.stem);
  const classWeights = weightMatch === null ? undefined : list(weightMatch[1]);
  const w = targets.map((y) => classWeights?.[y] ?? 1);
  const sumW = w.reduce((a, b) => a + b, 0);
  const weightedSum = tfCe(onehot, logits, w, SUM, eps)[0];
  const key = weightedSum / sumW;
  expect(near(keyOf(problem), key), `seed ${seed} key`).toBe(true);
  const probs = tf.tidy(() => tf.softmax(tf.tensor2d(logits)).arraySync());
  const softmaxed = probs.map((row) => row.slice());
  // The smoothed target PyTorch builds, written out: (1 − ε)·onehot + ε/K.
  const q = onehot.map((row) => row.map((v) => (1 - eps) * v + eps / k));
  const othersOnly = onehot.map((row) => row.map((v) => (v === 1 ? 1 - eps : eps / (k - 1))));
  const sigmoidLoss = tf.tidy(
    () =>
      tf
        .sum(tf.mul(tf.mul(tf.tensor2d(q), tf.logSigmoid(tf.tensor2d(logits))), -1), 1)
        .arraySync() as number[],
  );
  const expected: Record<string, number> = {
    'smoothing-target-only': ((1 - eps) * tfCe(onehot, logits, w, SUM)[0]) / sumW,
    'smoothing-other-classes-only': tfCe(othersOnly, logits, w, SUM)[0] / sumW,
    'smoothing-ignored': tfCe(onehot, logits, w, SUM)[0] / sumW,
    'weighted-mean-over-n': tfCe(onehot, logits, w, tf.Reduction.SUM_BY_NONZERO_WEIGHTS, eps)[0],
    'class-weight-ignored': tfCe(onehot, logits, undefined, tf.Reduction.MEAN, eps)[0],
    'ce-softmax-twice': tfCe(onehot, softmaxed, w, SUM, eps)[0] / sumW,
    'loss-log2': key / Math.LN2,
    'ce-mean-over-classes': weightedSum / k,
    'sigmoid-instead-of-softmax': sigmoidLoss.reduce((acc, l, i) => acc + w[i] * l, 0) / sumW,
    'summed-not-averaged': weightedSum,
  };
  for (const [id, value] of Object.entries(expected)) {
    const got = candidate(problem, id);
    if (got === undefined) continue;
    seen.add(id);
    expect(near(got, value, 1e-4), `seed ${seed} ${id}`).toBe(true);
  }
  expect(near(part(problem, 'target-probability'), probs[0][targets[0]])).toBe(true);
  if (eps > 0) {
    expect(near(part(problem, 'smoothed-target'), q[0][targets[0]], 1e-9)).toBe(true);
    expect(near(part(problem, 'other-class-target'), eps / k, 1e-9)).toBe(true);
  } else {
    expect(
      near(part(problem, 'first-loss'), tfCe([onehot[0]], [logits[0]], undefined, SUM)[0]),
    ).toBe(true);
    expect(near(part(problem, 'weight-sum'), sumW, 1e-9)).toBe(true);
  }
  expect(n).toBe(targets.length);
}

describe('classification-losses against tf.losses', () => {
  it(`matches key, misconceptions and parts over ${SEEDS} seeds`, () => {
    const seen = new Set<string>();
    const kinds = new Set<string>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt(ID, seed);
      if (problem.stem.includes('BCEWithLogitsLoss')) {
        kinds.add(problem.stem.includes('pos_weight') ? 'bce-pos-weight' : 'bce');
        checkBce(problem, seed, seen);
      } else {
        kinds.add(problem.stem.includes('label_smoothing') ? 'ce-smoothing' : 'ce-weighted');
        checkCe(problem, seed, seen);
      }
    }
    expect(kinds.size).toBe(4);
    // Every misconception of every kind was offered and checked.
    expect(seen.size).toBe(14);
  });

  it('works BCEWithLogitsLoss on z = [2, −1, 0], t = [1, 0, 1] by hand', () => {
    // σ(2) = 0.880797 → −ln 0.880797 = 0.126928; σ(−1) = 0.268941 → −ln(1 − 0.268941) = 0.313262;
    // σ(0) = 0.5 → ln 2 = 0.693147. Mean (0.126928 + 0.313262 + 0.693147) / 3 = 0.377779.
    // Sum 1.133337; base 2: 0.377779 / 0.693147 = 0.545019; the negative term dropped:
    // (0.126928 + 0.693147) / 3 = 0.273358.
    const { problem } = drawnAt(ID, 0, {
      level: 1,
      loss: 'bce',
      logits: '2,-1,0',
      targets: '1,0,1',
    });
    expect(close(keyOf(problem), [0.377779], 1e-6)).toBe(true);
    expectMisconceptions(problem, {
      'summed-not-averaged': 1.133337,
      'loss-log2': 0.545019,
      'bce-dropped-negative-term': 0.273358,
    });
    expect(close(part(problem, 'first-probability'), [0.880797], 1e-6)).toBe(true);
    expect(problem.stem).toMatch(/applies the sigmoid itself/);
  });

  it('works label smoothing ε = 0.3 on z = [2, 1, 0], y = 0 by hand', () => {
    // p = softmax([2, 1, 0]) = [0.665241, 0.244728, 0.090031]; −ln p = [0.407606, 1.407606, 2.407606].
    // PyTorch: q = [1 − 0.3 + 0.1, 0.1, 0.1] = [0.8, 0.1, 0.1]
    //   → L = 0.8·0.407606 + 0.1·1.407606 + 0.1·2.407606 = 0.707606.
    // 1 − ε on the target only: 0.7·0.407606 = 0.285324.
    // ε over the other two classes: 0.285324 + 0.15·(1.407606 + 2.407606) = 0.857606.
    // No smoothing: 0.407606.
    const { problem } = drawnAt(ID, 0, {
      level: 2,
      loss: 'ce-smoothing',
      logits: '2,1,0',
      targets: '0',
      epsilon: 0.3,
    });
    expect(close(keyOf(problem), [0.707606], 1e-6)).toBe(true);
    expectMisconceptions(problem, {
      'smoothing-target-only': 0.285324,
      'smoothing-other-classes-only': 0.857606,
      'smoothing-ignored': 0.407606,
    });
    expect(close(part(problem, 'smoothed-target'), [0.8], 1e-12)).toBe(true);
    expect(close(part(problem, 'other-class-target'), [0.1], 1e-12)).toBe(true);
    expect(problem.stem).toMatch(/every class, the target included/);
  });

  it('works class weights [1, 4, 0.5] on a batch of two by hand', () => {
    // Example 1: z = [2, 1, 0], y = 0 → ℓ₁ = 0.407606, weight 1.
    // Example 2: z = [1, 0, 2], y = 1 → p₁ = 1 / (e + 1 + e²) = 0.090031 → ℓ₂ = 2.407606, weight 4.
    // Σ wℓ = 0.407606 + 9.630424 = 10.038030; Σ w = 5 → L = 2.007606.
    // Divided by N = 2: 5.019015; weights ignored: (0.407606 + 2.407606) / 2 = 1.407606;
    // reduction='sum': 10.038030; divided by K = 3: 3.346010.
    const { problem } = drawnAt(ID, 0, {
      level: 3,
      loss: 'ce-weighted',
      logits: '2,1,0;1,0,2',
      targets: '0,1',
      weights: '1,4,0.5',
    });
    expect(close(keyOf(problem), [2.007606], 1e-6)).toBe(true);
    expectMisconceptions(problem, {
      'weighted-mean-over-n': 5.019015,
      'class-weight-ignored': 1.407606,
      'summed-not-averaged': 10.03803,
      'ce-mean-over-classes': 3.34601,
    });
    expect(close(part(problem, 'weight-sum'), [5], 1e-12)).toBe(true);
    expect(problem.stem).toMatch(/sum of the weights/);
  });
});
