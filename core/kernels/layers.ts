/**
 * Shapes and parameter counts of PyTorch layers, and a walker over an `nn.Sequential` of them.
 *
 * Conventions (PyTorch's): tensors are channels-first, (N, C, H, W) for images and (N, F) after
 * `nn.Flatten()` (start_dim = 1); `bias=True` by default; `nn.MaxPool2d(k)` / `nn.AvgPool2d(k)`
 * use stride = k unless given, floor rounding (ceil_mode=False), no dilation; `nn.BatchNorm2d`
 * has learnable γ and β (affine=True) and keeps running_mean / running_var as buffers, which are
 * not parameters. Sizes follow {@link convOutputSize} and the transposed formula
 * (in − 1)·s − 2p + d·(k − 1) + output_padding + 1.
 */
import { unreachable } from '../types';
import { convOutputSize, convTransposeOutputSize } from './shapes';
import { KernelArgError, requireNonNegativeInt, requirePositiveInt } from './validate';

/** `nn.Conv2d(in, out, kernel_size, stride, padding, dilation, groups, bias)`, square kernels. */
export interface Conv2dSpec {
  readonly kind: 'conv2d';
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride?: number;
  readonly padding?: number;
  readonly dilation?: number;
  readonly groups?: number;
  /** Default true, as in PyTorch. */
  readonly bias?: boolean;
}

/** `nn.ConvTranspose2d(in, out, kernel_size, stride, padding, output_padding, groups, bias)`. */
export interface ConvTranspose2dSpec {
  readonly kind: 'conv-transpose2d';
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride?: number;
  readonly padding?: number;
  readonly outputPadding?: number;
  readonly groups?: number;
  readonly bias?: boolean;
}

/** `nn.Linear(in_features, out_features, bias)`: acts on the last dimension. */
export interface LinearSpec {
  readonly kind: 'linear';
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly bias?: boolean;
}

/** `nn.BatchNorm2d(num_features, affine)`: γ and β per channel when affine (default true). */
export interface BatchNorm2dSpec {
  readonly kind: 'batchnorm2d';
  readonly numFeatures: number;
  readonly affine?: boolean;
}

/** `nn.MaxPool2d(kernel_size, stride, padding)` or `nn.AvgPool2d(…)`; stride defaults to the kernel. */
export interface Pool2dSpec {
  readonly kind: 'maxpool2d' | 'avgpool2d';
  readonly kernel: number;
  readonly stride?: number;
  readonly padding?: number;
}

/** `nn.Flatten()`: (N, C, H, W) → (N, C·H·W). */
export interface FlattenSpec {
  readonly kind: 'flatten';
}

/** `nn.ReLU()`: element-wise, no parameters. */
export interface ReluSpec {
  readonly kind: 'relu';
}

/** One layer of an `nn.Sequential`. */
export type LayerSpec =
  | Conv2dSpec
  | ConvTranspose2dSpec
  | LinearSpec
  | BatchNorm2dSpec
  | Pool2dSpec
  | FlattenSpec
  | ReluSpec;

/** The layer as PyTorch code, e.g. `nn.Conv2d(3, 16, kernel_size=3, padding=1)`. */
export function layerCode(layer: LayerSpec): string {
  const opt = (name: string, value: number | boolean | undefined, dflt: number | boolean) =>
    value === undefined || value === dflt
      ? ''
      : `, ${name}=${typeof value === 'boolean' ? (value ? 'True' : 'False') : value}`;
  switch (layer.kind) {
    case 'conv2d':
      return (
        `nn.Conv2d(${layer.inChannels}, ${layer.outChannels}, kernel_size=${layer.kernel}` +
        `${opt('stride', layer.stride, 1)}${opt('padding', layer.padding, 0)}` +
        `${opt('dilation', layer.dilation, 1)}${opt('groups', layer.groups, 1)}${opt('bias', layer.bias, true)})`
      );
    case 'conv-transpose2d':
      return (
        `nn.ConvTranspose2d(${layer.inChannels}, ${layer.outChannels}, kernel_size=${layer.kernel}` +
        `${opt('stride', layer.stride, 1)}${opt('padding', layer.padding, 0)}` +
        `${opt('output_padding', layer.outputPadding, 0)}${opt('groups', layer.groups, 1)}${opt('bias', layer.bias, true)})`
      );
    case 'linear':
      return `nn.Linear(${layer.inFeatures}, ${layer.outFeatures}${opt('bias', layer.bias, true)})`;
    case 'batchnorm2d':
      return `nn.BatchNorm2d(${layer.numFeatures}${opt('affine', layer.affine, true)})`;
    case 'maxpool2d':
    case 'avgpool2d': {
      const name = layer.kind === 'maxpool2d' ? 'MaxPool2d' : 'AvgPool2d';
      return `nn.${name}(${layer.kernel}${opt('stride', layer.stride, layer.kernel)}${opt('padding', layer.padding, 0)})`;
    }
    case 'flatten':
      return 'nn.Flatten()';
    case 'relu':
      return 'nn.ReLU()';
    default:
      throw unreachable(layer);
  }
}

