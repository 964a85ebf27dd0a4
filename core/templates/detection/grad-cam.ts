/**
 * `grad-cam`: the Grad-CAM map of a class at one layer from K feature maps and the gradients of
 * the class score: α_k = mean of ∂y/∂A_k over the positions, map = ReLU(Σ_k α_k·A_k).
 */
import { gradCam } from '../../kernels';
import { matrixAnswer, vectorAnswer, wrong } from '../answers';
import { finishDraw, spread } from '../draw-rules';
import { latexMatrix, plural, term } from '../format';
import type { Rng } from '../rng';
import { equalsOrApprox } from '../stats-steps';
import { Redraw, TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

type Maps = number[][][];

const DECIMALS = 2;

/** Square maps given as one flattened row per channel. */
function toMaps(name: string, rows: readonly (readonly number[])[]): Maps {
  const size = Math.round(Math.sqrt(rows[0].length));
  if (size * size !== rows[0].length || size < 2)
    throw new TemplateError(`${name}: each row is one channel's square map, row by row`);
  return rows.map((row) =>
    Array.from({ length: size }, (_, i) => row.slice(i * size, (i + 1) * size)),
  );
}

function fixedMaps(p: ParamBag): { acts: Maps; grads: Maps; size: number } | undefined {
  const a = p.matrix('a');
  const g = p.matrix('g');
  if (a === undefined && g === undefined) return undefined;
  if (a === undefined || g === undefined) throw new TemplateError('give a and g together');
  if (a.length !== g.length || a[0].length !== g[0].length)
    throw new TemplateError('g: must have the shape of a');
  const acts = toMaps('a', a);
  return { acts, grads: toMaps('g', g), size: acts[0].length };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const given = fixedMaps(p);
  const k = given?.acts.length ?? (level === 1 ? 2 : 3);
  const size = given?.size ?? (level === 3 ? 3 : 2);
  const acts: Maps =
    given?.acts ??
    Array.from({ length: k }, () => Array.from({ length: size }, () => rng.ints(size, 0, 5)));
  // The first channel's gradients lean positive, the second's negative, so the weighted sum has
  // cells of both signs (and the ReLU matters) in most draws.
  const grads: Maps =
    given?.grads ??
    Array.from({ length: k }, (_, c) =>
      Array.from({ length: size }, () => rng.ints(size, c === 1 ? -3 : -1, c === 1 ? 1 : 3)),
    );
  const cam = gradCam(acts, grads);
  const flatMap = cam.map.flat();
  const flatWeighted = cam.weighted.flat();
  if (!flatWeighted.some((v) => v < 0) || !flatWeighted.some((v) => v > 0)) {
    if (given !== undefined) throw new TemplateError('the weighted sum needs cells of both signs');
    throw new Redraw('the weighted sum needs positive and negative cells');
  }
  const positions = size * size;
  const m = (x: number[][]) => matrixAnswer(x, DECIMALS);
  const relu = (x: number[][]) => x.map((row) => row.map((v) => Math.max(0, v)));
  const pixelwise = relu(
    acts[0].map((row, i) =>
      row.map((_, j) => acts.reduce((s, a, c) => s + a[i][j] * grads[c][i][j], 0)),
    ),
  );
  const unweighted = acts[0].map((row, i) =>
    row.map((_, j) => acts.reduce((s, a) => s + a[i][j], 0)),
  );
  const weightsText = cam.weights
    .map((w, c) => `\\alpha_${c + 1} ${equalsOrApprox(w, 4)}`)
    .join(', ');
  const mapsText = (maps: Maps, symbol: string) =>
    maps.map((x, c) => `$${symbol}_${c + 1} = ${latexMatrix(x)}$`).join(', ');
  const cell = (i: number, j: number) =>
    cam.weights.map((w, c) => `${term(w, 4)} \\cdot ${term(acts[c][i][j])}`).join(' + ');
  return finishDraw(
    {
      stem:
        `A CNN's last convolutional layer has ${k} feature maps of size ${size}×${size}: ${mapsText(acts, 'A')}. ` +
        `Back-propagating the score $y^c$ of the class "cat" gives the gradients ${mapsText(grads, 'G')}, where ` +
        `$G_k = \\partial y^c / \\partial A_k$.\n\nCompute the Grad-CAM map as Selvaraju et al. define it: ` +
        `$\\alpha_k$ is the mean of $G_k$ over all ${positions} positions, and the map is $\\text{ReLU}\\big(\\sum_k \\alpha_k A_k\\big)$ ` +
        '(no upsampling or normalisation). What is the map?',
      answer: m(cam.map),
      entryHint: `the ${positions} values of the ${size}×${size} map, row by row, comma-separated`,
      distractors: [
        wrong(
          'gradcam-no-relu',
          m(cam.weighted),
          'Grad-CAM keeps only the positive evidence for the class: negative cells of the weighted sum are set to 0 by the ReLU.',
        ),
        wrong(
          'gradcam-summed-gradients',
          m(relu(cam.weighted.map((row) => row.map((v) => v * positions)))),
          `The weights are the global-average-pooled gradients: divide each gradient sum by the ${positions} positions.`,
        ),
        wrong(
          'gradcam-pixelwise-gradients',
          m(pixelwise),
          'Multiplying gradient and activation cell by cell is a gradient × input saliency map; Grad-CAM first pools each gradient map to one weight per channel.',
        ),
        wrong(
          'gradcam-unweighted',
          m(unweighted),
          'Without the weights every channel counts alike, whatever the class; the gradients decide how much each channel matters for this class.',
        ),
      ],
      correctFeedback:
        'Right: one weight per channel from the mean gradient, then a ReLU of the weighted sum of the maps.',
      parts: [
        {
          id: 'weights',
          prompt: `The channel weights $[\\alpha_1, \\dots, \\alpha_${k}]$.`,
          answer: vectorAnswer(cam.weights, 4),
          hint: `Add the ${positions} entries of each gradient map and divide by ${positions}.`,
        },
        {
          id: 'weighted-sum',
          prompt: 'The weighted sum $\\sum_k \\alpha_k A_k$ before the ReLU.',
          answer: matrixAnswer(cam.weighted, 4),
          hint: 'At each position, multiply each channel’s activation by its weight and add over the channels.',
        },
      ],
      hints: {
        nudge:
          'Grad-CAM turns each gradient map into a single number, the importance of that channel for the class.',
        formula:
          '$\\alpha_k = \\frac{1}{HW}\\sum_{i,j} \\frac{\\partial y^c}{\\partial A_k^{ij}}$, $L^c = \\text{ReLU}\\big(\\sum_k \\alpha_k A_k\\big)$',
        firstStep: `$${weightsText}$.`,
      },
      explanation:
        'Grad-CAM asks which places of the last convolutional feature maps raise the class score. The gradient of the ' +
        'score with respect to a feature map, averaged over the positions (global average pooling), says how much that ' +
        'channel matters for the class: $\\alpha_k$. The weighted sum of the maps localises the evidence, and the ReLU keeps ' +
        'only the regions that increase the score (negative values belong to other classes). In practice the coarse map is ' +
        'then upsampled to the image size. Summing instead of averaging only rescales the map; a cell-by-cell product of ' +
        'gradient and activation is a different, noisier saliency method.',
      steps: [
        `Weights (mean gradient per channel): $${weightsText}$.`,
        `Top-left cell: $${cell(0, 0)} ${equalsOrApprox(cam.weighted[0][0], 4)}$.`,
        `Weighted sum: $${latexMatrix(cam.weighted, 4)}$; the ReLU sets ${plural(flatWeighted.filter((v) => v < 0).length, 'negative cell')} to 0.`,
        `Map: $${latexMatrix(cam.map, DECIMALS)}$.`,
      ],
      needs: [spread('Grad-CAM map', flatMap)],
    },
    { fixed: given !== undefined },
  );
}

/** Grad-CAM map from feature maps and gradients. */
export const gradCamTemplate: TemplateDefinition = {
  id: 'grad-cam',
  topic: 'interpretability',
  title: 'Grad-CAM map from feature maps and their gradients',
  answerKind: 'matrix',
  forms: ['mcq', 'numeric'],
  params: {
    a: {
      kind: 'matrix',
      maxRows: 3,
      maxCols: 9,
      description:
        'feature maps, one row per channel holding its square map row by row (default: drawn)',
    },
    g: {
      kind: 'matrix',
      maxRows: 3,
      maxCols: 9,
      description: 'gradients of the class score, laid out as a (default: drawn)',
    },
  },
  draw,
};
