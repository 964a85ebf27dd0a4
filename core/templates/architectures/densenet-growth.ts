/**
 * `densenet-growth`: channel counts and weights in DenseNet-BC. A dense block with input k₀
 * channels, growth rate k and L layers concatenates every layer's k new maps, so layer l reads
 * k₀ + (l − 1)·k channels and the block outputs k₀ + L·k (level 1). Each layer is
 * BN-ReLU-Conv1×1(→ 4k)-BN-ReLU-Conv3×3(→ k), both without bias, as in torchvision: its
 * convolution weights are (k₀ + (l − 1)k)·4k + 4k·k·9 (level 2). A transition layer with
 * compression θ keeps ⌊θ·C⌋ channels before the next block (level 3).
 */
import { layerParamCount, type Conv2dSpec } from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import type { Rng } from '../rng';
import type { Distractor, ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';
import { unreachable } from '../../types';

type Ask = 'block-output' | 'layer-weights' | 'after-transition';
const ASKS: readonly Ask[] = ['block-output', 'layer-weights', 'after-transition'];
const LEVEL_ASK: Readonly<Record<1 | 2 | 3, Ask>> = {
  1: 'block-output',
  2: 'layer-weights',
  3: 'after-transition',
};
const BN_SIZE = 4;

function conv(inChannels: number, outChannels: number, kernel: number): Conv2dSpec {
  return {
    kind: 'conv2d',
    inChannels,
    outChannels,
    kernel,
    padding: (kernel - 1) / 2,
    bias: false,
  };
}

function draw(rng: Rng, params: ParamBag): Problem {
  const ask = (params.str('ask') ?? LEVEL_ASK[params.level]) as Ask;
  const k = rng.pick([12, 16, 24, 32, 48]);
  const k0 = rng.pick([2 * k, 64, 96, 128, 256].filter((c, i, all) => all.indexOf(c) === i));
  const layers = rng.pick([4, 6, 8, 12, 16, 24]);
  const int = (v: number) => numberAnswer(v);
  const distractors: Distractor[] = [];
  let answer: number;
  const add = (d: Distractor, v: number) => {
    if (v !== answer && v > 0 && Number.isInteger(v)) distractors.push(d);
  };
  const out = k0 + layers * k;
  let question: string;
  let steps: string[];
  let parts: ProblemPart[];
  let formula: string;
  switch (ask) {
    case 'block-output': {
      answer = out;
      question = `How many channels does the block output?`;
      add(
        wrong(
          'densenet-forgot-input',
          int(layers * k),
          `The block's input is part of the concatenation too: its ${k0} channels are passed on.`,
        ),
        layers * k,
      );
      add(
        wrong(
          'densenet-off-by-one',
          int(k0 + (layers - 1) * k),
          `All ${layers} layers add ${k} maps each, the last one included.`,
        ),
        k0 + (layers - 1) * k,
      );
      add(
        wrong(
          'densenet-added-not-concatenated',
          int(k0),
          'DenseNet concatenates the new maps onto the old ones; only a ResNet-style sum would keep the channel count.',
        ),
        k0,
      );
      add(
        wrong(
          'densenet-counted-bottleneck-width',
          int(k0 + layers * BN_SIZE * k),
          `The ${BN_SIZE}k maps of the 1×1 bottleneck stay inside the layer; what it adds to the concatenation is the k = ${k} maps of its 3×3 convolution.`,
        ),
        k0 + layers * BN_SIZE * k,
      );
      steps = [
        `Each layer concatenates ${k} new maps onto everything before it.`,
        `$${k0} + ${layers} \\cdot ${k} = ${out}$ channels.`,
      ];
      parts = [
        {
          id: 'layer2-input',
          prompt: 'The channels the second layer of the block reads.',
          answer: int(k0 + k),
          hint: "The block's input plus the first layer's maps.",
        },
        {
          id: 'added',
          prompt: 'The channels the layers add in all.',
          answer: int(layers * k),
          hint: 'Growth rate times the number of layers.',
        },
      ];
      formula = '$k_0 + L \\cdot k$';
      break;
    }
    case 'layer-weights': {
      const l = rng.int(2, layers);
      const inC = k0 + (l - 1) * k;
      const c1 = conv(inC, BN_SIZE * k, 1);
      const c2 = conv(BN_SIZE * k, k, 3);
      const w1 = layerParamCount(c1);
      const w2 = layerParamCount(c2);
      answer = w1 + w2;
      question =
        `How many weights do the two convolutions of layer ${l} of the block have together ` +
        '(`bias=False`, batch norms left out)?';
      add(
        wrong(
          'densenet-off-by-one',
          int((inC + k) * BN_SIZE * k + w2),
          `Layer ${l} reads the input and the maps of the ${l - 1} layer${l === 2 ? '' : 's'} before it: $${k0} + ${l - 1} \\cdot ${k} = ${inC}$ channels.`,
        ),
        (inC + k) * BN_SIZE * k + w2,
      );
      add(
        wrong(
          'densenet-forgot-input',
          int((l - 1) * k * BN_SIZE * k + w2),
          `The block's ${k0} input channels are part of what layer ${l} reads.`,
        ),
        (l - 1) * k * BN_SIZE * k + w2,
      );
      add(
        wrong(
          'densenet-forgot-bottleneck',
          int(inC * k * 9),
          `In DenseNet-BC the 3×3 convolution reads the ${BN_SIZE * k} maps of the 1×1 bottleneck, not the ${inC} input channels.`,
        ),
        inC * k * 9,
      );
      add(
        wrong(
          'kernel-not-squared',
          int(w1 + w2 / 3),
          'A 3×3 kernel has 9 weights per input channel.',
        ),
        w1 + w2 / 3,
      );
      add(
        wrong(
          'counted-bias-when-false',
          int(answer + BN_SIZE * k + k),
          'Both convolutions are created with `bias=False`: the batch norm that follows does that job.',
        ),
        answer + BN_SIZE * k + k,
      );
      steps = [
        `Layer ${l} reads $${k0} + (${l} - 1) \\cdot ${k} = ${inC}$ channels.`,
        `1×1 bottleneck to $${BN_SIZE} \\cdot ${k} = ${BN_SIZE * k}$ maps: $${inC} \\cdot ${BN_SIZE * k} = ${w1}$ weights.`,
        `3×3 to ${k} maps: $${BN_SIZE * k} \\cdot ${k} \\cdot 9 = ${w2}$ weights.`,
        `Together $${w1} + ${w2} = ${answer}$.`,
      ];
      parts = [
        {
          id: 'layer-input',
          prompt: `The channels layer ${l} reads.`,
          answer: int(inC),
          hint: `$k_0 + (l - 1) k$.`,
        },
        {
          id: 'bottleneck-weights',
          prompt: 'The weights of its 1×1 convolution.',
          answer: int(w1),
          hint: `From the input channels to ${BN_SIZE}k maps.`,
        },
        {
          id: 'conv3-weights',
          prompt: 'The weights of its 3×3 convolution.',
          answer: int(w2),
          hint: `From ${BN_SIZE}k maps to k, 9 weights per pair.`,
        },
      ];
      formula = `$(k_0 + (l - 1)k) \\cdot ${BN_SIZE}k + ${BN_SIZE}k \\cdot k \\cdot 9$`;
      break;
    }
    case 'after-transition': {
      const next = rng.pick([4, 6, 8, 12].filter((v) => v !== layers));
      const kept = Math.floor(0.5 * out);
      answer = kept + next * k;
      question =
        `The block is followed by a transition layer with compression θ = 0.5 (a 1×1 convolution to ` +
        `⌊θ·C⌋ channels, then 2×2 average pooling), and then by a second dense block of ${next} layers ` +
        `with the same growth rate. How many channels does the second block output?`;
      add(
        wrong(
          'transition-no-compression',
          int(out + next * k),
          `The transition keeps only $\\lfloor 0.5 \\cdot ${out} \\rfloor = ${kept}$ channels.`,
        ),
        out + next * k,
      );
      add(
        wrong(
          'compression-growth-only',
          int(k0 + Math.floor(0.5 * layers * k) + next * k),
          `The 1×1 convolution compresses all ${out} channels, the block's input included.`,
        ),
        k0 + Math.floor(0.5 * layers * k) + next * k,
      );
      add(
        wrong(
          'densenet-forgot-input',
          int(next * k),
          `The second block passes its ${kept} input channels on as well.`,
        ),
        next * k,
      );
      add(
        wrong(
          'densenet-off-by-one',
          int(kept + (next - 1) * k),
          `All ${next} layers of the second block add ${k} maps each.`,
        ),
        kept + (next - 1) * k,
      );
      steps = [
        `First block: $${k0} + ${layers} \\cdot ${k} = ${out}$ channels.`,
        `Transition: $\\lfloor 0.5 \\cdot ${out} \\rfloor = ${kept}$ (the pooling halves the size, not the channels).`,
        `Second block: $${kept} + ${next} \\cdot ${k} = ${answer}$.`,
      ];
      parts = [
        {
          id: 'block1-output',
          prompt: 'The channels out of the first block.',
          answer: int(out),
          hint: '$k_0 + L k$.',
        },
        {
          id: 'after-transition',
          prompt: 'The channels out of the transition layer.',
          answer: int(kept),
          hint: '$\\lfloor \\theta C \\rfloor$.',
        },
      ];
      formula = '$\\lfloor \\theta (k_0 + L_1 k) \\rfloor + L_2 k$';
      break;
    }
    default:
      throw unreachable(ask);
  }
  const stem =
    `A DenseNet-BC dense block with growth rate k = ${k} takes a ${k0}-channel feature map and has ${layers} layers. ` +
    `Each layer is BN-ReLU-Conv1×1 (to ${BN_SIZE}k maps, \`bias=False\`)-BN-ReLU-Conv3×3 (to k maps, padding 1, \`bias=False\`), ` +
    `and its k new maps are concatenated (\`torch.cat(..., dim=1)\`) onto its input for the next layer. ${question}`;
  return finishDraw(
    {
      stem,
      answer: int(answer),
      distractors,
      correctFeedback: `Right: ${steps[steps.length - 1]}`,
      explanation:
        "In a dense block every layer receives the concatenation of the block input and all earlier layers' " +
        'outputs, and adds only k new maps (the growth rate), so the width grows linearly: layer l reads ' +
        '$k_0 + (l - 1)k$ channels and the block outputs $k_0 + Lk$. Reusing features this way lets each ' +
        'layer stay narrow. DenseNet-BC adds a 1×1 bottleneck to 4k maps in front of each 3×3 convolution ' +
        '(B) and compresses the channels by θ in the transition layers between blocks (C), which also halve ' +
        "the spatial size with 2×2 average pooling. Concatenation, unlike ResNet's addition, keeps the earlier " +
        'maps intact instead of summing into them.',
      steps,
      parts,
      hints: {
        nudge: 'Count what each layer adds to the concatenation, starting from the block input.',
        formula,
        firstStep: steps[0],
      },
    },
    { fixed: false },
  );
}

/** DenseNet-BC channel growth, layer weights and transition compression. */
export const densenetGrowth: TemplateDefinition = {
  id: 'densenet-growth',
  topic: 'cnn-architectures',
  title: 'DenseNet: channels through a dense block, layer weights and transition compression',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    ask: {
      kind: 'enum',
      values: ASKS,
      description:
        "what is asked (default: the block output at level 1, a layer's weights at 2, after a transition at 3)",
    },
  },
  draw,
};
