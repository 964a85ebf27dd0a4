/** Misconception labels of the generative templates (merged into the registry in `../misconceptions`). */
export const GENERATIVE_LABELS = {
  // VAE KL term
  'kl-forgot-half': 'Forgot the factor ½ in front of the sum',
  'kl-std-for-variance': 'Used σ = exp(½·logvar) where the formula needs the variance σ²',
  'kl-log-term-sign': 'Added log σ² instead of subtracting it',
  'kl-forgot-minus-one': 'Left out the − 1 in each dimension’s term',
  // reparameterisation
  'reparam-variance-as-std': 'Used exp(logvar) = σ² as the standard deviation (forgot the ½)',
  'reparam-logvar-as-std': 'Used logvar itself as the standard deviation',
  'reparam-mu-std-swapped': 'Swapped the roles of μ and σ (z = σ + μ·ε)',
  'reparam-divided-by-std': 'Divided the noise by σ instead of multiplying',
  // optimal discriminator
  'gan-dstar-inverted': 'Put p_g over the sum instead of p_data (that is 1 − D*)',
  'gan-dstar-ratio': 'Took the ratio p_data / p_g without adding p_g to the denominator',
  'gan-dstar-half': 'Assumed D* = ½ everywhere (true only once p_g equals p_data)',
  'gan-dstar-data-only': 'Gave the data probability p_data itself instead of normalising it',
  // GAN losses
  'gan-minimax-for-ns':
    'Gave the minimax form mean log(1 − D(G(z))) instead of the non-saturating loss',
  'gan-ns-for-minimax':
    'Gave the non-saturating loss −mean log D(G(z)) instead of the minimax form',
  'gan-loss-sign': 'Dropped the minus sign of the loss',
  'gan-log-base-10': 'Used base-10 logarithms instead of natural ones',
  'gan-used-real-scores':
    'Used the discriminator’s outputs on the real samples instead of the generated ones',
  'gan-summed-not-averaged': 'Summed over the batch instead of taking the mean',
  'gan-d-fake-term-dropped': 'Left out the term of the generated samples',
  'gan-d-labels-swapped': 'Swapped the labels: real samples as 0 and generated ones as 1',
  'gan-d-averaged-terms': 'Averaged the real and generated terms instead of adding them',
} as const satisfies Record<string, string>;
