import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

const topic = 'backpropagation';

/**
 * Backpropagation: the chain rule on a computational graph, the softmax–cross-entropy gradient
 * p − y, a two-layer network worked by hand, the chain rule through sigmoid and tanh units,
 * gradient checking with centred differences, and vanishing gradients through sigmoid chains.
 */
export const backpropagationItems: BankItemInput[] = [
  ...templateItems('softmax-ce-gradient', topic, {
    base: 1,
    tags: ['softmax', 'cross-entropy', 'gradient'],
  }),
  ...templateItems('two-layer-backprop', topic, { base: 2, tags: ['chain-rule', 'mlp'] }),
  ...templateItems('activation-chain-rule', topic, {
    base: 1,
    tags: ['chain-rule', 'sigmoid', 'tanh'],
  }),
  {
    id: 'bp-gate-gradients',
    topic,
    type: 'numeric',
    stem: String.raw`A computational graph computes $q = x + y$ and then $f = q \cdot z$, with $x = 3$, $y = -1$ and $z = 2.5$. Backpropagate from $\partial f / \partial f = 1$. What are $\partial f/\partial x$, $\partial f/\partial y$ and $\partial f/\partial z$?`,
    answer: { value: [2.5, 2.5, 2], tolerance: { abs: 0.001 } },
    answerFormat: 'comma-separated: df/dx, df/dy, df/dz',
    explanation: String.raw`Forward: $q = 3 + (-1) = 2$, $f = 2 \cdot 2.5 = 5$.

Backward, one gate at a time, each local slope times the gradient arriving from above:

- the multiply gate $f = q z$ hands each input the *other* input: $\partial f/\partial z = q = 2$ and $\partial f/\partial q = z = 2.5$;
- the add gate $q = x + y$ has slope 1 for both inputs, so it copies what arrives: $\partial f/\partial x = 2.5 \cdot 1 = 2.5$ and $\partial f/\partial y = 2.5 \cdot 1 = 2.5$.

Check: $f = (x + y) z$, so $\partial f/\partial x = z$ and $\partial f/\partial z = x + y$. Backpropagation is the chain rule applied gate by gate, reusing the gradient already computed above each gate.`,
    hints: [
      'Go backwards from f: first the multiply gate, then the add gate.',
      String.raw`A multiply gate sends each input the upstream gradient times the other input; an add gate passes the upstream gradient on unchanged.`,
    ],
    difficulty: 2,
    tags: ['chain-rule', 'computational-graph'],
    source: AUTHORS,
  },
  {
    id: 'bp-fork-gradients-add',
    topic,
    type: 'numeric',
    stem: String.raw`In a computational graph the input $x$ is used twice: $a = x \cdot y$ and $b = x^2$, and the output is $f = a + b$. With $x = 3$ and $y = -2$, what is $\partial f / \partial x$?`,
    answer: { value: 4, tolerance: { abs: 0.001 } },
    answerFormat: 'a number',
    explanation: String.raw`When a variable feeds several branches, its gradient is the **sum** of what comes back along each branch (the multivariable chain rule):

- through $a = x y$: $\partial f/\partial a \cdot \partial a/\partial x = 1 \cdot y = -2$
- through $b = x^2$: $\partial f/\partial b \cdot \partial b/\partial x = 1 \cdot 2x = 6$

So $\partial f/\partial x = -2 + 6 = 4$, which agrees with differentiating $f = xy + x^2$ directly: $y + 2x$. Keeping only one branch gives $-2$ or $6$. Frameworks implement the sum by *accumulating* into a gradient buffer, which is also why PyTorch's ${'`'}.grad${'`'} must be zeroed between steps.`,
    hints: [
      'Follow both paths from f back to x.',
      String.raw`Add the two contributions: $y$ through the product and $2x$ through the square.`,
    ],
    difficulty: 2,
    tags: ['chain-rule', 'computational-graph'],
    source: AUTHORS,
  },
  {
    id: 'bp-softmax-ce-logit-gradient',
    topic,
    type: 'numeric',
    stem: String.raw`A 3-class network's softmax gives one example the probabilities $p = (0.1,\ 0.7,\ 0.2)$; its true class is the first. The loss is the cross-entropy $L = -\ln p_{\text{true}}$ of this one example. What is the gradient $\partial L / \partial z$ with respect to the three logits?`,
    answer: { value: [-0.9, 0.7, 0.2], tolerance: { abs: 0.001 } },
    answerFormat: 'comma-separated vector of 3 numbers',
    explanation: String.raw`For softmax followed by cross-entropy the gradient on the logits is $p - y$, with $y$ the one-hot target $(1, 0, 0)$:

$$\frac{\partial L}{\partial z} = (0.1 - 1,\ 0.7 - 0,\ 0.2 - 0) = (-0.9,\ 0.7,\ 0.2).$$

The entries sum to 0. A gradient-descent step raises the true class's logit (its entry is negative) and lowers the others, the confidently wrong class 2 the most. Answering $p$ itself forgets the target; $y - p$ has the sign flipped.`,
    hints: [
      'You do not need the logits themselves: the gradient is written in terms of p.',
      String.raw`$\partial L/\partial z_k = p_k - y_k$ with the one-hot $y$.`,
    ],
    difficulty: 2,
    tags: ['softmax', 'cross-entropy', 'gradient'],
    source: AUTHORS,
  },
  {
    id: 'bp-p-minus-y-properties',
    topic,
    type: 'msq',
    stem: String.raw`For softmax followed by cross-entropy, the gradient of one example's loss with respect to its logits is $g = p - y$ ($y$ one-hot). Which statements are true? Select all that apply.`,
    options: [
      {
        id: 'sums-to-zero',
        text: String.raw`The entries of $g$ sum to 0.`,
        feedback: String.raw`Yes: $\sum_k p_k = 1$ and $\sum_k y_k = 1$, so $\sum_k (p_k - y_k) = 0$.`,
      },
      {
        id: 'raises-true',
        text: String.raw`The true class's entry is $p_y - 1 \le 0$, so a gradient-descent step raises that logit.`,
        feedback: String.raw`Yes: descent moves against the gradient, and $-(p_y - 1) \ge 0$.`,
      },
      {
        id: 'confident-right-large',
        text: 'The gradient is largest when the model is confidently right.',
        feedback: String.raw`No: then $p \approx y$ and $g \approx 0$. The gradient is largest when the model is confidently wrong, with $p_y$ near 0.`,
      },
      {
        id: 'lowers-wrong',
        text: String.raw`Each wrong class $j$ gets the entry $p_j \ge 0$: its logit is lowered, the more probable wrong classes the most.`,
        feedback: 'Yes: the push on a wrong class is exactly the probability the model gave it.',
      },
      {
        id: 'needs-jacobian',
        text: String.raw`Computing it requires multiplying by the full $C \times C$ softmax Jacobian, which is why frameworks keep softmax and the loss apart.`,
        feedback: String.raw`No: the Jacobian $\mathrm{diag}(p) - p p^\top$ times the loss's gradient simplifies to $p - y$. Frameworks fuse the two for exactly this reason (and for stability), which is why nn.CrossEntropyLoss takes raw logits.`,
      },
      {
        id: 'batch-mean',
        text: String.raw`With the loss averaged over a batch of $N$ examples, each example's row of the gradient is $(p - y)/N$.`,
        feedback: String.raw`Yes: the mean multiplies every example's loss by $1/N$, and its gradient with it.`,
      },
    ],
    answer: ['sums-to-zero', 'raises-true', 'lowers-wrong', 'batch-mean'],
    explanation: String.raw`Write $L = -z_y + \ln \sum_j e^{z_j}$. Differentiating, $\partial L/\partial z_k = -[k = y] + e^{z_k}/\sum_j e^{z_j} = p_k - y_k$. Everything else follows from that: the entries sum to zero, the true logit is pushed up by $1 - p_y$, each wrong logit down by its own probability, and the push fades as the prediction approaches the target. A mean over a batch scales each row by $1/N$.`,
    difficulty: 3,
    tags: ['softmax', 'cross-entropy', 'gradient'],
    source: AUTHORS,
  },
  {
    id: 'bp-gradcheck-centred-difference',
    topic,
    type: 'numeric',
    stem: String.raw`To check the derivative of $f(w) = w^3$ at $w = 2$, you compute the centred difference $\dfrac{f(w + h) - f(w - h)}{2h}$ with $h = 0.01$. What value does it give?`,
    answer: { value: 12.0001, tolerance: { abs: 0.00005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`$f(2.01) = 2.01^3 = 8.120601$ and $f(1.99) = 1.99^3 = 7.880599$, so

$$\frac{8.120601 - 7.880599}{2 \cdot 0.01} = \frac{0.240002}{0.02} = 12.0001.$$

The exact derivative is $3w^2 = 12$: the centred difference is off by only $h^2 = 10^{-4}$ (its error shrinks like $h^2$, here exactly $f'''h^2/6 = 6h^2/6$). The one-sided difference $(f(2.01) - f(2))/0.01 = 0.120601/0.01 = 12.0601$ is off by $0.06$, because its error shrinks only like $h$. Dividing the centred difference by $h$ instead of $2h$ would double it to $24.0002$.`,
    hints: [
      String.raw`Evaluate $f$ at $2.01$ and at $1.99$.`,
      String.raw`$2.01^3 = 8.120601$ and $1.99^3 = 7.880599$; divide their difference by $2h = 0.02$.`,
    ],
    difficulty: 2,
    tags: ['gradient-checking', 'numerical-gradient'],
    source: AUTHORS,
  },
  {
    id: 'bp-gradcheck-relative-error',
    topic,
    type: 'numeric',
    stem: String.raw`For one weight, backpropagation gives the derivative $a = 0.0121$ and a centred difference gives $n = 0.0120$. What is their relative error $\dfrac{|a - n|}{\max(|a|, |n|)}$?`,
    answer: { value: 0.008264462809917, tolerance: { abs: 0.00005 } },
    answerFormat: 'a number rounded to 4 decimals',
    explanation: String.raw`$|a - n| = |0.0121 - 0.0120| = 0.0001$ and $\max(|a|, |n|) = 0.0121$, so the relative error is $0.0001 / 0.0121 \approx 0.0083$, almost $10^{-2}$.

The absolute difference, $10^{-4}$, looks tiny, but gradients can be that small everywhere, so it says nothing by itself; the relative error does. In double precision with a centred difference, a correct gradient of a smooth function typically agrees to $10^{-7}$ or better. An error near $10^{-2}$ almost always means the analytic gradient has a bug, unless the check straddles a kink such as a ReLU at 0. Dividing by $|a| + |n|$ instead would give $0.0001/0.0241 \approx 0.0041$, half as large.`,
    hints: [
      'Subtract first, then divide by the larger of the two magnitudes.',
      String.raw`$0.0001 / 0.0121$.`,
    ],
    difficulty: 2,
    tags: ['gradient-checking', 'numerical-gradient'],
    source: AUTHORS,
  },
  {
    id: 'bp-gradcheck-practice',
    topic,
    type: 'msq',
    stem: 'You compare your backpropagation code with numerical gradients. Which of these are good practice? Select all that apply.',
    options: [
      {
        id: 'centred',
        text: String.raw`Use the centred difference $(f(w + h) - f(w - h))/2h$.`,
        feedback: String.raw`Yes: its error falls like $h^2$, the one-sided difference's only like $h$.`,
      },
      {
        id: 'tiny-h',
        text: String.raw`Use a very small step such as $h = 10^{-12}$ so that the estimate is as exact as possible.`,
        feedback: String.raw`No: with $h$ that small the two values of $f$ agree in almost every digit, and rounding error dominates the difference. Steps around $10^{-5}$ to $10^{-6}$ balance truncation and rounding in double precision.`,
      },
      {
        id: 'float64',
        text: 'Run the check in double precision (float64).',
        feedback:
          'Yes: in float32 rounding error alone can produce relative errors around 1e-3 and hide or fake a bug.',
      },
      {
        id: 'deterministic',
        text: 'Turn off dropout and other randomness (or fix the random seed) while checking.',
        feedback:
          'Yes: f(w + h) and f(w − h) must be evaluated on the same function, or the difference measures the noise.',
      },
      {
        id: 'absolute',
        text: String.raw`Accept the gradient whenever $|a - n| < 10^{-6}$, whatever the size of the gradients.`,
        feedback:
          'No: if the gradients themselves are around 1e-6, that test passes anything. Compare the relative error.',
      },
    ],
    answer: ['centred', 'float64', 'deterministic'],
    explanation: String.raw`A numerical gradient is only a trustworthy reference if it is accurate and measures the same function as the analytic one: centred differences with a moderate step in double precision, with every source of randomness fixed. Judge agreement by the relative error $|a - n| / \max(|a|, |n|)$, and be suspicious of checks right at kinks (ReLU at 0, max), where the two one-sided slopes differ.`,
    difficulty: 3,
    tags: ['gradient-checking', 'numerical-gradient'],
    source: AUTHORS,
  },
  {
    id: 'bp-sigmoid-chain-saturated',
    topic,
    type: 'numeric',
    stem: String.raw`A gradient flows back through three sigmoid units $\sigma(z) = 1/(1 + e^{-z})$ whose pre-activations are $z = 0$, $z = 2$ and $z = -1$, and every weight on the path is 1. By what factor do the three activation derivatives $\sigma'(z) = \sigma(z)(1 - \sigma(z))$ scale it?`,
    answer: { value: 0.005160747951, tolerance: { rel: 0.01 } },
    answerFormat: 'a number (scientific notation such as 5.16e-3 is fine)',
    explanation: String.raw`Evaluate each slope at its own pre-activation:

- $z = 0$: $\sigma = 0.5$, $\sigma' = 0.5 \cdot 0.5 = 0.25$ (the largest it ever gets)
- $z = 2$: $\sigma \approx 0.8808$, $\sigma' \approx 0.8808 \cdot 0.1192 \approx 0.1050$
- $z = -1$: $\sigma \approx 0.2689$, $\sigma' \approx 0.2689 \cdot 0.7311 \approx 0.1966$

The chain rule multiplies them: $0.25 \cdot 0.1050 \cdot 0.1966 \approx 0.00516$. Three layers already shrink the gradient about 200-fold, and units further from $z = 0$ saturate and shrink it more; that is the vanishing gradient of deep sigmoid networks. Tanh does better at the same points, $1 \cdot (1 - \tanh^2 2)(1 - \tanh^2 1) \approx 0.0297$, and a ReLU with positive pre-activations passes a factor of exactly 1.`,
    hints: [
      String.raw`Compute $\sigma(z)$ for each unit, then $\sigma(z)(1 - \sigma(z))$.`,
      String.raw`The three factors are $0.25$, about $0.105$ and about $0.197$; multiply them.`,
    ],
    difficulty: 3,
    tags: ['vanishing-gradients', 'sigmoid', 'chain-rule'],
    source: AUTHORS,
  },
  {
    id: 'bp-vanishing-diagnosis',
    topic,
    type: 'mcq',
    stem: 'A 10-layer MLP with sigmoid activations trains very slowly. Logging the gradient norm per layer shows about 1e-1 at the output layer, falling steadily to about 1e-7 at the first layer. What explains the pattern?',
    options: [
      {
        id: 'exploding',
        text: 'Exploding gradients: the first layer receives the largest updates.',
        feedback:
          'The norms shrink towards the input, the opposite of exploding; exploding gradients grow layer after layer and end in inf or NaN.',
      },
      {
        id: 'more-parameters',
        text: 'The first layer has more weights, so the same gradient is spread more thinly over them.',
        feedback:
          'The gradient of a weight does not shrink because other weights exist; a six-orders-of-magnitude drop comes from repeated multiplication.',
      },
      {
        id: 'product',
        text: "Each layer on the way back multiplies the gradient by the sigmoid's slope, at most 0.25, times its weights, so it shrinks roughly geometrically towards the input.",
        feedback:
          'Right: ten factors well below 1 in a row make the early layers learn almost nothing. ReLU activations, careful initialisation, normalisation or skip connections keep those factors near 1.',
      },
      {
        id: 'learning-rate',
        text: 'The learning rate is too high for the output layer.',
        feedback:
          'A learning rate scales every layer’s step alike; it cannot make the gradients themselves fall layer by layer.',
      },
    ],
    answer: ['product'],
    explanation: String.raw`Backpropagating through layer $k$ multiplies the gradient by $W_k^\top$ and by the activation's slope $\sigma'(z_k) \le 0.25$. With weights of moderate size the product over ten layers is tiny, so the layers nearest the input hardly move: the vanishing-gradient problem. It is a property of the path, not of the learning rate or the layer size.`,
    difficulty: 2,
    tags: ['vanishing-gradients', 'sigmoid'],
    source: AUTHORS,
  },
];
