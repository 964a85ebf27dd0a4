/**
 * `maxpool-unpool`: 2×2 max pooling (stride 2) that remembers its switches, then max unpooling of
 * a modified pooled map; the answer is the unpooled map.
 */
import { maxPool2d, maxUnpool2d } from '../kernels';
import { matrixAnswer, present, wrong } from './answers';
import { fmt, latexMatrix } from './format';
import type { Rng } from './rng';
import { Redraw, TemplateError } from './types';
import type { ParamBag, Problem, TemplateDefinition } from './types';

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
  return {
    stem:
      `A 2×2 max-pooling layer with stride 2 that remembers where each maximum came from (its switches) is applied to the ` +
      `feature map $$X = ${latexMatrix(x, 4)}$$\n\nAfter a few more layers, the pooled map has become ` +
      `$P = ${latexMatrix(newY, 4)}$, and a max-unpooling layer upsamples it with the switches saved by that pooling layer. ` +
      `What is the output of the unpooling layer?`,
    answer: mat(answer),
    distractors: present([
      wrong(
        'pooled-indices-column-major',
        mat(maxUnpool2d(newY, columnMajor, shape)),
        `The switches are flat row-major indices: index $i$ is row $\\lfloor i / ${w} \\rfloor$, column $i \\bmod ${w}$. Reading them column-major moves values to the wrong cells.`,
      ),
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
      `Max pooling, flat row-major index $r \\cdot ${w} + c$: ${switches.join('; ')}.`,
      `Unpooling writes each value of $P$ at its window's switch, zeros elsewhere: ${placements.join(', ')}.`,
    ],
    entryHint: `the ${h}×${w} unpooled map`,
  };
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
    pooled: {
      kind: 'matrix',
      maxRows: 4,
      maxCols: 4,
      description: 'the pooled map that reaches the unpooling layer (default: drawn)',
    },
  },
  draw,
};
