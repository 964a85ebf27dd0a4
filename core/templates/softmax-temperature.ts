/**
 * `softmax-temperature`: softmax of a few logits at temperature T, p = softmax(z / T).
 */
import { softmax } from '../kernels';
import { numberAnswer, present, vectorAnswer, wrong } from './answers';
import { finishDraw, spread } from './draw-rules';
import { fmt, fmtRow } from './format';
import type { Rng } from './rng';
import type { ParamBag, Problem, TemplateDefinition } from './types';

const DECIMALS = 3;

function drawSetup(rng: Rng, level: 1 | 2 | 3): { z: number[]; t: number } {
  if (level === 1) return { z: rng.ints(3, 0, 4), t: rng.pick([0.5, 2]) };
  if (level === 2) return { z: rng.ints(rng.int(3, 4), -2, 5), t: rng.pick([0.5, 2, 3, 5]) };
  return { z: rng.decimals(4, -3, 3, 1), t: rng.pick([0.25, 0.5, 1.5, 10]) };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const drawn = drawSetup(rng, p.level);
  const z = p.numbers('z')?.slice() ?? drawn.z;
  const t = p.num('temperature') ?? drawn.t;
  const probs = softmax(z, t);
  const scaled = z.map((v) => v / t);
  const max = Math.max(...scaled);
  const exps = scaled.map((v) => Math.exp(v - max));
  const total = exps.reduce((a, b) => a + b, 0);
  const sum = z.reduce((a, b) => a + b, 0);
  const vec = (values: readonly number[]) => vectorAnswer(values, DECIMALS);
  const shifted = max !== 0;
  const fixed = p.numbers('z') !== undefined;
  return finishDraw(
    {
      stem:
        `A classifier produces the logits $z = ${fmtRow(z, 4)}$. What class probabilities does a softmax with ` +
        `temperature $T = ${fmt(t, 4)}$ give?`,
      answer: vec(probs),
      needs: [spread('the logits', z)],
      distractors: present([
        t !== 1
          ? wrong(
              'softmax-ignores-temperature',
              vec(softmax(z, 1)),
              `This is the plain softmax ($T = 1$); divide the logits by $T = ${fmt(t, 4)}$ first.`,
            )
          : undefined,
        wrong(
          'temperature-multiplied',
          vec(softmax(z, 1 / t)),
          `The logits are divided by the temperature, not multiplied: ${t > 1 ? 'a large T flattens the distribution' : 'a small T sharpens it'}.`,
        ),
        z.every((v) => v >= 0) && sum > 0
          ? wrong(
              'normalised-without-exp',
              vec(z.map((v) => v / sum)),
              'Softmax exponentiates before normalising; dividing the raw logits by their sum is not a softmax.',
            )
          : undefined,
        wrong(
          'sigmoid-instead-of-softmax',
          vec(scaled.map((v) => 1 / (1 + Math.exp(-v)))),
          'A sigmoid per logit gives independent scores that need not sum to 1; softmax normalises across the classes.',
        ),
      ]),
      correctFeedback: `Right: $p_i = e^{z_i / T} / \\sum_j e^{z_j / T}$ with $T = ${fmt(t, 4)}$; the probabilities sum to 1.`,
      explanation:
        'Softmax turns logits into probabilities: $p_i = \\frac{e^{z_i / T}}{\\sum_j e^{z_j / T}}$. The temperature ' +
        'divides the logits first. $T > 1$ shrinks their differences and flattens the distribution (used for ' +
        'knowledge distillation and more varied sampling); $T < 1$ magnifies them and pushes the distribution ' +
        'towards the arg-max. The ranking of the classes never changes.',
      steps: [
        `Divide by the temperature: $z / T = ${fmtRow(scaled, 4)}$.`,
        shifted
          ? `Subtract the largest value ${fmt(max, 4)} (this does not change the result) and exponentiate: $${fmtRow(exps, 4)}$.`
          : `Exponentiate: $${fmtRow(exps, 4)}$.`,
        `Sum: ${fmt(total, 4)}. Divide each term by it: $p = ${fmtRow(probs, DECIMALS)}$.`,
      ],
      parts: [
        {
          id: 'scaled-logits',
          prompt: 'The logits divided by the temperature, $z_i / T$, class 1 first.',
          answer: vectorAnswer(scaled, 4),
          hint: `Divide each logit by $T = ${fmt(t, 4)}$.`,
        },
        {
          id: 'exponentials',
          prompt: shifted
            ? 'Subtract the largest $z_j / T$ from each $z_i / T$ (this leaves the probabilities unchanged) and exponentiate: $e^{z_i / T - \\max_j z_j / T}$, class 1 first.'
            : 'The exponentials $e^{z_i / T}$, class 1 first.',
          answer: vectorAnswer(exps, DECIMALS),
          hint: shifted
            ? 'The largest value becomes $e^0 = 1$; every other exponential is at most 1.'
            : 'The largest scaled logit is 0, so its exponential is $e^0 = 1$.',
        },
        {
          id: 'normaliser',
          prompt: 'The sum of those exponentials, the softmax denominator.',
          answer: numberAnswer(total, DECIMALS),
          hint: 'Add the exponentials of every class; each probability is its exponential divided by this sum.',
        },
      ],
      hints: {
        nudge:
          'The temperature rescales the logits before the softmax: divide first, then exponentiate and normalise.',
        formula: '$p_i = \\frac{e^{z_i / T}}{\\sum_j e^{z_j / T}}$',
      },
      entryHint: `the ${z.length} probabilities, class 1 first`,
    },
    { fixed },
  );
}

/** Softmax with temperature. */
export const softmaxTemperature: TemplateDefinition = {
  id: 'softmax-temperature',
  topic: 'activations',
  title: 'Softmax with temperature',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    z: { kind: 'numbers', minLength: 2, maxLength: 6, description: 'the logits (default: drawn)' },
    temperature: {
      kind: 'number',
      min: 0.05,
      max: 100,
      description: 'temperature T (default: drawn, never 1)',
    },
  },
  draw,
};
