/**
 * `vae-kl` and `vae-reparam`: recomputed from the stem's μ, log σ² (and ε) over 300 seeds — the KL
 * by the general two-Gaussian formula log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½ with the prior
 * N(0, 1), the sample with σ = √(e^{logvar}) — plus hand-derived cases.
 */
import { describe, expect, it } from 'vitest';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import { candidate, drawnAt, expectClose, keyOf, listAfter, part } from '../sequences/test-support';

/** KL(N(m1, s1²) ‖ N(m2, s2²)) for one dimension. */
const kl1 = (m1: number, s1: number, m2: number, s2: number) =>
  Math.log(s2 / s1) + (s1 * s1 + (m1 - m2) ** 2) / (2 * s2 * s2) - 0.5;

describe('vae-kl against the two-Gaussian KL formula', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('vae-kl', seed);
      const mu = listAfter(problem.stem, '\\mu =');
      const lv = listAfter(problem.stem, '\\log \\sigma^2 =');
      const sd = lv.map((v) => Math.sqrt(Math.exp(v)));
      const per = mu.map((m, j) => kl1(m, sd[j], 0, 1));
      const total = per.reduce((a, b) => a + b, 0);
      const where = `seed ${seed}`;
      expectClose(keyOf(problem), [total], 1e-9, where);
      expectClose(candidate(problem, 'kl-forgot-half'), [2 * total], 1e-9, where);
      // σ in place of σ²: the variance term sd² replaced by sd.
      expectClose(
        candidate(problem, 'kl-std-for-variance'),
        [total + mu.reduce((s, _, j) => s + (sd[j] - sd[j] ** 2) / 2, 0)],
        1e-9,
        where,
      );
      // + log σ² instead of − log σ²: each term moves by log σ².
      expectClose(
        candidate(problem, 'kl-log-term-sign'),
        [total + lv.reduce((s, v) => s + v, 0)],
        1e-9,
        where,
      );
      expectClose(candidate(problem, 'kl-forgot-minus-one'), [total + mu.length / 2], 1e-9, where);
      expectClose(part(variant, 'first-dimension'), [per[0]], 1e-9, where);
      expectClose(part(variant, 'variance-sum'), [sd.reduce((s, v) => s + v * v, 0)], 1e-9, where);
      expect(problem.stem).toContain('log-variance');
    }
  });

  it('works a hand-derived case', () => {
    // μ = [1, 0], log σ² = [0, 1]: dim 1 ½(1 + 1 − 1 − 0) = 0.5; dim 2 ½(0 + e − 1 − 1)
    // = ½(0.718282) = 0.359141 → 0.8591. Without ½: 1.7183; + log term: 0.5 + ½(e − 1 + 1)
    // = 0.5 + 1.359141 = 1.8591; no −1: 0.8591 + 1 = 1.8591 as well, so only one of them shows;
    // σ for σ²: 0.5 − ½ + ½(e^{0.5} − 1 − 1) + ½(1 − 1 − 0)… computed: ½(1 + 1 − 1) + ½(1.648721 − 2) = 0.3244.
    const v = mcq('vae-kl', { mu: '1,0', logvar: '0,1' });
    expect(correctNumbers(v)).toEqual([0.8591]);
    for (const o of v.question.options ?? []) {
      if (!o.misconception) continue;
      const expected: Record<string, number> = {
        'kl-forgot-half': 1.7183,
        'kl-log-term-sign': 1.8591,
        'kl-forgot-minus-one': 1.8591,
        'kl-std-for-variance': 0.3244,
      };
      expect(wrongNumbers(v, o.misconception.id)).toEqual([expected[o.misconception.id]]);
    }
  });
});

describe('vae-reparam against z = μ + √(e^{logvar})·ε', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('vae-reparam', seed);
      const mu = listAfter(problem.stem, '\\mu =');
      const lv = listAfter(problem.stem, '\\log\\sigma^2 =');
      const eps = listAfter(problem.stem, '\\varepsilon =');
      const sd = lv.map((v) => Math.sqrt(Math.exp(v)));
      const where = `seed ${seed}`;
      expectClose(
        keyOf(problem),
        mu.map((m, j) => m + sd[j] * eps[j]),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'reparam-variance-as-std'),
        mu.map((m, j) => m + sd[j] ** 2 * eps[j]),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'reparam-logvar-as-std'),
        mu.map((m, j) => m + lv[j] * eps[j]),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'reparam-mu-std-swapped'),
        mu.map((m, j) => sd[j] + m * eps[j]),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'reparam-divided-by-std'),
        mu.map((m, j) => m + eps[j] / sd[j]),
        1e-9,
        where,
      );
      expectClose(part(variant, 'sigma'), sd, 1e-9, where);
      expectClose(
        part(variant, 'scaled-noise'),
        sd.map((s, j) => s * eps[j]),
        1e-9,
        where,
      );
    }
  });

  it('works a hand-derived case', () => {
    // μ = [1, −1], logvar = [0, 2 ln 2 = 1.386294] → σ = [1, 2]; ε = [0.5, −0.5]:
    // z = [1 + 0.5, −1 − 1] = [1.5, −2]. σ² as σ: [1.5, −1 + 4·(−0.5)] = [1.5, −3].
    const v = mcq('vae-reparam', { mu: '1,-1', logvar: `0,${2 * Math.log(2)}`, eps: '0.5,-0.5' });
    expect(correctNumbers(v)).toEqual([1.5, -2]);
    if (v.question.options?.some((o) => o.misconception?.id === 'reparam-variance-as-std')) {
      expect(wrongNumbers(v, 'reparam-variance-as-std')).toEqual([1.5, -3]);
    }
  });
});
