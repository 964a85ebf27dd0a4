/**
 * `depthwise-separable-cost`: weights and multiply-adds of a standard convolution versus a
 * depthwise-separable one (MobileNet), and their ratio 1/N + 1/D_K².
 *
 * Conventions (MobileNet paper): D_K×D_K kernels, M input and N output channels, a D_F×D_F
 * output (stride 1, "same" padding), no biases. Standard: D_K²·M·N weights, D_K²·M·N·D_F²
 * multiply-adds. Separable: D_K²·M + M·N weights, D_K²·M·D_F² + M·N·D_F² multiply-adds.
 */
import { unreachable } from '../types';
import { numberAnswer, wrong } from './answers';
import { finishDraw } from './draw-rules';
import { equalsOrApprox } from './stats-steps';
import type { Rng } from './rng';
import type {
  AnswerValue,
  Distractor,
  ParamBag,
  Problem,
  ProblemHints,
  ProblemPart,
  TemplateDefinition,
} from './types';

type Ask = 'params-standard' | 'params-separable' | 'madds-standard' | 'madds-separable' | 'ratio';

const ASKS: readonly Ask[] = [
  'params-standard',
  'params-separable',
  'madds-standard',
  'madds-separable',
  'ratio',
];
const RATIO_DECIMALS = 4;

