/**
 * `densenet-growth`: the block in the stem is rebuilt as a TensorFlow.js functional model (each
 * layer a 1×1 convolution to 4k maps and a 3×3 to k, concatenated onto its input on the channel
 * axis; a transition as a 1×1 convolution to ⌊θC⌋ and 2×2 average pooling); channel counts are
 * read off its output shapes and weights off its layers. Named mistakes over 300 seeds, and
 * DenseNet-121's first block and transition by hand.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import { partKey } from '../test-helpers';
import {
  expectMistake,
  releaseWeights,
  useCpuBackend,
  weightCount,
} from './tf-oracle.test-helpers';

beforeAll(useCpuBackend);

interface Built {
  readonly y: tf.SymbolicTensor;
  /** Weights of each layer's two convolutions, and the channels each layer reads. */
  readonly layers: { weights: number; reads: number }[];
}

function channels(t: tf.SymbolicTensor): number {
  return t.shape[1] as number;
}

function convLayer(filters: number, kernelSize: number): tf.layers.Layer {
  return tf.layers.conv2d({
    filters,
    kernelSize,
    padding: 'same',
    useBias: false,
    dataFormat: 'channelsFirst',
    kernelInitializer: 'zeros',
  });
}

function denseBlock(x: tf.SymbolicTensor, count: number, k: number): Built {
  const layers: { weights: number; reads: number }[] = [];
  let h = x;
  for (let i = 0; i < count; i++) {
    const c1 = convLayer(4 * k, 1);
    const c3 = convLayer(k, 3);
    const y = c3.apply(c1.apply(h)) as tf.SymbolicTensor;
    layers.push({ weights: weightCount([c1, c3]).trainable, reads: channels(h) });
    h = tf.layers.concatenate({ axis: 1 }).apply([h, y]) as tf.SymbolicTensor;
  }
  return { y: h, layers };
}

function transition(x: tf.SymbolicTensor): tf.SymbolicTensor {
  const c = convLayer(Math.floor(0.5 * channels(x)), 1).apply(x) as tf.SymbolicTensor;
  return tf.layers
    .averagePooling2d({ poolSize: 2, strides: 2, dataFormat: 'channelsFirst' })
    .apply(c) as tf.SymbolicTensor;
}

function read(stem: string) {
  const m = /growth rate k = (\d+) takes a (\d+)-channel feature map and has (\d+) layers/.exec(
    stem,
  )!;
  return { k: Number(m[1]), k0: Number(m[2]), count: Number(m[3]) };
}

describe('densenet-growth against a TensorFlow.js dense block', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      releaseWeights();
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('densenet-growth', seed, {
        form: 'numeric',
        params: { level },
      });
      const stem = problem.stem;
      expect(stem).toContain('bias=False');
      const { k, k0, count } = read(stem);
      const block = denseBlock(tf.input({ shape: [k0, 8, 8] }), count, k);
      const out = channels(block.y);
      const key = answerValues(problem.answer)[0];
      if (level === 1) {
        expect(stem).toContain('How many channels does the block output?');
        expect(key).toBe(out);
        expectMistake(problem, 'densenet-forgot-input', out - k0);
        expectMistake(problem, 'densenet-off-by-one', block.layers[count - 1].reads);
        expectMistake(problem, 'densenet-added-not-concatenated', k0);
        expectMistake(problem, 'densenet-counted-bottleneck-width', k0 + 4 * (out - k0));
        expect(partKey(variant, 'layer2-input')).toBe(block.layers[1].reads);
        expect(partKey(variant, 'added')).toBe(out - k0);
      } else if (level === 2) {
        const l = Number(/convolutions of layer (\d+) of the block/.exec(stem)![1]);
        const { weights, reads } = block.layers[l - 1];
        expect(key).toBe(weights);
        const w3 = 4 * k * k * 9;
        // What layer l + 1 reads (the block's output after the last layer).
        const nextReads = l < count ? block.layers[l].reads : out;
        expectMistake(problem, 'densenet-off-by-one', nextReads * 4 * k + w3);
        expectMistake(problem, 'densenet-forgot-input', (reads - k0) * 4 * k + w3);
        expectMistake(problem, 'densenet-forgot-bottleneck', reads * k * 9);
        expectMistake(problem, 'kernel-not-squared', weights - w3 + w3 / 3);
        expectMistake(problem, 'counted-bias-when-false', weights + 4 * k + k);
        expect(partKey(variant, 'layer-input')).toBe(reads);
        expect(partKey(variant, 'bottleneck-weights')).toBe(weights - w3);
        expect(partKey(variant, 'conv3-weights')).toBe(w3);
      } else {
        const next = Number(/second dense block of (\d+) layers/.exec(stem)![1]);
        const t = transition(block.y);
        expect(t.shape.slice(2)).toEqual([4, 4]);
        const second = denseBlock(t, next, k);
        expect(key).toBe(channels(second.y));
        expectMistake(problem, 'transition-no-compression', out + next * k);
        expectMistake(
          problem,
          'compression-growth-only',
          k0 + Math.floor(0.5 * (out - k0)) + next * k,
        );
        expectMistake(problem, 'densenet-forgot-input', next * k);
        expectMistake(problem, 'densenet-off-by-one', second.layers[next - 1].reads);
        expect(partKey(variant, 'block1-output')).toBe(out);
        expect(partKey(variant, 'after-transition')).toBe(channels(t));
      }
    }
  });

  it("hand case: DenseNet-121's first block (k₀ = 64, k = 32, 6 layers) and transition", () => {
    const find = (level: number) => {
      for (let seed = 0; seed < 20000; seed++) {
        const got = generateWithProblem('densenet-growth', seed, {
          form: 'numeric',
          params: { level },
        });
        const r = read(got.problem.stem);
        if (r.k === 32 && r.k0 === 64 && r.count === 6) return got;
      }
      throw new Error('no seed draws DenseNet-121');
    };
    // 64 + 6·32 = 256 channels out of the block.
    expect(answerValues(find(1).problem.answer)).toEqual([256]);
    // Layer l reads 64 + (l − 1)·32; its weights are that times 128, plus 128·32·9 = 36864.
    const two = find(2);
    const l = Number(/layer (\d+) of the block/.exec(two.problem.stem)![1]);
    expect(answerValues(two.problem.answer)).toEqual([(64 + (l - 1) * 32) * 128 + 36864]);
    // The transition keeps ⌊256/2⌋ = 128, and the next block of L₂ layers adds 32·L₂.
    const three = find(3);
    const next = Number(/second dense block of (\d+) layers/.exec(three.problem.stem)![1]);
    expect(partKey(three.variant, 'after-transition')).toBe(128);
    expect(answerValues(three.problem.answer)).toEqual([128 + 32 * next]);
  });
});
