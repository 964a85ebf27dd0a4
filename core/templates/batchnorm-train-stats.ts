/**
 * `batchnorm-train-stats`: the per-neuron mean or (biased) variance batch norm computes over a
 * mini-batch during training, for an N×C batch of activations given as one column per sample.
 */
import { normAxesFigure } from '../figures';
import { batchNormStats, layerNormStats } from '../kernels';
import { numberAnswer, vectorAnswer, wrong } from './answers';
import { finishDraw, spread } from './draw-rules';
import { fmt, latexColumn, plural } from './format';
import type { Rng } from './rng';
import { meanWorking, varianceWorking } from './stats-steps';
import { TemplateError } from './types';
import type { Distractor, ParamBag, Problem, TemplateDefinition } from './types';

/** The source quiz: 3 neurons, samples [4,4,3], [0,2,5], [8,9,1] → mean [4,5,3]. */
const SOURCE_BATCH: readonly (readonly number[])[] = [
  [4, 4, 3],
  [0, 2, 5],
  [8, 9, 1],
];

const DECIMALS = 2;

/** One channel of N integers in [lo, hi] whose sum is divisible by N (so the mean is whole). */
export function columnWithWholeMean(rng: Rng, n: number, lo: number, hi: number): number[] {
  const values = rng.ints(n, lo, hi);
  const sum = values.reduce((a, b) => a + b, 0);
  let last = values[n - 1] - (((sum % n) + n) % n);
  if (last < lo) last += n;
  values[n - 1] = last;
  return values;
}

function drawBatch(rng: Rng, level: 1 | 2 | 3): number[][] {
  const [n, c, lo, hi] =
    level === 1 ? [3, 3, 0, 9] : level === 2 ? [4, 3, 0, 20] : [rng.int(4, 5), 4, -10, 20];
  const columns = Array.from({ length: c }, () => columnWithWholeMean(rng, n, lo, hi));
  return Array.from({ length: n }, (_, i) => columns.map((col) => col[i]));
}

