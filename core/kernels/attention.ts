/**
 * Attention kernels: scaled dot-product attention, the parameter count of PyTorch's
 * `nn.MultiheadAttention`, and the sinusoidal positional encoding of the Transformer.
 */
import { softmax } from './activations';
import {
  KernelArgError,
  requireFiniteResult,
  requireMatrix,
  requireNonNegativeInt,
  requirePositiveInt,
  requirePositiveNumber,
} from './validate';

/** Which axis of the score matrix the softmax normalises (rows are queries, columns keys). */
export type SoftmaxAxis = 'keys' | 'queries';

/** Options of {@link scaledDotProductAttention}; the defaults are the Transformer's. */
export interface AttentionOptions {
  /** The scores QKᵀ are divided by this (default √d_k). */
  readonly divisor?: number;
  /** Default `keys`: each query's weights over the keys sum to 1. */
  readonly axis?: SoftmaxAxis;
}

/** The intermediate and final values of one attention computation. */
export interface AttentionResult {
  /** QKᵀ, one row per query, one column per key (before scaling). */
  readonly scores: number[][];
  /** softmax of the scaled scores, same shape. */
  readonly weights: number[][];
  /** weights · V, one row per query. */
  readonly output: number[][];
}

function matMul(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  return a.map((row) =>
    b[0].map((_, j) => {
      let s = 0;
      for (let k = 0; k < row.length; k++) s += row[k] * b[k][j];
      return s;
    }),
  );
}

/**
 * Attention(Q, K, V) = softmax(QKᵀ / √d_k) · V with the rows of `q`, `k` and `v` the queries,
 * keys and values (as `F.scaled_dot_product_attention` takes them). `q` and `k` share the width
 * d_k; `k` and `v` have one row per key. `options` exist to reproduce the usual mistakes.
 */
export function scaledDotProductAttention(
  q: number[][],
  k: number[][],
  v: number[][],
  options: AttentionOptions = {},
): AttentionResult {
  const qs = requireMatrix('q', q);
  const ks = requireMatrix('k', k);
  const vs = requireMatrix('v', v);
  if (qs[0].length !== ks[0].length) {
    throw new KernelArgError(
      'k',
      `queries have width ${qs[0].length} but keys have width ${ks[0].length}`,
    );
  }
  if (vs.length !== ks.length) {
    throw new KernelArgError('v', `has ${vs.length} rows but there are ${ks.length} keys`);
  }
  const divisor = requirePositiveNumber('divisor', options.divisor ?? Math.sqrt(qs[0].length));
  const axis = options.axis ?? 'keys';
  const scores = matMul(
    qs,
    ks[0].map((_, j) => ks.map((row) => row[j])),
  );
  const scaled = scores.map((row) => row.map((s) => s / divisor));
  let weights: number[][];
  if (axis === 'keys') {
    weights = scaled.map((row) => softmax(row));
  } else if (axis === 'queries') {
    const columns = scaled[0].map((_, j) => softmax(scaled.map((row) => row[j])));
    weights = scaled.map((row, i) => row.map((_, j) => columns[j][i]));
  } else {
    throw new KernelArgError('axis', `must be "keys" or "queries", got ${String(axis)}`);
  }
  const output = matMul(weights, vs);
  for (const row of output) requireFiniteResult('q', row);
  return { scores, weights, output };
}

/** Options of {@link multiheadAttentionParams} (PyTorch's constructor arguments). */
export interface MultiheadAttentionOptions {
  /** Default true: in_proj_bias (3E) and out_proj.bias (E). */
  readonly bias?: boolean;
  /** Width of the keys (default E); then k_proj is E × kdim. */
  readonly kdim?: number;
  /** Width of the values (default E); then v_proj is E × vdim. */
  readonly vdim?: number;
}

/** The parameters of `nn.MultiheadAttention`, by group. */
export interface MultiheadAttentionParams {
  /** Query, key and value projection weights: E² + E·kdim + E·vdim (3E² by default). */
  readonly inProjWeight: number;
  /** 3E with bias, else 0. */
  readonly inProjBias: number;
  /** E² + E with bias, else E². */
  readonly outProj: number;
  readonly total: number;
}

/**
 * Parameter count of `nn.MultiheadAttention(embed_dim, num_heads, bias, kdim, vdim)`. The heads
 * split E into num_heads slices of E / num_heads, so they do not change the count; num_heads
 * must divide E, as PyTorch requires.
 */
export function multiheadAttentionParams(
  embedDim: number,
  numHeads: number,
  options: MultiheadAttentionOptions = {},
): MultiheadAttentionParams {
  const e = requirePositiveInt('embedDim', embedDim);
  const h = requirePositiveInt('numHeads', numHeads);
  if (e % h !== 0) {
    throw new KernelArgError('numHeads', `must divide embedDim ${e}, got ${h}`);
  }
  const kdim = requirePositiveInt('kdim', options.kdim ?? e);
  const vdim = requirePositiveInt('vdim', options.vdim ?? e);
  const bias = options.bias ?? true;
  const inProjWeight = e * e + e * kdim + e * vdim;
  const inProjBias = bias ? 3 * e : 0;
  const outProj = e * e + (bias ? e : 0);
  return { inProjWeight, inProjBias, outProj, total: inProjWeight + inProjBias + outProj };
}

/**
 * The sinusoidal positional encoding of "Attention is all you need" at position `pos` for a model
 * width `dModel` (even): PE(pos, 2i) = sin(pos / 10000^{2i/d}), PE(pos, 2i+1) = cos(pos / 10000^{2i/d}).
 */
export function sinusoidalEncoding(pos: number, dModel: number): number[] {
  const p = requireNonNegativeInt('pos', pos);
  const d = requirePositiveInt('dModel', dModel);
  if (d % 2 !== 0) throw new KernelArgError('dModel', `must be even, got ${d}`);
  const out = new Array<number>(d);
  for (let i = 0; i < d / 2; i++) {
    const angle = p / 10000 ** ((2 * i) / d);
    out[2 * i] = Math.sin(angle);
    out[2 * i + 1] = Math.cos(angle);
  }
  return out;
}
