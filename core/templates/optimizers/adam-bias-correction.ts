/**
 * `adam-bias-correction`: one to three steps of torch.optim.Adam on one weight (β1 = 0.9,
 * β2 = 0.999): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², m̂ = m/(1 − β1^t),
 * v̂ = v/(1 − β2^t), w ← w − η·m̂/(√v̂ + ε), ε outside the root. Level l takes l steps; level 3 uses
 * a large ε = 0.1, so where ε goes matters.
 */
import { adam } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { clean, fmt, term } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';
import {
  DECIMALS,
  WEIGHT_PARAMS,
  drawGrads,
  drawWeight,
  fixedPath,
  gradientsText,
  stepsText,
} from './common';

const B1 = 0.9;
const B2 = 0.999;

/** How a (possibly mistaken) Adam variant computes its step from the moments. */
interface AdamRule {
  /** The value fed into v (the key: g). */
  readonly second?: (g: number, m: number) => number;
  /** Bias-correction exponent for step t (the key: t); 0 means no correction. */
  readonly correctM?: (t: number) => number;
  readonly correctV?: (t: number) => number;
  /** The denominator from v̂ and ε (the key: √v̂ + ε). */
  readonly denom?: (vHat: number, eps: number) => number;
}

/** Runs Adam written as a plain loop with the given deviations from PyTorch's rule. */
function run(
  w0: number,
  grads: readonly number[],
  lr: number,
  eps: number,
  rule: AdamRule,
): number {
  let m = 0;
  let v = 0;
  let w = w0;
  grads.forEach((g, i) => {
    const t = i + 1;
    m = B1 * m + (1 - B1) * g;
    const sq = rule.second?.(g, m) ?? g;
    v = B2 * v + (1 - B2) * sq * sq;
    const tm = rule.correctM?.(t) ?? t;
    const tv = rule.correctV?.(t) ?? t;
    const mHat = tm === 0 ? m : m / (1 - B1 ** tm);
    const vHat = tv === 0 ? v : v / (1 - B2 ** tv);
    w -= (lr * mHat) / (rule.denom?.(vHat, eps) ?? Math.sqrt(vHat) + eps);
  });
  return w;
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const fixed = fixedPath(p);
  const grads = fixed?.grads ?? drawGrads(rng, level);
  const w0 = fixed?.w0 ?? drawWeight(rng);
  const lr = p.num('lr') ?? rng.pick([0.1, 0.01]);
  const eps = p.num('eps') ?? (level === 3 ? 0.1 : 1e-8);
  if (grads.some((g) => g === 0)) throw new TemplateError('param grads: no gradient may be 0');
  const path = adam(w0, grads, lr, { eps });
  const n = grads.length;
  const last = path[n - 1];
  const key = clean(last.w);
  const num = (x: number) => numberAnswer(clean(x), DECIMALS);
  const bigEps = eps >= 0.01;
  const epsText = bigEps
    ? `$\\epsilon = ${fmt(eps, 4)}$ (deliberately large), added outside the square root`
    : '$\\epsilon = 10^{-8}$ added outside the square root (negligible here)';
  const stem =
    `A weight $w = ${fmt(w0, 4)}$ is trained with \`torch.optim.Adam(lr=${fmt(lr, 4)}${bigEps ? `, eps=${fmt(eps, 4)}` : ''})\`, ` +
    `betas $\\beta_1 = 0.9$, $\\beta_2 = 0.999$ and ${epsText}. Both moments start at 0, and step $t = 1, 2, \\dots$ does ` +
    '$m \\leftarrow \\beta_1 m + (1 - \\beta_1) g$, $v \\leftarrow \\beta_2 v + (1 - \\beta_2) g^2$, ' +
    '$\\hat m = m / (1 - \\beta_1^t)$, $\\hat v = v / (1 - \\beta_2^t)$, $w \\leftarrow w - \\eta\\, \\hat m / (\\sqrt{\\hat v} + \\epsilon)$. ' +
    `The gradient${n === 1 ? ' is ' : 's at ' + stepsText(n) + ' are '}${gradientsText(grads)}. ` +
    `What is $w$ after ${n === 1 ? 'the step' : `${n} steps`}?`;
  const distractors = present([
    wrong(
      'adam-no-bias-correction',
      num(run(w0, grads, lr, eps, { correctM: () => 0, correctV: () => 0 })),
      'Without the correction the moments are biased towards their zero start: after one step $m = 0.1\\, g$ and $v = 0.001\\, g^2$, and the step comes out about 3.16 times too large.',
    ),
    wrong(
      'adam-correct-only-m',
      num(run(w0, grads, lr, eps, { correctV: () => 0 })),
      'Both moments start at 0, so both are corrected: $v$ by $1 - \\beta_2^t$ as well, which is far from 1 in the first steps.',
    ),
    bigEps
      ? wrong(
          'adam-eps-inside-sqrt',
          num(run(w0, grads, lr, eps, { denom: (vHat, e) => Math.sqrt(vHat + e) })),
          'PyTorch adds $\\epsilon$ outside the square root, $\\sqrt{\\hat v} + \\epsilon$.',
          'eps-outside-sqrt',
        )
      : undefined,
    wrong(
      'adam-no-sqrt',
      num(run(w0, grads, lr, eps, { denom: (vHat, e) => vHat + e })),
      'The step divides by $\\sqrt{\\hat v}$, the root of the mean square gradient, so the step size does not depend on the gradient’s scale.',
    ),
    wrong(
      'adam-squared-momentum',
      num(run(w0, grads, lr, eps, { second: (_g, m) => m })),
      'The second moment averages the squared gradient $g^2$, not the square of the first moment.',
    ),
    wrong(
      'adam-correction-off-by-one',
      num(run(w0, grads, lr, eps, { correctM: (t) => t + 1, correctV: (t) => t + 1 })),
      'The step counter $t$ is 1 at the first step (PyTorch increments it before the update; $t = 0$ would divide by zero), so the first correction divides by $1 - \\beta$.',
    ),
  ]);
  const rows = path.map((s, i) => {
    const t = i + 1;
    const mPrev = i === 0 ? 0 : path[i - 1].m;
    const vPrev = i === 0 ? 0 : path[i - 1].v;
    const wPrev = i === 0 ? w0 : path[i - 1].w;
    const g = grads[i];
    return (
      `Step ${t}: $m = 0.9 \\cdot ${term(clean(mPrev), 6)} + 0.1 \\cdot ${term(g, 4)} = ${fmt(clean(s.m), 6)}$, ` +
      `$v = 0.999 \\cdot ${fmt(clean(vPrev), 8)} + 0.001 \\cdot ${term(g, 4)}^2 = ${fmt(clean(s.v), 8)}$; ` +
      `$\\hat m = ${fmt(clean(s.m), 6)} / ${fmt(clean(1 - B1 ** t), 6)} = ${fmt(s.mHat, 6)}$, ` +
      `$\\hat v = ${fmt(clean(s.v), 8)} / ${fmt(clean(1 - B2 ** t), 8)} = ${fmt(s.vHat, 6)}$; ` +
      `$w = ${fmt(clean(wPrev), 6)} - ${fmt(lr, 4)} \\cdot ${term(s.mHat, 6)} / (${fmt(Math.sqrt(s.vHat), 6)} + ${bigEps ? fmt(eps, 4) : '\\epsilon'}) = ${fmt(clean(s.w), 6)}$.`
    );
  });
  return finishDraw(
    {
      stem,
      answer: num(key),
      distractors,
      correctFeedback:
        'Right: both moments bias-corrected with the step count, then the step η·m̂/(√v̂ + ε).',
      explanation:
        'Adam keeps two exponential averages that start at 0: $m$ of the gradient and $v$ of its square. Early on they are biased ' +
        'towards 0 (after one step $m = (1 - \\beta_1) g$), and dividing by $1 - \\beta^t$ removes that bias exactly for a constant ' +
        'gradient: after step 1, $\\hat m = g$ and $\\hat v = g^2$, so the first step is $\\eta\\, g / (|g| + \\epsilon)$, about $\\eta$ in size ' +
        'whatever the scale of $g$. As $t$ grows, $\\beta^t \\to 0$ and the correction fades; $\\beta_2 = 0.999$ fades slowly, so for the ' +
        'first hundreds of steps correcting $v$ matters as much as correcting $m$. PyTorch adds $\\epsilon$ to $\\sqrt{\\hat v}$, outside the root.',
      steps: rows,
      parts: [
        {
          id: 'm-hat',
          prompt: `The bias-corrected first moment $\\hat m$ at step ${n}.`,
          answer: numberAnswer(clean(last.mHat), DECIMALS),
          hint: `Divide $m$ by $1 - 0.9^{${n}}$.`,
        },
        {
          id: 'v-hat',
          prompt: `The bias-corrected second moment $\\hat v$ at step ${n}.`,
          answer: numberAnswer(clean(last.vHat), DECIMALS),
          hint: `Divide $v$ by $1 - 0.999^{${n}}$.`,
        },
      ],
      hints: {
        nudge:
          'Update both moments, correct both for their zero start with the step count, and only then take the step.',
        formula:
          '$\\hat m = \\frac{m}{1 - \\beta_1^t},\\ \\hat v = \\frac{v}{1 - \\beta_2^t},\\ w \\leftarrow w - \\eta \\frac{\\hat m}{\\sqrt{\\hat v} + \\epsilon}$',
        firstStep: rows[0],
      },
      entryHint: `the weight after ${n === 1 ? 'the step' : `${n} steps`}`,
    },
    { fixed: fixed !== undefined },
  );
}

/** Adam steps with bias correction, PyTorch's form. */
export const adamBiasCorrectionTemplate: TemplateDefinition = {
  id: 'adam-bias-correction',
  topic: 'optimizers',
  title: 'Adam over one to three steps, with bias correction',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    ...WEIGHT_PARAMS,
    eps: {
      kind: 'number',
      min: 0,
      max: 1,
      description: 'ε, added outside the root (default 1e-8; 0.1 at level 3)',
    },
  },
  draw,
};