function requireGroups(arg: string, groups: number, inC: number, outC: number): void {
  requirePositiveInt(`${arg}.groups`, groups);
  if (inC % groups !== 0)
    throw new KernelArgError(
      `${arg}.groups`,
      `in_channels ${inC} is not divisible by groups ${groups}`,
    );
  if (outC % groups !== 0)
    throw new KernelArgError(
      `${arg}.groups`,
      `out_channels ${outC} is not divisible by groups ${groups}`,
    );
}

/**
 * Learnable parameters of one layer:
 * Conv2d: out·(in/groups)·k² (+ out biases); ConvTranspose2d: in·(out/groups)·k² (+ out);
 * Linear: in·out (+ out); BatchNorm2d: 2·C (γ, β) when affine, else 0; pooling, Flatten, ReLU: 0.
 */
export function layerParamCount(layer: LayerSpec, arg = 'layer'): number {
  switch (layer.kind) {
    case 'conv2d':
    case 'conv-transpose2d': {
      const inC = requirePositiveInt(`${arg}.inChannels`, layer.inChannels);
      const outC = requirePositiveInt(`${arg}.outChannels`, layer.outChannels);
      const k = requirePositiveInt(`${arg}.kernel`, layer.kernel);
      const groups = layer.groups ?? 1;
      requireGroups(arg, groups, inC, outC);
      const weights =
        layer.kind === 'conv2d' ? outC * (inC / groups) * k * k : inC * (outC / groups) * k * k;
      return weights + (layer.bias === false ? 0 : outC);
    }
    case 'linear': {
      const inF = requirePositiveInt(`${arg}.inFeatures`, layer.inFeatures);
      const outF = requirePositiveInt(`${arg}.outFeatures`, layer.outFeatures);
      return inF * outF + (layer.bias === false ? 0 : outF);
    }
    case 'batchnorm2d':
      requirePositiveInt(`${arg}.numFeatures`, layer.numFeatures);
      return layer.affine === false ? 0 : 2 * layer.numFeatures;
    case 'maxpool2d':
    case 'avgpool2d':
    case 'flatten':
    case 'relu':
      return 0;
    default:
      throw unreachable(layer);
  }
}

function requireShape(arg: string, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.length === 0)
    throw new KernelArgError(arg, 'expected a non-empty shape');
  shape.forEach((d, i) => requirePositiveInt(`${arg}[${i}]`, d));
}

function requireImage(arg: string, what: string, shape: readonly number[]): void {
  if (shape.length !== 4)
    throw new KernelArgError(
      arg,
      `${what} expects a 4-D (N, C, H, W) input, got shape (${shape.join(', ')})`,
    );
}

/**
 * Output shape of one layer for an input of shape `input` (batch first). Errors, naming `arg`
 * and the layer's code, when the input does not fit: a channel count other than the layer's
 * in_channels, a Linear whose in_features differ from the last dimension, a kernel larger than
 * the padded input, a 2-D tensor into a Conv2d.
 */
