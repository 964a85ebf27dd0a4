import {
  requireFiniteNumber,
  requireFiniteResult,
  requirePositiveNumber,
  requireVector,
  requireVectorOrMatrix,
} from './validate';

/**
 * Softmax with temperature T > 0: p_i = exp(z_i / T) / Σ_j exp(z_j / T). Computed stably as
 * exp((z_i − max z) / T) / Σ_j exp((z_j − max z) / T), which is the same value without overflow.
 * The result sums to 1; T > 1 flattens it, T < 1 sharpens it towards the arg-max.
 */
export function softmax(z: number[], temperature = 1): number[] {
  requireVector('z', z);
  requirePositiveNumber('temperature', temperature);
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const e = z.map((v) => Math.exp((v - max) / temperature));
  let sum = 0;
  for (const v of e) sum += v;
  const p = e.map((v) => v / sum);
  requireFiniteResult('z', p);
  return p;
}

/** Leaky ReLU of a vector. */
export function leakyRelu(x: number[], alpha: number): number[];
/** Leaky ReLU of a matrix. */
export function leakyRelu(x: number[][], alpha: number): number[][];
/** Leaky ReLU of a vector or a matrix (same shape out). */
export function leakyRelu(x: number[] | number[][], alpha: number): number[] | number[][];
/**
 * Leaky ReLU, element-wise, same shape out: f(v) = v for v > 0, α·v otherwise (so f(0) = 0).
 * `alpha` is the negative-side slope, typically small (0.01); α = 0 is the plain ReLU.
 */
export function leakyRelu(x: number[] | number[][], alpha: number): number[] | number[][] {
  const checked = requireVectorOrMatrix('x', x);
  requireFiniteNumber('alpha', alpha);
  const f = (v: number): number => (v > 0 ? v : alpha * v);
  if (Array.isArray(checked[0])) {
    const y = (checked as number[][]).map((row) => row.map(f));
    for (const row of y) requireFiniteResult('alpha', row);
    return y;
  }
  const y = (checked as number[]).map(f);
  requireFiniteResult('alpha', y);
  return y;
}
