/**
 * Kernels of the generative models: the VAE's Gaussian KL term and reparameterisation, the GAN's
 * optimal discriminator and its discriminator and generator losses.
 */
import {
  KernelArgError,
  requireFiniteResult,
  requireNonNegativeNumber,
  requireVector,
} from './validate';

function sameLength(arg: string, a: readonly number[], b: readonly number[], other: string): void {
  if (a.length !== b.length) {
    throw new KernelArgError(arg, `has ${a.length} values but ${other} has ${b.length}`);
  }
}

/**
 * KL(N(μ, diag σ²) ‖ N(0, I)) = ½ Σ_j (μ_j² + σ_j² − 1 − log σ_j²), from the encoder's mean and
 * log-variance (σ² = exp(logvar)), per dimension and summed.
 */
export function gaussianKl(mu: number[], logvar: number[]): { perDim: number[]; total: number } {
  requireVector('mu', mu);
  requireVector('logvar', logvar);
  sameLength('logvar', logvar, mu, 'mu');
  const perDim = mu.map((m, j) => 0.5 * (m * m + Math.exp(logvar[j]) - 1 - logvar[j]));
  const total = perDim.reduce((s, v) => s + v, 0);
  requireFiniteResult('logvar', [...perDim, total]);
  return { perDim, total };
}

/** The reparameterised sample z = μ + σ·ε with σ = exp(½·logvar), element-wise. */
export function reparameterize(mu: number[], logvar: number[], eps: number[]): number[] {
  requireVector('mu', mu);
  requireVector('logvar', logvar);
  requireVector('eps', eps);
  sameLength('logvar', logvar, mu, 'mu');
  sameLength('eps', eps, mu, 'mu');
  const z = mu.map((m, j) => m + Math.exp(0.5 * logvar[j]) * eps[j]);
  requireFiniteResult('logvar', z);
  return z;
}

/**
 * The optimal discriminator for a fixed generator, D*(x) = p_data(x) / (p_data(x) + p_g(x)), at
 * each point (densities or probabilities ≥ 0, not both zero at a point).
 */
export function optimalDiscriminator(pData: number[], pG: number[]): number[] {
  requireVector('pData', pData);
  requireVector('pG', pG);
  sameLength('pG', pG, pData, 'pData');
  return pData.map((pd, i) => {
    requireNonNegativeNumber(`pData[${i}]`, pd);
    requireNonNegativeNumber(`pG[${i}]`, pG[i]);
    if (pd + pG[i] === 0) throw new KernelArgError('pG', `p_data and p_g are both 0 at point ${i}`);
    return pd / (pd + pG[i]);
  });
}

/** The GAN losses of one batch, natural log, each a mean over the batch. */
export interface GanLosses {
  /** BCE(D(x), 1) + BCE(D(G(z)), 0) = −mean log D(x) − mean log(1 − D(G(z))). */
  readonly discriminator: number;
  /** The minimax generator objective to minimise: mean log(1 − D(G(z))). */
  readonly generatorMinimax: number;
  /** The non-saturating generator loss BCE(D(G(z)), 1) = −mean log D(G(z)). */
  readonly generatorNonSaturating: number;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function probabilities(arg: string, values: number[]): number[] {
  requireVector(arg, values);
  values.forEach((v, i) => {
    if (!(v > 0 && v < 1)) {
      throw new KernelArgError(
        arg,
        `discriminator outputs must lie strictly in (0, 1), got ${v} at ${i}`,
      );
    }
  });
  return values;
}

/** GAN losses from the discriminator's outputs on real samples and on generated samples. */
export function ganLosses(dReal: number[], dFake: number[]): GanLosses {
  const real = probabilities('dReal', dReal);
  const fake = probabilities('dFake', dFake);
  return {
    discriminator: -mean(real.map(Math.log)) - mean(fake.map((d) => Math.log(1 - d))),
    generatorMinimax: mean(fake.map((d) => Math.log(1 - d))),
    generatorNonSaturating: -mean(fake.map(Math.log)),
  };
}