export function layerOutputShape(
  layer: LayerSpec,
  input: readonly number[],
  arg = 'layer',
): number[] {
  requireShape(`${arg} input`, input);
  const code = layerCode(layer);
  const fail = (detail: string) => new KernelArgError(arg, `${code}: ${detail}`);
  switch (layer.kind) {
    case 'conv2d':
    case 'conv-transpose2d': {
      layerParamCount(layer, arg);
      requireImage(arg, code, input);
      const [n, c, h, w] = input;
      if (c !== layer.inChannels)
        throw fail(
          `expects ${layer.inChannels} input channels, gets ${c} (shape (${input.join(', ')}))`,
        );
      const s = layer.stride ?? 1;
      const p = layer.padding ?? 0;
      try {
        if (layer.kind === 'conv2d') {
          const d = layer.dilation ?? 1;
          return [
            n,
            layer.outChannels,
            convOutputSize(h, layer.kernel, s, p, d),
            convOutputSize(w, layer.kernel, s, p, d),
          ];
        }
        const op = requireNonNegativeInt(`${arg}.outputPadding`, layer.outputPadding ?? 0);
        if (op >= s) throw fail(`output_padding ${op} must be smaller than the stride ${s}`);
        return [
          n,
          layer.outChannels,
          convTransposeOutputSize(h, layer.kernel, s, p) + op,
          convTransposeOutputSize(w, layer.kernel, s, p) + op,
        ];
      } catch (error) {
        if (error instanceof KernelArgError && error.arg !== arg) throw fail(error.message);
        throw error;
      }
    }
    case 'linear': {
      layerParamCount(layer, arg);
      const last = input[input.length - 1];
      if (input.length < 2)
        throw fail(`expects a batch of feature vectors, got shape (${input.join(', ')})`);
      if (last !== layer.inFeatures)
        throw fail(
          `expects ${layer.inFeatures} input features, gets ${last} (shape (${input.join(', ')}))`,
        );
      return [...input.slice(0, -1), layer.outFeatures];
    }
    case 'batchnorm2d':
      layerParamCount(layer, arg);
      requireImage(arg, code, input);
      if (input[1] !== layer.numFeatures)
        throw fail(`expects ${layer.numFeatures} channels, gets ${input[1]}`);
      return [...input];
    case 'maxpool2d':
    case 'avgpool2d': {
      requireImage(arg, code, input);
      const k = requirePositiveInt(`${arg}.kernel`, layer.kernel);
      const s = requirePositiveInt(`${arg}.stride`, layer.stride ?? k);
      const p = requireNonNegativeInt(`${arg}.padding`, layer.padding ?? 0);
      if (2 * p > k) throw fail(`padding ${p} must be at most half the kernel size ${k}`);
      const [n, c, h, w] = input;
      try {
        return [n, c, convOutputSize(h, k, s, p), convOutputSize(w, k, s, p)];
      } catch (error) {
        if (error instanceof KernelArgError) throw fail(error.message);
        throw error;
      }
    }
    case 'flatten':
      if (input.length < 2) throw fail(`needs a batch dimension, got shape (${input.join(', ')})`);
      return [input[0], input.slice(1).reduce((a, b) => a * b, 1)];
    case 'relu':
      return [...input];
    default:
      throw unreachable(layer);
  }
}

/** One row of the shape-and-parameter table of an `nn.Sequential`. */
export interface SequentialRow {
  /** Position in the Sequential, from 0 (as PyTorch numbers its children). */
  readonly index: number;
  readonly layer: LayerSpec;
  /** The layer as PyTorch code. */
  readonly code: string;
  readonly outputShape: readonly number[];
  readonly params: number;
}

/** The walk of an `nn.Sequential`: its table, final shape and total parameters. */
export interface SequentialWalk {
  readonly rows: readonly SequentialRow[];
  readonly outputShape: readonly number[];
  readonly totalParams: number;
}

/**
 * Passes a tensor of shape `input` through the layers in order, as `nn.Sequential` does, and
 * returns the output shape and parameter count after each layer. A layer that does not fit its
 * input throws {@link KernelArgError} with arg `layers[i]` and the layer's code.
 */
export function walkSequential(
  layers: readonly LayerSpec[],
  input: readonly number[],
): SequentialWalk {
  if (!Array.isArray(layers) || layers.length === 0)
    throw new KernelArgError('layers', 'expected at least one layer');
  requireShape('input', input);
  const rows: SequentialRow[] = [];
  let shape: readonly number[] = input;
  let total = 0;
  layers.forEach((layer, index) => {
    const arg = `layers[${index}]`;
    shape = layerOutputShape(layer, shape, arg);
    const params = layerParamCount(layer, arg);
    total += params;
    rows.push({ index, layer, code: layerCode(layer), outputShape: shape, params });
  });
  return { rows, outputShape: shape, totalParams: total };
}
