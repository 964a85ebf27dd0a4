/**
 * The keys of the fixed pytorch-code items, checked twice from the code in their stems: with
 * core's `walkSequential` (the layer it refuses and why, or the output shape) and with the same
 * layers rebuilt in TensorFlow.js (the shape each layer really hands on).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { KernelArgError, walkSequential, type LayerSpec } from '../../../core/kernels';
import {
  parseTorchLayer,
  sequentialLayers,
  traceTorchCode,
  useCpuBackend,
  type TorchLayer,
} from '../../../core/templates/architectures/tf-oracle.test-helpers';
import { bankPackSchema, type ChoiceItem } from '../../bank/schema';
import { builtinPack } from '../index';

beforeAll(useCpuBackend);

const items = bankPackSchema.parse(builtinPack).items;

function choice(id: string): ChoiceItem {
  const found = items.find((i) => i.id === id);
  if (found === undefined || found.type !== 'mcq') throw new Error(`no mcq item ${id}`);
  return found;
}

function keyText(item: ChoiceItem): string {
  return item.options.find((o) => o.id === item.answer[0])!.text;
}

/** The model's layers, with products such as `16 * 32 * 32` multiplied out. */
function layersOf(item: ChoiceItem): string[] {
  return sequentialLayers(item.stem, 'model').map((l) =>
    l.replace(/\d+(?: \* \d+)+/g, (m) => String(m.split(' * ').reduce((a, b) => a * Number(b), 1))),
  );
}

function inputOf(item: ChoiceItem): number[] {
  const m = /torch\.randn\(([\d, ]+)\)/.exec(item.stem)!;
  return m[1].split(', ').map(Number);
}

function spec(l: TorchLayer): LayerSpec {
  switch (l.kind) {
    case 'conv':
      return {
        kind: 'conv2d',
        inChannels: l.inC,
        outChannels: l.outC,
        kernel: l.k,
        stride: l.stride,
        padding: l.padding,
        bias: l.bias,
      };
    case 'linear':
      return { kind: 'linear', inFeatures: l.inC, outFeatures: l.outC, bias: l.bias };
    case 'maxpool':
      return { kind: 'maxpool2d', kernel: l.k, stride: l.stride };
    case 'relu':
    case 'flatten':
      return { kind: l.kind };
    default:
      throw new Error(`no spec for ${l.kind}`);
  }
}

/** The error core's walk raises, as [layer index, message]. */
function coreError(item: ChoiceItem): [string, string] {
  try {
    walkSequential(layersOf(item).map(parseTorchLayer).map(spec), inputOf(item));
  } catch (error) {
    if (error instanceof KernelArgError) return [error.arg, error.message];
    throw error;
  }
  throw new Error(`${item.id}: the model runs`);
}

/** Shapes (batch dropped) tfjs gives after each layer before `upTo`. */
function tfShapes(item: ChoiceItem, upTo: number): number[][] {
  const codes = layersOf(item).slice(0, upTo);
  return traceTorchCode(codes, inputOf(item).slice(1)).map((r) => r.shape);
}

describe('pytorch-code fixed items: keys from core and from TensorFlow.js', () => {
  it('pt-linear-after-pool-mismatch: the Linear gets 4096 features and expects 16384', () => {
    const item = choice('pt-linear-after-pool-mismatch');
    const [arg, message] = coreError(item);
    expect(arg).toBe('layers[4]');
    expect(message).toContain('expects 16384 input features, gets 4096');
    const shapes = tfShapes(item, 4);
    expect(shapes[shapes.length - 1]).toEqual([4096]);
    expect(keyText(item)).toContain('4096');
    expect(keyText(item)).toContain('16384');
  });

  it('pt-missing-flatten: without Flatten the Linear sees a last dimension of 13, not 1352', () => {
    const item = choice('pt-missing-flatten');
    const [arg, message] = coreError(item);
    expect(arg).toBe('layers[3]');
    expect(message).toContain('expects 1352 input features, gets 13');
    expect(tfShapes(item, 3)[2]).toEqual([8, 13, 13]);
    expect(keyText(item)).toContain('13');
    expect(keyText(item)).toContain('1352');
  });

  it('pt-conv-channel-mismatch: the second convolution expects 16 channels and gets 32', () => {
    const item = choice('pt-conv-channel-mismatch');
    const [arg, message] = coreError(item);
    expect(arg).toBe('layers[2]');
    expect(message).toContain('expects 16 input channels, gets 32');
    expect(tfShapes(item, 2)[1]).toEqual([32, 64, 64]);
    expect(keyText(item)).toContain('expects 16 input channels and gets 32');
  });

  it('pt-pool-default-stride-shape: (2, 16, 9, 9), and each wrong shape from its mistake', () => {
    const item = choice('pt-pool-default-stride-shape');
    const layers = layersOf(item).map(parseTorchLayer);
    const input = inputOf(item);
    const walk = walkSequential(layers.map(spec), input);
    expect(walk.outputShape).toEqual([2, 16, 9, 9]);
    expect([input[0], ...tfShapes(item, 3)[2]]).toEqual([2, 16, 9, 9]);
    const printed = (id: string) =>
      item.options
        .find((o) => o.id === id)!
        .text.match(/\d+/g)!
        .map(Number);
    expect(printed(item.answer[0])).toEqual([2, 16, 9, 9]);
    // Hand: conv ⌊(60 − 5)/2⌋ + 1 = 28; the pool with stride 2, 1, or no pool, or rounding up.
    const pool = (s: number) =>
      walkSequential([spec(layers[0]), { kind: 'maxpool2d', kernel: 3, stride: s }], input)
        .outputShape;
    expect(printed('stride-2')).toEqual(pool(2));
    expect(printed('stride-1')).toEqual(pool(1));
    expect(printed('no-pool')).toEqual(walkSequential([spec(layers[0])], input).outputShape);
    expect(printed('rounded-up')).toEqual([2, 16, Math.ceil(25 / 3) + 1, Math.ceil(25 / 3) + 1]);
  });
});
