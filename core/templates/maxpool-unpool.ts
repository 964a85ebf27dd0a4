/**
 * `maxpool-unpool`: 2×2 max pooling (stride 2) that remembers its switches, then max unpooling of
 * a modified pooled map; the answer is the unpooled map. The stem shows either the map before
 * pooling (the learner finds the switches) or, at level 3, what PyTorch's pooling returns: the
 * pooled map and its flat row-major indices (the learner decodes them).
 */
import { poolingFigure } from '../figures';
import { maxPool2d, maxUnpool2d } from '../kernels';
import { matrixAnswer, present, wrong } from './answers';
import { finishDraw } from './draw-rules';
import { fmt, latexMatrix } from './format';
import type { Rng } from './rng';
import { Redraw, TemplateError } from './types';
import type { ParamBag, Problem, ProblemPart, TemplateDefinition } from './types';

type Matrix = number[][];

const KERNEL = 2;

/** An H×W map whose every 2×2 window has a unique maximum. */
function drawMap(rng: Rng, size: number, lo: number, hi: number): Matrix {
  const x = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let r = 0; r < size; r += KERNEL) {
    for (let c = 0; c < size; c += KERNEL) {
      for (let tries = 0; ; tries++) {
        const values = rng.ints(KERNEL * KERNEL, lo, hi);
        const max = Math.max(...values);
        if (values.filter((v) => v === max).length === 1 || tries > 20) {
          values.forEach((v, i) => (x[r + Math.floor(i / KERNEL)][c + (i % KERNEL)] = v));
          break;
        }
      }
    }
  }
  return x;
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const [size, lo, hi] = level === 1 ? [4, 0, 9] : level === 2 ? [4, 0, 50] : [6, -20, 50];
  const fixedMap = p.matrix('map');
  const x = fixedMap?.map((row) => [...row]) ?? drawMap(rng, size, lo, hi);
  const [h, w] = [x.length, x[0].length];
  if (h % KERNEL !== 0 || w % KERNEL !== 0 || h < KERNEL || w < KERNEL) {
    throw new TemplateError('param map: height and width must be even');
  }
  const pooled = maxPool2d(x, KERNEL, KERNEL);
  const ph = pooled.y.length;
  const pw = pooled.y[0].length;
  for (let r = 0; r < h; r += KERNEL) {
    for (let c = 0; c < w; c += KERNEL) {
      const window = [x[r][c], x[r][c + 1], x[r + 1][c], x[r + 1][c + 1]];
      const max = Math.max(...window);
      if (window.filter((v) => v === max).length > 1) {
        if (fixedMap !== undefined)
          throw new TemplateError('param map: every 2×2 window needs a unique maximum');
        throw new Redraw('tied maximum');
      }
    }
  }
  const fixedNew = p.matrix('pooled');
  const newY =
    fixedNew?.map((row) => [...row]) ??
    Array.from({ length: ph }, () =>
      rng.ints(pw, level === 3 ? -20 : 1, level === 1 ? 9 : 50).map((v) => (v === 0 ? 1 : v)),
    );
  if (newY.length !== ph || newY[0].length !== pw) {
    throw new TemplateError(`param pooled: must be ${ph}×${pw}`);
  }
  const shape: [number, number] = [h, w];
  const show = p.str('show') ?? (level === 3 ? 'indices' : 'map');
  const answer = maxUnpool2d(newY, pooled.indices, shape);
  const columnMajor = pooled.indices.map((row) =>
    row.map((index) => {
      const r = index % h;
      const c = Math.floor(index / h);
      return r * w + c;
    }),
  );
  const topLeft = pooled.indices.map((row, r) => row.map((_, c) => r * KERNEL * w + c * KERNEL));
  const copies = Array.from({ length: h }, (_, r) =>
    Array.from({ length: w }, (_, c) => newY[Math.floor(r / KERNEL)][Math.floor(c / KERNEL)]),
  );
  const mat = (m: Matrix) => matrixAnswer(m, 4);
  const where = (index: number) => `(${Math.floor(index / w)}, ${index % w})`;
  const switches = pooled.indices.flatMap((row, r) =>
    row.map(
      (index, c) =>
        `window rows ${r * KERNEL}–${r * KERNEL + 1}, columns ${c * KERNEL}–${c * KERNEL + 1}: max ${fmt(pooled.y[r][c], 4)} at ${where(index)}, index ${index}`,
    ),
  );
  const placements = newY.flatMap((row, r) =>
    row.map((v, c) => `$${fmt(v, 4)}$ → ${where(pooled.indices[r][c])}`),
  );
  const pooledText =
    show === 'indices'
      ? `PyTorch's \`nn.MaxPool2d(2, stride=2, return_indices=True)\` is applied to a $${h} \\times ${w}$ feature map. ` +
        `It returns the pooled map $M = ${latexMatrix(pooled.y, 4)}$ and the indices $I = ${latexMatrix(pooled.indices)}$ ` +
        `of the maxima: flat row-major positions $r \\cdot ${w} + c$ in the $${h} \\times ${w}$ map, as PyTorch numbers them.`
      : `A 2×2 max-pooling layer with stride 2 that remembers where each maximum came from (its switches) is applied to the ` +
        `feature map $$X = ${latexMatrix(x, 4)}$$`;
  const unpoolText =
    show === 'indices'
      ? 'and `nn.MaxUnpool2d(2, stride=2)` upsamples it with the indices $I$.'
      : 'and a max-unpooling layer upsamples it with the switches saved by that pooling layer.';
  const decode = pooled.indices.flatMap((row) => row.map((index) => `${index} → ${where(index)}`));
  const layout = `as a $${ph} \\times ${pw}$ matrix laid out like the windows`;
  const parts: ProblemPart[] =
    show === 'indices'
      ? [
          {
            id: 'switch-rows',
            prompt: `The row of each switch in the $${h} \\times ${w}$ map, $\\lfloor i / ${w} \\rfloor$ for each index $i$ of $I$ (rows numbered from 0), ${layout}.`,
            answer: matrixAnswer(pooled.indices.map((row) => row.map((i) => Math.floor(i / w)))),
            hint: `A flat row-major index counts ${w} cells per row.`,
          },
          {
            id: 'switch-columns',
            prompt: `The column of each switch, $i \\bmod ${w}$ for each index $i$ of $I$ (columns numbered from 0), ${layout}.`,
            answer: matrixAnswer(pooled.indices.map((row) => row.map((i) => i % w))),
            hint: `The remainder after dividing the index by the row length ${w}.`,
          },
        ]
      : [
          {
            id: 'pooled-maxima',
            prompt: `The output of the max-pooling layer: the maximum of each 2×2 window of $X$, ${layout}.`,
            answer: mat(pooled.y),
            hint: 'The windows do not overlap (stride 2): split $X$ into 2×2 blocks.',
          },
          {
            id: 'switch-indices',
            prompt: `The switch of each window as a flat row-major index $r \\cdot ${w} + c$ of the cell holding its maximum (rows and columns of $X$ numbered from 0), ${layout}.`,
            answer: matrixAnswer(pooled.indices),
            hint: `Find the maximum's row $r$ and column $c$ in $X$, then compute $r \\cdot ${w} + c$.`,
          },
        ];
  const switchCells = pooled.indices.map((row) =>
    row.map((index): [number, number] => [Math.floor(index / w), index % w]),
  );
  const unpooledOutput = { caption: 'Unpooled output: P written at the switches', values: answer };
  return finishDraw(
    {
      // The map and its windows are in the stem already; the switches are not drawn here.
      ...(show === 'map' ? { figure: poolingFigure('Feature map X', x, KERNEL) } : {}),
      solutionFigure:
        show === 'map'
          ? poolingFigure('Feature map X', x, KERNEL, {
              switches: switchCells,
              output: unpooledOutput,
            })
          : poolingFigure('Unpooled output, switches from the indices I', answer, KERNEL, {
              switches: switchCells,
            }),
      stem:
        `${pooledText}\n\nAfter a few more layers, the pooled map has become $P = ${latexMatrix(newY, 4)}$, ` +
        `${unpoolText} What is the output of the unpooling layer?`,
      answer: mat(answer),
      distractors: present([
        // Only where the indices are shown can a learner misread them.
        show === 'indices'
          ? wrong(
              'pooled-indices-column-major',
              mat(maxUnpool2d(newY, columnMajor, shape)),
              `The indices are flat row-major: index $i$ is row $\\lfloor i / ${w} \\rfloor$, column $i \\bmod ${w}$. Reading them column-major moves values to the wrong cells.`,
              'row-major-indices',
            )
          : undefined,
        wrong(
          'unpool-to-top-left',
          mat(maxUnpool2d(newY, topLeft, shape)),
          'Unpooling uses the saved switches: each value goes back to the cell where its window had its maximum, not to a fixed corner.',
        ),
        wrong(
          'unpool-original-values',
          mat(maxUnpool2d(pooled.y, pooled.indices, shape)),
          'The positions are right, but unpooling writes the values it receives (the map $P$), not the maxima the pooling layer once saw.',
        ),
        wrong(
          'unpool-copies-to-window',
          mat(copies),
          'Max unpooling puts each value in one cell and zeros elsewhere; filling the whole window is nearest-neighbour upsampling.',
        ),
      ]),
      correctFeedback:
        'Right: every value of $P$ goes back to the switch position of its window, all other cells are 0.',
      explanation:
        'Max pooling keeps the largest value of each window and can remember its position (PyTorch stores it as a ' +
        'flat row-major index, `return_indices=True`). Max unpooling is its partial inverse: it creates a map of ' +
        'zeros of the original size and writes each incoming value back at the remembered position of its window. ' +
        'The positions come from the pooling step; the values come from whatever reaches the unpooling layer.',
      steps: [
        show === 'indices'
          ? `Decode each flat row-major index $i$ as row $\\lfloor i / ${w} \\rfloor$, column $i \\bmod ${w}$: ${decode.join(', ')}.`
          : `Max pooling, flat row-major index $r \\cdot ${w} + c$: ${switches.join('; ')}.`,
        `Unpooling writes each value of $P$ at its window's switch, zeros elsewhere: ${placements.join(', ')}.`,
      ],
      parts,
      hints: {
        nudge:
          'Unpooling puts each incoming value back where the maximum of its window was, and zeros everywhere else.',
        formula: `$Y_{rc} = P_{ab}$ where $(r, c)$ is the switch of window $(a, b)$, flat index $i = r \\cdot ${w} + c$; all other $Y_{rc} = 0$`,
        firstStep: show === 'indices' ? `First index: ${decode[0]}.` : `First ${switches[0]}.`,
      },
      entryHint: `the ${h}×${w} unpooled map`,
    },
    { fixed: fixedMap !== undefined && fixedNew !== undefined },
  );
}

/** Max pooling with switches, then max unpooling. */
export const maxpoolUnpool: TemplateDefinition = {
  id: 'maxpool-unpool',
  topic: 'upsampling',
  title: 'Max pooling with switches, then max unpooling',
  answerKind: 'matrix',
  forms: ['mcq', 'numeric'],
  params: {
    map: {
      kind: 'matrix',
      maxRows: 8,
      maxCols: 8,
      description:
        'the map before pooling, even height and width, unique maximum per 2×2 window (default: drawn 4×4, 6×6 at level 3)',
    },
    show: {
      kind: 'enum',
      values: ['map', 'indices'],
      description:
        "map: the stem shows the map before pooling; indices: it shows PyTorch's pooled map and flat row-major indices instead (default: indices at level 3, else map)",
    },
    pooled: {
      kind: 'matrix',
      maxRows: 4,
      maxCols: 4,
      description: 'the pooled map that reaches the unpooling layer (default: drawn)',
    },
  },
  draw,
};
