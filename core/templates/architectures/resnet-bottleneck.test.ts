/**
 * `resnet-bottleneck`: the block in the stem is read back and rebuilt as a TensorFlow.js
 * functional model (main path and shortcut joined by an Add layer, which refuses shapes that do
 * not match, so an identity shortcut where a projection is needed fails); its weights are the key
 * and each named mistake is recomputed from the code over 300 seeds. Hand case: the first two
 * blocks of ResNet-50's first stage (torchvision's `layer1[0]` and `layer1[1]`).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import { correctNumbers, partKey } from '../test-helpers';
import {
  applyTorchLayer,
  parseTorchLayer,
  releaseWeights,
  useCpuBackend,
  weightCount,
  type TorchLayer,
  type WeightCount,
  candidate,
  expectMistake,
} from './tf-oracle.test-helpers';

beforeAll(useCpuBackend);

interface Block {
  readonly convs: TorchLayer[];
  readonly shortcut: TorchLayer | undefined;
  readonly inC: number;
  readonly size: number;
  readonly withBn: boolean;
}

function readBlock(stem: string): Block {
  const conv = (name: string) =>
    parseTorchLayer(new RegExp(`^${name} = (.+)$`, 'm').exec(stem)![1]);
  const sc = /^shortcut = (.+)$/m.exec(stem)![1];
  const input = /takes a (\d+)-channel (\d+)×(\d+) feature map/.exec(stem)!;
  expect(input[2]).toBe(input[3]);
  return {
    convs: [conv('conv1'), conv('conv2'), conv('conv3')],
    shortcut:
      sc === 'nn.Identity()'
        ? undefined
        : parseTorchLayer(
            /^nn\.Sequential\((nn\.Conv2d\(.+\)), nn\.BatchNorm2d\(\d+\)\)$/.exec(sc)![1],
          ),
    inC: Number(input[1]),
    size: Number(input[2]),
    withBn: stem.includes('How many parameters'),
  };
}

/** Weights of the block's convolutions and of its batch norms, from a tfjs model of it. */
function tfBlock(b: Block): { conv: WeightCount[]; shortcut: WeightCount; bn: WeightCount } {
  const x = tf.input({ shape: [b.inC, b.size, b.size] });
  let y = x;
  const conv: WeightCount[] = [];
  let bn: WeightCount = { trainable: 0, all: 0 };
  const addBn = (t: tf.SymbolicTensor) => {
    // tfjs takes the channel count from the input.
    const r = applyTorchLayer(parseTorchLayer(`nn.BatchNorm2d(${t.shape[1]})`), t);
    const c = weightCount(r.layers);
    bn = { trainable: bn.trainable + c.trainable, all: bn.all + c.all };
    return r.y;
  };
  b.convs.forEach((l, i) => {
    const r = applyTorchLayer(l, y);
    conv.push(weightCount(r.layers));
    y = addBn(r.y);
    if (i < 2) y = applyTorchLayer(parseTorchLayer('nn.ReLU()'), y).y;
  });
  let s = x;
  let shortcut: WeightCount = { trainable: 0, all: 0 };
  if (b.shortcut !== undefined) {
    const r = applyTorchLayer(b.shortcut, x);
    shortcut = weightCount(r.layers);
    s = addBn(r.y);
  }
  // Throws when the shortcut's output does not match the main path's.
  tf.layers.add().apply([y, s]);
  return { conv, shortcut, bn };
}

