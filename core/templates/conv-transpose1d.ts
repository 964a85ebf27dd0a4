/**
 * `conv-transpose1d`: the output of a 1-D transposed convolution (stride, optional cropping), with
 * the per-output contribution table a tutor writes on the board.
 */
import { convTransposeGrid1d } from '../figures';
import { convTranspose1d, convTranspose1dContributions } from '../kernels';
import { ifValid, numberAnswer, present, vectorAnswer, wrong } from './answers';
import { finishDraw } from './draw-rules';
import { fmt, fmtRow, plural, term } from './format';
import type { Rng } from './rng';
import { TemplateError } from './types';
import type { ParamBag, Problem, ProblemPart, TemplateDefinition } from './types';

/** The source quiz: x = [5,4,3,2,1], f = [1,2,3,4], stride 2, no cropping. */
const SOURCE = { x: [5, 4, 3, 2, 1], w: [1, 2, 3, 4], stride: 2, padding: 0 } as const;

/**
 * Transposed convolution where each copy overwrites instead of adding (the mistaken rule
 * "forgot to add overlapping contributions"): later inputs win where copies overlap.
 */
export function convTranspose1dOverwrite(
  x: readonly number[],
  w: readonly number[],
  stride: number,
  padding: number,
): number[] {
  const out = (x.length - 1) * stride + w.length - 2 * padding;
  const y = new Array<number>(out).fill(0);
  for (let i = 0; i < x.length; i++) {
    for (let k = 0; k < w.length; k++) {
      const o = i * stride + k - padding;
      if (o >= 0 && o < out) y[o] = x[i] * w[k];
    }
  }
  return y;
}

/** `5 \cdot 3 + 4 \cdot 1` for the terms landing on one output. */
export function termsText(
  terms: readonly { i: number; k: number }[],
  x: readonly number[],
  w: readonly number[],
): string {
  if (terms.length === 0) return '—';
  return `$${terms.map((t) => `${term(x[t.i], 4)} \\cdot ${term(w[t.k], 4)}`).join(' + ')}$`;
}

