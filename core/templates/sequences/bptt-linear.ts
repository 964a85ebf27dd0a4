/**
 * `bptt-linear`: backpropagation through time in the scalar linear RNN h_t = w·h_{t−1} + x_t with
 * the loss L = ½(h_T − y)²: dL/dw = (h_T − y)·Σ_t w^{T−t}·h_{t−1}, one term per step because the
 * same w acts at every step.
 */
import { linearRnnBptt } from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, fmtList, term } from '../format';
import type { Rng } from '../rng';
import { equalsOrApprox } from '../stats-steps';
import { Redraw, TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 4;

interface Setup {
  readonly w: number;
  readonly h0: number;
  readonly xs: number[];
  readonly y: number;
}

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  if (level === 1) {
    return { w: rng.pick([-2, -1, 0.5, 2, 3]), h0: 0, xs: rng.ints(3, -2, 3), y: rng.int(-3, 3) };
  }
  if (level === 2) {
    return {
      w: rng.pick([-1.5, -0.5, 0.5, 1.5, 2]),
      h0: rng.nonZeroInt(-2, 2),
      xs: rng.ints(3, -3, 3),
      y: rng.int(-4, 4),
    };
  }
  return {
    w: rng.pick([-0.9, -0.6, 0.4, 0.7, 0.8, 1.2]),
    h0: rng.decimals(1, -1, 1, 1)[0],
    xs: rng.decimals(4, -2, 2, 1),
    y: rng.decimals(1, -2, 2, 1)[0],
  };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const fixed =
    p.num('w') !== undefined && p.numbers('x') !== undefined && p.num('y') !== undefined;
  const drawn = fixed ? undefined : drawSetup(rng, p.level);
  const w = p.num('w') ?? drawn!.w;
  const h0 = p.num('h0') ?? drawn?.h0 ?? 0;
  const xs = p.numbers('x')?.slice() ?? drawn!.xs;
  const y = p.num('y') ?? drawn!.y;
  const r = linearRnnBptt(w, h0, xs, y);
  if (r.delta === 0 || r.grad === 0) {
    if (fixed) throw new TemplateError('the given inputs make the gradient 0 (h_T = y)');
    throw new Redraw('zero gradient');
  }
  const steps = xs.length;
  const n = (x: number) => numberAnswer(x, DECIMALS);
  const sum = (f: (i: number) => number) => xs.reduce((s, _, i) => s + f(i), 0);
  const hs = r.h;
  const forward = xs.map(
    (x, i) =>
      `$h_{${i + 1}} = ${term(w, 2)} \\cdot ${term(hs[i], 4)} + ${term(x, 2)} = ${fmt(hs[i + 1], 6)}$`,
  );
  const termText = (i: number) =>
    `${steps - 1 - i === 0 ? '' : `${term(w, 2)}^{${steps - 1 - i}} \\cdot `}${term(hs[i], 4)}`;
  const workedSteps = [
    `Forward: ${forward.join(', ')}.`,
    `$\\partial L / \\partial h_{${steps}} = h_{${steps}} - y = ${fmt(hs[steps], 6)} - ${term(y, 2)} = ${fmt(r.delta, 6)}$.`,
    `Each step $t$ uses $w$ once, on $h_{t-1}$, and its effect reaches $h_{${steps}}$ multiplied by $w^{${steps}-t}$: ` +
      `$\\sum_t w^{${steps}-t} h_{t-1} = ${xs.map((_, i) => termText(i)).join(' + ')} = ${fmt(r.grad / r.delta, 6)}$.`,
    `$\\partial L/\\partial w = ${fmt(r.delta, 6)} \\cdot ${term(r.grad / r.delta, 6)} ${equalsOrApprox(r.grad, DECIMALS)}$.`,
  ];
  return finishDraw(
    {
      stem:
        `A scalar linear RNN $h_t = w\\,h_{t-1} + x_t$ (no activation; the same $w$ at every step) has $w = ${fmt(w, 2)}$, ` +
        `starts from $h_0 = ${fmt(h0, 2)}$ and reads $x_1, \\dots, x_{${steps}} = ${fmtList(xs, 2)}$. The loss is ` +
        `$L = \\tfrac12 (h_{${steps}} - y)^2$ with $y = ${fmt(y, 2)}$. What is $\\partial L / \\partial w$?`,
      answer: n(r.grad),
      distractors: [
        wrong(
          'bptt-last-step-only',
          n(r.delta * hs[steps - 1]),
          'That is only the last step’s use of $w$; $w$ also acted at every earlier step, and backpropagation through time adds all of them.',
        ),
        wrong(
          'bptt-forgot-powers',
          n(r.delta * sum((i) => hs[i])),
          `An earlier step's change to $h_t$ reaches $h_{${steps}}$ only after being multiplied by $w$ at each later step: the factor $w^{T-t}$.`,
        ),
        wrong(
          'bptt-exponent-reversed',
          n(r.delta * sum((i) => w ** i * hs[i])),
          `The earliest step is the one furthest from $h_{${steps}}$, so it carries the highest power $w^{T-1}$; the last step carries $w^0$.`,
        ),
        wrong(
          'bptt-forgot-loss-gradient',
          n(r.grad / r.delta),
          `That is $\\partial h_{${steps}} / \\partial w$; the chain rule multiplies it by $\\partial L / \\partial h_{${steps}} = h_{${steps}} - y$.`,
        ),
      ],
      correctFeedback:
        'Right: every step’s use of w contributes, carried to the end by powers of w.',
      explanation:
        'Unrolled over time, the RNN is a deep network whose layers share one weight. The gradient with respect to a ' +
        'shared weight is the sum of the gradients of each use: step $t$ contributes $\\partial L/\\partial h_T \\cdot ' +
        '\\partial h_T/\\partial h_t \\cdot h_{t-1}$, and $\\partial h_T/\\partial h_t = w^{T-t}$ in this linear RNN. ' +
        'Those powers are why gradients from distant steps vanish when $|w| < 1$ and explode when $|w| > 1$; ' +
        'a nonlinear RNN multiplies by a Jacobian per step in the same way.',
      steps: workedSteps,
      parts: [
        {
          id: 'h-final',
          prompt: `The final state $h_{${steps}}$.`,
          answer: n(hs[steps]),
          hint: 'Run the recurrence forward from $h_0$, one input at a time.',
        },
        {
          id: 'delta',
          prompt: `$\\partial L / \\partial h_{${steps}}$.`,
          answer: n(r.delta),
          hint: 'The derivative of $\\tfrac12 (h - y)^2$ with respect to $h$.',
        },
        {
          id: 'first-term',
          prompt: `The contribution of step 1 to $\\partial L / \\partial w$, $\\partial L/\\partial h_{${steps}} \\cdot w^{${steps - 1}} \\cdot h_0$.`,
          answer: n(r.terms[0]),
          hint: `Step 1 multiplies $h_0$ by $w$; that change is multiplied by $w$ again at each of the ${steps - 1} later steps.`,
        },
      ],
      hints: {
        nudge: 'The same w is used at every step: add up the gradient of every use.',
        formula:
          '$\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial h_T} \\sum_{t=1}^{T} w^{T-t}\\, h_{t-1}$',
        firstStep: workedSteps[0],
      },
      entryHint: 'the gradient',
    },
    { fixed },
  );
}

/** BPTT through a scalar linear RNN. */
export const bpttLinear: TemplateDefinition = {
  id: 'bptt-linear',
  topic: 'sequence-models',
  title: 'Backpropagation through time in a scalar linear RNN',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    w: { kind: 'number', min: -5, max: 5, description: 'the recurrent weight (default: drawn)' },
    h0: { kind: 'number', min: -10, max: 10, description: 'initial state (default 0 at level 1)' },
    x: { kind: 'numbers', minLength: 1, maxLength: 8, description: 'the inputs x_1…x_T' },
    y: { kind: 'number', min: -100, max: 100, description: 'the target of h_T' },
  },
  draw,
};
