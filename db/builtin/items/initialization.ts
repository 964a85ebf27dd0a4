import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';

/** Weight initialisation: symmetry breaking, Xavier/Glorot, He. */
export const initializationItems: BankItemInput[] = [
  {
    id: 'init-zero-symmetry',
    topic: 'initialization',
    type: 'mcq',
    stem: 'What goes wrong if every weight of a multilayer perceptron is initialised to the same constant (for example 0)?',
    options: [
      {
        id: 'nothing',
        text: 'Nothing; the optimiser quickly moves the weights apart.',
        feedback:
          'Identical units get identical updates, so gradient descent never separates them.',
      },
      {
        id: 'symmetry',
        text: 'All units of a layer compute the same output and receive the same gradient, so they stay identical and the layer behaves like a single unit.',
        feedback: 'Correct: random initialisation is needed to break this symmetry.',
      },
      {
        id: 'exploding',
        text: 'The gradients explode immediately.',
        feedback: 'With all-zero weights the gradients of hidden layers are zero, not large.',
      },
      {
        id: 'overfit',
        text: 'The network overfits because it starts with too much capacity.',
        feedback: 'It effectively has far less capacity: each layer acts like one unit.',
      },
    ],
    answer: ['symmetry'],
    explanation: String.raw`If two hidden units have the same incoming and outgoing weights, they compute the same activation for every input and backpropagation gives them the same gradient, so they remain equal forever. With all weights equal, every layer collapses to one effective unit. (With exactly zero weights, hidden-layer gradients are even zero.) Small random values break the symmetry; biases can still start at zero.`,
    difficulty: 2,
    tags: ['initialisation', 'symmetry-breaking'],
    source: AUTHORS,
  },
  {
    id: 'init-he-std',
    topic: 'initialization',
    type: 'numeric',
    stem: String.raw`A dense ReLU layer has 512 inputs. With He (Kaiming) normal initialisation, $w \sim \mathcal{N}(0, 2/n_{\text{in}})$, what is the standard deviation of its weights?`,
    answer: { value: 0.0625, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`$\sigma = \sqrt{2/n_{\text{in}}} = \sqrt{2/512} = \sqrt{1/256} = 1/16 = 0.0625$.`,
    difficulty: 2,
    tags: ['initialisation', 'he-init', 'relu'],
    source: AUTHORS,
  },
  {
    id: 'init-xavier-variance',
    topic: 'initialization',
    type: 'numeric',
    stem: String.raw`A tanh layer maps 300 inputs to 100 outputs. Xavier (Glorot) initialisation sets $\mathrm{Var}(w) = \frac{2}{n_{\text{in}} + n_{\text{out}}}$. What is that variance?`,
    answer: { value: 0.005, tolerance: { abs: 0.00005 } },
    answerFormat: 'a number',
    explanation: String.raw`$\frac{2}{300 + 100} = \frac{2}{400} = 0.005$ (standard deviation $\sqrt{0.005} \approx 0.0707$). The average of fan-in and fan-out compromises between keeping activations' variance stable in the forward pass ($1/n_{\text{in}}$) and gradients' variance stable in the backward pass ($1/n_{\text{out}}$).`,
    difficulty: 2,
    tags: ['initialisation', 'xavier-init'],
    source: AUTHORS,
  },
  {
    id: 'init-he-vs-xavier',
    topic: 'initialization',
    type: 'mcq',
    stem: String.raw`Why does He initialisation use variance $2/n_{\text{in}}$ for ReLU layers instead of the $1/n_{\text{in}}$ that suits tanh?`,
    options: [
      {
        id: 'relu-larger',
        text: 'ReLU outputs are always larger than tanh outputs, so the weights must be larger.',
        feedback: 'The factor comes from the zeroed half of the inputs, not from output size.',
      },
      {
        id: 'two-layers',
        text: 'Each ReLU layer counts as two layers.',
        feedback: 'There is no such convention; the 2 comes from the variance calculation.',
      },
      {
        id: 'arbitrary',
        text: 'It is an arbitrary choice that works in practice.',
        feedback:
          'It follows from requiring the activation variance to stay constant through ReLU layers.',
      },
      {
        id: 'half-zeroed',
        text: 'ReLU sets about half of its inputs to zero, halving the signal’s second moment; the factor 2 compensates.',
        feedback: 'Correct.',
      },
    ],
    answer: ['half-zeroed'],
    explanation: String.raw`For $y = \sum_{i=1}^{n} w_i x_i$ with independent zero-mean weights, $\mathrm{Var}(y) = n\,\mathrm{Var}(w)\,\mathbb{E}[x^2]$. If $x = \mathrm{ReLU}(z)$ with $z$ symmetric around zero, $\mathbb{E}[x^2] = \frac{1}{2}\mathrm{Var}(z)$. Keeping $\mathrm{Var}(y) = \mathrm{Var}(z)$ from layer to layer therefore needs $n\,\mathrm{Var}(w) \cdot \frac{1}{2} = 1$, i.e. $\mathrm{Var}(w) = 2/n$. With $1/n$ the signal would halve at every layer and vanish in deep ReLU networks.`,
    difficulty: 4,
    tags: ['initialisation', 'he-init', 'xavier-init', 'relu'],
    source: AUTHORS,
  },
  {
    id: 'init-too-large-tanh',
    topic: 'initialization',
    type: 'mcq',
    stem: String.raw`A deep tanh network is initialised with weights drawn from $\mathcal{N}(0, 1)$ although each layer has 1000 inputs. What happens at the start of training?`,
    options: [
      {
        id: 'fast-learning',
        text: 'Training is especially fast because large weights give large gradients.',
        feedback: 'Saturated tanh units have derivatives close to zero, so gradients are tiny.',
      },
      {
        id: 'linear',
        text: 'All units operate in the linear region of tanh.',
        feedback:
          'That is what happens with very small weights; large ones push units into saturation.',
      },
      {
        id: 'saturation',
        text: 'Pre-activations are huge, most tanh units saturate at ±1, their derivatives are near 0, and gradients vanish.',
        feedback: 'Correct.',
      },
      {
        id: 'dead-relu',
        text: 'Units die as in ReLU networks and output exactly zero.',
        feedback: 'tanh units saturate at ±1; they do not output zero.',
      },
    ],
    answer: ['saturation'],
    explanation: String.raw`With unit-variance inputs, a pre-activation sums 1000 terms of variance 1: its standard deviation is about $\sqrt{1000} \approx 32$. tanh of such values is almost always $\pm 1$, where $\tanh'(z) = 1 - \tanh^2(z) \approx 0$, so backpropagated gradients shrink at every layer. Xavier initialisation ($\mathrm{Var}(w) \approx 1/n$) keeps pre-activations of order 1 instead.`,
    difficulty: 3,
    tags: ['initialisation', 'vanishing-gradients', 'tanh'],
    source: AUTHORS,
  },
  {
    id: 'init-conv-he-std',
    topic: 'initialization',
    type: 'numeric',
    stem: String.raw`A $3 \times 3$ convolution with 64 input channels is followed by ReLU. With He normal initialisation ($\sigma = \sqrt{2/\text{fan-in}}$), what is the standard deviation of its weights?`,
    answer: { value: 0.0589256, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`For a convolution, fan-in is the number of inputs to one output unit: $3 \cdot 3 \cdot 64 = 576$. Then $\sigma = \sqrt{2/576} = \sqrt{1/288} \approx 1/16.97 \approx 0.0589$.`,
    difficulty: 3,
    tags: ['initialisation', 'he-init', 'convolution'],
    source: AUTHORS,
  },
  {
    id: 'init-facts',
    topic: 'initialization',
    type: 'msq',
    stem: 'Which statements about weight initialisation are true? Select all that apply.',
    options: [
      {
        id: 'bn-irrelevant',
        text: 'With batch normalisation, the scale of the initial weights has no effect at all on training.',
        feedback:
          'False: BN removes much of the sensitivity, but initialisation still matters, e.g. for layers without BN, residual branches and the effective learning rate.',
      },
      {
        id: 'bias-zero',
        text: 'Initialising biases to zero is common and harmless when the weights are random.',
        feedback: 'True: the random weights already break the symmetry.',
      },
      {
        id: 'random-breaks-symmetry',
        text: 'Random weights are needed so that units of the same layer can learn different features.',
        feedback: 'True.',
      },
      {
        id: 'variance-preserving',
        text: 'Good schemes keep the variance of activations (and gradients) roughly constant from layer to layer.',
        feedback: 'True: that is the principle behind Xavier and He initialisation.',
      },
    ],
    answer: ['bias-zero', 'random-breaks-symmetry', 'variance-preserving'],
    explanation: String.raw`Initialisation must break symmetry (random weights) and keep signals at a sensible scale through depth (variance-preserving scaling such as Xavier for tanh and He for ReLU). Biases usually start at zero. Normalisation layers make training much more robust to the weight scale, but do not make initialisation irrelevant; residual networks, for example, often initialise the last layer of each branch to zero on purpose.`,
    difficulty: 3,
    tags: ['initialisation', 'xavier-init', 'he-init'],
    source: AUTHORS,
  },
  {
    id: 'init-glorot-uniform-limit',
    topic: 'initialization',
    type: 'numeric',
    stem: String.raw`Glorot uniform initialisation draws weights from $U(-a, a)$ with $a = \sqrt{6/(n_{\text{in}} + n_{\text{out}})}$. What is $a$ for a layer with 150 inputs and 150 outputs?`,
    answer: { value: 0.141421, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`$a = \sqrt{6/300} = \sqrt{0.02} \approx 0.1414$. A uniform distribution on $(-a, a)$ has variance $a^2/3 = 0.02/3 \approx 0.00667$, which equals the Glorot target $2/(150 + 150)$: the $6$ is there to make the uniform and normal versions match.`,
    difficulty: 3,
    tags: ['initialisation', 'xavier-init'],
    source: AUTHORS,
  },
];
