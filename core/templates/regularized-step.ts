/**
 * `regularized-step`: one gradient-descent step on data loss + an L1 (λΣ|w|) or L2 (λΣw²)
 * penalty. The `sparsity` variant builds weights that an L1 step sends exactly to zero.
 */
import { regularizedStep, type RegularizerKind } from '../kernels';
import { vectorAnswer, present, wrong } from './answers';
import { finishDraw } from './draw-rules';
import { clean, fmt, fmtRow, term } from './format';
import type { Rng } from './rng';
import { TemplateError } from './types';
import type { ParamBag, Problem, TemplateDefinition } from './types';

const DECIMALS = 4;

interface Setup {
  readonly w: number[];
  readonly g: number[];
  readonly lr: number;
  readonly lambda: number;
}

function drawStep(rng: Rng, level: 1 | 2 | 3): Setup {
  if (level === 1) {
    return {
      w: Array.from({ length: 2 }, () => rng.nonZeroInt(-3, 3)),
      g: rng.decimals(2, -1, 1, 1),
      lr: rng.pick([0.1, 0.5]),
      lambda: rng.pick([0.1, 0.5, 1]),
    };
  }
  const length = level === 2 ? 3 : 4;
  const w = rng.decimals(length, -2, 2, 1).map((v) => (v === 0 && level === 2 ? 0.5 : v));
  if (level === 3 && !w.includes(0)) w[rng.int(0, length - 1)] = 0;
  return {
    w,
    g: rng.decimals(length, -1, 1, 1),
    lr: rng.pick(level === 2 ? [0.1, 0.2, 0.5] : [0.05, 0.1]),
    lambda: rng.pick(level === 2 ? [0.01, 0.05, 0.1] : [0.1, 0.2]),
  };
}

/** Weights and gradients such that some L1 steps land exactly on 0. */
function drawSparse(rng: Rng, level: 1 | 2 | 3): Setup {
  const length = level + 1;
  const lr = rng.pick([0.5, 1]);
  const lambda = rng.pick([0.1, 0.2, 0.3]);
  const w: number[] = [];
  const g: number[] = [];
  const zeroAt = rng.int(0, length - 1);
  for (let i = 0; i < length; i++) {
    const sign = rng.chance(0.5) ? 1 : -1;
    if (i === zeroAt || rng.chance(0.3)) {
      // w = lr·(g + λ·sign(w)) makes the step land on 0; g·sign ≥ 0 keeps sign(w) = sign.
      const gi = (sign * rng.int(0, 5)) / 10;
      g.push(gi);
      w.push(clean(lr * (gi + lambda * sign)));
    } else {
      g.push(rng.decimals(1, -1, 1, 1)[0]);
      w.push((sign * rng.int(5, 30)) / 10);
    }
  }
  return { w, g, lr, lambda };
}

/**
 * Why L1 step `i` (1-based) ends exactly at 0, from the numbers: the weight was already 0 with no
 * data gradient (sign(0) = 0, so nothing moved it), or the data part η·g and the L1 part
 * η·λ·sign(w) of the step add up to the weight itself.
 */
function whyZero(s: Setup, i: number): string {
  const w = s.w[i - 1];
  const g = s.g[i - 1];
  const name = `$w_{${i}}$`;
  if (w === 0) {
    return `${name} was already 0 and its data gradient is ${fmt(g, 4)}; with $\\text{sign}(0) = 0$ the L1 term does not push it, so it stays at 0.`;
  }
  const dataPart = clean(s.lr * g);
  const l1Part = clean(s.lr * s.lambda * Math.sign(w));
  if (dataPart === 0) {
    return `${name} lands exactly on 0: its data gradient is 0 and the L1 pull $\\eta \\lambda \\, \\text{sign}(w) = ${fmt(l1Part, 6)}$ happens to equal the weight ${fmt(w, 4)}.`;
  }
  return (
    `${name} lands exactly on 0 because its whole step equals the weight: the data part $\\eta g = ${fmt(dataPart, 6)}$ ` +
    `plus the L1 part $\\eta \\lambda \\, \\text{sign}(w) = ${fmt(l1Part, 6)}$ make $${fmt(clean(dataPart + l1Part), 6)} = w$. ` +
    'A larger step would overshoot past 0 and flip the sign; exact zeros in practice come from steps that clip at 0 (proximal, soft-thresholding).'
  );
}

