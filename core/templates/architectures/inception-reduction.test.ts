/**
 * `inception-reduction`: multiply-adds recomputed from the stem's numbers with TensorFlow.js
 * convolutions ('same' padding, no bias): output positions from the layer's output shape times the
 * kernel's weight count, which is one multiply-add per weight per output position. Named mistakes
 * and parts over 300 seeds, plus the classic 28×28×192 → 32 channels 5×5 example by hand.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateVariant, generateWithProblem } from '../registry';
import { partKey } from '../test-helpers';
import { candidate, releaseWeights, useCpuBackend, weightCount } from './tf-oracle.test-helpers';

beforeAll(useCpuBackend);

/** Multiply-adds of a k×k 'same' convolution from `cin` to `cout` channels on an hw×hw map. */
function madds(hw: number, cin: number, cout: number, k: number): number {
  const x = tf.input({ shape: [cin, hw, hw] });
  const layer = tf.layers.conv2d({
    filters: cout,
    kernelSize: k,
    padding: 'same',
    useBias: false,
    dataFormat: 'channelsFirst',
    kernelInitializer: 'zeros',
  });
  const y = layer.apply(x) as tf.SymbolicTensor;
  const [, , h, w] = y.shape as number[];
  return h * w * weightCount([layer]).trainable;
}

interface Branch {
  readonly hw: number;
  readonly cin: number;
  readonly cout: number;
  readonly k: number;
  readonly r: number;
}

function readBranch(stem: string): Branch {
  const m =
    /takes a \$(\d+) \\times (\d+) \\times (\d+)\$ feature map to \$(\d+) \\times (\d+) \\times (\d+)\$ with a (\d)×(\d) convolution/.exec(
      stem,
    )!;
  const r = /1×1 convolution to (\d+) channels/.exec(stem)!;
  expect(m[1]).toBe(m[4]);
  expect(m[7]).toBe(m[8]);
  return {
    hw: Number(m[1]),
    cin: Number(m[3]),
    cout: Number(m[6]),
    k: Number(m[7]),
    r: Number(r[1]),
  };
}

describe('inception-reduction against TensorFlow.js convolutions', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    const asks = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      releaseWeights();
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('inception-reduction', seed, {
        form: 'numeric',
        params: { level },
      });
      const { hw, cin, cout, k, r } = readBranch(problem.stem);
      expect(r).toBeLessThan(cin / 2);
      const direct = madds(hw, cin, cout, k);
      const reduce = madds(hw, cin, r, 1);
      const large = madds(hw, r, cout, k);
      const key = answerValues(problem.answer)[0];
      const pos = hw * hw;
      if (problem.stem.includes('**without** the reduction')) {
        asks.add('direct');
        expect(level).toBe(1);
        expect(key).toBe(direct);
        expect(candidate(problem, 'forgot-spatial-size')).toBe(direct / pos);
        expect(candidate(problem, 'forgot-input-channels')).toBe(direct / cin);
        expect(candidate(problem, 'kernel-not-squared')).toBe(direct / k);
        expect(candidate(problem, 'reduced-counted')).toBe(reduce + large);
        expect(partKey(variant, 'madds-per-output')).toBe(k * k * cin);
        expect(partKey(variant, 'output-values')).toBe(pos * cout);
      } else if (problem.stem.includes('**with** the 1×1 reduction')) {
        asks.add('reduced');
        expect(level).toBe(2);
        expect(key).toBe(reduce + large);
        expect(candidate(problem, 'reduction-forgot-1x1-cost')).toBe(large);
        expect(candidate(problem, 'reduction-kxk-on-full-input')).toBe(reduce + direct);
        expect(candidate(problem, 'direct-counted')).toBe(direct);
        expect(candidate(problem, 'forgot-spatial-size')).toBe((reduce + large) / pos);
        expect(candidate(problem, 'kernel-not-squared')).toBe(reduce + large / k);
        expect(partKey(variant, 'reduce-madds')).toBe(reduce);
        expect(partKey(variant, 'large-madds')).toBe(large);
      } else {
        asks.add('ratio');
        expect(level).toBe(3);
        expect(problem.stem).toContain('Round to 2 decimal places');
        expect(key).toBeCloseTo(direct / (reduce + large), 9);
        expect(key).toBeGreaterThan(1);
        const close = (id: string, v: number) =>
          expect(candidate(problem, id), id).toBeCloseTo(v, 9);
        close('ratio-inverted', (reduce + large) / direct);
        close('reduction-forgot-1x1-cost', direct / large);
        close('reduction-kxk-on-full-input', direct / (reduce + direct));
        close('kernel-not-squared', direct / k / (reduce + large / k));
        expect(partKey(variant, 'direct-madds')).toBe(direct);
        expect(partKey(variant, 'reduce-madds')).toBe(reduce);
      }
    }
    expect(asks).toEqual(new Set(['direct', 'reduced', 'ratio']));
  });

  it('hand case: 28×28×192 to 32 channels with a 5×5, reduced to 16 channels first', () => {
    // Without: 28·28·32·25·192 = 120422400. With: 28·28·16·192 = 2408448 for the 1×1 plus
    // 28·28·32·25·16 = 10035200 for the 5×5, 12443648 in all; factor 120422400 / 12443648 ≈ 9.68.
    const shows = (stem: string) =>
      stem.includes('$28 \\times 28 \\times 192$') &&
      stem.includes('$28 \\times 28 \\times 32$') &&
      stem.includes('convolution to 16 channels');
    const key = (level: number) => {
      for (let seed = 0; seed < 10000; seed++) {
        const v = generateVariant('inception-reduction', seed, {
          form: 'numeric',
          params: { level },
        });
        if (shows(v.question.stem)) return v.question.numeric?.value;
      }
      throw new Error('no seed draws the example');
    };
    expect(key(1)).toBe(120422400);
    expect(key(2)).toBe(12443648);
    expect(key(3)).toBeCloseTo(9.68, 2);
  });
});
