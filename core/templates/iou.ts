/**
 * `iou`: intersection over union Σab / (Σa + Σb − Σab) of a ground-truth and a predicted mask
 * (hard masks at levels 1–2, soft masks at level 3).
 */
import { dice, iou } from '../kernels';
import { numberAnswer, wrong } from './answers';
import { finishDraw } from './draw-rules';
import { fmt } from './format';
import { drawMask, maskSums, masksText, sumSteps } from './mask-steps';
import type { Rng } from './rng';
import { equalsOrApprox } from './stats-steps';
import { Redraw, TemplateError } from './types';
import type { ParamBag, Problem, TemplateDefinition } from './types';

type Matrix = number[][];

const DECIMALS = 3;

function masks(rng: Rng, p: ParamBag): [Matrix, Matrix, boolean] {
  const level = p.level;
  const binary = level < 3;
  const fixedA = p.matrix('a');
  const fixedB = p.matrix('b');
  const size = fixedA?.length ?? fixedB?.length ?? (level === 2 ? 4 : 3);
  const a = fixedA?.map((row) => [...row]) ?? drawMask(rng, size, 1, binary);
  const b = fixedB?.map((row) => [...row]) ?? drawMask(rng, size, 1, binary);
  const isBinary = [a, b].every((m) => m.every((row) => row.every((v) => v === 0 || v === 1)));
  return [a, b, isBinary];
}

function draw(rng: Rng, p: ParamBag): Problem {
  const [a, b, binary] = masks(rng, p);
  const value = iou(a, b);
  const sums = maskSums(a, b);
  if (sums.sumAB === 0 || (sums.sumAB === sums.sumA && sums.sumAB === sums.sumB)) {
    if (p.hasFixed) throw new TemplateError('the masks must overlap partially');
    throw new Redraw('no or total overlap');
  }
  const union = sums.sumA + sums.sumB - sums.sumAB;
  const n = (x: number) => numberAnswer(x, DECIMALS);
  const kind = binary ? 'binary (1 marks an object pixel)' : 'soft (values are probabilities)';
  const fixed = p.matrix('a') !== undefined && p.matrix('b') !== undefined;
  return finishDraw(
    {
      stem:
        `A segmentation network is scored against a ${masksText(a, b)}\n\nBoth masks are ${kind}. ` +
        `What is the intersection over union (IoU) of $A$ and $B$${binary ? '' : ', computed softly with sums of products and no smoothing term'}?`,
      answer: n(value),
      distractors: [
        wrong(
          'iou-dice-confused',
          n(dice(a, b)),
          'This is the Dice coefficient $2\\sum ab / (\\sum a + \\sum b)$, which is never below the IoU.',
        ),
        wrong(
          'union-without-overlap-removed',
          n(sums.sumAB / (sums.sumA + sums.sumB)),
          'Adding the two masks counts their overlap twice; the union is $\\sum a + \\sum b - \\sum ab$.',
        ),
        wrong(
          'divided-by-prediction',
          n(sums.sumAB / sums.sumB),
          'Dividing the overlap by the prediction alone gives the precision, which ignores missed object pixels.',
        ),
        wrong(
          'divided-by-target',
          n(sums.sumAB / sums.sumA),
          'Dividing the overlap by the ground truth alone gives the recall, which ignores false detections.',
        ),
      ],
      correctFeedback:
        'Right: the overlap divided by the union, where the union counts the overlap once.',
      parts: [
        {
          id: 'overlap',
          prompt: `The ${binary ? 'overlap (intersection)' : 'soft overlap'}: the sum of the element-wise products, $\\sum_i a_i b_i$.`,
          answer: numberAnswer(sums.sumAB, 4),
          hint: binary
            ? 'Count the cells where both masks are 1.'
            : 'Multiply each value of $A$ by the value of $B$ in the same place, then add all the products.',
        },
        {
          id: 'union',
          prompt:
            'The union: both mask totals minus the overlap, $\\sum_i a_i + \\sum_i b_i - \\sum_i a_i b_i$.',
          answer: numberAnswer(union, 4),
          hint: 'Adding the two masks counts the overlap twice; subtract it once.',
        },
      ],
      hints: {
        nudge:
          'IoU compares what the two masks share with everything either of them covers, counting the shared part once.',
        formula:
          '$\\text{IoU} = \\frac{\\sum_i a_i b_i}{\\sum_i a_i + \\sum_i b_i - \\sum_i a_i b_i}$',
        firstStep: sumSteps(a, b, sums)[0],
      },
      explanation:
        'IoU (the Jaccard index) divides what the two masks share by everything either of them covers: ' +
        '$\\text{IoU} = \\frac{|A \\cap B|}{|A \\cup B|} = \\frac{|A \\cap B|}{|A| + |B| - |A \\cap B|}$. For soft ' +
        'masks the intersection is $\\sum a_i b_i$ and the sizes are sums of values. IoU and Dice rank ' +
        'predictions the same way but are different numbers: for hard masks $\\text{IoU} = D / (2 - D)$.',
      steps: [
        'IoU $= \\frac{\\sum_i a_i b_i}{\\sum_i a_i + \\sum_i b_i - \\sum_i a_i b_i}$.',
        ...sumSteps(a, b, sums),
        `Union: $${fmt(sums.sumA, 6)} + ${fmt(sums.sumB, 6)} - ${fmt(sums.sumAB, 6)} = ${fmt(union, 6)}$, so IoU $= \\frac{${fmt(sums.sumAB, 6)}}{${fmt(union, 6)}} ${equalsOrApprox(value, DECIMALS)}$.`,
      ],
    },
    { fixed },
  );
}

/** Intersection over union of two masks. */
export const iouTemplate: TemplateDefinition = {
  id: 'iou',
  topic: 'segmentation',
  title: 'Intersection over union (IoU) of two masks',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    a: {
      kind: 'matrix',
      maxRows: 6,
      maxCols: 6,
      description: 'ground-truth mask, values in [0, 1] (default: drawn)',
    },
    b: {
      kind: 'matrix',
      maxRows: 6,
      maxCols: 6,
      description: 'predicted mask, same shape as a (default: drawn)',
    },
  },
  draw,
};
