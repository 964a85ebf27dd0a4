/**
 * Layer shapes and parameter counts against TensorFlow.js layers built channels-first (their
 * `outputShape` and trainable weights), hand-derived famous numbers (VGG-16, a ResNet-50
 * bottleneck, LeNet-5), and the errors a layer that does not fit gives.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  layerCode,
  layerOutputShape,
  layerParamCount,
  walkSequential,
  type LayerSpec,
} from './layers';
import { KernelArgError } from './validate';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  warn.mockRestore();
});

/** Trainable parameters of a tfjs layer (BatchNormalization's moving statistics excluded). */
function trainable(layer: tf.layers.Layer): number {
  // A weight's shape is fully known once built; a null dimension would show as NaN.
  return layer.trainableWeights.reduce(
    (n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? NaN), 1),
    0,
  );
}

/**
 * The same network as tfjs layers (channels-first). PyTorch's explicit padding p becomes a
 * ZeroPadding2D of p before a 'valid' layer; a ReLU becomes an activation layer.
 */
function tfModel(layers: readonly LayerSpec[], input: readonly number[]): tf.Sequential {
  const model = tf.sequential();
  let first = true;
  const add = (layer: tf.layers.Layer) => {
    model.add(layer);
    first = false;
  };
  const shapeArg = () => (first ? { inputShape: input.slice(1) } : {});
  for (const l of layers) {
    switch (l.kind) {
      case 'conv2d':
      case 'maxpool2d':
      case 'avgpool2d': {
        const p = l.padding ?? 0;
        if (p > 0)
          add(tf.layers.zeroPadding2d({ padding: p, dataFormat: 'channelsFirst', ...shapeArg() }));
        if (l.kind === 'conv2d') {
          const common = {
            kernelSize: l.kernel,
            strides: l.stride ?? 1,
            dilationRate: l.dilation ?? 1,
            useBias: l.bias !== false,
            dataFormat: 'channelsFirst' as const,
            ...shapeArg(),
          };
          add(
            (l.groups ?? 1) === l.inChannels && l.outChannels === l.inChannels && l.inChannels > 1
              ? tf.layers.depthwiseConv2d({ ...common, depthMultiplier: 1 })
              : tf.layers.conv2d({ ...common, filters: l.outChannels }),
          );
        } else {
          const pool = {
            poolSize: l.kernel,
            strides: l.stride ?? l.kernel,
            dataFormat: 'channelsFirst' as const,
            ...shapeArg(),
          };
          add(
            l.kind === 'maxpool2d'
              ? tf.layers.maxPooling2d(pool)
              : tf.layers.averagePooling2d(pool),
          );
        }
        break;
      }
      case 'conv-transpose2d':
        add(
          tf.layers.conv2dTranspose({
            filters: l.outChannels,
            kernelSize: l.kernel,
            strides: l.stride ?? 1,
            useBias: l.bias !== false,
            dataFormat: 'channelsFirst',
            ...shapeArg(),
          }),
        );
        break;
      case 'linear':
        add(tf.layers.dense({ units: l.outFeatures, useBias: l.bias !== false, ...shapeArg() }));
        break;
      case 'batchnorm2d':
        add(tf.layers.batchNormalization({ axis: 1, ...shapeArg() }));
        break;
      case 'flatten':
        add(tf.layers.flatten(shapeArg()));
        break;
      case 'relu':
        add(tf.layers.activation({ activation: 'relu', ...shapeArg() }));
        break;
      default:
        throw new Error('unknown layer');
    }
  }
  return model;
}

