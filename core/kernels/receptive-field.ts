/**
 * Receptive field of a stack of convolution or pooling layers, along one axis.
 *
 * With r₀ = 1 and j₀ = 1 (one input pixel, unit spacing): r_l = r_{l−1} + (k_l − 1)·d_l·j_{l−1}
 * and j_l = j_{l−1}·s_l, where j_{l−1} = ∏ of the strides before layer l is the spacing, in input
 * pixels, between neighbouring units of layer l − 1. Padding does not change the size.
 */
import { KernelArgError, requirePositiveInt } from './validate';

/** One layer of the stack: kernel size, stride (default 1), dilation (default 1). */
export interface FieldLayer {
  readonly kernel: number;
  readonly stride?: number;
  readonly dilation?: number;
}

/** The receptive field and jump after one layer. */
export interface FieldRow {
  /** Side of the input region one unit of this layer sees, in input pixels. */
  readonly receptiveField: number;
  /** Spacing of this layer's units in input pixels (the product of the strides so far). */
  readonly jump: number;
  /** What this layer added to the receptive field: (k − 1)·d·(jump before it). */
  readonly growth: number;
}

/** The receptive field after every layer, and of the whole stack. */
export interface ReceptiveField {
  readonly rows: readonly FieldRow[];
  readonly receptiveField: number;
  readonly jump: number;
}

/** Receptive field of the stack (see the module comment for the recurrence). */
export function receptiveField(layers: readonly FieldLayer[]): ReceptiveField {
  if (!Array.isArray(layers) || layers.length === 0)
    throw new KernelArgError('layers', 'expected at least one layer');
  let r = 1;
  let j = 1;
  const rows: FieldRow[] = layers.map((layer, i) => {
    const k = requirePositiveInt(`layers[${i}].kernel`, layer.kernel);
    const s = requirePositiveInt(`layers[${i}].stride`, layer.stride ?? 1);
    const d = requirePositiveInt(`layers[${i}].dilation`, layer.dilation ?? 1);
    const growth = (k - 1) * d * j;
    r += growth;
    j *= s;
    if (!Number.isSafeInteger(r) || !Number.isSafeInteger(j))
      throw new KernelArgError('layers', 'the receptive field overflows');
    return { receptiveField: r, jump: j, growth };
  });
  return { rows, receptiveField: r, jump: j };
}
