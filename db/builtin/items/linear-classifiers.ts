import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

const topic = 'linear-classifiers';

/**
 * Linear classifiers: the multiclass hinge (SVM) loss and softmax cross-entropy on class scores,
 * the perceptron update, and what a hidden layer adds (parameter counts, and why it needs a
 * non-linearity).
 */
export const linearClassifiersItems: BankItemInput[] = [
  ...templateItems('multiclass-hinge-loss', topic, { base: 1, tags: ['svm', 'hinge-loss'] }),
  ...templateItems('softmax-cross-entropy', topic, {
    base: 1,
    tags: ['softmax', 'cross-entropy'],
  }),
  {
    id: 'lc-hinge-loss-four-classes',
    topic,
    type: 'numeric',
    stem: String.raw`A linear classifier gives one example the scores $s = (1.5,\ 3.0,\ 2.7,\ -0.5)$ for classes 1 to 4. Its true class is class 2. What is its multiclass hinge (SVM) loss $L = \sum_{j \neq y} \max(0,\ s_j - s_y + \Delta)$ with margin $\Delta = 1$?`,
    answer: { value: 0.7, tolerance: { abs: 0.001 } },
    answerFormat: 'a number rounded to 2 decimals',
    explanation: String.raw`The true score is $s_y = 3.0$. Each other class adds how far it comes within the margin of it:

- class 1: $\max(0,\ 1.5 - 3.0 + 1) = \max(0, -0.5) = 0$
- class 3: $\max(0,\ 2.7 - 3.0 + 1) = 0.7$
- class 4: $\max(0,\ -0.5 - 3.0 + 1) = \max(0, -2.5) = 0$

So $L = 0.7$. The true class already has the highest score, yet the loss is not zero: class 3 is ahead of it by less than the margin. Adding the true class's own term to the sum would give $\max(0, \Delta) = 1$ more, $1.7$; that term is left out by definition.`,
    hints: [
      'Compare every wrong class with the true class only; the wrong classes are never compared with one another.',
      String.raw`Class 3 is the only one with $s_j - s_y + \Delta > 0$.`,
    ],
    difficulty: 2,
    tags: ['svm', 'hinge-loss'],
    source: AUTHORS,
  },
  {
    id: 'lc-hinge-zero-loss',
    topic,
    type: 'mcq',
    stem: String.raw`When is the multiclass hinge loss $\sum_{j \neq y} \max(0,\ s_j - s_y + \Delta)$ of one example exactly zero (with $\Delta > 0$)?`,
    options: [
      {
        id: 'highest',
        text: 'As soon as the true class has the highest score',
        feedback: String.raw`Not enough: a wrong class that trails the true one by less than $\Delta$ still adds $s_j - s_y + \Delta > 0$.`,
      },
      {
        id: 'all-equal',
        text: 'When all the scores are equal',
        feedback: String.raw`Then every wrong class adds $\max(0, \Delta) = \Delta$, so the loss is $(C - 1)\Delta$ for $C$ classes. That value is a useful check at initialisation, when the scores are all near 0.`,
      },
      {
        id: 'margin',
        text: String.raw`When $s_y \ge s_j + \Delta$ for every wrong class $j$`,
        feedback:
          'Right: the true class beats every other class by at least the margin, so every term of the sum is clipped to 0.',
      },
      {
        id: 'probability-one',
        text: 'Only when the predicted probability of the true class is 1',
        feedback:
          'That is how cross-entropy behaves, which approaches 0 without reaching it. The hinge loss works on raw scores and reaches exactly 0 at a finite margin.',
      },
    ],
    answer: ['margin'],
    explanation: String.raw`Each wrong class contributes $\max(0,\ s_j - s_y + \Delta)$, which is 0 exactly when $s_y \ge s_j + \Delta$. Once every wrong class is a full margin behind, the loss is 0 and its gradient is 0 too: that example stops pushing the weights. Cross-entropy never quite gets there; it keeps rewarding a larger gap with a smaller loss.`,
    difficulty: 2,
    tags: ['svm', 'hinge-loss'],
    source: AUTHORS,
  },
  {
    id: 'lc-ce-initial-loss',
    topic,
    type: 'numeric',
    stem: String.raw`A 10-class softmax classifier is initialised with very small weights, so all 10 logits of every example are close to 0. What mean cross-entropy loss (natural logarithm) should the first batch show?`,
    answer: { value: 2.302585, tolerance: { abs: 0.005 } },
    answerFormat: 'a number rounded to 2 decimals',
    explanation: String.raw`Equal logits give the uniform distribution: every class, the true one included, gets $p = e^0 / (10 \cdot e^0) = 1/10$. The loss of each example is $-\ln(1/10) = \ln 10 \approx 2.30$, so the batch mean is $2.30$ too.

This is a cheap sanity check before a long run: a first loss far from $\ln C$ for $C$ classes points to a bug in the loss, the labels, or the initialisation. (The base-10 logarithm would give 1, which is not what the frameworks compute.)`,
    hints: [
      'What probability does softmax give each class when all the logits are equal?',
      String.raw`The loss is $-\ln p_{\text{true}}$ with $p_{\text{true}} = 1/10$.`,
    ],
    difficulty: 2,
    tags: ['softmax', 'cross-entropy', 'sanity-check'],
    source: AUTHORS,
  },
  {
    id: 'lc-hinge-vs-cross-entropy',
    topic,
    type: 'msq',
    stem: String.raw`One example of a 3-class problem gets the scores $(10,\ 2,\ 1)$ and its true class is the first. Compare the multiclass hinge loss (margin $\Delta = 1$) with softmax cross-entropy on these scores. Select all that apply.`,
    options: [
      {
        id: 'hinge-zero',
        text: 'The hinge loss is 0.',
        feedback: String.raw`Yes: $2 - 10 + 1 = -7$ and $1 - 10 + 1 = -8$ are both clipped to 0.`,
      },
      {
        id: 'ce-zero',
        text: 'The cross-entropy loss is 0.',
        feedback: String.raw`No: $p_1 = e^{10}/(e^{10} + e^2 + e^1)$ is just below 1, so $-\ln p_1 = \ln(1 + e^{-8} + e^{-9}) \approx 4.6 \times 10^{-4}$: small, but positive.`,
      },
      {
        id: 'ce-keeps-falling',
        text: 'Raising the true score from 10 to 12 lowers the cross-entropy loss further.',
        feedback: String.raw`Yes: it drops to about $6.2 \times 10^{-5}$. Cross-entropy always prefers a larger gap.`,
      },
      {
        id: 'hinge-keeps-falling',
        text: 'Raising the true score from 10 to 12 lowers the hinge loss further.',
        feedback:
          'No: it is already 0 and cannot go lower. Beyond the margin the hinge loss is indifferent to the scores.',
      },
      {
        id: 'shift-changes',
        text: 'Adding 5 to all three scores changes both losses.',
        feedback: String.raw`No: the hinge loss only uses differences $s_j - s_y$, and softmax gives the same probabilities after a common shift ($e^{z+c} = e^c e^z$ cancels). Neither loss changes.`,
      },
    ],
    answer: ['hinge-zero', 'ce-keeps-falling'],
    explanation: String.raw`The hinge loss is satisfied once the true class leads by the margin; after that it is exactly 0 and gives no gradient. Cross-entropy turns the scores into probabilities and charges $-\ln p_y$, which only tends to 0 as the lead grows, so it keeps pushing the true score up (ever more weakly). Both depend on the scores only through their differences, so a common shift changes neither.`,
    difficulty: 3,
    tags: ['svm', 'hinge-loss', 'softmax', 'cross-entropy'],
    source: AUTHORS,
  },
  {
    id: 'lc-perceptron-step',
    topic,
    type: 'numeric',
    stem: String.raw`A perceptron with labels $y \in \{-1, +1\}$ predicts $\operatorname{sign}(w \cdot x + b)$ and, whenever $y\,(w \cdot x + b) \le 0$, updates $w \leftarrow w + \eta\, y\, x$ and $b \leftarrow b + \eta\, y$. Its weights are $w = (0.5,\ -1)$, $b = 0.2$, and the learning rate is $\eta = 0.5$. It is shown the point $x = (1,\ 2)$ with label $y = +1$. What are $w_1$, $w_2$ and $b$ afterwards?`,
    answer: { value: [1, 0, 0.7], tolerance: { abs: 0.001 } },
    answerFormat: 'comma-separated: w1, w2, b',
    explanation: String.raw`First check the point: $w \cdot x + b = 0.5 \cdot 1 + (-1) \cdot 2 + 0.2 = -1.3$, and $y \cdot (-1.3) = -1.3 \le 0$, so the point is misclassified and the rule fires.

- $w \leftarrow (0.5,\ -1) + 0.5 \cdot (+1) \cdot (1,\ 2) = (0.5 + 0.5,\ -1 + 1) = (1,\ 0)$
- $b \leftarrow 0.2 + 0.5 \cdot (+1) = 0.7$

Now $w \cdot x + b = 1 + 0 + 0.7 = 1.7 > 0$: this point is classified correctly. Adding $\eta y x$ always raises $y\,(w \cdot x)$ by $\eta \lVert x \rVert^2$, which is why the update moves towards the right side. A correctly classified point would leave the weights as they are.`,
    hints: [
      'Decide first whether the point is a mistake; the perceptron only learns from mistakes.',
      String.raw`$w \cdot x + b = 0.5 - 2 + 0.2 = -1.3$: a mistake for $y = +1$. Now add $\eta y x$ to $w$ and $\eta y$ to $b$.`,
    ],
    difficulty: 2,
    tags: ['perceptron'],
    source: AUTHORS,
  },
  {
    id: 'lc-perceptron-which-update',
    topic,
    type: 'mcq',
    stem: String.raw`A perceptron has $w = (1,\ -1)$ and $b = 0$, labels are $y \in \{-1, +1\}$, and a point with $y\,(w \cdot x + b) \le 0$ counts as a mistake and triggers an update. Which of these labelled points makes it update?`,
    options: [
      {
        id: 'positive-correct',
        text: String.raw`$x = (2,\ 1)$, $y = +1$`,
        feedback: String.raw`$w \cdot x = 2 - 1 = 1$ and $y \cdot 1 = 1 > 0$: correct, no update.`,
      },
      {
        id: 'negative-correct',
        text: String.raw`$x = (1,\ 3)$, $y = -1$`,
        feedback: String.raw`$w \cdot x = 1 - 3 = -2$ and $y \cdot (-2) = 2 > 0$: correct, no update. A negative score is right for a negative label.`,
      },
      {
        id: 'on-boundary',
        text: String.raw`$x = (2,\ 2)$, $y = +1$`,
        feedback: String.raw`Right: $w \cdot x = 2 - 2 = 0$, so $y \cdot 0 = 0 \le 0$. A point on the boundary is not classified correctly and counts as a mistake.`,
      },
      {
        id: 'negative-far',
        text: String.raw`$x = (0,\ 1)$, $y = -1$`,
        feedback: String.raw`$w \cdot x = -1$ and $y \cdot (-1) = 1 > 0$: correct, no update.`,
      },
    ],
    answer: ['on-boundary'],
    explanation: String.raw`The test is the sign of $y\,(w \cdot x + b)$: positive means the point is on its own side of the boundary, anything else is a mistake. Counting $0$ as a mistake matters: with $w = 0$ at the start every point scores 0, and a rule that treated 0 as correct would never learn anything.`,
    difficulty: 2,
    tags: ['perceptron'],
    source: AUTHORS,
  },
  {
    id: 'lc-mlp-params-bias-false',
    topic,
    type: 'numeric',
    stem:
      'How many trainable parameters does this PyTorch model have?\n\n' +
      '```python\n' +
      'nn.Sequential(\n' +
      '    nn.Linear(20, 32), nn.ReLU(),\n' +
      '    nn.Linear(32, 32, bias=False), nn.ReLU(),\n' +
      '    nn.Linear(32, 3),\n' +
      ')\n' +
      '```',
    answer: { value: 1795, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`${'`'}nn.Linear(n, m)${'`'} holds an $m \times n$ weight matrix and, unless ${'`'}bias=False${'`'}, $m$ biases; ReLU has no parameters.

- ${'`'}Linear(20, 32)${'`'}: $20 \cdot 32 + 32 = 640 + 32 = 672$
- ${'`'}Linear(32, 32, bias=False)${'`'}: $32 \cdot 32 = 1024$
- ${'`'}Linear(32, 3)${'`'}: $32 \cdot 3 + 3 = 99$

Total: $672 + 1024 + 99 = 1795$. Counting a bias for the middle layer would give $1827$; forgetting all biases, $1760$.`,
    hints: [
      'Each linear layer has inputs × outputs weights, plus one bias per output unit when it has a bias.',
      'The activations add nothing to the count.',
    ],
    difficulty: 2,
    tags: ['mlp', 'parameters', 'pytorch'],
    source: AUTHORS,
  },
  {
    id: 'lc-linear-layers-collapse',
    topic,
    type: 'numeric',
    stem: String.raw`Two linear layers are stacked with no activation between them and no biases: $h = W_1 x$ with $W_1 = \begin{bmatrix} 1 & 2 \\ 0 & 1 \end{bmatrix}$, then $y = W_2 h$ with $W_2 = \begin{bmatrix} 1 & -1 \end{bmatrix}$. The same map can be written as one layer $y = W x$. What is the row $W$?`,
    answer: { value: [1, 1], tolerance: { abs: 0.001 } },
    answerFormat: 'comma-separated vector of 2 numbers',
    explanation: String.raw`$y = W_2 (W_1 x) = (W_2 W_1)\, x$, so $W = W_2 W_1$:

$$W = \begin{bmatrix} 1 \cdot 1 + (-1) \cdot 0 & 1 \cdot 2 + (-1) \cdot 1 \end{bmatrix} = \begin{bmatrix} 1 & 1 \end{bmatrix}.$$

Check on $x = (1, 1)$: $h = (3, 1)$, $y = 3 - 1 = 2$, and $W x = 1 + 1 = 2$. However many linear layers are stacked, the product of their matrices is one matrix (and with biases, one affine map), so the stack can draw nothing but a straight decision boundary. A non-linearity between the layers, such as a ReLU applied to $h$, is what breaks the product apart.`,
    hints: [
      'Substitute the first layer into the second.',
      String.raw`$W = W_2 W_1$: a $1 \times 2$ row times a $2 \times 2$ matrix.`,
    ],
    difficulty: 2,
    tags: ['mlp', 'nonlinearity', 'linear-algebra'],
    source: AUTHORS,
  },
  {
    id: 'lc-xor-which-models',
    topic,
    type: 'msq',
    stem: String.raw`The XOR labels of two binary inputs are $+1$ for $(0, 1)$ and $(1, 0)$ and $-1$ for $(0, 0)$ and $(1, 1)$. Which models can classify all four points correctly (by the sign of their output)? Select all that apply.`,
    options: [
      {
        id: 'perceptron',
        text: String.raw`A single perceptron on $(x_1, x_2)$`,
        feedback:
          'No: its boundary is one straight line, and no line puts (0, 1) and (1, 0) on one side with (0, 0) and (1, 1) on the other.',
      },
      {
        id: 'deep-linear',
        text: 'Three stacked linear layers with no activation between them',
        feedback:
          'No: the stack multiplies out to a single linear map, so its boundary is still one straight line.',
      },
      {
        id: 'relu-mlp',
        text: 'One hidden layer of two ReLU units, then a linear output',
        feedback: String.raw`Yes: for example $h_1 = \mathrm{ReLU}(x_1 + x_2)$, $h_2 = \mathrm{ReLU}(x_1 + x_2 - 1)$ and output $h_1 - 2h_2 - 0.5$ give $-0.5,\ 0.5,\ 0.5,\ -0.5$ on the four points.`,
      },
      {
        id: 'product-feature',
        text: String.raw`A linear classifier on the features $(x_1,\ x_2,\ x_1 x_2)$`,
        feedback: String.raw`Yes: $x_1 + x_2 - 2x_1x_2 - 0.5$ is $-0.5,\ 0.5,\ 0.5,\ -0.5$. The non-linearity is in the hand-made feature, which a hidden layer would otherwise have to learn.`,
      },
      {
        id: 'logistic',
        text: String.raw`Logistic regression on $(x_1, x_2)$`,
        feedback:
          'No: the sigmoid only squashes the output; the boundary $w \\cdot x + b = 0$ is still a straight line.',
      },
    ],
    answer: ['relu-mlp', 'product-feature'],
    explanation: String.raw`XOR is not linearly separable, so every model whose decision boundary is a single line fails: a perceptron, logistic regression (a sigmoid on a linear score), and any stack of purely linear layers, which collapses to one linear map. A hidden layer with a non-linear activation can bend the boundary; so can a non-linear feature chosen by hand. The activation between layers is what gives depth its power.`,
    difficulty: 3,
    tags: ['mlp', 'nonlinearity', 'xor', 'perceptron'],
    source: AUTHORS,
  },
];
