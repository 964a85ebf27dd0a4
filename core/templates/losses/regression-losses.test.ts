/**
 * regression-losses: key, every misconception's value and every part recomputed from the stem's
 * numbers over 300 seeds — with TensorFlow.js (tf.losses.meanSquaredError, absoluteDifference,
 * huberLoss; SmoothL1Loss(β) as huberLoss(δ = β) / β) where TF has the loss, and with a separately
 * written piecewise loss for the mistaken branches — plus hand-worked cases.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  SEEDS,
  candidate,
  capture,
  close,
  drawnAt,
  keyOf,
  list,
  part,
} from '../foundations/test-support';
import { expectMisconceptions, useTfCpu } from './test-support';

const ID = 'regression-losses';

useTfCpu();

type TfLoss = 'mse' | 'l1' | 'huber';

/** tf's loss of predictions against targets (mean unless `sum`). */
function tfLoss(kind: TfLoss, y: number[], yHat: number[], delta = 1, sum = false): number {
  const reduction = sum ? tf.Reduction.SUM : tf.Reduction.SUM_BY_NONZERO_WEIGHTS;
  return tf.tidy(() => {
    const labels = tf.tensor1d(y);
    const predictions = tf.tensor1d(yHat);
    const loss =
      kind === 'mse'
        ? tf.losses.meanSquaredError(labels, predictions, undefined, reduction)
        : kind === 'l1'
          ? tf.losses.absoluteDifference(labels, predictions, undefined, reduction)
          : tf.losses.huberLoss(labels, predictions, undefined, delta, reduction);
    return loss.dataSync()[0];
  });
}

/**
 * A piecewise loss written out on its own: `quad`·d² below the threshold t (divided by t when
 * `divide`), and slope·(|d| − offset·t) above it.
 */
