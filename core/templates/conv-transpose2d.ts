/**
 * `conv-transpose2d`: the output of a 2-D transposed convolution of a small input (2×2 by
 * default) by a 2×2 or 3×3 kernel, worked as a sum of shifted, scaled kernel copies.
 */
import { convTransposeGrid2d } from '../figures';
import { convTranspose2d } from '../kernels';
import { ifValid, matrixAnswer, numberAnswer, present, vectorAnswer, wrong } from './answers';
import { finishDraw } from './draw-rules';
import { fmt, latexMatrix, plural } from './format';
import type { Rng } from './rng';
import type { ParamBag, Problem, ProblemPart, TemplateDefinition } from './types';

type Matrix = number[][];

/**
 * Calls `place` for every product x[r][c]·w[i][j] that lands inside the cropped output, at its
 * output cell (yr, yc) = (r·s + i − p, c·s + j − p), in the order the copies are stamped.
 */
function forEachPlacement(
  x: Matrix,
  w: Matrix,
  stride: number,
  padding: number,
  place: (yr: number, yc: number, product: number) => void,
): void {
  const outH = (x.length - 1) * stride + w.length - 2 * padding;
  const outW = (x[0].length - 1) * stride + w[0].length - 2 * padding;
  for (let r = 0; r < x.length; r++) {
    for (let c = 0; c < x[0].length; c++) {
      for (let i = 0; i < w.length; i++) {
        for (let j = 0; j < w[0].length; j++) {
          const yr = r * stride + i - padding;
          const yc = c * stride + j - padding;
          if (yr >= 0 && yr < outH && yc >= 0 && yc < outW) place(yr, yc, x[r][c] * w[i][j]);
        }
      }
    }
  }
}

/** The mistaken rule "forgot to add overlapping contributions": later copies overwrite. */
export function convTranspose2dOverwrite(
  x: Matrix,
  w: Matrix,
  stride: number,
  padding: number,
): Matrix {
  const outH = (x.length - 1) * stride + w.length - 2 * padding;
  const outW = (x[0].length - 1) * stride + w[0].length - 2 * padding;
  const y = Array.from({ length: outH }, () => new Array<number>(outW).fill(0));
  forEachPlacement(x, w, stride, padding, (yr, yc, product) => (y[yr][yc] = product));
  return y;
}

/**
 * The first output cell, in reading order and numbered after cropping, on which two or more
 * kernel copies land; undefined when the copies never overlap (stride at least the kernel size).
 */
function firstOverlap(
  x: Matrix,
  w: Matrix,
  stride: number,
  padding: number,
): [number, number] | undefined {
  const count = new Map<string, number>();
  let first: [number, number] | undefined;
  forEachPlacement(x, w, stride, padding, (yr, yc) => {
    const n = (count.get(`${yr},${yc}`) ?? 0) + 1;
    count.set(`${yr},${yc}`, n);
    const before = first === undefined || yr < first[0] || (yr === first[0] && yc < first[1]);
    if (n === 2 && before) first = [yr, yc];
  });
  return first;
}

const rotate180 = (w: Matrix): Matrix => w.map((row) => [...row].reverse()).reverse();
const transpose = (w: Matrix): Matrix => w[0].map((_, j) => w.map((row) => row[j]));

