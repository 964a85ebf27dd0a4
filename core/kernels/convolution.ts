import {
  KernelArgError,
  requireFiniteResult,
  requireMatrix,
  requireNonNegativeInt,
  requirePositiveInt,
  requireVector,
} from './validate';

/**
 * 1-D convolution as deep-learning frameworks define it: cross-correlation (the kernel is not
 * flipped), zero padding of `padding` on both ends, no bias:
 * y[o] = Σ_j w[j] · xp[o·stride + j], xp = x with `padding` zeros each side,
 * output length ⌊(n + 2p − k)/s⌋ + 1. The kernel must fit in the padded input.
 */
export function conv1d(x: number[], w: number[], stride = 1, padding = 0): number[] {
  requireVector('x', x);
  requireVector('w', w);
  requirePositiveInt('stride', stride);
  requireNonNegativeInt('padding', padding);
  const n = x.length;
  const k = w.length;
  if (k > n + 2 * padding) {
    throw new KernelArgError(
      'w',
      `kernel length ${k} exceeds the padded input length ${n + 2 * padding} (x has ${n} values, padding ${padding})`,
    );
  }
  const out = Math.floor((n + 2 * padding - k) / stride) + 1;
  const y = new Array<number>(out);
  for (let o = 0; o < out; o++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const t = o * stride + j - padding;
      if (t >= 0 && t < n) sum += w[j] * x[t];
    }
    y[o] = sum;
  }
  requireFiniteResult('x', y);
  return y;
}

/**
 * 2-D convolution of one H×W map by one kh×kw kernel, frameworks' convention: cross-correlation,
 * zero padding `padding` on all four sides, the same `stride` along both axes, no bias:
 * y[r][c] = Σ_{i,j} w[i][j] · xp[r·s + i][c·s + j], output ⌊(H + 2p − kh)/s⌋ + 1 by
 * ⌊(W + 2p − kw)/s⌋ + 1. The kernel must fit in the padded input.
 */
export function conv2d(x: number[][], w: number[][], stride = 1, padding = 0): number[][] {
  requireMatrix('x', x);
  requireMatrix('w', w);
  requirePositiveInt('stride', stride);
  requireNonNegativeInt('padding', padding);
  const [h, wd] = [x.length, x[0].length];
  const [kh, kw] = [w.length, w[0].length];
  if (kh > h + 2 * padding || kw > wd + 2 * padding) {
    throw new KernelArgError(
      'w',
      `kernel ${kh}×${kw} does not fit the padded input ${h + 2 * padding}×${wd + 2 * padding} (x is ${h}×${wd}, padding ${padding})`,
    );
  }
  const outH = Math.floor((h + 2 * padding - kh) / stride) + 1;
  const outW = Math.floor((wd + 2 * padding - kw) / stride) + 1;
  const y: number[][] = [];
  for (let r = 0; r < outH; r++) {
    const row = new Array<number>(outW);
    for (let c = 0; c < outW; c++) {
      let sum = 0;
      for (let i = 0; i < kh; i++) {
        const xr = r * stride + i - padding;
        if (xr < 0 || xr >= h) continue;
        const xRow = x[xr];
        const wRow = w[i];
        for (let j = 0; j < kw; j++) {
          const xc = c * stride + j - padding;
          if (xc >= 0 && xc < wd) sum += wRow[j] * xRow[xc];
        }
      }
      row[c] = sum;
    }
    requireFiniteResult('x', row);
    y.push(row);
  }
  return y;
}

/** Checks the arguments shared by the 1-D transposed convolutions; returns the output length. */
function transposed1dLength(x: number[], w: number[], stride: number, padding: number): number {
  requireVector('x', x);
  requireVector('w', w);
  requirePositiveInt('stride', stride);
  requireNonNegativeInt('padding', padding);
  const full = (x.length - 1) * stride + w.length;
  const out = full - 2 * padding;
  if (out < 1) {
    throw new KernelArgError(
      'padding',
      `cropping ${padding} from each end of the full output (length ${full}) leaves nothing`,
    );
  }
  return out;
}

