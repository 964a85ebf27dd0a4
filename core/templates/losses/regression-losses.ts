/**
 * `regression-losses`: PyTorch's regression losses of predictions ŷ against targets y, error
 * d = ŷ − y, reduction='mean' (the mean over the elements):
 * - `nn.MSELoss`: d² (no factor ½); `nn.L1Loss`: |d|;
 * - `nn.SmoothL1Loss(beta)`: 0.5·d²/β when |d| < β, else |d| − 0.5·β;
 * - `nn.HuberLoss(delta)`: 0.5·d² when |d| < δ, else δ·(|d| − 0.5·δ) — δ × SmoothL1Loss at β = δ.
 * Level 1 asks MSE or L1 over three elements, level 2 SmoothL1Loss, level 3 HuberLoss, over four
 * elements with errors on both sides of the threshold.
 */
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw, spread } from '../draw-rules';
import { givenTogether } from './common';
import { clean, fmt, fmtRow } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 3;
const KINDS = ['mse', 'l1', 'smooth-l1', 'huber'] as const;
type Kind = (typeof KINDS)[number];

/** The loss of one error d. */
type ElementLoss = (d: number) => number;

/** SmoothL1Loss(beta) of one error, optionally with a mistaken branch. */
export function smoothL1(d: number, beta: number, half = 0.5, offset = 0.5): number {
  const a = Math.abs(d);
  return a < beta ? (half * d * d) / beta : a - offset * beta;
}

/** HuberLoss(delta) of one error, optionally with a mistaken branch. */
export function huber(d: number, delta: number, half = 0.5, offset = 0.5): number {
  const a = Math.abs(d);
  return a < delta ? half * d * d : delta * (a - offset * delta);
}

const num = (x: number) => numberAnswer(x, DECIMALS);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Predictions and targets. With a threshold t (SmoothL1, Huber), the first error is below t and
 * the second at or above it, so both branches of the loss are used; the rest are free.
 */
