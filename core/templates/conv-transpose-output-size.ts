/**
 * `conv-transpose-output-size`: output size of a transposed convolution,
 * (n − 1)·s − 2p + k (+ output padding), PyTorch's convention.
 */
import { convOutputSize, convTransposeOutputSize } from '../kernels';
import { ifValid, numberAnswer, present, wrong } from './answers';
import { finishDraw } from './draw-rules';
import type { Rng } from './rng';
import { TemplateError } from './types';
import type { ParamBag, Problem, TemplateDefinition } from './types';

interface Setup {
  readonly n: number;
  readonly k: number;
  readonly s: number;
  readonly p: number;
  readonly op: number;
}

function drawSetup(rng: Rng, level: 1 | 2 | 3): Setup {
  if (level === 1) return { n: rng.int(3, 16), k: rng.int(2, 4), s: 2, p: 0, op: 0 };
  if (level === 2)
    return { n: rng.int(4, 32), k: rng.int(3, 5), s: rng.int(2, 3), p: rng.int(1, 2), op: 0 };
  const s = rng.int(2, 4);
  return { n: rng.int(4, 64), k: rng.int(3, 7), s, p: rng.int(0, 3), op: rng.int(1, s - 1) };
}

function draw(rng: Rng, params: ParamBag): Problem {
  const d = drawSetup(rng, params.level);
  const n = params.int('in') ?? d.n;
  const k = params.int('kernel') ?? d.k;
  const s = params.int('stride') ?? d.s;
  const p = params.int('padding') ?? d.p;
  const op = params.int('outputPadding') ?? Math.min(d.op, s - 1);
  if (op >= s && op > 0)
    throw new TemplateError(`param outputPadding: must be smaller than the stride ${s}`);
  const base = convTransposeOutputSize(n, k, s, p);
  const out = base + op;
  const twoD = params.level > 1;
  const what = twoD ? `a $${n} \\times ${n}$ feature map` : `a 1-D signal of length ${n}`;
  const opText = op > 0 ? `, output padding ${op}` : '';
  const stem =
    `${what[0].toUpperCase()}${what.slice(1)} is upsampled by a transposed convolution with kernel size ${k}, stride ${s}, ` +
    `padding ${p}${opText} (PyTorch conventions, dilation 1: padding $p$ crops $p$ values from each end of the full ` +
    `output). What is the output ${twoD ? 'height (and width)' : 'length'}?`;
  const formula = `(n - 1)s - 2p + k${op > 0 ? ' + \\text{output\\_padding}' : ''}`;
  const working = `(${n} - 1) \\cdot ${s} - 2 \\cdot ${p} + ${k}${op > 0 ? ` + ${op}` : ''}`;
  const plain = (value: number) => numberAnswer(value);
  const forward = ifValid(() => convOutputSize(n, k, s, p));
  const fixed = ['in', 'kernel', 'stride', 'padding'].every(
    (name) => params.int(name) !== undefined,
  );
  return finishDraw(
    {
      stem,
      answer: plain(out),
      distractors: present([
        forward !== undefined
          ? wrong(
              'used-conv-formula',
              plain(forward),
              'This is the forward-convolution formula ⌊(n + 2p − k)/s⌋ + 1, which shrinks the input. A transposed convolution inverts that mapping and enlarges it.',
            )
          : undefined,
        p > 0
          ? wrong(
              'output-size-forgot-padding',
              plain((n - 1) * s + k + op),
              `The padding removes ${p} from each end, so subtract 2p = ${2 * p}.`,
              'transpose-padding-crops',
            )
          : undefined,
        wrong(
          'transpose-size-n-times-s',
          plain(n * s - 2 * p + k + op),
          `The first kernel copy starts at 0 and the last at (n − 1)·s = ${(n - 1) * s}, so the span is (n − 1)·s, not n·s.`,
        ),
        p > 0
          ? wrong(
              'padding-sign-flipped',
              plain((n - 1) * s + 2 * p + k + op),
              'In a transposed convolution padding crops the output: subtract 2p, do not add it.',
              'transpose-padding-crops',
            )
          : undefined,
        op > 0
          ? wrong(
              'forgot-output-padding',
              plain(base),
              `The output padding adds ${op} on one side; include it.`,
            )
          : undefined,
        wrong(
          'output-size-no-plus-one',
          plain(base + op - 1),
          'The last kernel copy covers k positions from (n − 1)·s onwards, so add the full k (that is d·(k − 1) + 1 with dilation 1).',
        ),
      ]),
      correctFeedback: 'Right: $(n - 1)s - 2p + k$ plus any output padding.',
      parts: [
        {
          id: 'last-copy-start',
          prompt:
            'Where the kernel copy of the last input starts, counting from 0 before any cropping: $(n - 1)s$.',
          answer: plain((n - 1) * s),
          hint: 'The copy of input $i$ (from 0) starts at $i \\cdot s$.',
        },
        {
          id: 'uncropped-size',
          prompt: 'The length all kernel copies span before padding crops it, $(n - 1)s + k$.',
          answer: plain((n - 1) * s + k),
          hint: 'The last copy covers $k$ positions from where it starts.',
        },
      ],
      hints: {
        nudge:
          'Each input stamps a copy of the kernel, one stride after the previous one; padding then crops both ends.',
        formula: `$\\text{out} = ${formula}$`,
        firstStep: `The last input's copy starts at $(n - 1)s = (${n} - 1) \\cdot ${s} = ${(n - 1) * s}$.`,
      },
      explanation:
        'The output of a transposed convolution is as long as the span of the kernel copies it stamps: the last ' +
        'input sits at $(n - 1)s$ and its copy reaches $k$ further, giving $(n - 1)s + k$. Padding crops $p$ from ' +
        'each end ($-2p$) and output padding adds extra positions on one side, which is how frameworks resolve the ' +
        'ambiguity that several input sizes map to the same forward-convolution output.',
      steps: [`Output size of a transposed convolution: $${formula}$.`, `$${working} = ${out}$.`],
    },
    { fixed },
  );
}

/** Output size of a transposed convolution. */
export const convTransposeOutputSizeTemplate: TemplateDefinition = {
  id: 'conv-transpose-output-size',
  topic: 'upsampling',
  title: 'Transposed convolution: output size',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    in: { kind: 'int', min: 1, max: 256, description: 'input size n (default: drawn)' },
    kernel: { kind: 'int', min: 1, max: 11, description: 'kernel size k (default: drawn)' },
    stride: { kind: 'int', min: 1, max: 8, description: 'stride s (default 2 at level 1)' },
    padding: {
      kind: 'int',
      min: 0,
      max: 8,
      description: 'padding p (default 0 at level 1, 1–2 at level 2)',
    },
    outputPadding: {
      kind: 'int',
      min: 0,
      max: 7,
      description: 'output padding, smaller than the stride (default 0 below level 3)',
    },
  },
  draw,
};
