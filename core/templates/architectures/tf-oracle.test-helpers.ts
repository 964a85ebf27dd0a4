/**
 * Test oracle for the code-reading templates: reads the PyTorch layer code a stem shows with its
 * own regular expressions and rebuilds the layers in TensorFlow.js (channels-first), whose
 * weights and output shapes are then the independent count. PyTorch's explicit padding p becomes
 * a ZeroPadding2D of p before a 'valid' layer; groups g (other than depthwise) becomes g separate
 * convolutions of C_in/g → C_out/g channels, which is what a grouped convolution is.
 */
import * as tf from '@tensorflow/tfjs';
import { expect, vi } from 'vitest';
import { answerValues } from '../format';
import type { Problem } from '../types';

/** One PyTorch layer as read from its code. */
export interface TorchLayer {
  readonly kind: 'conv' | 'linear' | 'bn' | 'relu' | 'maxpool' | 'flatten';
  readonly inC: number;
  readonly outC: number;
  readonly k: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly groups: number;
  readonly bias: boolean;
}

const NONE = { inC: 0, outC: 0, k: 0, stride: 1, padding: 0, dilation: 1, groups: 1, bias: false };

function keyword(code: string, name: string, dflt: number): number {
  const m = new RegExp(`\\b${name}=(\\d+)`).exec(code);
  return m === null ? dflt : Number(m[1]);
}

