/**
 * `inverted-dropout`: inverted dropout with drop probability p — kept units are scaled by
 * 1/(1 − p) in training, the layer is the identity at test time, and the expected training
 * output equals the input.
 */
import { unreachable } from '../types';
import { numberAnswer, vectorAnswer, wrong } from './answers';
import { finishDraw } from './draw-rules';
import { clean, fmt, fmtRow } from './format';
import type { Rng } from './rng';
import { Redraw, TemplateError } from './types';
import type {
  Distractor,
  ParamBag,
  Problem,
  ProblemHints,
  ProblemPart,
  TemplateDefinition,
} from './types';

type Ask = 'train' | 'test' | 'expected';

const DECIMALS = 4;

const LEVEL_ASKS: Readonly<Record<1 | 2 | 3, readonly Ask[]>> = {
  1: ['train'],
  2: ['train', 'test'],
  3: ['train', 'test', 'expected'],
};

function draw(rng: Rng, params: ParamBag): Problem {
  const level = params.level;
  const ask = (params.str('ask') ?? rng.pick(LEVEL_ASKS[level])) as Ask;
  // Not 0.5 at level 1: there dividing by p gives the same numbers as dividing by 1 − p.
  const p =
    params.num('p') ??
    rng.pick(
      level === 1
        ? [0.2, 0.75, 0.8]
        : level === 2
          ? [0.2, 0.5, 0.75, 0.8]
          : [0.2, 0.5, 0.6, 0.75, 0.8],
    );
  const length = level === 1 ? 4 : 5;
  const h =
    params.numbers('h')?.slice() ??
    (level === 3 ? rng.decimals(length, 0.5, 5, 1) : rng.ints(length, 1, 9));
  const mask = params.numbers('mask')?.slice() ?? h.map(() => (rng.chance(p) ? 0 : 1));
  if (mask.length !== h.length || mask.some((v) => v !== 0 && v !== 1)) {
    throw new TemplateError('param mask: one 0 or 1 per activation');
  }
  if (ask !== 'expected' && (!mask.includes(0) || !mask.includes(1))) {
    if (params.numbers('mask') !== undefined)
      throw new TemplateError('param mask: needs both a 0 and a 1');
    throw new Redraw('mask needs both values');
  }
  const keep = clean(1 - p);
  const scale = 1 / keep;
  const vec = (values: readonly number[]) => vectorAnswer(values.map(clean), DECIMALS);
  const pText = fmt(p, 4);
  const keepText = fmt(keep, 4);
  const setting =
    `A layer uses inverted dropout, as PyTorch's \`nn.Dropout\` does, with drop probability $p = ${pText}$ (each unit is ` +
    `zeroed with probability $p$ and kept with probability $1 - p = ${keepText}$). ` +
    `Its input activations are $h = ${fmtRow(h, 4)}$.`;
  const masked = h.map((v, i) => v * mask[i]);
  let question: string;
  let answer: readonly number[];
  let distractors: Distractor[];
  let steps: string[];
  let parts: ProblemPart[];
  let hints: ProblemHints;
  const scalePart: ProblemPart = {
    id: 'train-scale',
    prompt:
      'The factor inverted dropout multiplies each kept unit by during training, $\\frac{1}{1 - p}$.',
    answer: numberAnswer(scale, DECIMALS),
    hint: `Divide 1 by the keep probability $1 - p$, not by $p = ${pText}$.`,
  };
  const formula =
    '$y_i = \\frac{m_i \\, h_i}{1 - p}$ in training ($m_i = 1$ with probability $1 - p$), $y_i = h_i$ at test time';
  switch (ask) {
    case 'train':
      question = `During training the sampled mask is $m = ${fmtRow(mask)}$ (1 = kept). What does the layer output?`;
      answer = masked.map((v) => v * scale);
      distractors = [
        wrong(
          'dropout-no-rescale',
          vec(masked),
          `Inverted dropout divides the kept units by $1 - p = ${keepText}$ during training, so that no scaling is needed at test time.`,
          'inverted-dropout',
        ),
        wrong(
          'dropout-scaled-by-p',
          vec(masked.map((v) => v / p)),
          `Divide by the keep probability $1 - p = ${keepText}$, not by the drop probability $p$.`,
          'p-is-drop-probability',
        ),
        wrong(
          'dropout-multiplied-by-keep',
          vec(masked.map((v) => v * keep)),
          'Multiplying by $1 - p$ shrinks the kept units; inverted dropout enlarges them to keep the expected value unchanged.',
        ),
        wrong(
          'mask-inverted',
          vec(h.map((v, i) => (v * (1 - mask[i])) / keep)),
          'A mask value of 1 means the unit is kept; this answer kept the dropped units instead.',
        ),
      ];
      steps = [
        `Apply the mask: $h \\odot m = ${fmtRow(masked, 4)}$.`,
        `Scale the kept units by $\\frac{1}{1 - p} = \\frac{1}{${keepText}} = ${fmt(scale, 4)}$: $${fmtRow(answer.map(clean), DECIMALS)}$.`,
      ];
      parts = [
        {
          id: 'masked',
          prompt:
            'The activations after the mask, $h \\odot m$ (dropped units become 0), unit 1 first.',
          answer: vec(masked),
          hint: 'Multiply each activation by its mask value.',
        },
        scalePart,
      ];
      hints = {
        nudge:
          'First drop the units the mask zeroes, then enlarge the survivors so the expected activation stays the same.',
        formula,
      };
      break;
    case 'test':
      question = `The mask sampled at the last training step was $m = ${fmtRow(mask)}$ (1 = kept). The trained network is now put in evaluation mode. What does the layer output at test time?`;
      answer = h;
      distractors = [
        wrong(
          'test-time-rescale',
          vec(h.map((v) => v * keep)),
          'Scaling by $1 - p$ at test time belongs to the original (non-inverted) dropout. Inverted dropout already rescaled during training.',
          'inverted-dropout',
        ),
        wrong(
          'test-time-upscale',
          vec(h.map((v) => v * scale)),
          'The $1/(1 - p)$ factor is applied only to the training outputs; at test time nothing is scaled.',
          'inverted-dropout',
        ),
        wrong(
          'dropout-at-test',
          vec(masked.map((v) => v * scale)),
          `This applies the training mask $${fmtRow(mask)}$ and its rescaling again; in evaluation mode dropout is switched off, so no mask is used.`,
        ),
      ];
      steps = [
        'At test time dropout is switched off and, with the inverted convention, nothing is rescaled: the layer is the identity.',
      ];
      parts = [
        scalePart,
        {
          id: 'test-scale',
          prompt: 'The factor the layer multiplies each input by at test time (evaluation mode).',
          answer: numberAnswer(1),
          hint: 'Inverted dropout already did all the rescaling during training.',
        },
      ];
      hints = {
        nudge: 'Ask where inverted dropout puts its rescaling: during training or at test time.',
        formula,
        firstStep: `During training the kept units were multiplied by $\\frac{1}{1 - p} = \\frac{1}{${keepText}} = ${fmt(scale, 4)}$, so that their expectation is the input.`,
      };
      break;
    case 'expected':
      question =
        'During training, what is the expected value of each output unit, averaged over the random masks?';
      answer = h;
      distractors = [
        wrong(
          'dropout-no-rescale',
          vec(h.map((v) => v * keep)),
          'Without the $1/(1 - p)$ factor the expectation would be $(1 - p) h$; inverted dropout rescales to undo exactly that.',
          'inverted-dropout',
        ),
        wrong(
          'expected-ignores-drops',
          vec(h.map((v) => v * scale)),
          'A unit is dropped with probability $p$ and contributes 0 then; only the kept case contributes $h / (1 - p)$.',
        ),
        wrong(
          'dropout-scaled-by-p',
          vec(h.map((v) => (v * keep) / p)),
          'The kept units are divided by $1 - p$, not by $p$.',
          'p-is-drop-probability',
        ),
        wrong(
          'dropout-multiplied-by-keep',
          vec(h.map((v) => v * keep * keep)),
          'The kept units are divided by $1 - p$, not multiplied by it.',
        ),
      ];
      steps = [
        `Each output is $h_i / (1 - p)$ with probability $1 - p$ and 0 with probability $p$.`,
        `$E[y_i] = (1 - p) \\cdot \\frac{h_i}{1 - p} + p \\cdot 0 = h_i$, so the expected output equals the input.`,
      ];
      parts = [
        {
          id: 'kept-outputs',
          prompt: 'The output of each unit when it is kept, $h_i / (1 - p)$, unit 1 first.',
          answer: vec(h.map((v) => v * scale)),
          hint: `Divide each activation by the keep probability $1 - p = ${keepText}$.`,
        },
        {
          id: 'keep-probability',
          prompt: 'The probability that a unit is kept, $1 - p$.',
          answer: numberAnswer(keep, DECIMALS),
          hint: '$p$ is the probability of dropping a unit.',
        },
      ];
      hints = {
        nudge:
          'A unit has two outcomes, kept (and rescaled) or dropped (0): weigh each by its probability.',
        formula: '$E[y_i] = (1 - p) \\cdot \\frac{h_i}{1 - p} + p \\cdot 0$',
        firstStep: `Unit 1 when kept: $\\frac{h_1}{1 - p} = \\frac{${fmt(h[0], 4)}}{${keepText}} = ${fmt(clean(h[0] * scale), DECIMALS)}$.`,
      };
      break;
    default:
      throw unreachable(ask);
  }
  const fixed =
    params.num('p') !== undefined &&
    params.numbers('h') !== undefined &&
    (ask === 'expected' || params.numbers('mask') !== undefined);
  return finishDraw(
    {
      stem: `${setting} ${question}`,
      answer: vec(answer),
      distractors,
      correctFeedback:
        ask === 'train'
          ? 'Right: dropped units become 0 and kept units are divided by the keep probability.'
          : 'Right: inverted dropout keeps the expected activation equal to the input, so test time needs no change.',
      explanation:
        'Dropout is a regulariser: during training each unit is zeroed with probability $p$, so the network cannot ' +
        'rely on any single unit and overfits less. Inverted dropout, the convention of modern frameworks, divides ' +
        'the surviving units by $1 - p$ during training. The expected value of each unit is then unchanged, and at ' +
        'test time the layer simply passes its input through.',
      steps,
      parts,
      hints,
      entryHint: `the ${h.length} outputs`,
    },
    { fixed },
  );
}

/** Inverted dropout at training and test time. */
export const invertedDropout: TemplateDefinition = {
  id: 'inverted-dropout',
  topic: 'dropout',
  title: 'Inverted dropout: training output, test output, expectation',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    ask: {
      kind: 'enum',
      values: ['train', 'test', 'expected'],
      description:
        'which output is asked (default: train at level 1, train/test at level 2, any at level 3)',
    },
    p: {
      kind: 'number',
      min: 0.05,
      max: 0.95,
      description: 'drop probability (default: drawn; 0.2, 0.75 or 0.8 at level 1)',
    },
    h: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 8,
      description: 'input activations (default: drawn)',
    },
    mask: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 8,
      description: 'the training mask of 0s and 1s, same length as h (default: drawn)',
    },
  },
  draw,
};