function drawSetup(
  rng: Rng,
  level: 1 | 2 | 3,
): { x: number[]; w: number[]; stride: number; padding: number } {
  if (level === 1) {
    return {
      x: rng.ints(rng.int(3, 4), 1, 5),
      w: rng.ints(rng.int(3, 4), 1, 4),
      stride: 2,
      padding: 0,
    };
  }
  const stride = rng.int(2, 3);
  const k = rng.int(stride + 1, level === 2 ? 4 : 5);
  if (level === 2) {
    return {
      x: rng.ints(rng.int(4, 5), 0, 9),
      w: rng.ints(k, 1, 5),
      stride,
      padding: rng.int(0, 1),
    };
  }
  const nonZero = (n: number, lo: number, hi: number) =>
    Array.from({ length: n }, () => rng.nonZeroInt(lo, hi));
  return { x: nonZero(rng.int(4, 5), -5, 9), w: nonZero(k, -3, 5), stride, padding: rng.int(0, 2) };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const preset = p.str('preset');
  const drawn =
    preset === 'source'
      ? { ...SOURCE, x: [...SOURCE.x], w: [...SOURCE.w] }
      : drawSetup(rng, p.level);
  const fixedX = p.numbers('x');
  const fixedW = p.numbers('w');
  if (preset !== undefined && (fixedX ?? fixedW) !== undefined) {
    throw new TemplateError('give either preset or x/w, not both');
  }
  const x = fixedX !== undefined ? [...fixedX] : drawn.x;
  const w = fixedW !== undefined ? [...fixedW] : drawn.w;
  const stride = p.int('stride') ?? drawn.stride;
  const padding = p.int('padding') ?? drawn.padding;
  const n = x.length;
  const k = w.length;
  const full = (n - 1) * stride + k;
  if (full - 2 * padding < 2) {
    throw new TemplateError(`padding ${padding} crops too much of an output of length ${full}`);
  }
  const { y, terms } = convTranspose1dContributions(x, w, stride, padding);
  const reversedW = [...w].reverse();
  const cropText =
    padding === 0
      ? 'if no cropping is applied'
      : `if ${plural(padding, 'value')} ${padding === 1 ? 'is' : 'are'} cropped from each end of the full output (padding ${padding}, as in PyTorch)`;
  const stem =
    `A 1-D signal $x = ${fmtRow(x, 4)}$ is upsampled by a transposed convolution with the filter $f = ${fmtRow(w, 4)}$ ` +
    `and stride ${stride}. Follow PyTorch's \`ConvTranspose1d\`: each $x_i$ adds $x_i \\cdot f$ into the output starting at ` +
    `position $i \\cdot ${stride}$, and the filter is not flipped. What is the output signal $y$ ${cropText}?`;
  const vec = (values: readonly number[]) => vectorAnswer(values, 4);

  const table = [
    '| output | contributions $x_i \\cdot f_k$ | sum |',
    '|---|---|---|',
    ...terms.map((t, o) => `| $y_{${o}}$ | ${termsText(t, x, w)} | ${fmt(y[o], 4)} |`),
  ].join('\n');
  const steps = [
    `Each input value $x_i$ places a scaled copy $x_i \\cdot f$ of the filter starting at position $i \\cdot s$ (here $s = ${stride}$); where copies overlap, their values add up.`,
    `The full output has $(n - 1)s + k = (${n} - 1) \\cdot ${stride} + ${k} = ${full}$ positions.` +
      (padding > 0
        ? ` Cropping ${padding} from each end leaves $${full} - 2 \\cdot ${padding} = ${y.length}$.`
        : ''),
    `Contributions to each output position${padding > 0 ? ' (numbered after cropping)' : ''}:\n\n${table}`,
  ];
  const overwrite = convTranspose1dOverwrite(x, w, stride, padding);
  const strideOne = stride === 1 ? undefined : ifValid(() => convTranspose1d(x, w, 1, padding));
  const cropped =
    padding === 0
      ? ifValid(() => convTranspose1d(x, w, stride, 1))
      : convTranspose1d(x, w, stride, 0);
  const flipped = convTranspose1d(x, reversedW, stride, padding);
  const reversedX = [...x].reverse();
  const fullOutput = padding > 0 ? convTranspose1d(x, w, stride, 0) : y;
  const fixed = preset !== undefined || (fixedX !== undefined && fixedW !== undefined);
  const firstCopy = w.map((f) => x[0] * f);
  const firstCopyStep = `The first input writes $x_0 \\cdot f = ${term(x[0], 4)} \\cdot ${fmtRow(w, 4)} = ${fmtRow(firstCopy, 4)}$ at positions 0 to ${k - 1} of the full output.`;
  // The first output (after cropping) on which two or more filter copies land.
  const overlapAt = terms.findIndex((t) => t.length >= 2);
  const parts: ProblemPart[] = [
    {
      id: 'output-length',
      prompt: `The length of the output $y$${padding > 0 ? ' after cropping' : ''}.`,
      answer: numberAnswer(y.length),
      hint: `The last copy starts at $(n - 1)s$ and is $k$ long${padding > 0 ? '; cropping removes $p$ from each end' : ''}.`,
    },
    {
      id: 'first-copy',
      prompt: `The scaled filter copy $x_0 \\cdot f$ that the first input writes, starting at position 0 of the full${padding > 0 ? ' (uncropped)' : ''} output.`,
      answer: vec(firstCopy),
      hint: `Multiply every filter value by $x_0 = ${fmt(x[0], 4)}$.`,
    },
    ...(overlapAt >= 0
      ? [
          {
            id: 'first-overlap',
            prompt: `The output value $y_{${overlapAt}}$${padding > 0 ? ' (numbered from 0 after cropping)' : ''}, the first one on which two filter copies overlap.`,
            answer: numberAnswer(y[overlapAt], 4),
            hint: 'Find every product $x_i \\cdot f_k$ that lands on this position and add them.',
          },
        ]
      : []),
  ];
  return finishDraw(
    {
      stem,
      solutionFigure: convTransposeGrid1d(x, w, stride, padding),
      answer: vec(y),
      distractors: present([
        wrong(
          'forgot-overlap-sum',
          vec(overwrite),
          'Where two shifted copies of the filter overlap, their products must be added; here the later copy simply replaced the earlier one.',
        ),
        wrong(
          'flipped-kernel',
          vec(flipped),
          `This uses the reversed filter ${fmtRow(reversedW, 4)}. PyTorch's transposed convolution places the filter as it is stored.`,
          'transpose-no-flip',
        ),
        wrong(
          'reversed-input',
          vec(convTranspose1d(reversedX, w, stride, padding)),
          `This stamps the inputs in reverse order, ${fmtRow(reversedX, 4)}; the first copy belongs to $x_0 = ${fmt(x[0], 4)}$ and starts at position 0.`,
        ),
        padding > 0
          ? wrong(
              'cropped-one-end',
              vec(fullOutput.slice(0, fullOutput.length - 2 * padding)),
              `The length is right, but all ${2 * padding} values were removed from the end; padding ${padding} crops ${padding} from each end.`,
              'transpose-padding-crops',
            )
          : undefined,
        strideOne &&
          wrong(
            'stride-ignored',
            vec(strideOne),
            `This shifts each copy by 1 position instead of by the stride ${stride}, so the output is too short and the overlaps are wrong.`,
          ),
        cropped &&
          (padding === 0
            ? wrong(
                'cropped-without-cropping',
                vec(cropped),
                'This drops the first and last output values, but the question asks for the full output without cropping.',
                'transpose-padding-crops',
              )
            : wrong(
                'forgot-cropping',
                vec(cropped),
                `This is the full output of length ${full}; ${plural(padding, 'value')} must still be removed from each end.`,
                'transpose-padding-crops',
              )),
      ]),
      correctFeedback:
        'Right: scatter a scaled filter copy for each input, shift by the stride, add the overlaps.',
      explanation:
        'A transposed convolution runs a convolution backwards: instead of each output reading a window of the ' +
        'input, each input value writes a scaled copy of the filter into the output, at a position that advances ' +
        `by the stride. With a filter longer than the stride the copies overlap and the overlapping products are ` +
        'summed, which is what the table adds up row by row. Cropping (the `padding` argument in PyTorch) then ' +
        'removes the same number of values from both ends, so the output length is $(n - 1)s + k - 2p$. ' +
        'The filter is used as stored, not flipped: PyTorch computes the gradient of a convolution this way, ' +
        'and a learned filter has no preferred orientation anyway.',
      steps,
      parts,
      hints: {
        nudge:
          'Each input writes a scaled copy of the filter into the output, shifted by the stride; where copies overlap, the values add.',
        formula: `$y_o = \\sum_{i, k \\,:\\, i s + k${padding > 0 ? ' - p' : ''} = o} x_i f_k$ with $s = ${stride}$${padding > 0 ? `, $p = ${padding}$` : ''}`,
        firstStep: firstCopyStep,
      },
      entryHint: `the ${plural(y.length, 'output value')}, $y_0$ first`,
    },
    { fixed },
  );
}

/** 1-D transposed convolution output with its contribution table. */
export const convTranspose1dTemplate: TemplateDefinition = {
  id: 'conv-transpose1d',
  topic: 'upsampling',
  title: 'Transposed convolution in 1-D: output values',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    x: {
      kind: 'numbers',
      minLength: 1,
      maxLength: 10,
      description: 'the input signal (default: drawn)',
    },
    w: { kind: 'numbers', minLength: 1, maxLength: 6, description: 'the filter (default: drawn)' },
    stride: {
      kind: 'int',
      min: 1,
      max: 4,
      description: 'stride (default 2 at level 1, 2–3 above)',
    },
    padding: {
      kind: 'int',
      min: 0,
      max: 3,
      description:
        'values cropped from each end of the full output (default 0 at level 1, 0–1 at level 2, 0–2 at level 3)',
    },
    preset: {
      kind: 'enum',
      values: ['source'],
      description: 'source: x = [5,4,3,2,1], f = [1,2,3,4], stride 2, no cropping',
    },
  },
  draw,
};
