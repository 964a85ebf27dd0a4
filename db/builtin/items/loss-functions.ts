import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

/**
 * Loss functions: regression (MSE, L1, Smooth L1, Huber), classification (BCE with logits,
 * cross-entropy), label smoothing and class imbalance, with PyTorch's conventions, and reading
 * the code that wires a loss into a training loop.
 */
export const lossFunctionsItems: BankItemInput[] = [
  ...templateItems('classification-losses', 'loss-functions', {
    base: 1,
    tags: ['cross-entropy', 'bce', 'label-smoothing', 'class-imbalance'],
  }),
  ...templateItems('regression-losses', 'loss-functions', {
    base: 0,
    tags: ['mse', 'l1', 'huber', 'smooth-l1'],
  }),
  {
    id: 'loss-ce-softmax-code',
    topic: 'loss-functions',
    type: 'mcq',
    stem:
      'A classifier is trained with these lines:\n\n' +
      '```python\nprobs = torch.softmax(model(x), dim=1)\nloss = nn.CrossEntropyLoss()(probs, y)  # y: class indices\n```' +
      '\n\nWhat is wrong?',
    options: [
      {
        id: 'nothing',
        text: 'Nothing: CrossEntropyLoss expects probabilities, so the softmax is needed.',
        feedback:
          'CrossEntropyLoss expects raw logits: it applies log-softmax itself, so this softmax is a second one.',
      },
      {
        id: 'softmax-twice',
        text: 'Softmax is applied twice: the loss applies log-softmax itself, so it sees squashed, nearly uniform scores and its gradients shrink.',
        feedback:
          'Correct: pass `model(x)` directly, and apply softmax only when you need probabilities for display.',
      },
      {
        id: 'error',
        text: 'It raises an error because the inputs do not sum to 1.',
        feedback:
          'Nothing checks that: any real-valued scores are accepted as logits, so the bug runs silently.',
      },
      {
        id: 'dim',
        text: 'Only the softmax dimension is wrong; with `dim=0` it would be correct.',
        feedback:
          '`dim=1` is the class axis of an (N, C) batch; the problem is that there should be no softmax at all.',
      },
    ],
    answer: ['softmax-twice'],
    explanation: String.raw`${'`'}nn.CrossEntropyLoss${'`'} computes $-\ln \operatorname{softmax}(z)_y$ from raw logits $z$. Given probabilities $p \in [0, 1]$ instead, it takes a softmax of values that differ by less than 1, which is close to uniform: the loss stays near $\ln C$ even for a confident right prediction, and the gradient $\operatorname{softmax}(p) - \text{onehot}(y)$ is further damped by the softmax's own Jacobian. Training is slow and the loss floor is wrong, yet no error is raised.`,
    difficulty: 2,
    tags: ['code-reading', 'cross-entropy', 'softmax'],
    source: AUTHORS,
  },
  {
    id: 'loss-bce-raw-logits-code',
    topic: 'loss-functions',
    type: 'mcq',
    stem:
      'A binary classifier ends in `nn.Linear(128, 1)` with no activation, and is trained with:\n\n' +
      '```python\ncriterion = nn.BCELoss()\nloss = criterion(model(x).squeeze(1), y.float())\n```' +
      '\n\nWhat happens?',
    options: [
      {
        id: 'fine',
        text: 'It trains normally: BCELoss applies a sigmoid to its input.',
        feedback:
          'That is BCEWithLogitsLoss. nn.BCELoss takes probabilities and applies no sigmoid.',
      },
      {
        id: 'range-error',
        text: 'BCELoss expects probabilities in [0, 1]; raw logits outside that range make it raise a RuntimeError. Use nn.BCEWithLogitsLoss on the logits instead.',
        feedback:
          'Correct: BCEWithLogitsLoss fuses the sigmoid with the loss and is numerically stable.',
      },
      {
        id: 'slow',
        text: 'It runs but learns slowly because the gradients are scaled by the sigmoid.',
        feedback: 'It does not run once a logit leaves [0, 1]: BCELoss checks its input range.',
      },
      {
        id: 'dtype',
        text: 'It fails because the targets must be integers (long) for BCELoss.',
        feedback:
          'BCE targets are floats (0.0 or 1.0, or soft labels); `y.float()` is right. The input is the problem.',
      },
    ],
    answer: ['range-error'],
    explanation: String.raw`${'`'}nn.BCELoss${'`'} computes $-[t \ln x + (1 - t)\ln(1 - x)]$ of a probability $x$ and checks that every input is between 0 and 1; a raw logit such as $2.3$ or $-0.7$ makes it raise ${'`'}RuntimeError: all elements of input should be between 0 and 1${'`'}. Adding ${'`'}torch.sigmoid${'`'} would work but can saturate to exactly 0 or 1 in float32 (the loss then clamps the log). ${'`'}nn.BCEWithLogitsLoss${'`'} takes the logit and computes the same loss with the log-sum-exp trick, stably, which is why it is the usual choice.`,
    difficulty: 2,
    tags: ['code-reading', 'bce', 'logits'],
    source: AUTHORS,
  },
  {
    id: 'loss-ce-float-targets-code',
    topic: 'loss-functions',
    type: 'mcq',
    stem:
      'The labels of a 4-class problem were stored as floats:\n\n' +
      '```python\nlogits = model(x)                 # shape (3, 4)\ny = torch.tensor([2., 0., 3.])   # dtype float32, shape (3,)\nloss = nn.CrossEntropyLoss()(logits, y)\n```' +
      '\n\nWhat happens?',
    options: [
      {
        id: 'cast',
        text: 'PyTorch rounds the floats to class indices and computes the usual loss.',
        feedback: 'No implicit cast happens: the target dtype decides how it is read.',
      },
      {
        id: 'long-error',
        text: 'A target whose shape differs from the input’s is read as class indices, which must be integers: it raises “expected scalar type Long but found Float”. Use `y.long()`.',
        feedback:
          'Correct: class indices are a long tensor of shape (N,); float targets are only allowed as class probabilities of shape (N, C).',
      },
      {
        id: 'probabilities',
        text: 'The floats are read as class probabilities, so the loss is computed against the distribution [2, 0, 3].',
        feedback:
          'Probability targets must have the input’s shape (3, 4); a (3,) target is read as class indices.',
      },
      {
        id: 'smoothing',
        text: 'It works but silently turns on label smoothing.',
        feedback:
          'Label smoothing is only the label_smoothing argument; the dtype does not set it.',
      },
    ],
    answer: ['long-error'],
    explanation: String.raw`${'`'}nn.CrossEntropyLoss${'`'} accepts two kinds of target and tells them apart by shape: class indices of shape $(N)$ with dtype ${'`'}torch.long${'`'}, or class probabilities with the input's shape $(N, C)$ and a float dtype. Here the shape is $(3)$, so the target is taken as indices, and the float dtype is refused with a RuntimeError. Converting with ${'`'}y.long()${'`'} (or storing the labels as integers) fixes it.`,
    difficulty: 2,
    tags: ['code-reading', 'cross-entropy', 'dtype'],
    source: AUTHORS,
  },
  {
    id: 'loss-sum-reduction-code',
    topic: 'loss-functions',
    type: 'mcq',
    stem:
      'A model was tuned with batch size 32 and SGD at `lr=0.01`, using\n\n' +
      '```python\ncriterion = nn.MSELoss(reduction="sum")\nloss = criterion(model(x), y)\nloss.backward()\noptimizer.step()\n```' +
      '\n\nThe batch size is raised to 128 and nothing else is changed. What happens to the size of the updates, for examples with similar errors?',
    options: [
      {
        id: 'same',
        text: 'They stay the same: the loss is an average, so the batch size does not matter.',
        feedback:
          "reduction='sum' adds the element losses, so the gradient grows with the number of elements.",
      },
      {
        id: 'four-times',
        text: 'They become about 4 times larger, as if the learning rate had been multiplied by 4; training may diverge. With the default reduction="mean" they would stay about the same.',
        feedback: 'Correct: the gradient of a sum over 128 elements is about 4× that over 32.',
      },
      {
        id: 'quarter',
        text: 'They become about 4 times smaller, because each example gets a smaller share.',
        feedback: "That is what 'mean' avoids; with 'sum' every example adds its full gradient.",
      },
      {
        id: 'noise-only',
        text: 'Only the gradient noise changes; the expected update is the same.',
        feedback:
          'The expected gradient of a sum is proportional to the batch size, so the expected update grows too.',
      },
    ],
    answer: ['four-times'],
    explanation: String.raw`With ${'`'}reduction="sum"${'`'} the loss is $\sum_{i=1}^{B} \ell_i$, and its gradient is the sum of $B$ per-example gradients, about $B$ times the mean gradient. Going from $B = 32$ to $B = 128$ multiplies the update $\eta \nabla L$ by about 4, exactly like raising the learning rate fourfold. The default ${'`'}reduction="mean"${'`'} divides by the number of elements, so the update size does not depend on the batch size (only its noise does), and a tuned learning rate carries over.`,
    difficulty: 3,
    tags: ['code-reading', 'reduction', 'batch-size', 'learning-rate'],
    source: AUTHORS,
  },
  {
    id: 'loss-bce-negative-numeric',
    topic: 'loss-functions',
    type: 'numeric',
    stem: String.raw`A spam filter outputs the raw logit $z = 2$ for a message that is not spam (target $t = 0$). What does ${'`'}nn.BCEWithLogitsLoss()${'`'} give for it (natural log)?`,
    answer: { value: 2.126928, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 3 decimals',
    explanation: String.raw`$\sigma(2) = 1/(1 + e^{-2}) \approx 0.8808$. A negative target costs $-\ln(1 - \sigma(z)) = -\ln \sigma(-z) = \ln(1 + e^{z}) = \ln(1 + 7.389) \approx 2.127$. The model is confident in the wrong label, so the loss is large; for $t = 1$ the same logit would cost only $\ln(1 + e^{-2}) \approx 0.127$.`,
    difficulty: 2,
    tags: ['bce', 'logits'],
    source: AUTHORS,
  },
  {
    id: 'loss-smoothing-entry-numeric',
    topic: 'loss-functions',
    type: 'numeric',
    stem: String.raw`${'`'}nn.CrossEntropyLoss(label_smoothing=0.1)${'`'} trains a 10-class classifier. What probability does the smoothed target give the true class?`,
    answer: { value: 0.91, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number',
    explanation: String.raw`PyTorch mixes the one-hot target with the uniform distribution over all $K$ classes: $q = (1 - \varepsilon)\,\text{onehot}(y) + \varepsilon/K$. The true class gets $1 - 0.1 + 0.1/10 = 0.91$ and each of the nine others $0.01$ (the entries add up to 1). Taking $1 - \varepsilon = 0.9$ forgets the target's own share of the smoothing; spreading $\varepsilon$ over the nine other classes only would give them $0.0111$ each.`,
    difficulty: 2,
    tags: ['label-smoothing', 'cross-entropy'],
    source: AUTHORS,
  },
  {
    id: 'loss-pos-weight-numeric',
    topic: 'loss-functions',
    type: 'numeric',
    stem: String.raw`A defect detector's training set has 100 defective (positive) and 900 good (negative) parts. With ${'`'}nn.BCEWithLogitsLoss(pos_weight=...)${'`'}, which value of pos_weight makes the positives' total weight equal to the negatives'?`,
    answer: { value: 9, tolerance: { abs: 0.01 } },
    answerFormat: 'a number',
    explanation: String.raw`pos_weight multiplies the positive term of each positive element. The 100 positives then weigh $100 \cdot p$ in total, against $900$ for the negatives, so $p = 900/100 = n_{neg}/n_{pos} = 9$, the value PyTorch's documentation suggests for imbalanced binary data.`,
    difficulty: 2,
    tags: ['class-imbalance', 'bce', 'pos-weight'],
    source: AUTHORS,
  },
  {
    id: 'loss-huber-numeric',
    topic: 'loss-functions',
    type: 'numeric',
    stem: String.raw`${'`'}nn.HuberLoss(delta=2.0)${'`'} charges $0.5\,d^2$ when $|d| < \delta$ and $\delta(|d| - 0.5\delta)$ otherwise. What is the loss of one prediction that misses its target by $d = 5$?`,
    answer: { value: 8, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number',
    explanation: String.raw`$|d| = 5 \ge 2$, so the linear branch applies: $2 \cdot (5 - 0.5 \cdot 2) = 2 \cdot 4 = 8$. SmoothL1Loss(beta=2) uses $|d| - 0.5\beta = 5 - 1 = 4$: HuberLoss(δ) is δ times SmoothL1Loss(β = δ). An MSE loss would charge $25$ for the same miss, which is why Huber-type losses are robust to outliers.`,
    difficulty: 2,
    tags: ['huber', 'smooth-l1'],
    source: AUTHORS,
  },
  {
    id: 'loss-multilabel-mcq',
    topic: 'loss-functions',
    type: 'mcq',
    stem: 'Each photo can show any number of 20 tags (beach, dog, sunset, …). The model outputs 20 logits per photo. Which loss fits?',
    options: [
      {
        id: 'ce',
        text: '`nn.CrossEntropyLoss` over the 20 logits.',
        feedback:
          'A softmax makes the 20 tags compete for one unit of probability: it assumes exactly one tag per photo.',
      },
      {
        id: 'bce',
        text: '`nn.BCEWithLogitsLoss` with a 0/1 target per tag: an independent sigmoid for each of the 20 logits.',
        feedback: 'Correct: multi-label problems are 20 binary problems sharing one network.',
      },
      {
        id: 'mse',
        text: '`nn.MSELoss` between the logits and the 0/1 tag vector.',
        feedback:
          'Regressing logits onto 0/1 has no probabilistic reading and gives weak gradients for confident mistakes.',
      },
      {
        id: 'ce-smoothing',
        text: '`nn.CrossEntropyLoss(label_smoothing=0.1)`, so several tags can have probability.',
        feedback:
          'Smoothing spreads a little mass uniformly; it does not let several tags each be fully present.',
      },
    ],
    answer: ['bce'],
    explanation:
      'Softmax cross-entropy models one class out of K: the probabilities add up to 1, so raising one tag lowers the others. With several tags per example each tag is its own yes/no question, modelled by a sigmoid per logit and binary cross-entropy, which `BCEWithLogitsLoss` computes stably from the logits (with `pos_weight` per tag if some tags are rare).',
    difficulty: 2,
    tags: ['bce', 'cross-entropy', 'multi-label', 'sigmoid-vs-softmax'],
    source: AUTHORS,
  },
  {
    id: 'loss-facts-msq',
    topic: 'loss-functions',
    type: 'msq',
    stem: 'Which statements about PyTorch’s losses are true? Select all that apply.',
    options: [
      {
        id: 'huber-scaled',
        text: '`HuberLoss(delta=δ)` equals δ times `SmoothL1Loss(beta=δ)`, so the two coincide at δ = β = 1.',
        feedback: 'True: both are quadratic below the threshold and linear above it.',
      },
      {
        id: 'weighted-mean',
        text: "With a class `weight` and reduction='mean', CrossEntropyLoss divides the weighted sum by the sum of the targets' weights.",
        feedback: 'True: the result is a weighted average, not a sum divided by N.',
      },
      {
        id: 'mse-half',
        text: '`nn.MSELoss` includes a factor ½ so that its gradient is exactly d.',
        feedback: 'False: MSELoss is the plain mean of d²; its gradient per element is 2d/N.',
      },
      {
        id: 'smoothing-target-only',
        text: 'With `label_smoothing=ε` the true class gets 1 − ε and the other classes 0.',
        feedback:
          'False: every class, the true one included, gets ε/K, so the true class has 1 − ε + ε/K.',
      },
      {
        id: 'l1-robust',
        text: 'L1Loss is less sensitive to outliers than MSELoss, because its gradient has the same size for every nonzero error.',
        feedback:
          'True: an outlier adds a gradient of size 1/N, not one proportional to its error.',
      },
    ],
    answer: ['huber-scaled', 'weighted-mean', 'l1-robust'],
    explanation:
      "Huber and Smooth L1 share their shape: SmoothL1Loss(β) = 0.5·d²/β for |d| < β and |d| − 0.5β beyond, HuberLoss(δ) = 0.5·d² and δ(|d| − 0.5δ), i.e. δ·SmoothL1Loss(β = δ). CrossEntropyLoss's weighted mean divides by Σ w_{y_i}. MSELoss has no ½. PyTorch's label smoothing gives every class ε/K on top of (1 − ε)·onehot. L1's constant-size gradient makes it robust to outliers, at the price of a kink at 0.",
    difficulty: 3,
    tags: ['huber', 'smooth-l1', 'class-imbalance', 'label-smoothing', 'mse', 'l1'],
    source: AUTHORS,
  },
];