/** A random conv → (BN) → ReLU → pool block stack, then Flatten → Linear, that fits its input. */
const network = fc
  .record({
    size: fc.integer({ min: 8, max: 40 }),
    channels: fc.integer({ min: 1, max: 4 }),
    blocks: fc.array(
      fc.record({
        out: fc.integer({ min: 1, max: 12 }),
        kernel: fc.integer({ min: 1, max: 5 }),
        stride: fc.integer({ min: 1, max: 2 }),
        padding: fc.integer({ min: 0, max: 2 }),
        dilation: fc.integer({ min: 1, max: 2 }),
        bias: fc.boolean(),
        bn: fc.boolean(),
        pool: fc.constantFrom('max', 'avg', 'none'),
        poolKernel: fc.integer({ min: 2, max: 3 }),
        depthwise: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    classes: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ size, channels, blocks, classes }) => {
    const layers: LayerSpec[] = [];
    let c = channels;
    let h = size;
    for (const b of blocks) {
      const depthwise = b.depthwise && c > 1;
      // tfjs's DepthwiseConv2D ignores dilation in its output shape: keep depthwise undilated.
      const dilation = depthwise ? 1 : b.dilation;
      const extent = dilation * (b.kernel - 1) + 1;
      if (extent > h + 2 * b.padding) break;
      const out = depthwise ? c : b.out;
      layers.push({
        kind: 'conv2d',
        inChannels: c,
        outChannels: out,
        kernel: b.kernel,
        stride: b.stride,
        padding: b.padding,
        dilation,
        groups: depthwise ? c : 1,
        bias: b.bias,
      });
      c = out;
      h = Math.floor((h + 2 * b.padding - extent) / b.stride) + 1;
      if (b.bn) layers.push({ kind: 'batchnorm2d', numFeatures: c });
      layers.push({ kind: 'relu' });
      if (b.pool !== 'none' && h >= b.poolKernel) {
        layers.push({ kind: b.pool === 'max' ? 'maxpool2d' : 'avgpool2d', kernel: b.poolKernel });
        h = Math.floor((h - b.poolKernel) / b.poolKernel) + 1;
      }
    }
    layers.push(
      { kind: 'flatten' },
      { kind: 'linear', inFeatures: c * h * h, outFeatures: classes },
    );
    return { layers, input: [2, channels, size, size] };
  });

describe('walkSequential against tfjs layers', () => {
  it('gives every layer the output shape and trainable parameters tfjs gives (300 networks)', () => {
    fc.assert(
      fc.property(network, ({ layers, input }) => {
        const walk = walkSequential(layers, input);
        const model = tfModel(layers, input);
        // Padding layers added for tfjs have no row of their own: compare each real layer.
        const real = model.layers.filter((l) => !l.name.startsWith('zero_padding'));
        expect(real).toHaveLength(walk.rows.length);
        walk.rows.forEach((row, i) => {
          expect(row.outputShape.slice(1), row.code).toEqual(
            (real[i].outputShape as number[]).slice(1),
          );
          expect(row.params, row.code).toBe(trainable(real[i]));
        });
        expect(walk.totalParams).toBe(model.layers.reduce((n, l) => n + trainable(l), 0));
        tf.dispose(model.weights.map((w) => w.read()));
      }),
      { numRuns: 300 },
    );
  });

  it('counts ConvTranspose2d as tfjs does, and crops 2p for padding p', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        (inC, outC, size, kernel, stride, bias) => {
          fc.pre(kernel >= stride);
          const layer: LayerSpec = {
            kind: 'conv-transpose2d',
            inChannels: inC,
            outChannels: outC,
            kernel,
            stride,
            bias,
          };
          const model = tfModel([layer], [1, inC, size, size]);
          const shape = layerOutputShape(layer, [1, inC, size, size]);
          expect(shape.slice(1)).toEqual((model.layers[0].outputShape as number[]).slice(1));
          expect(layerParamCount(layer)).toBe(trainable(model.layers[0]));
          // PyTorch: padding p crops p rows and columns from each side of the full output.
          const full = (size - 1) * stride + kernel;
          if (full > 2) {
            const cropped = layerOutputShape({ ...layer, padding: 1 }, [1, inC, size, size]);
            expect(cropped[2]).toBe(full - 2);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parameter counts, by hand', () => {
  it('grouped and depthwise convolutions divide the input channels among the groups', () => {
    // groups = 4: each of the 32 filters sees 16/4 = 4 channels: 32·4·3·3 = 1152, + 32 biases.
    expect(
      layerParamCount({ kind: 'conv2d', inChannels: 16, outChannels: 32, kernel: 3, groups: 4 }),
    ).toBe(1184);
    // Depthwise 3×3 over 64 channels without bias: 64·1·9 = 576.
    expect(
      layerParamCount({
        kind: 'conv2d',
        inChannels: 64,
        outChannels: 64,
        kernel: 3,
        groups: 64,
        bias: false,
      }),
    ).toBe(576);
    // BatchNorm2d(64): γ and β, 128; running_mean and running_var are buffers.
    expect(layerParamCount({ kind: 'batchnorm2d', numFeatures: 64 })).toBe(128);
    expect(layerParamCount({ kind: 'batchnorm2d', numFeatures: 64, affine: false })).toBe(0);
  });

  it('a ResNet-50 bottleneck 256 → 64 → 64 → 256 has 69,632 conv weights', () => {
    // 1×1: 256·64 = 16384; 3×3: 64·64·9 = 36864; 1×1: 64·256 = 16384; sum 69632.
    const block: LayerSpec[] = [
      { kind: 'conv2d', inChannels: 256, outChannels: 64, kernel: 1, bias: false },
      { kind: 'batchnorm2d', numFeatures: 64, affine: false },
      { kind: 'conv2d', inChannels: 64, outChannels: 64, kernel: 3, padding: 1, bias: false },
      { kind: 'batchnorm2d', numFeatures: 64, affine: false },
      { kind: 'conv2d', inChannels: 64, outChannels: 256, kernel: 1, bias: false },
    ];
    const walk = walkSequential(block, [1, 256, 56, 56]);
    expect(walk.totalParams).toBe(69632);
    expect(walk.outputShape).toEqual([1, 256, 56, 56]);
  });

  it('VGG-16 has 138,357,544 parameters', () => {
    // 13 3×3 convs (padding 1) in blocks of 2, 2, 3, 3, 3 with 2×2 pools, then 25088 → 4096 →
    // 4096 → 1000. Convs: 14,714,688; FC: 102,764,544 + 16,781,312 + 4,097,000.
    const layers: LayerSpec[] = [];
    let c = 3;
    for (const [width, count] of [
      [64, 2],
      [128, 2],
      [256, 3],
      [512, 3],
      [512, 3],
    ] as const) {
      for (let i = 0; i < count; i++) {
        layers.push(
          { kind: 'conv2d', inChannels: c, outChannels: width, kernel: 3, padding: 1 },
          { kind: 'relu' },
        );
        c = width;
      }
      layers.push({ kind: 'maxpool2d', kernel: 2 });
    }
    layers.push(
      { kind: 'flatten' },
      { kind: 'linear', inFeatures: 25088, outFeatures: 4096 },
      { kind: 'relu' },
      { kind: 'linear', inFeatures: 4096, outFeatures: 4096 },
      { kind: 'relu' },
      { kind: 'linear', inFeatures: 4096, outFeatures: 1000 },
    );
    const walk = walkSequential(layers, [1, 3, 224, 224]);
    expect(walk.totalParams).toBe(138357544);
    expect(walk.rows.find((r) => r.layer.kind === 'flatten')?.outputShape).toEqual([1, 25088]);
  });

  it('LeNet-5 (conv 6@5×5, pool, conv 16@5×5, pool, 120, 84, 10) has 61,706 parameters', () => {
    // 6·(25 + 1) = 156; 16·(6·25 + 1) = 2416; 400·120 + 120 = 48120; 120·84 + 84 = 10164;
    // 84·10 + 10 = 850: 156 + 2416 + 48120 + 10164 + 850 = 61706.
    const walk = walkSequential(
      [
        { kind: 'conv2d', inChannels: 1, outChannels: 6, kernel: 5 },
        { kind: 'avgpool2d', kernel: 2 },
        { kind: 'conv2d', inChannels: 6, outChannels: 16, kernel: 5 },
        { kind: 'avgpool2d', kernel: 2 },
        { kind: 'flatten' },
        { kind: 'linear', inFeatures: 400, outFeatures: 120 },
        { kind: 'linear', inFeatures: 120, outFeatures: 84 },
        { kind: 'linear', inFeatures: 84, outFeatures: 10 },
      ],
      [1, 1, 32, 32],
    );
    expect(walk.rows.map((r) => r.outputShape[2] ?? r.outputShape[1])).toEqual([
      28, 14, 10, 5, 400, 120, 84, 10,
    ]);
    expect(walk.totalParams).toBe(61706);
  });
});

describe('errors name the layer that does not fit', () => {
  it('a wrong in_features after Flatten', () => {
    const layers: LayerSpec[] = [
      { kind: 'conv2d', inChannels: 3, outChannels: 8, kernel: 3 },
      { kind: 'maxpool2d', kernel: 2 },
      { kind: 'flatten' },
      { kind: 'linear', inFeatures: 512, outFeatures: 10 },
    ];
    // 32 → 30 → 15, so Flatten gives 8·15·15 = 1800 features, not 512.
    expect(() => walkSequential(layers, [4, 3, 32, 32])).toThrow(
      'layers[3]: nn.Linear(512, 10): expects 512 input features, gets 1800 (shape (4, 1800))',
    );
  });

  it('channels that do not match, a channels-last tensor, a kernel larger than the input', () => {
    const conv: LayerSpec = { kind: 'conv2d', inChannels: 3, outChannels: 8, kernel: 3 };
    expect(() => walkSequential([conv], [1, 32, 32, 3])).toThrow(
      'layers[0]: nn.Conv2d(3, 8, kernel_size=3): expects 3 input channels, gets 32',
    );
    expect(() => walkSequential([conv], [8, 3])).toThrow('expects a 4-D (N, C, H, W) input');
    expect(() => walkSequential([conv], [1, 3, 2, 2])).toThrow(
      /layers\[0\]: nn\.Conv2d\(3, 8, kernel_size=3\): kernel: the kernel 3, more than the padded input 2/,
    );
    expect(() =>
      layerParamCount({ kind: 'conv2d', inChannels: 6, outChannels: 8, kernel: 3, groups: 4 }),
    ).toThrow('layer.groups: in_channels 6 is not divisible by groups 4');
    expect(() => walkSequential([], [1, 3, 8, 8])).toThrow(KernelArgError);
    expect(() => walkSequential([conv], [1, 3, 0, 8])).toThrow(
      'input[2]: must be a positive integer',
    );
  });

  it('writes layers as PyTorch code, leaving out the defaults', () => {
    expect(
      layerCode({
        kind: 'conv2d',
        inChannels: 3,
        outChannels: 16,
        kernel: 3,
        stride: 1,
        padding: 1,
      }),
    ).toBe('nn.Conv2d(3, 16, kernel_size=3, padding=1)');
    expect(
      layerCode({
        kind: 'conv2d',
        inChannels: 32,
        outChannels: 32,
        kernel: 3,
        groups: 32,
        bias: false,
      }),
    ).toBe('nn.Conv2d(32, 32, kernel_size=3, groups=32, bias=False)');
    expect(layerCode({ kind: 'maxpool2d', kernel: 2 })).toBe('nn.MaxPool2d(2)');
    expect(layerCode({ kind: 'maxpool2d', kernel: 3, stride: 2, padding: 1 })).toBe(
      'nn.MaxPool2d(3, stride=2, padding=1)',
    );
  });
});
