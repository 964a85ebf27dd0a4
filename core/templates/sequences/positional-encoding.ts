/**
 * `positional-encoding`: values of the Transformer's sinusoidal positional encoding,
 * PE(pos, 2i) = sin(pos / 10000^{2i/d}) and PE(pos, 2i+1) = cos(pos / 10000^{2i/d}), radians.
 * Levels 1–2 ask for the whole (short) vector; level 3 for one sine/cosine pair of a wide model.
 */
import { sinusoidalEncoding } from '../../kernels';
import { numberAnswer, vectorAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, fmtRow } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 4;

interface Setup {
  readonly pos: number;
  readonly d: number;
  /** The dimensions asked for (all of them, or one pair 2i, 2i + 1). */
  readonly dims: readonly number[];
}

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  if (level === 1) return { pos: rng.int(1, 6), d: 4, dims: [0, 1, 2, 3] };
  if (level === 2) return { pos: rng.int(2, 30), d: 6, dims: [0, 1, 2, 3, 4, 5] };
  const d = rng.pick([16, 32, 64, 128, 512]);
  const i = rng.int(1, Math.min(d / 2 - 1, 8));
  return { pos: rng.int(3, 120), d, dims: [2 * i, 2 * i + 1] };
}

/** One dimension's value under a rule: angle from (pos, pair exponent), sin or cos. */
type Rule = (pos: number, j: number, d: number) => number;

