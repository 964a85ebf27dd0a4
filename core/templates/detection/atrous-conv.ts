/**
 * `atrous-conv`: arithmetic of dilated (atrous) convolutions, PyTorch's `dilation`: the effective
 * extent d(k − 1) + 1 of one kernel (level 1), the output size of a stride-1 dilated convolution
 * with padding (level 2), and the receptive field of a stack of stride-1 dilated convolutions
 * 1 + Σ d_i(k − 1) (level 3, as in DeepLab's atrous layers and WaveNet's dilated stacks).
 */
import { convOutputSize, dilatedKernelSize } from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { Distractor, ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const n = (x: number) => numberAnswer(x, 0);
  const fixedK = p.int('kernel');
  const fixedD = p.int('dilation');
  const k = fixedK ?? rng.pick([3, 3, 5, 7]);
  const fixed = fixedK !== undefined && fixedD !== undefined;
  if (level === 1 || level === 2) {
    const d = fixedD ?? rng.int(2, 6);
    const extent = dilatedKernelSize(k, d);
    const oneGap = k + d - 1;
    if (level === 1) {
      return finishDraw(
        {
          stem:
            `A ${k}×${k} convolution is applied with dilation ${d} (PyTorch's \`nn.Conv2d(..., kernel_size=${k}, dilation=${d})\`): ` +
            `its taps sit ${d} pixels apart. How many pixels does the kernel span along one side (its effective kernel size)?`,
          answer: n(extent),
          distractors: [
            wrong(
              'dilation-ignored',
              n(k),
              `Dilation spreads the ${k} taps apart without adding weights; the span grows even though the weight count stays ${k}×${k}.`,
            ),
            wrong(
              'atrous-k-times-d',
              n(k * d),
              `There are ${k - 1} gaps between ${k} taps, not ${k}: the span is $d(k - 1) + 1$, not $k \\cdot d$.`,
            ),
            wrong(
              'atrous-one-gap',
              n(oneGap),
              `Each of the ${k - 1} gaps between neighbouring taps holds ${d - 1} skipped pixels.`,
            ),
          ],
          correctFeedback: 'Right: k taps with d − 1 skipped pixels in each of the k − 1 gaps.',
          parts: [
            {
              id: 'gaps',
              prompt: 'How many gaps lie between neighbouring taps along one side?',
              answer: n(k - 1),
              hint: `${k} taps in a row.`,
            },
            {
              id: 'skipped',
              prompt: 'How many pixels are skipped in all, along one side?',
              answer: n((k - 1) * (d - 1)),
              hint: `Each gap skips d − 1 = ${d - 1} pixels.`,
            },
          ],
          hints: {
            nudge:
              'Draw the taps on a line: dilation inserts skipped pixels between neighbouring taps.',
            formula: '$k_{\\text{eff}} = k + (k - 1)(d - 1) = d(k - 1) + 1$',
            firstStep: `${k} taps leave ${k - 1} gaps of ${d - 1} skipped pixels each.`,
          },
          explanation:
            'An atrous (dilated) convolution samples its input with holes: a kernel of size $k$ with dilation $d$ reads ' +
            '$k$ pixels spaced $d$ apart, so it spans $d(k - 1) + 1$ pixels with only $k$ weights per side. DeepLab uses it ' +
            'to enlarge the receptive field without pooling away resolution; the weight count and the cost per output stay ' +
            'those of the $k \\times k$ kernel.',
          steps: [
            `Gaps between taps: ${k} − 1 = ${k - 1}; skipped pixels: ${k - 1} · ${d - 1} = ${(k - 1) * (d - 1)}.`,
            `Span: ${k} + ${(k - 1) * (d - 1)} = ${extent}.`,
          ],
        },
        { fixed },
      );
    }
    const size = p.int('size') ?? rng.pick([40, 48, 64, 65, 97]);
    const pad = p.int('padding') ?? rng.int(1, Math.floor((extent - 1) / 2) + 1);
    if (extent > size + 2 * pad)
      throw new TemplateError('the dilated kernel does not fit the input');
    const out = convOutputSize(size, k, 1, pad, d);
    const distractors: Distractor[] = [
      wrong(
        'dilation-ignored',
        n(convOutputSize(size, k, 1, pad, 1)),
        'The dilated kernel spans more pixels than k, so fewer positions fit.',
      ),
      wrong(
        'atrous-k-times-d',
        n(size + 2 * pad - k * d + 1),
        `The kernel spans $d(k - 1) + 1 = ${extent}$ pixels, not $k \\cdot d = ${k * d}$.`,
      ),
      wrong(
        'output-size-forgot-padding',
        n(convOutputSize(size, k, 1, 0, d)),
        `The ${pad} pixels of zero padding on each side widen the input to ${size + 2 * pad}.`,
      ),
      wrong(
        'padding-counted-once',
        n(size + pad - extent + 1),
        'Padding is added on both sides of the input.',
      ),
    ];
    const parts: ProblemPart[] = [
      {
        id: 'extent',
        prompt: 'The effective kernel size $d(k - 1) + 1$.',
        answer: n(extent),
        hint: `${k} taps spaced ${d} apart.`,
      },
      {
        id: 'padded',
        prompt: 'The padded input size.',
        answer: n(size + 2 * pad),
        hint: 'The padding is added on both sides.',
      },
    ];
    return finishDraw(
      {
        stem:
          `An input row of ${size} pixels goes through \`nn.Conv2d(..., kernel_size=${k}, stride=1, padding=${pad}, dilation=${d})\`. ` +
          'What is the output size along that axis?',
        answer: n(out),
        distractors,
        correctFeedback: 'Right: the padded input minus the dilated kernel span, plus one.',
        parts,
        hints: {
          nudge:
            'Replace the kernel size by the span of the dilated kernel, then count the positions it fits in.',
          formula: '$n_{\\text{out}} = n + 2p - d(k - 1)$ for stride 1',
          firstStep: `Span: ${d} · (${k} − 1) + 1 = ${extent}.`,
        },
        explanation:
          'With stride 1 the output size is the number of places the kernel fits in the padded input: $n + 2p - k_{\\text{eff}} + 1$, ' +
          'where the dilated kernel spans $k_{\\text{eff}} = d(k - 1) + 1$ pixels. This is PyTorch’s formula ' +
          '$\\lfloor (n + 2p - d(k - 1) - 1)/s \\rfloor + 1$ with $s = 1$. A padding of $d(k - 1)/2$ keeps the size unchanged, ' +
          'which is how DeepLab’s atrous layers keep their resolution.',
        steps: [
          `Span: ${d} · ${k - 1} + 1 = ${extent}; padded input: ${size} + 2 · ${pad} = ${size + 2 * pad}.`,
          `Output: ${size + 2 * pad} − ${extent} + 1 = ${out}.`,
        ],
      },
      { fixed },
    );
  }
  const layers = rng.pick([
    [1, 2, 4],
    [1, 2, 4, 8],
    [1, 2, 3],
    [2, 4, 8],
    [1, 3, 9],
  ]);
  const kk = 3;
  const extents = layers.map((d) => dilatedKernelSize(kk, d));
  const rf = 1 + layers.reduce((a, d) => a + d * (kk - 1), 0);
  const rfNoDilation = 1 + layers.length * (kk - 1);
  return finishDraw(
    {
      stem:
        `A stack of ${layers.length} convolutions with 3×3 kernels, stride 1 and dilations ${layers.join(', ')} (in that order) ` +
        'processes an image. What is the receptive field of one output pixel of the last layer along one side: how many input pixels lie from the first to the last pixel it depends on?',
      answer: n(rf),
      distractors: [
        wrong(
          'dilation-ignored',
          n(rfNoDilation),
          'Each layer adds $d(k - 1)$ pixels to the receptive field, not $k - 1$.',
        ),
        wrong(
          'atrous-extents-summed',
          n(extents.reduce((a, v) => a + v, 0)),
          'Consecutive layers share their centre pixel: each layer adds its span minus one.',
        ),
        wrong(
          'atrous-k-times-d',
          n(1 + layers.reduce((a, d) => a + kk * d, 0)),
          'A dilated 3×3 kernel spans $2d + 1$ pixels, so it adds $2d$, not $3d$.',
        ),
      ],
      correctFeedback: 'Right: with stride 1, each layer widens the receptive field by d(k − 1).',
      parts: [
        {
          id: 'extents',
          prompt: 'The span $d(k - 1) + 1$ of the first layer’s kernel.',
          answer: n(extents[0]),
          hint: 'Three taps spaced d apart.',
        },
        {
          id: 'growth',
          prompt: 'By how many pixels do all layers together widen the receptive field beyond 1?',
          answer: n(rf - 1),
          hint: 'Each stride-1 layer adds its span minus one.',
        },
      ],
      hints: {
        nudge:
          'Start from one output pixel and grow backwards: each layer adds its span minus one.',
        formula: '$r = 1 + \\sum_i d_i (k - 1)$ for stride-1 layers',
        firstStep: `Spans: ${extents.join(', ')}.`,
      },
      explanation:
        'With stride 1 the receptive field grows by $k_{\\text{eff}} - 1 = d(k - 1)$ per layer. Dilations that double from ' +
        'layer to layer make it grow exponentially with depth (WaveNet, DeepLab’s multi-grid), while the weight count grows ' +
        'only linearly. Adding the spans themselves double-counts the pixel each layer shares with the next. The receptive ' +
        'field is a span: when every dilation is even (2, 4, 8) the output depends only on every other input pixel inside it, ' +
        'the gridding effect that stacks starting at dilation 1 avoid.',
      steps: [
        `Spans of the ${layers.length} kernels: ${layers.map((d, i) => `${d} · 2 + 1 = ${extents[i]}`).join(', ')}.`,
        `Receptive field: $1 + ${layers.map((d) => `${d} \\cdot 2`).join(' + ')} = ${rf}$.`,
      ],
    },
    { fixed },
  );
}

/** Dilated-convolution arithmetic. */
export const atrousConv: TemplateDefinition = {
  id: 'atrous-conv',
  topic: 'segmentation',
  title: 'Atrous (dilated) convolution: span, output size, receptive field',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    kernel: {
      kind: 'int',
      min: 2,
      max: 7,
      description: 'kernel size, levels 1–2 (default: drawn)',
    },
    dilation: { kind: 'int', min: 2, max: 8, description: 'dilation, levels 1–2 (default: drawn)' },
    size: { kind: 'int', min: 8, max: 256, description: 'input size, level 2 (default: drawn)' },
    padding: { kind: 'int', min: 1, max: 16, description: 'padding, level 2 (default: drawn)' },
  },
  draw,
};
