/**
 * `sequential-chain`: the `nn.Sequential` in the stem is read back and run through TensorFlow.js
 * layers (channels-first) on the input `torch.randn` gives; the shape after Flatten is `n_features`
 * and the trainable weights are the parameter count. Mistakes that change the layers (no pooling,
 * no padding, pooling with stride 1, no biases) are the same tfjs run on the changed layers; the
 * rounding mistakes use a separately written size rule. Over 300 seeds, plus a LeNet-like hand case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateVariant, generateWithProblem } from '../registry';
import { partKey } from '../test-helpers';
import {
  parseTorchLayer,
  releaseWeights,
  sequentialLayers,
  traceLayers,
  trainableTotal,
  useCpuBackend,
  type TorchLayer,
  expectMistake,
} from './tf-oracle.test-helpers';

beforeAll(useCpuBackend);

/** Features after Flatten for the layers up to it, or undefined when they do not fit. */
function features(layers: readonly TorchLayer[], input: readonly number[]): number | undefined {
  const upTo = layers.slice(0, layers.findIndex((l) => l.kind === 'flatten') + 1);
  const rows = traceLayers(upTo, input);
  return rows === undefined ? undefined : rows[rows.length - 1].shape[0];
}

/**
 * Side after the conv → ReLU → MaxPool2d(2) blocks when each output size is rounded up, or when
 * the convolution's "+ 1" is left out; undefined once a size drops below the 2×2 window.
 */
function misSized(
  layers: readonly TorchLayer[],
  side: number,
  mistake: 'ceil' | 'no-plus-one',
): number | undefined {
  let h = side;
  for (const l of layers) {
    if (l.kind === 'conv') {
      const span = h + 2 * l.padding - l.k;
      if (span < 0) return undefined;
      h = mistake === 'ceil' ? Math.ceil(span / l.stride) + 1 : Math.floor(span / l.stride);
    } else if (l.kind === 'maxpool') {
      if (h < 2) return undefined;
      h = mistake === 'ceil' ? Math.ceil((h - 2) / 2) + 1 : Math.floor((h - 2) / 2) + 1;
    }
  }
  return h > 0 ? h : undefined;
}

