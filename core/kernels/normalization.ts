import { requireFiniteResult, requireMatrixOrTensor4 } from './validate';

/** Per-channel or per-sample statistics: `mean[i]` and biased `var[i]`. */
export interface NormStats {
  readonly mean: number[];
  readonly var: number[];
}

/** The values of each (sample, channel) pair, flattened over H×W (or the single value for N×C). */
function groups(x: number[][] | number[][][][]): number[][][] {
  return (x as unknown[][]).map((sample) =>
    sample.map((channel) =>
      Array.isArray(channel) ? (channel as number[][]).flat() : [channel as number],
    ),
  );
}

/** Two-pass mean and biased variance of `values`. */
function meanAndVar(values: readonly number[]): [number, number] {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return [mean, squares / values.length];
}

/**
 * Batch-normalisation statistics per channel c, over the batch (and the spatial positions):
 * μ_c = (1/M) Σ x[n][c](h,w), σ²_c = (1/M) Σ (x[n][c](h,w) − μ_c)², with M = N (input N×C)
 * or M = N·H·W (input N×C×H×W). Biased variance (divide by M, not M − 1), as frameworks use in
 * training. Samples [4,4,3], [0,2,5], [8,9,1] give mean [4,5,3].
 */
export function batchNormStats(x: number[][] | number[][][][]): NormStats {
  requireMatrixOrTensor4('x', x);
  const g = groups(x);
  const channels = g[0].length;
  const mean: number[] = [];
  const variance: number[] = [];
  for (let c = 0; c < channels; c++) {
    const [m, v] = meanAndVar(g.flatMap((sample) => sample[c]));
    mean.push(m);
    variance.push(v);
  }
  requireFiniteResult('x', mean);
  requireFiniteResult('x', variance);
  return { mean, var: variance };
}

/**
 * Layer-normalisation statistics per sample n, over all its features: μ_n = (1/D) Σ_d x[n][d],
 * σ²_n = (1/D) Σ_d (x[n][d] − μ_n)², with D the row length (input N×D) or C·H·W (input
 * N×C×H×W). Biased variance, as frameworks use.
 */
export function layerNormStats(x: number[][] | number[][][][]): NormStats {
  requireMatrixOrTensor4('x', x);
  const mean: number[] = [];
  const variance: number[] = [];
  for (const sample of groups(x)) {
    const [m, v] = meanAndVar(sample.flat());
    mean.push(m);
    variance.push(v);
  }
  requireFiniteResult('x', mean);
  requireFiniteResult('x', variance);
  return { mean, var: variance };
}
