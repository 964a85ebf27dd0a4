/**
 * `gan-optimal-d` and `gan-losses`: D* recomputed from the stem's distributions (level 3 as the
 * sigmoid of the log-density ratio of the two Gaussians), and the losses with
 * tf.metrics.binaryCrossentropy, over 300 seeds; hand-derived cases.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import { candidate, drawnAt, expectClose, keyOf, listAfter, part } from '../sequences/test-support';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  warn.mockRestore();
});

describe('gan-optimal-d against the posterior of "real"', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('gan-optimal-d', seed);
      let pd: number[];
      let pg: number[];
      let d: number[];
      const gaussians = [...problem.stem.matchAll(/\\mathcal N\((-?\d+), 1\)/g)].map((m) =>
        Number(m[1]),
      );
      if (gaussians.length === 2) {
        const xs = /at \$x = ([^$]*)\$/
          .exec(problem.stem)![1]
          .split(',')
          .map((t) => Number(t.trim()));
        const [md, mg] = gaussians;
        pd = xs.map((x) => Math.exp(-((x - md) ** 2) / 2) / Math.sqrt(2 * Math.PI));
        pg = xs.map((x) => Math.exp(-((x - mg) ** 2) / 2) / Math.sqrt(2 * Math.PI));
        d = xs.map((x) => 1 / (1 + Math.exp(((x - md) ** 2 - (x - mg) ** 2) / 2)));
      } else {
        pd = listAfter(problem.stem, 'p_{\\text{data}} =');
        pg = listAfter(problem.stem, 'p_g =');
        d = pd.map((p, i) => p / (p + pg[i]));
        expectClose([pd.reduce((a, b) => a + b, 0), pg.reduce((a, b) => a + b, 0)], [1, 1], 1e-9);
      }
      const where = `seed ${seed}`;
      expectClose(keyOf(problem), d, 1e-9, where);
      expectClose(
        candidate(problem, 'gan-dstar-inverted'),
        d.map((v) => 1 - v),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'gan-dstar-ratio'),
        pd.map((p, i) => p / pg[i]),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'gan-dstar-half'),
        d.map(() => 0.5),
        1e-9,
        where,
      );
      expectClose(candidate(problem, 'gan-dstar-data-only'), pd, 1e-9, where);
      expectClose(part(variant, 'd-1'), [d[0]], 1e-9, where);
      expectClose(part(variant, 'total-1'), [pd[0] + pg[0]], 1e-9, where);
    }
  });

  it('works a hand-derived case', () => {
    // p_data = [0.6, 0.3, 0.1], p_g = [0.2, 0.3, 0.5]: D* = [0.6/0.8, 0.3/0.6, 0.1/0.6]
    // = [0.75, 0.5, 0.1667]. Inverted: [0.25, 0.5, 0.8333]; ratio [3, 1, 0.2]; half [0.5, 0.5, 0.5];
    // data only [0.6, 0.3, 0.1].
    const v = mcq('gan-optimal-d', { p_data: '0.6,0.3,0.1', p_g: '0.2,0.3,0.5' });
    expect(correctNumbers(v)).toEqual([0.75, 0.5, 0.167]);
    const expected: Record<string, number[]> = {
      'gan-dstar-inverted': [0.25, 0.5, 0.833],
      'gan-dstar-ratio': [3, 1, 0.2],
      'gan-dstar-half': [0.5, 0.5, 0.5],
      'gan-dstar-data-only': [0.6, 0.3, 0.1],
    };
    for (const o of v.question.options ?? []) {
      if (o.misconception)
        expect(wrongNumbers(v, o.misconception.id)).toEqual(expected[o.misconception.id]);
    }
  });
});

const bce = (labels: number[], p: number[]) =>
  tf.tidy(
    () => tf.metrics.binaryCrossentropy(tf.tensor1d(labels), tf.tensor1d(p)).arraySync() as number,
  );

describe('gan-losses against tf.metrics.binaryCrossentropy', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('gan-losses', seed);
      const real = listAfter(problem.stem, 'D(x) =');
      const fake = listAfter(problem.stem, 'D(G(z)) =');
      const ones = (xs: number[]) => xs.map(() => 1);
      const zeros = (xs: number[]) => xs.map(() => 0);
      const ns = bce(ones(fake), fake);
      const realTerm = bce(ones(real), real);
      const fakeTerm = bce(zeros(fake), fake);
      const where = `seed ${seed}`;
      const stem = problem.stem;
      expect(stem).toContain('mean over the batch');
      if (stem.includes('non-saturating loss (the one')) {
        seen.add('ns');
        expectClose(keyOf(problem), [ns], 1e-5, where);
        expectClose(candidate(problem, 'gan-minimax-for-ns'), [-fakeTerm], 1e-5, where);
        expectClose(candidate(problem, 'gan-used-real-scores'), [realTerm], 1e-5, where);
        expectClose(candidate(problem, 'gan-summed-not-averaged'), [ns * fake.length], 1e-5, where);
        expectClose(candidate(problem, 'gan-log-base-10'), [ns / Math.LN10], 1e-5, where);
      } else if (stem.includes('minimax form')) {
        seen.add('minimax');
        expectClose(keyOf(problem), [-fakeTerm], 1e-5, where);
        expectClose(candidate(problem, 'gan-ns-for-minimax'), [ns], 1e-5, where);
        expectClose(candidate(problem, 'gan-loss-sign'), [fakeTerm], 1e-5, where);
      } else {
        seen.add('d');
        expect(stem).toContain('sum of the two');
        expectClose(keyOf(problem), [realTerm + fakeTerm], 1e-5, where);
        expectClose(part(variant, 'real-term'), [realTerm], 1e-5, where);
        expectClose(part(variant, 'fake-term'), [fakeTerm], 1e-5, where);
        expectClose(candidate(problem, 'gan-d-fake-term-dropped'), [realTerm], 1e-5, where);
        expectClose(
          candidate(problem, 'gan-d-labels-swapped'),
          [bce(zeros(real), real) + bce(ones(fake), fake)],
          1e-5,
          where,
        );
        expectClose(
          candidate(problem, 'gan-d-averaged-terms'),
          [(realTerm + fakeTerm) / 2],
          1e-5,
          where,
        );
      }
    }
    expect(seen).toEqual(new Set(['ns', 'minimax', 'd']));
  });

  it('works a hand-derived case', () => {
    // D(x) = [0.8, 0.5], D(G(z)) = [0.2, 0.5]: real term −(ln 0.8 + ln 0.5)/2 = (0.223144 + 0.693147)/2
    // = 0.458145; generated term −(ln 0.8 + ln 0.5)/2 = 0.458145 as well → L_D = 0.91629.
    const v = mcq('gan-losses', { loss: 'discriminator', d_real: '0.8,0.5', d_fake: '0.2,0.5' });
    expect(correctNumbers(v)).toEqual([0.9163]);
    // Non-saturating: −(ln 0.2 + ln 0.5)/2 = (1.609438 + 0.693147)/2 = 1.151293.
    expect(
      correctNumbers(
        mcq('gan-losses', { loss: 'generator-ns', d_real: '0.8,0.5', d_fake: '0.2,0.5' }),
      ),
    ).toEqual([1.1513]);
  });
});
