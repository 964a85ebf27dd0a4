/**
 * Object-detection and segmentation-metric kernels: box IoU, greedy non-maximum suppression,
 * precision/recall of ranked detections, average precision (two stated conventions), metrics of a
 * confusion matrix (per-class precision, recall, F1, IoU, mean IoU, pixel accuracy), hard Dice of
 * one-hot masks and the effective size of a dilated (atrous) kernel.
 *
 * Boxes are `[x1, y1, x2, y2]` in continuous coordinates (torchvision's `xyxy`): the width is
 * `x2 − x1`, with no `+ 1` pixel convention.
 */
import {
  KernelArgError,
  requireFiniteNumber,
  requireMatrix,
  requireNonNegativeInt,
  requirePositiveInt,
  requireVector,
} from './validate';

/** An axis-aligned box `[x1, y1, x2, y2]` with x1 ≤ x2 and y1 ≤ y2. */
export type Box = readonly [number, number, number, number];

function requireBox(arg: string, value: unknown): Box {
  const v = requireVector(arg, value);
  if (v.length !== 4)
    throw new KernelArgError(arg, `a box needs 4 numbers [x1, y1, x2, y2], got ${v.length}`);
  if (v[2] < v[0] || v[3] < v[1])
    throw new KernelArgError(
      arg,
      `corners out of order (need x1 ≤ x2 and y1 ≤ y2, got [${v.join(', ')}])`,
    );
  return v as unknown as Box;
}

/** Area (x2 − x1)(y2 − y1) of an `xyxy` box, continuous coordinates (no + 1). */
export function boxArea(box: Box): number {
  const b = requireBox('box', box);
  return (b[2] - b[0]) * (b[3] - b[1]);
}

/** Area of the intersection of two `xyxy` boxes (0 when they do not overlap). */
export function boxIntersection(a: Box, b: Box): number {
  requireBox('a', a);
  requireBox('b', b);
  return intersection(a, b);
}

