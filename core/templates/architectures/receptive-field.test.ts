/**
 * `receptive-field`: the stack in the stem is read back and the field found by tracing one output
 * unit back to the input: a unit at i of a layer (kernel k, stride s, padding p, dilation d) reads
 * positions s·i − p + d·t, t = 0 … k − 1, of the layer below, so an interval [lo, hi] becomes
 * [s·lo − p, s·hi − p + d(k − 1)]. The named mistakes are the same trace under the mistaken rule.
 * Over 300 seeds, plus VGG's three 3×3 convolutions and a pooled stack by hand.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateVariant, generateWithProblem } from '../registry';
import { partKey } from '../test-helpers';
import {
  expectMistake,
  parseTorchLayer,
  sequentialLayers,
  type TorchLayer,
} from './tf-oracle.test-helpers';

interface Tap {
  readonly k: number;
  readonly s: number;
  readonly p: number;
  readonly d: number;
}

/** The side of the input interval one output unit of `taps` depends on. */
function traceBack(taps: readonly Tap[]): number {
  let lo = 0;
  let hi = 0;
  for (const t of [...taps].reverse()) {
    lo = t.s * lo - t.p;
    hi = t.s * hi - t.p + t.d * (t.k - 1);
  }
  return hi - lo + 1;
}

function tapsOf(layers: readonly TorchLayer[]): Tap[] {
  return layers
    .filter((l) => l.kind === 'conv' || l.kind === 'maxpool')
    .map((l) => ({ k: l.k, s: l.stride, p: l.padding, d: l.dilation }));
}

describe('receptive-field against tracing one output unit back to the input', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('receptive-field', seed, {
        form: 'numeric',
        params: { level },
      });
      expect(problem.stem).toContain('stride defaults to the kernel size');
      const taps = tapsOf(sequentialLayers(problem.stem, 'features').map(parseTorchLayer));
      const strided = taps.some((t) => t.s > 1);
      const dilated = taps.some((t) => t.d > 1);
      expect(strided).toBe(level > 1);
      expect(dilated).toBe(level === 3);
      const key = traceBack(taps);
      expect(answerValues(problem.answer)[0]).toBe(key);
      if (strided) {
        expectMistake(problem, 'rf-ignored-strides', traceBack(taps.map((t) => ({ ...t, s: 1 }))));
        // Each layer's reach scaled by the strides up to and including its own.
        let own = 1;
        let jump = 1;
        for (const t of taps) {
          jump *= t.s;
          own += t.d * (t.k - 1) * jump;
        }
        expectMistake(problem, 'rf-own-stride-counted', own);
      }
      if (dilated) {
        expectMistake(problem, 'rf-ignored-dilation', traceBack(taps.map((t) => ({ ...t, d: 1 }))));
        expectMistake(
          problem,
          'rf-dilated-extent-k-times-d',
          traceBack(taps.map((t) => ({ ...t, k: t.k * t.d, d: 1 }))),
        );
      }
      expectMistake(
        problem,
        'rf-sum-of-kernels',
        taps.reduce((a, t) => a + t.k, 0),
      );
      expectMistake(problem, 'rf-forgot-plus-one', key - 1);
      const product = taps.reduce((a, t) => a * t.k, 1);
      if (product < 10 * key) expectMistake(problem, 'rf-product-of-kernels', product);
      expect(partKey(variant, 'rf-first')).toBe(traceBack(taps.slice(0, 1)));
      const pool = taps.findIndex((t) => t.s > 1);
      if (pool >= 0) {
        expect(partKey(variant, 'rf-first-pool')).toBe(traceBack(taps.slice(0, pool + 1)));
        expect(partKey(variant, 'jump')).toBe(taps.reduce((a, t) => a * t.s, 1));
      } else expect(partKey(variant, 'rf-second')).toBe(traceBack(taps.slice(0, 2)));
    }
  });

  it('hand cases: three 3×3 convolutions see 7×7; conv, pool, conv, conv, pool sees 14×14', () => {
    const find = (level: number, kernels: string) => {
      for (let seed = 0; seed < 5000; seed++) {
        const v = generateVariant('receptive-field', seed, { form: 'numeric', params: { level } });
        const shown = sequentialLayers(v.question.stem, 'features')
          .filter((l) => l !== 'nn.ReLU()')
          .map((l) => (l === 'nn.MaxPool2d(2)' ? 'P' : /kernel_size=(\d+)/.exec(l)![1]))
          .join('');
        if (shown === kernels) return v;
      }
      throw new Error(`no seed draws ${kernels}`);
    };
    // 1 + 2 + 2 + 2 = 7.
    expect(find(1, '333').question.numeric?.value).toBe(7);
    // conv 3: 3; pool: 3 + 1 = 4 (spacing now 2); conv: 4 + 2·2 = 8; conv: 12; pool: 12 + 1·2 = 14.
    const pooled = find(2, '3P33P');
    expect(pooled.question.numeric?.value).toBe(14);
    expect(partKey(pooled, 'rf-first-pool')).toBe(4);
    expect(partKey(pooled, 'jump')).toBe(4);
  });
});
