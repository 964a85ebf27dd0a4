import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_QUIZ, SOURCE_QUIZ_TAG } from '../sources';
import { templateItems } from '../template-items';

/** Dropout: what it does, inverted scaling, train versus test behaviour. */
export const dropoutItems: BankItemInput[] = [
  {
    id: 'dropout-advantage',
    topic: 'dropout',
    type: 'mcq',
    stem: 'What does adding dropout to a network give you?',
    options: [
      {
        id: 'regularisation',
        text: 'It acts as a regulariser.',
        feedback: 'True, but it is not the only correct statement here.',
      },
      {
        id: 'less-overfitting',
        text: 'It reduces overfitting.',
        feedback: 'True, but it is not the only correct statement here.',
      },
      {
        id: 'better-accuracy',
        text: 'It can improve accuracy on unseen data.',
        feedback:
          'True (as a consequence of less overfitting), but not the only correct statement here.',
      },
      {
        id: 'all',
        text: 'All of the above.',
        feedback: 'Correct: the three statements describe the same effect from different angles.',
        pin: true,
      },
    ],
    answer: ['all'],
    explanation: String.raw`During training, dropout zeroes each unit independently with probability $p$ in every forward pass, so no unit can rely on specific other units being present (less co-adaptation), and training effectively averages an ensemble of thinned networks that share weights. That makes it a **regulariser**, and its purpose is to **reduce overfitting**.

An honest note on "improves accuracy": dropout does not make the network fit the training data better; training accuracy usually goes down a little. What improves, when the network was overfitting, is the accuracy on validation and test data, which follows from the reduced overfitting. On a model that underfits, dropout can lower accuracy. In the sense the question intends, all three statements hold, so "all of the above" is the key.`,
    difficulty: 1,
    tags: [SOURCE_QUIZ_TAG, 'dropout', 'overfitting'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'dropout-inverted-scaling',
    topic: 'dropout',
    type: 'mcq',
    stem: 'A layer uses inverted dropout with drop probability 0.2. What happens to the units that are kept during training?',
    options: [
      {
        id: 'scale-keep',
        text: String.raw`They are multiplied by $0.8$.`,
        feedback:
          'Multiplying by the keep probability is what classic (non-inverted) dropout does to *all* units at test time, not to kept units in training.',
      },
      {
        id: 'scale-drop',
        text: String.raw`They are multiplied by $1/0.2 = 5$.`,
        feedback:
          'The scale is the inverse of the keep probability (0.8), not of the drop probability.',
      },
      {
        id: 'scale-up',
        text: String.raw`They are multiplied by $1/0.8 = 1.25$.`,
        feedback:
          'Correct: dividing by the keep probability keeps the expected activation unchanged.',
      },
      {
        id: 'unchanged',
        text: 'They pass through unchanged.',
        feedback:
          'Then the expected activation in training would be 0.8 times the test-time activation, and the next layer would see a different scale at test time.',
      },
    ],
    answer: ['scale-up'],
    explanation: String.raw`With drop probability $p = 0.2$ a unit is kept with probability $q = 1 - p = 0.8$. Inverted dropout sets
$$\tilde a = \frac{m \cdot a}{q}, \qquad m \sim \mathrm{Bernoulli}(q),$$
so $\mathbb{E}[\tilde a] = q \cdot a/q = a$. Because the expectation already matches, the network is used unchanged at test time.`,
    difficulty: 2,
    tags: ['dropout', 'inverted-dropout'],
    source: AUTHORS,
  },
  {
    id: 'dropout-test-time',
    topic: 'dropout',
    type: 'mcq',
    stem: 'A network was trained with inverted dropout. What should the dropout layers do at test time?',
    options: [
      {
        id: 'keep-dropping',
        text: 'Keep dropping units at random, exactly as in training.',
        feedback:
          'That makes predictions random. (Deliberately sampling many masks, "Monte Carlo dropout", is a separate technique for uncertainty estimates.)',
      },
      {
        id: 'scale-by-q',
        text: 'Use all units and multiply them by the keep probability.',
        feedback:
          'That correction belongs to classic dropout; with inverted dropout it would shrink activations twice.',
      },
      {
        id: 'drop-fixed',
        text: 'Drop the same fixed subset of units for every input.',
        feedback: 'That would permanently remove capacity the network was trained to use.',
      },
      {
        id: 'identity',
        text: 'Nothing: all units are used and no scaling is applied.',
        feedback: 'Correct: inverted dropout did the rescaling during training.',
      },
    ],
    answer: ['identity'],
    explanation: String.raw`Frameworks implement inverted dropout: kept units are divided by the keep probability $q$ during training, so the expected activation equals the full activation. In evaluation mode the layer is simply the identity, which is why forgetting to switch a model to evaluation mode gives noisy predictions.`,
    difficulty: 1,
    tags: ['dropout', 'inverted-dropout', 'train-vs-inference'],
    source: AUTHORS,
  },
  {
    id: 'dropout-kept-value',
    topic: 'dropout',
    type: 'numeric',
    stem: String.raw`A unit has activation $a = 3$. Inverted dropout with drop probability $p = 0.25$ is applied during training, and this unit happens to be kept. What value does it pass to the next layer?`,
    answer: { value: 4, tolerance: { abs: 0.001 } },
    answerFormat: 'a number',
    explanation: String.raw`The keep probability is $q = 1 - 0.25 = 0.75$, and kept units are divided by it: $3 / 0.75 = 4$. Check the expectation: $0.75 \times 4 + 0.25 \times 0 = 3 = a$.`,
    hints: [
      'Inverted dropout rescales the units it keeps during training, so that nothing has to change at test time.',
      String.raw`A kept unit passes $a / (1 - p)$, where $p$ is the drop probability.`,
      String.raw`The keep probability is $1 - 0.25 = 0.75$.`,
    ],
    difficulty: 2,
    tags: ['dropout', 'inverted-dropout'],
    source: AUTHORS,
  },
  {
    id: 'dropout-classic-test-scaling',
    topic: 'dropout',
    type: 'numeric',
    stem: String.raw`A network was trained with the original (non-inverted) dropout: during training each unit was kept with probability $0.6$ and not rescaled. At test time all units are used. A unit's test-time activation before any correction is $5$. What value should be passed on so that the next layer sees the same expected scale as in training?`,
    answer: { value: 3, tolerance: { abs: 0.001 } },
    answerFormat: 'a number',
    explanation: String.raw`In training the unit's expected output was $0.6 \times a$. At test time every unit is present, so the activations are multiplied by the keep probability to match: $0.6 \times 5 = 3$. Inverted dropout moves this factor into training (dividing by $0.6$ there) so the test-time network needs no change.`,
    difficulty: 3,
    tags: ['dropout', 'train-vs-inference'],
    source: AUTHORS,
  },
  {
    id: 'dropout-facts',
    topic: 'dropout',
    type: 'msq',
    stem: 'Which statements about dropout are true? Select all that apply.',
    options: [
      {
        id: 'ensemble',
        text: 'Training with dropout can be viewed as training many thinned sub-networks that share weights.',
        feedback:
          'True: test-time use of the full network approximates averaging their predictions.',
      },
      {
        id: 'more-params',
        text: 'Dropout adds learnable parameters to the network.',
        feedback:
          'False: the drop probability is a fixed hyperparameter and the mask is random; nothing is learned.',
      },
      {
        id: 'eval-inactive',
        text: 'In evaluation mode, (inverted) dropout layers pass their input through unchanged.',
        feedback: 'True.',
      },
      {
        id: 'new-mask',
        text: 'A new random mask is drawn for every forward pass during training.',
        feedback: 'True: each minibatch trains a different thinned network.',
      },
    ],
    answer: ['ensemble', 'eval-inactive', 'new-mask'],
    explanation: String.raw`Dropout has no parameters: it multiplies activations by a fresh random 0/1 mask (and, in the inverted form, by $1/q$) during training. With $n$ droppable units there are $2^n$ possible thinned networks, all sharing the same weights; using the full network at test time is a cheap approximation to averaging them. In evaluation mode the layer is the identity.`,
    difficulty: 2,
    tags: ['dropout', 'ensembles'],
    source: AUTHORS,
  },
  {
    id: 'dropout-rate-too-high',
    topic: 'dropout',
    type: 'mcq',
    stem: 'A small network for a simple task uses dropout with drop probability 0.9 after every layer. Training and validation accuracy are both poor. What is the most likely explanation?',
    options: [
      {
        id: 'overfitting',
        text: 'The network overfits, so the drop probability should be raised further.',
        feedback:
          'Overfitting shows as good training and poor validation accuracy; here both are poor.',
      },
      {
        id: 'underfitting',
        text: 'So few units survive each pass that the network underfits; the drop probability should be lowered.',
        feedback:
          'Correct: with 90% of units gone the effective capacity is tiny and the gradient signal very noisy.',
      },
      {
        id: 'test-mode',
        text: 'Dropout was left active at test time, which is the only way dropout can hurt.',
        feedback:
          'That is a possible bug, but it would not explain the poor training accuracy; too strong dropout hurts on its own.',
      },
      {
        id: 'needs-bn',
        text: 'Dropout only works together with batch normalisation.',
        feedback: 'Dropout works without batch norm; the two are independent techniques.',
      },
    ],
    answer: ['underfitting'],
    explanation: String.raw`Dropout's drop probability is a regularisation strength. Typical values are 0.1–0.5 for hidden layers. At 0.9, each pass trains a network with about a tenth of the units, which cannot fit even the training data well: high bias. Lower the drop probability (or remove dropout) until training accuracy recovers, then tune it on validation data.`,
    difficulty: 2,
    tags: ['dropout', 'underfitting', 'hyperparameters'],
    source: AUTHORS,
  },
  {
    id: 'dropout-expected-active-units',
    topic: 'dropout',
    type: 'numeric',
    stem: 'A hidden layer has 200 units and dropout with drop probability 0.3. On average, how many of its units are active in one training forward pass?',
    answer: { value: 140, tolerance: { abs: 0.5 } },
    answerFormat: 'a number',
    explanation: String.raw`Each unit is kept independently with probability $1 - 0.3 = 0.7$, so the expected number of active units is $200 \times 0.7 = 140$ (the actual count varies from pass to pass around that value).`,
    difficulty: 1,
    tags: ['dropout'],
    source: AUTHORS,
  },
  ...templateItems('inverted-dropout', 'dropout', {
    base: 0,
    tags: ['dropout', 'inverted-dropout'],
  }),
];
