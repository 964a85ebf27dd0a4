/**
 * `layernorm-stats`: the per-sample mean or (biased) variance layer normalization computes over
 * the features of each sample of an N×D batch.
 */
import { normAxesFigure } from '../figures';
import { batchNormStats, layerNormStats } from '../kernels';
import { numberAnswer, vectorAnswer, wrong } from './answers';
import { finishDraw, spread } from './draw-rules';
import { fmt, latexMatrix, plural } from './format';
import type { Rng } from './rng';
import { columnWithWholeMean } from './batchnorm-train-stats';
import { meanWorking, varianceWorking } from './stats-steps';
import { TemplateError } from './types';
import type { Distractor, ParamBag, Problem, TemplateDefinition } from './types';

const DECIMALS = 2;

function drawBatch(rng: Rng, level: 1 | 2 | 3): number[][] {
  const [n, d, lo, hi] = level === 1 ? [2, 4, 0, 9] : level === 2 ? [3, 4, 0, 20] : [3, 5, -10, 20];
  return Array.from({ length: n }, () => columnWithWholeMean(rng, d, lo, hi));
}

function draw(rng: Rng, p: ParamBag): Problem {
  const fixed = p.matrix('x');
  const x: number[][] =
    fixed !== undefined ? fixed.map((row) => [...row]) : drawBatch(rng, p.level);
  if (x[0].length < 2) throw new TemplateError('param x: need at least 2 features (columns)');
  const stat = p.str('stat') ?? rng.pick(['mean', 'variance']);
  const n = x.length;
  const d = x[0].length;
  const stats = layerNormStats(x);
  const perFeature = batchNormStats(x);
  const sums = x.map((row) => row.reduce((a, b) => a + b, 0));
  const all = x.flat();
  const globalMean = all.reduce((a, b) => a + b, 0) / all.length;
  const globalVar = all.reduce((a, v) => a + (v - globalMean) ** 2, 0) / all.length;
  const squaredDeviations = x.map((row, i) =>
    row.reduce((acc, v) => acc + (v - stats.mean[i]) ** 2, 0),
  );
  const col = (values: readonly number[]) => vectorAnswer(values, DECIMALS, 'column');
  const solutionFigure = normAxesFigure('layer', { n, c: d, h: 1, w: 1 });
  const needs = x.map((row, i) => spread(`sample ${i + 1}`, row));
  const source = { fixed: fixed !== undefined };

  const intro =
    `A layer-normalization layer receives a mini-batch of ${plural(n, 'sample')} with ${plural(d, 'feature')} each ` +
    `(one row per sample): $$X = ${latexMatrix(x, 4)}$$`;
  const nudge =
    'Layer norm summarises each sample on its own: one statistic per row, over all its features.';
  const explanation =
    'Layer normalization computes its statistics **per sample**, over all the features (for images: all ' +
    'channels and spatial positions) of that sample, so each mean and variance summarises one row here. It ' +
    'never looks across the batch, which is why it behaves the same in training and at test time and works ' +
    'with a batch of one. Batch normalization does the opposite: one statistic per feature, across the samples.';

  if (stat === 'mean') {
    const distractors: Distractor[] = [
      wrong(
        'normalised-wrong-axis',
        col(perFeature.mean),
        'These are per-feature means over the batch (columns) — what batch norm computes. Layer norm averages each sample (row).',
      ),
      wrong(
        'pooled-all-values',
        col(new Array<number>(n).fill(globalMean)),
        'This is one mean over the whole batch; layer norm keeps a separate mean for every sample.',
      ),
      wrong(
        'summed-not-averaged',
        col(sums),
        `These are the row sums; divide each by the number of features D = ${d}.`,
      ),
      wrong(
        'mean-divided-by-n-minus-1',
        col(sums.map((s) => s / (d - 1))),
        `The row sums were divided by D − 1 = ${d - 1}; a mean divides by D = ${d}.`,
      ),
    ];
    return finishDraw(
      {
        needs,
        solutionFigure,
        stem: `${intro}\n\nWhat mean does layer norm compute for each sample?`,
        answer: col(stats.mean),
        distractors,
        correctFeedback: `Right: each sample's ${plural(d, 'feature')} are averaged.`,
        explanation,
        steps: [
          `Layer norm averages over the features of one sample: $\\mu_i = \\frac{1}{D} \\sum_{j=1}^{D} x_{ij}$ with D = ${d}.`,
          ...x.map(
            (row, i) =>
              `Sample ${i + 1}: $\\mu_{${i + 1}} = ${meanWorking(row, stats.mean[i], DECIMALS)}$`,
          ),
        ],
        parts: [
          {
            id: 'values-per-mean',
            prompt: 'How many values layer norm averages for the mean of one sample.',
            answer: numberAnswer(d),
            hint: 'Layer norm never looks across the batch: each statistic comes from one row.',
          },
          {
            id: 'sample-sums',
            prompt: 'The sum of the features of each sample (each row), sample 1 first.',
            answer: col(sums),
            hint: 'Add along each row.',
          },
        ],
        hints: {
          nudge,
          formula: '$\\mu_i = \\frac{1}{D} \\sum_{j=1}^{D} x_{ij}$',
          firstStep: `Sample 1: $\\mu_1 = ${meanWorking(x[0], stats.mean[0], DECIMALS)}$`,
        },
        entryHint: `the ${plural(n, 'mean')}, sample 1 first`,
      },
      source,
    );
  }
  const distractors: Distractor[] = [
    wrong(
      'unbiased-variance',
      col(stats.var.map((v) => (v * d) / (d - 1))),
      `This divides by D − 1 = ${d - 1}; layer norm uses the biased variance, dividing by D = ${d}.`,
      'biased-batch-variance',
    ),
    wrong(
      'normalised-wrong-axis',
      col(perFeature.var),
      'These are per-feature variances across the batch (batch-norm axis); layer norm works within each sample.',
    ),
    wrong(
      'std-instead-of-variance',
      col(stats.var.map(Math.sqrt)),
      'These are standard deviations; square them to get variances.',
    ),
    wrong(
      'forgot-to-subtract-mean',
      col(x.map((row) => row.reduce((a, v) => a + v * v, 0) / d)),
      'This averages the raw squares; subtract the sample mean before squaring.',
    ),
    wrong(
      'pooled-all-values',
      col(new Array<number>(n).fill(globalVar)),
      'This is one variance over the whole batch; layer norm keeps one per sample.',
    ),
  ];
  return finishDraw(
    {
      needs,
      solutionFigure,
      stem: `${intro}\n\nWhat variance does layer norm compute for each sample? Use the biased variance (divide by the number of features), as PyTorch's \`LayerNorm\` does.`,
      answer: col(stats.var),
      distractors,
      correctFeedback: `Right: squared deviations from each sample's mean, averaged over its D = ${d} features.`,
      explanation,
      steps: [
        `Per-sample means, $\\mu_i = \\frac{1}{D} \\sum_j x_{ij}$: ${stats.mean.map((m, i) => `$\\mu_{${i + 1}} = ${fmt(m, DECIMALS)}$`).join(', ')}.`,
        `Biased variance of each row, $\\sigma_i^2 = \\frac{1}{D} \\sum_j (x_{ij} - \\mu_i)^2$ with D = ${d}:`,
        ...x.map(
          (row, i) =>
            `Sample ${i + 1}: $\\sigma_{${i + 1}}^2 = ${varianceWorking(row, stats.mean[i], stats.var[i], DECIMALS)}$`,
        ),
      ],
      parts: [
        {
          id: 'sample-means',
          prompt: 'The mean of each sample over its features (each row), sample 1 first.',
          answer: col(stats.mean),
          hint: `Add along each row and divide by D = ${d}.`,
        },
        {
          id: 'squared-deviations',
          prompt:
            "The sum of each sample's squared deviations from its own mean, $\\sum_j (x_{ij} - \\mu_i)^2$, sample 1 first.",
          answer: col(squaredDeviations),
          hint: 'Subtract the row mean from each value of the row, square, and add.',
        },
      ],
      hints: {
        nudge,
        formula:
          '$\\sigma_i^2 = \\frac{1}{D} \\sum_{j=1}^{D} (x_{ij} - \\mu_i)^2$ (biased, as in training)',
      },
      entryHint: `the ${plural(n, 'variance')}, sample 1 first`,
    },
    source,
  );
}

/** Layer-norm statistics per sample. */
export const layernormStats: TemplateDefinition = {
  id: 'layernorm-stats',
  topic: 'normalization',
  title: 'Layer norm: per-sample mean and variance',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    stat: {
      kind: 'enum',
      values: ['mean', 'variance'],
      description: 'which statistic is asked (default: drawn from the seed)',
    },
    x: {
      kind: 'matrix',
      maxRows: 8,
      maxCols: 8,
      description: 'the activations, one row per sample, D ≥ 2 features per row',
    },
  },
  draw,
};
