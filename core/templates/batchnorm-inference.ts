/**
 * `batchnorm-inference`: running mean and variance updated with momentum over a few training
 * mini-batches, then a test input normalised with the running statistics (evaluation mode).
 * Convention (PyTorch `BatchNorm1d`): running ← (1 − m)·running + m·batch, starting from mean 0 and
 * variance 1, where the running variance takes the *unbiased* batch variance (divide by N − 1)
 * while training-mode normalisation uses the biased one (divide by N).
 */
import { batchNormStats } from '../kernels';
import { numberAnswer, present, vectorAnswer, wrong } from './answers';
import { finishDraw, spread } from './draw-rules';
import { clean, fmt, fmtList, fmtRow, term } from './format';
import type { Rng } from './rng';
import { columnWithWholeMean } from './batchnorm-train-stats';
import { equalsOrApprox } from './stats-steps';
import { TemplateError } from './types';
import type { ParamBag, Problem, TemplateDefinition } from './types';

const DECIMALS = 2;
/** Values per mini-batch at level 3. */
const BATCH_SIZE = 5;
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
  const fixedBatches = p.matrix('minibatches');
  if (fixedBatches !== undefined && fixedMeans !== undefined) {
    throw new TemplateError('give either minibatches or means and variances, not both');
  }
  if (fixedBatches !== undefined && fixedBatches[0].length < 2) {
    throw new TemplateError('param minibatches: each batch needs at least 2 values');
  }
  const batches =
    fixedMeans?.length ?? fixedBatches?.length ?? p.int('batches') ?? (level === 1 ? 2 : 3);
  const fixedGamma = p.num('gamma');
  const fixedBeta = p.num('beta');
  const affine = level === 3 || fixedGamma !== undefined || fixedBeta !== undefined;
  let means: number[];
  /** Unbiased batch variances: what the running variance is updated with. */
  let vars: number[];
  /** Biased batch variances (level 3): what training-mode normalisation divides by. */
  let biasedVars: number[] | undefined;
  let raw: number[][] | undefined;
  if (fixedMeans !== undefined && fixedVars !== undefined) {
    means = [...fixedMeans];
    vars = [...fixedVars];
  } else if (fixedBatches !== undefined || level === 3) {
    // Five values per batch: a whole mean, and both variances end in at most two decimals.
    raw =
      fixedBatches?.map((row) => [...row]) ??
      Array.from({ length: batches }, () => columnWithWholeMean(rng, BATCH_SIZE, -4, 12));
    const stats = raw.map((values) => batchNormStats(values.map((v) => [v])));
    means = stats.map((s) => s.mean[0]);
    biasedVars = stats.map((s) => clean(s.var[0]));
    vars = biasedVars.map((v, b) => clean((v * raw![b].length) / (raw![b].length - 1)));
  } else {
    means = rng.ints(batches, level === 1 ? 0 : -5, 10);
    vars = rng.ints(batches, 1, 9);
  }
  const x = p.num('input') ?? rng.int(-5, 15);
  const gamma = fixedGamma ?? (affine ? rng.pick([0.5, 2, 3]) : 1);
  const beta = fixedBeta ?? (affine ? rng.pick([-1, 1, 2]) : 0);
  const affineOut = (xHat: number) => gamma * xHat + beta;
  const normalise = (mean: number, variance: number) => affineOut((x - mean) / Math.sqrt(variance));

  const running = track(means, vars, m);
  const final = running[running.length - 1];
  const biasedFinal =
    biasedVars === undefined ? undefined : track(means, biasedVars, m)[batches - 1];
  const swapped = track(means, vars, m, true);
  const swappedFinal = swapped[swapped.length - 1];
  const plainMean = means.reduce((a, b) => a + b, 0) / batches;
  const plainVar = vars.reduce((a, b) => a + b, 0) / batches;
  const last = batches - 1;
  const answer = normalise(final.mean, final.variance);

  const batchText =
    raw !== undefined
      ? `The mini-batches (${raw[0].length} values of this feature each) are ${raw.map((values) => `$${fmtRow(values)}$`).join(', ')}.`
      : `The mini-batches have means ${fmtList(means)} and unbiased variances ${fmtList(vars)}, in that order.`;
  const affineText = affine
    ? `The layer's learned scale and shift are $\\gamma = ${fmt(gamma, 2)}$ and $\\beta = ${fmt(beta)}$.`
    : 'Take $\\gamma = 1$, $\\beta = 0$.';
  const stem =
    `A batch-norm layer on a single feature keeps running statistics with momentum $m = ${fmt(m, 4)}$, as PyTorch does ` +
    `($m$ is the weight of the new batch statistic): after every training mini-batch, ` +
    `$\\text{running} \\leftarrow (1 - m)\\,\\text{running} + m \\cdot \\text{batch statistic}$, starting from running ` +
    `mean 0 and running variance 1. Like PyTorch's \`running_var\`, the running variance is updated with the unbiased ` +
    `batch variance (squared deviations divided by $N - 1$). ${batchText} ` +
    `After these ${batches} batches the network is put in evaluation mode and receives the test input $x = ${fmt(x)}$. ` +
    `${affineText} Ignoring $\\epsilon$, what does the layer output?`;

  const steps: string[] = [];
  if (raw !== undefined) {
    steps.push(
      `Batch statistics, with the unbiased variance $s^2 = \\frac{1}{N - 1} \\sum (x - \\mu)^2$, $N = ${raw[0].length}$: ${raw
        .map((values, b) => {
          const ss = values.reduce((acc, v) => acc + (v - means[b]) ** 2, 0);
          return `batch ${b + 1}: $\\mu = ${fmt(means[b], 4)}$, $s^2 = \\frac{${fmt(ss, 4)}}{${values.length - 1}} = ${fmt(vars[b], 4)}$`;
        })
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
  // Training mode would divide by the last batch's biased variance (where the batch is shown).
  const lastBatchVar = biasedVars?.[last] ?? vars[last];
  const fixed =
    (fixedMeans !== undefined || fixedBatches !== undefined) && p.num('input') !== undefined;
  return finishDraw(
    {
      stem,
      answer: n(answer),
      needs: raw?.map((values, b) => spread(`mini-batch ${b + 1}`, values)),
      distractors: present([
        biasedFinal &&
          wrong(
            'running-var-biased',
            n(normalise(biasedFinal.mean, biasedFinal.variance)),
            `This updates the running variance with the biased batch variances ${fmtList(biasedVars ?? [], 4)} (divide by N). PyTorch feeds the unbiased ones, ${fmtList(vars, 4)} (divide by N − 1), into \`running_var\`, though it normalises training batches with the biased variance.`,
            'unbiased-running-var',
          ),
        wrong(
          'momentum-swapped',
          n(normalise(swappedFinal.mean, swappedFinal.variance)),
          `Here the old running value was weighted by m = ${fmt(m, 4)} and the new batch by 1 − m; in PyTorch's convention the update keeps (1 − m) of the old value and takes m of the batch statistic.`,
          'momentum-weights-new-value',
        ),
        wrong(
          'used-batch-stats-at-test',
          n(normalise(means[last], lastBatchVar)),
          'This normalises with the statistics of the last training batch, as training mode would. In evaluation mode batch norm uses the running estimates, so the output does not depend on which batch came last.',
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
      ]),
      correctFeedback:
        'Right: evaluation mode uses the momentum-averaged running mean and variance.',
      explanation:
        'During training batch norm normalises with the current mini-batch statistics and, on the side, keeps an ' +
        'exponential moving average of them. At test time there may be a single input, so the layer uses those ' +
        'running estimates instead; the output for a given input is then fixed and no longer depends on the other ' +
        'samples it happens to arrive with. PyTorch feeds the unbiased batch variance into the running variance ' +
        '(an estimate of the population variance), while each training batch is normalised with its biased variance.',
      steps,
      parts: [
        ...(raw !== undefined
          ? [
              {
                id: 'batch-variances',
                prompt:
                  'The unbiased variance of each mini-batch (squared deviations divided by $N - 1$), batch 1 first.',
                answer: vectorAnswer(vars, 4),
                hint: `Each batch has N = ${raw[0].length} values: subtract its mean, square, add, and divide by ${raw[0].length - 1}.`,
              },
            ]
          : []),
        {
          id: 'running-mean',
          prompt: `The running mean $\\hat\\mu$ after the last training batch (batch ${batches}).`,
          answer: numberAnswer(final.mean, RUNNING_DECIMALS),
          hint: `Start from 0 and apply $\\hat\\mu \\leftarrow ${fmt(1 - m, 4)}\\,\\hat\\mu + ${fmt(m, 4)}\\,\\mu_B$ once per batch, in order.`,
        },
        {
          id: 'running-variance',
          prompt: `The running variance $\\hat\\sigma^2$ after the last training batch (batch ${batches}).`,
          answer: numberAnswer(final.variance, RUNNING_DECIMALS),
          hint: 'Start from 1 and apply the same update with the unbiased batch variances.',
        },
        ...(affine
          ? [
              {
                id: 'normalised-input',
                prompt:
                  'The normalised test input before the scale and shift, $\\hat{x} = (x - \\hat\\mu) / \\sqrt{\\hat\\sigma^2}$.',
                answer: numberAnswer(xHat, 4),
                hint: 'Use the running statistics, not those of any single batch.',
              },
            ]
          : []),
      ],
      hints: {
        nudge:
          'In evaluation mode batch norm normalises with its running statistics: update them batch by batch first, then normalise the test input.',
        formula:
          '$\\text{running} \\leftarrow (1 - m)\\,\\text{running} + m \\cdot \\text{batch}$, then $y = \\gamma \\, \\frac{x - \\hat\\mu}{\\sqrt{\\hat\\sigma^2}} + \\beta$',
        firstStep: raw !== undefined ? steps[0] : steps[1],
      },
    },
    { fixed },
  );
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
      description: 'unbiased batch variances, positive, one per batch (default: drawn)',
    },
    minibatches: {
      kind: 'matrix',
      maxRows: 5,
      maxCols: 8,
      description:
        'the raw values of each training mini-batch, one row per batch, at least 2 values (default: drawn at level 3)',
    },
    gamma: {
      kind: 'number',
      min: -10,
      max: 10,
      description: 'learned scale γ (default: drawn at level 3, else 1)',
    },
    beta: {
      kind: 'number',
      min: -10,
      max: 10,
      description: 'learned shift β (default: drawn at level 3, else 0)',
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
