/**
 * Detection kernels against independent oracles: tfjs's `tf.image.nonMaxSuppression` and tfjs
 * tensor ops (Grad-CAM), and straightforward implementations written here in another form
 * (IoU by counting unit cells, AP by walking distinct recall levels, confusion matrices by counting
 * label pairs), plus hand-derived cases.
 *
 * NMS threshold semantics, read from tfjs-core 4.22's `nonMaxSuppressionImpl_`
 * (`if (iou >= iouThreshold) ignoreCandidate = true`): tfjs suppresses a candidate whose IoU with a
 * selected box is **greater than or equal to** the threshold, while `torchvision.ops.nms` discards
 * boxes with IoU **strictly greater** than it. Ties at lower index are broken the same way (lower
 * index first). So tfjs is the oracle of our kernel on draws where no IoU equals the threshold, and
 * the oracle of the "suppressed at ≥" mistake on every draw; a case with an IoU exactly at the
 * threshold shows the difference.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  averagePrecision,
  averagePrecision11,
  boxIou,
  boxIouMatrix,
  confusionMetrics,
  dilatedKernelSize,
  hardDicePerClass,
  meanIou,
  nms,
  precisionEnvelope,
  precisionRecall,
  type Box,
} from './detection';
import { gradCam } from './interpretability';
import { KernelArgError } from './validate';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  tf.tidy(() => tf.scalar(0).dataSync());
  warn.mockRestore();
});

/** IoU of integer boxes by counting the unit cells each covers. */
function iouByCells(a: Box, b: Box): number {
  let inter = 0;
  let union = 0;
  const lo = Math.min(a[0], b[0], a[1], b[1]);
  const hi = Math.max(a[2], b[2], a[3], b[3]);
  for (let x = lo; x < hi; x++) {
    for (let y = lo; y < hi; y++) {
      const inA = x >= a[0] && x < a[2] && y >= a[1] && y < a[3];
      const inB = x >= b[0] && x < b[2] && y >= b[1] && y < b[3];
      if (inA && inB) inter++;
      if (inA || inB) union++;
    }
  }
  return union === 0 ? 0 : inter / union;
}

const intBox = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }))
  .chain(([x, y]) =>
    fc
      .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }))
      .map(([w, h]): Box => [x, y, x + w, y + h]),
  );

