/**
 * `norm-axes`: which axes of an N×C×H×W tensor batch, layer, instance and group normalization
 * average over, or how many values each of their means averages. Choice form only.
 */
import { normAxesFigure } from '../figures';
import { unreachable } from '../types';
import { choiceAnswer, numberAnswer, wrong } from './answers';
import { finishDraw } from './draw-rules';
import type { MisconceptionId } from './misconceptions';
import type { Rng } from './rng';
import type { AnswerValue, ParamBag, Problem, ProblemPart, TemplateDefinition } from './types';

type Norm = 'batch' | 'layer' | 'instance' | 'group';
type AxisSet = 'NHW' | 'CHW' | 'HW' | 'NCHW' | 'N' | 'C' | 'GHW' | 'NGHW';

const AXIS_TEXT: Readonly<Record<AxisSet, string>> = {
  NHW: 'the batch axis $N$ and the spatial axes $H$, $W$',
  CHW: 'the channel axis $C$ and the spatial axes $H$, $W$',
  HW: 'the spatial axes $H$, $W$ only',
  NCHW: 'all four axes $N$, $C$, $H$, $W$',
  N: 'the batch axis $N$ only',
  C: 'the channel axis $C$ only',
  GHW: 'the spatial axes $H$, $W$ and the $C/G$ channels of one group',
  NGHW: 'the batch axis $N$, the spatial axes $H$, $W$ and the $C/G$ channels of one group',
};

/**
 * How the options of a group-norm question describe the axes: every option speaks of groups, so
 * the word "group" does not single out the key.
 */
const GROUP_AXIS_TEXT: Readonly<Partial<Record<AxisSet, string>>> = {
  CHW: 'the spatial axes $H$, $W$ and the channels of all $G$ groups together',
  HW: 'the spatial axes $H$, $W$ and one channel of a group at a time',
};

const NORM_NAME: Readonly<Record<Norm, string>> = {
  batch: 'batch normalization',
  layer: 'layer normalization',
  instance: 'instance normalization',
  group: 'group normalization',
};

interface NormFacts {
  readonly axes: AxisSet;
  readonly per: string;
  readonly wrongs: readonly (readonly [MisconceptionId, AxisSet, string])[];
}

const FACTS: Readonly<Record<Norm, NormFacts>> = {
  batch: {
    axes: 'NHW',
    per: 'one mean and variance per channel',
    wrongs: [
      [
        'bn-ln-axes-swapped',
        'CHW',
        'That is layer normalization: it works inside one sample. Batch norm pools each channel over the batch.',
      ],
      [
        'forgot-batch-axis',
        'HW',
        'Averaging each channel of each sample over H, W alone is instance normalization; batch norm also pools over the batch.',
      ],
      [
        'included-channel-axis',
        'NCHW',
        'Pooling the channels too would leave a single mean for the whole tensor; batch norm keeps one per channel.',
      ],
      [
        'forgot-spatial-axes',
        'N',
        'For a convolutional feature map batch norm pools every spatial position of a channel too, not just the batch axis.',
      ],
    ],
  },
  layer: {
    axes: 'CHW',
    per: 'one mean and variance per sample',
    wrongs: [
      [
        'bn-ln-axes-swapped',
        'NHW',
        'Those are the batch-norm axes. Layer norm never mixes different samples.',
      ],
      [
        'included-batch-axis',
        'NCHW',
        'Layer norm does not pool over the batch: each sample gets its own statistics.',
      ],
      [
        'instance-layer-confused',
        'HW',
        'Averaging over H, W only, per channel, is instance normalization; layer norm also pools the channels.',
      ],
      [
        'forgot-spatial-axes',
        'C',
        'Layer norm pools the spatial positions as well as the channels of a sample.',
      ],
    ],
  },
  instance: {
    axes: 'HW',
    per: 'one mean and variance per sample and channel',
    wrongs: [
      [
        'instance-layer-confused',
        'CHW',
        'Pooling all channels of a sample is layer normalization; instance norm keeps channels apart.',
      ],
      [
        'included-batch-axis',
        'NHW',
        'Pooling over the batch is batch normalization; instance norm treats every sample separately.',
      ],
      [
        'pooled-all-values',
        'NCHW',
        'That would be one statistic for the whole tensor; instance norm has one per sample and channel.',
      ],
    ],
  },
  group: {
    axes: 'GHW',
    per: 'one mean and variance per sample and group of channels',
    wrongs: [
      [
        'group-norm-all-channels',
        'CHW',
        'Pooling all channels of a sample is layer normalization (group norm with a single group).',
      ],
      [
        'group-norm-one-channel',
        'HW',
        'One channel per group is instance normalization (group norm with G = C).',
      ],
      [
        'included-batch-axis',
        'NGHW',
        'Group norm, like layer norm, never pools over the batch: each sample gets its own statistics.',
      ],
    ],
  },
};

