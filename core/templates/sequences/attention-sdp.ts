/**
 * `attention-sdp`: scaled dot-product attention softmax(QKᵀ/√d_k)·V computed for small Q, K, V
 * (rows are queries, keys and values, as `F.scaled_dot_product_attention` takes them).
 */
import { scaledDotProductAttention, type AttentionOptions } from '../../kernels';
import { matrixAnswer, vectorAnswer, wrong } from '../answers';
import { distinct, finishDraw, spread } from '../draw-rules';
import { fmt, fmtRow, latexMatrix } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { NumericValue, ParamBag, Problem, TemplateDefinition } from '../types';

type Matrix = number[][];

const DECIMALS = 3;

interface Setup {
  readonly q: Matrix;
  readonly k: Matrix;
  readonly v: Matrix;
}

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  const [nq, nk, dk] = level === 1 ? [1, 2, 4] : level === 2 ? [2, 2, 4] : [2, 3, 2];
  const rows = (n: number, width: number, lo: number, hi: number) =>
    Array.from({ length: n }, () => rng.ints(width, lo, hi));
  // d_v = number of keys, so "stopped at the weights" has the output's shape.
  return { q: rows(nq, dk, -1, 2), k: rows(nk, dk, -1, 2), v: rows(nk, nk, -3, 4) };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const fixedQ = p.matrix('q');
  const fixedK = p.matrix('k');
  const fixedV = p.matrix('v');
  const fixed = fixedQ !== undefined && fixedK !== undefined && fixedV !== undefined;
  if (!fixed && (fixedQ ?? fixedK ?? fixedV) !== undefined) {
    throw new TemplateError('give all of q, k and v, or none');
  }
  const drawn = fixed ? undefined : drawSetup(rng, p.level);
  const q = fixedQ?.map((r) => [...r]) ?? drawn!.q;
  const k = fixedK?.map((r) => [...r]) ?? drawn!.k;
  const v = fixedV?.map((r) => [...r]) ?? drawn!.v;
  const dk = q[0].length;
  const run = (options: AttentionOptions = {}) => scaledDotProductAttention(q, k, v, options);
  const key = run();
  const single = q.length === 1;
  const shaped = (m: readonly (readonly number[])[], decimals = DECIMALS): NumericValue =>
    single ? vectorAnswer(m[0], decimals) : matrixAnswer(m, decimals);
  const root = Math.sqrt(dk);
  const rootText = Number.isInteger(root) ? fmt(root) : `\\sqrt{${dk}}`;
  const scaled = key.scores.map((row) => row.map((s) => s / root));
  const stem =
    `A single attention head computes scaled dot-product attention $\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})\\,V$ ` +
    `(no mask, no dropout), with one row per query in $Q$ and one row per key in $K$ and $V$:\n\n` +
    `$$Q = ${latexMatrix(q)}, \\quad K = ${latexMatrix(k)}, \\quad V = ${latexMatrix(v)}$$\n\n` +
    (single
      ? 'What is the output for the query (a row vector)?'
      : 'What is the output, one row per query?');
  const weightText = (i: number) => fmtRow(key.weights[i], 4);
  const queryName = (i: number) => (single ? 'the query' : `query ${i + 1}`);
  const steps = [
    `Scores $QK^\\top$ (query $i$ · key $j$): $${latexMatrix(key.scores)}$.`,
    `Divide by $\\sqrt{d_k} = ${rootText}$ (here $d_k = ${dk}$): $${latexMatrix(scaled, 4)}$.`,
    ...key.weights.map(
      (_, i) =>
        `Softmax along row ${i + 1} (over the keys): the weights of ${queryName(i)} are $${weightText(i)}$; they sum to 1.`,
    ),
    ...key.output.map(
      (row, i) =>
        `Output of ${queryName(i)}: $\\sum_j w_{${i + 1}j} v_j = ${fmtRow(row, DECIMALS)}$.`,
    ),
  ];
  return finishDraw(
    {
      stem,
      answer: shaped(key.output),
      distractors: [
        wrong(
          'attention-no-scaling',
          shaped(run({ divisor: 1 }).output),
          `The scores are divided by $\\sqrt{d_k} = ${rootText}$ before the softmax; without it, large dot products push the softmax towards one-hot weights.`,
        ),
        wrong(
          'attention-divided-by-dk',
          shaped(run({ divisor: dk }).output),
          `The scale is $\\sqrt{d_k}$, not $d_k$: a dot product of $d_k$ unit-variance terms has standard deviation $\\sqrt{d_k}$.`,
        ),
        wrong(
          'attention-softmax-over-queries',
          shaped(run({ axis: 'queries' }).output),
          'Each query distributes its attention over the keys, so the softmax runs along each row of the scores (over the keys), not down the columns.',
          'attention-rows-are-queries',
        ),
        wrong(
          'attention-weights-not-values',
          shaped(key.weights),
          'These are the attention weights; the output is the weighted sum of the value rows, weights · V.',
        ),
        wrong(
          'attention-skipped-softmax',
          shaped(times(scaled, v)),
          'The scaled scores are not weights until the softmax makes them positive and sum to 1 for each query.',
        ),
      ],
      correctFeedback:
        'Right: scores scaled by √d_k, a softmax over the keys for each query, then the weighted sum of the values.',
      explanation:
        'Each query is compared with every key by a dot product; dividing by $\\sqrt{d_k}$ keeps the scores at unit scale ' +
        'whatever the width, so the softmax does not saturate and its gradients stay useful. The softmax along each row ' +
        'turns one query’s scores into weights over the keys that sum to 1, and the output for that query is the ' +
        'weighted average of the value rows. Dividing by $d_k$ over-flattens the weights, skipping the scale sharpens them, ' +
        'and a softmax down the columns would make each key share itself among the queries, which is not what attention means.',
      steps,
      parts: [
        {
          id: 'scores',
          prompt: single
            ? 'The raw scores $QK^\\top$: the dot product of the query with each key, before scaling.'
            : 'The raw scores $QK^\\top$ (row $i$: query $i$ with each key), before scaling.',
          answer: shaped(key.scores, 0),
          hint: 'Multiply a query and a key entry by entry and add up; one number per (query, key) pair.',
        },
        {
          id: 'weights',
          prompt: `The attention weights of ${single ? 'the query' : 'query 1'} over the keys, to 4 decimal places.`,
          answer: vectorAnswer(key.weights[0], 4),
          hint: `Divide that query's scores by $\\sqrt{d_k} = ${rootText}$, exponentiate, and divide by their sum.`,
        },
      ],
      hints: {
        nudge:
          'Compare each query with every key, scale, turn each query’s scores into weights, and average the values with them.',
        formula:
          '$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\big(QK^\\top/\\sqrt{d_k}\\big)\\,V$, softmax along each row',
        firstStep: steps[0],
      },
      entryHint: single
        ? `the ${v[0].length} output values`
        : `the ${q.length}×${v[0].length} output`,
      needs: [
        ...key.scores.map((row, i) => spread(`the scores of query ${i + 1}`, row)),
        distinct('the value rows', v),
      ],
    },
    { fixed },
  );
}

/** a · b for small matrices. */
function times(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): Matrix {
  return a.map((row) => b[0].map((_, c) => row.reduce((sum, w, j) => sum + w * b[j][c], 0)));
}

/** Scaled dot-product attention for small Q, K, V. */
export const attentionSdp: TemplateDefinition = {
  id: 'attention-sdp',
  topic: 'attention',
  title: 'Scaled dot-product attention of small Q, K, V',
  answerKind: 'matrix',
  forms: ['mcq', 'numeric'],
  params: {
    q: {
      kind: 'matrix',
      maxRows: 4,
      maxCols: 6,
      description: 'queries, one per row (default: drawn)',
    },
    k: { kind: 'matrix', maxRows: 4, maxCols: 6, description: 'keys, one per row, width of q' },
    v: { kind: 'matrix', maxRows: 4, maxCols: 6, description: 'values, one row per key' },
  },
  draw,
};