describe('boxIou', () => {
  it('matches unit-cell counting over 2000 integer box pairs', () => {
    fc.assert(
      fc.property(intBox, intBox, (a, b) => {
        expect(Math.abs(boxIou(a, b) - iouByCells(a, b))).toBeLessThan(1e-12);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the hand-derived value with continuous coordinates (no + 1)', () => {
    // A = [0, 0, 4, 4] (area 16), B = [2, 2, 6, 6] (area 16); overlap [2, 2, 4, 4] = 2·2 = 4;
    // union 16 + 16 − 4 = 28; IoU = 4/28 = 1/7.
    expect(boxIou([0, 0, 4, 4], [2, 2, 6, 6])).toBeCloseTo(1 / 7, 15);
    // Touching edges share no area.
    expect(boxIou([0, 0, 2, 2], [2, 0, 4, 2])).toBe(0);
  });

  it('boxIouMatrix pairs every box of a with every box of b (N×M)', () => {
    const a: Box[] = [
      [0, 0, 4, 4],
      [2, 2, 6, 6],
    ];
    const b: Box[] = [
      [0, 0, 4, 4],
      [2, 2, 6, 6],
      [10, 10, 12, 12],
    ];
    // Rows follow a, columns b: identical boxes 1, the 1/7 pair, no overlap 0.
    expect(boxIouMatrix(a, b)).toEqual([
      [1, 1 / 7, 0],
      [1 / 7, 1, 0],
    ]);
    expect(() => boxIouMatrix(a, [[3, 0, 1, 1]])).toThrow(/b\[0\]: corners out of order/);
  });

  it('refuses boxes with corners out of order or the wrong length', () => {
    expect(() => boxIou([3, 0, 1, 2], [0, 0, 1, 1])).toThrow(/a: corners out of order/);
    expect(() => boxIou([0, 0, 1, 1], [0, 0, 1] as unknown as Box)).toThrow(KernelArgError);
  });
});

/** tfjs NMS on xyxy boxes (tfjs takes [y1, x1, y2, x2]); returns kept indices in selection order. */
function tfNms(boxes: readonly Box[], scores: readonly number[], threshold: number): number[] {
  return tf.tidy(() => {
    const t = tf.tensor2d(boxes.map(([x1, y1, x2, y2]) => [y1, x1, y2, x2]));
    const s = tf.tensor1d([...scores]);
    return Array.from(tf.image.nonMaxSuppression(t, s, boxes.length, threshold).dataSync());
  });
}

const nmsDraw = fc
  .integer({ min: 2, max: 7 })
  .chain((n) =>
    fc.tuple(
      fc.array(intBox, { minLength: n, maxLength: n }),
      fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: n, maxLength: n }),
      fc.constantFrom(0.3, 0.4, 0.5, 0.6, 0.7),
    ),
  );

describe('nms', () => {
  it('agrees with tf.image.nonMaxSuppression where no IoU sits exactly at the threshold', () => {
    let compared = 0;
    fc.assert(
      fc.property(nmsDraw, ([boxes, rawScores, t]) => {
        const scores = rawScores.map((s) => s / 100);
        const ties = boxes.some((a, i) => boxes.some((b, j) => i < j && boxIou(a, b) === t));
        // tfjs suppresses at IoU ≥ threshold: our "at-least" option matches it on every draw.
        expect(nms(boxes, scores, t, { suppress: 'at-least' })).toEqual(tfNms(boxes, scores, t));
        if (!ties) {
          compared++;
          expect(nms(boxes, scores, t)).toEqual(tfNms(boxes, scores, t));
        }
      }),
      { numRuns: 500 },
    );
    expect(compared).toBeGreaterThan(300);
  });

  it('keeps a box whose IoU equals the threshold (torchvision), where tfjs suppresses it', () => {
    // A = [0, 0, 6, 2], B = [2, 0, 8, 2]: overlap 4·2 = 8, union 12 + 12 − 8 = 16, IoU = 0.5.
    const boxes: Box[] = [
      [0, 0, 6, 2],
      [2, 0, 8, 2],
    ];
    expect(boxIou(boxes[0], boxes[1])).toBe(0.5);
    expect(nms(boxes, [0.9, 0.8], 0.5)).toEqual([0, 1]);
    expect(tfNms(boxes, [0.9, 0.8], 0.5)).toEqual([0]);
  });

  it('lets only kept boxes suppress, visiting by score (hand case)', () => {
    // Chain A–B–C, each [x, 0, x + 4, 4]: A at 0, B at 1, C at 2.
    // IoU(A, B) = 3·4 / (16 + 16 − 12) = 12/20 = 0.6 > 0.5 → B suppressed by A.
    // IoU(B, C) = 0.6 too, but B is gone; IoU(A, C) = 2·4 / (32 − 8) = 8/24 = 1/3 ≤ 0.5 → C kept.
    const boxes: Box[] = [
      [2, 0, 6, 4],
      [0, 0, 4, 4],
      [1, 0, 5, 4],
    ];
    const scores = [0.7, 0.9, 0.8]; // C, A, B listed in that order
    expect(nms(boxes, scores, 0.5)).toEqual([1, 0]);
    // Mistakes: B still suppresses C; or visiting in listed order C, A, B keeps C then A (IoU 1/3)
    // and drops B.
    expect(nms(boxes, scores, 0.5, { suppressedStillSuppress: true })).toEqual([1]);
    expect(nms(boxes, scores, 0.5, { order: 'input' })).toEqual([0, 1]);
  });

  it('refuses a score list of the wrong length', () => {
    expect(() => nms([[0, 0, 1, 1]], [0.5, 0.4], 0.5)).toThrow(/scores: need one score per box/);
  });
});

/** All-point AP by walking the distinct recall levels: Σ (r_i − r_{i−1})·max{p_j : r_j ≥ r_i}. */
function apByRecallLevels(hits: readonly boolean[], g: number): number {
  const points: { p: number; r: number }[] = [];
  let tp = 0;
  hits.forEach((h, k) => {
    if (h) tp++;
    points.push({ p: tp / (k + 1), r: tp / g });
  });
  const levels = [...new Set(points.map((pt) => pt.r))].sort((a, b) => a - b);
  let ap = 0;
  let previous = 0;
  for (const r of levels) {
    const best = Math.max(...points.filter((pt) => pt.r >= r).map((pt) => pt.p));
    ap += (r - previous) * best;
    previous = r;
  }
  return ap;
}

/** 11-point AP, written as an explicit list of recall thresholds. */
function ap11ByThresholds(hits: readonly boolean[], g: number): number {
  const thresholds = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
  let tp = 0;
  const points = hits.map((h, k) => {
    if (h) tp++;
    return { p: tp / (k + 1), r: tp / g };
  });
  const best = thresholds.map((t) =>
    points.reduce((m, pt) => (pt.r + 1e-12 >= t ? Math.max(m, pt.p) : m), 0),
  );
  return best.reduce((a, b) => a + b, 0) / 11;
}

const hitsDraw = fc
  .array(fc.boolean(), { minLength: 1, maxLength: 12 })
  .chain((hits) =>
    fc.tuple(
      fc.constant(hits),
      fc.integer({ min: Math.max(1, hits.filter(Boolean).length), max: 14 }),
    ),
  );

describe('precision, recall and average precision', () => {
  it('all-point and 11-point AP match the recall-level walks over 2000 rankings', () => {
    fc.assert(
      fc.property(hitsDraw, ([hits, g]) => {
        expect(Math.abs(averagePrecision(hits, g) - apByRecallLevels(hits, g))).toBeLessThan(1e-12);
        expect(Math.abs(averagePrecision11(hits, g) - ap11ByThresholds(hits, g))).toBeLessThan(
          1e-12,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the hand-derived curve, envelope and both APs', () => {
    // Ranked TP, FP, TP, FP, TP with 4 objects.
    // Precision: 1/1, 1/2, 2/3, 2/4, 3/5 = 1, 0.5, 0.667, 0.5, 0.6; recall 0.25, 0.25, 0.5, 0.5, 0.75.
    const hits = [true, false, true, false, true];
    const { precision, recall } = precisionRecall(hits, 4);
    expect(precision).toEqual([1, 0.5, 2 / 3, 0.5, 0.6]);
    expect(recall).toEqual([0.25, 0.25, 0.5, 0.5, 0.75]);
    // Envelope (max to the right): 1, 2/3, 2/3, 0.6, 0.6.
    expect(precisionEnvelope(precision)).toEqual([1, 2 / 3, 2 / 3, 0.6, 0.6]);
    // All-point: 0.25·1 + 0.25·(2/3) + 0.25·0.6 = 0.25 + 0.1667 + 0.15 = 0.5667.
    expect(averagePrecision(hits, 4)).toBeCloseTo(0.25 + 0.25 * (2 / 3) + 0.25 * 0.6, 15);
    // 11-point: r = 0, 0.1, 0.2 → 1; r = 0.3, 0.4, 0.5 → 2/3; r = 0.6, 0.7 → 0.6; r = 0.8…1 → 0.
    // (3 + 2 + 1.2) / 11 = 6.2/11.
    expect(averagePrecision11(hits, 4)).toBeCloseTo((3 + 3 * (2 / 3) + 2 * 0.6) / 11, 15);
  });

  it('refuses more true positives than objects', () => {
    expect(() => precisionRecall([true, true], 1)).toThrow(/groundTruths/);
  });
});

/** Confusion matrix counted from label pairs. */
function confusionOf(target: number[][], prediction: number[][], k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  target.forEach((row, r) => row.forEach((t, c) => m[t][prediction[r][c]]++));
  return m;
}

const labelMaps = fc.integer({ min: 2, max: 4 }).chain((k) =>
  fc.tuple(
    fc.constant(k),
    fc.array(fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 4, maxLength: 4 }), {
      minLength: 3,
      maxLength: 3,
    }),
    fc.array(fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 4, maxLength: 4 }), {
      minLength: 3,
      maxLength: 3,
    }),
  ),
);

describe('confusion-matrix metrics, mean IoU and hard Dice', () => {
  it('match per-pixel set counting over 1000 label-map pairs', () => {
    fc.assert(
      fc.property(labelMaps, ([k, target, prediction]) => {
        const m = confusionOf(target, prediction, k);
        const metrics = confusionMetrics(m);
        const dice = hardDicePerClass(target, prediction, k);
        const ious: number[] = [];
        let correct = 0;
        for (let c = 0; c < k; c++) {
          let inter = 0;
          let inT = 0;
          let inP = 0;
          let union = 0;
          target.forEach((row, r) =>
            row.forEach((t, j) => {
              const p = prediction[r][j];
              if (t === c && p === c) inter++;
              if (t === c) inT++;
              if (p === c) inP++;
              if (t === c || p === c) union++;
            }),
          );
          expect(metrics.precision[c]).toBeCloseTo(inP === 0 ? 0 : inter / inP, 12);
          expect(metrics.recall[c]).toBeCloseTo(inT === 0 ? 0 : inter / inT, 12);
          expect(metrics.iou[c]).toBeCloseTo(union === 0 ? 0 : inter / union, 12);
          if (union > 0) {
            ious.push(inter / union);
            expect(metrics.f1[c]).toBeCloseTo((2 * inter) / (inT + inP), 12);
            expect(dice[c]).toBeCloseTo((2 * inter) / (inT + inP), 12);
          }
          correct += inter;
        }
        expect(metrics.accuracy).toBeCloseTo(correct / 12, 12);
        expect(meanIou(m)).toBeCloseTo(ious.reduce((a, b) => a + b, 0) / ious.length, 12);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the hand-derived mean IoU of a 3-class matrix', () => {
    // Rows: truth, columns: prediction.
    // Class 0: TP 5, FN 1 + 0 = 1, FP 1 + 0 = 1 → IoU 5/7.
    // Class 1: TP 3, FN 1 + 1 = 2, FP 1 + 2 = 3 → IoU 3/8.
    // Class 2: TP 4, FN 0 + 2 = 2, FP 0 + 1 = 1 → IoU 4/7.
    const m = [
      [5, 1, 0],
      [1, 3, 1],
      [0, 2, 4],
    ];
    expect(confusionMetrics(m).iou).toEqual([5 / 7, 3 / 8, 4 / 7]);
    expect(meanIou(m)).toBeCloseTo((5 / 7 + 3 / 8 + 4 / 7) / 3, 15);
    // Pixel accuracy (5 + 3 + 4) / 17.
    expect(confusionMetrics(m).accuracy).toBeCloseTo(12 / 17, 15);
  });

  it('refuses a non-square matrix or negative counts', () => {
    expect(() => meanIou([[1, 2]])).toThrow(/confusion: must be square/);
    expect(() =>
      meanIou([
        [1, -1],
        [0, 1],
      ]),
    ).toThrow(/confusion\[0\]\[1\]/);
  });
});

describe('dilatedKernelSize', () => {
  it('spaces k taps d apart: d(k − 1) + 1, the extent a conv-output-size loop sees', () => {
    // k = 3, d = 2: taps at 0, 2, 4 → extent 5. k = 3, d = 4: taps at 0, 4, 8 → 9.
    expect(dilatedKernelSize(3, 2)).toBe(5);
    expect(dilatedKernelSize(3, 4)).toBe(9);
    for (let k = 1; k <= 7; k++)
      for (let d = 1; d <= 6; d++) {
        const taps = Array.from({ length: k }, (_, i) => i * d);
        expect(dilatedKernelSize(k, d)).toBe(taps[taps.length - 1] - taps[0] + 1);
      }
    expect(() => dilatedKernelSize(3, 0)).toThrow(/dilation/);
  });
});

describe('gradCam', () => {
  it('matches tfjs ops (mean over H, W; weighted sum; relu) over 300 draws', () => {
    const f = fc.integer({ min: -9, max: 9 });
    const draw = fc
      .tuple(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
      )
      .chain(([k, h, w]) => {
        const t3 = fc.array(
          fc.array(fc.array(f, { minLength: w, maxLength: w }), { minLength: h, maxLength: h }),
          { minLength: k, maxLength: k },
        );
        return fc.tuple(t3, t3);
      });
    fc.assert(
      fc.property(draw, ([a, g]) => {
        const expected = tf.tidy(() => {
          const A = tf.tensor3d(a);
          const alpha = tf.tensor3d(g).mean([1, 2]).reshape([-1, 1, 1]);
          return tf.relu(A.mul(alpha).sum(0)).arraySync() as number[][];
        });
        const got = gradCam(a, g).map;
        got.forEach((row, i) =>
          row.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThan(1e-4)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('gives the hand-derived map', () => {
    // α_1 = (1 + 1 + 1 + 1)/4 = 1, α_2 = (−2 + 0 + 0 + −2)/4 = −1.
    // Σ α_k A_k = A_1 − A_2 = [[2 − 1, 0 − 3], [1 − 0, 4 − 4]] = [[1, −3], [1, 0]]; ReLU → [[1, 0], [1, 0]].
    const cam = gradCam(
      [
        [
          [2, 0],
          [1, 4],
        ],
        [
          [1, 3],
          [0, 4],
        ],
      ],
      [
        [
          [1, 1],
          [1, 1],
        ],
        [
          [-2, 0],
          [0, -2],
        ],
      ],
    );
    expect(cam.weights).toEqual([1, -1]);
    expect(cam.weighted).toEqual([
      [1, -3],
      [1, 0],
    ]);
    expect(cam.map).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});
