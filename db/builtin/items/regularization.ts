import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_QUIZ, SOURCE_QUIZ_TAG } from '../sources';
import { templateItems } from '../template-items';

/** L1 and L2 penalties, weight decay, early stopping. */
export const regularizationItems: BankItemInput[] = [
  {
    id: 'reg-l1-sparsity',
    topic: 'regularization',
    type: 'mcq',
    stem: 'Which penalty added to the training loss tends to drive many of the learned weights to exactly zero (a sparse solution)?',
    options: [
      {
        id: 'l2',
        text: String.raw`The L2 penalty $\lambda\sum_i w_i^2$ (ridge, weight decay)`,
        feedback:
          'L2 shrinks weights in proportion to their size, so small weights get an ever smaller push: they become small but rarely exactly zero.',
      },
      {
        id: 'both',
        text: 'Both L1 and L2 equally',
        feedback:
          'Both shrink weights, but only L1 produces exact zeros; L2 spreads weight over many small values.',
      },
      {
        id: 'neither',
        text: 'Neither of them',
        feedback: 'L1 is the textbook sparsity-inducing penalty.',
      },
      {
        id: 'l1',
        text: String.raw`The L1 penalty $\lambda\sum_i \lvert w_i\rvert$ (lasso)`,
        feedback:
          'Correct: its pull has the same size however small a weight is, so the minimiser of the penalised loss sets weights with a weak data gradient exactly to zero.',
      },
    ],
    answer: ['l1'],
    explanation: String.raw`Write the loss as data loss plus penalty, $L(w) = g(w) + R(w)$, and look at the gradient step $w \leftarrow w - \eta\,\nabla L(w)$.

- **L1**, $R = \lambda\sum_i\lvert w_i\rvert$: the penalty's gradient is $\lambda\,\mathrm{sign}(w_i)$. Its size is $\lambda$ no matter how small $w_i$ is, so every step moves a weight a fixed amount $\eta\lambda$ towards zero. Where the data gradient at $w_i = 0$ is smaller than $\lambda$ in size, the kink of $\lvert w\rvert$ makes $w_i = 0$ the minimiser, so the optimum has exact zeros. Plain (sub)gradient steps with $\mathrm{sign}(0) = 0$ only bring such a weight to within about $\eta\lambda$ of zero, where it flips sign from step to step; lasso solvers and proximal (soft-thresholding) steps, which clip at 0, return the exact zeros.
- **L2**, $R = \lambda\sum_i w_i^2$: the gradient is $2\lambda w_i$ (written $\frac{\lambda}{2}\sum_i w_i^2$, as weight decay usually is, it is $\lambda w_i$), so the step is $w_i \leftarrow (1-2\eta\lambda)\,w_i - \eta\, g'(w_i)$. The pull is proportional to the weight: as $w_i$ gets small the pull fades, so weights shrink towards zero but almost never reach it.

Hence L1 yields sparse weight vectors (many exact zeros, a few large values); L2 yields many small non-zero weights.`,
    hints: [
      'Compare how hard each penalty pulls on a weight that is already small.',
      String.raw`The penalties' gradients: $\lambda\,\mathrm{sign}(w)$ for L1, $2\lambda w$ for L2.`,
      String.raw`At $w = 0.01$ with $\lambda = 0.1$, L1 still pulls with $0.1$ while L2 pulls with only $2 \cdot 0.1 \cdot 0.01 = 0.002$.`,
    ],
    difficulty: 2,
    tags: [SOURCE_QUIZ_TAG, 'l1', 'l2', 'sparsity'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'reg-l2-decay-factor',
    topic: 'regularization',
    type: 'numeric',
    stem: String.raw`Plain SGD with learning rate $\eta = 0.1$ minimises $g(w) + \lambda\lVert w\rVert_2^2$ with $\lambda = 0.05$. Each step can be written as $w \leftarrow c\,w - \eta\,\nabla g(w)$. What is the factor $c$ ("weight decay" factor)?`,
    answer: { value: 0.99, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 3 decimals',
    explanation: String.raw`The gradient of $\lambda\lVert w\rVert_2^2$ is $2\lambda w$, so
$$w \leftarrow w - \eta\,(\nabla g(w) + 2\lambda w) = (1 - 2\eta\lambda)\,w - \eta\,\nabla g(w).$$
With $\eta = 0.1$ and $\lambda = 0.05$: $c = 1 - 2 \times 0.1 \times 0.05 = 1 - 0.01 = 0.99$. Every step first multiplies the weights by $0.99$, which is why L2 regularisation with plain SGD is called weight decay. (Many texts write the penalty as $\frac{\lambda}{2}\lVert w\rVert^2$ to get $1-\eta\lambda$.)`,
    difficulty: 2,
    tags: ['l2', 'weight-decay', 'sgd'],
    source: AUTHORS,
  },
  {
    id: 'reg-l1-step-vector',
    topic: 'regularization',
    type: 'numeric',
    stem: String.raw`Weights $w = (0.8,\ -0.05,\ 0)$ have data-loss gradient $\nabla g = (0.2,\ 0.1,\ -0.4)$. Take one gradient step with learning rate $\eta = 0.1$ on $g(w) + \lambda\sum_i\lvert w_i\rvert$ with $\lambda = 0.5$, using $\mathrm{sign}(0) = 0$. What are the new weights?`,
    answer: { value: [0.73, -0.01, 0.04], tolerance: { abs: 0.0005 } },
    answerFormat: 'comma-separated vector of 3 numbers',
    explanation: String.raw`The step is $w_i \leftarrow w_i - \eta\,(\partial_i g + \lambda\,\mathrm{sign}(w_i))$:

- $w_1$: $0.8 - 0.1\,(0.2 + 0.5 \times 1) = 0.8 - 0.07 = 0.73$
- $w_2$: $-0.05 - 0.1\,(0.1 + 0.5 \times (-1)) = -0.05 - 0.1 \times (-0.4) = -0.05 + 0.04 = -0.01$
- $w_3$: $0 - 0.1\,(-0.4 + 0) = 0.04$

The penalty moved $w_2$ by a full $\eta\lambda = 0.05$ towards zero although $w_2$ itself is tiny: that constant pull is what drives small weights to zero under L1.`,
    hints: [
      String.raw`The L1 penalty adds a pull of the same size $\lambda$ to every non-zero weight, pointing towards zero.`,
      String.raw`$w \leftarrow w - \eta\,\bigl(\nabla g + \lambda\,\mathrm{sign}(w)\bigr)$, with $\mathrm{sign}(0) = 0$.`,
      String.raw`The penalty's gradient is $\lambda\,\mathrm{sign}(w) = 0.5 \cdot (1, -1, 0) = (0.5, -0.5, 0)$.`,
    ],
    parts: [
      {
        id: 'penalty-gradient',
        prompt: String.raw`The gradient of the penalty alone, $\lambda\,\mathrm{sign}(w)$.`,
        answer: { value: [0.5, -0.5, 0], tolerance: { abs: 0.0005 } },
        hint: String.raw`$\mathrm{sign}(-0.05) = -1$ and $\mathrm{sign}(0) = 0$.`,
      },
      {
        id: 'total-gradient',
        prompt: String.raw`The full gradient $\nabla g + \lambda\,\mathrm{sign}(w)$.`,
        answer: { value: [0.7, -0.4, -0.4], tolerance: { abs: 0.0005 } },
      },
    ],
    difficulty: 3,
    tags: ['l1', 'sgd', 'sparsity'],
    source: AUTHORS,
  },
  {
    id: 'reg-l2-step-vector',
    topic: 'regularization',
    type: 'numeric',
    stem: String.raw`Weights $w = (0.8,\ -0.05,\ 0)$ have data-loss gradient $\nabla g = (0.2,\ 0.1,\ -0.4)$. Take one gradient step with learning rate $\eta = 0.1$ on $g(w) + \lambda\sum_i w_i^2$ with $\lambda = 0.5$. What are the new weights?`,
    answer: { value: [0.7, -0.055, 0.04], tolerance: { abs: 0.0005 } },
    answerFormat: 'comma-separated vector of 3 numbers',
    explanation: String.raw`The step is $w_i \leftarrow w_i - \eta\,(\partial_i g + 2\lambda w_i)$, and here $2\lambda = 1$:

- $w_1$: $0.8 - 0.1\,(0.2 + 0.8) = 0.8 - 0.1 = 0.7$
- $w_2$: $-0.05 - 0.1\,(0.1 - 0.05) = -0.05 - 0.005 = -0.055$
- $w_3$: $0 - 0.1\,(-0.4 + 0) = 0.04$

Compare with the L1 step on the same numbers: the L2 penalty pulls $w_2$ by only $\eta \cdot 2\lambda\lvert w_2\rvert = 0.005$, because its pull is proportional to the weight, so the small weight is not driven to zero (here the data gradient even pushes it further away).`,
    difficulty: 3,
    tags: ['l2', 'weight-decay', 'sgd'],
    source: AUTHORS,
  },
  {
    id: 'reg-early-stopping',
    topic: 'regularization',
    type: 'mcq',
    stem: 'How does early stopping regularise a network?',
    options: [
      {
        id: 'train-zero',
        text: 'It stops training as soon as the training loss reaches zero.',
        feedback:
          'Reaching zero training loss is typically a sign of memorisation; early stopping watches validation data, not the training loss.',
      },
      {
        id: 'fixed-epochs',
        text: 'It always trains for a small, fixed number of epochs chosen before training.',
        feedback:
          'The stopping point is chosen from the validation curve during training, not fixed in advance.',
      },
      {
        id: 'validation-monitor',
        text: 'It tracks the loss on held-out validation data and keeps the weights from the epoch where that loss was lowest, stopping once it has not improved for a while.',
        feedback: 'Correct.',
      },
      {
        id: 'drop-layers',
        text: 'It removes the last layers of the network when the loss plateaus.',
        feedback: 'Early stopping changes when training ends, not the architecture.',
      },
    ],
    answer: ['validation-monitor'],
    explanation: String.raw`As training continues, training loss keeps falling while validation loss usually falls, bottoms out and then rises as the network starts fitting noise. Early stopping evaluates on a validation set after each epoch, remembers the best weights, and stops after a "patience" of epochs without improvement. Limiting the number of updates limits how far the weights travel from their small initial values, which acts much like an L2 penalty.`,
    difficulty: 1,
    tags: ['early-stopping', 'overfitting'],
    source: AUTHORS,
  },
  {
    id: 'reg-reduce-overfitting',
    topic: 'regularization',
    type: 'msq',
    stem: 'A network reaches 99% training accuracy but only 75% validation accuracy. Which changes are likely to reduce the gap? Select all that apply.',
    options: [
      {
        id: 'wider',
        text: 'Double the number of hidden units in every layer.',
        feedback:
          'No: more capacity usually makes overfitting worse when other things stay the same.',
      },
      {
        id: 'weight-decay',
        text: 'Add or increase weight decay (L2 penalty).',
        feedback:
          'Yes: it limits the size of the weights and therefore how sharply the network can fit noise.',
      },
      {
        id: 'more-epochs',
        text: 'Train for many more epochs.',
        feedback: 'No: the gap typically widens as the network keeps fitting the training set.',
      },
      {
        id: 'early-stopping',
        text: 'Use early stopping on the validation loss.',
        feedback: 'Yes: it stops before the network memorises the training set.',
      },
      {
        id: 'dropout',
        text: 'Add dropout.',
        feedback:
          'Yes: random dropping discourages co-adapted units and acts like averaging many thinned networks.',
      },
      {
        id: 'augmentation',
        text: 'Use data augmentation.',
        feedback: 'Yes: more varied training data makes memorising individual images harder.',
      },
    ],
    answer: ['weight-decay', 'early-stopping', 'dropout', 'augmentation'],
    explanation: String.raw`A large train–validation gap is overfitting (high variance). Regularisers restrict what the network can fit (weight decay, dropout), stop it before it fits noise (early stopping), or give it more varied data (augmentation). Adding capacity or training longer pushes the other way.`,
    difficulty: 2,
    tags: ['overfitting', 'weight-decay', 'dropout', 'early-stopping', 'augmentation'],
    source: AUTHORS,
  },
  {
    id: 'reg-lambda-too-large',
    topic: 'regularization',
    type: 'mcq',
    stem: String.raw`You raise the L2 coefficient $\lambda$ from $10^{-4}$ to $10$ and retrain. What do you most likely see?`,
    options: [
      {
        id: 'underfit',
        text: 'Training and validation loss both high: the weights are crushed towards zero and the model underfits.',
        feedback: 'Correct: the penalty dominates the data loss.',
      },
      {
        id: 'better-fit',
        text: 'Lower training loss, because stronger regularisation always helps.',
        feedback:
          'Regularisation trades training fit for generalisation; it never lowers the training loss by itself.',
      },
      {
        id: 'overfit',
        text: 'Stronger overfitting: lower training loss, higher validation loss.',
        feedback:
          'A larger penalty restricts the model; it moves it away from overfitting, not towards it.',
      },
      {
        id: 'no-change',
        text: 'No visible change, since the penalty does not depend on the data.',
        feedback:
          'The penalty is part of the objective, so it changes the weights the optimiser finds.',
      },
    ],
    answer: ['underfit'],
    explanation: String.raw`The objective is $g(w) + \lambda\lVert w\rVert^2$. With a huge $\lambda$, the cheapest way to lower it is to make $w$ tiny, even at the cost of fitting the data badly: high bias, both losses high. $\lambda$ is a hyperparameter tuned on validation data between underfitting (too large) and overfitting (too small).`,
    difficulty: 2,
    tags: ['l2', 'underfitting', 'hyperparameters'],
    source: AUTHORS,
  },
  {
    id: 'reg-priors',
    topic: 'regularization',
    type: 'mcq',
    stem: 'Minimising a loss plus an L1 penalty on the weights is the same as maximum a posteriori (MAP) estimation with which prior on each weight?',
    options: [
      {
        id: 'gaussian',
        text: 'A zero-mean Gaussian prior',
        feedback: String.raw`A Gaussian gives $-\log p(w) \propto w^2$, which is the L2 penalty.`,
      },
      {
        id: 'uniform',
        text: 'A uniform prior',
        feedback: 'A flat prior adds no penalty at all: MAP then equals maximum likelihood.',
      },
      {
        id: 'bernoulli',
        text: 'A Bernoulli prior on whether each weight is zero',
        feedback:
          'That would count non-zero weights (an L0 penalty), which is not differentiable; L1 is its convex relaxation.',
      },
      {
        id: 'laplace',
        text: 'A zero-mean Laplace prior',
        feedback: String.raw`Correct: $-\log p(w) \propto \lvert w\rvert$ for a Laplace density.`,
      },
    ],
    answer: ['laplace'],
    explanation: String.raw`MAP maximises $\log p(\text{data}\mid w) + \log p(w)$, i.e. minimises the negative log-likelihood plus $-\log p(w)$. For a Laplace prior $p(w) \propto e^{-\lvert w\rvert/b}$ the extra term is $\lvert w\rvert/b$: an L1 penalty with $\lambda = 1/b$. A Gaussian prior $p(w) \propto e^{-w^2/(2s^2)}$ gives $w^2/(2s^2)$: L2. The Laplace density's sharp peak at zero is the probabilistic picture of L1's sparsity.`,
    difficulty: 5,
    tags: ['l1', 'l2', 'bayesian'],
    source: AUTHORS,
  },
  ...templateItems('regularized-step', 'regularization', {
    base: 1,
    tags: ['l1', 'l2', 'sgd'],
  }),
];
