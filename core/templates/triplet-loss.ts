/**
 * `triplet-loss`: L = max(0, d(a, p) − d(a, n) + margin) for one (anchor, positive, negative)
 * triple, with the Euclidean distance or its square.
 */
import { tripletLoss, type TripletDistance } from '../kernels';
import { numberAnswer, present, wrong } from './answers';
import { distinct, finishDraw } from './draw-rules';
import { fmt, fmtRow, term } from './format';
import type { Rng } from './rng';
import { equalsOrApprox } from './stats-steps';
import { TemplateError } from './types';
import type { ParamBag, Problem, TemplateDefinition } from './types';

const DECIMALS = 2;

/** Integer 2-D offsets with integer length, so Euclidean distances stay whole at level 1. */
const PYTHAGOREAN: readonly (readonly [number, number])[] = [
  [3, 4],
  [4, 3],
  [0, 2],
  [2, 0],
  [0, 3],
  [3, 0],
  [6, 8],
  [8, 6],
  [5, 12],
  [0, 5],
];

interface Setup {
  readonly a: number[];
  readonly p: number[];
  readonly n: number[];
  readonly margin: number;
}

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  const margin = rng.pick(level === 1 ? [0.5, 1, 2] : [0.2, 0.5, 1, 2]);
  if (level === 1) {
    const a = rng.ints(2, 0, 5);
    const offset = () => {
      const [dx, dy] = rng.pick(PYTHAGOREAN);
      return [a[0] + (rng.chance(0.5) ? dx : -dx), a[1] + (rng.chance(0.5) ? dy : -dy)];
    };
    return { a, p: offset(), n: offset(), margin };
  }
  const dims = level === 2 ? 2 : 3;
  return { a: rng.ints(dims, -3, 5), p: rng.ints(dims, -3, 5), n: rng.ints(dims, -3, 5), margin };
}

function squaredDistance(u: readonly number[], v: readonly number[]): number {
  return u.reduce((acc, ui, i) => acc + (ui - v[i]) ** 2, 0);
}

