/**
 * `soft-dice`: the soft Dice coefficient 2Σab / (Σa + Σb) of a ground-truth and a predicted mask.
 */
import { dice, iou } from '../kernels';
import { numberAnswer, wrong } from './answers';
import { finishDraw } from './draw-rules';
import { fmt } from './format';
import { drawMask, maskDecimals, maskSums, masksText, sumSteps, threshold } from './mask-steps';
import type { Rng } from './rng';
import { equalsOrApprox } from './stats-steps';
import { Redraw, TemplateError } from './types';
import type { ParamBag, Problem, TemplateDefinition } from './types';

type Matrix = number[][];

const DECIMALS = 3;

/** The source quiz masks (A: ground truth, B: prediction). */
const SOURCE_A: Matrix = [
  [0.1, 0.47, 0.88, 0.25],
  [0.65, 0.11, 0.66, 1],
  [0.91, 0, 0.99, 0.29],
  [0.78, 1, 0.4, 0.99],
];
const SOURCE_B: Matrix = [
  [0.01, 0.44, 0.48, 0.18],
  [0.6, 0.09, 0.97, 0.99],
  [0.87, 0.02, 0.98, 0.2],
  [0.77, 0.99, 0.4, 0.99],
];

function masks(rng: Rng, p: ParamBag): [Matrix, Matrix] {
  const preset = p.str('preset');
  const fixedA = p.matrix('a');
  const fixedB = p.matrix('b');
  if (preset !== undefined && (fixedA ?? fixedB) !== undefined) {
    throw new TemplateError('give either preset or a/b, not both');
  }
  if (preset === 'source') return [SOURCE_A, SOURCE_B];
  const level = p.level;
  const size = fixedA?.length ?? fixedB?.length ?? level + 1;
  const d = maskDecimals(level);
  const a = fixedA?.map((row) => [...row]) ?? drawMask(rng, size, d, level < 3);
  const b = fixedB?.map((row) => [...row]) ?? drawMask(rng, size, d, false);
  return [a, b];
}

function draw(rng: Rng, p: ParamBag): Problem {
  const [a, b] = masks(rng, p);
  const value = dice(a, b);
  const sums = maskSums(a, b);
  if (sums.sumA + sums.sumB === 0) {
    if (p.hasFixed) throw new TemplateError('both masks are all zero');
    throw new Redraw('empty masks');
  }
  const squares = maskSums(
    a.map((row) => row.map((v) => v * v)),
    b.map((row) => row.map((v) => v * v)),
  );
  const n = (x: number) => numberAnswer(x, DECIMALS);
  const fixed =
    p.str('preset') !== undefined || (p.matrix('a') !== undefined && p.matrix('b') !== undefined);
  return finishDraw(
    {
      stem:
        `A segmentation network is scored against a ${masksText(a, b)}\n\nWhat is the soft Dice coefficient of $A$ and $B$ ` +
        '(plain sums in the denominator, no smoothing term)?',
      answer: n(value),
      distractors: [
        wrong(
          'dropped-dice-factor-2',
          n(sums.sumAB / (sums.sumA + sums.sumB)),
          'The overlap is counted in both masks of the denominator, so the numerator needs the factor 2 (otherwise a perfect match would score only 0.5).',
        ),
        wrong(
          'iou-dice-confused',
          n(iou(a, b)),
          'This is the IoU (Jaccard index) $\\sum ab / (\\sum a + \\sum b - \\sum ab)$; Dice is $2\\sum ab / (\\sum a + \\sum b)$.',
        ),
        wrong(
          'thresholded-soft-masks',
          n(dice(threshold(a), threshold(b))),
          'Soft Dice uses the mask values as they are; rounding them to 0/1 first gives the hard Dice of different masks.',
        ),
        wrong(
          'squared-sums-in-denominator',
          n((2 * sums.sumAB) / (squares.sumA + squares.sumB)),
          'This variant squares the values in the denominator ($\\sum a^2 + \\sum b^2$); the question asks for plain sums.',
          'dice-plain-sums',
        ),
      ],
      correctFeedback: 'Right: twice the soft overlap divided by the total mass of both masks.',
      parts: [
        {
          id: 'overlap',
          prompt: 'The soft overlap: the sum of the element-wise products, $\\sum_i a_i b_i$.',
          answer: numberAnswer(sums.sumAB, 4),
          hint: 'Multiply each value of $A$ by the value of $B$ in the same place, then add all the products.',
        },
        {
          id: 'total',
          prompt: 'The total mass of both masks, $\\sum_i a_i + \\sum_i b_i$.',
          answer: numberAnswer(sums.sumA + sums.sumB, 4),
          hint: 'Add every value of $A$ and every value of $B$; nothing is squared.',
        },
      ],
      hints: {
        nudge:
          'Dice compares the overlap of the two masks with their sizes; soft masks use their values as they are.',
        formula: '$D = \\frac{2 \\sum_i a_i b_i}{\\sum_i a_i + \\sum_i b_i}$',
        firstStep: sumSteps(a, b, sums)[0],
      },
      explanation:
        'The Dice coefficient measures overlap: twice the intersection over the sum of the two mask sizes, ' +
        '$D = \\frac{2 |A \\cap B|}{|A| + |B|}$. With soft masks the intersection becomes the sum of element-wise ' +
        'products and the sizes become sums of values, so it stays differentiable and can be used as a loss ' +
        '($1 - D$). It is 1 for identical hard masks and 0 for disjoint ones; the factor 2 is what makes a perfect ' +
        'match score 1.',
      steps: [
        'Soft Dice: $D = \\frac{2 \\sum_i a_i b_i}{\\sum_i a_i + \\sum_i b_i}$.',
        ...sumSteps(a, b, sums),
        `$D = \\frac{2 \\cdot ${fmt(sums.sumAB, 6)}}{${fmt(sums.sumA, 6)} + ${fmt(sums.sumB, 6)}} = \\frac{${fmt(2 * sums.sumAB, 6)}}{${fmt(sums.sumA + sums.sumB, 6)}} ${equalsOrApprox(value, DECIMALS)}$.`,
      ],
    },
    { fixed },
  );
}

/** Soft Dice coefficient of two masks. */
export const softDice: TemplateDefinition = {
  id: 'soft-dice',
  topic: 'segmentation',
  title: 'Soft Dice coefficient of two masks',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    a: {
      kind: 'matrix',
      maxRows: 6,
      maxCols: 6,
      description: 'ground-truth mask, values in [0, 1] (default: drawn, binary below level 3)',
    },
    b: {
      kind: 'matrix',
      maxRows: 6,
      maxCols: 6,
      description: 'predicted mask, values in [0, 1], same shape as a (default: drawn, soft)',
    },
    preset: {
      kind: 'enum',
      values: ['source'],
      description: 'source: the 4×4 soft masks of the quiz',
    },
  },
  draw,
};
