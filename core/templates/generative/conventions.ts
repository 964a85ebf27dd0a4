/** Conventions the generative templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const GENERATIVE_CONVENTIONS = {
  'logvar-is-log-variance': {
    phrase: 'log-variance',
    rule: 'The encoder’s second head gives the log-variance logvar = log σ² (PyTorch VAE examples), so σ = exp(½·logvar).',
  },
  'gan-d-loss-sum': {
    phrase: 'sum of the two',
    rule: 'The discriminator loss is the sum of the two BCE terms, real labelled 1 and generated labelled 0 (the DCGAN tutorial’s errD_real + errD_fake).',
  },
  'bce-mean-natural-log': {
    phrase: 'mean over the batch',
    rule: 'nn.BCELoss uses natural logarithms and averages over the batch (reduction="mean").',
  },
} as const satisfies Record<string, Convention>;
