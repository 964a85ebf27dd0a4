import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

const TOPIC = 'gans';

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

/** Generative adversarial networks: the minimax game, the optimal discriminator, losses, failure modes. */
export const gansItems: BankItemInput[] = [
  mcq(
    'gan-minimax-objective',
    'What is the value function of the original GAN game, which the discriminator maximises and the generator minimises?',
    [
      [
        'mse',
        String.raw`$\mathbb E\,\|x - G(z)\|^2$`,
        'A GAN never compares a generated sample with a specific real one.',
      ],
      [
        'kl',
        String.raw`$\mathrm{KL}(p_{\text{data}} \| p_g)$ computed directly`,
        'Neither density is available in closed form; the game only needs samples.',
      ],
      [
        'minimax',
        String.raw`$\mathbb E_{x \sim p_{\text{data}}}[\log D(x)] + \mathbb E_{z \sim p(z)}[\log(1 - D(G(z)))]$`,
        'Correct.',
      ],
      [
        'hinge',
        String.raw`$\mathbb E[\max(0, 1 - D(x))]$ only`,
        'That is half of the hinge loss used by some later GANs, not the original game.',
      ],
    ],
    'minimax',
    String.raw`$D$ is a classifier of "real": it wants $\log D(x)$ high on data and $\log(1 - D(G(z)))$ high on fakes, i.e. it minimises binary cross-entropy. $G$ wants its samples called real, so it minimises the second term. At the optimum of $D$ the value becomes $2\,\mathrm{JSD}(p_{\text{data}} \| p_g) - \log 4$, minimised when $p_g = p_{\text{data}}$.`,
    2,
    ['gan', 'minimax'],
  ),
  mcq(
    'gan-optimal-d-formula',
    'For a fixed generator, what is the optimal discriminator?',
    [
      [
        'half',
        String.raw`$D^*(x) = \tfrac12$ everywhere`,
        'Only once the generator matches the data.',
      ],
      [
        'ratio',
        String.raw`$D^*(x) = p_{\text{data}}(x) / p_g(x)$`,
        'That ratio can exceed 1; a probability needs the sum in the denominator.',
      ],
      [
        'posterior',
        String.raw`$D^*(x) = \dfrac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}$`,
        'Correct.',
      ],
      [
        'data',
        String.raw`$D^*(x) = p_{\text{data}}(x)$`,
        'How likely x is to be real depends on how often the generator produces it too.',
      ],
    ],
    'posterior',
    String.raw`Pointwise, $D$ maximises $a \log D + b \log(1 - D)$ with $a = p_{\text{data}}(x)$, $b = p_g(x)$; setting the derivative $a/D - b/(1 - D)$ to 0 gives $D = a/(a + b)$. It is the Bayes posterior of "real" with equal priors on the two sources.`,
    2,
    ['gan', 'optimal-discriminator'],
  ),
  mcq(
    'gan-equilibrium',
    'At the global optimum of the GAN game, what do the generator and the discriminator do?',
    [
      [
        'd-one',
        'The discriminator outputs 1 on real data and 0 on fakes.',
        'That is a discriminator winning against a bad generator.',
      ],
      [
        'equal',
        String.raw`$p_g = p_{\text{data}}$ and the discriminator outputs $\tfrac12$ everywhere: it cannot tell the two apart.`,
        'Correct.',
      ],
      [
        'copy',
        'The generator memorises one training image.',
        'That is a failure (mode collapse plus memorisation), not the optimum.',
      ],
      [
        'zero-loss',
        'Both losses reach zero.',
        String.raw`At the optimum the value is $-\log 4$; the discriminator's BCE is $2\ln 2 \approx 1.386$.`,
      ],
    ],
    'equal',
    String.raw`With $D^*$ plugged in, the generator minimises $2\,\mathrm{JSD}(p_{\text{data}} \| p_g) - \log 4$, which is smallest ($-\log 4$) exactly when the distributions are equal. Then $D^* = p/(p + p) = \tfrac12$. A discriminator BCE that settles near $2 \ln 2$ is therefore a sign of balance, not of failure.`,
    3,
    ['gan', 'optimal-discriminator', 'jsd'],
  ),
  mcq(
    'gan-non-saturating',
    'Early in training the discriminator easily rejects the generated samples ($D(G(z)) \\approx 0$). Why do practitioners train the generator with $-\\log D(G(z))$ instead of minimising $\\log(1 - D(G(z)))$?',
    [
      [
        'same-grad',
        'The two losses have identical gradients; it is only a convention.',
        'Their gradients differ hugely when D(G(z)) is near 0.',
      ],
      [
        'saturate',
        String.raw`$\log(1 - D)$ is flat near $D = 0$, so the generator gets almost no gradient exactly when it is worst; $-\log D$ is steep there, with the same fixed point.`,
        'Correct.',
      ],
      [
        'bounded',
        String.raw`$-\log D$ is bounded, which stabilises training.`,
        String.raw`It is unbounded as $D \to 0$ — that is what makes its gradient strong.`,
      ],
      ['cheaper', 'It is cheaper to compute.', 'Both cost the same.'],
    ],
    'saturate',
    String.raw`With $D = \sigma(a)$, $\partial \log(1 - D)/\partial a = -D$, which vanishes as $D \to 0$; $\partial(-\log D)/\partial a = -(1 - D)$, close to $-1$ there. Both push $D(G(z))$ up and share the optimum $p_g = p_{\text{data}}$; in code it is BCE with the fake samples labelled 1.`,
    3,
    ['gan', 'non-saturating-loss'],
  ),
  mcq(
    'gan-mode-collapse',
    'A GAN generates sharp digits, but almost all of them are 1s and 7s. What is this called, and what drives it?',
    [
      [
        'overfit-d',
        'Discriminator overfitting: the discriminator memorised the training set.',
        'That can happen with little data, but the symptom here is missing variety in the samples.',
      ],
      [
        'collapse',
        'Mode collapse: the generator maps many z to a few outputs that currently fool the discriminator, because nothing in its loss rewards covering every mode.',
        'Correct.',
      ],
      [
        'vanishing',
        'Vanishing gradients in the generator.',
        'The generator is clearly learning; it just learns too narrowly.',
      ],
      [
        'posterior',
        'Posterior collapse.',
        'That is the VAE failure where the latent code is ignored.',
      ],
    ],
    'collapse',
    String.raw`The generator's loss scores each sample separately, so producing the few outputs the discriminator currently accepts is a good local strategy; the discriminator then learns to reject them and the generator hops to other modes, cycling. Remedies include minibatch discrimination/feature statistics, unrolled or Wasserstein objectives, spectral normalisation and more data augmentation.`,
    2,
    ['gan', 'mode-collapse'],
  ),
  {
    id: 'gan-dstar-numeric',
    topic: TOPIC,
    type: 'numeric',
    stem: String.raw`At some image $x$ the data density is $p_{\text{data}}(x) = 0.03$ and the generator's density is $p_g(x) = 0.01$. What does the optimal discriminator output at $x$?`,
    answer: { value: 0.75, tolerance: { abs: 0.001 } },
    answerFormat: 'a number between 0 and 1',
    explanation: String.raw`$D^*(x) = 0.03 / (0.03 + 0.01) = 0.75$: three quarters of the probability mass at $x$ comes from the data, so the best guess of "real" is 0.75. The ratio $0.03/0.01 = 3$ is not a probability; $0.01/0.04 = 0.25$ is the probability of "fake".`,
    difficulty: 2,
    tags: ['gan', 'optimal-discriminator'],
    source: AUTHORS,
  },
  {
    id: 'gan-balance-loss-numeric',
    topic: TOPIC,
    type: 'numeric',
    stem: String.raw`A discriminator outputs $D = 0.5$ on every real and every generated image. Its loss is $\mathrm{BCE}(D(x), 1) + \mathrm{BCE}(D(G(z)), 0)$ with natural logarithms. What is the loss?`,
    answer: { value: 1.386294, tolerance: { abs: 0.001 } },
    answerFormat: 'a number',
    explanation: String.raw`Each term is $-\ln 0.5 = \ln 2 \approx 0.6931$, so the sum is $2 \ln 2 \approx 1.3863$. This is the value at the GAN equilibrium, where the discriminator can do no better than guessing; a discriminator loss falling far below it means the discriminator is winning.`,
    difficulty: 3,
    tags: ['gan', 'minimax'],
    source: AUTHORS,
  },
  mcq(
    'gan-d-loss-code',
    String.raw`What is wrong in this discriminator step?

${'`'}${'`'}${'`'}python
bce = nn.BCELoss()
fake = G(torch.randn(b, 100))
loss_d = bce(D(real), torch.ones(b, 1)) + bce(D(fake), torch.ones(b, 1))
loss_d.backward()
opt_d.step()
${'`'}${'`'}${'`'}`,
    [
      [
        'labels',
        'The generated samples are labelled 1; they must be labelled 0 (`torch.zeros`), and `fake` should be detached so this step does not build gradients into G.',
        'Correct.',
      ],
      [
        'sum',
        'The two BCE terms must be averaged, not added.',
        'Adding them is the usual choice (DCGAN); averaging only halves the loss.',
      ],
      [
        'sigmoid',
        '`nn.BCELoss` needs raw logits.',
        'BCELoss expects probabilities; BCEWithLogitsLoss takes logits. Either is fine if D matches.',
      ],
      [
        'order',
        '`opt_d.step()` must come before `backward()`.',
        'The gradients must be computed before the step.',
      ],
    ],
    'labels',
    String.raw`The discriminator learns to separate the two sources, so real targets are 1 and generated targets 0. With both labelled 1 it learns to call everything real and gives the generator no signal. ${'`'}fake.detach()${'`'} keeps the discriminator update from back-propagating into the generator (its gradients would otherwise accumulate there).`,
    3,
    ['gan', 'code-reading'],
  ),
  mcq(
    'gan-alternating',
    'How is a GAN usually trained?',
    [
      [
        'joint',
        'One optimiser on the sum of both losses.',
        'The players have opposite goals; one combined loss cannot express both.',
      ],
      [
        'g-first',
        'Train the generator to convergence, then the discriminator.',
        'A frozen discriminator would be fooled by any fixed trick.',
      ],
      [
        'alternate',
        'Alternating gradient steps: update D on real and generated batches, then update G through the (fixed) D, with separate optimisers.',
        'Correct.',
      ],
      [
        'pretrain-only',
        'Pre-train the discriminator as a classifier and never update it.',
        'The discriminator has to keep adapting to the generator.',
      ],
    ],
    'alternate',
    String.raw`Each iteration takes a step on the discriminator's BCE (real → 1, fake → 0) and a step on the generator's loss computed through the current discriminator. The two optimisers (often Adam with β₁ = 0.5) keep the game close to balanced; neither player should get far ahead.`,
    1,
    ['gan', 'training'],
  ),
  mcq(
    'gan-vs-vae',
    'Which statement about GANs compared with VAEs is right?',
    [
      [
        'likelihood',
        'GANs give an explicit likelihood of each sample.',
        'GANs define their distribution only implicitly, through samples.',
      ],
      ['encoder', 'GANs need an encoder to train.', 'A basic GAN has no encoder.'],
      [
        'implicit',
        'GANs learn an implicit sampler judged by a learned critic; samples tend to be sharper, but there is no likelihood and training is less stable.',
        'Correct.',
      ],
      [
        'same',
        'They optimise the same objective with different architectures.',
        'A VAE maximises an ELBO; a GAN plays a minimax game.',
      ],
    ],
    'implicit',
    String.raw`A VAE fits an explicit latent-variable model by maximising a likelihood bound; its per-pixel likelihood tends to blur. A GAN never evaluates a density: the discriminator judges realism, which favours sharp samples but can miss modes and makes training a delicate balance.`,
    2,
    ['gan', 'vae'],
  ),
  mcq(
    'gan-d-too-strong',
    'Training with the minimax generator loss, the discriminator reaches near-perfect accuracy and the generator stops improving. Which change addresses the cause most directly?',
    [
      ['bigger-d', 'Make the discriminator larger.', 'That makes the imbalance worse.'],
      [
        'ns',
        'Switch the generator to the non-saturating loss $-\\log D(G(z))$ (and regularise D, e.g. spectral normalisation or label smoothing).',
        'Correct.',
      ],
      [
        'lr-g-zero',
        'Set the generator learning rate to zero for a while.',
        'Then nothing can improve the generator.',
      ],
      [
        'remove-d',
        'Drop the discriminator and train G on pixel MSE.',
        'That is no longer a GAN and gives blurry averages.',
      ],
    ],
    'ns',
    String.raw`When $D(G(z)) \approx 0$, the minimax loss $\log(1 - D(G(z)))$ saturates and the generator's gradient vanishes. The non-saturating loss keeps a strong gradient there, and regularising the discriminator keeps its outputs from becoming too confident.`,
    3,
    ['gan', 'non-saturating-loss'],
  ),
  mcq(
    'gan-jsd-disjoint',
    'Why can the original GAN objective give poor gradients when the supports of $p_{\\text{data}}$ and $p_g$ barely overlap?',
    [
      [
        'jsd-const',
        String.raw`With disjoint supports the Jensen–Shannon divergence is constant ($\log 2$), so the optimal discriminator separates them perfectly and the generator gets no useful direction.`,
        'Correct.',
      ],
      ['kl-neg', 'The KL divergence becomes negative.', 'Divergences are never negative.'],
      [
        'lr',
        'The learning rate becomes too large.',
        'The learning rate is a hyperparameter, not a consequence of the supports.',
      ],
      ['bn', 'Batch norm stops working.', 'Normalisation is unrelated to this effect.'],
    ],
    'jsd-const',
    String.raw`Real images lie near a low-dimensional manifold, and early generated samples lie on another; the two rarely overlap. The JSD between distributions with disjoint supports is $\log 2$ however far apart they are, so it gives no sense of distance. This motivated the Wasserstein GAN, whose critic measures how far mass must move.`,
    4,
    ['gan', 'jsd', 'wasserstein'],
  ),
  mcq(
    'gan-latent-input',
    'What is the input of a GAN generator at sampling time?',
    [
      [
        'image',
        'A real training image to be modified.',
        'Unconditional GANs do not take images; image-to-image models are a different setting.',
      ],
      [
        'noise',
        String.raw`A latent vector $z$ drawn from a simple fixed distribution, such as $\mathcal N(0, I)$ or uniform.`,
        'Correct.',
      ],
      [
        'label-only',
        'Only a class label.',
        'Conditional GANs add a label, but still need the noise for variety.',
      ],
      [
        'd-output',
        'The discriminator’s output on the previous sample.',
        'The discriminator is not used at sampling time.',
      ],
    ],
    'noise',
    String.raw`The generator is a deterministic network that pushes a simple noise distribution forward into image space; all randomness comes from $z$. After training the discriminator is discarded and new samples are $G(z)$ for fresh $z$.`,
    1,
    ['gan', 'sampling'],
  ),
  ...templateItems('gan-optimal-d', TOPIC, { base: 1, tags: ['gan', 'optimal-discriminator'] }),
  ...templateItems('gan-losses', TOPIC, {
    base: 1,
    tags: ['gan', 'non-saturating-loss', 'minimax'],
  }),
];
