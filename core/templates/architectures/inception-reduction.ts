/**
 * `inception-reduction`: multiply-adds of an Inception branch with and without a 1×1 reduction.
 * A k×k convolution ("same" padding, stride 1) from C_in to C_out on an H×W map costs
 * H·W·C_out·k²·C_in; with a 1×1 reduction to r channels first it costs H·W·r·C_in + H·W·C_out·k²·r.
 * Biases are ignored.
 */
import { unreachable } from '../../types';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt } from '../format';
import type { Rng } from '../rng';
import { Redraw } from '../types';
import type { Distractor, ParamBag, Problem, ProblemPart, TemplateDefinition } from '../types';

type Ask = 'direct' | 'reduced' | 'ratio';
const ASKS: readonly Ask[] = ['direct', 'reduced', 'ratio'];
const RATIO_DECIMALS = 2;

function draw(rng: Rng, params: ParamBag): Problem {
  const level = params.level;
  const ask = (params.str('ask') ??
    (level === 1 ? 'direct' : level === 2 ? 'reduced' : 'ratio')) as Ask;
  const hw = rng.pick([7, 14, 28]);
  const cin = rng.pick([192, 256, 480, 512, 832]);
  const k = rng.pick([3, 5]);
  const cout = rng.pick(k === 5 ? [32, 48, 64, 96, 128] : [96, 128, 192, 208, 320]);
  const r = rng.pick(k === 5 ? [16, 24, 32, 48] : [64, 96, 112, 128, 160]);
  if (r >= cin / 2) throw new Redraw('no real reduction');
  const pos = hw * hw;
  const k2 = k * k;
  const direct = pos * cout * k2 * cin;
  const reduce = pos * r * cin;
  const large = pos * cout * k2 * r;
  const reduced = reduce + large;
  const int = (v: number) => numberAnswer(v);
  const ratioValue = (v: number) => numberAnswer(v, RATIO_DECIMALS);
  let answerValue: number;
  const distractors: Distractor[] = [];
  const add = (d: Distractor, v: number, apart = 0) => {
    if (Math.abs(v - answerValue) > apart && v > 0) distractors.push(d);
  };
  let question: string;
  let parts: ProblemPart[];
  let steps: string[];
  let formula: string;
  const reducedSteps = [
    `1×1 reduction: $${hw}^2 \\cdot ${r} \\cdot ${cin} = ${reduce}$ multiply-adds.`,
    `${k}×${k} convolution on ${r} channels: $${hw}^2 \\cdot ${cout} \\cdot ${k}^2 \\cdot ${r} = ${large}$.`,
  ];
  const reducedParts: ProblemPart[] = [
    {
      id: 'reduce-madds',
      prompt: 'The multiply-adds of the 1×1 reduction.',
      answer: int(reduce),
      hint: 'Each of the $H W r$ outputs sums over all input channels.',
    },
    {
      id: 'large-madds',
      prompt: `The multiply-adds of the ${k}×${k} convolution after the reduction.`,
      answer: int(large),
      hint: `Each of the $H W C_{out}$ outputs sums a ${k}×${k} window over the ${r} reduced channels.`,
    },
  ];
  switch (ask) {
    case 'direct':
      answerValue = direct;
      question = `How many multiply-adds does the ${k}×${k} convolution cost **without** the reduction (applied directly to the ${cin} input channels)?`;
      add(
        wrong(
          'forgot-spatial-size',
          int(cout * k2 * cin),
          `Every weight is used at each of the $${hw}^2 = ${pos}$ output positions.`,
        ),
        cout * k2 * cin,
      );
      add(
        wrong(
          'forgot-input-channels',
          int(pos * cout * k2),
          `Each output value sums over all ${cin} input channels.`,
        ),
        pos * cout * k2,
      );
      add(
        wrong(
          'kernel-not-squared',
          int(pos * cout * k * cin),
          `A ${k}×${k} window holds ${k2} values per channel.`,
        ),
        pos * cout * k * cin,
      );
      add(
        wrong(
          'reduced-counted',
          int(reduced),
          'That is the cost with the 1×1 reduction; the question asks for the branch without it.',
        ),
        reduced,
      );
      parts = [
        {
          id: 'madds-per-output',
          prompt: 'The multiply-adds for one output value.',
          answer: int(k2 * cin),
          hint: `A ${k}×${k} window over every input channel.`,
        },
        {
          id: 'output-values',
          prompt: 'The number of output values $H \\cdot W \\cdot C_{out}$.',
          answer: int(pos * cout),
          hint: 'Height times width times output channels.',
        },
      ];
      steps = [
        `One output value: $${k}^2 \\cdot ${cin} = ${k2 * cin}$ multiply-adds; there are $${hw}^2 \\cdot ${cout} = ${pos * cout}$ of them.`,
        `$${pos * cout} \\cdot ${k2 * cin} = ${direct}$.`,
      ];
      formula = '$H W C_{out} \\cdot k^2 C_{in}$';
      break;
    case 'reduced':
      answerValue = reduced;
      question = `How many multiply-adds does the branch cost **with** the 1×1 reduction to ${r} channels?`;
      add(
        wrong(
          'reduction-forgot-1x1-cost',
          int(large),
          `The 1×1 convolution costs $${hw}^2 \\cdot ${r} \\cdot ${cin} = ${reduce}$ multiply-adds too.`,
        ),
        large,
      );
      add(
        wrong(
          'reduction-kxk-on-full-input',
          int(reduce + direct),
          `After the reduction the ${k}×${k} convolution reads only the ${r} reduced channels.`,
        ),
        reduce + direct,
      );
      add(wrong('direct-counted', int(direct), 'That is the cost without the reduction.'), direct);
      add(
        wrong(
          'forgot-spatial-size',
          int(reduced / pos),
          `Every weight is used at each of the ${pos} positions.`,
        ),
        reduced / pos,
      );
      add(
        wrong(
          'kernel-not-squared',
          int(reduce + pos * cout * k * r),
          `A ${k}×${k} window holds ${k2} values per channel.`,
        ),
        reduce + pos * cout * k * r,
      );
      parts = reducedParts;
      steps = [...reducedSteps, `Total: $${reduce} + ${large} = ${reduced}$.`];
      formula = '$H W r C_{in} + H W C_{out} k^2 r$';
      break;
    case 'ratio': {
      answerValue = direct / reduced;
      question = `By what factor does the 1×1 reduction to ${r} channels cut the multiply-adds of the branch (cost without the reduction divided by cost with it)? Round to ${RATIO_DECIMALS} decimal places.`;
      const apart = 0.5 * 10 ** -RATIO_DECIMALS;
      add(
        wrong(
          'ratio-inverted',
          ratioValue(reduced / direct),
          'That is the cost with the reduction over the cost without: the factor asked for is greater than 1.',
        ),
        reduced / direct,
        apart,
      );
      add(
        wrong(
          'reduction-forgot-1x1-cost',
          ratioValue(direct / large),
          `The 1×1 reduction itself costs ${reduce} multiply-adds and belongs in the denominator.`,
        ),
        direct / large,
        apart,
      );
      add(
        wrong(
          'reduction-kxk-on-full-input',
          ratioValue(direct / (reduce + direct)),
          `After the reduction the ${k}×${k} convolution reads only ${r} channels.`,
        ),
        direct / (reduce + direct),
        apart,
      );
      add(
        wrong(
          'kernel-not-squared',
          ratioValue((pos * cout * k * cin) / (reduce + pos * cout * k * r)),
          `A ${k}×${k} window holds ${k2} values per channel.`,
        ),
        (pos * cout * k * cin) / (reduce + pos * cout * k * r),
        apart,
      );
      parts = [
        ...reducedParts,
        {
          id: 'direct-madds',
          prompt: 'The multiply-adds without the reduction.',
          answer: int(direct),
          hint: `The ${k}×${k} convolution over all ${cin} input channels.`,
        },
      ];
      steps = [
        `Without: $${hw}^2 \\cdot ${cout} \\cdot ${k}^2 \\cdot ${cin} = ${direct}$.`,
        ...reducedSteps,
        `With: $${reduce} + ${large} = ${reduced}$; factor $${direct} / ${reduced} = ${fmt(direct / reduced, RATIO_DECIMALS)}$.`,
      ];
      formula = '$\\frac{k^2 C_{out} C_{in}}{r C_{in} + k^2 C_{out} r}$ (the $H W$ cancels)';
      break;
    }
    default:
      throw unreachable(ask);
  }
  const answer = ask === 'ratio' ? ratioValue(answerValue) : int(answerValue);
  const stem =
    `An Inception branch takes a $${hw} \\times ${hw} \\times ${cin}$ feature map to $${hw} \\times ${hw} \\times ${cout}$ with a ` +
    `${k}×${k} convolution (stride 1, "same" padding). Inception puts a 1×1 convolution to ${r} channels in front of it. ` +
    `Count one multiply-add per weight per output position and ignore biases. ${question}`;
  return finishDraw(
    {
      stem,
      answer,
      distractors,
      correctFeedback: `Right: ${steps[steps.length - 1]}`,
      explanation:
        'A convolution costs (output positions) × (output channels) × (kernel area) × (input channels) ' +
        'multiply-adds, so a large kernel on many input channels is expensive. A 1×1 convolution mixes ' +
        'channels at each position without looking at neighbours: placed before the large kernel it shrinks ' +
        'the channel count the large kernel must read (a "bottleneck"), and its own cost is small because its ' +
        'kernel area is 1. GoogLeNet used this to run 3×3 and 5×5 branches side by side at modest cost; the ' +
        'same idea returns in ResNet bottlenecks and in the pointwise step of MobileNet.',
      steps,
      parts,
      hints: {
        nudge:
          'Cost each convolution separately: positions × output channels × kernel area × input channels.',
        formula,
        firstStep: steps[0],
      },
    },
    { fixed: false },
  );
}

/** Inception 1×1 reduction savings in multiply-adds. */
export const inceptionReduction: TemplateDefinition = {
  id: 'inception-reduction',
  topic: 'cnn-architectures',
  title: 'Inception: multiply-adds with and without a 1×1 reduction',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    ask: {
      kind: 'enum',
      values: ASKS,
      description:
        'what is asked (default: without the reduction at level 1, with it at 2, the factor at 3)',
    },
  },
  draw,
};