/**
 * 1-D transposed convolution (PyTorch `ConvTranspose1d` convention, no bias, no output padding):
 * every input value scatters a scaled copy of the kernel, x[i]·w placed at i·stride, into a
 * full output of length (n − 1)·s + k, overlaps add up; then `padding` values are cropped from
 * each end, giving (n − 1)·s + k − 2p. It is the adjoint of {@link conv1d} with the same w, s, p.
 * [5,4,3,2,1] by [1,2,3,4], stride 2, no cropping → [5,10,19,28,15,22,11,16,7,10,3,4].
 */
export function convTranspose1d(x: number[], w: number[], stride: number, padding = 0): number[] {
  const out = transposed1dLength(x, w, stride, padding);
  const y = new Array<number>(out).fill(0);
  for (let i = 0; i < x.length; i++) {
    for (let k = 0; k < w.length; k++) {
      const o = i * stride + k - padding;
      if (o >= 0 && o < out) y[o] += x[i] * w[k];
    }
  }
  requireFiniteResult('x', y);
  return y;
}

/** One product x[i]·w[k] that lands on an output position of a transposed convolution. */
export interface ConvTransposeTerm {
  readonly i: number;
  readonly k: number;
  readonly product: number;
}

/**
 * {@link convTranspose1d} with its working shown: for every output position (after cropping),
 * the terms x[i]·w[k] with i·stride + k − padding equal to that position, in order of i, and
 * y[o] = the sum of those terms (summed in the same order, so y equals `convTranspose1d` exactly).
 * A position no kernel copy reaches (stride > kernel length) has no terms and y = 0.
 */
export function convTranspose1dContributions(
  x: number[],
  w: number[],
  stride: number,
  padding = 0,
): { y: number[]; terms: ConvTransposeTerm[][] } {
  const out = transposed1dLength(x, w, stride, padding);
  const y = new Array<number>(out).fill(0);
  const terms: ConvTransposeTerm[][] = Array.from({ length: out }, () => []);
  for (let i = 0; i < x.length; i++) {
    for (let k = 0; k < w.length; k++) {
      const o = i * stride + k - padding;
      if (o >= 0 && o < out) {
        const product = x[i] * w[k];
        y[o] += product;
        terms[o].push({ i, k, product });
      }
    }
  }
  requireFiniteResult('x', y);
  return { y, terms };
}

/**
 * 2-D transposed convolution of one H×W map by one kh×kw kernel (PyTorch `ConvTranspose2d`,
 * no bias): x[r][c]·w is added at (r·s, c·s) into a full ((H − 1)s + kh) × ((W − 1)s + kw)
 * output, then `padding` rows and columns are cropped from each side. The adjoint of
 * {@link conv2d} with the same w, s, p.
 */
export function convTranspose2d(
  x: number[][],
  w: number[][],
  stride: number,
  padding = 0,
): number[][] {
  requireMatrix('x', x);
  requireMatrix('w', w);
  requirePositiveInt('stride', stride);
  requireNonNegativeInt('padding', padding);
  const [h, wd] = [x.length, x[0].length];
  const [kh, kw] = [w.length, w[0].length];
  const fullH = (h - 1) * stride + kh;
  const fullW = (wd - 1) * stride + kw;
  const outH = fullH - 2 * padding;
  const outW = fullW - 2 * padding;
  if (outH < 1 || outW < 1) {
    throw new KernelArgError(
      'padding',
      `cropping ${padding} from each side of the full output (${fullH}×${fullW}) leaves nothing`,
    );
  }
  const y: number[][] = Array.from({ length: outH }, () => new Array<number>(outW).fill(0));
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < wd; c++) {
      const v = x[r][c];
      for (let i = 0; i < kh; i++) {
        const yr = r * stride + i - padding;
        if (yr < 0 || yr >= outH) continue;
        const yRow = y[yr];
        const wRow = w[i];
        for (let j = 0; j < kw; j++) {
          const yc = c * stride + j - padding;
          if (yc >= 0 && yc < outW) yRow[yc] += v * wRow[j];
        }
      }
    }
  }
  for (const row of y) requireFiniteResult('x', row);
  return y;
}