describe('resnet-bottleneck against a TensorFlow.js model of the block', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('resnet-bottleneck', seed, {
        form: 'numeric',
        params: { level },
      });
      const b = readBlock(problem.stem);
      expect(b.withBn).toBe(level === 3);
      expect(b.shortcut !== undefined).toBe(level >= 2);
      for (const l of [...b.convs, ...(b.shortcut ? [b.shortcut] : [])]) expect(l.bias).toBe(false);
      const m = tfBlock(b);
      const [w1, w2, w3] = m.conv.map((c) => c.trainable);
      const wsc = m.shortcut.trainable;
      const convWeights = w1 + w2 + w3 + wsc;
      const bnTerm = b.withBn ? m.bn.trainable : 0;
      const key = convWeights + bnTerm;
      expect(answerValues(problem.answer)[0]).toBe(key);
      const out = b.convs[2].outC;
      if (b.shortcut !== undefined) {
        const shortcutBn = b.withBn ? 2 * out : 0;
        expectMistake(problem, 'forgot-projection', key - wsc - shortcutBn);
        expectMistake(problem, 'projection-as-3x3', key + 8 * wsc);
      } else expectMistake(problem, 'identity-shortcut-counted', key + b.inC * out);
      expectMistake(problem, 'all-convs-3x3', 9 * (w1 + w3 + wsc) + w2 + bnTerm);
      expectMistake(problem, 'kernel-not-squared', w1 + w2 / 3 + w3 + wsc + bnTerm);
      if (b.withBn) {
        // tfjs keeps the moving mean and variance as non-trainable weights.
        expectMistake(problem, 'bn-counted-running-stats', convWeights + m.bn.all);
        expectMistake(problem, 'forgot-bn-params', convWeights);
      } else {
        const biases = [...b.convs, ...(b.shortcut ? [b.shortcut] : [])].reduce(
          (n, l) => n + l.outC,
          0,
        );
        expectMistake(problem, 'counted-bias-when-false', key + biases);
      }
      expect(partKey(variant, 'reduce-weights')).toBe(w1);
      expect(partKey(variant, 'middle-weights')).toBe(w2);
      expect(partKey(variant, 'expand-weights')).toBe(w3);
      if (b.shortcut !== undefined) expect(partKey(variant, 'shortcut-weights')).toBe(wsc);
      if (b.withBn) expect(partKey(variant, 'bn-params')).toBe(m.bn.trainable);
      releaseWeights();
    }
  });

  it('gives more than ten different blocks in 20 seeds', () => {
    const stems = new Set<string>();
    for (let seed = 0; seed < 20; seed++)
      stems.add(generateWithProblem('resnet-bottleneck', seed, {}).problem.stem);
    expect(stems.size).toBeGreaterThan(10);
  });

  it('hand case: the first two blocks of ResNet-50 (base width 64, stage 1, 224×224 image)', () => {
    const params = { base: 64, stage: 1, image: 224, level: 3 };
    // layer1[0]: 64 → 64 (1×1) 4096, 64 → 64 (3×3) 36864, 64 → 256 (1×1) 16384, projection
    // 64 → 256 16384; batch norms 2·(64 + 64 + 256 + 256) = 1280; total 75008.
    const first = generateWithProblem('resnet-bottleneck', 0, { form: 'mcq', params });
    expect(first.problem.stem).toContain('takes a 64-channel 56×56 feature map');
    expect(correctNumbers(first.variant)).toEqual([75008]);
    // Without the projection and its batch norm: 75008 − 16384 − 512 = 58112.
    expect(candidate(first.problem, 'forgot-projection')).toBe(58112);
    // layer1[1]: 256 → 64 16384, 36864, 16384, identity; batch norms 2·(64 + 64 + 256) = 768;
    // total 70400. Running statistics counted too: 69632 + 2·768 = 71168.
    const second = generateWithProblem('resnet-bottleneck', 0, {
      form: 'mcq',
      params: { ...params, projection: false },
    });
    expect(second.problem.stem).toContain('takes a 256-channel 56×56 feature map');
    expect(correctNumbers(second.variant)).toEqual([70400]);
    expect(candidate(second.problem, 'bn-counted-running-stats')).toBe(71168);
    // Stage 2's first block (layer2[0]): 256 → 128 32768, 128·128·9 = 147456, 128 → 512 65536,
    // projection 256 → 512 with stride 2 131072; weights only (level 2): 376832.
    const stage2 = generateWithProblem('resnet-bottleneck', 0, {
      form: 'mcq',
      params: { base: 64, stage: 2, image: 224, level: 2 },
    });
    expect(stage2.problem.stem).toContain('takes a 256-channel 56×56 feature map');
    expect(stage2.problem.stem).toContain('stride=2');
    expect(correctNumbers(stage2.variant)).toEqual([376832]);
    expect(candidate(stage2.problem, 'forgot-projection')).toBe(245760);
  });
});
