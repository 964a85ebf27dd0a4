import { KernelArgError, requireNonNegativeInt, requirePositiveInt } from './validate';

/**
 * Output length of a convolution or pooling along one axis (PyTorch's formula):
 * out = ⌊(in + 2p − d·(k − 1) − 1) / s⌋ + 1, where d·(k − 1) + 1 is the dilated kernel's extent.
 * Same as ⌊(in + 2p − k)/s⌋ + 1 when d = 1. Errors when the (dilated) kernel does not fit the
 * padded input (the result would be < 1). The argument is called `in` in the `compute` op.
 */
export function convOutputSize(
  input: number,
  kernel: number,
  stride = 1,
  padding = 0,
  dilation = 1,
): number {
  requirePositiveInt('in', input);
  requirePositiveInt('kernel', kernel);
  requirePositiveInt('stride', stride);
  requireNonNegativeInt('padding', padding);
  requirePositiveInt('dilation', dilation);
  const extent = dilation * (kernel - 1) + 1;
  const padded = input + 2 * padding;
  if (extent > padded) {
    throw new KernelArgError(
      'kernel',
      `the ${dilation > 1 ? `dilated kernel spans ${extent}` : `kernel ${kernel}`}, more than the padded input ${padded} (in ${input}, padding ${padding})`,
    );
  }
  return Math.floor((padded - extent) / stride) + 1;
}

/**
 * Output length of a transposed convolution along one axis (PyTorch, no output padding):
 * out = (in − 1)·s − 2p + d·(k − 1) + 1. Errors when the cropping leaves nothing (out < 1).
 */
export function convTransposeOutputSize(
  input: number,
  kernel: number,
  stride = 1,
  padding = 0,
  dilation = 1,
): number {
  requirePositiveInt('in', input);
  requirePositiveInt('kernel', kernel);
  requirePositiveInt('stride', stride);
  requireNonNegativeInt('padding', padding);
  requirePositiveInt('dilation', dilation);
  const out = (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + 1;
  if (out < 1) {
    throw new KernelArgError(
      'padding',
      `cropping ${padding} from each end leaves nothing (full length ${out + 2 * padding})`,
    );
  }
  return out;
}
