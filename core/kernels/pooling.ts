import {
  KernelArgError,
  describeValue,
  requireMatrix,
  requirePositiveInt,
  requireSameShape,
  requireTensor,
} from './validate';

/**
 * 2-D max pooling of one H×W map with a square `kernel` window moved by `stride`, no padding,
 * floor output size ⌊(H − k)/s⌋ + 1 by ⌊(W − k)/s⌋ + 1. `y[r][c]` is the window's maximum and
 * `indices[r][c]` where it sits in x, flat and row-major (row·W + col), as PyTorch's
 * `return_indices`. Ties: the first maximum in row-major order wins (strict >).
 */
export function maxPool2d(
  x: number[][],
  kernel: number,
  stride: number,
): { y: number[][]; indices: number[][] } {
  requireMatrix('x', x);
  requirePositiveInt('kernel', kernel);
  requirePositiveInt('stride', stride);
  const [h, w] = [x.length, x[0].length];
  if (kernel > h || kernel > w) {
    throw new KernelArgError(
      'kernel',
      `window ${kernel}×${kernel} does not fit the input ${h}×${w}`,
    );
  }
  const outH = Math.floor((h - kernel) / stride) + 1;
  const outW = Math.floor((w - kernel) / stride) + 1;
  const y: number[][] = [];
  const indices: number[][] = [];
  for (let r = 0; r < outH; r++) {
    const yRow = new Array<number>(outW);
    const iRow = new Array<number>(outW);
    for (let c = 0; c < outW; c++) {
      let best = -Infinity;
      let at = -1;
      for (let i = r * stride; i < r * stride + kernel; i++) {
        for (let j = c * stride; j < c * stride + kernel; j++) {
          if (at < 0 || x[i][j] > best) {
            best = x[i][j];
            at = i * w + j;
          }
        }
      }
      yRow[c] = best;
      iRow[c] = at;
    }
    y.push(yRow);
    indices.push(iRow);
  }
  return { y, indices };
}

/**
 * Max unpooling, the partial inverse of {@link maxPool2d}: an `outputShape` = [H, W] map of zeros
 * with each pooled value y[r][c] put back at its flat row-major index indices[r][c]
 * (row = ⌊index / W⌋, col = index mod W). Indices must be integers in [0, H·W). One index may
 * appear twice only with the same value (overlapping windows that share a maximum, stride <
 * kernel); the same index with two different values is an error, as is an index out of range.
 */
export function maxUnpool2d(
  y: number[][],
  indices: number[][],
  outputShape: [number, number],
): number[][] {
  const yShape = requireTensor('y', y, 2);
  if (!Array.isArray(indices)) {
    throw new KernelArgError(
      'indices',
      `expected a 2-D array of integers, got ${describeValue(indices)}`,
    );
  }
  requireSameShape('indices', requireTensor('indices', indices, 2), 'y', yShape);
  if (!Array.isArray(outputShape) || outputShape.length !== 2) {
    throw new KernelArgError(
      'outputShape',
      `must be [height, width], got ${Array.isArray(outputShape) ? `${outputShape.length} values` : describeValue(outputShape)}`,
    );
  }
  const h = requirePositiveInt('outputShape', outputShape[0]);
  const w = requirePositiveInt('outputShape', outputShape[1]);
  const size = h * w;
  const x: number[][] = Array.from({ length: h }, () => new Array<number>(w).fill(0));
  const placedFrom = new Map<number, [number, number]>();
  for (let r = 0; r < y.length; r++) {
    for (let c = 0; c < y[r].length; c++) {
      const index = indices[r][c];
      if (!Number.isInteger(index)) {
        throw new KernelArgError('indices', `indices[${r}][${c}] must be an integer, got ${index}`);
      }
      if (index < 0 || index >= size) {
        throw new KernelArgError(
          'indices',
          `indices[${r}][${c}] = ${index} is out of range for outputShape ${h}×${w} (valid 0..${size - 1})`,
        );
      }
      const row = Math.floor(index / w);
      const col = index % w;
      const earlier = placedFrom.get(index);
      if (earlier !== undefined && x[row][col] !== y[r][c]) {
        throw new KernelArgError(
          'indices',
          `indices[${r}][${c}] repeats index ${index} (also at indices[${earlier[0]}][${earlier[1]}]) with a different value`,
        );
      }
      placedFrom.set(index, [r, c]);
      x[row][col] = y[r][c];
    }
  }
  return x;
}