function drawValues(rng: Rng, p: ParamBag, n: number, t: number): { yHat: number[]; y: number[] } {
  const given = givenTogether(
    p.numbers('predictions'),
    p.numbers('targets'),
    'predictions and targets',
  );
  if (given !== undefined) {
    const [yHat, y] = given;
    if (yHat.length !== y.length)
      throw new TemplateError('param targets: one target per prediction');
    return { yHat: yHat.slice(), y: y.slice() };
  }
  const targets = rng.decimals(n, -2, 3, 1);
  if (t === 0) return { y: targets, yHat: rng.decimals(n, -2, 3, 1) };
  const tenths = Math.round(t * 10);
  const errors = rng.shuffle(
    Array.from({ length: n }, (_, i) => {
      const size =
        i === 0 ? rng.int(1, tenths - 1) : i === 1 ? rng.int(tenths, tenths + 30) : rng.int(1, 40);
      return (rng.chance(0.5) ? -size : size) / 10;
    }),
  );
  return { y: targets, yHat: targets.map((v, i) => clean(v + errors[i])) };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const kind: Kind =
    (p.str('loss') as Kind | undefined) ??
    (p.level === 1 ? rng.pick(['mse', 'l1']) : p.level === 2 ? 'smooth-l1' : 'huber');
  const robust = kind === 'smooth-l1' || kind === 'huber';
  const fixed = p.numbers('predictions') !== undefined;
  const t = robust
    ? (p.num('threshold') ?? rng.pick(kind === 'huber' ? [0.5, 2, 3] : [0.5, 2]))
    : 0;
  if (robust && !fixed && Math.round(t * 10) < 2)
    throw new TemplateError('param threshold: at least 0.2 when the values are drawn');
  const { yHat, y } = drawValues(rng, p, p.level === 1 ? 3 : 4, t);
  const d = yHat.map((v, i) => clean(v - y[i]));
  const small = d.filter((v) => Math.abs(v) < t).length;
  const element: Record<Kind, ElementLoss> = {
    mse: (e) => e * e,
    l1: (e) => Math.abs(e),
    'smooth-l1': (e) => smoothL1(e, t),
    huber: (e) => huber(e, t),
  };
  const f = element[kind];
  const losses = d.map(f);
  const key = mean(losses);
  const n = d.length;
  const meanOf = (g: ElementLoss) => mean(d.map(g));
  const name = { mse: 'MSELoss', l1: 'L1Loss', 'smooth-l1': 'SmoothL1Loss', huber: 'HuberLoss' }[
    kind
  ];
  const call =
    kind === 'smooth-l1'
      ? `\`nn.SmoothL1Loss(beta=${fmt(t, 2)})\``
      : kind === 'huber'
        ? `\`nn.HuberLoss(delta=${fmt(t, 2)})\``
        : `\`nn.${name}()\``;
  const definition = {
    mse: 'which charges each element its squared error $d^2$ (no factor 1/2)',
    l1: 'which charges each element its absolute error $|d|$',
    'smooth-l1':
      'which charges $0.5\\, d^2 / \\beta$ when $|d| < \\beta$ and $|d| - 0.5\\beta$ otherwise (HuberLoss(delta) is $\\delta$ times this at $\\beta = \\delta$)',
    huber:
      'which charges $0.5\\, d^2$ when $|d| < \\delta$ and $\\delta(|d| - 0.5\\delta)$ otherwise (SmoothL1Loss(beta) instead divides by the threshold: HuberLoss(delta) is $\\delta$ times SmoothL1Loss at $\\beta = \\delta$)',
  }[kind];
  const stem =
    `A regression model predicts $\\hat y = ${fmtRow(yHat, 2)}$ for targets $y = ${fmtRow(y, 2)}$ (error $d = \\hat y - y$). ` +
    `It is trained with ${call}, ${definition}. With the default reduction='mean' the element losses are averaged: the mean over the batch of ${n} elements. What is the loss?`;
  const symbol = kind === 'huber' ? '\\delta' : '\\beta';
  const steps = [
    `Errors: $d = ${fmtRow(
      d.map((v) => Number(fmt(v, 4))),
      4,
    )}$.`,
    `Element losses: ${d
      .map((e, i) => {
        if (!robust) return `$${fmt(losses[i], 4)}$`;
        const branch = Math.abs(e) < t ? `$|d| < ${symbol}$` : `$|d| \\ge ${symbol}$`;
        return `$${fmt(losses[i], 4)}$ ($d = ${fmt(e, 4)}$, ${branch})`;
      })
      .join(', ')}.`,
    `Mean: $(${losses.map((v) => fmt(v, 4)).join(' + ')}) / ${n} \\approx ${fmt(key, DECIMALS)}$.`,
  ];
  const ofMean = wrong(
    'loss-of-mean-error',
    num(f(mean(d))),
    'The loss of the batch is the mean of the element losses; applying the loss to the mean error lets positive and negative errors cancel first.',
  );
  const summed = wrong(
    'summed-not-averaged',
    num(sum(losses)),
    "This is reduction='sum'; the default 'mean' divides the summed element losses by their number.",
    'loss-mean-reduction',
  );
  const byKind: Record<Kind, () => ReturnType<typeof present>> = {
    mse: () =>
      present([
        wrong(
          'mse-with-half',
          num(key / 2),
          'nn.MSELoss has no ½: that factor belongs to textbook derivations that want the gradient to be $d$ instead of $2d$.',
          'squared-error-no-half',
        ),
        ofMean,
        wrong(
          'mse-root-taken',
          num(Math.sqrt(key)),
          'This is the RMSE; MSELoss does not take the root.',
        ),
        wrong(
          'mse-as-l1',
          num(meanOf(Math.abs)),
          'These are absolute errors (L1Loss); MSELoss squares them.',
        ),
        summed,
      ]),
    l1: () =>
      present([
        wrong(
          'l1-as-mse',
          num(meanOf((e) => e * e)),
          'These are squared errors (MSELoss); L1Loss takes |d|.',
        ),
        ofMean,
        summed,
      ]),
    'smooth-l1': () =>
      present([
        wrong(
          'huber-forgot-half',
          num(meanOf((e) => smoothL1(e, t, 1))),
          'The quadratic branch is $0.5\\, d^2/\\beta$: the ½ makes it meet the linear branch smoothly at $|d| = \\beta$.',
        ),
        wrong(
          'huber-linear-no-offset',
          num(meanOf((e) => smoothL1(e, t, 0.5, 0))),
          'The linear branch is $|d| - 0.5\\beta$; without the offset the two branches do not meet at $|d| = \\beta$.',
        ),
        wrong(
          'smooth-l1-as-huber',
          num(meanOf((e) => huber(e, t))),
          'That is HuberLoss(delta=β); SmoothL1Loss divides the quadratic branch by β and has slope 1 in the linear one.',
          'smooth-l1-huber-definitions',
        ),
        ofMean,
        summed,
      ]),
    huber: () =>
      present([
        wrong(
          'huber-forgot-half',
          num(meanOf((e) => huber(e, t, 1))),
          'The quadratic branch is $0.5\\, d^2$: the ½ makes it meet the linear branch smoothly at $|d| = \\delta$.',
        ),
        wrong(
          'huber-linear-no-offset',
          num(meanOf((e) => huber(e, t, 0.5, 0))),
          'The linear branch is $\\delta(|d| - 0.5\\delta)$; without the offset the two branches do not meet at $|d| = \\delta$.',
        ),
        wrong(
          'huber-as-smooth-l1',
          num(meanOf((e) => smoothL1(e, t))),
          'That is SmoothL1Loss(beta=δ), which is HuberLoss divided by δ; HuberLoss keeps the slope δ in its linear branch.',
          'smooth-l1-huber-definitions',
        ),
        ofMean,
        summed,
      ]),
  };
  const formula = {
    mse: '$L = \\frac{1}{N}\\sum_i (\\hat y_i - y_i)^2$',
    l1: '$L = \\frac{1}{N}\\sum_i |\\hat y_i - y_i|$',
    'smooth-l1':
      '$\\ell(d) = \\begin{cases} 0.5\\, d^2/\\beta & |d| < \\beta \\\\ |d| - 0.5\\beta & \\text{otherwise} \\end{cases},\\ L = \\frac{1}{N}\\sum_i \\ell(d_i)$',
    huber:
      '$\\ell(d) = \\begin{cases} 0.5\\, d^2 & |d| < \\delta \\\\ \\delta(|d| - 0.5\\delta) & \\text{otherwise} \\end{cases},\\ L = \\frac{1}{N}\\sum_i \\ell(d_i)$',
  }[kind];
  return finishDraw(
    {
      stem,
      answer: num(key),
      needs: [spread('the errors', d)],
      distractors: byKind[kind](),
      correctFeedback: `Right: the ${name} of each element, averaged over the ${n} elements.`,
      explanation:
        'MSE squares the errors, so one large error dominates and its gradient $2d$ grows with it; L1 charges $|d|$, whose gradient has constant size and which is robust to outliers but not smooth at 0. ' +
        'Huber and Smooth L1 are quadratic near 0 and linear beyond the threshold, combining both: `SmoothL1Loss(beta)` has slope 1 in its linear part (a gradient clipped to ±1), ' +
        '`HuberLoss(delta)` has slope δ, and the two are the same function up to the factor δ: HuberLoss(δ) = δ · SmoothL1Loss(β = δ). At β = δ = 1 they coincide. ' +
        "With reduction='mean' the element losses are averaged, so the loss does not grow with the batch size.",
      steps,
      parts: [
        {
          id: 'first-element-loss',
          prompt: `The loss of element 1 alone, with $\\hat y_1 = ${fmt(yHat[0], 2)}$ and $y_1 = ${fmt(y[0], 2)}$.`,
          answer: num(losses[0]),
          hint: robust
            ? `Compare $|d_1|$ with the threshold first to pick the branch.`
            : 'Take the error $d_1 = \\hat y_1 - y_1$ first.',
        },
        {
          id: 'element-sum',
          prompt: 'The sum of the element losses (before the mean).',
          answer: num(sum(losses)),
          hint: 'Add the loss of every element; the mean divides this by their number.',
        },
        ...(robust
          ? [
              {
                id: 'quadratic-count',
                prompt: `How many elements fall in the quadratic branch ($|d| < ${symbol}$)?`,
                answer: numberAnswer(small, 0),
                hint: 'Count the errors smaller in size than the threshold.',
              },
            ]
          : []),
      ],
      hints: {
        nudge: robust
          ? 'Work out each error, decide for each one which branch of the loss applies, then average.'
          : 'Work out each error, apply the loss to each element, then average.',
        formula,
      },
    },
    { fixed },
  );
}

/** MSELoss, L1Loss, SmoothL1Loss(beta) and HuberLoss(delta) over a few elements. */
export const regressionLossesTemplate: TemplateDefinition = {
  id: 'regression-losses',
  topic: 'loss-functions',
  title: 'Regression losses: MSE, L1, SmoothL1Loss against HuberLoss',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    loss: {
      kind: 'enum',
      values: KINDS,
      description:
        'which loss (default: mse or l1 at level 1, smooth-l1 at level 2, huber at level 3)',
    },
    predictions: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 6,
      description: 'the predictions ŷ (default: drawn; give with targets)',
    },
    targets: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 6,
      description: 'the targets y, one per prediction (default: drawn)',
    },
    threshold: {
      kind: 'number',
      min: 0.1,
      max: 10,
      description: 'beta of smooth-l1 or delta of huber (default: 0.5 or 2; huber also 3)',
    },
  },
  draw,
};