function draw(rng: Rng, p: ParamBag): Problem {
  const preset = p.str('preset');
  const fixed = p.matrix('x');
  if (preset !== undefined && fixed !== undefined) {
    throw new TemplateError('param x: give either x or preset, not both');
  }
  const x: number[][] =
    fixed !== undefined
      ? fixed.map((row) => [...row])
      : preset === 'source'
        ? SOURCE_BATCH.map((row) => [...row])
        : drawBatch(rng, p.level);
  if (x.length < 2) throw new TemplateError('param x: need at least 2 samples (rows)');
  const stat = p.str('stat') ?? (preset === 'source' ? 'mean' : rng.pick(['mean', 'variance']));
  const n = x.length;
  const c = x[0].length;
  const stats = batchNormStats(x);
  const perSample = layerNormStats(x);
  const columns = Array.from({ length: c }, (_, j) => x.map((row) => row[j]));
  const sums = columns.map((col) => col.reduce((a, b) => a + b, 0));
  const all = x.flat();
  const globalMean = all.reduce((a, b) => a + b, 0) / all.length;
  const globalVar = all.reduce((a, v) => a + (v - globalMean) ** 2, 0) / all.length;

  const solutionFigure = normAxesFigure('batch', { n, c, h: 1, w: 1 });
  const needs = columns.map((values, j) => spread(`neuron ${j + 1}`, values));
  const source = { fixed: fixed !== undefined || preset !== undefined };
  const samples = x.map((row) => `$${latexColumn(row, 4)}$`);
  const sampleText = `${samples.slice(0, -1).join(', ')} and ${samples[samples.length - 1]}`;
  const intro =
    `A hidden layer with ${plural(c, 'neuron')} is followed by batch normalization. ` +
    `For a mini-batch of ${plural(n, 'sample')}, the activations (one column per sample, one entry per neuron) are ${sampleText}.`;
  const col = (values: readonly number[]) => vectorAnswer(values, DECIMALS, 'column');
  const nudge =
    'Batch norm keeps one statistic per neuron, taken across the samples of the batch, not per sample.';
  const meanSteps = columns.map(
    (values, j) =>
      `Neuron ${j + 1}: $\\mu_{${j + 1}} = ${meanWorking(values, stats.mean[j], DECIMALS)}$`,
  );
  const explanation =
    'Batch normalization keeps one mean and one variance **per neuron** (per channel) and computes them ' +
    'across the samples of the mini-batch, so each statistic averages one row of the activation table, ' +
    'not one sample. During training the variance is the biased one (divide by the batch size N); at test ' +
    'time the running estimates collected during training replace both statistics.';

  if (stat === 'mean') {
    const distractors: Distractor[] = [
      wrong(
        'normalised-wrong-axis',
        col(perSample.mean),
        'These are the means of each sample over its neurons — the axis layer normalization uses. Batch norm averages each neuron over the batch.',
      ),
      wrong(
        'pooled-all-values',
        col(new Array<number>(c).fill(globalMean)),
        `This is one mean over all ${n * c} activations repeated for every neuron; batch norm keeps a separate mean per neuron.`,
      ),
      wrong(
        'summed-not-averaged',
        col(sums),
        `These are the per-neuron sums; divide each by the batch size N = ${n} to get the mean.`,
      ),
      wrong(
        'mean-divided-by-n-minus-1',
        col(sums.map((s) => s / (n - 1))),
        `The sums were divided by N − 1 = ${n - 1}; a mean divides by the number of samples, N = ${n}.`,
      ),
    ];
    return finishDraw(
      {
        needs,
        solutionFigure,
        stem: `${intro} During training, what mean does batch norm compute for each neuron?`,
        answer: col(stats.mean),
        distractors,
        correctFeedback: `Right: each neuron's activations are averaged over the ${plural(n, 'sample')} of the batch.`,
        explanation,
        steps: [
          `Batch norm averages each neuron over the batch: $\\mu_j = \\frac{1}{N} \\sum_{i=1}^{N} x_{ij}$ with N = ${n}.`,
          ...meanSteps,
        ],
        parts: [
          {
            id: 'values-per-mean',
            prompt: 'How many values batch norm averages for the mean of one neuron.',
            answer: numberAnswer(n),
            hint: 'One neuron has one activation in every sample of the batch.',
          },
          {
            id: 'neuron-sums',
            prompt:
              "The sum of each neuron's activations over the batch (the same entry of every sample), neuron 1 first.",
            answer: col(sums),
            hint: 'Add the first entries of all the samples, then the second entries, and so on.',
          },
        ],
        hints: {
          nudge,
          formula: '$\\mu_j = \\frac{1}{N} \\sum_{i=1}^{N} x_{ij}$',
          firstStep: meanSteps[0],
        },
        entryHint: `the ${plural(c, 'mean')}, neuron 1 first`,
      },
      source,
    );
  }

  const std = stats.var.map(Math.sqrt);
  const squaredDeviations = columns.map((values, j) =>
    values.reduce((acc, v) => acc + (v - stats.mean[j]) ** 2, 0),
  );
  const distractors: Distractor[] = [
    wrong(
      'unbiased-variance',
      col(stats.var.map((v) => (v * n) / (n - 1))),
      `This divides the squared deviations by N − 1 = ${n - 1}. Batch norm normalises a training batch with the biased variance, dividing by N = ${n}.`,
      'biased-batch-variance',
    ),
    wrong(
      'normalised-wrong-axis',
      col(perSample.var),
      'These are variances of each sample over its neurons (layer-norm axis); batch norm works per neuron over the batch.',
    ),
    wrong(
      'std-instead-of-variance',
      col(std),
      'These are standard deviations, the square roots of the variances asked for.',
    ),
    wrong(
      'forgot-to-subtract-mean',
      col(columns.map((values) => values.reduce((a, v) => a + v * v, 0) / n)),
      'This averages the raw squares $x^2$; subtract the neuron mean before squaring.',
    ),
    wrong(
      'pooled-all-values',
      col(new Array<number>(c).fill(globalVar)),
      `This is one variance over all ${n * c} activations; batch norm keeps one per neuron.`,
    ),
  ];
  return finishDraw(
    {
      needs,
      solutionFigure,
      stem: `${intro} During training, what variance does batch norm compute for each neuron? Use the biased variance (divide by the batch size), as PyTorch does when it normalises a training batch.`,
      answer: col(stats.var),
      distractors,
      correctFeedback: `Right: squared deviations from each neuron's batch mean, averaged over N = ${n}.`,
      explanation,
      steps: [
        `First the mean of each neuron over the batch, $\\mu_j = \\frac{1}{N} \\sum_i x_{ij}$: ${stats.mean.map((m, j) => `$\\mu_{${j + 1}} = ${fmt(m, DECIMALS)}$`).join(', ')}.`,
        `Then the biased variance $\\sigma_j^2 = \\frac{1}{N} \\sum_i (x_{ij} - \\mu_j)^2$ with N = ${n}:`,
        ...columns.map(
          (values, j) =>
            `Neuron ${j + 1}: $\\sigma_{${j + 1}}^2 = ${varianceWorking(values, stats.mean[j], stats.var[j], DECIMALS)}$`,
        ),
      ],
      parts: [
        {
          id: 'neuron-means',
          prompt: 'The mean of each neuron over the batch, neuron 1 first.',
          answer: col(stats.mean),
          hint: `Add the neuron's activations over the ${plural(n, 'sample')} and divide by N = ${n}.`,
        },
        {
          id: 'squared-deviations',
          prompt:
            "The sum of each neuron's squared deviations from its own mean, $\\sum_i (x_{ij} - \\mu_j)^2$, neuron 1 first.",
          answer: col(squaredDeviations),
          hint: "Subtract the neuron's mean from each of its activations, square, and add.",
        },
      ],
      hints: {
        nudge,
        formula:
          '$\\sigma_j^2 = \\frac{1}{N} \\sum_{i=1}^{N} (x_{ij} - \\mu_j)^2$ (biased, as in training)',
      },
      entryHint: `the ${plural(c, 'variance')}, neuron 1 first`,
    },
    source,
  );
}

/** Batch-norm training statistics per neuron. */
export const batchnormTrainStats: TemplateDefinition = {
  id: 'batchnorm-train-stats',
  topic: 'normalization',
  title: 'Batch norm: per-neuron mean and variance over a mini-batch',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    stat: {
      kind: 'enum',
      values: ['mean', 'variance'],
      description:
        'which statistic is asked (default: drawn from the seed; mean for preset source)',
    },
    x: {
      kind: 'matrix',
      maxRows: 8,
      maxCols: 8,
      description: 'the activations, one row per sample (N ≥ 2), one column per neuron',
    },
    preset: {
      kind: 'enum',
      values: ['source'],
      description: 'source: the quiz batch [4,4,3], [0,2,5], [8,9,1]',
    },
  },
  draw,
};
