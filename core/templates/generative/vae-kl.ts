/**
 * `vae-kl`: the VAE's KL term KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ (μ² + σ² − 1 − log σ²), from the
 * encoder's mean and log-variance (σ² = exp(logvar)), in nats.
 */
import { gaussianKl } from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, fmtRow, term } from '../format';
import type { Rng } from '../rng';
import { equalsOrApprox } from '../stats-steps';
import { TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 4;

function drawSetup(rng: Rng, level: 1 | 2 | 3): { mu: number[]; logvar: number[] } {
  if (level === 1) return { mu: rng.ints(2, -2, 2), logvar: rng.ints(2, -1, 1) };
  if (level === 2)
    return { mu: rng.decimals(3, -1.5, 1.5, 1), logvar: rng.decimals(3, -1.5, 1, 1) };
  return { mu: rng.decimals(4, -2, 2, 2), logvar: rng.decimals(4, -2, 1, 2) };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const fixedMu = p.numbers('mu');
  const fixedLv = p.numbers('logvar');
  const fixed = fixedMu !== undefined && fixedLv !== undefined;
  if (!fixed && (fixedMu ?? fixedLv) !== undefined)
    throw new TemplateError('give both mu and logvar');
  const drawn = fixed ? undefined : drawSetup(rng, p.level);
  const mu = fixedMu?.slice() ?? drawn!.mu;
  const logvar = fixedLv?.slice() ?? drawn!.logvar;
  const { perDim, total } = gaussianKl(mu, logvar);
  const n = (x: number) => numberAnswer(x, DECIMALS);
  const variances = logvar.map(Math.exp);
  const sum = (f: (j: number) => number) => mu.reduce((s, _, j) => s + f(j), 0);
  const dimStep = (j: number) =>
    `Dimension ${j + 1}: $\\sigma^2 = e^{${fmt(logvar[j], 2)}} = ${fmt(variances[j], 6)}$; ` +
    `$\\tfrac12(${term(mu[j], 2)}^2 + ${fmt(variances[j], 6)} - 1 - ${term(logvar[j], 2)}) = ${fmt(perDim[j], 6)}$.`;
  const steps = [
    ...mu.map((_, j) => dimStep(j)),
    `Sum over the ${mu.length} dimensions: $${perDim.map((v) => fmt(v, 6)).join(' + ')} ${equalsOrApprox(total, DECIMALS)}$.`,
  ];
  return finishDraw(
    {
      stem:
        `A VAE's encoder maps an input to a diagonal Gaussian with mean $\\mu = ${fmtRow(mu, 2)}$ and ` +
        `log-variance $\\log \\sigma^2 = ${fmtRow(logvar, 2)}$ (one value per latent dimension). What is the KL term ` +
        '$\\mathrm{KL}\\big(\\mathcal N(\\mu, \\sigma^2) \\,\\|\\, \\mathcal N(0, I)\\big)$ of its loss, in nats (natural logarithm), summed over the dimensions?',
      answer: n(total),
      distractors: [
        wrong(
          'kl-forgot-half',
          n(2 * total),
          'Each dimension contributes $\\tfrac12(\\mu^2 + \\sigma^2 - 1 - \\log\\sigma^2)$; the ½ comes from the Gaussian’s $\\tfrac12$ in the exponent.',
        ),
        wrong(
          'kl-std-for-variance',
          n(0.5 * sum((j) => mu[j] ** 2 + Math.exp(0.5 * logvar[j]) - 1 - logvar[j])),
          'The formula needs the variance $\\sigma^2 = e^{\\text{logvar}}$; $e^{\\text{logvar}/2}$ is the standard deviation.',
          'logvar-is-log-variance',
        ),
        wrong(
          'kl-log-term-sign',
          n(0.5 * sum((j) => mu[j] ** 2 + variances[j] - 1 + logvar[j])),
          'The log term is subtracted: $\\sigma^2 - 1 - \\log\\sigma^2 \\ge 0$, with equality only at $\\sigma^2 = 1$.',
        ),
        wrong(
          'kl-forgot-minus-one',
          n(0.5 * sum((j) => mu[j] ** 2 + variances[j] - logvar[j])),
          'Without the $-1$ the KL of the prior with itself ($\\mu = 0$, $\\sigma = 1$) would be ½ per dimension instead of 0.',
        ),
      ],
      correctFeedback:
        'Right: ½ Σ (μ² + σ² − 1 − log σ²), which is 0 only when every μ = 0 and σ² = 1.',
      explanation:
        'For a diagonal Gaussian against the standard normal the KL divergence has a closed form per dimension, ' +
        '$\\tfrac12(\\mu^2 + \\sigma^2 - 1 - \\log\\sigma^2)$, and the dimensions add. The $\\mu^2$ term pulls the means ' +
        'towards 0 and $\\sigma^2 - 1 - \\log\\sigma^2$ (never negative) pulls the variances towards 1. The encoder outputs ' +
        '$\\log\\sigma^2$ so that the variance $e^{\\log\\sigma^2}$ is positive without constraints; using the standard ' +
        'deviation in its place, flipping the sign of the log term or dropping the $-1$ would give a "KL" that is not 0 ' +
        'at the prior itself.',
      steps,
      parts: [
        {
          id: 'variance-sum',
          prompt: 'The sum of the variances $\\sum_j \\sigma_j^2$.',
          answer: n(sum((j) => variances[j])),
          hint: 'Each variance is $e^{\\text{logvar}}$.',
        },
        {
          id: 'first-dimension',
          prompt: 'The KL contribution of latent dimension 1.',
          answer: n(perDim[0]),
          hint: 'Its $\\tfrac12(\\mu^2 + \\sigma^2 - 1 - \\log\\sigma^2)$.',
        },
      ],
      hints: {
        nudge: 'The KL to a standard normal has a closed form per dimension; add the dimensions.',
        formula:
          '$\\mathrm{KL} = \\tfrac12 \\sum_j \\big(\\mu_j^2 + \\sigma_j^2 - 1 - \\log \\sigma_j^2\\big)$, $\\sigma_j^2 = e^{\\text{logvar}_j}$',
        firstStep: steps[0],
      },
      entryHint: 'the KL term',
    },
    { fixed },
  );
}

/** The Gaussian KL term of a VAE. */
export const vaeKl: TemplateDefinition = {
  id: 'vae-kl',
  topic: 'vae',
  title: 'The Gaussian KL term of a VAE',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    mu: { kind: 'numbers', minLength: 1, maxLength: 8, description: 'the means (default: drawn)' },
    logvar: { kind: 'numbers', minLength: 1, maxLength: 8, description: 'the log-variances' },
  },
  draw,
};