interface Shape {
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly g: number;
}

function countOf(axes: AxisSet, s: Shape): number {
  switch (axes) {
    case 'NHW':
      return s.n * s.h * s.w;
    case 'CHW':
      return s.c * s.h * s.w;
    case 'HW':
      return s.h * s.w;
    case 'NCHW':
      return s.n * s.c * s.h * s.w;
    case 'N':
      return s.n;
    case 'C':
      return s.c;
    case 'GHW':
      return (s.c / s.g) * s.h * s.w;
    case 'NGHW':
      return s.n * (s.c / s.g) * s.h * s.w;
    default:
      throw unreachable(axes);
  }
}

function countWorking(axes: AxisSet, s: Shape): string {
  const factors: Readonly<Record<AxisSet, string>> = {
    NHW: `N \\cdot H \\cdot W = ${s.n} \\cdot ${s.h} \\cdot ${s.w}`,
    CHW: `C \\cdot H \\cdot W = ${s.c} \\cdot ${s.h} \\cdot ${s.w}`,
    HW: `H \\cdot W = ${s.h} \\cdot ${s.w}`,
    NCHW: `N \\cdot C \\cdot H \\cdot W = ${s.n} \\cdot ${s.c} \\cdot ${s.h} \\cdot ${s.w}`,
    N: `N = ${s.n}`,
    C: `C = ${s.c}`,
    GHW: `\\frac{C}{G} \\cdot H \\cdot W = ${s.c / s.g} \\cdot ${s.h} \\cdot ${s.w}`,
    NGHW: `N \\cdot \\frac{C}{G} \\cdot H \\cdot W = ${s.n} \\cdot ${s.c / s.g} \\cdot ${s.h} \\cdot ${s.w}`,
  };
  return `$${factors[axes]} = ${countOf(axes, s)}$`;
}

/** How many means (and variances) a normalization keeps for the tensor, with its working. */
function statisticsOf(norm: Norm, s: Shape): { count: number; working: string } {
  switch (norm) {
    case 'batch':
      return { count: s.c, working: `C = ${s.c}` };
    case 'layer':
      return { count: s.n, working: `N = ${s.n}` };
    case 'instance':
      return { count: s.n * s.c, working: `N \\cdot C = ${s.n} \\cdot ${s.c} = ${s.n * s.c}` };
    case 'group':
      return { count: s.n * s.g, working: `N \\cdot G = ${s.n} \\cdot ${s.g} = ${s.n * s.g}` };
    default:
      throw unreachable(norm);
  }
}

