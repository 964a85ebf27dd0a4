import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_QUIZ, SOURCE_QUIZ_TAG, SOURCE_REMARK } from '../sources';

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
  {
    id: 'cap-deep-vs-wide-params',
    topic: 'capacity',
    type: 'numeric',
    stem: String.raw`Two dense networks (every layer with biases) map 100 inputs to 10 outputs. Network A has one hidden layer of 300 units; network B has three hidden layers of 100 units each. How many more parameters does A have than B?`,
    answer: { value: 2000, tolerance: { abs: 0 } },
    answerFormat: 'an integer (positive if A has more)',
    hints: [
      String.raw`Count each network layer by layer: a dense layer from $n$ to $m$ units has $n \cdot m + m$ parameters.`,
      String.raw`A has two dense layers ($100 \to 300 \to 10$); B has four ($100 \to 100 \to 100 \to 100 \to 10$).`,
    ],
    explanation: String.raw`- A: $100 \times 300 + 300 = 30300$ and $300 \times 10 + 10 = 3010$, in all $33310$.
- B: three layers of $100 \times 100 + 100 = 10100$ each ($30300$) and $100 \times 10 + 10 = 1010$, in all $31310$.

A has $33310 - 31310 = 2000$ more. Yet B is the deeper network: it composes three non-linearities instead of one, and there are functions (for example ones that fold the input space many times over) that deep networks represent with far fewer units than shallow ones. Adding layers does add parameters, and so capacity, but the parameter count alone is a rough measure of what a network can express: how the parameters are arranged matters too.`,
    difficulty: 2,
    tags: ['capacity', 'parameters', 'depth', 'width', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'cap-double-descent',
    topic: 'capacity',
    type: 'mcq',
    stem: 'Networks of growing width are each trained to zero training loss on the same training set, which has some label noise, with no explicit regularisation. Their test error is plotted against the number of parameters. What do such experiments typically show around the interpolation threshold, the size at which a model can first fit the training set exactly?',
    options: [
      {
        id: 'monotone-rise',
        text: 'Test error rises past the threshold and never comes down again: every parameter beyond it only adds variance.',
        feedback:
          'That extrapolates the classical U-curve. Experiments with very wide networks show test error falling again past the threshold.',
      },
      {
        id: 'flat',
        text: 'Test error stays constant past the threshold, because every such model fits the training set equally well.',
        feedback:
          'All of them interpolate the training set, but they interpolate it differently; the very large ones tend to find smoother interpolants, so test error keeps changing.',
      },
      {
        id: 'minimum-at-threshold',
        text: 'Test error is lowest exactly at the threshold, where the model has just enough capacity.',
        feedback:
          'The threshold is typically where test error is worst: the model has barely enough freedom to fit the noisy labels and must contort itself to do it.',
      },
      {
        id: 'peak-then-fall',
        text: 'Test error peaks near the threshold and falls again as the models grow further ("double descent").',
        feedback:
          'Correct: below the threshold the classical U-shape appears; at the threshold variance peaks; beyond it, larger models generalise better again.',
      },
    ],
    answer: ['peak-then-fall'],
    explanation: String.raw`Below the interpolation threshold the classical bias–variance picture holds: test error first falls, then rises as the model starts to fit noise. At the threshold there is essentially one way to fit every (noisy) training label, and it is a wild one, so variance and test error peak. Past it there are many parameter settings that fit the training set, and gradient descent from a small random initialisation tends to find smooth, small-norm ones among them, so test error decreases again, sometimes below the best classical value.

The peak is strongest with label noise and no regularisation; weight decay, early stopping or more data flatten it. Double descent does not abolish the bias–variance trade-off: it shows that parameter count is an imperfect proxy for the effective capacity a trained network uses.`,
    difficulty: 4,
    tags: ['capacity', 'bias-variance', 'double-descent', 'overfitting'],
    source: AUTHORS,
  },
  {
    id: 'cap-high-bias-more-data',
    topic: 'capacity',
    type: 'mcq',
    stem: 'A linear classifier reaches 70% training accuracy and 68% validation accuracy on 5,000 examples; on this task about 95% is achievable. A colleague proposes collecting 50,000 more examples. What should you expect?',
    options: [
      {
        id: 'overfit',
        text: 'The model will start to overfit the larger dataset.',
        feedback:
          'For a fixed model, overfitting becomes less likely as the dataset grows, not more.',
      },
      {
        id: 'big-gain',
        text: 'Validation accuracy will climb towards 95%, because more data always reduces error.',
        feedback:
          'More data shrinks variance, the train–validation gap, which is only 2 points here. The 25-point shortfall is bias, which more examples do not remove.',
      },
      {
        id: 'plateau',
        text: 'Little gain: training and validation accuracy will meet at around 70%, because the model is too simple for the task; more capacity would help more.',
        feedback:
          'Correct: with high bias the learning curves flatten out at a high error, and extra examples only close the small gap between them.',
      },
      {
        id: 'collapse',
        text: 'Training accuracy will drop to chance level, because a larger set is harder to fit.',
        feedback:
          'Training accuracy may fall slightly as the set grows, but the classifier still captures the same linear trend; it does not collapse to chance.',
      },
    ],
    answer: ['plateau'],
    explanation: String.raw`Learning curves plot training and validation error against the number of training examples. As the set grows, training error rises a little (more examples are harder to fit) and validation error falls, and both approach a common level set by the model's bias. Here the two are already 2 points apart and 25 points short of what is achievable, so the model sits near that level: the gain from ten times more data is at most the 2-point gap.

Fix bias first: a more expressive model (a network instead of a linear classifier, better features), longer training or less regularisation. Once training accuracy is high and a large train–validation gap appears, more data becomes the right lever.`,
    difficulty: 3,
    tags: ['capacity', 'underfitting', 'learning-curves', 'bias-variance'],
    source: AUTHORS,
  },
  {
    id: 'cap-random-labels',
    topic: 'capacity',
    type: 'mcq',
    stem: 'A standard CNN reaches nearly 100% training accuracy on CIFAR-10 even after every training label has been replaced by a class chosen at random, although it needs more epochs to get there. What does this experiment show?',
    options: [
      {
        id: 'leak',
        text: 'The training pipeline must be leaking test labels into training.',
        feedback:
          'Random labels carry no information about the images, so there is nothing to leak; the network fits them by memorising each image.',
      },
      {
        id: 'generalises',
        text: 'The network will also label test images well, since it fits the training set almost perfectly.',
        feedback:
          'With random labels test accuracy is at chance, 10%: near-perfect training accuracy says nothing about generalisation here.',
      },
      {
        id: 'memorise',
        text: 'The network has enough capacity to memorise 50,000 arbitrary labels, so its good test accuracy with the real labels cannot be explained by limited capacity alone.',
        feedback:
          'Correct: the same architecture that generalises with real labels can also fit pure noise, so its size is not what keeps it from overfitting.',
      },
      {
        id: 'regularisers',
        text: 'Adding weight decay and dropout would make fitting the random labels impossible.',
        feedback:
          'In the published experiments the networks still fit random labels with these regularisers switched on; explicit regularisation improves test accuracy on real labels but does not prevent memorisation.',
      },
    ],
    answer: ['memorise'],
    explanation: String.raw`The experiment (Zhang et al., "Understanding deep learning requires rethinking generalization", 2017) separates two questions: *can* the network fit arbitrary labels, and *does* it generalise with real ones. It can: its capacity suffices to memorise 50,000 random labels, and its test accuracy on those is at chance. With the real labels the same network generalises well. So classical capacity arguments (few parameters → no overfitting) do not explain why deep networks generalise; the structure of real data, the way stochastic gradient descent picks among the many solutions that fit, and the architecture's inductive biases play a large part. Fitting real labels is also much faster than fitting random ones: shared structure is learned before exceptions are memorised.`,
    difficulty: 4,
    tags: ['capacity', 'memorisation', 'generalisation', 'overfitting'],
    source: AUTHORS,
  },
  {
    id: 'cap-capacity-levers',
    topic: 'capacity',
    type: 'msq',
    stem: 'Which of these changes raise the effective capacity that a network can use during training? Select all that apply.',
    options: [
      {
        id: 'wider',
        text: 'Add units to each hidden layer.',
        feedback:
          'Yes: more units mean more parameters and a larger set of representable functions.',
      },
      {
        id: 'earlier-stop',
        text: 'Stop training at an earlier epoch.',
        feedback:
          'No: early stopping limits how far the weights travel from their small initial values; it acts as a regulariser and lowers effective capacity.',
      },
      {
        id: 'less-decay',
        text: 'Lower the weight-decay coefficient.',
        feedback:
          'Yes: a weaker penalty lets the weights reach values the stronger penalty kept them from.',
      },
      {
        id: 'smaller-set',
        text: 'Train on fewer examples.',
        feedback:
          'No: capacity belongs to the model and its constraints. Fewer examples make overfitting likelier, but the model cannot represent anything new.',
      },
      {
        id: 'lower-dropout',
        text: 'Lower the dropout probability.',
        feedback:
          'Yes: fewer units are dropped, so each training step uses more of the network and the regularising effect weakens.',
      },
      {
        id: 'input-noise',
        text: 'Add Gaussian noise to the inputs during training.',
        feedback:
          'No: noise injection is a regulariser (for small noise and a squared-error loss it acts much like an L2 penalty).',
      },
    ],
    answer: ['wider', 'less-decay', 'lower-dropout'],
    explanation: String.raw`Capacity has two sides: what the architecture could represent (depth, width, parameter count) and how much of that the training procedure allows (regularisation). Widening a layer enlarges the first; weaker weight decay and a lower dropout probability relax the second. Early stopping and input noise are regularisers and *lower* effective capacity. The size of the training set does not change capacity at all: it changes how much of that capacity the data can pin down, which is why a model that overfits a small set can fit a large one well.`,
    difficulty: 2,
    tags: ['capacity', 'regularisation', 'width'],
    source: AUTHORS,
  },
  {
    id: 'cap-polynomial-degree',
    topic: 'capacity',
    type: 'mcq',
    stem: 'Ten points with distinct $x$ values are sampled, with noise, from one period of a sine curve. Polynomials of degree 1, 3 and 9 are fitted to them by least squares. Which statement is true?',
    options: [
      {
        id: 'deg1-lowest-train',
        text: 'Degree 1 has the lowest training error, because the simplest model fits best.',
        feedback:
          'Training error can only fall as the degree grows: the degree-3 and degree-9 families contain every straight line, so their best fits are at least as close to the training points.',
      },
      {
        id: 'deg9-best-test',
        text: 'Degree 9 has the lowest error on new points, because its training error is zero.',
        feedback:
          'Its zero training error comes from fitting the noise exactly, which is what makes it swing between the points and predict new ones badly.',
      },
      {
        id: 'all-equal',
        text: 'All three generalise about equally well, because they are all polynomials.',
        feedback:
          'They differ in capacity: the line cannot follow the curve (underfitting) and the degree-9 polynomial follows the noise (overfitting).',
      },
      {
        id: 'deg9-interpolates',
        text: 'Degree 9 passes through all ten points (zero training error) but oscillates between them; degree 3 most likely has the lowest error on new points.',
        feedback:
          'Correct: 10 coefficients can match 10 points exactly, noise and all, while a cubic follows the shape of one sine period without chasing the noise.',
      },
    ],
    answer: ['deg9-interpolates'],
    explanation: String.raw`A polynomial of degree $d$ has $d + 1$ coefficients. With 10 distinct $x$ values, degree 9 has 10 coefficients and the least-squares fit interpolates every point exactly, so its training error is 0, but to do so it bends sharply between the points and its error on new points is large: overfitting. Degree 1 is too rigid to follow a sine period: both its training and test errors are high (underfitting). Degree 3 matches the shape of one period well without chasing the noise. Training error falls steadily with the degree; error on new points is U-shaped. The degree is chosen on held-out data, never on the training error.`,
    difficulty: 2,
    tags: ['capacity', 'overfitting', 'underfitting', 'polynomial'],
    source: AUTHORS,
  },
];