const LEVEL_ASKS: Readonly<Record<1 | 2 | 3, readonly Ask[]>> = {
  1: ['params-standard', 'params-separable'],
  2: ['madds-standard', 'madds-separable'],
  3: ['madds-separable', 'ratio'],
};

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const ask = (p.str('ask') ?? rng.pick(LEVEL_ASKS[level])) as Ask;
  const dk = p.int('kernel') ?? (level === 3 ? rng.pick([3, 5]) : 3);
  const m = p.int('inChannels') ?? rng.pick(level === 1 ? [3, 8, 16, 32] : [16, 32, 64]);
  const n = p.int('outChannels') ?? rng.pick(level === 1 ? [16, 32, 64] : [32, 64, 128]);
  const df = p.int('size') ?? rng.pick([7, 14, 28]);
  const k2 = dk * dk;
  const hw = df * df;
  const standardParams = k2 * m * n;
  const depthwiseParams = k2 * m;
  const pointwiseParams = m * n;
  const separableParams = depthwiseParams + pointwiseParams;
  const ratio = 1 / n + 1 / k2;
  const int = (x: number) => numberAnswer(x);
  const setting =
    `A MobileNet-style layer takes a $${df} \\times ${df} \\times ${m}$ feature map ($D_F = ${df}$, $M = ${m}$ channels) to ` +
    `$N = ${n}$ output channels with $${dk} \\times ${dk}$ kernels ($D_K = ${dk}$), stride 1 and "same" padding, so the ` +
    `output is $${df} \\times ${df} \\times ${n}$. Ignore biases.`;
  const separableText = `a depthwise-separable convolution (a $${dk} \\times ${dk}$ depthwise step, then a $1 \\times 1$ pointwise step)`;
  let question: string;
  let answer: AnswerValue;
  let distractors: Distractor[];
  let steps: string[];
  let parts: ProblemPart[];
  let hints: ProblemHints;
  const intPart = (id: string, prompt: string, value: number, hint: string): ProblemPart => ({
    id,
    prompt,
    answer: int(value),
    hint,
  });
  const depthwiseWeightsPart = intPart(
    'depthwise-weights',
    'The weights of the depthwise step, $D_K^2 \\cdot M$.',
    depthwiseParams,
    'One $D_K \\times D_K$ filter for each input channel.',
  );
  const pointwiseWeightsPart = intPart(
    'pointwise-weights',
    'The weights of the $1 \\times 1$ pointwise step, $M \\cdot N$.',
    pointwiseParams,
    'One weight for each pair of an input and an output channel.',
  );
  const separableNudge =
    'Cost the two steps separately: the depthwise step filters each input channel on its own, the pointwise step only mixes channels.';
  switch (ask) {
    case 'params-standard':
      question = 'How many weights does a standard convolution need?';
      answer = int(standardParams);
      distractors = [
        wrong(
          'separable-counted',
          int(separableParams),
          'That is the depthwise-separable count; a standard convolution has one full $D_K \\times D_K \\times M$ filter per output channel.',
        ),
        wrong(
          'forgot-input-channels',
          int(k2 * n),
          `Each of the N filters spans all M = ${m} input channels: multiply by M.`,
        ),
        wrong(
          'kernel-not-squared',
          int(dk * m * n),
          `A ${dk}×${dk} kernel has $D_K^2 = ${k2}$ weights per channel, not ${dk}.`,
        ),
      ];
      steps = [
        `Standard convolution: $D_K^2 \\cdot M \\cdot N = ${k2} \\cdot ${m} \\cdot ${n} = ${standardParams}$ weights.`,
      ];
      parts = [
        intPart(
          'kernel-weights',
          `The weights of one $${dk} \\times ${dk}$ kernel slice (one input channel of one filter), $D_K^2$.`,
          k2,
          'Rows times columns of the kernel.',
        ),
        intPart(
          'filter-weights',
          'The weights of one filter, which spans every input channel: $D_K^2 \\cdot M$.',
          k2 * m,
          'A filter of a standard convolution has one kernel slice per input channel.',
        ),
      ];
      hints = {
        nudge:
          'A standard convolution has one full filter per output channel, each spanning all input channels.',
        formula: '$D_K^2 \\cdot M \\cdot N$ weights',
        firstStep: `One filter: $D_K^2 \\cdot M = ${k2} \\cdot ${m} = ${k2 * m}$ weights.`,
      };
      break;
    case 'params-separable':
      question = `How many weights does ${separableText} need?`;
      answer = int(separableParams);
      distractors = [
        wrong(
          'depthwise-forgot-pointwise',
          int(depthwiseParams),
          `The $1 \\times 1$ pointwise step adds $M \\cdot N = ${pointwiseParams}$ weights.`,
        ),
        wrong(
          'depthwise-times-n',
          int(k2 * m * n + pointwiseParams),
          'The depthwise step has one $D_K \\times D_K$ filter per input channel, M in total, not one per output channel.',
        ),
        wrong(
          'standard-counted',
          int(standardParams),
          'That is the standard convolution; the separable one splits it into a depthwise and a pointwise step.',
        ),
        wrong(
          'kernel-not-squared',
          int(dk * m + pointwiseParams),
          `A ${dk}×${dk} kernel has $D_K^2 = ${k2}$ weights.`,
        ),
      ];
      steps = [
        `Depthwise: one $${dk} \\times ${dk}$ filter per input channel, $D_K^2 \\cdot M = ${k2} \\cdot ${m} = ${depthwiseParams}$.`,
        `Pointwise: $M \\cdot N = ${m} \\cdot ${n} = ${pointwiseParams}$.`,
        `Total: $${depthwiseParams} + ${pointwiseParams} = ${separableParams}$ weights.`,
      ];
      parts = [depthwiseWeightsPart, pointwiseWeightsPart];
      hints = { nudge: separableNudge, formula: '$D_K^2 \\cdot M + M \\cdot N$ weights' };
      break;
    case 'madds-standard':
      question = 'How many multiply-adds does a standard convolution perform for one input?';
      answer = int(standardParams * hw);
      distractors = [
        wrong(
          'forgot-spatial-size',
          int(standardParams),
          `Every weight is used once per output position: multiply by $D_F^2 = ${hw}$.`,
        ),
        wrong(
          'separable-counted',
          int(separableParams * hw),
          'That is the depthwise-separable cost.',
        ),
        wrong(
          'forgot-input-channels',
          int(k2 * n * hw),
          `Each output value sums over all M = ${m} input channels.`,
        ),
        wrong(
          'kernel-not-squared',
          int(dk * m * n * hw),
          `A ${dk}×${dk} kernel has $D_K^2 = ${k2}$ weights per channel.`,
        ),
      ];
      steps = [
        `Each output value needs $D_K^2 \\cdot M = ${k2 * m}$ multiply-adds, and there are $D_F^2 \\cdot N = ${hw} \\cdot ${n}$ output values.`,
        `$D_K^2 \\cdot M \\cdot N \\cdot D_F^2 = ${k2} \\cdot ${m} \\cdot ${n} \\cdot ${hw} = ${standardParams * hw}$.`,
      ];
      parts = [
        intPart(
          'madds-per-output',
          'The multiply-adds for one output value (one position of one output channel), $D_K^2 \\cdot M$.',
          k2 * m,
          'One output value sums a $D_K \\times D_K$ window over every input channel.',
        ),
        intPart(
          'output-values',
          'The number of output values, $D_F^2 \\cdot N$.',
          hw * n,
          'Height times width times output channels.',
        ),
      ];
      hints = {
        nudge:
          'Count the multiply-adds of one output value, then how many output values there are.',
        formula: '$D_K^2 \\cdot M \\cdot N \\cdot D_F^2$ multiply-adds',
      };
      break;
    case 'madds-separable':
      question = `How many multiply-adds does ${separableText} perform for one input?`;
      answer = int(separableParams * hw);
      distractors = [
        wrong(
          'depthwise-forgot-pointwise',
          int(depthwiseParams * hw),
          `The pointwise step costs $M \\cdot N \\cdot D_F^2 = ${pointwiseParams * hw}$ more.`,
        ),
        wrong(
          'forgot-spatial-size',
          int(separableParams),
          `That is the weight count; each weight is used at all $D_F^2 = ${hw}$ positions.`,
        ),
        wrong(
          'depthwise-times-n',
          int((k2 * m * n + pointwiseParams) * hw),
          'The depthwise step filters each input channel once, not once per output channel.',
        ),
        wrong(
          'standard-counted',
          int(standardParams * hw),
          'That is the cost of the standard convolution.',
        ),
      ];
      steps = [
        `Depthwise: $D_K^2 \\cdot M \\cdot D_F^2 = ${k2} \\cdot ${m} \\cdot ${hw} = ${depthwiseParams * hw}$.`,
        `Pointwise: $M \\cdot N \\cdot D_F^2 = ${m} \\cdot ${n} \\cdot ${hw} = ${pointwiseParams * hw}$.`,
        `Total: $${depthwiseParams * hw} + ${pointwiseParams * hw} = ${separableParams * hw}$.`,
      ];
      parts = [
        intPart(
          'depthwise-madds',
          'The multiply-adds of the depthwise step, $D_K^2 \\cdot M \\cdot D_F^2$.',
          depthwiseParams * hw,
          'Each depthwise weight is used once at every output position.',
        ),
        intPart(
          'pointwise-madds',
          'The multiply-adds of the pointwise step, $M \\cdot N \\cdot D_F^2$.',
          pointwiseParams * hw,
          'Each pointwise weight is used once at every output position.',
        ),
      ];
      hints = {
        nudge: separableNudge,
        formula: '$D_K^2 \\cdot M \\cdot D_F^2 + M \\cdot N \\cdot D_F^2$ multiply-adds',
      };
      break;
    case 'ratio':
      question = `What is the ratio of the multiply-adds of ${separableText} to those of a standard convolution?`;
      answer = numberAnswer(ratio, RATIO_DECIMALS);
      distractors = [
        wrong(
          'ratio-inverted',
          numberAnswer(1 / ratio, RATIO_DECIMALS),
          'This is standard over separable; the separable version is the cheaper one, so the ratio is below 1.',
        ),
        wrong(
          'ratio-forgot-kernel-term',
          numberAnswer(1 / n, RATIO_DECIMALS),
          `$1/N = 1/${n}$ is only the depthwise step's share, $\\frac{D_K^2 M D_F^2}{D_K^2 M N D_F^2}$; the pointwise step adds $\\frac{M N D_F^2}{D_K^2 M N D_F^2} = 1/D_K^2 = 1/${k2}$.`,
        ),
        wrong(
          'ratio-forgot-channel-term',
          numberAnswer(1 / k2, RATIO_DECIMALS),
          `$1/D_K^2 = 1/${k2}$ is only the pointwise step's share, $\\frac{M N D_F^2}{D_K^2 M N D_F^2}$; the depthwise step adds $\\frac{D_K^2 M D_F^2}{D_K^2 M N D_F^2} = 1/N = 1/${n}$.`,
        ),
      ];
      steps = [
        `Separable: $D_K^2 M D_F^2 + M N D_F^2$; standard: $D_K^2 M N D_F^2$.`,
        `Depthwise share: $\\frac{D_K^2 M D_F^2}{D_K^2 M N D_F^2} = \\frac{1}{N}$; pointwise share: $\\frac{M N D_F^2}{D_K^2 M N D_F^2} = \\frac{1}{D_K^2}$.`,
        `Ratio: $\\frac{D_K^2 M D_F^2 + M N D_F^2}{D_K^2 M N D_F^2} = \\frac{1}{N} + \\frac{1}{D_K^2} = \\frac{1}{${n}} + \\frac{1}{${k2}} ${equalsOrApprox(ratio, RATIO_DECIMALS)}$.`,
      ];
      parts = [
        intPart(
          'separable-madds',
          'The multiply-adds of the depthwise-separable convolution, $D_K^2 M D_F^2 + M N D_F^2$.',
          separableParams * hw,
          'Depthwise and pointwise steps, each weight used once per output position.',
        ),
        intPart(
          'standard-madds',
          'The multiply-adds of the standard convolution, $D_K^2 M N D_F^2$.',
          standardParams * hw,
          'Every weight of every full filter, used once per output position.',
        ),
      ];
      hints = {
        nudge: 'Write both costs as products and cancel the factors they share.',
        firstStep: `Separable: $${k2} \\cdot ${m} \\cdot ${hw} + ${m} \\cdot ${n} \\cdot ${hw} = ${separableParams * hw}$ multiply-adds.`,
        formula:
          '$\\frac{D_K^2 M D_F^2 + M N D_F^2}{D_K^2 M N D_F^2} = \\frac{1}{N} + \\frac{1}{D_K^2}$',
      };
      break;
    default:
      throw unreachable(ask);
  }
  const fixed = ['kernel', 'inChannels', 'outChannels', 'size'].every(
    (name) => p.int(name) !== undefined,
  );
  return finishDraw(
    {
      stem: `${setting} ${question}`,
      answer,
      distractors,
      correctFeedback: `Right: ${steps[steps.length - 1].replace(/^Total: |^Ratio: /, '')}`,
      explanation:
        'A standard convolution filters and mixes channels in one step: every output channel has a full ' +
        '$D_K \\times D_K \\times M$ filter. A depthwise-separable convolution (MobileNet) splits this into a ' +
        'depthwise step that filters each input channel on its own ($D_K^2 M$ weights) and a $1 \\times 1$ ' +
        'pointwise step that mixes channels ($M N$ weights). The cost ratio is $\\frac{1}{N} + \\frac{1}{D_K^2}$, ' +
        'so with $3 \\times 3$ kernels it is roughly 8 to 9 times cheaper, which is what makes such networks run ' +
        'on phones and other small hardware.',
      steps,
      parts,
      hints,
    },
    { fixed },
  );
}

/** Cost of standard vs depthwise-separable convolution. */
export const depthwiseSeparableCost: TemplateDefinition = {
  id: 'depthwise-separable-cost',
  topic: 'efficient-cnns',
  title: 'Depthwise-separable convolution: weights, multiply-adds and savings',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    ask: {
      kind: 'enum',
      values: ASKS,
      description:
        'what is asked (default: weights at level 1, multiply-adds at level 2, separable cost or ratio at level 3)',
    },
    kernel: {
      kind: 'int',
      min: 1,
      max: 7,
      description: 'kernel size D_K (default 3; 3 or 5 at level 3)',
    },
    inChannels: {
      kind: 'int',
      min: 1,
      max: 1024,
      description: 'input channels M (default: drawn)',
    },
    outChannels: {
      kind: 'int',
      min: 1,
      max: 1024,
      description: 'output channels N (default: drawn)',
    },
    size: {
      kind: 'int',
      min: 1,
      max: 224,
      description: 'output height and width D_F (default: drawn)',
    },
  },
  draw,
};