function draw(rng: Rng, p: ParamBag): Problem {
  const fixedPos = p.int('pos');
  const fixedD = p.int('d_model');
  const fixed = fixedPos !== undefined && fixedD !== undefined;
  let setup: Setup;
  if (fixed) {
    if (fixedD % 2 !== 0) throw new TemplateError(`d_model must be even, got ${fixedD}`);
    const pair = p.int('pair');
    if (pair !== undefined && 2 * pair + 1 >= fixedD) {
      throw new TemplateError(`pair ${pair} does not exist for d_model ${fixedD}`);
    }
    setup = {
      pos: fixedPos,
      d: fixedD,
      dims:
        pair === undefined ? Array.from({ length: fixedD }, (_, j) => j) : [2 * pair, 2 * pair + 1],
    };
    if (setup.dims.length > 8) throw new TemplateError('give pair for d_model above 8');
  } else {
    setup = drawSetup(rng, p.level);
  }
  const { pos, d, dims } = setup;
  const pe = sinusoidalEncoding(pos, d);
  const key = dims.map((j) => pe[j]);
  const pairOf = (j: number) => j - (j % 2);
  const apply = (rule: Rule) =>
    vectorAnswer(
      dims.map((j) => rule(pos, j, d)),
      DECIMALS,
    );
  const trig = (j: number, angle: number) => (j % 2 === 0 ? Math.sin(angle) : Math.cos(angle));
  const denominator = (j: number) => 10000 ** (pairOf(j) / d);
  const whole = dims.length === d;
  const asked = whole
    ? `the whole encoding vector of position ${pos} (dimensions 0 to ${d - 1})`
    : `dimensions ${dims[0]} and ${dims[1]} of the encoding of position ${pos}, in that order`;
  const stem =
    `A Transformer with $d_{\\text{model}} = ${d}$ adds the sinusoidal positional encoding of the original paper: ` +
    'for each pair $i$ it puts the sine on the even dimensions $2i$ and the cosine of the same angle on $2i + 1$, ' +
    '$PE(pos, 2i) = \\sin(pos / 10000^{2i/d})$, $PE(pos, 2i+1) = \\cos(pos / 10000^{2i/d})$, angles in radians, ' +
    `dimensions counted from 0. What are ${asked}?`;
  const lastPair = pairOf(dims[dims.length - 1]);
  const angle = pos / denominator(lastPair);
  const steps = [
    ...[...new Set(dims.map(pairOf))].map((j) => {
      const a = pos / denominator(j);
      return `Pair $i = ${j / 2}$: $10000^{${j}/${d}} = ${fmt(denominator(j), 4)}$, angle $${pos} / ${fmt(denominator(j), 4)} = ${fmt(a, 6)}$ rad: $\\sin = ${fmt(Math.sin(a), DECIMALS)}$, $\\cos = ${fmt(Math.cos(a), DECIMALS)}$.`;
    }),
    `In dimension order: $${fmtRow(key, DECIMALS)}$.`,
  ];
  return finishDraw(
    {
      stem,
      answer: vectorAnswer(key, DECIMALS),
      distractors: [
        wrong(
          'pe-sin-cos-swapped',
          apply((q, j, dd) => (j % 2 === 0 ? Math.cos : Math.sin)(q / 10000 ** (pairOf(j) / dd))),
          'The even dimensions carry the sine and the odd ones the cosine of the same angle.',
          'pe-sin-even-cos-odd',
        ),
        wrong(
          'pe-exponent-uses-dimension',
          apply((q, j, dd) => trig(j, q / 10000 ** (j / dd))),
          'Both members of a pair share the exponent $2i/d$: dimension $2i + 1$ uses $2i$, not $2i + 1$.',
        ),
        wrong(
          'pe-degrees',
          apply((q, j, dd) => trig(j, ((q / 10000 ** (pairOf(j) / dd)) * Math.PI) / 180)),
          'The angle $pos / 10000^{2i/d}$ is in radians, as `torch.sin` takes it.',
        ),
        wrong(
          'pe-multiplied-by-frequency',
          apply((q, j, dd) => trig(j, q * 10000 ** (pairOf(j) / dd))),
          'The position is divided by $10000^{2i/d}$, so higher pairs turn more slowly (wavelengths from $2\\pi$ to $10000 \\cdot 2\\pi$).',
        ),
      ],
      correctFeedback: 'Right: each pair shares one angle, sine first, cosine second.',
      explanation:
        'Each pair of dimensions $(2i, 2i+1)$ is a point on a circle turning at its own rate: the angle is ' +
        '$pos / 10000^{2i/d}$, so pair 0 turns one radian per position and the last pairs barely move. Sine and cosine of ' +
        'the same angle make the encoding of $pos + k$ a fixed rotation of the encoding of $pos$, which lets attention ' +
        'read relative positions. Swapping sine and cosine, using $2i + 1$ in the odd exponent, or working in degrees ' +
        'each gives a different vector than the one the model was trained with.',
      steps,
      parts: [
        {
          id: 'denominator',
          prompt: `The divisor $10000^{2i/d}$ of pair $i = ${lastPair / 2}$ (dimensions ${lastPair} and ${lastPair + 1}).`,
          answer: numberAnswer(denominator(lastPair), 2),
          hint: `The exponent is $2i/d = ${lastPair}/${d}$.`,
        },
        {
          id: 'angle',
          prompt: `The angle of that pair at position ${pos}, in radians.`,
          answer: numberAnswer(angle, angle >= 100 ? 3 : DECIMALS),
          hint: 'Divide the position by that divisor.',
        },
      ],
      hints: {
        nudge:
          'Each pair of dimensions shares one angle; the even member takes its sine, the odd one its cosine.',
        formula:
          '$PE(pos, 2i) = \\sin(pos/10000^{2i/d}),\\ PE(pos, 2i+1) = \\cos(pos/10000^{2i/d})$',
        firstStep: steps[0],
      },
      entryHint: whole ? `the ${d} encoding values` : 'the two encoding values',
    },
    { fixed },
  );
}

/** Values of the sinusoidal positional encoding. */
export const positionalEncoding: TemplateDefinition = {
  id: 'positional-encoding',
  topic: 'attention',
  title: 'Sinusoidal positional encoding values',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    pos: { kind: 'int', min: 0, max: 10000, description: 'position (default: drawn)' },
    d_model: { kind: 'int', min: 2, max: 4096, description: 'model width, even (default: drawn)' },
    pair: {
      kind: 'int',
      min: 0,
      max: 2047,
      description: 'ask only dimensions 2·pair and 2·pair + 1',
    },
  },
  draw,
};