function draw(rng: Rng, params: ParamBag): Problem {
  const drawn = drawSetup(rng, params.level);
  const distance = (params.str('distance') ??
    rng.pick(['euclidean', 'squared'])) as TripletDistance;
  const s: Setup = {
    a: params.numbers('anchor')?.slice() ?? drawn.a,
    p: params.numbers('positive')?.slice() ?? drawn.p,
    n: params.numbers('negative')?.slice() ?? drawn.n,
    margin: params.num('margin') ?? drawn.margin,
  };
  if (s.p.length !== s.a.length || s.n.length !== s.a.length) {
    throw new TemplateError('anchor, positive and negative must have the same length');
  }
  const loss = tripletLoss(s.a, s.p, s.n, s.margin, distance);
  const sqP = squaredDistance(s.a, s.p);
  const sqN = squaredDistance(s.a, s.n);
  const d = (sq: number) => (distance === 'squared' ? sq : Math.sqrt(sq));
  const dp = d(sqP);
  const dn = d(sqN);
  const raw = dp - dn + s.margin;
  const other: TripletDistance = distance === 'squared' ? 'euclidean' : 'squared';
  const num = (x: number) => numberAnswer(x, DECIMALS);
  const m = fmt(s.margin, 4);
  const distText =
    distance === 'squared'
      ? 'the squared Euclidean distance $d(u, v) = \\lVert u - v \\rVert_2^2$'
      : 'the plain Euclidean distance $d(u, v) = \\lVert u - v \\rVert_2$ (not squared)';
  const working = (label: string, v: readonly number[], sq: number) => {
    const parts = s.a.map((ai, i) => `(${fmt(ai, 4)} - ${term(v[i], 4)})^2`).join(' + ');
    return distance === 'squared'
      ? `$d(a, ${label}) = ${parts} = ${fmt(sq, 4)}$`
      : `$d(a, ${label}) = \\sqrt{${parts}} = \\sqrt{${fmt(sq, 4)}} ${equalsOrApprox(Math.sqrt(sq), 4)}$`;
  };
  const fixed = ['anchor', 'positive', 'negative'].every(
    (name) => params.numbers(name) !== undefined,
  );
  return finishDraw(
    {
      stem:
        `A face-embedding network is trained with the triplet loss $L = \\max(0,\\, d(a, p) - d(a, n) + \\alpha)$, where $d$ is ${distText}. ` +
        `For the anchor $a = ${fmtRow(s.a, 4)}$, the positive $p = ${fmtRow(s.p, 4)}$ (same person), the negative ` +
        `$n = ${fmtRow(s.n, 4)}$ (another person) and margin $\\alpha = ${m}$, what is the loss?`,
      answer: num(loss),
      needs: [distinct('the anchor, positive and negative', [s.a, s.p, s.n])],
      distractors: present([
        wrong(
          'squared-vs-euclidean',
          num(tripletLoss(s.a, s.p, s.n, s.margin, other)),
          distance === 'squared'
            ? 'This uses the plain Euclidean distance; the loss here is defined with its square (no square root).'
            : 'This uses squared distances; the loss here is defined with the Euclidean distance, so take the square root.',
          distance === 'squared' ? 'squared-euclidean-distance' : 'plain-euclidean-distance',
        ),
        raw < 0
          ? wrong(
              'forgot-hinge-clamp',
              num(raw),
              'The loss is clamped at zero: once the negative is farther than the positive by the margin, the triple contributes nothing.',
            )
          : undefined,
        wrong(
          'swapped-positive-negative',
          num(Math.max(0, dn - dp + s.margin)),
          'The distance to the positive comes first: the loss is large when the positive is far and the negative is close.',
        ),
        // Once the hinge clamps the loss to 0, a smaller margin gives 0 as well: no mistake to show.
        loss > 0
          ? wrong(
              'margin-subtracted',
              num(Math.max(0, dp - dn - s.margin)),
              'The margin is added: the negative must be farther than the positive by at least $\\alpha$ before the loss reaches zero.',
            )
          : undefined,
        loss > 0
          ? wrong(
              'forgot-margin',
              num(Math.max(0, dp - dn)),
              `The margin $\\alpha = ${m}$ belongs inside the max.`,
            )
          : undefined,
      ]),
      correctFeedback:
        'Right: distance to the positive minus distance to the negative plus the margin, clamped at zero.',
      explanation:
        'The triplet loss (FaceNet) pulls an anchor towards a positive of the same identity and pushes it away from ' +
        'a negative, until the negative is farther than the positive by the margin $\\alpha$. After that the hinge ' +
        '$\\max(0, \\cdot)$ makes the triple contribute nothing, so training focuses on hard triples. Learning such ' +
        'an embedding is what makes one-shot recognition possible: a new person is recognised by distance to a ' +
        'single stored example.',
      parts: [
        {
          id: 'positive-distance',
          prompt: `The distance from the anchor to the positive, $d(a, p)$${distance === 'squared' ? ' (squared, no square root)' : ''}.`,
          answer: num(dp),
          hint: 'Subtract the two vectors element by element, square the differences and add them.',
        },
        {
          id: 'negative-distance',
          prompt: `The distance from the anchor to the negative, $d(a, n)$${distance === 'squared' ? ' (squared, no square root)' : ''}.`,
          answer: num(dn),
          hint:
            distance === 'squared'
              ? 'The same sum of squared differences, now with the negative.'
              : 'The same sum of squared differences, now with the negative; then take the square root.',
        },
        {
          id: 'before-hinge',
          prompt:
            'The value inside the hinge, $d(a, p) - d(a, n) + \\alpha$, before clamping at zero.',
          answer: num(raw),
          hint: 'It may be negative: the max with 0 comes after.',
        },
      ],
      hints: {
        nudge:
          'Measure how far the anchor is from the positive and from the negative: the loss wants the positive closer by at least the margin.',
        formula: `$L = \\max(0,\\, d(a, p) - d(a, n) + \\alpha)$ with $d(u, v) = ${distance === 'squared' ? '\\lVert u - v \\rVert_2^2' : '\\lVert u - v \\rVert_2'}$`,
      },
      steps: [
        working('p', s.p, sqP),
        working('n', s.n, sqN),
        `$L = \\max(0,\\, ${fmt(dp, 4)} - ${fmt(dn, 4)} + ${m}) = \\max(0,\\, ${fmt(raw, 4)}) ${equalsOrApprox(loss, DECIMALS)}$.`,
      ],
    },
    { fixed },
  );
}

/** Triplet loss of one triple. */
export const tripletLossTemplate: TemplateDefinition = {
  id: 'triplet-loss',
  topic: 'metric-learning',
  title: 'Triplet loss of one anchor–positive–negative triple',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    distance: {
      kind: 'enum',
      values: ['euclidean', 'squared'],
      description: 'distance d (default: drawn from the seed)',
    },
    margin: { kind: 'number', min: 0, max: 10, description: 'margin α (default: drawn)' },
    anchor: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 4,
      description: 'anchor embedding (default: drawn, 2-D below level 3)',
    },
    positive: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 4,
      description: 'positive embedding (default: drawn)',
    },
    negative: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 4,
      description: 'negative embedding (default: drawn)',
    },
  },
  draw,
};
