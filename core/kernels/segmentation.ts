import { KernelArgError, requireSameShape, requireTensor } from './validate';

/** Σa, Σb and Σab of two same-shape masks with values in [0, 1]. */
function maskSums(a: number[][], b: number[][]): { sumA: number; sumB: number; sumAB: number } {
  const shapeA = requireTensor('a', a, 2);
  requireSameShape('b', requireTensor('b', b, 2), 'a', shapeA);
  let sumA = 0;
  let sumB = 0;
  let sumAB = 0;
  for (let r = 0; r < a.length; r++) {
    for (let c = 0; c < a[r].length; c++) {
      const va = a[r][c];
      const vb = b[r][c];
      if (va < 0 || va > 1)
        throw new KernelArgError('a', `values must be in [0, 1], got ${va} at a[${r}][${c}]`);
      if (vb < 0 || vb > 1)
        throw new KernelArgError('b', `values must be in [0, 1], got ${vb} at b[${r}][${c}]`);
      sumA += va;
      sumB += vb;
      sumAB += va * vb;
    }
  }
  return { sumA, sumB, sumAB };
}

/**
 * Soft Dice coefficient of two same-shape masks (hard 0/1 or soft values in [0, 1]):
 * Dice = 2·Σ a·b / (Σa + Σb), no smoothing term. Symmetric, in [0, 1].
 * Convention: two all-zero masks (Σa + Σb = 0) agree perfectly, Dice = 1.
 */
export function dice(a: number[][], b: number[][]): number {
  const { sumA, sumB, sumAB } = maskSums(a, b);
  const denominator = sumA + sumB;
  if (denominator === 0) return 1;
  return Math.min(1, (2 * sumAB) / denominator);
}

/**
 * Soft intersection over union (Jaccard index) of two same-shape masks with values in [0, 1]:
 * IoU = Σ a·b / (Σa + Σb − Σ a·b), no smoothing term. Symmetric, in [0, 1]; for hard masks
 * IoU = Dice / (2 − Dice). Convention: two all-zero masks give IoU = 1.
 */
export function iou(a: number[][], b: number[][]): number {
  const { sumA, sumB, sumAB } = maskSums(a, b);
  const union = sumA + sumB - sumAB;
  if (union <= 0) return 1;
  return Math.min(1, sumAB / union);
}