/** Reads `nn.Conv2d(...)`, `nn.Linear(...)`, `nn.BatchNorm2d(c)`, `nn.ReLU()`, `nn.MaxPool2d(k)`, `nn.Flatten()`. */
export function parseTorchLayer(code: string): TorchLayer {
  const bias = !/bias=False/.test(code);
  let m = /^nn\.Conv2d\((\d+), (\d+), kernel_size=(\d+)/.exec(code);
  if (m !== null)
    return {
      kind: 'conv',
      inC: Number(m[1]),
      outC: Number(m[2]),
      k: Number(m[3]),
      stride: keyword(code, 'stride', 1),
      padding: keyword(code, 'padding', 0),
      dilation: keyword(code, 'dilation', 1),
      groups: keyword(code, 'groups', 1),
      bias,
    };
  m = /^nn\.Linear\((\d+), (\d+)/.exec(code);
  if (m !== null) return { ...NONE, kind: 'linear', inC: Number(m[1]), outC: Number(m[2]), bias };
  m = /^nn\.BatchNorm2d\((\d+)\)$/.exec(code);
  if (m !== null) return { ...NONE, kind: 'bn', inC: Number(m[1]), outC: Number(m[1]) };
  m = /^nn\.MaxPool2d\((\d+)\)$/.exec(code);
  if (m !== null) return { ...NONE, kind: 'maxpool', k: Number(m[1]), stride: Number(m[1]) };
  if (code === 'nn.ReLU()') return { ...NONE, kind: 'relu' };
  if (code === 'nn.Flatten()') return { ...NONE, kind: 'flatten' };
  throw new Error(`cannot read layer code: ${code}`);
}

/** The layers inside `name = nn.Sequential(` … `)` of a fenced Python snippet. */
export function sequentialLayers(stem: string, name: string): string[] {
  const start = stem.indexOf(`${name} = nn.Sequential(`);
  if (start < 0) throw new Error(`no nn.Sequential named ${name}`);
  const body = stem.slice(start).split('\n').slice(1);
  const end = body.findIndex((l) => l.trim() === ')');
  return body.slice(0, end).map((l) => l.trim().replace(/,$/, ''));
}

/** Switches tfjs to its CPU backend quietly (call in `beforeAll`). */
export async function useCpuBackend(): Promise<void> {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  warn.mockRestore();
}

function size(shape: readonly (number | null)[]): number {
  return shape.reduce<number>((a, b) => a * (b ?? NaN), 1);
}

/** Trainable and all (trainable + non-trainable) weight counts of built tfjs layers. */
export interface WeightCount {
  readonly trainable: number;
  readonly all: number;
}

/** Weight counts of built layers. */
export function weightCount(layers: readonly tf.layers.Layer[]): WeightCount {
  let trainable = 0;
  let all = 0;
  for (const l of layers) {
    trainable += l.trainableWeights.reduce((n, w) => n + size(w.shape), 0);
    all += l.weights.reduce((n, w) => n + size(w.shape), 0);
  }
  return { trainable, all };
}

const ZEROS = { kernelInitializer: 'zeros', biasInitializer: 'zeros' } as const;

/**
 * Applies one layer to a symbolic channels-first tensor and returns its output and the tfjs
 * layers it built (a grouped convolution applies its groups to channel slices of the input).
 */
export function applyTorchLayer(
  layer: TorchLayer,
  x: tf.SymbolicTensor,
): { y: tf.SymbolicTensor; layers: tf.layers.Layer[] } {
  const built: tf.layers.Layer[] = [];
  const use = (l: tf.layers.Layer, input: tf.SymbolicTensor | tf.SymbolicTensor[]) => {
    built.push(l);
    return l.apply(input) as tf.SymbolicTensor;
  };
  switch (layer.kind) {
    case 'conv': {
      const padded =
        layer.padding > 0
          ? use(tf.layers.zeroPadding2d({ padding: layer.padding, dataFormat: 'channelsFirst' }), x)
          : x;
      const common = {
        kernelSize: layer.k,
        strides: layer.stride,
        dilationRate: layer.dilation,
        useBias: layer.bias,
        dataFormat: 'channelsFirst' as const,
        padding: 'valid' as const,
        ...ZEROS,
      };
      if (layer.groups === 1) {
        return {
          y: use(tf.layers.conv2d({ ...common, filters: layer.outC }), padded),
          layers: built,
        };
      }
      if (layer.groups === layer.inC && layer.outC === layer.inC) {
        const dw = tf.layers.depthwiseConv2d({
          ...common,
          depthMultiplier: 1,
          depthwiseInitializer: 'zeros',
        });
        return { y: use(dw, padded), layers: built };
      }
      // g convolutions, each reading its own C_in/g channels (a symbolic input of that slice's
      // shape), concatenated on the channel axis.
      const [, c, h, w] = padded.shape as number[];
      const outs: tf.SymbolicTensor[] = [];
      for (let g = 0; g < layer.groups; g++) {
        const slice = tf.input({ shape: [c / layer.groups, h, w] });
        outs.push(use(tf.layers.conv2d({ ...common, filters: layer.outC / layer.groups }), slice));
      }
      return { y: use(tf.layers.concatenate({ axis: 1 }), outs), layers: built };
    }
    case 'linear':
      return {
        y: use(tf.layers.dense({ units: layer.outC, useBias: layer.bias, ...ZEROS }), x),
        layers: built,
      };
    case 'bn':
      return { y: use(tf.layers.batchNormalization({ axis: 1 }), x), layers: built };
    case 'relu':
      return { y: use(tf.layers.activation({ activation: 'relu' }), x), layers: built };
    case 'maxpool':
      return {
        y: use(
          tf.layers.maxPooling2d({
            poolSize: layer.k,
            strides: layer.stride,
            dataFormat: 'channelsFirst',
          }),
          x,
        ),
        layers: built,
      };
    case 'flatten':
      return { y: use(tf.layers.flatten(), x), layers: built };
    default:
      throw new Error('unknown layer');
  }
}

/** One layer's output shape (batch dimension dropped) and weight counts. */
export interface TorchRow {
  readonly shape: number[];
  readonly count: WeightCount;
}

/**
 * Runs layers through tfjs on a (C, H, W) or (F) input, row by row; undefined when a layer does
 * not fit (tfjs refuses a kernel larger than its input).
 */
export function traceLayers(
  layers: readonly TorchLayer[],
  input: readonly number[],
): TorchRow[] | undefined {
  let x = tf.input({ shape: [...input] });
  const rows: TorchRow[] = [];
  for (const layer of layers) {
    let out: { y: tf.SymbolicTensor; layers: tf.layers.Layer[] };
    try {
      out = applyTorchLayer(layer, x);
    } catch {
      return undefined;
    }
    x = out.y;
    const shape = (x.shape as number[]).slice(1);
    if (shape.some((d) => !(d > 0))) return undefined;
    rows.push({ shape, count: weightCount(out.layers) });
  }
  return rows;
}

/** {@link traceLayers} of PyTorch layer code; throws when the code does not fit its input. */
export function traceTorchCode(codes: readonly string[], input: readonly number[]): TorchRow[] {
  const rows = traceLayers(codes.map(parseTorchLayer), input);
  if (rows === undefined) throw new Error(`the layers do not fit (${input.join(', ')})`);
  return rows;
}

/** Sum of the trainable weights of the rows. */
export function trainableTotal(rows: readonly TorchRow[]): number {
  return rows.reduce((n, r) => n + r.count.trainable, 0);
}

/** Frees the weights of every tfjs layer built so far (call after each seed). */
export function releaseWeights(): void {
  tf.disposeVariables();
}

/** The value the named mistake gives in the drawn problem, or undefined if it was not drawn. */
export function candidate(problem: Problem, id: string): number | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value)[0];
}

/** The mistake is drawn with this value, or left out when it would give the key or nothing. */
export function expectMistake(problem: Problem, id: string, value: number | undefined): void {
  const key = answerValues(problem.answer)[0];
  if (value === undefined || value === key || value <= 0)
    expect(candidate(problem, id), id).toBeUndefined();
  else expect(candidate(problem, id), id).toBe(value);
}
