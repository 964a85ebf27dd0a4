/**
 * `leaky-relu`: element-wise leaky ReLU f(x) = x for x > 0, αx otherwise.
 */
import { leakyRelu } from '../kernels';
import { numberAnswer, vectorAnswer, wrong } from './answers';
import { finishDraw } from './draw-rules';
import { clean, fmt, fmtRow, term } from './format';
import type { Rng } from './rng';
import { Redraw, TemplateError } from './types';
import type { ParamBag, Problem, TemplateDefinition } from './types';

const DECIMALS = 4;

function drawSetup(rng: Rng, level: 1 | 2 | 3): { x: number[]; alpha: number } {
  if (level === 1) return { x: rng.ints(4, -5, 5), alpha: 0.1 };
  if (level === 2) return { x: rng.ints(5, -10, 10), alpha: rng.pick([0.01, 0.2, 0.3]) };
  return { x: rng.decimals(5, -5, 5, 1), alpha: rng.pick([0.05, 0.15, 0.25]) };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const drawn = drawSetup(rng, p.level);
  const x = p.numbers('x')?.slice() ?? drawn.x;
  const alpha = p.num('alpha') ?? drawn.alpha;
  if (!x.some((v) => v < 0) || !x.some((v) => v > 0)) {
    if (p.numbers('x') !== undefined)
      throw new TemplateError('param x: needs at least one negative and one positive value');
    throw new Redraw('needs both signs');
  }
  const y = leakyRelu(x, alpha).map(clean);
  const vec = (values: readonly number[]) => vectorAnswer(values.map(clean), DECIMALS);
  const onNegatives = (f: (v: number) => number) => x.map((v) => (v > 0 ? v : f(v)));
  const a = fmt(alpha, 4);
  const positions = x.map((_, i) => i);
  const passed = positions.filter((i) => x[i] > 0);
  const scaled = positions.filter((i) => x[i] <= 0);
  const stepFor = (i: number) =>
    x[i] > 0
      ? `$x_{${i + 1}} = ${fmt(x[i], 4)} > 0$: unchanged, ${fmt(y[i], DECIMALS)}.`
      : `$x_{${i + 1}} = ${fmt(x[i], 4)} \\le 0$: $${a} \\cdot ${term(x[i], 4)} = ${fmt(y[i], DECIMALS)}$.`;
  const outputsAt = (indices: readonly number[]) =>
    indices.length === 1
      ? numberAnswer(y[indices[0]], DECIMALS)
      : vectorAnswer(
          indices.map((i) => y[i]),
          DECIMALS,
        );
  const outputsOf = (indices: readonly number[], which: string) => {
    const list = indices.map((i) => `$x_{${i + 1}} = ${fmt(x[i], 4)}$`).join(', ');
    return indices.length === 1
      ? `output of the input that is ${which}, ${list}`
      : `outputs of the inputs that are ${which}, ${list}, in that order`;
  };
  const fixed = p.numbers('x') !== undefined && p.num('alpha') !== undefined;
  return finishDraw(
    {
      stem: `Apply a leaky ReLU with negative slope $\\alpha = ${a}$ to the pre-activations $x = ${fmtRow(x, 4)}$. What is the output?`,
      answer: vec(y),
      distractors: [
        wrong(
          'leaky-relu-negated',
          vec(onNegatives((v) => -alpha * v)),
          'For negative inputs the output is $\\alpha x$, which stays negative; this answer flipped its sign.',
        ),
        wrong(
          'relu-instead-of-leaky',
          vec(onNegatives(() => 0)),
          'Zeroing the negative inputs is the plain ReLU; the leaky version lets $\\alpha x$ through so the gradient never dies.',
        ),
        wrong(
          'alpha-applied-everywhere',
          vec(x.map((v) => alpha * v)),
          'Positive inputs pass through unchanged; only the negative side is scaled by $\\alpha$.',
        ),
        wrong(
          'alpha-divides',
          vec(onNegatives((v) => v / alpha)),
          'The negative side is multiplied by the small slope $\\alpha$, which shrinks it; dividing would enlarge it.',
        ),
      ],
      correctFeedback: `Right: positives unchanged, negatives multiplied by $\\alpha = ${a}$.`,
      explanation:
        'Leaky ReLU is $f(x) = x$ for $x > 0$ and $f(x) = \\alpha x$ otherwise, with a small slope $\\alpha$. Unlike ' +
        'the plain ReLU, a unit with a negative input still passes a small signal and a nonzero gradient $\\alpha$, ' +
        'so it cannot get stuck at zero ("dying ReLU").',
      steps: ['$f(x) = x$ if $x > 0$, else $\\alpha x$.', ...positions.map(stepFor)],
      parts: [
        {
          id: 'positive-outputs',
          prompt: `The ${outputsOf(passed, 'positive')}.`,
          answer: outputsAt(passed),
          hint: 'A positive input passes through a leaky ReLU unchanged.',
        },
        {
          id: 'negative-outputs',
          prompt: `The ${outputsOf(scaled, 'not positive')}.`,
          answer: outputsAt(scaled),
          hint: `Multiply each of them by the slope $\\alpha = ${a}$; the sign stays.`,
        },
      ],
      hints: {
        nudge:
          'Positive inputs pass through unchanged; only the others are scaled, by the small slope.',
        formula: '$f(x) = \\begin{cases} x & x > 0 \\\\ \\alpha x & x \\le 0 \\end{cases}$',
        firstStep: stepFor(scaled[0]),
      },
      entryHint: `the ${x.length} outputs`,
    },
    { fixed },
  );
}

/** Leaky ReLU of a vector. */
export const leakyReluTemplate: TemplateDefinition = {
  id: 'leaky-relu',
  topic: 'activations',
  title: 'Leaky ReLU of a vector',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    x: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 8,
      description: 'the inputs, at least one negative and one positive (default: drawn)',
    },
    alpha: {
      kind: 'number',
      min: 0.001,
      max: 0.9,
      description: 'negative slope α (default 0.1 at level 1, drawn above)',
    },
  },
  draw,
};
