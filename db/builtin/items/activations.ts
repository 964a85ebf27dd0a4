import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_REMARK } from '../sources';
import { templateItems } from '../template-items';

/** Activation functions, softmax and its temperature. */
export const activationsItems: BankItemInput[] = [
  {
    id: 'act-softmax-values',
    topic: 'activations',
    type: 'numeric',
    stem: String.raw`A classifier outputs the logits $z = (2, 1, 0)$. Compute $\mathrm{softmax}(z)_k = e^{z_k} / \sum_j e^{z_j}$.`,
    answer: { value: [0.665241, 0.244728, 0.090031], tolerance: { abs: 0.002 } },
    answerFormat: 'comma-separated vector of 3 numbers, rounded to 3 decimals',
    explanation: String.raw`Exponentials: $e^2 \approx 7.3891$, $e^1 \approx 2.7183$, $e^0 = 1$. Their sum is $\approx 11.1073$. Dividing:
$$p \approx \left(\frac{7.3891}{11.1073},\ \frac{2.7183}{11.1073},\ \frac{1}{11.1073}\right) \approx (0.665,\ 0.245,\ 0.090).$$
The probabilities are positive and sum to 1; each unit of logit difference multiplies the odds by $e \approx 2.718$.`,
    difficulty: 2,
    tags: ['softmax', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'act-softmax-shift',
    topic: 'activations',
    type: 'mcq',
    stem: 'Which change to the logits leaves the softmax output unchanged?',
    options: [
      {
        id: 'multiply-constant',
        text: 'Multiplying every logit by the same positive constant',
        feedback:
          'Scaling the logits is a temperature change: it makes the distribution sharper or flatter.',
      },
      {
        id: 'square',
        text: 'Squaring every logit',
        feedback:
          'Squaring changes the differences between logits (and even their order for negative values).',
      },
      {
        id: 'sort',
        text: 'Sorting the logits',
        feedback:
          'Softmax is applied position by position; sorting moves probability to different classes.',
      },
      {
        id: 'add-constant',
        text: 'Adding the same constant to every logit',
        feedback: String.raw`Correct: $e^{z_k+c}/\sum_j e^{z_j+c}$, and the factor $e^c$ cancels.`,
      },
    ],
    answer: ['add-constant'],
    explanation: String.raw`$\mathrm{softmax}(z + c\mathbf{1})_k = \frac{e^{c} e^{z_k}}{e^{c}\sum_j e^{z_j}} = \mathrm{softmax}(z)_k$: softmax only depends on the differences between logits. Implementations use this to subtract $\max_j z_j$ before exponentiating, which avoids overflow without changing the result.`,
    difficulty: 2,
    tags: ['softmax', 'numerical-stability', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'act-softmax-properties',
    topic: 'activations',
    type: 'msq',
    stem: 'Which statements about the softmax function hold for any real logit vector? Select all that apply.',
    options: [
      {
        id: 'sums-to-one',
        text: 'The outputs sum to 1.',
        feedback: 'True: that is what the normalising denominator ensures.',
      },
      {
        id: 'exact-zeros',
        text: 'Outputs for very negative logits are exactly zero.',
        feedback:
          'False mathematically: they are tiny but positive (floating point may underflow them).',
      },
      {
        id: 'positive',
        text: 'Every output is strictly positive.',
        feedback: 'True: exponentials are positive.',
      },
      {
        id: 'order',
        text: 'The largest logit receives the largest probability.',
        feedback: 'True: the exponential is increasing, so the order is kept.',
      },
      {
        id: 'scale-invariant',
        text: 'Multiplying all logits by 10 leaves the outputs unchanged.',
        feedback: 'False: it makes the distribution much sharper (temperature 0.1).',
      },
    ],
    answer: ['sums-to-one', 'positive', 'order'],
    explanation: String.raw`$p_k = e^{z_k}/\sum_j e^{z_j}$ is positive, sums to 1 and preserves the order of the logits. It is invariant to adding a constant but not to scaling: $\mathrm{softmax}(z/T)$ becomes one-hot as $T \to 0$ and uniform as $T \to \infty$.`,
    difficulty: 2,
    tags: ['softmax', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'act-softmax-temperature-effect',
    topic: 'activations',
    type: 'mcq',
    stem: String.raw`Softmax with temperature is $p = \mathrm{softmax}(z/T)$. What happens to the output distribution as $T$ is raised from 1 to 10?`,
    options: [
      {
        id: 'sharper',
        text: 'It becomes sharper, closer to one-hot.',
        feedback: 'That happens when T goes towards 0.',
      },
      {
        id: 'flatter',
        text: 'It becomes flatter, closer to uniform.',
        feedback: 'Correct: dividing by a large T shrinks the differences between logits.',
      },
      {
        id: 'unchanged',
        text: 'It stays the same, because softmax is invariant to rescaling.',
        feedback: 'Softmax is invariant to *shifting* the logits, not to scaling them.',
      },
      {
        id: 'reorders',
        text: 'The most likely class can change.',
        feedback:
          'Dividing by a positive T keeps the order of the logits, so the arg-max stays the same.',
      },
    ],
    answer: ['flatter'],
    explanation: String.raw`$p_k \propto e^{z_k/T}$. The ratio of two probabilities is $e^{(z_i-z_j)/T}$: for large $T$ it tends to 1 (uniform), for small $T$ it explodes (one-hot on the arg-max). Temperature is used to soften targets in knowledge distillation and to control randomness when sampling from language models.`,
    difficulty: 2,
    tags: ['softmax', 'temperature'],
    source: AUTHORS,
  },
  {
    id: 'act-leaky-relu-values',
    topic: 'activations',
    type: 'numeric',
    stem: String.raw`Apply leaky ReLU, $f(x) = x$ for $x > 0$ and $f(x) = \alpha x$ otherwise, with $\alpha = 0.01$, to $x = (-3,\ 0,\ 2.5,\ -0.5)$.`,
    answer: { value: [-0.03, 0, 2.5, -0.005], tolerance: { abs: 0.0001 } },
    answerFormat: 'comma-separated vector of 4 numbers',
    explanation: String.raw`Positive inputs pass unchanged, the others are multiplied by $\alpha = 0.01$:
$$f(-3) = -0.03,\quad f(0) = 0,\quad f(2.5) = 2.5,\quad f(-0.5) = -0.005.$$`,
    difficulty: 1,
    tags: ['leaky-relu', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'act-leaky-relu-why',
    topic: 'activations',
    type: 'mcq',
    stem: 'What problem of the plain ReLU does leaky ReLU address?',
    options: [
      {
        id: 'exploding',
        text: 'ReLU outputs explode for large positive inputs.',
        feedback:
          'Leaky ReLU is identical to ReLU for positive inputs, so it changes nothing there.',
      },
      {
        id: 'not-differentiable',
        text: 'ReLU cannot be trained by backpropagation because it has a kink at 0.',
        feedback:
          'Leaky ReLU has the same kink; both are trained with a subgradient at 0 without trouble.',
      },
      {
        id: 'dying-relu',
        text: 'Units stuck at negative inputs get zero gradient and can stop learning for good ("dying ReLU").',
        feedback: String.raw`Correct: the small slope $\alpha$ keeps a non-zero gradient for negative inputs.`,
      },
      {
        id: 'too-slow',
        text: 'ReLU is expensive to compute.',
        feedback: 'ReLU is about the cheapest activation there is; leaky ReLU costs slightly more.',
      },
    ],
    answer: ['dying-relu'],
    explanation: String.raw`For ReLU, $f'(x) = 0$ whenever $x < 0$. If a unit's pre-activation is negative for every input (for example after a large update pushed its bias down), no gradient reaches its weights and it never recovers. Leaky ReLU uses $f(x) = \alpha x$ for $x \le 0$ with a small $\alpha$ such as 0.01, so $f'(x) = \alpha > 0$ there and the unit can still learn. PReLU learns $\alpha$.`,
    difficulty: 2,
    tags: ['leaky-relu', 'relu', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'act-softmax-vs-sigmoid',
    topic: 'activations',
    type: 'mcq',
    stem: 'A photo-tagging model must output, for each of 20 tags, whether it applies; one photo can have several tags at once. Which output layer fits?',
    options: [
      {
        id: 'sigmoids',
        text: '20 independent sigmoid outputs, each trained with binary cross-entropy',
        feedback: 'Correct: each tag is its own yes/no question.',
      },
      {
        id: 'softmax',
        text: 'One softmax over the 20 tags',
        feedback:
          'Softmax makes the tags compete for a total probability of 1, which suits exactly one correct class.',
      },
      {
        id: 'relu',
        text: '20 ReLU outputs with mean squared error',
        feedback: 'ReLU outputs are not probabilities and are unbounded.',
      },
      {
        id: 'single-sigmoid',
        text: 'A single sigmoid output',
        feedback: 'One number cannot say which of the 20 tags apply.',
      },
    ],
    answer: ['sigmoids'],
    explanation: String.raw`Softmax models a single categorical choice (mutually exclusive classes). For multi-label problems the labels are not exclusive, so each gets an independent probability $\sigma(z_k)$ and its own binary cross-entropy term.`,
    difficulty: 2,
    tags: ['softmax', 'sigmoid', 'multi-label'],
    source: AUTHORS,
  },
  {
    id: 'act-cross-entropy-loss',
    topic: 'activations',
    type: 'numeric',
    stem: String.raw`A classifier outputs logits $z = (2, 1, 0)$ and the true class is the first one. What is the softmax cross-entropy loss $-\ln p_{\text{true}}$ (natural logarithm)?`,
    answer: { value: 0.407606, tolerance: { abs: 0.002 } },
    answerFormat: 'a number rounded to 3 decimals',
    explanation: String.raw`$p_1 = e^2/(e^2 + e^1 + e^0) \approx 7.3891/11.1073 \approx 0.6652$, so the loss is $-\ln 0.6652 \approx 0.408$. Equivalently, $-\ln p_1 = \ln\sum_j e^{z_j} - z_1 = \ln 11.1073 - 2 \approx 2.4076 - 2 = 0.4076$, the form implementations use for numerical stability.`,
    hints: [
      'Turn the logits into probabilities first; the loss only looks at the probability given to the true class.',
      String.raw`$-\ln p_1 = -\ln \frac{e^{z_1}}{\sum_j e^{z_j}} = \ln \sum_j e^{z_j} - z_1$.`,
      String.raw`$\sum_j e^{z_j} = e^2 + e^1 + e^0 \approx 7.389 + 2.718 + 1 = 11.107$.`,
    ],
    difficulty: 3,
    tags: ['softmax', 'cross-entropy'],
    source: AUTHORS,
  },
  {
    id: 'act-leaky-relu-derivative',
    topic: 'activations',
    type: 'numeric',
    stem: String.raw`What is the derivative of leaky ReLU with slope $\alpha = 0.2$ at $x = -4$?`,
    answer: { value: 0.2, tolerance: { abs: 0.0001 } },
    answerFormat: 'a number',
    explanation: String.raw`For $x < 0$, $f(x) = \alpha x$, so $f'(x) = \alpha = 0.2$, whatever the value of $x$. (For $x > 0$ it is 1.) This non-zero slope is the whole point of the leaky variant.`,
    difficulty: 1,
    tags: ['leaky-relu'],
    source: AUTHORS,
  },
  {
    id: 'act-need-nonlinearity',
    topic: 'activations',
    type: 'mcq',
    stem: 'What happens if you stack ten dense layers without any activation function between them?',
    options: [
      {
        id: 'deep-features',
        text: 'It learns hierarchical features like a deep network with activations.',
        feedback:
          'Without non-linearities there is no hierarchy: the composition collapses into one linear map.',
      },
      {
        id: 'cannot-train',
        text: 'It cannot be trained with backpropagation.',
        feedback:
          'It can be trained perfectly well; it just cannot represent non-linear functions.',
      },
      {
        id: 'more-capacity',
        text: 'It has ten times the capacity of one layer.',
        feedback: 'More parameters, but the same set of representable functions (affine maps).',
      },
      {
        id: 'linear',
        text: 'The whole stack computes a single affine map, no more expressive than one layer.',
        feedback: String.raw`Correct: $W_2(W_1x + b_1) + b_2 = (W_2W_1)x + (W_2b_1 + b_2)$.`,
      },
    ],
    answer: ['linear'],
    explanation: String.raw`A composition of affine maps is affine. The non-linear activations between layers are what let depth add expressive power; without them a deep network is linear regression in disguise.`,
    difficulty: 1,
    tags: ['activations', 'capacity'],
    source: AUTHORS,
  },
  ...templateItems('softmax-temperature', 'activations', {
    base: 0,
    tags: ['softmax', 'temperature'],
  }),
  ...templateItems('leaky-relu', 'activations', {
    base: 0,
    tags: ['leaky-relu'],
  }),
];
