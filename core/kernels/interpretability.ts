/**
 * Interpretability kernels: Grad-CAM channel weights and map.
 */
import { KernelArgError, requireTensor } from './validate';

/** Grad-CAM of one class at one layer. */
export interface GradCam {
  /** α_k = mean over the H×W positions of ∂y/∂A_k (global-average-pooled gradients). */
  readonly weights: number[];
  /** Σ_k α_k·A_k before the ReLU. */
  readonly weighted: number[][];
  /** ReLU(Σ_k α_k·A_k): the class-activation map. */
  readonly map: number[][];
}

/**
 * Grad-CAM (Selvaraju et al.): for K feature maps A_k (K×H×W) and the gradients of the class score
 * with respect to them (same shape), α_k = (1/HW)·Σ_ij ∂y/∂A_k[i][j] and the map is
 * ReLU(Σ_k α_k·A_k), not upsampled or normalised.
 */
export function gradCam(
  activations: readonly (readonly (readonly number[])[])[],
  gradients: readonly (readonly (readonly number[])[])[],
): GradCam {
  const shape = requireTensor('activations', activations, 3);
  const g = requireTensor('gradients', gradients, 3);
  if (g.some((d, i) => d !== shape[i]))
    throw new KernelArgError(
      'gradients',
      `must have the shape of activations (${shape.join('×')}), got ${g.join('×')}`,
    );
  const [k, h, w] = shape;
  const weights = gradients.map((plane) => {
    let s = 0;
    for (const row of plane) for (const v of row) s += v;
    return s / (h * w);
  });
  const weighted = Array.from({ length: h }, (_, i) =>
    Array.from({ length: w }, (_, j) => {
      let s = 0;
      for (let c = 0; c < k; c++) s += weights[c] * activations[c][i][j];
      return s;
    }),
  );
  return { weights, weighted, map: weighted.map((row) => row.map((v) => Math.max(0, v))) };
}
