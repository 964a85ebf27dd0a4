import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ganLosses, gaussianKl, optimalDiscriminator, reparameterize } from './generative';

describe('gaussianKl', () => {
  it('is ½Σ(μ² + σ² − 1 − log σ²) (hand case)', () => {
    // μ = [1, 0], logvar = [0, ln 4]: dim 1: ½(1 + 1 − 1 − 0) = 0.5; dim 2: ½(0 + 4 − 1 − ln 4)
    // = ½(3 − 1.386294) = 0.806853; total 1.306853.
    const { perDim, total } = gaussianKl([1, 0], [0, Math.log(4)]);
    expect(perDim[0]).toBeCloseTo(0.5, 12);
    expect(total).toBeCloseTo(1.306853, 6);
    expect(gaussianKl([0, 0], [0, 0]).total).toBe(0);
  });

  it('matches the KL integral of two Gaussians computed numerically', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        (mu, lv) => {
          const s = Math.exp(0.5 * lv);
          const n = 4000;
          const lo = mu - 10 * s;
          const dx = (20 * s) / n;
          let kl = 0;
          for (let i = 0; i < n; i++) {
            const x = lo + (i + 0.5) * dx;
            const logq = -0.5 * Math.log(2 * Math.PI) - Math.log(s) - ((x - mu) / s) ** 2 / 2;
            const logp = -0.5 * Math.log(2 * Math.PI) - (x * x) / 2;
            kl += Math.exp(logq) * (logq - logp) * dx;
          }
          expect(gaussianKl([mu], [lv]).total).toBeCloseTo(kl, 4);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses vectors of different lengths', () => {
    expect(() => gaussianKl([1, 2], [0])).toThrow('logvar: has 1 values but mu has 2');
  });
});

describe('reparameterize', () => {
  it('takes σ = exp(½ logvar)', () => {
    // μ = 1, logvar = ln 4 → σ = 2; ε = 0.5 → z = 1 + 2·0.5 = 2.
    expect(reparameterize([1], [Math.log(4)], [0.5])[0]).toBeCloseTo(2, 12);
  });
});

describe('optimalDiscriminator and ganLosses', () => {
  it('gives p_data / (p_data + p_g) and ½ where they agree', () => {
    // 0.3 / (0.3 + 0.1) = 0.75; 0.2 / 0.4 = 0.5; 0 / 0.5 = 0.
    const d = optimalDiscriminator([0.3, 0.2, 0], [0.1, 0.2, 0.5]);
    [0.75, 0.5, 0].forEach((x, i) => expect(d[i]).toBeCloseTo(x, 12));
    expect(() => optimalDiscriminator([0], [0])).toThrow(
      'pG: p_data and p_g are both 0 at point 0',
    );
  });

  it('computes the BCE losses (hand case)', () => {
    // D(x) = [0.8], D(G(z)) = [0.25]: D loss −ln 0.8 − ln 0.75 = 0.223144 + 0.287682 = 0.510826;
    // minimax generator ln 0.75 = −0.287682; non-saturating −ln 0.25 = 1.386294.
    const l = ganLosses([0.8], [0.25]);
    expect(l.discriminator).toBeCloseTo(0.510826, 6);
    expect(l.generatorMinimax).toBeCloseTo(-0.287682, 6);
    expect(l.generatorNonSaturating).toBeCloseTo(1.386294, 6);
    expect(() => ganLosses([1], [0.5])).toThrow(/^dReal/);
  });
});
