/**
 * `occlusion`: occlusion sensitivity of a linear class score y = Σ w·x + b on a small image: each
 * patch position is set to 0 and the map records the drop y − y_occluded.
 */
import { matrixAnswer, numberAnswer, wrong } from '../answers';
import { finishDraw, spread } from '../draw-rules';
import { fmt, latexMatrix, term } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

type Matrix = number[][];

/** Σ over the patch of size `k` at (r, c) of f(w, x). */
function patchSum(
  w: Matrix,
  x: Matrix,
  r: number,
  c: number,
  k: number,
  f: (wv: number, xv: number) => number,
): number {
  let s = 0;
  for (let i = r; i < r + k; i++) for (let j = c; j < c + k; j++) s += f(w[i][j], x[i][j]);
  return s;
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const fw = p.matrix('w');
  const fx = p.matrix('x');
  if ((fw === undefined) !== (fx === undefined)) throw new TemplateError('give w and x together');
  const size = fx?.length ?? (level === 3 ? 4 : 3);
  if (
    fx !== undefined &&
    (fx.some((r) => r.length !== size) || fw!.length !== size || fw!.some((r) => r.length !== size))
  )
    throw new TemplateError('w and x: square and of the same size (3×3 or 4×4)');
  const k = 2;
  const stride = size === 4 ? 2 : 1;
  const out = (size - k) / stride + 1;
  const x: Matrix =
    fx?.map((r) => [...r]) ??
    Array.from({ length: size }, () => rng.ints(size, 0, level === 1 ? 3 : 5));
  const w: Matrix =
    fw?.map((r) => [...r]) ??
    Array.from({ length: size }, () => rng.ints(size, -3, 3).map((v) => (level === 1 ? v : v / 2)));
  const b = p.num('b') ?? rng.int(-2, 2);
  let score = b;
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) score += w[i][j] * x[i][j];
  const map = (f: (wv: number, xv: number) => number): Matrix =>
    Array.from({ length: out }, (_, r) =>
      Array.from({ length: out }, (_, c) => patchSum(w, x, r * stride, c * stride, k, f)),
    );
  const drops = map((wv, xv) => wv * xv);
  const decimals = level === 1 ? 0 : 2;
  const m = (v: Matrix) => matrixAnswer(v, decimals);
  const topLeft = [];
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) topLeft.push(`${term(w[i][j], 2)} \\cdot ${term(x[i][j])}`);
  return finishDraw(
    {
      stem:
        `A linear classifier scores a ${size}×${size} image $x$ as $y = \\sum_{ij} w_{ij} x_{ij} + b$ with $$w = ${latexMatrix(w, 2)}, \\quad x = ${latexMatrix(x)}, \\quad b = ${b}.$$ ` +
        `Occlusion sensitivity covers a ${k}×${k} patch with zeros, at every position with stride ${stride} (no padding), and records the drop in score $y - y_{\\text{occluded}}$. ` +
        `What is the ${out}×${out} map of drops (row by row, top-left patch first)?`,
      answer: m(drops),
      entryHint: `the ${out * out} drops, row by row, comma-separated`,
      distractors: [
        wrong(
          'occlusion-reported-score',
          m(drops.map((row) => row.map((d) => score - d))),
          `These are the occluded scores; the map shows how much the score falls from ${fmt(score, 2)}.`,
        ),
        wrong(
          'occlusion-weights-only',
          m(map((wv) => wv)),
          'Summing the weights gives the gradient of the score over the patch; zeroing a pixel removes $w \\cdot x$, which is 0 where the pixel is dark.',
        ),
        wrong(
          'occlusion-inputs-only',
          m(map((_, xv) => xv)),
          'The drop depends on how the model weighs each pixel, not only on how bright it is.',
        ),
      ],
      correctFeedback: 'Right: covering a patch removes its contribution Σ w·x to the score.',
      parts: [
        {
          id: 'score',
          prompt: 'The score $y$ of the unoccluded image.',
          answer: numberAnswer(score, 2),
          hint: 'Multiply w and x cell by cell, add everything and the bias.',
        },
        {
          id: 'first-drop',
          prompt: 'The drop when the top-left patch is covered.',
          answer: numberAnswer(drops[0][0], 2),
          hint: `Only the ${k * k} covered pixels change: each loses $w_{ij} x_{ij}$.`,
        },
      ],
      hints: {
        nudge: 'For a linear score, covering pixels with 0 removes exactly their terms of the sum.',
        formula: '$\\Delta(P) = y - y_{\\text{occluded}} = \\sum_{(i,j) \\in P} w_{ij} x_{ij}$',
        firstStep: `Top-left patch: $${topLeft.join(' + ')} = ${fmt(drops[0][0], 2)}$.`,
      },
      explanation:
        'Occlusion sensitivity asks how much the class score depends on each region by hiding it and re-running the model: ' +
        'one forward pass per patch position. For a linear model the answer is exact and simple: the hidden pixels lose their ' +
        'terms $w_{ij} x_{ij}$, so the drop is the patch sum of gradient × input. The gradient $w$ alone ignores the image, and ' +
        'the brightness alone ignores the model. For a deep network there is no such shortcut, which is why occlusion maps and ' +
        'gradient maps can disagree.',
      steps: [
        `Score: $y = ${fmt(score, 2)}$.`,
        `Top-left patch: $${topLeft.join(' + ')} = ${fmt(drops[0][0], 2)}$.`,
        `Drops at every position: $${latexMatrix(drops, decimals)}$.`,
      ],
      needs: [spread('drop map', drops.flat())],
    },
    { fixed: fx !== undefined },
  );
}

/** Occlusion sensitivity of a linear score. */
export const occlusionTemplate: TemplateDefinition = {
  id: 'occlusion',
  topic: 'interpretability',
  title: 'Occlusion sensitivity of a linear class score',
  answerKind: 'matrix',
  forms: ['mcq', 'numeric'],
  params: {
    w: {
      kind: 'matrix',
      maxRows: 4,
      maxCols: 4,
      description: 'weights, 3×3 or 4×4 (default: drawn)',
    },
    x: {
      kind: 'matrix',
      maxRows: 4,
      maxCols: 4,
      description: 'image, same size as w (default: drawn)',
    },
    b: { kind: 'number', min: -10, max: 10, description: 'bias (default: drawn)' },
  },
  draw,
};
