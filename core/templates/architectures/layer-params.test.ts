/**
 * `layer-params`: the code in the stem is read back and rebuilt as TensorFlow.js layers, whose
 * trainable weights are the key (BatchNormalization's moving statistics are its non-trainable
 * weights, so they give the "counted the running statistics" mistake); each named mistake is
 * recomputed from the code over 300 seeds; plus hand-counted layers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateVariant, generateWithProblem } from '../registry';
import { correctNumbers, partKey } from '../test-helpers';
import {
  parseTorchLayer,
  releaseWeights,
  sequentialLayers,
  traceLayers,
  traceTorchCode,
  trainableTotal,
  useCpuBackend,
  candidate,
  expectMistake,
} from './tf-oracle.test-helpers';

beforeAll(useCpuBackend);

/** The first seed whose stem shows all of `codes` (the hand cases pick their layers this way). */
function seedShowing(level: number, ...codes: string[]): number {
  for (let seed = 0; seed < 5000; seed++) {
    const stem = generateVariant('layer-params', seed, { params: { level } }).question.stem;
    if (codes.every((c) => stem.includes(c))) return seed;
  }
  throw new Error(`no seed shows ${codes.join(' and ')}`);
}

describe('layer-params against TensorFlow.js layers rebuilt from the code', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      releaseWeights();
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('layer-params', seed, {
        form: 'numeric',
        params: { level },
      });
      const stem = problem.stem;
      expect(stem).toContain('bias=True unless');
      const key = answerValues(problem.answer)[0];
      const single = /^layer = (.+)$/m.exec(stem);
      if (single !== null) {
        const l = parseTorchLayer(single[1]);
        const input = l.kind === 'linear' ? [l.inC] : [l.inC, 9, 9];
        const [row] = traceTorchCode([single[1]], input);
        expect(key).toBe(row.count.trainable);
        const b = l.bias ? l.outC : 0;
        const weights = row.count.trainable - b;
        if (l.kind === 'linear') {
          seen.add('linear');
          if (l.bias) {
            expectMistake(problem, 'conv-forgot-bias', weights);
            expectMistake(problem, 'linear-bias-per-input', weights + l.inC);
          } else expectMistake(problem, 'counted-bias-when-false', weights + l.outC);
          expectMistake(problem, 'linear-added-not-multiplied', l.inC + l.outC + b);
          expectMistake(problem, 'forgot-input-channels', l.outC + b);
          expect(partKey(variant, 'weights')).toBe(weights);
          expect(partKey(variant, 'biases')).toBe(b);
          continue;
        }
        seen.add(l.groups > 1 ? (l.groups === l.inC ? 'depthwise' : 'grouped') : 'conv');
        expect(level === 2).toBe(l.groups > 1);
        if (l.bias) expectMistake(problem, 'conv-forgot-bias', weights);
        else expectMistake(problem, 'counted-bias-when-false', weights + l.outC);
        if (l.groups > 1) {
          const ungrouped = traceLayers([{ ...l, groups: 1 }], input)![0].count.trainable;
          expectMistake(problem, 'groups-ignored', ungrouped);
          expectMistake(
            problem,
            'groups-divided-twice',
            (l.outC / l.groups) * (l.inC / l.groups) * l.k * l.k + b,
          );
        }
        expectMistake(problem, 'forgot-input-channels', l.outC * l.k * l.k + b);
        if (l.k > 1)
          expectMistake(problem, 'kernel-not-squared', (l.outC * l.inC * l.k) / l.groups + b);
        expect(partKey(variant, 'weights')).toBe(weights);
        expect(partKey(variant, 'weights-per-filter')).toBe(weights / l.outC);
        continue;
      }
      seen.add('separable-block');
      expect(level).toBe(3);
      const codes = sequentialLayers(stem, 'block');
      const layers = codes.map(parseTorchLayer);
      const c = layers[0].inC;
      const rows = traceTorchCode(codes, [c, 12, 12]);
      expect(key).toBe(trainableTotal(rows));
      const allWeights = rows.reduce((n, r) => n + r.count.all, 0);
      const bn = rows[1].count.trainable + rows[4].count.trainable;
      const convs = rows[0].count.trainable + rows[3].count.trainable;
      const n = layers[3].outC;
      const k = layers[0].k;
      expectMistake(problem, 'bn-counted-running-stats', allWeights);
      expectMistake(problem, 'forgot-bn-params', convs);
      expectMistake(problem, 'groups-ignored', c * c * k * k + rows[3].count.trainable + bn);
      expectMistake(problem, 'counted-bias-when-false', key + c + n);
      expect(partKey(variant, 'depthwise-params')).toBe(rows[0].count.trainable);
      expect(partKey(variant, 'pointwise-params')).toBe(rows[3].count.trainable);
      expect(partKey(variant, 'bn-params')).toBe(bn);
    }
    expect(seen).toEqual(new Set(['linear', 'conv', 'depthwise', 'grouped', 'separable-block']));
  });

  it('hand cases: a VGG convolution, a bias-free Linear, a MobileNet depthwise layer and block', () => {
    // 64·128·3² = 73728 weights + 128 biases = 73856.
    const vgg = 'nn.Conv2d(64, 128, kernel_size=3, padding=1)';
    const v1 = generateVariant('layer-params', seedShowing(1, `layer = ${vgg}\n`), {
      form: 'mcq',
      params: { level: 1 },
    });
    expect(correctNumbers(v1)).toEqual([73856]);
    // 784·10 = 7840 and no bias.
    const linear = 'nn.Linear(784, 10, bias=False)';
    const v2 = generateVariant('layer-params', seedShowing(1, `layer = ${linear}\n`), {
      form: 'numeric',
      params: { level: 1 },
    });
    expect(v2.question.numeric?.value).toBe(7840);
    // Depthwise 3×3 on 32 channels: one 3×3 filter per channel, 32·9 = 288.
    const dw = 'nn.Conv2d(32, 32, kernel_size=3, padding=1, groups=32, bias=False)';
    const v3 = generateVariant('layer-params', seedShowing(2, `layer = ${dw}\n`), {
      form: 'numeric',
      params: { level: 2 },
    });
    expect(v3.question.numeric?.value).toBe(288);
    // groups=4, 32 → 64, 3×3, with bias: 64 filters of 8·9 = 72 weights, 4608 + 64 = 4672.
    const grouped = 'nn.Conv2d(32, 64, kernel_size=3, padding=1, groups=4)';
    const v4 = generateVariant('layer-params', seedShowing(2, `layer = ${grouped}\n`), {
      form: 'numeric',
      params: { level: 2 },
    });
    expect(v4.question.numeric?.value).toBe(4672);
    expect(partKey(v4, 'weights-per-filter')).toBe(72);
    // Separable block, 32 → 64, 3×3: 288 + BN 64 + 2048 + BN 128 = 2528; with the running
    // statistics counted too, 2528 + 64 + 128 = 2720.
    const seed = seedShowing(
      3,
      'nn.Conv2d(32, 32, kernel_size=3, padding=1, groups=32, bias=False)',
      'nn.Conv2d(32, 64, kernel_size=1, bias=False)',
    );
    const v5 = generateWithProblem('layer-params', seed, { form: 'mcq', params: { level: 3 } });
    expect(answerValues(v5.problem.answer)).toEqual([2528]);
    expect(candidate(v5.problem, 'bn-counted-running-stats')).toBe(2720);
    expect(candidate(v5.problem, 'forgot-bn-params')).toBe(2336);
  });
});