function piecewise(
  d: number,
  t: number,
  o: { quad: number; slope: number; offset: number; divide: boolean },
): number {
  const a = Math.abs(d);
  if (a < t) return (o.quad * a * a) / (o.divide ? t : 1);
  return o.slope * (a - o.offset * t);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('regression-losses against tf.losses', () => {
  it(`matches key, misconceptions and parts over ${SEEDS} seeds`, () => {
    const seen = new Set<string>();
    const kinds = new Set<string>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt(ID, seed);
      const stem = problem.stem;
      const yHat = list(capture(stem, /\\hat y = \[([^\]]+)\]/));
      const y = list(capture(stem, /targets \$y = \[([^\]]+)\]/));
      // The stem's values have one decimal: rounding removes binary noise from ŷ − y.
      const d = yHat.map((v, i) => Math.round((v - y[i]) * 1e6) / 1e6);
      const n = d.length;
      const meanY = [mean(y)];
      const meanYHat = [mean(yHat)];
      let kind: string;
      let key: number;
      let total: number;
      let ofMean: number;
      const expected: Record<string, number> = {};
      if (stem.includes('nn.MSELoss')) {
        kind = 'mse';
        key = tfLoss('mse', y, yHat);
        total = tfLoss('mse', y, yHat, 1, true);
        ofMean = tfLoss('mse', meanY, meanYHat);
        expected['mse-with-half'] = key / 2;
        expected['mse-root-taken'] = Math.sqrt(key);
        expected['mse-as-l1'] = tfLoss('l1', y, yHat);
      } else if (stem.includes('nn.L1Loss')) {
        kind = 'l1';
        key = tfLoss('l1', y, yHat);
        total = tfLoss('l1', y, yHat, 1, true);
        ofMean = tfLoss('l1', meanY, meanYHat);
        expected['l1-as-mse'] = tfLoss('mse', y, yHat);
      } else {
        const smooth = stem.includes('nn.SmoothL1Loss');
        kind = smooth ? 'smooth-l1' : 'huber';
        const t = Number(capture(stem, smooth ? /beta=([\d.]+)/ : /delta=([\d.]+)/));
        const scale = smooth ? t : 1;
        key = tfLoss('huber', y, yHat, t) / scale;
        total = tfLoss('huber', y, yHat, t, true) / scale;
        ofMean = tfLoss('huber', meanY, meanYHat, t) / scale;
        const slope = smooth ? 1 : t;
        expected['huber-forgot-half'] = mean(
          d.map((e) => piecewise(e, t, { quad: 1, slope, offset: 0.5, divide: smooth })),
        );
        expected['huber-linear-no-offset'] = mean(
          d.map((e) => piecewise(e, t, { quad: 0.5, slope, offset: 0, divide: smooth })),
        );
        if (smooth) expected['smooth-l1-as-huber'] = tfLoss('huber', y, yHat, t);
        else expected['huber-as-smooth-l1'] = key / t;
        expect(part(problem, 'quadratic-count'), `seed ${seed}`).toEqual([
          d.filter((e) => Math.abs(e) < t).length,
        ]);
      }
      kinds.add(kind);
      expected['summed-not-averaged'] = total;
      expected['loss-of-mean-error'] = ofMean;
      const tol = (v: number) => 1e-5 * Math.max(1, Math.abs(v));
      expect(close(keyOf(problem), [key], tol(key)), `seed ${seed} key`).toBe(true);
      for (const [id, value] of Object.entries(expected)) {
        const got = candidate(problem, id);
        if (got === undefined) continue;
        seen.add(id);
        expect(close(got, [value], tol(value)), `seed ${seed} ${id}`).toBe(true);
      }
      const first = kind === 'mse' ? d[0] ** 2 : kind === 'l1' ? Math.abs(d[0]) : undefined;
      const firstTf =
        first ??
        (kind === 'huber'
          ? tfLoss('huber', [y[0]], [yHat[0]], Number(capture(stem, /delta=([\d.]+)/)))
          : tfLoss('huber', [y[0]], [yHat[0]], Number(capture(stem, /beta=([\d.]+)/))) /
            Number(capture(stem, /beta=([\d.]+)/)));
      expect(close(part(problem, 'first-element-loss'), [firstTf], tol(firstTf))).toBe(true);
      expect(close(part(problem, 'element-sum'), [total], tol(total))).toBe(true);
      expect(n).toBeGreaterThanOrEqual(3);
    }
    expect([...kinds].sort()).toEqual(['huber', 'l1', 'mse', 'smooth-l1']);
    expect(seen.size).toBe(10);
  });

  it('works HuberLoss(delta=2) and SmoothL1Loss(beta=2) on d = [0.5, 3, −3] by hand', () => {
    // Huber δ = 2: 0.5·0.5² = 0.125; |3| ≥ 2 → 2·(3 − 1) = 4, twice. Mean 8.125 / 3 = 2.708333.
    // The ½ forgotten: 0.25 + 4 + 4 → 2.75. No −0.5δ offset: 0.125 + 6 + 6 → 4.041667.
    // Sum 8.125. Mean error (0.5 + 3 − 3)/3 = 1/6 → 0.5/36 = 0.013889. SmoothL1 (÷ δ): 1.354167.
    const params = { predictions: '0.5,3,-1', targets: '0,0,2', threshold: 2 };
    const huber = drawnAt(ID, 0, { level: 3, loss: 'huber', ...params }).problem;
    expect(close(keyOf(huber), [2.708333], 1e-6)).toBe(true);
    expectMisconceptions(huber, {
      'huber-forgot-half': 2.75,
      'huber-linear-no-offset': 4.041667,
      'summed-not-averaged': 8.125,
      'loss-of-mean-error': 0.013889,
      'huber-as-smooth-l1': 1.354167,
    });
    expect(part(huber, 'quadratic-count')).toEqual([1]);
    // SmoothL1Loss(beta=2): 0.5·0.25/2 = 0.0625; 3 − 1 = 2, twice → 4.0625 / 3 = 1.354167;
    // HuberLoss's definition instead gives 2.708333.
    const smooth = drawnAt(ID, 0, { level: 2, loss: 'smooth-l1', ...params }).problem;
    expect(close(keyOf(smooth), [1.354167], 1e-6)).toBe(true);
    expect(close(candidate(smooth, 'smooth-l1-as-huber'), [2.708333], 1e-6)).toBe(true);
    expect(smooth.stem).toMatch(/HuberLoss\(delta\)/);
  });

  it('works MSELoss on d = [1, 2, 3] by hand', () => {
    // d² = 1, 4, 9 → 14 / 3 = 4.666667; ½ of it 2.333333; root 2.160247; |d| mean 2;
    // the mean error squared 2² = 4; the sum 14.
    const { problem } = drawnAt(ID, 0, {
      level: 1,
      loss: 'mse',
      predictions: '1,2,4',
      targets: '0,0,1',
    });
    expect(close(keyOf(problem), [4.666667], 1e-6)).toBe(true);
    expectMisconceptions(problem, {
      'mse-with-half': 2.333333,
      'mse-root-taken': 2.160247,
      'mse-as-l1': 2,
      'loss-of-mean-error': 4,
      'summed-not-averaged': 14,
    });
    expect(problem.stem).toMatch(/no factor 1\/2/);
  });
});