function intersection(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

function iouUnchecked(a: Box, b: Box): number {
  const inter = intersection(a, b);
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * IoU of two `xyxy` boxes: |A ∩ B| / (|A| + |B| − |A ∩ B|), continuous coordinates, as
 * `torchvision.ops.box_iou`. Two boxes of zero area give 0.
 */
export function boxIou(a: Box, b: Box): number {
  requireBox('a', a);
  requireBox('b', b);
  return iouUnchecked(a, b);
}

/**
 * The N×M matrix of pairwise IoUs of two lists of `xyxy` boxes, as `torchvision.ops.box_iou`.
 */
export function boxIouMatrix(a: readonly Box[], b: readonly Box[]): number[][] {
  requireMatrix('a', a).forEach((box, i) => requireBox(`a[${i}]`, box));
  requireMatrix('b', b).forEach((box, i) => requireBox(`b[${i}]`, box));
  return a.map((p) => b.map((q) => iouUnchecked(p, q)));
}

/** How {@link nms} orders and compares; the defaults are `torchvision.ops.nms`. */
export interface NmsOptions {
  /** `score` (default): highest score first. `input`: in the order given (a mistake). */
  readonly order?: 'score' | 'input';
  /** `greater` (default): suppress when IoU > threshold. `at-least`: IoU ≥ threshold (tfjs). */
  readonly suppress?: 'greater' | 'at-least';
  /**
   * false (default): only kept boxes suppress. true: a box already suppressed still suppresses
   * lower-ranked boxes (a mistake).
   */
  readonly suppressedStillSuppress?: boolean;
}

/**
 * Greedy non-maximum suppression, `torchvision.ops.nms` semantics by default: visit the boxes by
 * decreasing score (ties: lower index first), keep a box unless its IoU with an already kept box is
 * strictly greater than `iouThreshold`. Returns the kept indices in the order they were kept.
 */
export function nms(
  boxes: readonly Box[],
  scores: readonly number[],
  iouThreshold: number,
  options: NmsOptions = {},
): number[] {
  const list = requireMatrix('boxes', boxes);
  list.forEach((b, i) => requireBox(`boxes[${i}]`, b));
  const s = requireVector('scores', scores);
  if (s.length !== list.length)
    throw new KernelArgError('scores', `need one score per box (${list.length}), got ${s.length}`);
  const t = requireFiniteNumber('iouThreshold', iouThreshold);
  const order = list.map((_, i) => i);
  if ((options.order ?? 'score') === 'score') order.sort((i, j) => s[j] - s[i] || i - j);
  const atLeast = options.suppress === 'at-least';
  const still = options.suppressedStillSuppress === true;
  const kept: number[] = [];
  const visited: number[] = [];
  for (const i of order) {
    const blockers = still ? visited : kept;
    let suppressed = false;
    for (const k of blockers) {
      const v = iouUnchecked(list[i] as unknown as Box, list[k] as unknown as Box);
      if (atLeast ? v >= t : v > t) {
        suppressed = true;
        break;
      }
    }
    visited.push(i);
    if (!suppressed) kept.push(i);
  }
  return kept;
}

/** Precision and recall after each ranked detection. */
export interface PrCurve {
  /** TP / (TP + FP) over the first k + 1 detections. */
  readonly precision: number[];
  /** TP / number of ground-truth objects over the first k + 1 detections. */
  readonly recall: number[];
}

function requireHits(hits: readonly boolean[] | readonly number[]): boolean[] {
  if (!Array.isArray(hits) || hits.length === 0)
    throw new KernelArgError('hits', 'expected a non-empty list of true/false (or 1/0)');
  return hits.map((h, i) => {
    if (h === true || h === 1) return true;
    if (h === false || h === 0) return false;
    throw new KernelArgError('hits', `hits[${i}] must be true/false or 1/0`);
  });
}

/**
 * Precision and recall of detections ranked by decreasing score; `hits[k]` says whether the k-th
 * detection is a true positive (already matched to a ground truth), `groundTruths` is the number
 * of objects (≥ the number of hits).
 */
export function precisionRecall(
  hits: readonly boolean[] | readonly number[],
  groundTruths: number,
): PrCurve {
  const h = requireHits(hits);
  const g = requirePositiveInt('groundTruths', groundTruths);
  const tpTotal = h.filter(Boolean).length;
  if (tpTotal > g)
    throw new KernelArgError('groundTruths', `${tpTotal} true positives but only ${g} objects`);
  const precision: number[] = [];
  const recall: number[] = [];
  let tp = 0;
  h.forEach((hit, k) => {
    if (hit) tp++;
    precision.push(tp / (k + 1));
    recall.push(tp / g);
  });
  return { precision, recall };
}

/**
 * The monotone precision envelope: p_interp(k) = max over j ≥ k of precision[j] (the precision
 * at rank k is replaced by the best precision at any equal or higher recall).
 */
export function precisionEnvelope(precision: readonly number[]): number[] {
  const p = requireVector('precision', precision);
  const out = p.slice();
  for (let k = out.length - 2; k >= 0; k--) out[k] = Math.max(out[k], out[k + 1]);
  return out;
}

/**
 * Average precision, all-point interpolation (PASCAL VOC 2010+ and COCO style): the area under the
 * monotone precision envelope, Σ_k (r_k − r_{k−1})·p_interp(k) with r_0 = 0. Missed objects
 * count through the recall (divided by all ground truths).
 */
export function averagePrecision(
  hits: readonly boolean[] | readonly number[],
  groundTruths: number,
): number {
  const { precision, recall } = precisionRecall(hits, groundTruths);
  const envelope = precisionEnvelope(precision);
  let ap = 0;
  let previous = 0;
  for (let k = 0; k < recall.length; k++) {
    ap += (recall[k] - previous) * envelope[k];
    previous = recall[k];
  }
  return ap;
}

/**
 * Average precision, 11-point interpolation (PASCAL VOC 2007): the mean over r ∈ {0, 0.1, …, 1} of
 * the best precision at recall ≥ r (0 where that recall is never reached).
 */
export function averagePrecision11(
  hits: readonly boolean[] | readonly number[],
  groundTruths: number,
): number {
  const { precision, recall } = precisionRecall(hits, groundTruths);
  let sum = 0;
  for (let i = 0; i <= 10; i++) {
    const r = i / 10;
    let best = 0;
    for (let k = 0; k < recall.length; k++)
      if (recall[k] >= r - 1e-12) best = Math.max(best, precision[k]);
    sum += best;
  }
  return sum / 11;
}

function requireConfusion(confusion: readonly (readonly number[])[]): number[][] {
  const m = requireMatrix('confusion', confusion);
  if (m.some((row) => row.length !== m.length))
    throw new KernelArgError('confusion', `must be square (C×C), got ${m.length}×${m[0].length}`);
  m.forEach((row, r) => row.forEach((v, c) => requireNonNegativeInt(`confusion[${r}][${c}]`, v)));
  return m;
}

/** Per-class metrics of a confusion matrix (rows: ground truth, columns: prediction). */
export interface ConfusionMetrics {
  /** TP / (TP + FP) = m[c][c] / column sum (0 when the class is never predicted). */
  readonly precision: number[];
  /** TP / (TP + FN) = m[c][c] / row sum (0 when the class never occurs). */
  readonly recall: number[];
  /** 2PR / (P + R) = 2TP / (2TP + FP + FN), which is also the hard Dice of the class. */
  readonly f1: number[];
  /** TP / (TP + FP + FN). */
  readonly iou: number[];
  /** Σ_c m[c][c] / Σ all entries. */
  readonly accuracy: number;
}

/**
 * Precision, recall, F1 (= Dice) and IoU per class, and the overall (pixel) accuracy, of a C×C
 * confusion matrix of counts whose row r, column c counts items of true class r predicted as c.
 * A class with TP + FP + FN = 0 gets 0 for every ratio.
 */
export function confusionMetrics(confusion: readonly (readonly number[])[]): ConfusionMetrics {
  const m = requireConfusion(confusion);
  const n = m.length;
  const rows = m.map((row) => row.reduce((a, v) => a + v, 0));
  const cols = m[0].map((_, c) => m.reduce((a, row) => a + row[c], 0));
  const total = rows.reduce((a, v) => a + v, 0);
  if (total === 0) throw new KernelArgError('confusion', 'all counts are zero');
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const iou: number[] = [];
  let diagonal = 0;
  for (let c = 0; c < n; c++) {
    const tp = m[c][c];
    diagonal += tp;
    const fp = cols[c] - tp;
    const fn = rows[c] - tp;
    precision.push(cols[c] > 0 ? tp / cols[c] : 0);
    recall.push(rows[c] > 0 ? tp / rows[c] : 0);
    f1.push(tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0);
    iou.push(tp + fp + fn > 0 ? tp / (tp + fp + fn) : 0);
  }
  return { precision, recall, f1, iou, accuracy: diagonal / total };
}

/**
 * Mean IoU over the classes of a confusion matrix: the unweighted mean of TP / (TP + FP + FN),
 * over the classes that occur or are predicted (TP + FP + FN > 0), as semantic-segmentation
 * benchmarks report it.
 */
export function meanIou(confusion: readonly (readonly number[])[]): number {
  const m = requireConfusion(confusion);
  const { iou } = confusionMetrics(m);
  let sum = 0;
  let count = 0;
  for (let c = 0; c < m.length; c++) {
    const present = m[c].some((v) => v > 0) || m.some((row) => row[c] > 0);
    if (present) {
      sum += iou[c];
      count++;
    }
  }
  return sum / count;
}

/**
 * Hard Dice per class of two label maps (integer class ids 0 … classes − 1, same shape), i.e. of
 * their one-hot masks: 2|A_c ∩ B_c| / (|A_c| + |B_c|). A class absent from both maps gets 1.
 */
export function hardDicePerClass(
  target: readonly (readonly number[])[],
  prediction: readonly (readonly number[])[],
  classes: number,
): number[] {
  const a = requireMatrix('target', target);
  const b = requireMatrix('prediction', prediction);
  const k = requirePositiveInt('classes', classes);
  if (a.length !== b.length || a.some((row, r) => row.length !== b[r].length))
    throw new KernelArgError('prediction', 'must have the shape of target');
  const inter = new Array<number>(k).fill(0);
  const sizeA = new Array<number>(k).fill(0);
  const sizeB = new Array<number>(k).fill(0);
  for (let r = 0; r < a.length; r++) {
    for (let c = 0; c < a[r].length; c++) {
      const [u, v] = [a[r][c], b[r][c]];
      for (const [name, x] of [
        ['target', u],
        ['prediction', v],
      ] as const) {
        if (!Number.isInteger(x) || x < 0 || x >= k)
          throw new KernelArgError(name, `class ids must be integers 0…${k - 1}, got ${x}`);
      }
      sizeA[u]++;
      sizeB[v]++;
      if (u === v) inter[u]++;
    }
  }
  return inter.map((i, c) => (sizeA[c] + sizeB[c] === 0 ? 1 : (2 * i) / (sizeA[c] + sizeB[c])));
}

/**
 * Effective extent of a dilated (atrous) kernel: k + (k − 1)(d − 1) = d(k − 1) + 1 taps apart
 * from first to last, as in PyTorch's `dilation` argument.
 */
export function dilatedKernelSize(kernel: number, dilation: number): number {
  const k = requirePositiveInt('kernel', kernel);
  const d = requirePositiveInt('dilation', dilation);
  return d * (k - 1) + 1;
}
