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
  {
    id: 'opt-gd-divergence-quadratic',
    topic: 'optimization',
    type: 'numeric',
    stem: String.raw`Gradient descent $w \leftarrow w - \eta\,L'(w)$ minimises $L(w) = 2w^2$, starting from $w_0 = 1$ with learning rate $\eta = 0.6$. What are $w_1$, $w_2$ and $w_3$?`,
    answer: { value: [-1.4, 1.96, -2.744], tolerance: { abs: 0.001 } },
    answerFormat: 'comma-separated vector of 3 numbers',
    hints: [
      String.raw`Write one step as $w$ multiplied by a constant factor.`,
      String.raw`$L'(w) = 4w$, so each step is $w \leftarrow (1 - 4\eta)\,w$.`,
    ],
    explanation: String.raw`$L'(w) = 4w$, so one step gives $w - 0.6 \cdot 4w = (1 - 2.4)\,w = -1.4\,w$:

- $w_1 = -1.4 \times 1 = -1.4$
- $w_2 = -1.4 \times -1.4 = 1.96$
- $w_3 = -1.4 \times 1.96 = -2.744$

The iterate jumps over the minimum at $0$ every step and lands 40% further away: it diverges. On a quadratic with curvature $h = L''(w) = 4$ each step multiplies $w$ by $1 - \eta h$, which shrinks $w$ only when $\lvert 1 - \eta h\rvert$ is below $1$, i.e. for $0 \lt \eta \lt 2/h = 0.5$. With $\eta = 0.25 = 1/h$ a single step lands exactly on the minimum; between $0.25$ and $0.5$ the iterates oscillate but converge. In a network the largest curvature of the loss sets this limit, which is why a learning rate a little too high makes the loss oscillate and then blow up.`,
    difficulty: 3,
    tags: ['learning-rate', 'sgd', 'divergence'],
    source: AUTHORS,
  },
  {
    id: 'opt-clip-order-code',
    topic: 'optimization',
    type: 'mcq',
    stem:
      String.raw`This loop is meant to stop exploding gradients by clipping their norm to 1.0. What does it actually do?

` +
      '```python\nfor x, y in loader:\n    optimizer.zero_grad()\n    loss = loss_fn(model(x), y)\n    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)\n    loss.backward()\n    optimizer.step()\n```',
    options: [
      {
        id: 'loss-capped',
        text: 'It caps the loss at 1.0 before backpropagation.',
        feedback:
          '`clip_grad_norm_` works on the `.grad` tensors of the parameters it is given; it never looks at the loss.',
      },
      {
        id: 'value-clip',
        text: 'It clamps every gradient component to the range from −1 to 1.',
        feedback:
          'That is what `clip_grad_value_` does. `clip_grad_norm_` rescales all the gradients together so that their joint norm is at most `max_norm`, keeping their direction; and here it runs too early anyway.',
      },
      {
        id: 'clips-nothing',
        text: 'The clip runs before `loss.backward()`, on gradients that `zero_grad()` has just cleared, so `optimizer.step()` uses the unclipped gradients. The clip belongs between `backward()` and `step()`.',
        feedback:
          'Correct: a gradient spike goes straight into the update, and no error or warning says so.',
      },
      {
        id: 'correct-as-is',
        text: 'It is correct: clipping has to come before `backward()` so that the backward pass produces small gradients.',
        feedback:
          '`backward()` writes fresh gradients into `.grad`; nothing done before it limits them. Clipping has to act on the gradients `step()` is about to use.',
      },
    ],
    answer: ['clips-nothing'],
    explanation: String.raw`PyTorch keeps gradients in each parameter's ${'`'}.grad${'`'}. ${'`'}zero_grad()${'`'} clears them (by default it sets them to ${'`'}None${'`'}), ${'`'}backward()${'`'} fills them, ${'`'}step()${'`'} reads them. ${'`'}clip_grad_norm_(params, max_norm)${'`'} computes the total 2-norm of the gradients that exist at that moment and, if it exceeds ${'`'}max_norm${'`'}, scales them all in place by ${'`'}max_norm / norm${'`'}. Called before ${'`'}backward()${'`'}, it finds no gradients (or zeros) and does nothing; the step then uses whatever ${'`'}backward()${'`'} produced. The right order is ${'`'}zero_grad()${'`'}, forward, ${'`'}backward()${'`'}, ${'`'}clip_grad_norm_(...)${'`'}, ${'`'}step()${'`'}. (With mixed-precision training, call ${'`'}scaler.unscale_(optimizer)${'`'} before clipping so the threshold applies to the true gradients.)`,
    difficulty: 3,
    tags: ['code-reading', 'gradient-clipping', 'exploding-gradients', 'training-loop'],
    source: AUTHORS,
  },
  {
    id: 'opt-warmup-cosine-lr',
    topic: 'optimization',
    type: 'numeric',
    stem: String.raw`A schedule warms the learning rate up linearly from 0 to its peak $\eta_{\max} = 0.4$ over the first $T_w = 1000$ steps, $\eta_t = \eta_{\max}\,t/T_w$, and then decays it along a half cosine over the next 1000 steps, $\eta_t = \tfrac{1}{2}\,\eta_{\max}\bigl(1 + \cos(\pi\,(t - T_w)/1000)\bigr)$ for $1000 \le t \le 2000$. What is the learning rate at step $t = 250$ and at step $t = 1750$?`,
    answer: { value: [0.1, 0.0585786], tolerance: { abs: 0.0005 } },
    answerFormat: 'comma-separated vector of 2 numbers, rounded to 4 decimals',
    explanation: String.raw`- Warm-up: $\eta_{250} = 0.4 \times 250/1000 = 0.1$.
- Decay: $(1750 - 1000)/1000 = 0.75$ and $\cos(0.75\pi) = -\sqrt{2}/2 \approx -0.7071$, so $\eta_{1750} = 0.2 \times (1 - 0.7071) = 0.2 \times 0.2929 \approx 0.0586$.

Warm-up exists because the first steps are the least reliable: the weights are random, the gradients can be large, and adaptive optimisers such as Adam estimate their second moments from only a few steps. Small early steps keep training from diverging at the start, which matters most with large batches and large peak rates. The cosine then lowers the rate smoothly: large steps in the middle make fast progress, small steps at the end let the weights settle into a minimum instead of bouncing around it.`,
    difficulty: 3,
    tags: ['learning-rate', 'schedules', 'warm-up'],
    source: AUTHORS,
  },
  {
    id: 'opt-batch-size-noise',
    topic: 'optimization',
    type: 'mcq',
    stem: 'A minibatch gradient is the average of the per-example gradients of its batch. Assume the examples of a batch are drawn independently. The batch size goes from 32 to 512 and the learning rate stays the same. What changes?',
    options: [
      {
        id: 'mean-grows',
        text: 'The expected gradient becomes larger, so each step moves further.',
        feedback:
          'An average of independent samples has the same expectation whatever their number; only its spread changes.',
      },
      {
        id: 'variance-4',
        text: 'The variance of the gradient estimate drops about 4-fold, since 512/32 = 16 and noise goes with the square root of the batch size.',
        feedback:
          'The square root belongs to the standard deviation, which drops 4-fold; the variance of an average falls as 1/B, so it drops 16-fold.',
      },
      {
        id: 'variance-16',
        text: 'The variance of the gradient estimate drops about 16-fold (its standard deviation 4-fold), and one epoch now makes 16 times fewer updates.',
        feedback: 'Correct: less noise per step, but far fewer steps per pass over the data.',
      },
      {
        id: 'exact',
        text: 'The gradient becomes the exact gradient of the full training loss.',
        feedback:
          'Only a batch holding the whole training set gives the exact gradient; 512 examples still give an estimate, a less noisy one.',
      },
    ],
    answer: ['variance-16'],
    explanation: String.raw`If per-example gradients have variance $\sigma^2$ around the full-data gradient, the average of $B$ independent ones has the same expectation and variance $\sigma^2/B$. From $B = 32$ to $B = 512$ the factor is $16$: the variance falls 16-fold and the standard deviation $\sqrt{16} = 4$-fold. An epoch of $N$ examples takes $N/B$ steps, 16 times fewer. With the learning rate unchanged, training per epoch therefore progresses much less; the usual remedy is to scale the learning rate up with the batch size (the "linear scaling rule"), together with a warm-up. Some gradient noise is also useful: it helps small-batch SGD leave saddle points and sharp minima.`,
    difficulty: 2,
    tags: ['sgd', 'batch-size', 'gradient-noise'],
    source: AUTHORS,
  },
  {
    id: 'opt-saddle-point',
    topic: 'optimization',
    type: 'mcq',
    stem: 'At a point where the gradient of a network loss with millions of parameters is zero, the Hessian has 3 negative eigenvalues and all the others positive. What kind of point is it, and what does that mean for gradient descent?',
    options: [
      {
        id: 'local-min',
        text: 'A local minimum, where gradient descent stops for good.',
        feedback:
          'A minimum needs every eigenvalue to be at least 0; the 3 negative ones are directions along which the loss still goes down.',
      },
      {
        id: 'global-min',
        text: 'The global minimum, since the gradient is zero there.',
        feedback:
          'A zero gradient makes a point critical; it says nothing about the point being the lowest, or even a minimum.',
      },
      {
        id: 'local-max',
        text: 'A local maximum, which gradient descent leaves immediately.',
        feedback: 'A maximum would need every eigenvalue to be negative; here only 3 are.',
      },
      {
        id: 'saddle',
        text: 'A saddle point: the loss still decreases along 3 directions, but the gradient is tiny nearby, so plain gradient descent can crawl for a long time before leaving; gradient noise and momentum help it escape.',
        feedback:
          'Correct: in high dimensions, critical points with a high loss are overwhelmingly saddles rather than bad minima.',
      },
    ],
    answer: ['saddle'],
    explanation: String.raw`Near a critical point the loss is approximately $L + \tfrac{1}{2}\,\delta^\top H \delta$. Along an eigenvector of $H$ with eigenvalue $\lambda \gt 0$ the loss curves up; with $\lambda \lt 0$ it curves down. Mixed signs make a saddle. A gradient step multiplies a displacement along an eigenvector by $1 - \eta\lambda$, which is above 1 for $\lambda \lt 0$: gradient descent does escape, but starting from a tiny displacement it takes many steps, and exactly on the saddle it does not move at all. The noise of minibatch gradients and the accumulated velocity of momentum push the iterate off faster. Analyses of large networks find that critical points with high loss are mostly saddles, and the fraction of negative eigenvalues shrinks as the loss approaches its minimum, so slow phases in training are more often plateaus around saddles than traps in poor local minima.`,
    difficulty: 4,
    tags: ['saddle-points', 'loss-landscape', 'sgd', 'momentum'],
    source: AUTHORS,
  },
  {
    id: 'opt-residual-gradient',
    topic: 'optimization',
    type: 'numeric',
    stem: String.raw`Four scalar residual blocks compute $x_{k+1} = x_k + f_k(x_k)$ for $k = 1, \dots, 4$. At the current input the branch derivatives are $f_1' = 0.1$, $f_2' = 0.2$, $f_3' = -0.1$ and $f_4' = 0.05$. What is $\partial x_5 / \partial x_1$?`,
    answer: { value: 1.2474, tolerance: { abs: 0.001 } },
    answerFormat: 'a number rounded to 4 decimals',
    hints: [
      String.raw`Differentiate one block: $\partial x_{k+1}/\partial x_k = 1 + f_k'$.`,
      'By the chain rule, multiply the four block derivatives.',
    ],
    explanation: String.raw`Each block's derivative is $1 + f_k'$, and the chain rule multiplies them:
$$\frac{\partial x_5}{\partial x_1} = 1.1 \times 1.2 \times 0.9 \times 1.05 = 1.32 \times 0.945 = 1.2474.$$
Without the skip connections ($x_{k+1} = f_k(x_k)$) the same branches would give $0.1 \times 0.2 \times (-0.1) \times 0.05 = -0.0001$: the gradient all but vanishes after four layers. The identity path adds 1 to every factor, so the product stays near 1 even when the branches' own derivatives are small; expanding it, the leading term $1$ is a direct path from the output back to the input. This is why very deep residual networks remain trainable.`,
    difficulty: 3,
    tags: ['vanishing-gradients', 'residual-connections', 'chain-rule'],
    source: AUTHORS,
  },
];
