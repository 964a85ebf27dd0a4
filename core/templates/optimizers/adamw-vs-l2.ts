/**
 * `adamw-vs-l2`: one or two steps of torch.optim.AdamW (decoupled decay: w ← w − η·λ·w, then the
 * Adam step on the data gradient) or of torch.optim.Adam(weight_decay=λ) (λ·w added to the
 * gradient before the moments), β1 = 0.9, β2 = 0.999, ε negligible.
 */
import { adam, type WeightDecayMode } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw, givesKey } from '../draw-rules';
import { clean, fmt, term } from '../format';
import type { Rng } from '../rng';
import type { Distractor, ParamBag, Problem, TemplateDefinition } from '../types';
import { DECIMALS, WEIGHT_PARAMS, drawGrads, fixedPath, gradientsText, stepsText } from './common';

const B1 = 0.9;
const B2 = 0.999;
const EPS = 1e-8;

/** A plain-loop Adam with a (possibly mistaken) way of applying the decay. */
function run(
  w0: number,
  grads: readonly number[],
  lr: number,
  options: {
    /** Added to the gradient: the coefficient times w (0: none). */
    readonly coupled: number;
    /** Multiplies w before the step (1: none). */
    readonly before: number;
    /** Multiplies w after the step (1: none). */
    readonly after: number;
    readonly biasCorrection: boolean;
  },
): number {
  let m = 0;
  let v = 0;
  let w = w0;
  grads.forEach((grad, i) => {
    const t = i + 1;
    const g = grad + options.coupled * w;
    w *= options.before;
    m = B1 * m + (1 - B1) * g;
    v = B2 * v + (1 - B2) * g * g;
    const mHat = options.biasCorrection ? m / (1 - B1 ** t) : m;
    const vHat = options.biasCorrection ? v / (1 - B2 ** t) : v;
    w = (w - (lr * mHat) / (Math.sqrt(vHat) + EPS)) * options.after;
  });
  return w;
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const fixed = fixedPath(p);
  const mode = (p.str('optimizer') ?? rng.pick(['adamw', 'adam-l2'])) as 'adamw' | 'adam-l2';
  const decoupled = mode === 'adamw';
  const grads = fixed?.grads ?? drawGrads(rng, level === 1 ? 1 : 2);
  const w0 =
    fixed?.w0 ?? (level === 3 ? rng.nonZeroInt(-50, 50) / 10 : rng.nonZeroInt(-20, 20) / 10);
  const lr = p.num('lr') ?? rng.pick([0.1, 0.05]);
  const lambda = p.num('weight_decay') ?? rng.pick(level === 3 ? [0.5, 1] : [0.1, 0.2, 0.5]);
  const kernelMode: WeightDecayMode = decoupled ? 'decoupled' : 'l2';
  const path = adam(w0, grads, lr, { eps: EPS, weightDecay: lambda, decay: kernelMode });
  const n = grads.length;
  const key = clean(path[n - 1].w);
  const num = (x: number) => numberAnswer(clean(x), DECIMALS);
  const answer = num(key);
  const none = { coupled: 0, before: 1, after: 1, biasCorrection: true };
  const asAdamW = { ...none, before: 1 - lr * lambda };
  const asL2 = { ...none, coupled: lambda };
  const rule = decoupled
    ? `\`torch.optim.AdamW(lr=${fmt(lr, 4)}, weight_decay=${fmt(lambda, 4)})\`, whose weight decay is decoupled: each step first shrinks the weight, ` +
      '$w \\leftarrow w - \\eta \\lambda w$, and then takes the Adam step with the data gradient $g$ alone'
    : `\`torch.optim.Adam(lr=${fmt(lr, 4)}, weight_decay=${fmt(lambda, 4)})\`, whose weight decay adds $\\lambda w$ to the gradient: ` +
      'each step uses $g + \\lambda w$ (with the current $w$) in place of $g$ in both moments';
  const stem =
    `A weight $w = ${fmt(w0, 4)}$ is trained with ${rule}. The Adam step uses $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, ` +
    'bias correction $\\hat m = m/(1 - \\beta_1^t)$, $\\hat v = v/(1 - \\beta_2^t)$, and $w \\leftarrow w - \\eta\\, \\hat m/(\\sqrt{\\hat v} + \\epsilon)$ ' +
    'with a negligible $\\epsilon$. ' +
    `The data-loss gradient${n === 1 ? ' is ' : 's at ' + stepsText(n) + ' are '}${gradientsText(grads)}. ` +
    `What is $w$ after ${n === 1 ? 'the step' : `${n} steps`}?`;
  // After one step, Adam moves by about η·sign(gradient) whatever the gradient's size, so a rule
  // that changes only the size of the gradient can land on the key; such a rule is offered only
  // when it gives another number.
  const ifApart = (d: Distractor): Distractor | undefined =>
    givesKey(d.value, answer) ? undefined : d;
  const distractors: (Distractor | undefined)[] = decoupled
    ? [
        wrong(
          'adamw-as-l2',
          num(run(w0, grads, lr, asL2)),
          'That is Adam with L2 (Adam’s weight_decay): AdamW’s decay is decoupled, it shrinks $w$ directly and never enters the moments.',
          'adamw-decoupled',
        ),
        wrong(
          'decay-without-lr',
          num(run(w0, grads, lr, { ...none, before: 1 - lambda })),
          `The decoupled decay is scaled by the learning rate too: $w \\leftarrow (1 - \\eta\\lambda) w$ with $\\eta\\lambda = ${fmt(clean(lr * lambda), 6)}$.`,
        ),
        wrong(
          'weight-decay-ignored',
          num(run(w0, grads, lr, none)),
          'That is plain Adam; AdamW also shrinks the weight by $\\eta \\lambda w$ every step.',
        ),
        wrong(
          'decay-after-step',
          num(run(w0, grads, lr, { ...none, after: 1 - lr * lambda })),
          'PyTorch’s AdamW shrinks the weight before the Adam step, using the weight the step starts from.',
        ),
        wrong(
          'adam-no-bias-correction',
          num(run(w0, grads, lr, { ...asAdamW, biasCorrection: false })),
          'AdamW still bias-corrects both moments; only the weight decay differs from Adam.',
        ),
      ]
    : [
        wrong(
          'l2-as-adamw',
          num(run(w0, grads, lr, asAdamW)),
          'That is AdamW’s decoupled decay. Adam’s weight_decay adds $\\lambda w$ to the gradient, so the decay passes through the moments and is divided by $\\sqrt{\\hat v}$ like everything else.',
          'adam-weight-decay-to-gradient',
        ),
        ifApart(
          wrong(
            'l2-gradient-2lambda',
            num(run(w0, grads, lr, { ...none, coupled: 2 * lambda })),
            'weight_decay adds $\\lambda w$ to the gradient (the gradient of $\\frac{\\lambda}{2} w^2$), not $2\\lambda w$.',
            'adam-weight-decay-to-gradient',
          ),
        ),
        ifApart(
          wrong(
            'weight-decay-ignored',
            num(run(w0, grads, lr, none)),
            'That is Adam without weight decay; here $\\lambda w$ is added to every gradient.',
          ),
        ),
        wrong(
          'adam-no-bias-correction',
          num(run(w0, grads, lr, { ...asL2, biasCorrection: false })),
          'Adam bias-corrects both moments, with or without weight decay.',
        ),
        wrong(
          'decay-without-lr',
          num(run(w0, grads, lr, { ...none, before: 1 - lambda })),
          'Adam’s weight_decay does not shrink the weight directly at all; it adds $\\lambda w$ to the gradient.',
        ),
      ];
  const first = path[0];
  const adamStep1 = clean(decoupled ? w0 * (1 - lr * lambda) - first.w : w0 - first.w);
  const rows = path.map((s, i) => {
    const t = i + 1;
    const wPrev = i === 0 ? w0 : path[i - 1].w;
    const start = decoupled
      ? `decay $w = ${fmt(clean(wPrev), 6)} \\cdot (1 - ${fmt(clean(lr * lambda), 6)}) = ${fmt(clean(wPrev * (1 - lr * lambda)), 6)}$; `
      : `gradient $g + \\lambda w = ${term(grads[i], 4)} + ${fmt(lambda, 4)} \\cdot ${term(clean(wPrev), 6)} = ${fmt(clean(s.g), 6)}$; `;
    const from = decoupled ? clean(wPrev * (1 - lr * lambda)) : clean(wPrev);
    return (
      `Step ${t}: ${start}$m = ${fmt(clean(s.m), 6)}$, $v = ${fmt(clean(s.v), 8)}$, ` +
      `$\\hat m = ${fmt(s.mHat, 6)}$, $\\hat v = ${fmt(s.vHat, 6)}$; ` +
      `$w = ${fmt(from, 6)} - ${fmt(lr, 4)} \\cdot ${term(s.mHat, 6)} / ${fmt(Math.sqrt(s.vHat), 6)} = ${fmt(clean(s.w), 6)}$.`
    );
  });
  return finishDraw(
    {
      stem,
      answer,
      distractors: present(distractors),
      correctFeedback: decoupled
        ? 'Right: shrink the weight by ηλw first, then the Adam step with the data gradient.'
        : 'Right: λw joins the gradient, and the Adam step normalises the sum.',
      explanation:
        'With plain SGD, adding $\\lambda w$ to the gradient and shrinking the weight by $\\eta\\lambda w$ are the same update. ' +
        'With Adam they are not: an L2 term added to the gradient goes through the moments and is divided by $\\sqrt{\\hat v}$, ' +
        'so weights with large gradients are hardly decayed and, in the first steps, the decay may only change the sign the step ' +
        'follows. AdamW (Loshchilov and Hutter) decouples the two: the decay $w \\leftarrow w - \\eta\\lambda w$ acts on the ' +
        'weight directly, at the same relative rate for every weight, and Adam normalises the data gradient alone. ' +
        'In PyTorch, `Adam(weight_decay=λ)` is the L2 form and `AdamW(weight_decay=λ)` the decoupled one (default λ = 0.01).',
      steps: rows,
      parts: [
        decoupled
          ? {
              id: 'decayed-weight',
              prompt: 'The weight after the decay of step 1, before the Adam step.',
              answer: numberAnswer(clean(w0 * (1 - lr * lambda)), DECIMALS),
              hint: 'Multiply the weight by $1 - \\eta\\lambda$.',
            }
          : {
              id: 'effective-gradient',
              prompt: 'The gradient the moments see at step 1, $g_1 + \\lambda w$.',
              answer: numberAnswer(clean(first.g), DECIMALS),
              hint: 'Add λ times the starting weight to the data gradient.',
            },
        {
          id: 'adam-step-1',
          prompt:
            'The amount the Adam step of step 1 subtracts from $w$, $\\eta\\, \\hat m / (\\sqrt{\\hat v} + \\epsilon)$.',
          answer: numberAnswer(adamStep1, DECIMALS),
          hint: 'After one step $\\hat m = g$ and $\\hat v = g^2$ for the gradient the moments see.',
        },
      ],
      hints: {
        nudge: decoupled
          ? 'AdamW shrinks the weight on its own and keeps the decay out of the moments.'
          : 'Adam’s weight_decay is an L2 term: it changes the gradient the moments see.',
        formula: decoupled
          ? '$w \\leftarrow (1 - \\eta\\lambda)\\, w - \\eta\\, \\hat m / (\\sqrt{\\hat v} + \\epsilon)$, moments of $g$'
          : '$w \\leftarrow w - \\eta\\, \\hat m / (\\sqrt{\\hat v} + \\epsilon)$, moments of $g + \\lambda w$',
        firstStep: rows[0],
      },
      entryHint: `the weight after ${n === 1 ? 'the step' : `${n} steps`}`,
    },
    { fixed: fixed !== undefined },
  );
}

/** AdamW's decoupled weight decay against Adam with an L2 term. */
export const adamwVsL2Template: TemplateDefinition = {
  id: 'adamw-vs-l2',
  topic: 'optimizers',
  title: 'AdamW (decoupled weight decay) against Adam with L2 weight decay',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    ...WEIGHT_PARAMS,
    optimizer: {
      kind: 'enum',
      values: ['adamw', 'adam-l2'],
      description: 'AdamW or Adam(weight_decay) (default: drawn)',
    },
    weight_decay: {
      kind: 'number',
      min: 0,
      max: 10,
      description: 'weight decay λ (default: drawn)',
    },
  },
  draw,
};
