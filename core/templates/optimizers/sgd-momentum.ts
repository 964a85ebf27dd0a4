/**
 * `sgd-momentum`: SGD with momentum as torch.optim.SGD does it (dampening 0): v ← μv + g,
 * w ← w − ηv; with nesterov=True the step is along g + μv. Level 1: one step from a buffer that
 * already holds a value; level 2: two steps of a new optimiser; level 3: two Nesterov steps.
 */
import { sgdMomentum } from '../../kernels';
import { numberAnswer, present, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { clean, fmt, term } from '../format';
import type { Rng } from '../rng';
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

/** Runs a (possibly mistaken) momentum rule: `buffer` gives the new v, `move` the step. */
function run(
  w0: number,
  grads: readonly number[],
  v0: number,
  buffer: (v: number, g: number) => number,
  move: (vOld: number, vNew: number, g: number) => number,
): number {
  let v = v0;
  let w = w0;
  for (const g of grads) {
    const next = buffer(v, g);
    w -= move(v, next, g);
    v = next;
  }
  return w;
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const fixed = fixedPath(p);
  const nesterov = p.bool('nesterov') ?? level === 3;
  const grads = fixed?.grads ?? drawGrads(rng, level === 1 ? 1 : 2);
  const w0 = fixed?.w0 ?? drawWeight(rng);
  const lr = p.num('lr') ?? rng.pick([0.1, 0.2, 0.05]);
  const mu = p.num('momentum') ?? rng.pick([0.9, 0.8, 0.5]);
  const v0 = p.num('v0') ?? (level === 1 ? rng.nonZeroInt(-20, 20) / 10 : 0);
  const path = sgdMomentum(w0, grads, lr, mu, { nesterov, v0 });
  const key = clean(path[path.length - 1].w);
  const n = grads.length;
  const fresh = v0 === 0;
  const rule = nesterov
    ? '$v \\leftarrow \\mu v + g$, then $w \\leftarrow w - \\eta\\,(g + \\mu v)$ with the new $v$'
    : '$v \\leftarrow \\mu v + g$, then $w \\leftarrow w - \\eta v$';
  const start = fresh
    ? 'The optimiser is new, so its momentum buffer starts at $v = 0$.'
    : `Its momentum buffer already holds $v = ${fmt(v0, 4)}$ from earlier steps.`;
  const stem =
    `A weight $w = ${fmt(w0, 4)}$ is trained with \`torch.optim.SGD(lr=${fmt(lr, 4)}, momentum=${fmt(mu, 4)}` +
    `${nesterov ? ', nesterov=True' : ''})\`, dampening 0: each step does ${rule}. ${start} ` +
    `The gradient${n === 1 ? ' at this step is ' : 's at ' + stepsText(n) + ' are '}${gradientsText(grads)}. ` +
    `What is $w$ after ${n === 1 ? 'the step' : `${n} steps`}?`;
  const num = (x: number) => numberAnswer(clean(x), DECIMALS);
  const plain = (_vOld: number, vNew: number) => lr * vNew;
  const look = (_vOld: number, vNew: number, g: number) => lr * (g + mu * vNew);
  const keyMove = nesterov ? look : plain;
  const torchBuffer = (v: number, g: number) => mu * v + g;
  const distractors = present([
    nesterov
      ? wrong(
          'nesterov-plain-momentum',
          num(run(w0, grads, v0, torchBuffer, plain)),
          'That is the plain momentum step along $v$; with nesterov=True PyTorch steps along $g + \\mu v$, looking one step ahead.',
        )
      : undefined,
    nesterov
      ? wrong(
          'nesterov-old-velocity',
          num(run(w0, grads, v0, torchBuffer, (vOld, _vNew, g) => lr * (g + mu * vOld))),
          'The look-ahead uses the buffer after this step’s update, $v \\leftarrow \\mu v + g$, not the one before it.',
        )
      : undefined,
    wrong(
      'momentum-ignored',
      num(
        run(
          w0,
          grads,
          v0,
          (_v, g) => g,
          (_vOld, _vNew, g) => lr * g,
        ),
      ),
      'That is plain SGD: with momentum every step also carries $\\mu$ times the previous buffer.',
    ),
    nesterov
      ? undefined
      : wrong(
          'momentum-old-velocity',
          num(run(w0, grads, v0, torchBuffer, (vOld) => lr * vOld)),
          'The buffer is updated first, $v \\leftarrow \\mu v + g$, and the step uses the new $v$, so the current gradient already moves the weight.',
        ),
    wrong(
      'momentum-dampened',
      num(run(w0, grads, v0, (v, g) => mu * v + (1 - mu) * g, keyMove)),
      'With dampening 0 the gradient enters the buffer in full, $v \\leftarrow \\mu v + g$; the average $\\mu v + (1 - \\mu) g$ would need dampening $= \\mu$.',
      'sgd-dampening-zero',
    ),
    wrong(
      'momentum-lr-twice',
      num(run(w0, grads, v0, (v, g) => mu * v + lr * g, keyMove)),
      'PyTorch’s buffer holds gradients, not steps: $v \\leftarrow \\mu v + g$, and $\\eta$ is applied once, in $w \\leftarrow w - \\eta v$.',
    ),
  ]);
  const rows = path.map((s, i) => {
    const vPrev = i === 0 ? v0 : path[i - 1].v;
    const wPrev = i === 0 ? w0 : path[i - 1].w;
    const g = grads[i];
    const dir = nesterov
      ? `${term(g, 4)} + ${fmt(mu, 4)} \\cdot ${term(clean(s.v), 6)}`
      : term(clean(s.v), 6);
    return (
      `Step ${i + 1}: $v = ${fmt(mu, 4)} \\cdot ${term(clean(vPrev), 6)} + ${term(g, 4)} = ${fmt(clean(s.v), 6)}$, ` +
      `$w = ${fmt(clean(wPrev), 6)} - ${fmt(lr, 4)} \\cdot (${dir}) = ${fmt(clean(s.w), 6)}$.`
    );
  });
  const first = path[0];
  const parts = [
    {
      id: 'velocity-1',
      prompt: 'The momentum buffer $v$ after step 1.',
      answer: numberAnswer(clean(first.v), DECIMALS),
      hint: `Multiply the buffer before the step, ${fmt(v0, 4)}, by $\\mu$ and add the gradient in full.`,
    },
    n === 1
      ? {
          id: 'step-1',
          prompt: nesterov
            ? 'The amount subtracted from $w$ in step 1, $\\eta\\,(g + \\mu v)$.'
            : 'The amount subtracted from $w$ in step 1, $\\eta v$.',
          answer: numberAnswer(clean(w0 - first.w), DECIMALS),
          hint: 'Use the buffer you just computed, then multiply by the learning rate.',
        }
      : {
          id: 'weight-1',
          prompt: 'The weight $w$ after step 1.',
          answer: numberAnswer(clean(first.w), DECIMALS),
          hint: nesterov
            ? 'Step along $g_1 + \\mu v$ with the new buffer.'
            : 'Step along the new buffer, scaled by $\\eta$.',
        },
  ];
  return finishDraw(
    {
      stem,
      answer: num(key),
      distractors,
      correctFeedback: nesterov
        ? 'Right: update the buffer, then step along the gradient plus μ times the new buffer.'
        : 'Right: update the buffer with the whole gradient, then step along the new buffer.',
      explanation:
        'PyTorch keeps a buffer of past gradients, $v \\leftarrow \\mu v + g$ (with dampening 0 the gradient enters in full), ' +
        'and moves the weight by $\\eta v$. Along a direction where gradients keep their sign the buffer grows towards ' +
        '$g/(1 - \\mu)$, so steps get up to $1/(1-\\mu)$ times longer; where they alternate, they cancel in the buffer and ' +
        'oscillations are damped. Nesterov momentum (nesterov=True) steps along $g + \\mu v$ instead: it adds the ' +
        'momentum one step ahead, which reacts earlier when the gradient turns. The textbook form ' +
        '$v \\leftarrow \\mu v - \\eta g$, $w \\leftarrow w + v$ follows the same path as long as $\\eta$ stays constant; ' +
        'it differs from PyTorch only when a scheduler changes $\\eta$, because PyTorch applies the new $\\eta$ to the whole buffer.',
      steps: rows,
      parts,
      hints: {
        nudge:
          'Update the buffer first, then move the weight with it; the current gradient counts in full.',
        formula: nesterov
          ? '$v \\leftarrow \\mu v + g,\\quad w \\leftarrow w - \\eta\\,(g + \\mu v)$'
          : '$v \\leftarrow \\mu v + g,\\quad w \\leftarrow w - \\eta v$',
        firstStep: rows[0],
      },
      entryHint: `the weight after ${n === 1 ? 'the step' : `${n} steps`}`,
    },
    { fixed: fixed !== undefined },
  );
}

/** One or two steps of SGD with momentum or Nesterov momentum, PyTorch's form. */
export const sgdMomentumTemplate: TemplateDefinition = {
  id: 'sgd-momentum',
  topic: 'optimizers',
  title: 'SGD with momentum and Nesterov momentum, as torch.optim.SGD steps',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    ...WEIGHT_PARAMS,
    momentum: { kind: 'number', min: 0, max: 0.999, description: 'momentum μ (default: drawn)' },
    nesterov: { kind: 'boolean', description: 'Nesterov momentum (default: level 3)' },
    v0: {
      kind: 'number',
      min: -100,
      max: 100,
      description: 'buffer before the first step (default: drawn at level 1, else 0)',
    },
  },
  draw,
};