function drawSetup(
  rng: Rng,
  level: 1 | 2 | 3,
): { x: Matrix; w: Matrix; stride: number; padding: number } {
  const grid = (h: number, wd: number, lo: number, hi: number) =>
    Array.from({ length: h }, () => rng.ints(wd, lo, hi));
  if (level === 1) return { x: grid(2, 2, 1, 4), w: grid(2, 2, 0, 3), stride: 1, padding: 0 };
  if (level === 2)
    return { x: grid(2, 2, 1, 5), w: grid(3, 3, 0, 3), stride: rng.int(1, 2), padding: 0 };
  const x = Array.from({ length: 2 }, () => [rng.nonZeroInt(-3, 5), rng.nonZeroInt(-3, 5)]);
  return { x, w: grid(3, 3, -2, 3), stride: 2, padding: rng.int(0, 1) };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const drawn = drawSetup(rng, p.level);
  const x = p.matrix('x')?.map((row) => [...row]) ?? drawn.x;
  const w = p.matrix('w')?.map((row) => [...row]) ?? drawn.w;
  const stride = p.int('stride') ?? drawn.stride;
  const padding = p.int('padding') ?? drawn.padding;
  const y = convTranspose2d(x, w, stride, padding);
  const [h, wd, kh, kw] = [x.length, x[0].length, w.length, w[0].length];
  const fullH = (h - 1) * stride + kh;
  const fullW = (wd - 1) * stride + kw;
  const full = padding > 0 ? convTranspose2d(x, w, stride, 0) : y;
  const cropText =
    padding === 0
      ? 'without cropping'
      : `cropping ${padding} from every side of the full output (padding ${padding})`;
  const stem =
    `The input $X = ${latexMatrix(x, 4)}$ is upsampled by a 2-D transposed convolution with the kernel ` +
    `$W = ${latexMatrix(w, 4)}$, stride ${stride}, ${cropText}. Follow PyTorch's \`ConvTranspose2d\`: each input value ` +
    `$x_{rc}$ adds $x_{rc} \\cdot W$ into the output with its top-left corner at $(r \\cdot ${stride}, c \\cdot ${stride})$, and the ` +
    `kernel is not flipped. What is the output?`;
  const mat = (m: Matrix) => matrixAnswer(m, 4);
  const copies = x.flatMap((row, r) =>
    row.map(
      (v, c) =>
        `$x_{${r}${c}} = ${fmt(v, 4)}$ adds $${fmt(v, 4)} \\cdot W = ${latexMatrix(
          w.map((wr) => wr.map((wv) => v * wv)),
          4,
        )}$ at rows ${r * stride}–${r * stride + kh - 1}, columns ${c * stride}–${c * stride + kw - 1}`,
    ),
  );
  const steps = [
    `Each input value places a scaled copy of the kernel into the output, its top-left corner at $(r \\cdot s, c \\cdot s)$ with $s = ${stride}$; overlapping copies add up. The full output is $${fullH} \\times ${fullW}$ (each side: $(n - 1)s + k$).`,
    ...copies.map((text) => `${text}.`),
    `Adding the copies gives the full output $${latexMatrix(full, 4)}$.`,
  ];
  if (padding > 0) {
    steps.push(
      `Cropping ${plural(padding, 'row')} and ${plural(padding, 'column')} from every side leaves the $${y.length} \\times ${y[0].length}$ output.`,
    );
  }
  const strideOne = stride === 1 ? undefined : ifValid(() => convTranspose2d(x, w, 1, padding));
  const cropped = padding === 0 ? ifValid(() => convTranspose2d(x, w, stride, 1)) : full;
  const fixed = p.matrix('x') !== undefined && p.matrix('w') !== undefined;
  const overlap = firstOverlap(x, w, stride, padding);
  const parts: ProblemPart[] = [
    {
      id: 'output-shape',
      prompt: `The number of rows and the number of columns of the output${padding > 0 ? ' after cropping' : ''}, rows first.`,
      answer: vectorAnswer([y.length, y[0].length]),
      hint: `Each side is $(n - 1)s + k${padding > 0 ? ' - 2p' : ''}$ long.`,
    },
    {
      id: 'first-copy',
      prompt: `The scaled kernel copy $x_{00} \\cdot W$ that the top-left input value writes, with its top-left corner at row 0, column 0 of the full${padding > 0 ? ' (uncropped)' : ''} output.`,
      answer: mat(w.map((row) => row.map((wv) => x[0][0] * wv))),
      hint: `Multiply every kernel value by $x_{00} = ${fmt(x[0][0], 4)}$.`,
    },
    ...(overlap !== undefined
      ? [
          {
            id: 'first-overlap',
            prompt: `The output value at row ${overlap[0]}, column ${overlap[1]} (numbered from 0${padding > 0 ? ' after cropping' : ''}): the first position, reading row by row, on which two or more kernel copies overlap.`,
            answer: numberAnswer(y[overlap[0]][overlap[1]], 4),
            hint: 'Find every product $x_{rc} \\cdot W_{ij}$ that lands on this position and add them.',
          },
        ]
      : []),
  ];
  return finishDraw(
    {
      stem,
      solutionFigure: convTransposeGrid2d(x, w, stride, padding),
      answer: mat(y),
      distractors: present([
        wrong(
          'forgot-overlap-sum',
          mat(convTranspose2dOverwrite(x, w, stride, padding)),
          'Where kernel copies overlap, the products must be added; this answer lets the later copy overwrite the earlier one.',
        ),
        strideOne &&
          wrong(
            'stride-ignored',
            mat(strideOne),
            `This moves each copy by 1 instead of by the stride ${stride}.`,
          ),
        wrong(
          'flipped-kernel',
          mat(convTranspose2d(x, rotate180(w), stride, padding)),
          "This rotates the kernel by 180°. PyTorch's transposed convolution places the kernel as it is stored.",
          'transpose-no-flip',
        ),
        wrong(
          'kernel-transposed',
          mat(convTranspose2d(x, transpose(w), stride, padding)),
          'This uses $W^T$: rows and columns of the kernel were swapped.',
        ),
        cropped &&
          (padding === 0
            ? wrong(
                'cropped-without-cropping',
                mat(cropped),
                'This removes the border of the output, but no cropping was asked for.',
                'transpose-padding-crops',
              )
            : wrong(
                'forgot-cropping',
                mat(cropped),
                `This is the full output; ${plural(padding, 'row')} and ${plural(padding, 'column')} must still be cropped from every side.`,
                'transpose-padding-crops',
              )),
      ]),
      correctFeedback:
        'Right: one scaled kernel copy per input value, shifted by the stride, overlaps summed.',
      explanation:
        'In a 2-D transposed convolution every input value stamps a copy of the kernel, scaled by that value, onto ' +
        'the output grid; moving one input step moves the stamp by the stride in that direction. Where stamps ' +
        'overlap (kernel larger than the stride) the values add. Each output side is $(n - 1)s + k - 2p$ long, ' +
        'where $p$ rows and columns are cropped from every border. As in PyTorch, the kernel is stamped as stored, ' +
        'without the 180° rotation of a textbook convolution.',
      steps,
      parts,
      hints: {
        nudge:
          'Each input value stamps a scaled copy of the kernel onto the output, shifted by the stride in both directions; where stamps overlap, the values add.',
        formula: `$Y_{ab} = \\sum x_{rc} \\, W_{ij}$ over all $r s + i${padding > 0 ? ' - p' : ''} = a$, $c s + j${padding > 0 ? ' - p' : ''} = b$, with $s = ${stride}$${padding > 0 ? `, $p = ${padding}$` : ''}`,
        firstStep: `${copies[0]}.`,
      },
      entryHint: `the ${y.length}×${y[0].length} output`,
    },
    { fixed },
  );
}

/** 2-D transposed convolution of a small input. */
export const convTranspose2dTemplate: TemplateDefinition = {
  id: 'conv-transpose2d',
  topic: 'upsampling',
  title: 'Transposed convolution in 2-D: output of a small input',
  answerKind: 'matrix',
  forms: ['mcq', 'numeric'],
  params: {
    x: { kind: 'matrix', maxRows: 3, maxCols: 3, description: 'the input (default: a drawn 2×2)' },
    w: {
      kind: 'matrix',
      maxRows: 3,
      maxCols: 3,
      description: 'the kernel (default: 2×2 at level 1, 3×3 above)',
    },
    stride: {
      kind: 'int',
      min: 1,
      max: 3,
      description: 'stride (default 1 at level 1, 1–2 at level 2, 2 at level 3)',
    },
    padding: {
      kind: 'int',
      min: 0,
      max: 2,
      description: 'rows/columns cropped from every side (default 0; 0–1 at level 3)',
    },
  },
  draw,
};