/** w − lr·(g + penalty gradient) for a penalty gradient given per weight. */
function step(s: Setup, lr: number, penalty: (wi: number) => number, sign = 1): number[] {
  return s.w.map((wi, i) => clean(wi - lr * (s.g[i] + sign * penalty(wi))));
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const ask = p.str('ask') ?? 'step';
  const kind = (p.str('kind') ??
    (ask === 'sparsity' ? 'l1' : rng.pick(['l1', 'l2']))) as RegularizerKind;
  if (ask === 'sparsity' && kind !== 'l1')
    throw new TemplateError('param kind: the sparsity variant uses l1');
  const drawn = ask === 'sparsity' ? drawSparse(rng, level) : drawStep(rng, level);
  const s: Setup = {
    w: p.numbers('w')?.slice() ?? drawn.w,
    g: p.numbers('grad')?.slice() ?? drawn.g,
    lr: p.num('lr') ?? drawn.lr,
    lambda: p.num('lambda') ?? drawn.lambda,
  };
  if (s.w.length !== s.g.length)
    throw new TemplateError('params w and grad must have the same length');
  const next = regularizedStep(s.w, s.g, s.lr, s.lambda, kind).map(clean);
  const l1 = (wi: number) => s.lambda * Math.sign(wi);
  const l2 = (wi: number) => 2 * s.lambda * wi;
  const penalty = kind === 'l1' ? l1 : l2;
  const vec = (values: readonly number[]) => vectorAnswer(values, DECIMALS);
  const penaltyText = kind === 'l1' ? '\\lambda \\sum_i |w_i|' : '\\lambda \\sum_i w_i^2';
  const gradText = kind === 'l1' ? '\\lambda \\, \\text{sign}(w_i)' : '2 \\lambda w_i';
  const zeros = next.flatMap((v, i) => (v === 0 ? [i + 1] : []));
  const stem =
    `A model has weights $w = ${fmtRow(s.w, 4)}$. On the current mini-batch the gradient of the data loss alone is ` +
    `$g = ${fmtRow(s.g, 4)}$. Training minimises the data loss plus the ${kind === 'l1' ? 'L1' : 'L2'} penalty $${penaltyText}$ ` +
    `with $\\lambda = ${fmt(s.lambda, 4)}$, by plain gradient descent with learning rate $\\eta = ${fmt(s.lr, 4)}$` +
    `${kind === 'l1' ? ' (take $\\text{sign}(0) = 0$)' : ''}. ` +
    (ask === 'sparsity'
      ? 'What are the weights after one step? Write 0 for any weight the step sends exactly to zero.'
      : 'What are the weights after one step?');
  const penaltyGradient = s.w.map((wi) => clean(penalty(wi)));
  const fullGradient = s.g.map((gi, i) => clean(gi + penaltyGradient[i]));
  const rows = s.w.map(
    (wi, i) =>
      `$w_{${i + 1}}$: $${fmt(wi, 4)} - ${fmt(s.lr, 4)} \\cdot (${fmt(s.g[i], 4)} + ${term(penaltyGradient[i], 6)}) = ${fmt(next[i], DECIMALS)}$`,
  );
  const steps = [
    `Gradient of the full loss: $\\frac{\\partial L}{\\partial w_i} = g_i + ${gradText}$; update $w_i \\leftarrow w_i - \\eta \\, (g_i + ${gradText})$.`,
    ...rows,
  ];
  if (ask === 'sparsity' || (kind === 'l1' && zeros.length > 0)) {
    steps.push(
      zeros.length > 0
        ? zeros.map((i) => whyZero(s, i)).join(' ')
        : 'No weight lands exactly on 0 in this step.',
    );
  }
  const zeroSignOne =
    s.w.includes(0) && kind === 'l1'
      ? wrong(
          'sign-of-zero-as-one',
          vec(step(s, s.lr, (wi) => s.lambda * (wi === 0 ? 1 : Math.sign(wi)))),
          'A weight that is exactly 0 has sign 0 (the subgradient frameworks use), so the L1 term does not push it.',
          'sign-of-zero',
        )
      : undefined;
  const common = [
    wrong(
      'forgot-learning-rate',
      vec(step(s, 1, penalty)),
      `The whole gradient, penalty included, is scaled by the learning rate $\\eta = ${fmt(s.lr, 4)}$.`,
    ),
    wrong(
      'penalty-sign-flipped',
      vec(step(s, s.lr, penalty, -1)),
      'The penalty gradient adds to the data gradient, so the step moves the weights towards zero, not away from it.',
    ),
    wrong(
      'ignored-regularizer',
      vec(step(s, s.lr, () => 0)),
      'This is the step on the data loss alone; the penalty contributes its own gradient.',
    ),
  ];
  const specific =
    kind === 'l1'
      ? [
          zeroSignOne,
          wrong(
            'l1-as-l2',
            vec(step(s, s.lr, l2)),
            'The gradient of $\\lambda |w|$ is $\\lambda \\, \\text{sign}(w)$, a constant pull; $2\\lambda w$ belongs to the L2 penalty.',
          ),
        ]
      : [
          wrong(
            'l2-gradient-without-2',
            vec(step(s, s.lr, (wi) => s.lambda * wi)),
            'The derivative of $\\lambda w^2$ is $2\\lambda w$; the factor 2 was dropped (it cancels only for a penalty written $\\frac{\\lambda}{2} w^2$, the form behind weight decay).',
            'l2-penalty-without-half',
          ),
          wrong(
            'l2-as-l1',
            vec(step(s, s.lr, l1)),
            'The gradient of $\\lambda w^2$ is $2\\lambda w$, proportional to the weight; $\\lambda \\, \\text{sign}(w)$ belongs to the L1 penalty.',
          ),
        ];
  const fixed = p.numbers('w') !== undefined && p.numbers('grad') !== undefined;
  return finishDraw(
    {
      stem,
      answer: vec(next),
      distractors: present([...specific, ...common]),
      correctFeedback: `Right: $w_i - \\eta (g_i + ${gradText})$ for every weight.`,
      explanation:
        'A penalty adds its own gradient to the data gradient. The L1 penalty $\\lambda \\sum |w_i|$ contributes ' +
        '$\\lambda \\, \\text{sign}(w_i)$: every nonzero weight is pulled towards 0 by the same amount $\\eta\\lambda$ per ' +
        'step, however small it is. The minimiser of the penalised loss therefore has exact zeros wherever a ' +
        "weight's data gradient at 0 is smaller than $\\lambda$ in size (a sparse, Lasso solution); plain subgradient " +
        'steps only bring such weights to within about $\\eta\\lambda$ of 0, and solvers reach the exact zeros with ' +
        'steps that clip at 0. The L2 penalty $\\lambda \\sum w_i^2$ contributes $2\\lambda w_i$, a pull proportional to ' +
        'the weight: weights shrink (weight decay, Ridge) but the pull fades near 0, so they rarely become exactly 0.',
      steps,
      parts: [
        {
          id: 'penalty-gradient',
          prompt: `The gradient of the penalty for each weight, $${gradText}$, weight 1 first.`,
          answer: vec(penaltyGradient),
          hint:
            kind === 'l1'
              ? 'The derivative of $\\lambda |w|$ is $\\lambda$ times the sign of the weight.'
              : 'The derivative of $\\lambda w^2$ is $2 \\lambda w$.',
        },
        {
          id: 'full-gradient',
          prompt: `The gradient of the whole loss for each weight, $g_i + ${gradText}$, weight 1 first.`,
          answer: vec(fullGradient),
          hint: 'Add the penalty gradient to the data gradient $g$, weight by weight.',
        },
      ],
      hints: {
        nudge:
          'The penalty adds its own gradient to the data gradient; the step then scales the sum by the learning rate.',
        formula: `$w_i \\leftarrow w_i - \\eta \\, (g_i + ${gradText})$`,
        firstStep: rows[0],
      },
      entryHint: `the ${s.w.length} updated weights`,
    },
    { fixed },
  );
}

/** One regularised gradient-descent step. */
export const regularizedStepTemplate: TemplateDefinition = {
  id: 'regularized-step',
  topic: 'regularization',
  title: 'One gradient step with an L1 or L2 penalty (and L1 sparsity)',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    kind: {
      kind: 'enum',
      values: ['l1', 'l2'],
      description: 'the penalty (default: drawn; l1 for ask=sparsity)',
    },
    ask: {
      kind: 'enum',
      values: ['step', 'sparsity'],
      description:
        'step: a plain update; sparsity: L1 weights built to land exactly on zero (default step)',
    },
    w: { kind: 'numbers', minLength: 1, maxLength: 6, description: 'the weights (default: drawn)' },
    grad: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 6,
      description: 'the data-loss gradient, same length as w (default: drawn)',
    },
    lr: { kind: 'number', min: 0.0001, max: 10, description: 'learning rate η (default: drawn)' },
    lambda: { kind: 'number', min: 0, max: 10, description: 'penalty strength λ (default: drawn)' },
  },
  draw,
};
