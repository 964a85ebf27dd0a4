import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_REMARK } from '../sources';

/** Gradient descent, learning rates, vanishing and exploding gradients. */
export const optimizationItems: BankItemInput[] = [
  {
    id: 'opt-vanishing-vs-exploding',
    topic: 'optimization',
    type: 'mcq',
    stem: String.raw`With the update $w_{t+1} = w_t - \eta\,\nabla_w L(w_t)$, which description matches the two gradient problems of deep networks?`,
    options: [
      {
        id: 'swapped',
        text: 'Vanishing: the loss becomes NaN. Exploding: the early layers stop learning.',
        feedback: 'The symptoms are swapped.',
      },
      {
        id: 'lr-only',
        text: 'Both describe a learning rate that is too small.',
        feedback:
          'A small learning rate slows every layer equally; vanishing and exploding gradients come from products of many layer-wise factors.',
      },
      {
        id: 'correct-pair',
        text: 'Vanishing: the gradients reaching early layers are close to zero, so those weights barely change. Exploding: the gradients become huge, updates overshoot and the loss can become inf or NaN.',
        feedback: 'Correct.',
      },
      {
        id: 'overfitting',
        text: 'Both are forms of overfitting.',
        feedback:
          'They are optimisation problems: the network fails to train well, independent of generalisation.',
      },
    ],
    answer: ['correct-pair'],
    explanation: String.raw`By the chain rule, the gradient for an early layer is a product of one factor per later layer (weights times activation derivatives). If those factors are typically smaller than 1, the product shrinks exponentially with depth: $\nabla_w L \to 0$ and the update $w_{t+1} \approx w_t$, so early layers stop learning. If they are typically larger than 1, it grows exponentially: huge steps, oscillating or diverging loss, and eventually overflow to inf/NaN.`,
    difficulty: 2,
    tags: ['vanishing-gradients', 'exploding-gradients', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'opt-vanishing-remedies',
    topic: 'optimization',
    type: 'msq',
    stem: 'Which of these help against **vanishing** gradients in a deep feed-forward network? Select all that apply.',
    options: [
      {
        id: 'init',
        text: 'Variance-preserving initialisation (Xavier/He)',
        feedback: 'Yes: it keeps the per-layer factors close to 1 at the start of training.',
      },
      {
        id: 'batchnorm',
        text: 'Batch normalisation',
        feedback:
          'Yes: it keeps pre-activations out of the saturated regions of the activation function.',
      },
      {
        id: 'residual',
        text: 'Residual (skip) connections',
        feedback:
          'Yes: the identity path carries gradients past the layers without shrinking them.',
      },
      {
        id: 'dropout',
        text: 'Adding dropout',
        feedback:
          'No: dropout is a regulariser against overfitting; it does nothing to keep gradients from shrinking.',
      },
      {
        id: 'early-stopping',
        text: 'Early stopping',
        feedback: 'No: stopping earlier limits overfitting; it cannot make gradients larger.',
      },
      {
        id: 'relu',
        text: 'Using ReLU-family activations instead of sigmoid',
        feedback:
          'Yes: the ReLU derivative is 1 for positive inputs, while the sigmoid derivative is at most 0.25.',
      },
    ],
    answer: ['init', 'batchnorm', 'residual', 'relu'],
    explanation: String.raw`Vanishing gradients come from multiplying many factors below 1 during backpropagation. The remedies keep those factors near 1: non-saturating activations (ReLU and variants), initialisations that preserve the variance of activations and gradients, normalisation layers, and skip connections that give the gradient a path with factor 1 (for recurrent networks, LSTM/GRU gating plays that role).

Regularisation techniques such as dropout, weight penalties and early stopping address a different problem, overfitting; they are sometimes listed next to gradient problems by mistake.`,
    difficulty: 3,
    tags: ['vanishing-gradients', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'opt-exploding-remedies',
    topic: 'optimization',
    type: 'msq',
    stem: 'Training loss suddenly jumps to NaN after a few hundred steps, and the logged gradient norms grow by orders of magnitude just before. Which changes are sensible? Select all that apply.',
    options: [
      {
        id: 'higher-lr',
        text: 'Raise the learning rate so training gets past the unstable region faster',
        feedback: 'No: larger steps make the divergence worse.',
      },
      {
        id: 'larger-init',
        text: 'Initialise the weights with a larger variance',
        feedback:
          'No: larger weights make the per-layer factors bigger, which is the cause of explosion.',
      },
      {
        id: 'lower-lr',
        text: 'Lower the learning rate (or add warm-up)',
        feedback:
          'Yes: smaller steps keep the iterates out of regions where the gradients blow up.',
      },
      {
        id: 'clipping',
        text: 'Clip the gradient norm to a threshold',
        feedback: 'Yes: it caps the size of each update directly.',
      },
      {
        id: 'normalisation',
        text: 'Add normalisation layers such as batch norm',
        feedback:
          'Yes: they stop activations, and therefore gradients, from growing layer after layer.',
      },
    ],
    answer: ['lower-lr', 'clipping', 'normalisation'],
    explanation: String.raw`Exploding gradients mean the product of layer-wise factors is much larger than 1 (common in RNNs and badly initialised deep nets), so one step can throw the weights far away and overflow. Clipping bounds the step, a smaller learning rate shrinks it, and normalisation (together with a sensible initialisation) keeps activations at a stable scale. Larger steps or larger initial weights do the opposite.`,
    difficulty: 3,
    tags: ['exploding-gradients', 'gradient-clipping', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'opt-sigmoid-chain-factor',
    topic: 'optimization',
    type: 'numeric',
    stem: String.raw`The sigmoid's derivative $\sigma'(z) = \sigma(z)\,(1-\sigma(z))$ is at most $0.25$. Ignoring the weights, what is the largest factor by which the activation derivatives of 5 stacked sigmoid layers can scale a backpropagated gradient?`,
    answer: { value: 0.0009765625, tolerance: { rel: 0.01 } },
    answerFormat: 'a number (scientific notation such as 9.77e-4 is fine)',
    explanation: String.raw`$\sigma(z)(1-\sigma(z))$ is largest at $z = 0$, where $\sigma = 0.5$: $0.5 \times 0.5 = 0.25$. Through 5 layers the chain rule multiplies 5 such factors, so at best
$$0.25^5 = \frac{1}{4^5} = \frac{1}{1024} \approx 9.77 \times 10^{-4}.$$
Even in the most favourable case the gradient shrinks a thousandfold, and saturated units ($\lvert z\rvert$ large) make it far smaller: the classic vanishing-gradient problem of deep sigmoid networks.`,
    difficulty: 3,
    tags: ['vanishing-gradients', 'sigmoid', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'opt-gradient-clipping',
    topic: 'optimization',
    type: 'numeric',
    stem: String.raw`A gradient $g = (6, -8)$ is clipped by norm with threshold $2.5$: if $\lVert g\rVert_2 > 2.5$ it is rescaled to $g \cdot 2.5/\lVert g\rVert_2$. What is the clipped gradient?`,
    answer: { value: [1.5, -2], tolerance: { abs: 0.001 } },
    answerFormat: 'comma-separated vector of 2 numbers',
    explanation: String.raw`$\lVert g\rVert_2 = \sqrt{6^2 + 8^2} = \sqrt{100} = 10 > 2.5$, so the gradient is scaled by $2.5/10 = 0.25$: $(6 \times 0.25,\ -8 \times 0.25) = (1.5,\ -2)$. The direction is kept and only the length is capped at $2.5$, unlike clipping each component separately.`,
    difficulty: 2,
    tags: ['exploding-gradients', 'gradient-clipping'],
    source: AUTHORS,
  },
  {
    id: 'opt-momentum-step',
    topic: 'optimization',
    type: 'numeric',
    stem: String.raw`SGD with momentum uses $v \leftarrow \beta v + g$ and then $w \leftarrow w - \eta v$. With $\beta = 0.9$, $\eta = 0.1$, current velocity $v = 1.0$, weight $w = 2.0$ and gradient $g = 0.5$, what is the new weight?`,
    answer: { value: 1.86, tolerance: { abs: 0.001 } },
    answerFormat: 'a number rounded to 2 decimals',
    explanation: String.raw`Velocity: $v = 0.9 \times 1.0 + 0.5 = 1.4$. Weight: $w = 2.0 - 0.1 \times 1.4 = 1.86$. Plain SGD would have moved only $0.1 \times 0.5 = 0.05$ (to $1.95$); momentum keeps moving in the direction of past gradients, which speeds progress along consistent directions and damps oscillations.`,
    hints: [
      'Update the velocity first; the weight then moves along the new velocity, not along the bare gradient.',
      String.raw`$v \leftarrow \beta v + g$, then $w \leftarrow w - \eta v$.`,
      String.raw`$v = 0.9 \cdot 1.0 + 0.5 = 1.4$.`,
    ],
    parts: [
      {
        id: 'velocity',
        prompt: String.raw`The new velocity $v = \beta v + g$.`,
        answer: { value: 1.4, tolerance: { abs: 0.001 } },
      },
      {
        id: 'step',
        prompt: String.raw`The step $\eta v$ taken with the new velocity.`,
        answer: { value: 0.14, tolerance: { abs: 0.001 } },
        hint: 'Use the velocity you just computed, not the old one.',
      },
    ],
    difficulty: 3,
    tags: ['sgd', 'momentum'],
    source: AUTHORS,
  },
  {
    id: 'opt-learning-rate-too-high',
    topic: 'optimization',
    type: 'mcq',
    stem: 'The training loss oscillates wildly from step to step and sometimes increases sharply, never settling. Everything else looks fine. What is the first thing to try?',
    options: [
      {
        id: 'raise-lr',
        text: 'Raise the learning rate.',
        feedback: 'Bigger steps overshoot even more.',
      },
      {
        id: 'more-layers',
        text: 'Add more layers.',
        feedback: 'That changes capacity, not the stability of the optimiser.',
      },
      {
        id: 'lower-lr',
        text: 'Lower the learning rate.',
        feedback: 'Correct: the steps overshoot the minimum.',
      },
      {
        id: 'more-dropout',
        text: 'Increase dropout.',
        feedback: 'More noise in training does not cure unstable steps.',
      },
    ],
    answer: ['lower-lr'],
    explanation: String.raw`Gradient descent only decreases the loss reliably when each step is small relative to the curvature: along a direction with curvature $h$, steps with $\eta > 2/h$ overshoot further each time. Oscillating or growing loss is the signature; lowering $\eta$ (or using a schedule with warm-up and decay) fixes it. A loss that decreases very slowly points to the opposite problem.`,
    difficulty: 1,
    tags: ['learning-rate', 'sgd'],
    source: AUTHORS,
  },
  {
    id: 'opt-relu-gradient',
    topic: 'optimization',
    type: 'mcq',
    stem: 'Why do ReLU networks suffer less from vanishing gradients than sigmoid networks?',
    options: [
      {
        id: 'derivative-one',
        text: "ReLU's derivative is exactly 1 for positive inputs, so active units pass gradients back without shrinking them.",
        feedback: 'Correct.',
      },
      {
        id: 'bounded-output',
        text: 'ReLU outputs are bounded between 0 and 1.',
        feedback: 'ReLU is unbounded above; it is the sigmoid whose output is bounded.',
      },
      {
        id: 'never-zero',
        text: "ReLU's gradient is never zero.",
        feedback:
          'It is zero for negative inputs; that is the "dying ReLU" problem leaky ReLU addresses.',
      },
      {
        id: 'fewer-params',
        text: 'ReLU layers have fewer parameters.',
        feedback: 'Activations have no parameters; the layer sizes are the same.',
      },
    ],
    answer: ['derivative-one'],
    explanation: String.raw`Backpropagation multiplies the gradient by $f'(z)$ at every layer. For the sigmoid, $f'(z) \le 0.25$ and close to 0 when saturated, so the gradient shrinks at every layer. For ReLU, $f'(z) = 1$ for $z > 0$ and $0$ for $z < 0$: along active paths the gradient is passed unchanged. The zero part can leave units permanently inactive ("dead"), which leaky ReLU fixes with a small slope $\alpha$ for negative inputs.`,
    difficulty: 2,
    tags: ['vanishing-gradients', 'relu', 'sigmoid'],
    source: AUTHORS,
  },
];
