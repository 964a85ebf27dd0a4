/**
 * `conv-output-size`: output size of a convolution or pooling layer,
 * ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1 (PyTorch's formula).
 */
import { convOutputSize } from '../kernels';
import { ifValid, numberAnswer, present, wrong } from './answers';
import { finishDraw } from './draw-rules';
import type { Rng } from './rng';
import type { ParamBag, Problem, TemplateDefinition } from './types';

interface Setup {
  readonly n: number;
  readonly k: number;
  readonly s: number;
  readonly p: number;
  readonly d: number;
}

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  if (level === 1) {
    const k = rng.pick([3, 5]);
    return { n: rng.int(5, 32), k, s: 1, p: rng.pick([0, (k - 1) / 2]), d: 1 };
  }
  if (level === 2)
    return { n: rng.int(7, 64), k: rng.pick([3, 5, 7]), s: 2, p: rng.int(0, 2), d: 1 };
  return {
    n: rng.int(9, 64),
    k: rng.pick([3, 5]),
    s: rng.int(1, 3),
    p: rng.int(0, 3),
    d: rng.int(2, 3),
  };
}

function draw(rng: Rng, params: ParamBag): Problem {
  const drawn = drawSetup(rng, params.level);
  const n = params.int('in') ?? drawn.n;
  const k = params.int('kernel') ?? drawn.k;
  const s = params.int('stride') ?? drawn.s;
  const p = params.int('padding') ?? drawn.p;
  const d = params.int('dilation') ?? drawn.d;
  const out = convOutputSize(n, k, s, p, d);
  const extent = d * (k - 1) + 1;
  const inner = n + 2 * p - extent;
  const plain = (value: number) => numberAnswer(value);
  const dilationText = d > 1 ? `, dilation ${d}` : '';
  const stem =
    `A convolution layer with a ${k}×${k} kernel, stride ${s}, padding ${p}${dilationText} is applied to a ` +
    `$${n} \\times ${n}$ feature map (PyTorch conventions: the size formula rounds down, \`ceil_mode=False\`). ` +
    'What is the output height (and width)?';
  const transposeSize = (n - 1) * s - 2 * p + d * (k - 1) + 1;
  const withoutPadding = p > 0 ? ifValid(() => convOutputSize(n, k, s, 0, d)) : undefined;
  const strideOne = s > 1 ? convOutputSize(n, k, 1, p, d) : undefined;
  const noDilation = d > 1 ? convOutputSize(n, k, s, p, 1) : undefined;
  const steps = [
    `Output size: $\\left\\lfloor \\frac{n + 2p - d(k - 1) - 1}{s} \\right\\rfloor + 1$${d > 1 ? `; the dilated kernel spans $d(k - 1) + 1 = ${extent}$ positions` : ''}.`,
    `$\\left\\lfloor \\frac{${n} + 2 \\cdot ${p} - ${d} \\cdot (${k} - 1) - 1}{${s}} \\right\\rfloor + 1 = \\left\\lfloor \\frac{${inner}}{${s}} \\right\\rfloor + 1 = ${Math.floor(inner / s)} + 1 = ${out}$.`,
  ];
  const fixed = ['in', 'kernel', 'stride', 'padding', 'dilation'].every(
    (name) => params.int(name) !== undefined,
  );
  return finishDraw(
    {
      stem,
      answer: plain(out),
      distractors: present([
        noDilation !== undefined
          ? wrong(
              'dilation-ignored',
              plain(noDilation),
              `A dilation of ${d} spreads the kernel over d(k − 1) + 1 = ${extent} positions.`,
            )
          : undefined,
        strideOne !== undefined
          ? wrong(
              'stride-ignored',
              plain(strideOne),
              `With stride ${s} the kernel jumps ${s} positions at a time: divide by s.`,
            )
          : undefined,
        withoutPadding !== undefined
          ? wrong(
              'output-size-forgot-padding',
              plain(withoutPadding),
              `The padded input is n + 2p = ${n + 2 * p} wide; include the padding.`,
            )
          : undefined,
        out - 1 >= 1
          ? wrong(
              'output-size-no-plus-one',
              plain(out - 1),
              'The floor counts the steps the kernel can move; the starting position adds one more output: + 1.',
            )
          : undefined,
        p > 0
          ? wrong(
              'padding-counted-once',
              plain(Math.floor((n + p - extent) / s) + 1),
              `Padding is added on both sides, so the input grows by 2p = ${2 * p}, not p.`,
            )
          : undefined,
        inner % s !== 0
          ? wrong(
              'rounded-up',
              plain(Math.ceil(inner / s) + 1),
              'A kernel position must fit inside the padded input, so the division rounds down.',
              'output-size-rounds-down',
            )
          : undefined,
        // With stride 1 and "same" padding both formulas give n: then it is no mistake at all.
        transposeSize !== out
          ? wrong(
              'used-transpose-formula',
              plain(transposeSize),
              'That is the size formula of a transposed convolution, which enlarges the input; a convolution shrinks it.',
            )
          : undefined,
        wrong(
          'output-size-forgot-kernel',
          plain(Math.floor((n + 2 * p) / s)),
          `The kernel needs room: subtract its extent d(k − 1) + 1 = ${extent} from the padded input before dividing.`,
        ),
      ]),
      correctFeedback: 'Right: $\\lfloor (n + 2p - d(k - 1) - 1)/s \\rfloor + 1$.',
      parts: [
        {
          id: 'padded-size',
          prompt: 'The padded input size, $n + 2p$.',
          answer: plain(n + 2 * p),
          hint: 'The padding is added on both sides.',
        },
        ...(d > 1
          ? [
              {
                id: 'kernel-extent',
                prompt: 'How many input positions the dilated kernel spans, $d(k - 1) + 1$.',
                answer: plain(extent),
                hint: `A dilation of ${d} leaves ${d - 1} ${d === 2 ? 'gap' : 'gaps'} between neighbouring kernel taps.`,
              },
            ]
          : []),
        {
          id: 'kernel-moves',
          prompt:
            'How many times the kernel can move by the stride after its first position, $\\left\\lfloor \\frac{n + 2p - d(k - 1) - 1}{s} \\right\\rfloor$.',
          answer: plain(Math.floor(inner / s)),
          hint: 'Take the room left in the padded input once the kernel sits at the start, divide by the stride and round down.',
        },
      ],
      hints: {
        nudge:
          'Count how many positions the kernel can take inside the padded input, moving by the stride each time.',
        formula:
          '$\\text{out} = \\left\\lfloor \\frac{n + 2p - d(k - 1) - 1}{s} \\right\\rfloor + 1$ (PyTorch)',
        firstStep: `Padded input: $n + 2p = ${n} + 2 \\cdot ${p} = ${n + 2 * p}$.`,
      },
      explanation:
        'A convolution output counts how many kernel positions fit in the padded input. The padded input is ' +
        '$n + 2p$ long, the (dilated) kernel covers $d(k - 1) + 1$ of it, and the kernel moves $s$ positions at a ' +
        'time, so there are $\\lfloor (n + 2p - d(k - 1) - 1)/s \\rfloor$ moves after the first position: add 1. ' +
        'The same formula gives the output size of a pooling layer.',
      steps,
    },
    { fixed },
  );
}

/** Output size of a convolution. */
export const convOutputSizeTemplate: TemplateDefinition = {
  id: 'conv-output-size',
  topic: 'cnn-arithmetic',
  title: 'Convolution output size',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    in: { kind: 'int', min: 1, max: 512, description: 'input size n (default: drawn)' },
    kernel: { kind: 'int', min: 1, max: 11, description: 'kernel size k (default: drawn)' },
    stride: {
      kind: 'int',
      min: 1,
      max: 8,
      description: 'stride s (default 1 at level 1, 2 at level 2)',
    },
    padding: {
      kind: 'int',
      min: 0,
      max: 8,
      description: 'padding p on each side (default: drawn)',
    },
    dilation: {
      kind: 'int',
      min: 1,
      max: 4,
      description: 'dilation d (default 1 below level 3, 2–3 at level 3)',
    },
  },
  draw,
};
