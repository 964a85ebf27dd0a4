/**
 * Shared pieces of the segmentation templates: drawing masks and writing out Σa, Σb and Σab.
 */
import { fmt, latexMatrix } from './format';
import type { Rng } from './rng';

type Matrix = number[][];

/** Decimal places of the mask values drawn at each level. */
export function maskDecimals(level: 1 | 2 | 3): number {
  return level === 3 ? 2 : 1;
}

/** A size×size mask of values k/10^decimals in [0, 1], or hard 0/1 when `binary`. */
export function drawMask(rng: Rng, size: number, decimals: number, binary: boolean): Matrix {
  return Array.from({ length: size }, () =>
    binary ? rng.ints(size, 0, 1) : rng.decimals(size, 0, 1, decimals),
  );
}

/** The sums the Dice and IoU formulas need. */
export interface MaskSums {
  readonly sumA: number;
  readonly sumB: number;
  readonly sumAB: number;
}

/** Σa, Σb, Σab (rounded to 8 places to drop binary noise of decimal inputs). */
export function maskSums(a: Matrix, b: Matrix): MaskSums {
  let sumA = 0;
  let sumB = 0;
  let sumAB = 0;
  for (let r = 0; r < a.length; r++) {
    for (let c = 0; c < a[r].length; c++) {
      sumA += a[r][c];
      sumB += b[r][c];
      sumAB += a[r][c] * b[r][c];
    }
  }
  const round = (x: number) => Math.round(x * 1e8) / 1e8;
  return { sumA: round(sumA), sumB: round(sumB), sumAB: round(sumAB) };
}

/** Values at or above 0.5 become 1, the rest 0. */
export function threshold(m: Matrix): Matrix {
  return m.map((row) => row.map((v) => (v >= 0.5 ? 1 : 0)));
}

/** The stem sentence showing both masks. */
export function masksText(a: Matrix, b: Matrix): string {
  return `ground-truth mask $$A = ${latexMatrix(a, 4)}$$ and predicted mask $$B = ${latexMatrix(b, 4)}$$`;
}

/** Steps computing Σab (products listed), Σa and Σb. */
export function sumSteps(a: Matrix, b: Matrix, sums: MaskSums): string[] {
  const products = a
    .flatMap((row, r) => row.map((v, c) => [v, b[r][c]] as const))
    .filter(([va, vb]) => va !== 0 && vb !== 0)
    .map(([va, vb]) => `${fmt(va, 4)} \\cdot ${fmt(vb, 4)}`);
  const productText = products.length === 0 ? '0' : products.join(' + ');
  return [
    `Element-wise products, summed (cells where either mask is 0 contribute nothing): $\\sum a_i b_i = ${productText} = ${fmt(sums.sumAB, 6)}$.`,
    `Mask totals: $\\sum a_i = ${fmt(sums.sumA, 6)}$, $\\sum b_i = ${fmt(sums.sumB, 6)}$.`,
  ];
}
