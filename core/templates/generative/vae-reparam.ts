/**
 * `vae-reparam`: the reparameterised sample z = μ + σ·ε with σ = exp(½·logvar), from the
 * encoder's mean and log-variance and a drawn standard-normal ε.
 */
import { reparameterize } from '../../kernels';
import { vectorAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, fmtRow, term } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 3;

function drawSetup(rng: Rng, level: 1 | 2 | 3): { mu: number[]; logvar: number[]; eps: number[] } {
  const dim = level + 1;
  if (level === 1) {
    return {
      mu: rng.ints(dim, -2, 2),
      logvar: rng.ints(dim, -2, 2),
      eps: rng.decimals(dim, -1.5, 1.5, 1),
    };
  }
  return {
    mu: rng.decimals(dim, -2, 2, level - 1),
    logvar: rng.decimals(dim, -2, 1.5, level - 1),
    eps: rng.decimals(dim, -2, 2, 2),
  };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const given = [p.numbers('mu'), p.numbers('logvar'), p.numbers('eps')];
  const fixed = given.every((g) => g !== undefined);
  if (!fixed && given.some((g) => g !== undefined))
    throw new TemplateError('give all of mu, logvar and eps');
  const drawn = fixed ? undefined : drawSetup(rng, p.level);
  const mu = given[0]?.slice() ?? drawn!.mu;
  const logvar = given[1]?.slice() ?? drawn!.logvar;
  const eps = given[2]?.slice() ?? drawn!.eps;
  const z = reparameterize(mu, logvar, eps);
  const sigma = logvar.map((lv) => Math.exp(0.5 * lv));
  const vec = (xs: readonly number[], decimals = DECIMALS) => vectorAnswer(xs, decimals);
  const each = (f: (j: number) => number) => mu.map((_, j) => f(j));
  const steps = [
    `$\\sigma = e^{\\text{logvar}/2}$: $${fmtRow(sigma, 4)}$.`,
    ...mu.map(
      (m, j) =>
        `$z_{${j + 1}} = ${fmt(m, 2)} + ${fmt(sigma[j], 4)} \\cdot ${term(eps[j], 2)} = ${fmt(z[j], 4)}$.`,
    ),
  ];
  return finishDraw(
    {
      stem:
        `A VAE's encoder outputs the mean $\\mu = ${fmtRow(mu, 2)}$ and the log-variance $\\text{logvar} = \\log\\sigma^2 = ${fmtRow(logvar, 2)}$. ` +
        `With the reparameterisation trick and the standard-normal noise $\\varepsilon = ${fmtRow(eps, 2)}$, which latent sample $z$ goes to the decoder?`,
      answer: vec(z),
      distractors: [
        wrong(
          'reparam-variance-as-std',
          vec(each((j) => mu[j] + Math.exp(logvar[j]) * eps[j])),
          '$e^{\\text{logvar}}$ is the variance; the noise is scaled by the standard deviation $e^{\\text{logvar}/2}$.',
          'logvar-is-log-variance',
        ),
        wrong(
          'reparam-logvar-as-std',
          vec(each((j) => mu[j] + logvar[j] * eps[j])),
          'logvar is a logarithm (it can be negative); the standard deviation is $e^{\\text{logvar}/2}$.',
          'logvar-is-log-variance',
        ),
        wrong(
          'reparam-mu-std-swapped',
          vec(each((j) => sigma[j] + mu[j] * eps[j])),
          'The mean shifts the sample and the standard deviation scales the noise: $z = \\mu + \\sigma\\varepsilon$.',
        ),
        wrong(
          'reparam-divided-by-std',
          vec(each((j) => mu[j] + eps[j] / sigma[j])),
          'To turn standard-normal noise into $\\mathcal N(\\mu, \\sigma^2)$ it is multiplied by $\\sigma$, not divided.',
        ),
      ],
      correctFeedback: 'Right: z = μ + exp(½·logvar)·ε.',
      explanation:
        'Sampling $z \\sim \\mathcal N(\\mu, \\sigma^2)$ directly would block gradients to the encoder. The ' +
        'reparameterisation trick draws the randomness from a fixed $\\varepsilon \\sim \\mathcal N(0, I)$ and writes ' +
        '$z = \\mu + \\sigma \\odot \\varepsilon$, a differentiable function of $\\mu$ and $\\sigma$ (so $\\partial z/\\partial\\mu = 1$ and ' +
        '$\\partial z/\\partial\\sigma = \\varepsilon$). Because the encoder outputs $\\log\\sigma^2$, the standard deviation is ' +
        '$e^{\\text{logvar}/2}$ — `torch.exp(0.5 * logvar)` in the PyTorch VAE example.',
      steps,
      parts: [
        {
          id: 'sigma',
          prompt: 'The standard deviations $\\sigma$.',
          answer: vec(sigma, 4),
          hint: 'Halve each log-variance, then exponentiate.',
        },
        {
          id: 'scaled-noise',
          prompt: 'The scaled noise $\\sigma \\odot \\varepsilon$.',
          answer: vec(
            each((j) => sigma[j] * eps[j]),
            4,
          ),
          hint: 'Multiply each standard deviation by its noise value.',
        },
      ],
      hints: {
        nudge:
          'Shift standard-normal noise by the mean after scaling it by the standard deviation.',
        formula:
          '$z = \\mu + \\sigma \\odot \\varepsilon$, $\\sigma = e^{\\frac12 \\text{logvar}}$',
        firstStep: steps[0],
      },
      entryHint: `the ${mu.length} values of z`,
    },
    { fixed },
  );
}

/** The reparameterisation trick. */
export const vaeReparam: TemplateDefinition = {
  id: 'vae-reparam',
  topic: 'vae',
  title: 'The reparameterisation trick z = μ + σ·ε',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    mu: { kind: 'numbers', minLength: 1, maxLength: 8, description: 'the means (default: drawn)' },
    logvar: { kind: 'numbers', minLength: 1, maxLength: 8, description: 'the log-variances' },
    eps: { kind: 'numbers', minLength: 1, maxLength: 8, description: 'the standard-normal noise' },
  },
  draw,
};