describe('sequential-chain against TensorFlow.js layers rebuilt from the code', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    const asks = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      releaseWeights();
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('sequential-chain', seed, {
        form: 'numeric',
        params: { level },
      });
      const stem = problem.stem;
      expect(stem).toContain('bias=True unless');
      expect(stem).toContain('stride defaults to the kernel size');
      const x = /x = torch\.randn\((\d+), (\d+), (\d+), (\d+)\)/.exec(stem)!;
      const [batch, c, h, w] = x.slice(1).map(Number);
      expect(h).toBe(w);
      const input = [c, h, w];
      const codes = sequentialLayers(stem, 'model');
      const key = answerValues(problem.answer)[0];
      const blocks = codes.filter((l) => l.startsWith('nn.Conv2d')).length;
      expect(blocks).toBe(level === 1 ? 1 : level === 3 ? 2 : blocks);
      const linearCode = codes[codes.length - 1];
      const classes = Number(/, (\d+)\)$/.exec(linearCode)![1]);
      if (stem.includes('n_features = ...')) {
        asks.add('in-features');
        expect(linearCode).toBe(`nn.Linear(n_features, ${classes})`);
        const layers = codes.slice(0, -1).map(parseTorchLayer);
        const rows = traceLayers(layers, input)!;
        const n = rows[rows.length - 1].shape[0];
        expect(key).toBe(n);
        const last = rows[rows.length - 2].shape;
        expectMistake(problem, 'flatten-forgot-channels', last[1] * last[2]);
        expectMistake(
          problem,
          'forgot-pooling',
          features(
            layers.filter((l) => l.kind !== 'maxpool'),
            input,
          ),
        );
        const padded = layers.some((l) => l.padding > 0);
        expectMistake(
          problem,
          'conv-padding-ignored',
          padded
            ? features(
                layers.map((l) => ({ ...l, padding: 0 })),
                input,
              )
            : undefined,
        );
        expectMistake(
          problem,
          'pool-stride-one',
          features(
            layers.map((l) => (l.kind === 'maxpool' ? { ...l, stride: 1 } : l)),
            input,
          ),
        );
        expectMistake(problem, 'flatten-includes-batch', batch * n);
        const sq = (side: number | undefined) =>
          side === undefined ? undefined : last[0] * side * side;
        expectMistake(problem, 'output-size-no-plus-one', sq(misSized(layers, h, 'no-plus-one')));
        expectMistake(problem, 'rounded-up', sq(misSized(layers, h, 'ceil')));
        let conv = 0;
        rows.forEach((r, i) => {
          if (layers[i].kind === 'conv') {
            conv++;
            expect(partKey(variant, `conv${conv}-size`)).toBe(r.shape[1]);
          }
          if (layers[i].kind === 'maxpool')
            expect(partKey(variant, `pool${conv}-size`)).toBe(r.shape[1]);
        });
      } else {
        asks.add('total-params');
        expect(level).toBeGreaterThan(1);
        const layers = codes.map(parseTorchLayer);
        const rows = traceLayers(layers, input)!;
        expect(key).toBe(trainableTotal(rows));
        const total = (changed: TorchLayer[]) => trainableTotal(traceLayers(changed, input)!);
        expectMistake(
          problem,
          'params-forgot-biases',
          total(layers.map((l) => ({ ...l, bias: false }))),
        );
        expectMistake(
          problem,
          'conv-forgot-bias',
          total(layers.map((l) => (l.kind === 'conv' ? { ...l, bias: false } : l))),
        );
        const linear = layers[layers.length - 1];
        const linearParams = rows[rows.length - 1].count.trainable;
        const convs = layers.filter((l) => l.kind === 'conv');
        expectMistake(
          problem,
          'forgot-input-channels',
          convs.reduce((s, l) => s + l.outC * l.k * l.k + l.outC, 0) + linearParams,
        );
        expectMistake(
          problem,
          'kernel-not-squared',
          convs.reduce((s, l) => s + l.outC * l.inC * l.k + l.outC, 0) + linearParams,
        );
        expectMistake(problem, 'linear-bias-per-input', key - linear.outC + linear.inC);
        let conv = 0;
        rows.forEach((r, i) => {
          if (layers[i].kind === 'conv')
            expect(partKey(variant, `conv${++conv}-params`)).toBe(r.count.trainable);
        });
        expect(partKey(variant, 'linear-params')).toBe(linearParams);
      }
    }
    expect(asks).toEqual(new Set(['in-features', 'total-params']));
  });

  it('hand case: a LeNet-like Conv2d(1, 6, 5) → pool → Linear on 28×28 digits', () => {
    // 28 − 5 + 1 = 24, pooled to 12: 6·12·12 = 864 features. Parameters: 6·1·25 + 6 = 156 in
    // the convolution, 864·10 + 10 = 8650 in the Linear, 8806 in all.
    const find = (ask: string, text: string) => {
      for (let seed = 0; seed < 10000; seed++) {
        const v = generateVariant('sequential-chain', seed, {
          form: 'numeric',
          params: { level: ask === 'in-features' ? 1 : 2, ask },
        });
        const stem = v.question.stem;
        if (
          stem.includes('nn.Conv2d(1, 6, kernel_size=5),') &&
          stem.includes(', 1, 28, 28)') &&
          !stem.includes('nn.Conv2d(6,') &&
          stem.includes(text)
        )
          return v;
      }
      throw new Error('no seed draws the example');
    };
    const inFeatures = find('in-features', 'nn.Linear(n_features, ');
    expect(inFeatures.question.numeric?.value).toBe(864);
    expect(partKey(inFeatures, 'conv1-size')).toBe(24);
    expect(partKey(inFeatures, 'pool1-size')).toBe(12);
    const params = find('total-params', 'nn.Linear(864, 10)');
    expect(params.question.numeric?.value).toBe(8806);
    expect(partKey(params, 'conv1-params')).toBe(156);
    expect(partKey(params, 'linear-params')).toBe(8650);
  });
});
