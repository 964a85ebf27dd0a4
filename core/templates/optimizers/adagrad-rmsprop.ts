/**
 * `adagrad-rmsprop`: steps of torch.optim.Adagrad (G ← G + g², w ← w − ηg/(√G + ε)) or
 * torch.optim.RMSprop with its defaults (s ← αs + (1 − α)g², α = 0.99, w ← w − ηg/(√s + ε)), ε
 * outside the square root and negligible. Level l takes l steps.
 */
import { adagrad, rmsprop } from '../../kernels';
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

type Optimizer = 'adagrad' | 'rmsprop';

const ALPHA = 0.99;

/** Runs w ← w − lr·g/√(denominator) with the accumulator `next` (a mistaken rule or the key). */
function run(
  w0: number,
  grads: readonly number[],
  lr: number,
  next: (s: number, g: number, t: number) => number,
  divide: (s: number, t: number) => number,
): number {
  let s = 0;
  let w = w0;
  grads.forEach((g, i) => {
    s = next(s, g, i + 1);
    w -= (lr * g) / divide(s, i + 1);
  });
  return w;
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const fixed = fixedPath(p);
  const optimizer = (p.str('optimizer') ?? rng.pick(['adagrad', 'rmsprop'])) as Optimizer;
  const grads = fixed?.grads ?? drawGrads(rng, level);
  const w0 = fixed?.w0 ?? drawWeight(rng);
  const lr =
    p.num('lr') ?? (optimizer === 'adagrad' ? rng.pick([0.1, 0.5, 0.2]) : rng.pick([0.01, 0.001]));
  if (grads.some((g) => g === 0)) throw new TemplateError('param grads: no gradient may be 0');
  const ada = optimizer === 'adagrad';
  const path = ada ? adagrad(w0, grads, lr) : rmsprop(w0, grads, lr);
  const key = clean(path[path.length - 1].w);
  const n = grads.length;
  const num = (x: number) => numberAnswer(clean(x), DECIMALS);
  const sum = (s: number, g: number) => s + g * g;
  const ema = (s: number, g: number) => ALPHA * s + (1 - ALPHA) * g * g;
  const root = (s: number) => Math.sqrt(s);
  const stem = ada
    ? `A weight $w = ${fmt(w0, 4)}$ is trained with \`torch.optim.Adagrad(lr=${fmt(lr, 4)})\`: the sum starts at $G = 0$ and each step does ` +
      '$G \\leftarrow G + g^2$, then $w \\leftarrow w - \\eta\\, g / (\\sqrt{G} + \\epsilon)$, with $\\epsilon = 10^{-10}$ added outside the square root (negligible here). ' +
      `The gradient${n === 1 ? ' is ' : 's at ' + stepsText(n) + ' are '}${gradientsText(grads)}. What is $w$ after ${n === 1 ? 'the step' : `${n} steps`}?`
    : `A weight $w = ${fmt(w0, 4)}$ is trained with \`torch.optim.RMSprop(lr=${fmt(lr, 4)})\` and its defaults: smoothing constant $\\alpha = 0.99$, ` +
      'no momentum, and $\\epsilon = 10^{-8}$ added outside the square root (negligible here). The average starts at $s = 0$ and each step does ' +
      '$s \\leftarrow \\alpha s + (1 - \\alpha)\\, g^2$, then $w \\leftarrow w - \\eta\\, g / (\\sqrt{s} + \\epsilon)$. ' +
      `The gradient${n === 1 ? ' is ' : 's at ' + stepsText(n) + ' are '}${gradientsText(grads)}. What is $w$ after ${n === 1 ? 'the step' : `${n} steps`}?`;
  const plain = wrong(
    'adaptive-ignored',
    num(w0 - lr * grads.reduce((a, b) => a + b, 0)),
    `That is plain SGD; ${ada ? 'AdaGrad' : 'RMSprop'} divides every gradient by the root of its accumulator first.`,
  );
  const distractors = ada
    ? [
        wrong(
          'adagrad-no-sqrt',
          num(run(w0, grads, lr, sum, (s) => s)),
          'The step divides by $\\sqrt{G}$, so that $g/\\sqrt{G}$ has no units of the gradient left.',
        ),
        // With one step both rules below give the key (√(g²) = |g|), so they need two or more.
        n === 1
          ? undefined
          : wrong(
              'adagrad-current-gradient-only',
              num(run(w0, grads, lr, (_s, g) => g * g, root)),
              'AdaGrad keeps the sum of all squared gradients so far; dividing by the current $|g|$ alone would make every step exactly $\\eta$.',
            ),
        n === 1
          ? undefined
          : wrong(
              'adagrad-mean-not-sum',
              num(run(w0, grads, lr, sum, (s, t) => Math.sqrt(s / t))),
              'AdaGrad sums the squared gradients; it never divides by the number of steps, which is why its steps keep shrinking.',
            ),
        lr === 1
          ? undefined
          : wrong(
              'forgot-learning-rate',
              num(run(w0, grads, 1, sum, root)),
              `The normalised gradient $g/\\sqrt{G}$ is still multiplied by the learning rate $\\eta = ${fmt(lr, 4)}$.`,
            ),
        plain,
      ]
    : [
        wrong(
          'rmsprop-alpha-swapped',
          num(run(w0, grads, lr, (s, g) => (1 - ALPHA) * s + ALPHA * g * g, root)),
          'The old average keeps the weight $\\alpha = 0.99$ and the new $g^2$ gets $1 - \\alpha = 0.01$.',
        ),
        wrong(
          'rmsprop-no-sqrt',
          num(run(w0, grads, lr, ema, (s) => s)),
          'The step divides by $\\sqrt{s}$, the root of the mean square, not by $s$.',
        ),
        wrong(
          'rmsprop-alpha-0.9',
          num(run(w0, grads, lr, (s, g) => 0.9 * s + 0.1 * g * g, root)),
          'PyTorch’s RMSprop uses $\\alpha = 0.99$ by default; 0.9 is the default of TensorFlow and Keras.',
          'rmsprop-torch-alpha',
        ),
        wrong(
          'rmsprop-bias-corrected',
          num(run(w0, grads, lr, ema, (s, t) => Math.sqrt(s / (1 - ALPHA ** t)))),
          'RMSprop does not bias-correct its average (Adam does); the small early $s$ is exactly why its first steps are large.',
        ),
        plain,
      ];
  const rows = path.map((st, i) => {
    const sPrev = i === 0 ? 0 : path[i - 1].s;
    const wPrev = i === 0 ? w0 : path[i - 1].w;
    const g = grads[i];
    const acc = ada
      ? `$G = ${fmt(clean(sPrev), 6)} + ${term(g, 4)}^2 = ${fmt(clean(st.s), 6)}$`
      : `$s = 0.99 \\cdot ${fmt(clean(sPrev), 6)} + 0.01 \\cdot ${term(g, 4)}^2 = ${fmt(clean(st.s), 6)}$`;
    return `Step ${i + 1}: ${acc}, $w = ${fmt(clean(wPrev), 6)} - ${fmt(lr, 4)} \\cdot ${term(g, 4)} / ${fmt(Math.sqrt(st.s), 6)} = ${fmt(clean(st.w), 6)}$.`;
  });
  const symbol = ada ? 'G' : 's';
  const first = path[0];
  return finishDraw(
    {
      stem,
      answer: num(key),
      distractors: present(distractors),
      correctFeedback: ada
        ? 'Right: accumulate every squared gradient, then divide the step by the root of the sum.'
        : 'Right: a running average of g² with weight 0.99 on the old value, and the step divided by its root.',
      explanation: ada
        ? 'AdaGrad gives every weight its own step size: it sums the squared gradients, $G = \\sum_t g_t^2$, and divides the step by $\\sqrt{G}$. ' +
          'The first step is therefore always $\\eta$ in size (since $\\sqrt{g_1^2} = |g_1|$), weights with large past gradients take small steps, and ' +
          'because $G$ only grows, the steps shrink for ever, which helps with sparse features but can stall long training runs. ' +
          'PyTorch adds $\\epsilon$ to $\\sqrt{G}$ (outside the root).'
        : 'RMSprop replaces AdaGrad’s growing sum with an exponential average, $s \\leftarrow \\alpha s + (1-\\alpha) g^2$, so old gradients are forgotten and ' +
          'steps do not shrink for ever. With PyTorch’s $\\alpha = 0.99$ and no bias correction, $s$ starts tiny ($0.01\\, g_1^2$ after one step), so the first ' +
          'step is $\\eta\\, g_1/(0.1 |g_1|) = 10\\eta$ in size; Adam’s bias correction exists to remove exactly this start-up effect. PyTorch adds $\\epsilon$ outside the root.',
      steps: rows,
      parts: [
        {
          id: 'accumulator-1',
          prompt: `The accumulator $${symbol}$ after step 1.`,
          answer: numberAnswer(clean(first.s), 6),
          hint: ada
            ? 'Start from 0 and add the first squared gradient.'
            : 'Start from 0: only the $(1 - \\alpha) g^2$ term is left.',
        },
        {
          id: 'weight-1',
          prompt: 'The weight $w$ after step 1.',
          answer: numberAnswer(clean(first.w), DECIMALS),
          hint: `Divide $\\eta g_1$ by $\\sqrt{${symbol}}$ and subtract it.`,
        },
      ],
      hints: {
        nudge: ada
          ? 'Each step divides the gradient by the root of the sum of all squared gradients so far.'
          : 'Each step divides the gradient by the root of a running average of squared gradients.',
        formula: ada
          ? '$G \\leftarrow G + g^2,\\quad w \\leftarrow w - \\eta\\, g / (\\sqrt{G} + \\epsilon)$'
          : '$s \\leftarrow 0.99\\, s + 0.01\\, g^2,\\quad w \\leftarrow w - \\eta\\, g / (\\sqrt{s} + \\epsilon)$',
        firstStep: rows[0],
      },
      entryHint: `the weight after ${n === 1 ? 'the step' : `${n} steps`}`,
    },
    { fixed: fixed !== undefined },
  );
}

/** AdaGrad or RMSProp steps on one weight, PyTorch's form and defaults. */
export const adagradRmspropTemplate: TemplateDefinition = {
  id: 'adagrad-rmsprop',
  topic: 'optimizers',
  title: 'AdaGrad and RMSProp steps (PyTorch: ε outside the root, RMSprop α = 0.99)',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    ...WEIGHT_PARAMS,
    optimizer: {
      kind: 'enum',
      values: ['adagrad', 'rmsprop'],
      description: 'which optimiser (default: drawn)',
    },
  },
  draw,
};
