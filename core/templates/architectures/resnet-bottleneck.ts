/**
 * `resnet-bottleneck`: parameters of a ResNet bottleneck block (1×1 reduce → 3×3 → 1×1 expand,
 * expansion 4, convolutions without bias), with an identity shortcut (level 1) or a 1×1
 * projection shortcut with stride (level 2), and with batch norm's γ and β counted (level 3).
 */
import { layerCode, walkSequential, type Conv2dSpec, type LayerSpec } from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { Distractor, ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';
import { python } from './code';

/** Side of the feature maps inside stage `stage` (from 0) for an image of side `image`. */
function size0(image: number, stage: number): number {
  return image / 4 / 2 ** stage;
}

function draw(rng: Rng, params: ParamBag): Problem {
  const level = params.level;
  // ResNet-50 has base width 64; slimmer and wider variants scale every stage by the same factor.
  const base = params.int('base') ?? rng.pick([16, 32, 48, 64, 80, 96]);
  const stage = (params.int('stage') ?? rng.int(1, 4)) - 1;
  const width = base * 2 ** stage;
  const out = 4 * width;
  const projection = params.bool('projection') ?? level >= 2;
  const withBn = params.bool('batchNorm') ?? level === 3;
  // A projection block starts a stage: it takes the previous stage's output (half the channels,
  // or the stem's `base` channels for the first stage) and, after the first stage, halves the size.
  const first = stage === 0;
  const inC = projection ? (first ? base : 2 * width) : out;
  const stride = projection && !first ? 2 : 1;
  // The stem divides the image side by 4 and every later stage halves it again (224 gives 56,
  // 28, 14, 7 inside the stages); the first block of a later stage still sees the larger size.
  const image = params.int('image') ?? rng.pick([192, 224, 256, 288, 320]);
  if (image % 32 !== 0)
    throw new TemplateError(`resnet-bottleneck: image ${image} is not a multiple of 32`);
  const size = size0(image, projection && !first ? stage - 1 : stage);
  const conv = (inChannels: number, outChannels: number, kernel: number, s = 1): Conv2dSpec => ({
    kind: 'conv2d',
    inChannels,
    outChannels,
    kernel,
    stride: s,
    padding: kernel === 3 ? 1 : 0,
    bias: false,
  });
  const c1 = conv(inC, width, 1);
  const c2 = conv(width, width, 3, stride);
  const c3 = conv(width, out, 1);
  const sc = conv(inC, out, 1, stride);
  const bn = (c: number): LayerSpec => ({ kind: 'batchnorm2d', numFeatures: c });
  const main = walkSequential([c1, bn(width), c2, bn(width), c3, bn(out)], [1, inC, size, size]);
  const [w1, , w2, , w3] = main.rows.map((r) => r.params);
  const wsc = projection ? walkSequential([sc], [1, inC, size, size]).totalParams : 0;
  const bnParams = 2 * (width + width + out) + (projection ? 2 * out : 0);
  const convWeights = w1 + w2 + w3 + wsc;
  const answer = convWeights + (withBn ? bnParams : 0);
  const int = (v: number) => numberAnswer(v);
  const distractors: Distractor[] = [];
  const add = (d: Distractor, v: number) => {
    if (v !== answer && v > 0) distractors.push(d);
  };
  const bnTerm = withBn ? bnParams : 0;
  if (projection) {
    add(
      wrong(
        'forgot-projection',
        int(answer - wsc - (withBn ? 2 * out : 0)),
        `The shortcut must change ${inC} channels into ${out}${stride > 1 ? ' and halve the size' : ''}, so it is a 1×1 convolution with ${wsc} weights${withBn ? ' and its own batch norm' : ''}.`,
      ),
      answer - wsc - (withBn ? 2 * out : 0),
    );
    add(
      wrong(
        'projection-as-3x3',
        int(answer + 8 * wsc),
        'The projection is a 1×1 convolution: $C_{in} \\cdot C_{out}$ weights.',
      ),
      answer + 8 * wsc,
    );
  } else {
    add(
      wrong(
        'identity-shortcut-counted',
        int(answer + inC * out),
        `Input and output both have ${out} channels and the same size, so the shortcut is the identity: it adds $x$ and has no weights.`,
      ),
      answer + inC * out,
    );
  }
  add(
    wrong(
      'all-convs-3x3',
      int(9 * (w1 + w3) + w2 + 9 * wsc + bnTerm),
      'Only the middle convolution is 3×3; the first and last are 1×1 and have $C_{in} C_{out}$ weights.',
    ),
    9 * (w1 + w3) + w2 + 9 * wsc + bnTerm,
  );
  add(
    wrong(
      'kernel-not-squared',
      int(w1 + w2 / 3 + w3 + wsc + bnTerm),
      'A 3×3 kernel has 9 weights per input channel, not 3.',
    ),
    w1 + w2 / 3 + w3 + wsc + bnTerm,
  );
  if (withBn) {
    add(
      wrong(
        'bn-counted-running-stats',
        int(convWeights + 2 * bnParams),
        'running_mean and running_var are buffers: only γ and β, 2 per channel, are parameters.',
        'bn-running-stats-buffers',
      ),
      convWeights + 2 * bnParams,
    );
    add(
      wrong(
        'forgot-bn-params',
        int(convWeights),
        `Each BatchNorm2d learns γ and β per channel: ${bnParams} parameters in all.`,
      ),
      convWeights,
    );
  } else {
    add(
      wrong(
        'counted-bias-when-false',
        int(answer + 2 * width + out + (projection ? out : 0)),
        'The convolutions are created with `bias=False`: batch norm follows each of them, and its β does the job of a bias.',
      ),
      answer + 2 * width + out + (projection ? out : 0),
    );
  }
  const lines = [
    `conv1 = ${layerCode(c1)}`,
    `conv2 = ${layerCode(c2)}`,
    `conv3 = ${layerCode(c3)}`,
    ...(projection
      ? [`shortcut = nn.Sequential(${layerCode(sc)}, nn.BatchNorm2d(${out}))`]
      : ['shortcut = nn.Identity()']),
    `# forward: out = relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x))))))) + shortcut(x))`,
    `# bn1 = nn.BatchNorm2d(${width}), bn2 = nn.BatchNorm2d(${width}), bn3 = nn.BatchNorm2d(${out})`,
  ];
  const counted = withBn
    ? 'the parameters of the whole block, convolutions and batch norms (the running statistics are buffers, not parameters)'
    : 'the weights of its convolutions (leave the batch norms out)';
  const stem =
    `A ResNet-style network (base width ${base}, bottleneck expansion 4) has a bottleneck block in stage ${stage + 1} that takes a ${inC}-channel ${size}×${size} feature map. In PyTorch:\n\n${python(lines)}\n\n` +
    `How many ${withBn ? 'parameters' : 'weights'} does the block have? Count ${counted}.`;
  const steps = [
    `conv1 (1×1): $${inC} \\cdot ${width} = ${w1}$.`,
    `conv2 (3×3): $${width} \\cdot ${width} \\cdot 9 = ${w2}$.`,
    `conv3 (1×1): $${width} \\cdot ${out} = ${w3}$.`,
    projection
      ? `Projection shortcut (1×1, stride ${stride}): $${inC} \\cdot ${out} = ${wsc}$.`
      : 'Identity shortcut: no weights.',
    ...(withBn
      ? [
          `Batch norm γ and β: $2 \\cdot (${width} + ${width} + ${out}${projection ? ` + ${out}` : ''}) = ${bnParams}$.`,
        ]
      : []),
    `Total: $${[w1, w2, w3, ...(projection ? [wsc] : []), ...(withBn ? [bnParams] : [])].join(' + ')} = ${answer}$.`,
  ];
  const parts: ProblemPart[] = [
    {
      id: 'reduce-weights',
      prompt: 'The weights of `conv1`.',
      answer: int(w1),
      hint: 'A 1×1 convolution: $C_{in} \\cdot C_{out}$.',
    },
    {
      id: 'middle-weights',
      prompt: 'The weights of `conv2`.',
      answer: int(w2),
      hint: 'The stride does not change the weight count: $C_{in} \\cdot C_{out} \\cdot 3^2$.',
    },
    {
      id: 'expand-weights',
      prompt: 'The weights of `conv3`.',
      answer: int(w3),
      hint: 'A 1×1 convolution to four times the width.',
    },
    ...(projection
      ? [
          {
            id: 'shortcut-weights',
            prompt: 'The weights of the shortcut convolution.',
            answer: int(wsc),
            hint: '1×1, from the input channels to the output channels.',
          },
        ]
      : []),
    ...(withBn
      ? [
          {
            id: 'bn-params',
            prompt: 'The γ and β of all batch norms together.',
            answer: int(bnParams),
            hint: 'Two per channel of every BatchNorm2d.',
          },
        ]
      : []),
  ];
  return finishDraw(
    {
      stem,
      answer: int(answer),
      distractors,
      correctFeedback: `Right: ${steps[steps.length - 1]}`,
      explanation:
        'A bottleneck block reduces the channels with a 1×1 convolution, does the spatial 3×3 work at the ' +
        'reduced width, and expands again with a 1×1 (expansion 4), which is far cheaper than two 3×3 ' +
        'convolutions at full width. The shortcut adds the input to the output, so the block only has to learn ' +
        'a residual $F(x) = H(x) - x$: an identity mapping is just $F = 0$, and the gradient reaches earlier ' +
        'layers through the addition unchanged, which is why very deep ResNets train. When the block changes the ' +
        'channel count or the size (the first block of a stage), the input no longer fits and a 1×1 ' +
        'projection convolution with the same stride maps it; otherwise the shortcut is the identity and has no ' +
        'weights. The convolutions have no bias because the batch norm after each would cancel it.',
      steps,
      parts,
      hints: {
        nudge:
          'Count each convolution as $C_{in} \\cdot C_{out} \\cdot k^2$, then decide whether the shortcut has weights.',
        formula:
          '$C_{in} m + 9 m^2 + 4m^2$ (+ $C_{in} \\cdot 4m$ for a projection), $m$ the bottleneck width',
        firstStep: steps[0],
      },
    },
    { fixed: false },
  );
}

/** ResNet bottleneck block parameters, identity or projection shortcut. */
export const resnetBottleneck: TemplateDefinition = {
  id: 'resnet-bottleneck',
  topic: 'cnn-architectures',
  title: 'ResNet bottleneck block: parameters with an identity or a projection shortcut',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    base: {
      kind: 'int',
      min: 8,
      max: 128,
      description: 'base width, the bottleneck width of stage 1 (ResNet-50: 64; default: drawn)',
    },
    stage: { kind: 'int', min: 1, max: 4, description: 'the stage, 1–4 (default: drawn)' },
    image: {
      kind: 'int',
      min: 32,
      max: 512,
      description: 'side of the input image, a multiple of 32 (default: drawn)',
    },
    projection: {
      kind: 'boolean',
      description: 'a 1×1 projection shortcut (default: from level 2)',
    },
    batchNorm: {
      kind: 'boolean',
      description: "count batch norm's γ and β too (default: at level 3)",
    },
  },
  draw,
};
