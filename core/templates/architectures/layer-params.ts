/**
 * `layer-params`: the parameter count of a layer read from its PyTorch code: nn.Linear and
 * nn.Conv2d with or without bias (level 1), grouped and depthwise nn.Conv2d (level 2), and a
 * depthwise-separable block with batch norm (level 3). Counts come from `layerParamCount`.
 */
import { layerCode, layerParamCount, type LayerSpec } from '../../kernels';
import { unreachable } from '../../types';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import type { Rng } from '../rng';
import { Redraw } from '../types';
import type { Distractor, ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';
import { python, sequential } from './code';

type Kind = 'linear' | 'conv' | 'grouped' | 'separable-block';
const KINDS: readonly Kind[] = ['linear', 'conv', 'grouped', 'separable-block'];
const LEVEL_KINDS: Readonly<Record<1 | 2 | 3, readonly Kind[]>> = {
  1: ['linear', 'conv'],
  2: ['grouped'],
  3: ['separable-block'],
};

const CONVENTIONS =
  'PyTorch conventions: layers have bias=True unless created with `bias=False`; `BatchNorm2d` learns ' +
  'γ and β per channel, and its running statistics are buffers, not parameters.';

/** Conv2d weights under a (possibly mistaken) counting rule. */
function convCount(
  l: { inChannels: number; outChannels: number; kernel: number; groups?: number; bias?: boolean },
  rule: {
    groups?: 'ignored' | 'twice';
    inputs?: false;
    square?: false;
    bias?: 'always' | 'never';
  } = {},
): number {
  const g = l.groups ?? 1;
  const perFilterIn =
    rule.inputs === false ? 1 : rule.groups === 'ignored' ? l.inChannels : l.inChannels / g;
  const filters = rule.groups === 'twice' ? l.outChannels / g : l.outChannels;
  const k2 = rule.square === false ? l.kernel : l.kernel * l.kernel;
  const bias = rule.bias === 'always' ? true : rule.bias === 'never' ? false : l.bias !== false;
  return filters * perFilterIn * k2 + (bias ? l.outChannels : 0);
}

function draw(rng: Rng, params: ParamBag): Problem {
  const kind = (params.str('kind') ?? rng.pick(LEVEL_KINDS[params.level])) as Kind;
  const int = (v: number) => numberAnswer(v);
  const distractors: Distractor[] = [];
  let answer: number;
  const add = (d: Distractor, value: number) => {
    if (value !== answer && value > 0) distractors.push(d);
  };
  let snippet: string;
  let steps: string[];
  let parts: ProblemPart[];
  let formula: string;
  switch (kind) {
    case 'linear': {
      const inF = rng.pick([64, 100, 128, 256, 512, 784, 1024]);
      const outF = rng.pick([10, 32, 64, 100, 128]);
      const bias = rng.chance(0.6);
      const layer: LayerSpec = { kind: 'linear', inFeatures: inF, outFeatures: outF, bias };
      answer = layerParamCount(layer);
      snippet = python([`layer = ${layerCode(layer)}`]);
      if (bias) {
        add(
          wrong(
            'conv-forgot-bias',
            int(inF * outF),
            `The layer has ${outF} biases, one per output (bias=True unless told otherwise).`,
            'bias-default-true',
          ),
          inF * outF,
        );
        add(
          wrong(
            'linear-bias-per-input',
            int(inF * outF + inF),
            'There is one bias per output feature, not per input feature.',
          ),
          inF * outF + inF,
        );
      } else {
        add(
          wrong(
            'counted-bias-when-false',
            int(inF * outF + outF),
            '`bias=False` creates no bias at all: only the weight matrix is left.',
          ),
          inF * outF + outF,
        );
      }
      add(
        wrong(
          'linear-added-not-multiplied',
          int(inF + outF + (bias ? outF : 0)),
          'Every input connects to every output: the weight matrix has in·out entries, not in + out.',
        ),
        inF + outF + (bias ? outF : 0),
      );
      add(
        wrong(
          'forgot-input-channels',
          int(outF + (bias ? outF : 0)),
          'Each output has its own weight for every input feature.',
        ),
        outF + (bias ? outF : 0),
      );
      steps = [
        `\`weight\` has shape (${outF}, ${inF}): $${outF} \\cdot ${inF} = ${inF * outF}$ values.`,
        bias
          ? `\`bias\` has ${outF} values: $${inF * outF} + ${outF} = ${answer}$.`
          : `\`bias=False\`: no bias, so $${answer}$.`,
      ];
      parts = [
        {
          id: 'weights',
          prompt: 'The number of entries of `layer.weight`.',
          answer: int(inF * outF),
          hint: 'The weight of nn.Linear has shape (out_features, in_features).',
        },
        {
          id: 'biases',
          prompt: 'The number of entries of `layer.bias` (0 if there is none).',
          answer: int(bias ? outF : 0),
          hint: 'One bias per output feature, or none with `bias=False`.',
        },
      ];
      formula = '$n_{in} \\cdot n_{out} + n_{out}$ (the last term only with a bias)';
      break;
    }
    case 'conv':
    case 'grouped': {
      const k = rng.pick([1, 3, 5, 7]);
      let inC: number;
      let outC: number;
      let groups = 1;
      if (kind === 'conv') {
        inC = rng.pick([1, 3, 16, 32, 64]);
        outC = rng.pick([8, 16, 32, 64, 128]);
      } else if (rng.chance(0.5)) {
        inC = rng.pick([16, 32, 64, 128, 256]);
        outC = inC;
        groups = inC;
      } else {
        groups = rng.pick([2, 4, 8]);
        inC = groups * rng.pick([4, 8, 16]);
        outC = groups * rng.pick([4, 8, 16]);
      }
      if (k === 1 && kind === 'grouped' && groups === inC) throw new Redraw('1×1 depthwise');
      const bias = rng.chance(0.5);
      const layer = {
        kind: 'conv2d' as const,
        inChannels: inC,
        outChannels: outC,
        kernel: k,
        padding: (k - 1) / 2,
        groups,
        bias,
      };
      answer = layerParamCount(layer);
      snippet = python([`layer = ${layerCode(layer)}`]);
      if (bias)
        add(
          wrong(
            'conv-forgot-bias',
            int(convCount(layer, { bias: 'never' })),
            `There are ${outC} biases, one per output channel (bias=True unless told otherwise).`,
            'bias-default-true',
          ),
          convCount(layer, { bias: 'never' }),
        );
      else
        add(
          wrong(
            'counted-bias-when-false',
            int(convCount(layer, { bias: 'always' })),
            '`bias=False` creates no bias.',
          ),
          convCount(layer, { bias: 'always' }),
        );
      if (groups > 1) {
        add(
          wrong(
            'groups-ignored',
            int(convCount(layer, { groups: 'ignored' })),
            `With groups=${groups} each filter sees only $${inC}/${groups} = ${inC / groups}$ input channel${inC / groups === 1 ? '' : 's'}.`,
          ),
          convCount(layer, { groups: 'ignored' }),
        );
        add(
          wrong(
            'groups-divided-twice',
            int(convCount(layer, { groups: 'twice' })),
            `There are still ${outC} filters in all; only their depth is divided by the groups.`,
          ),
          convCount(layer, { groups: 'twice' }),
        );
      }
      add(
        wrong(
          'forgot-input-channels',
          int(convCount(layer, { inputs: false })),
          'Each filter has a $k \\times k$ slice for every input channel it sees.',
        ),
        convCount(layer, { inputs: false }),
      );
      if (k > 1)
        add(
          wrong(
            'kernel-not-squared',
            int(convCount(layer, { square: false })),
            `A ${k}×${k} kernel has ${k * k} weights per input channel.`,
          ),
          convCount(layer, { square: false }),
        );
      const perFilter = (inC / groups) * k * k;
      steps = [
        groups > 1
          ? `groups=${groups}: each filter sees $${inC}/${groups} = ${inC / groups}$ input channel${inC / groups === 1 ? '' : 's'}, so it has $${inC / groups} \\cdot ${k}^2 = ${perFilter}$ weights.`
          : `Each filter spans all ${inC} input channels: $${inC} \\cdot ${k}^2 = ${perFilter}$ weights.`,
        `${outC} filters: $${outC} \\cdot ${perFilter} = ${outC * perFilter}$ weights${bias ? `, plus ${outC} biases: $${answer}$` : ', no bias'}.`,
      ];
      parts = [
        {
          id: 'weights-per-filter',
          prompt: 'The weights of one filter (one output channel).',
          answer: int(perFilter),
          hint: 'A filter has a $k \\times k$ slice for each input channel of its group.',
        },
        {
          id: 'weights',
          prompt: 'The number of entries of `layer.weight`.',
          answer: int(outC * perFilter),
          hint: 'The weight has shape (out_channels, in_channels / groups, k, k).',
        },
      ];
      formula =
        '$C_{out} \\cdot \\frac{C_{in}}{g} \\cdot k^2 + C_{out}$ (the last term only with a bias)';
      break;
    }
    case 'separable-block': {
      const c = rng.pick([16, 32, 64, 128]);
      const n = rng.pick([32, 64, 128, 256].filter((v) => v !== c));
      const k = rng.pick([3, 5]);
      const dw = {
        kind: 'conv2d' as const,
        inChannels: c,
        outChannels: c,
        kernel: k,
        padding: (k - 1) / 2,
        groups: c,
        bias: false,
      };
      const pw = { kind: 'conv2d' as const, inChannels: c, outChannels: n, kernel: 1, bias: false };
      const layers: LayerSpec[] = [
        dw,
        { kind: 'batchnorm2d', numFeatures: c },
        { kind: 'relu' },
        pw,
        { kind: 'batchnorm2d', numFeatures: n },
        { kind: 'relu' },
      ];
      const counts = layers.map((l) => layerParamCount(l));
      answer = counts.reduce((a, b) => a + b, 0);
      snippet = python(sequential('block', layers.map(layerCode)));
      const bn = 2 * c + 2 * n;
      const convs = counts[0] + counts[3];
      add(
        wrong(
          'bn-counted-running-stats',
          int(convs + 2 * bn),
          'running_mean and running_var are buffers: only γ and β, 2 per channel, are parameters.',
          'bn-running-stats-buffers',
        ),
        convs + 2 * bn,
      );
      add(
        wrong(
          'forgot-bn-params',
          int(convs),
          `Each BatchNorm2d learns γ and β per channel: ${bn} parameters in all.`,
        ),
        convs,
      );
      add(
        wrong(
          'groups-ignored',
          int(c * c * k * k + counts[3] + bn),
          `With groups=${c} each depthwise filter sees one channel: ${c}·${k * k} weights, not ${c}·${c}·${k * k}.`,
        ),
        c * c * k * k + counts[3] + bn,
      );
      add(
        wrong(
          'counted-bias-when-false',
          int(answer + c + n),
          'Both convolutions say `bias=False`: they have no bias.',
        ),
        answer + c + n,
      );
      steps = [
        `Depthwise \`${layerCode(dw)}\`: $${c} \\cdot 1 \\cdot ${k}^2 = ${counts[0]}$.`,
        `\`BatchNorm2d(${c})\`: $2 \\cdot ${c} = ${counts[1]}$ (γ and β).`,
        `Pointwise \`${layerCode(pw)}\`: $${n} \\cdot ${c} = ${counts[3]}$.`,
        `\`BatchNorm2d(${n})\`: $2 \\cdot ${n} = ${counts[4]}$; ReLU has none.`,
        `Total: $${counts[0]} + ${counts[1]} + ${counts[3]} + ${counts[4]} = ${answer}$.`,
      ];
      parts = [
        {
          id: 'depthwise-params',
          prompt: `The parameters of \`${layerCode(dw)}\`.`,
          answer: int(counts[0]),
          hint: 'groups = in_channels: one $k \\times k$ filter per channel.',
        },
        {
          id: 'pointwise-params',
          prompt: `The parameters of \`${layerCode(pw)}\`.`,
          answer: int(counts[3]),
          hint: 'A 1×1 convolution has one weight per pair of input and output channels.',
        },
        {
          id: 'bn-params',
          prompt: 'The parameters of both BatchNorm2d layers together.',
          answer: int(bn),
          hint: 'γ and β per channel.',
        },
      ];
      formula = 'depthwise $C k^2$, pointwise $C N$, each BatchNorm2d $2C$';
      break;
    }
    default:
      throw unreachable(kind);
  }
  const what = kind === 'separable-block' ? '`block`' : '`layer`';
  return finishDraw(
    {
      stem: `${CONVENTIONS}\n\n${snippet}\n\nHow many parameters does ${what} have, i.e. what does \`sum(p.numel() for p in ${what.slice(1, -1)}.parameters())\` return?`,
      answer: int(answer),
      distractors,
      correctFeedback: `Right: ${steps[steps.length - 1]}`,
      explanation:
        'Count the tensors a layer registers as parameters. `nn.Linear(n_in, n_out)` has a weight of shape ' +
        '(n_out, n_in) and n_out biases. `nn.Conv2d` has a weight of shape (C_out, C_in/groups, k, k): with ' +
        'groups each filter only sees its own group of input channels, and the depthwise case groups = C_in ' +
        'gives one $k \\times k$ filter per channel. `bias=False` removes the bias, as is usual before batch ' +
        'norm, whose β does the same job. `BatchNorm2d(C)` learns γ and β (2C); its running mean and variance ' +
        'are updated by averaging, not by gradients, so they are buffers and do not appear in `parameters()`.',
      steps,
      parts,
      hints: {
        nudge: 'List the weight and bias tensors each layer creates and multiply out their shapes.',
        formula,
        firstStep: steps[0],
      },
    },
    { fixed: false },
  );
}

/** Parameter count of PyTorch layers read from their code. */
export const layerParams: TemplateDefinition = {
  id: 'layer-params',
  topic: 'pytorch-code',
  title: 'Parameters of a layer from its PyTorch code (bias, groups, depthwise, batch norm)',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    kind: {
      kind: 'enum',
      values: KINDS,
      description:
        'the layer (default: Linear or Conv2d at level 1, grouped at 2, a depthwise-separable block at 3)',
    },
  },
  draw,
};
