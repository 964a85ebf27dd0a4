/**
 * `batchnorm-inference`: running mean and variance updated with momentum over a few training
 * mini-batches, then a test input normalised with the running statistics (evaluation mode).
 * Convention (PyTorch): running ← (1 − m)·running + m·batch, starting from mean 0 and variance 1.
 */
import { batchNormStats } from '../kernels';
import { numberAnswer, wrong } from './answers';
import { clean, fmt, fmtList, fmtRow, term } from './format';
import type { Rng } from './rng';
import { columnWithWholeMean } from './batchnorm-train-stats';
import { equalsOrApprox } from './stats-steps';
import { TemplateError } from './types';
import type { ParamBag, Problem, TemplateDefinition } from './types';

const DECIMALS = 2;
/** Running statistics are shown exactly (they have few decimals by construction). */
const RUNNING_DECIMALS = 6;

interface Running {
  readonly mean: number;
  readonly variance: number;
}

/** Applies the momentum update for each batch; `swapped` applies the mistaken weights. */
function track(
  means: readonly number[],
  vars: readonly number[],
  m: number,
  swapped = false,
): Running[] {
  const keepOld = swapped ? m : 1 - m;
  const takeNew = swapped ? 1 - m : m;
  const out: Running[] = [];
  let mean = 0;
  let variance = 1;
  for (let b = 0; b < means.length; b++) {
    mean = clean(keepOld * mean + takeNew * means[b]);
    variance = clean(keepOld * variance + takeNew * vars[b]);
    out.push({ mean, variance });
  }
  return out;
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const m = p.num('momentum') ?? rng.pick(level === 3 ? [0.1, 0.2, 0.3] : [0.1, 0.2]);
  const fixedMeans = p.numbers('means');
  const fixedVars = p.numbers('variances');
  if (
    (fixedMeans === undefined) !== (fixedVars === undefined) ||
    (fixedMeans?.length ?? 0) !== (fixedVars?.length ?? 0)
  ) {
    throw new TemplateError('params means and variances go together, one value per batch each');
  }
  if (fixedVars?.some((v) => v <= 0)) throw new TemplateError('param variances: must be positive');
  const batches = fixedMeans?.length ?? p.int('batches') ?? (level === 1 ? 2 : 3);
  const affine = level === 3;
  let means: number[];
  let vars: number[];
  let raw: number[][] | undefined;
  if (fixedMeans !== undefined && fixedVars !== undefined) {
    means = [...fixedMeans];
    vars = [...fixedVars];
  } else if (level === 3) {
    raw = Array.from({ length: batches }, () => columnWithWholeMean(rng, 4, -4, 12));
    const stats = raw.map((values) => batchNormStats(values.map((v) => [v])));
    means = stats.map((s) => s.mean[0]);
    vars = stats.map((s) => s.var[0]);
  } else {
    means = rng.ints(batches, level === 1 ? 0 : -5, 10);
    vars = rng.ints(batches, 1, 9);
  }
  const x = p.num('input') ?? rng.int(-5, 15);
  const gamma = affine ? rng.pick([0.5, 2, 3]) : 1;
  const beta = affine ? rng.pick([-1, 1, 2]) : 0;
  const affineOut = (xHat: number) => gamma * xHat + beta;
  const normalise = (mean: number, variance: number) => affineOut((x - mean) / Math.sqrt(variance));

  const running = track(means, vars, m);
  const final = running[running.length - 1];
  const swapped = track(means, vars, m, true);
  const swappedFinal = swapped[swapped.length - 1];
  const plainMean = means.reduce((a, b) => a + b, 0) / batches;
  const plainVar = vars.reduce((a, b) => a + b, 0) / batches;
  const last = batches - 1;
  const answer = normalise(final.mean, final.variance);

  const batchText =
    raw !== undefined
      ? `The mini-batches (4 values of this feature each) are ${raw.map((values) => `$${fmtRow(values)}$`).join(', ')}.`
      : `The mini-batches have means ${fmtList(means)} and variances ${fmtList(vars)}, in that order.`;
  const affineText = affine
    ? `The layer's learned scale and shift are $\\gamma = ${fmt(gamma, 2)}$ and $\\beta = ${fmt(beta)}$.`
    : 'Take $\\gamma = 1$, $\\beta = 0$.';
  const stem =
    `A batch-norm layer on a single feature keeps running statistics with momentum $m = ${fmt(m, 4)}$: after every ` +
    `training mini-batch, $\\text{running} \\leftarrow (1 - m)\\,\\text{running} + m \\cdot \\text{batch statistic}$, ` +
    `starting from running mean 0 and running variance 1. ${batchText} ` +
    `After these ${batches} batches the network is put in evaluation mode and receives the test input $x = ${fmt(x)}$. ` +
    `${affineText} Ignoring $\\epsilon$, what does the layer output?`;

  const steps: string[] = [];
  if (raw !== undefined) {
    steps.push(
      `Batch statistics (mean, biased variance): ${raw
        .map(
          (_, b) =>
            `batch ${b + 1}: $\\mu = ${fmt(means[b], 4)}$, $\\sigma^2 = ${fmt(vars[b], 4)}$`,
        )
        .join('; ')}.`,
    );
  }
  steps.push(
    `Update rule with $m = ${fmt(m, 4)}$: $r \\leftarrow ${fmt(1 - m, 4)}\\,r + ${fmt(m, 4)}\\,b$, from $\\hat\\mu = 0$, $\\hat\\sigma^2 = 1$.`,
  );
  let prev: Running = { mean: 0, variance: 1 };
  running.forEach((r, b) => {
    steps.push(
      `After batch ${b + 1}: $\\hat\\mu = ${fmt(1 - m, 4)} \\cdot ${term(prev.mean, RUNNING_DECIMALS)} + ${fmt(m, 4)} \\cdot ${term(means[b], 4)} = ${fmt(r.mean, RUNNING_DECIMALS)}$, ` +
        `$\\hat\\sigma^2 = ${fmt(1 - m, 4)} \\cdot ${term(prev.variance, RUNNING_DECIMALS)} + ${fmt(m, 4)} \\cdot ${term(vars[b], 4)} = ${fmt(r.variance, RUNNING_DECIMALS)}$.`,
    );
    prev = r;
  });
  const xHat = (x - final.mean) / Math.sqrt(final.variance);
  steps.push(
    `In evaluation mode the running statistics replace the batch ones: $\\hat{x} = \\frac{x - \\hat\\mu}{\\sqrt{\\hat\\sigma^2}} = \\frac{${fmt(x)} - ${term(final.mean, RUNNING_DECIMALS)}}{\\sqrt{${fmt(final.variance, RUNNING_DECIMALS)}}} ${equalsOrApprox(xHat, 4)}$.`,
  );
  if (affine) {
    steps.push(
      `Scale and shift: $y = \\gamma \\hat{x} + \\beta = ${fmt(gamma, 2)} \\cdot ${term(xHat, 4)} + ${term(beta)} ${equalsOrApprox(answer, DECIMALS)}$.`,
    );
  }

  const n = (value: number) => numberAnswer(value, DECIMALS);
  return {
    stem,
    answer: n(answer),
    distractors: [
      wrong(
        'momentum-swapped',
        n(normalise(swappedFinal.mean, swappedFinal.variance)),
        `Here the old running value was weighted by m = ${fmt(m, 4)} and the new batch by 1 − m; the update keeps (1 − m) of the old value and takes m of the batch statistic.`,
      ),
      wrong(
        'used-batch-stats-at-test',
        n(normalise(means[last], vars[last])),
        'This normalises with the statistics of the last training batch. In evaluation mode batch norm uses the running estimates, so the output does not depend on which batch came last.',
      ),
      wrong(
        'divided-by-variance',
        n(normalise(final.mean, final.variance ** 2)),
        `This divides by the running variance ${fmt(final.variance, RUNNING_DECIMALS)} itself; normalisation divides by its square root, the standard deviation.`,
      ),
      wrong(
        'running-stats-plain-average',
        n(normalise(plainMean, plainVar)),
        'This averages the batch statistics with equal weights. The running estimate is an exponential moving average that starts from mean 0 and variance 1.',
      ),
    ],
    correctFeedback: 'Right: evaluation mode uses the momentum-averaged running mean and variance.',
    explanation:
      'During training batch norm normalises with the current mini-batch statistics and, on the side, keeps an ' +
      'exponential moving average of them. At test time there may be a single input, so the layer uses those ' +
      'running estimates instead; the output for a given input is then fixed and no longer depends on the other ' +
      'samples it happens to arrive with.',
    steps,
  };
}

/** Running statistics with momentum, then a test input normalised with them. */
export const batchnormInference: TemplateDefinition = {
  id: 'batchnorm-inference',
  topic: 'normalization',
  title: 'Batch norm at test time: running statistics with momentum',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    momentum: {
      kind: 'number',
      min: 0.05,
      max: 0.95,
      description: 'momentum m of the running update (default: 0.1 or 0.2, up to 0.3 at level 3)',
    },
    batches: {
      kind: 'int',
      min: 1,
      max: 5,
      description: 'number of training mini-batches (default 2 at level 1, else 3)',
    },
    means: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 5,
      description: 'batch means, one per batch (give with variances; default: drawn)',
    },
    variances: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 5,
      description: 'biased batch variances, positive, one per batch (default: drawn)',
    },
    input: {
      kind: 'number',
      min: -1000,
      max: 1000,
      description: 'the test input x (default: drawn)',
    },
  },
  draw,
};
