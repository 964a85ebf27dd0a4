/**
 * `average-precision`: AP of one class from detections ranked by score and marked TP/FP, with
 * all-point interpolation (the area under the monotone precision envelope, VOC 2010+ / COCO
 * style); the 11-point VOC 2007 mean and the raw-precision sum are convention-named distractors.
 */
import {
  averagePrecision,
  averagePrecision11,
  precisionEnvelope,
  precisionRecall,
} from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt } from '../format';
import type { Rng } from '../rng';
import { equalsOrApprox } from '../stats-steps';
import { Redraw, TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 3;

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const drawnCount = level === 1 ? 5 : level === 2 ? 7 : 9;
  const fixedHits = p.numbers('hits');
  const fixedObjects = p.int('objects');
  const fixed = fixedHits !== undefined && fixedObjects !== undefined;
  const hits =
    fixedHits?.map((h) => {
      if (h !== 0 && h !== 1) throw new TemplateError('hits: use 1 for a TP and 0 for an FP');
      return h === 1;
    }) ?? Array.from({ length: drawnCount }, (_, k) => k === 0 || rng.chance(0.5));
  if (fixedHits === undefined) {
    // A false positive followed by two hits: the precision climbs again after the dip, so the
    // envelope lifts the first of those hits above its raw precision.
    const dip = rng.int(1, drawnCount - 3);
    [hits[dip], hits[dip + 1], hits[dip + 2]] = [false, true, true];
  }
  const tp = hits.filter(Boolean).length;
  if (tp < 1 || tp === hits.length) {
    if (fixedHits !== undefined) throw new TemplateError('hits: need at least one TP and one FP');
    throw new Redraw('need a hit and a false positive');
  }
  const missed = fixedObjects === undefined ? rng.int(1, level === 1 ? 2 : 3) : fixedObjects - tp;
  if (missed < 0) throw new TemplateError(`objects: at least ${tp} (one per TP)`);
  const g = tp + missed;
  const count = hits.length;
  const { precision, recall } = precisionRecall(hits, g);
  const envelope = precisionEnvelope(precision);
  const value = averagePrecision(hits, g);
  const n = (x: number) => numberAnswer(x, DECIMALS);
  let raw = 0;
  let previous = 0;
  for (let k = 0; k < count; k++) {
    raw += (recall[k] - previous) * precision[k];
    previous = recall[k];
  }
  const tpRanks = hits.flatMap((h, k) => (h ? [k] : []));
  const meanOverRanks = precision.reduce((a, v) => a + v, 0) / count;
  const rows = hits.map((h, k) => `| ${k + 1} | ${h ? 'TP' : 'FP'} |`).join('\n');
  const pr = (k: number) => `${fmt(precision[k], 3)}`;
  const table =
    '| rank | $P$ | $R$ | envelope |\n|---|---|---|---|\n' +
    hits
      .map(
        (_, k) => `| ${k + 1} | $${pr(k)}$ | $${fmt(recall[k], 3)}$ | $${fmt(envelope[k], 3)}$ |`,
      )
      .join('\n');
  const contributions = tpRanks.map((k) => `${fmt(1 / g, 4)} \\cdot ${fmt(envelope[k], 3)}`);
  // The part asks for the envelope at the first true positive that follows a false positive.
  const dipRank = tpRanks.find((k) => k > 0 && !hits[k - 1]) ?? tpRanks[tpRanks.length - 1];
  return finishDraw(
    {
      stem:
        `A detector's ${count} detections of one class, sorted by decreasing confidence, were matched to the ${g} ground-truth ` +
        `objects of the test images (TP: matched a new object, FP: no match or a duplicate):\n\n| rank | match |\n|---|---|\n${rows}\n\n` +
        `Compute the average precision with all-point interpolation: replace each precision by the highest precision at ` +
        `the same or any later rank (the monotone envelope, PASCAL VOC 2010+ / COCO style) and sum it over the recall ` +
        `steps, $\\text{AP} = \\sum_k (R_k - R_{k-1})\\,P_{\\text{interp}}(k)$. What is the AP?`,
      answer: n(value),
      distractors: [
        wrong(
          'ap-no-envelope',
          n(raw),
          'This sums the raw precision at each recall step; all-point interpolation first replaces each precision by the best precision at any higher recall.',
          'ap-all-point',
        ),
        wrong(
          'ap-eleven-point',
          n(averagePrecision11(hits, g)),
          'This is the 11-point mean of VOC 2007 (recall 0, 0.1, …, 1); the question asks for all-point interpolation over every recall step.',
          'ap-all-point',
        ),
        wrong(
          'ap-divided-by-detected',
          n((value * g) / tp),
          `Recall divides by all ${g} objects, including the ${missed} never found; averaging over the ${tp} found ones overstates the AP.`,
        ),
        wrong(
          'ap-mean-over-ranks',
          n(meanOverRanks),
          'AP weighs precision by the recall gained; ranks with a false positive add no recall and contribute nothing.',
        ),
      ],
      correctFeedback:
        'Right: each true positive adds 1/G of recall, weighted by the envelope precision at its rank.',
      parts: [
        {
          id: 'recall-step',
          prompt: 'By how much does the recall grow at each true positive?',
          answer: numberAnswer(1 / g, 4),
          hint: 'Recall is the number of objects found divided by the number of ground-truth objects.',
        },
        {
          id: 'precision-at-dip',
          prompt: `The precision after the first ${dipRank + 1} detections (before interpolation).`,
          answer: numberAnswer(precision[dipRank], 4),
          hint: 'True positives so far divided by detections so far.',
        },
        {
          id: 'envelope-at-dip',
          prompt: `The interpolated precision $P_{\\text{interp}}$ at rank ${dipRank + 1}.`,
          answer: numberAnswer(envelope[dipRank], 4),
          hint: 'The largest precision at this rank or any later one.',
        },
      ],
      hints: {
        nudge:
          'Work down the ranking keeping running counts of TPs; only ranks that add recall (the TPs) add area.',
        formula:
          '$P_k = \\frac{\\text{TP}_k}{k}$, $R_k = \\frac{\\text{TP}_k}{G}$, $P_{\\text{interp}}(k) = \\max_{j \\ge k} P_j$, $\\text{AP} = \\sum_k (R_k - R_{k-1}) P_{\\text{interp}}(k)$',
        firstStep: `Each TP adds $1/${g} = ${fmt(1 / g, 4)}$ of recall; rank 1 has $P = ${pr(0)}$.`,
      },
      explanation:
        'AP summarises the precision–recall curve of one class. Walking down the ranked detections, precision is TP/k and ' +
        'recall is TP/G, where G counts every ground-truth object, also those never detected. All-point interpolation ' +
        'makes the curve monotone by taking, at each rank, the best precision at that or any higher recall, then adds up ' +
        'the rectangles under it: only true positives add recall, so only they contribute. Missed objects cap the ' +
        'recall below 1 and lower the AP. VOC 2007 instead averaged the envelope at 11 fixed recall values, and ' +
        "scikit-learn's `average_precision_score` sums the raw precision without the envelope: three different numbers, " +
        'so a report must say which it uses. mAP is the mean of the per-class APs (COCO also averages over IoU thresholds 0.5:0.95).',
      steps: [
        `$G = ${g}$ objects, so each TP adds $${fmt(1 / g, 4)}$ of recall.`,
        `Precision, recall and the envelope (max of the precision at this and later ranks):\n\n${table}`,
        `Only the TP ranks (${tpRanks.map((k) => k + 1).join(', ')}) add recall: $\\text{AP} = ${contributions.join(' + ')} ${equalsOrApprox(value, DECIMALS)}$.`,
      ],
    },
    { fixed },
  );
}

/** Average precision of ranked detections. */
export const averagePrecisionTemplate: TemplateDefinition = {
  id: 'average-precision',
  topic: 'detection-metrics',
  title: 'Average precision (all-point interpolation) of ranked detections',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    hits: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 12,
      description: 'the ranked detections, 1 for a TP and 0 for an FP (default: drawn)',
    },
    objects: {
      kind: 'int',
      min: 1,
      max: 20,
      description: 'number of ground-truth objects, at least the number of TPs (default: drawn)',
    },
  },
  draw,
};
