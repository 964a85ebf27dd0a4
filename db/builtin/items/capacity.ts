import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_QUIZ, SOURCE_QUIZ_TAG } from '../sources';

/** Model capacity, underfitting, overfitting, the bias–variance picture. */
export const capacityItems: BankItemInput[] = [
  {
    id: 'cap-prevent-underfitting',
    topic: 'capacity',
    type: 'msq',
    stem: 'A network underfits: both its training and its validation error are high. Which of these changes address the underfitting? Select all that apply.',
    options: [
      {
        id: 'less-data',
        text: 'Decrease the number of training examples.',
        feedback:
          'A smaller training set may be easier to memorise, but the model becomes no more expressive and generalises worse; this is not a fix.',
      },
      {
        id: 'more-params',
        text: 'Increase the number of parameters (a wider or deeper network).',
        feedback:
          'Correct: more capacity lets the model represent the more complex function the data needs.',
      },
      {
        id: 'more-data',
        text: 'Increase the number of training examples.',
        feedback:
          'More data is the classic cure for overfitting. A model that cannot even fit the examples it already has will not fit more of them better.',
      },
      {
        id: 'fewer-params',
        text: 'Decrease the number of parameters.',
        feedback:
          'That lowers capacity further and makes underfitting worse; it is a remedy for overfitting.',
      },
    ],
    answer: ['more-params'],
    explanation: String.raw`Underfitting (high bias) means the model is too simple, or too constrained, to capture the pattern in the data: the training error itself is high. The remedy is to give it more capacity, for example more parameters through additional hidden units or additional layers (a deeper architecture is one way of adding parameters and expressiveness). Other helpful steps not listed: train longer, reduce regularisation (weight decay, dropout), or use better features.

Changing the amount of data is the lever for the *other* problem: more data reduces overfitting (high variance). Removing data does not make the model able to represent a more complex function; it only makes the training set easier to memorise. Of the four options only "increase the number of parameters" addresses underfitting, which is why it is the only one to select.`,
    difficulty: 2,
    tags: [SOURCE_QUIZ_TAG, 'underfitting', 'capacity'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'cap-model-capacity',
    topic: 'capacity',
    type: 'mcq',
    stem: "Take a network's capacity to mean its ability to approximate complex functions. Which statement is true?",
    options: [
      {
        id: 'more-layers',
        text: 'Adding hidden layers increases model capacity.',
        feedback:
          'Correct: more layers mean more parameters and more compositions of non-linearities.',
      },
      {
        id: 'more-dropout',
        text: 'Raising the dropout ratio increases model capacity.',
        feedback:
          'Dropout is a regulariser: a higher ratio lowers the effective capacity used during training.',
      },
      {
        id: 'higher-lr',
        text: 'Raising the learning rate increases model capacity.',
        feedback:
          'The learning rate changes how the parameters are searched, not which functions the architecture can represent.',
      },
      {
        id: 'none',
        text: 'None of these.',
        feedback: 'One of the statements is true.',
        pin: true,
      },
    ],
    answer: ['more-layers'],
    explanation: String.raw`Capacity is a property of the set of functions the model can represent. Each extra hidden layer adds parameters and another non-linear composition, so deeper networks can represent more complex functions (often far more efficiently than a single wide layer). Dropout restricts the network during training (it is used precisely to *reduce* effective capacity and overfitting). The learning rate is an optimisation setting: it can decide whether training finds a good solution, but it does not enlarge the set of functions available.`,
    difficulty: 1,
    tags: [SOURCE_QUIZ_TAG, 'capacity', 'depth'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'cap-diagnose-underfit',
    topic: 'capacity',
    type: 'mcq',
    stem: 'After training, a model has 42% training accuracy and 40% validation accuracy on a task where humans reach 95%. What is the diagnosis?',
    options: [
      {
        id: 'overfit',
        text: 'Overfitting (high variance)',
        feedback:
          'Overfitting shows as a large gap between training and validation accuracy; here the gap is small.',
      },
      {
        id: 'good-fit',
        text: 'A good fit, since training and validation accuracy agree',
        feedback: 'Agreement alone is not enough; both are far below what is achievable.',
      },
      {
        id: 'underfit',
        text: 'Underfitting (high bias)',
        feedback: 'Correct: the model does badly even on the data it was trained on.',
      },
      {
        id: 'data-leak',
        text: 'Leakage of validation data into training',
        feedback: 'Leakage would inflate validation accuracy, not leave both low.',
      },
    ],
    answer: ['underfit'],
    explanation: String.raw`Compare training error with what is achievable (here roughly human level) to judge bias, and validation error with training error to judge variance. High training error = high bias (underfitting); a small train–validation gap = low variance. Remedies: a bigger model, longer training, less regularisation.`,
    difficulty: 1,
    tags: ['underfitting', 'bias-variance', 'diagnosis'],
    source: AUTHORS,
  },
  {
    id: 'cap-bias-variance',
    topic: 'capacity',
    type: 'mcq',
    stem: 'In the classical bias–variance picture, what happens as model capacity grows from very small to very large (with a fixed training set)?',
    options: [
      {
        id: 'both-fall',
        text: 'Training and validation error both keep falling.',
        feedback:
          'Validation error eventually rises as the model starts fitting noise (classically; very large networks can show "double descent").',
      },
      {
        id: 'u-shape',
        text: 'Training error keeps falling, while validation error first falls and then rises.',
        feedback: 'Correct: the validation curve is U-shaped, with the best capacity in between.',
      },
      {
        id: 'train-rises',
        text: 'Training error rises while validation error falls.',
        feedback: 'More capacity can only make it easier to fit the training set.',
      },
      {
        id: 'bias-grows',
        text: 'Bias grows and variance shrinks.',
        feedback: 'It is the other way round: bias shrinks and variance grows with capacity.',
      },
    ],
    answer: ['u-shape'],
    explanation: String.raw`Small models have high bias (cannot express the pattern) and low variance; large models have low bias but high variance (they also fit the noise of the particular training set). Training error decreases monotonically with capacity; validation error is the sum of both effects and is smallest at an intermediate capacity. Regularisation and more data move that sweet spot towards larger models. (Heavily over-parameterised networks can show a second descent, which does not change the basic trade-off at moderate sizes.)`,
    difficulty: 2,
    tags: ['bias-variance', 'capacity', 'overfitting', 'underfitting'],
    source: AUTHORS,
  },
  {
    id: 'cap-mlp-param-count',
    topic: 'capacity',
    type: 'numeric',
    stem: String.raw`A fully connected network maps 784 inputs to 128 hidden units, then to 64 hidden units, then to 10 outputs. Every layer has a bias. How many parameters does it have?`,
    answer: { value: 109386, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`A dense layer from $n$ to $m$ units has $n \cdot m$ weights and $m$ biases.

- $784 \to 128$: $784 \times 128 + 128 = 100352 + 128 = 100480$
- $128 \to 64$: $128 \times 64 + 64 = 8192 + 64 = 8256$
- $64 \to 10$: $64 \times 10 + 10 = 650$

Total: $100480 + 8256 + 650 = 109386$.`,
    difficulty: 2,
    tags: ['capacity', 'parameters', 'mlp'],
    source: AUTHORS,
  },
  {
    id: 'cap-wider-param-count',
    topic: 'capacity',
    type: 'numeric',
    stem: String.raw`A network $100 \to 50 \to 10$ (dense layers with biases) underfits, so its hidden layer is widened to 100 units: $100 \to 100 \to 10$. How many parameters does the widened network have?`,
    answer: { value: 11110, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`Widened network: $100 \times 100 + 100 = 10100$ for the first layer and $100 \times 10 + 10 = 1010$ for the second, $11110$ in total. The original had $100 \times 50 + 50 + 50 \times 10 + 10 = 5050 + 510 = 5560$, so doubling the width roughly doubled the parameter count (a layer's weights grow with the product of the widths it connects).`,
    difficulty: 2,
    tags: ['capacity', 'parameters', 'width'],
    source: AUTHORS,
  },
  {
    id: 'cap-universal-approximation',
    topic: 'capacity',
    type: 'mcq',
    stem: 'What does the universal approximation theorem for one-hidden-layer networks actually guarantee?',
    options: [
      {
        id: 'sgd-finds',
        text: 'Gradient descent will find weights that approximate any continuous function.',
        feedback: 'The theorem says nothing about whether training finds those weights.',
      },
      {
        id: 'small-width',
        text: 'A hidden layer with as many units as inputs is always enough.',
        feedback: 'The required width can be enormous; the theorem gives no small bound.',
      },
      {
        id: 'generalises',
        text: 'The network will generalise well from any finite training set.',
        feedback:
          'Being able to represent a function is different from learning it from limited data.',
      },
      {
        id: 'exists',
        text: 'For any continuous function on a compact (closed and bounded) set and any accuracy, some network with one (possibly very wide) hidden layer and a non-polynomial activation approximates it that well everywhere on that set.',
        feedback: 'Correct: it is an existence statement about representation.',
      },
    ],
    answer: ['exists'],
    explanation: String.raw`The theorem is about capacity only: the family of one-hidden-layer networks with a non-polynomial activation is dense in the continuous functions on a compact set (closed and bounded: on an open bounded interval, or on all of $\mathbb{R}^n$, the uniform guarantee fails, e.g. for $1/x$ on $(0, 1)$). It guarantees neither a reasonable width, nor that optimisation finds the approximation, nor generalisation. In practice depth makes many functions far cheaper to represent than width does, which is one reason deep architectures are used.`,
    difficulty: 4,
    tags: ['capacity', 'theory', 'depth'],
    source: AUTHORS,
  },
  {
    id: 'cap-overfit-remedies-choice',
    topic: 'capacity',
    type: 'mcq',
    stem: 'A 50-layer network trained on 2,000 images has training loss near zero and a validation loss that started rising after epoch 10. Which single change is most directly aimed at the cause?',
    options: [
      {
        id: 'more-data-or-regularise',
        text: 'Collect more training data (or regularise / use a smaller model).',
        feedback: 'Correct: the model has far more capacity than 2,000 images can pin down.',
      },
      {
        id: 'deeper',
        text: 'Use a 100-layer network.',
        feedback: 'More capacity makes the memorisation easier, not harder.',
      },
      {
        id: 'longer',
        text: 'Train for 10 times more epochs.',
        feedback: 'The validation loss is already rising; more epochs continue the overfitting.',
      },
      {
        id: 'no-regularisation',
        text: 'Remove weight decay to let the optimiser move freely.',
        feedback: 'Removing regularisation pushes further towards overfitting.',
      },
    ],
    answer: ['more-data-or-regularise'],
    explanation: String.raw`Near-zero training loss with a rising validation loss is overfitting: capacity is large relative to the data. The direct fixes reduce that ratio: more (or augmented) data, regularisation (weight decay, dropout, early stopping), or a smaller model; transfer learning from a pretrained network is another common answer for small datasets.`,
    difficulty: 2,
    tags: ['overfitting', 'capacity', 'diagnosis'],
    source: AUTHORS,
  },
];
