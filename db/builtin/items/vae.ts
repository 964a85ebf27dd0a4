import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

const TOPIC = 'vae';

type Option = readonly [id: string, text: string, feedback: string];

/** A single-answer item of this topic; `key` names the correct option. */
function mcq(
  id: string,
  stem: string,
  options: readonly Option[],
  key: string,
  explanation: string,
  difficulty: 1 | 2 | 3 | 4 | 5,
  tags: readonly string[],
): BankItemInput {
  return {
    id,
    topic: TOPIC,
    type: 'mcq',
    stem,
    options: options.map(([optionId, text, feedback]) => ({ id: optionId, text, feedback })),
    answer: [key],
    explanation,
    difficulty,
    tags: [...tags],
    source: AUTHORS,
  };
}

/** Variational autoencoders: the ELBO, the KL term, reparameterisation, sampling, posterior collapse. */
export const vaeItems: BankItemInput[] = [
  mcq(
    'vae-elbo-terms',
    'A VAE is trained by maximising the evidence lower bound (ELBO). Which two terms make up the loss it minimises?',
    [
      [
        'rec-kl',
        String.raw`A reconstruction term $-\mathbb E_{q(z|x)}[\log p(x|z)]$ plus the KL divergence $\mathrm{KL}(q(z|x) \,\|\, p(z))$ to the prior.`,
        'Correct.',
      ],
      [
        'rec-l2',
        'A reconstruction term plus an L2 penalty on the decoder weights.',
        'Weight decay may be added, but the second ELBO term is the KL to the prior.',
      ],
      [
        'adv',
        'A reconstruction term plus an adversarial loss from a discriminator.',
        'That describes adversarial autoencoders or VAE-GAN hybrids, not the plain VAE.',
      ],
      [
        'kl-only',
        'The KL term alone; reconstruction follows from it.',
        'Without the reconstruction term the encoder would ignore the input and match the prior.',
      ],
    ],
    'rec-kl',
    String.raw`$\log p(x) \ge \mathbb E_{q(z|x)}[\log p(x|z)] - \mathrm{KL}(q(z|x) \| p(z))$. The first term rewards decoding $x$ back from codes the encoder produces; the second keeps each posterior $q(z|x)$ close to the prior $\mathcal N(0, I)$, which is what lets us later sample $z$ from the prior and decode it. The loss is the negative ELBO: reconstruction error plus KL.`,
    2,
    ['vae', 'elbo'],
  ),
  mcq(
    'vae-why-reparam',
    'Why does a VAE use the reparameterisation trick $z = \\mu + \\sigma \\odot \\varepsilon$?',
    [
      [
        'speed',
        'Sampling this way is faster than calling a Gaussian sampler.',
        'Speed is not the point; a Gaussian sampler is used for ε anyway.',
      ],
      [
        'gradient',
        String.raw`It moves the randomness into $\varepsilon \sim \mathcal N(0, I)$, so $z$ is a differentiable function of $\mu$ and $\sigma$ and gradients reach the encoder.`,
        'Correct.',
      ],
      [
        'determinism',
        'It makes the encoder deterministic at training time.',
        'The sample is still random; only where the randomness enters changes.',
      ],
      [
        'prior',
        'It forces the posterior to equal the prior.',
        'That is the KL term’s pull, and it is only a pull.',
      ],
    ],
    'gradient',
    String.raw`Backpropagation cannot pass through "draw $z$ from $\mathcal N(\mu, \sigma^2)$": the sample is not a function of $\mu$ and $\sigma$. Writing the same distribution as $\mu + \sigma\varepsilon$ with $\varepsilon$ drawn independently makes $\partial z / \partial \mu = 1$ and $\partial z/\partial \sigma = \varepsilon$, so a single sample gives an unbiased, low-variance gradient estimate.`,
    2,
    ['vae', 'reparameterization'],
  ),
  mcq(
    'vae-why-logvar',
    'Why do VAE encoders usually output $\\log \\sigma^2$ instead of $\\sigma$?',
    [
      [
        'kl',
        'Because the KL term cannot be computed from σ.',
        'It can; the log-variance is just more convenient.',
      ],
      [
        'smaller',
        'Because log-variances are always smaller numbers.',
        'They can be any real number, large or small.',
      ],
      [
        'unconstrained',
        'The log-variance can take any real value while σ must be positive, so a plain linear layer can produce it and exp gives a valid variance; it is also numerically stable in the KL term.',
        'Correct.',
      ],
      [
        'sparse',
        'It makes the latent code sparse.',
        'Nothing about the parameterisation encourages sparsity.',
      ],
    ],
    'unconstrained',
    String.raw`A linear output layer produces any real number. Interpreting it as $\log\sigma^2$ gives $\sigma^2 = e^{\text{logvar}} > 0$ without clamps or softplus, and the KL term needs $\log \sigma^2$ directly. The price is remembering that the standard deviation is $e^{\text{logvar}/2}$ — using $e^{\text{logvar}}$ as σ is a classic bug.`,
    2,
    ['vae', 'reparameterization'],
  ),
  mcq(
    'vae-kl-zero-when',
    String.raw`For one latent dimension, when is $\mathrm{KL}(\mathcal N(\mu, \sigma^2) \| \mathcal N(0, 1))$ equal to zero?`,
    [
      [
        'mu0',
        String.raw`Whenever $\mu = 0$, whatever $\sigma$.`,
        String.raw`With $\mu = 0$ the term $\sigma^2 - 1 - \log \sigma^2$ is still positive unless $\sigma^2 = 1$.`,
      ],
      [
        'sigma1',
        String.raw`Whenever $\sigma = 1$, whatever $\mu$.`,
        String.raw`The $\mu^2$ term stays.`,
      ],
      [
        'never',
        'Never: KL divergence is always positive.',
        'It is zero when the two distributions are identical.',
      ],
      ['both', String.raw`Only when $\mu = 0$ and $\sigma^2 = 1$.`, 'Correct.'],
    ],
    'both',
    String.raw`The term is $\tfrac12(\mu^2 + \sigma^2 - 1 - \log\sigma^2)$. Both parts are non-negative: $\mu^2 \ge 0$ and $\sigma^2 - 1 - \log\sigma^2 \ge 0$ with equality only at $\sigma^2 = 1$. So the KL vanishes only when the posterior equals the prior; an encoder that does this for every input carries no information about it (posterior collapse).`,
    2,
    ['vae', 'kl-divergence'],
  ),
  mcq(
    'vae-posterior-collapse',
    'A VAE with a powerful autoregressive decoder reaches a KL term near zero for every input, and its samples ignore the latent code. What is happening?',
    [
      [
        'collapse',
        'Posterior collapse: the decoder models the data without z, so the cheapest way to lower the loss is to set q(z|x) to the prior and pay no KL.',
        'Correct.',
      ],
      [
        'mode',
        'Mode collapse: the generator produces one output only.',
        'Mode collapse is the GAN failure; here the latent code is unused.',
      ],
      [
        'overfit',
        'Overfitting of the encoder.',
        'The encoder is doing nothing input-specific: the opposite of overfitting.',
      ],
      [
        'lr',
        'The learning rate is too low for the KL to grow.',
        'The KL is supposed to be small but not zero; the issue is the trade-off, not the step size.',
      ],
    ],
    'collapse',
    String.raw`Every nat of information the code carries costs KL. If the decoder can reconstruct well from its own context, the optimum puts $q(z|x) = p(z)$ and the latent variable becomes useless. Remedies: KL annealing (start with weight 0 and raise it), free bits (no penalty below a per-dimension budget), weaker decoders, or dropping decoder inputs.`,
    4,
    ['vae', 'posterior-collapse'],
  ),
  mcq(
    'vae-beta',
    String.raw`What does raising $\beta$ above 1 in a β-VAE (loss = reconstruction + β·KL) typically do?`,
    [
      [
        'sharper',
        'Sharper reconstructions.',
        'Reconstructions usually get blurrier: the code may carry less information.',
      ],
      [
        'disentangle',
        'A stronger pull towards the factorised prior: codes carry less information but their dimensions tend to be more disentangled, at the cost of blurrier reconstructions.',
        'Correct.',
      ],
      [
        'nothing',
        'Nothing: β only rescales the loss.',
        'It changes the balance between the two terms, so the optimum moves.',
      ],
      ['no-kl', 'It removes the KL term.', 'β = 0 would remove it; β > 1 strengthens it.'],
    ],
    'disentangle',
    String.raw`β trades rate (information in $z$, measured by the KL) against distortion (reconstruction error). β > 1 compresses harder, which empirically aligns latent dimensions with independent factors of variation; β < 1 allows richer codes and sharper reconstructions but a less regular latent space, so samples from the prior look worse.`,
    3,
    ['vae', 'beta-vae'],
  ),
  mcq(
    'vae-sampling',
    'How do you generate a new image with a trained VAE?',
    [
      [
        'encode-random',
        'Encode a random noise image and decode its mean.',
        'The encoder is not needed for generation.',
      ],
      [
        'decoder-prior',
        String.raw`Draw $z \sim \mathcal N(0, I)$ and pass it through the decoder.`,
        'Correct.',
      ],
      [
        'average',
        'Average the latent codes of the training set and decode the average.',
        'That gives one blurry "average" image, not new samples.',
      ],
      [
        'encoder-only',
        'Run the encoder with dropout on.',
        'The encoder maps images to codes; it does not produce images.',
      ],
    ],
    'decoder-prior',
    String.raw`The KL term trained every posterior to stay close to $\mathcal N(0, I)$, so codes drawn from that prior land where the decoder has learned to decode. The encoder is only used in training (and for encoding real images, e.g. to interpolate between them).`,
    1,
    ['vae', 'sampling'],
  ),
  mcq(
    'vae-vs-ae',
    'Which property does a VAE have that a plain autoencoder with the same architecture lacks?',
    [
      [
        'compression',
        'It compresses the input into fewer dimensions.',
        'Any bottleneck autoencoder does that.',
      ],
      ['reconstruction', 'It is trained to reconstruct its input.', 'Both are.'],
      [
        'generative',
        'A regular latent space matched to a known prior, so decoding random prior samples gives plausible data.',
        'Correct.',
      ],
      ['labels', 'It needs class labels to train.', 'Both are unsupervised.'],
    ],
    'generative',
    String.raw`A plain autoencoder may scatter codes anywhere, leaving holes that decode to garbage. The VAE encodes each input as a distribution and pulls those distributions towards $\mathcal N(0, I)$, so the space between training codes is covered and sampling from the prior is meaningful.`,
    1,
    ['vae', 'autoencoders'],
  ),
  mcq(
    'vae-blurry',
    'Why are VAE samples on natural images often blurry?',
    [
      [
        'gauss',
        'A factorised Gaussian (or L2) likelihood averages over the plausible images consistent with a code, and the noise of the posterior makes nearby codes decode to averages.',
        'Correct.',
      ],
      ['small-lr', 'The learning rate is too small.', 'Blurriness persists at convergence.'],
      ['no-conv', 'VAEs cannot use convolutions.', 'Convolutional VAEs are standard.'],
      ['kl-neg', 'The KL term becomes negative.', 'The KL is never negative.'],
    ],
    'gauss',
    String.raw`Under a per-pixel Gaussian decoder, the best prediction for an uncertain pixel is the mean of the possibilities — a blur. Sharper results come from stronger decoders (autoregressive, hierarchical VAEs), perceptual or adversarial losses, or discrete latents (VQ-VAE).`,
    3,
    ['vae', 'likelihood'],
  ),
  {
    id: 'vae-kl-numeric-fixed',
    topic: TOPIC,
    type: 'numeric',
    stem: String.raw`A one-dimensional VAE posterior has $\mu = 2$ and $\log\sigma^2 = 0$. What is its KL divergence to $\mathcal N(0, 1)$, in nats?`,
    answer: { value: 2, tolerance: { abs: 0.001 } },
    answerFormat: 'a number',
    explanation: String.raw`$\sigma^2 = e^0 = 1$, so $\tfrac12(\mu^2 + \sigma^2 - 1 - \log\sigma^2) = \tfrac12(4 + 1 - 1 - 0) = 2$. The variance already matches the prior; the whole cost is the mean being two standard deviations away. Forgetting the ½ gives 4.`,
    difficulty: 2,
    tags: ['vae', 'kl-divergence'],
    source: AUTHORS,
  },
  mcq(
    'vae-loss-bug-code',
    String.raw`This VAE loss trains, but the latent codes end up far less spread than the prior expects. What is wrong?

${'`'}${'`'}${'`'}python
def vae_loss(recon, x, mu, logvar):
    rec = F.binary_cross_entropy(recon, x, reduction='sum')
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar)
    return rec + kl
${'`'}${'`'}${'`'}`,
    [
      [
        'sign',
        'The KL has the wrong overall sign.',
        String.raw`$-\tfrac12\sum(1 + \log\sigma^2 - \mu^2 - \sigma^2)$ is the right sign; the bug is inside.`,
      ],
      [
        'bce',
        'Binary cross-entropy cannot be used for reconstruction.',
        'BCE is fine for pixel values in [0, 1].',
      ],
      [
        'exp',
        String.raw`The last term should be ${'`'}logvar.exp()${'`'} (the variance $\sigma^2$), not ${'`'}logvar${'`'}: as written, the $\sigma^2$ and $\log\sigma^2$ terms cancel and nothing stops the variances from shrinking.`,
        'Correct.',
      ],
      [
        'sum',
        "reduction='sum' must be 'mean'.",
        'Summing is the usual choice; it keeps the two terms on the same per-example scale.',
      ],
    ],
    'exp',
    String.raw`The KL is $-\tfrac12\sum(1 + \log\sigma^2 - \mu^2 - \sigma^2)$ with $\sigma^2$ = ${'`'}logvar.exp()${'`'}. Writing ${'`'}logvar${'`'} for $\sigma^2$ makes ${'`'}logvar - logvar${'`'} vanish, leaving $\tfrac12\sum(\mu^2 - 1)$: the means are still pulled to 0, but the variance penalty is gone, so the encoder shrinks σ towards 0 and the model drifts towards a plain autoencoder with a poorly covered latent space.`,
    3,
    ['vae', 'kl-divergence', 'code-reading'],
  ),
  mcq(
    'vae-reparam-code',
    String.raw`Which line samples $z$ correctly, given ${'`'}mu${'`'} and ${'`'}logvar = log σ²${'`'}?

${'`'}${'`'}${'`'}python
eps = torch.randn_like(mu)
${'`'}${'`'}${'`'}`,
    [
      [
        'exp',
        '`z = mu + torch.exp(logvar) * eps`',
        'exp(logvar) is the variance, not the standard deviation.',
      ],
      ['half', '`z = mu + torch.exp(0.5 * logvar) * eps`', 'Correct.'],
      [
        'raw',
        '`z = mu + logvar * eps`',
        'logvar is a logarithm and may be negative; it is not a standard deviation.',
      ],
      [
        'sqrt',
        '`z = mu + torch.sqrt(logvar) * eps`',
        'The square root of a log-variance is meaningless (and NaN when negative).',
      ],
    ],
    'half',
    String.raw`$\sigma = \sqrt{\sigma^2} = e^{\frac12 \log\sigma^2}$, i.e. ${'`'}torch.exp(0.5 * logvar)${'`'}. The other lines scale the noise by the variance, the log-variance, or its square root — each gives samples of the wrong spread (or NaNs).`,
    2,
    ['vae', 'reparameterization', 'code-reading'],
  ),
  mcq(
    'vae-interpolation',
    'Two images are encoded to posterior means $\\mu_A$ and $\\mu_B$, and codes on the segment between them are decoded. What does a well-trained VAE typically show?',
    [
      [
        'garbage',
        'Unrecognisable noise between the endpoints.',
        'That is the typical failure of a plain autoencoder, whose latent space has holes.',
      ],
      ['smooth', 'A gradual, mostly plausible morph from A to B.', 'Correct.'],
      [
        'copy',
        'Only image A until halfway, then only image B.',
        'The decoder is continuous; it does not jump.',
      ],
      [
        'same',
        'The same image at every point.',
        'That would indicate posterior collapse, not normal behaviour.',
      ],
    ],
    'smooth',
    String.raw`Because each training image is encoded as a cloud of codes that must decode to it, and the KL keeps those clouds overlapping near the prior, the decoder learns to map the whole region smoothly. Interpolations therefore pass through plausible intermediate images.`,
    1,
    ['vae', 'latent-space'],
  ),
  ...templateItems('vae-kl', TOPIC, { base: 1, tags: ['vae', 'kl-divergence'] }),
  ...templateItems('vae-reparam', TOPIC, { base: 0, tags: ['vae', 'reparameterization'] }),
];