const LEVEL_NORMS: Readonly<Record<1 | 2 | 3, readonly Norm[]>> = {
  1: ['batch', 'layer'],
  2: ['batch', 'layer', 'instance'],
  3: ['batch', 'layer', 'instance', 'group'],
};

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const norm = (p.str('norm') ?? rng.pick(LEVEL_NORMS[level])) as Norm;
  const ask = p.str('ask') ?? (level === 1 ? 'axes' : rng.pick(['axes', 'count']));
  const c = rng.pick([8, 16, 32, 64]);
  // N ≠ C, so that the batch-norm and layer-norm counts differ.
  const n = rng.pick([4, 10, 32].filter((v) => v !== c));
  const h = rng.pick([4, 7, 14, 28]);
  const s: Shape = { n, c, h, w: h, g: rng.pick([2, 4]) };
  const facts = FACTS[norm];
  const groupText =
    norm === 'group' ? ` The channels are split into $G = ${s.g}$ groups of ${s.c / s.g}.` : '';
  const tensor = `An activation tensor has shape $N \\times C \\times H \\times W = ${s.n} \\times ${s.c} \\times ${s.h} \\times ${s.w}$ (batch, channels, height, width).${groupText}`;
  const axisText = (axes: AxisSet): string =>
    (norm === 'group' ? GROUP_AXIS_TEXT[axes] : undefined) ?? AXIS_TEXT[axes];
  const value = (axes: AxisSet): AnswerValue =>
    ask === 'count' ? numberAnswer(countOf(axes, s)) : choiceAnswer(axisText(axes));
  const name = NORM_NAME[norm];
  const stem =
    ask === 'count'
      ? `${tensor} In training, each mean that ${name} computes averages how many numbers?`
      : `${tensor} Over which axes does ${name} average to compute each mean and variance?`;
  const steps = [
    `${name[0].toUpperCase()}${name.slice(1)} keeps ${facts.per}, so it averages over ${axisText(facts.axes)}.`,
  ];
  if (ask === 'count') steps.push(`Values per mean: ${countWorking(facts.axes, s)}.`);
  const statistics = statisticsOf(norm, s);
  const total = s.n * s.c * s.h * s.w;
  const statisticsPart: ProblemPart = {
    id: 'statistics-count',
    prompt: `How many separate means ${name} computes for this tensor in training.`,
    answer: numberAnswer(statistics.count),
    hint: 'Count the groups of values that share one mean: the axes that are not averaged over tell them apart.',
  };
  const parts: ProblemPart[] =
    ask === 'count'
      ? [
          {
            id: 'tensor-size',
            prompt: 'How many numbers the tensor holds, $N \\cdot C \\cdot H \\cdot W$.',
            answer: numberAnswer(total),
            hint: 'Multiply the four sizes of the shape.',
          },
          statisticsPart,
        ]
      : [
          statisticsPart,
          {
            id: 'values-per-mean',
            prompt: `How many numbers each mean of ${name} averages.`,
            answer: numberAnswer(countOf(facts.axes, s)),
            hint: 'Every number of the tensor belongs to exactly one mean: divide the tensor size by the number of means.',
          },
        ];
  return finishDraw(
    {
      stem,
      // The highlighted axes are the answer: a solution figure only.
      solutionFigure: normAxesFigure(norm, s, norm === 'group' ? s.g : undefined),
      answer: value(facts.axes),
      distractors: facts.wrongs.map(([id, axes, feedback]) =>
        wrong(
          id,
          value(axes),
          ask === 'count' ? `${feedback} (That count is ${countWorking(axes, s)}.)` : feedback,
        ),
      ),
      correctFeedback: `Right: ${name} keeps ${facts.per}.`,
      explanation:
        'For an $N \\times C \\times H \\times W$ tensor the four normalizations differ only in the axes they pool:\n\n' +
        '| method | averages over | statistics kept |\n|---|---|---|\n' +
        '| batch norm | $N, H, W$ | one per channel |\n' +
        '| layer norm | $C, H, W$ | one per sample |\n' +
        '| instance norm | $H, W$ | one per sample and channel |\n' +
        '| group norm | $H, W$ and the $C/G$ channels of a group | one per sample and group |\n\n' +
        'Only batch norm mixes samples, which is why it needs running statistics at test time.',
      steps,
      parts,
      hints: {
        nudge:
          'Decide which numbers share one statistic: the axes that are averaged over are pooled, the others keep statistics apart.',
        formula:
          '$\\text{values per mean} = \\frac{N \\cdot C \\cdot H \\cdot W}{\\text{number of means}}$',
        firstStep: `${name[0].toUpperCase()}${name.slice(1)} keeps ${facts.per}: $${statistics.working}$ means.`,
      },
    },
    { fixed: false },
  );
}

/** Which axes each normalization averages over. */
export const normAxes: TemplateDefinition = {
  id: 'norm-axes',
  topic: 'normalization',
  title: 'Batch, layer, instance and group norm: which axes are averaged',
  answerKind: 'choice',
  forms: ['mcq'],
  params: {
    norm: {
      kind: 'enum',
      values: ['batch', 'layer', 'instance', 'group'],
      description:
        'the normalization asked about (default: drawn from the seed; level 1 batch/layer, level 2 adds instance, level 3 group)',
    },
    ask: {
      kind: 'enum',
      values: ['axes', 'count'],
      description:
        'axes: which axes are pooled; count: how many values each mean averages (default: axes at level 1, else drawn)',
    },
  },
  draw,
};
