import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_QUIZ, SOURCE_QUIZ_TAG } from '../sources';
import { templateItems } from '../template-items';

/** Batch, layer, instance and group normalisation. */
export const normalizationItems: BankItemInput[] = [
  {
    id: 'bn-false-statement',
    topic: 'normalization',
    type: 'mcq',
    stem: String.raw`Consider three claims about batch normalisation (BN):

1. BN helps to keep gradients from exploding.
2. For a given input $x$, a BN layer produces the same output in training mode and in inference (test) mode.
3. BN may reduce internal covariate shift.

Which of these claims are **false**?`,
    options: [
      {
        id: 'only-exploding',
        text: 'Only claim 1',
        feedback: String.raw`Claim 1 is true: normalising the pre-activations keeps their scale under control layer after layer, which keeps the gradients in a workable range (a help, not a hard guarantee).`,
      },
      {
        id: 'only-same-output',
        text: 'Only claim 2',
        feedback: String.raw`Correct: training mode normalises with the statistics of the current minibatch, inference mode with running estimates collected during training, so the outputs generally differ. Claims 1 and 3 are true.`,
      },
      {
        id: 'only-covariate-shift',
        text: 'Only claim 3',
        feedback: String.raw`Claim 3 is true as worded: reducing the drift of each layer's input distribution was the original motivation for BN; "may" leaves room for the later debate about whether that is why BN works.`,
      },
      {
        id: 'all-false',
        text: 'All three claims',
        feedback: String.raw`Claims 1 and 3 are true, so not all three are false.`,
      },
    ],
    answer: ['only-same-output'],
    explanation: String.raw`BN behaves differently in its two modes.

- **Training mode.** For each channel it computes the mean $\mu_B$ and the (biased) variance $\sigma_B^2$ of the *current minibatch*, normalises $\hat x = (x-\mu_B)/\sqrt{\sigma_B^2+\epsilon}$ and applies the learned scale and shift $y = \gamma\hat x + \beta$. It also updates running averages of $\mu_B$ and of the batch variance; PyTorch feeds the *unbiased* batch variance (divide by $N - 1$) into its running_var buffer.
- **Inference mode.** It uses the stored running averages instead of batch statistics, so one example's output no longer depends on the rest of the batch.

Because $\mu_B,\sigma_B^2$ differ from the running estimates, the same $x$ gives different outputs in the two modes: claim 2 is false.

Claims 1 and 3 are true as worded. Keeping each layer's pre-activations at a fixed scale stops them, and usually the gradients that flow back through them, from growing layer after layer, which helps against exploding gradients; it is a help, not a guarantee (a very deep plain network with BN can still have exploding gradients at initialisation). The original BN paper motivated the method by reducing *internal covariate shift* (the changing input distribution of each layer during training); later studies argue that a smoother loss landscape matters more, which is why the claim says "may".`,
    difficulty: 2,
    tags: [SOURCE_QUIZ_TAG, 'batch-norm', 'train-vs-inference'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'bn-batch-mean-source',
    topic: 'normalization',
    type: 'mcq',
    stem: String.raw`A hidden layer has 3 neurons. For a minibatch of three examples, the layer's activation vectors are
$$\begin{bmatrix} 4 \\ 4 \\ 3 \end{bmatrix},\quad \begin{bmatrix} 0 \\ 2 \\ 5 \end{bmatrix},\quad \begin{bmatrix} 8 \\ 9 \\ 1 \end{bmatrix}.$$
Batch normalisation is applied to this layer. What mean vector does it compute for this minibatch?`,
    options: [
      {
        id: 'per-neuron-mean',
        text: String.raw`$\begin{bmatrix} 4 \\ 5 \\ 3 \end{bmatrix}$`,
        feedback: 'Correct: each neuron is averaged over the three examples.',
      },
      {
        id: 'per-example-mean',
        text: String.raw`$\begin{bmatrix} 11/3 \\ 7/3 \\ 6 \end{bmatrix}$`,
        feedback:
          'These are the means of each example over its three neurons, which is what layer normalisation computes, not batch normalisation.',
        misconception: {
          id: 'bn-averages-over-features',
          label: 'Averaging over features instead of over the batch',
        },
      },
      {
        id: 'column-sums',
        text: String.raw`$\begin{bmatrix} 12 \\ 15 \\ 9 \end{bmatrix}$`,
        feedback:
          'These are the sums over the batch; the mean still has to be divided by the batch size 3.',
        misconception: { id: 'sum-not-mean', label: 'Forgetting to divide by the batch size' },
      },
      {
        id: 'zero-vector',
        text: String.raw`$\begin{bmatrix} 0 \\ 0 \\ 0 \end{bmatrix}$`,
        feedback:
          'Zero is the mean of the activations *after* normalisation; the question asks for the batch mean BN subtracts.',
        misconception: {
          id: 'mean-after-normalisation',
          label: 'Giving the mean after normalisation',
        },
      },
      {
        id: 'ones-vector',
        text: String.raw`$\begin{bmatrix} 1 \\ 1 \\ 1 \end{bmatrix}$`,
        feedback: 'One is the variance of the normalised activations, not the batch mean.',
        misconception: {
          id: 'unit-variance-as-mean',
          label: 'Confusing the unit variance after BN with the mean',
        },
      },
    ],
    answer: ['per-neuron-mean'],
    explanation: String.raw`Batch normalisation keeps one statistic per neuron (per feature, or per channel in a CNN) and averages it over the examples of the minibatch:
$$\mu = \frac{1}{3}\left(\begin{bmatrix} 4 \\ 4 \\ 3 \end{bmatrix} + \begin{bmatrix} 0 \\ 2 \\ 5 \end{bmatrix} + \begin{bmatrix} 8 \\ 9 \\ 1 \end{bmatrix}\right) = \frac{1}{3}\begin{bmatrix} 12 \\ 15 \\ 9 \end{bmatrix} = \begin{bmatrix} 4 \\ 5 \\ 3 \end{bmatrix}.$$
Neuron 1: $(4+0+8)/3 = 4$; neuron 2: $(4+2+9)/3 = 5$; neuron 3: $(3+5+1)/3 = 3$.

Averaging each example over its own neurons instead would be layer normalisation.`,
    hints: [
      'Batch norm keeps one mean per neuron, taken over the examples of the minibatch.',
      String.raw`For neuron $j$: $\mu_j = \frac{1}{m}\sum_{i=1}^{m} x_{ij}$, with $m = 3$ examples.`,
      String.raw`Neuron 1 sees the values $4$, $0$ and $8$, so $\mu_1 = (4 + 0 + 8)/3 = 4$.`,
    ],
    difficulty: 1,
    tags: [SOURCE_QUIZ_TAG, 'batch-norm', 'batch-statistics'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'bn-batch-mean-source-template',
    topic: 'normalization',
    type: 'template',
    template: 'batchnorm-train-stats',
    form: 'numeric',
    // The template asks for the mean or the variance; this item's stem is about the mean.
    params: { level: 1, stat: 'mean' },
    stem: 'The same task as the quiz question on the batch mean of three activation vectors, with fresh numbers: average every neuron over the examples of the minibatch.',
    difficulty: 2,
    tags: [SOURCE_QUIZ_TAG, 'template', 'batch-norm', 'batch-statistics'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'bn-test-time-statistics',
    topic: 'normalization',
    type: 'mcq',
    stem: 'At test (inference) time, where does a batch-normalisation layer usually get the mean and variance it normalises with?',
    options: [
      {
        id: 'not-needed',
        text: 'Nowhere: the BN layers are removed at test time.',
        feedback:
          'The network was trained with normalised activations; dropping BN would feed later layers inputs on a scale they never saw. (BN can be *folded* into the previous layer, but that still uses its statistics.)',
      },
      {
        id: 'test-batch',
        text: 'From the current test batch or the test image itself.',
        feedback:
          'That makes a prediction depend on which other images are in the batch and breaks for a single image. In evaluation mode PyTorch uses the running estimates instead (only a layer built with track_running_stats=False keeps using batch statistics).',
      },
      {
        id: 'training-estimates',
        text: 'From estimates accumulated during training, such as running (exponential moving) averages of the batch statistics.',
        feedback:
          'Correct: the stored running mean and variance are used as fixed constants at inference.',
      },
      {
        id: 'none',
        text: 'None of the above.',
        feedback: 'One of the options describes the standard practice.',
        pin: true,
      },
    ],
    answer: ['training-estimates'],
    explanation: String.raw`During training, each BN layer updates a running estimate of every channel's mean and variance after each minibatch, typically an exponential moving average. In PyTorch's convention
$$\hat\mu \leftarrow (1-m)\,\hat\mu + m\,\mu_B, \qquad \hat\sigma^2 \leftarrow (1-m)\,\hat\sigma^2 + m\,s_B^2,$$
where the momentum $m$ (default 0.1) weighs the new batch, and $s_B^2$ is the *unbiased* batch variance (squared deviations divided by $N - 1$), while the minibatch itself is normalised with the biased one. Keras writes the same average with momentum 0.99 as the weight of the old value, and the original BN paper averages the statistics of many training batches instead. At test time these estimates are frozen constants, so
$$y = \gamma\,\frac{x-\hat\mu}{\sqrt{\hat\sigma^2+\epsilon}} + \beta$$
is a fixed affine map: the prediction for an image depends only on that image, works for a batch of one, and is deterministic.`,
    difficulty: 2,
    tags: [SOURCE_QUIZ_TAG, 'batch-norm', 'train-vs-inference', 'running-statistics'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'ln-vs-bn-axes',
    topic: 'normalization',
    type: 'mcq',
    stem: String.raw`For a convolutional activation tensor of shape $N \times C \times H \times W$ (batch, channels, height, width), which statement about the axes that layer normalisation (LN) and batch normalisation (BN) average over is true?`,
    options: [
      {
        id: 'ln-chw-bn-nhw',
        text: 'LN averages over the channel and spatial dimensions of each example; BN averages over the batch and spatial dimensions of each channel.',
        feedback: 'Correct: LN keeps one mean per example, BN one mean per channel.',
      },
      {
        id: 'ln-chw-bn-nchw',
        text: 'LN averages over the channel and spatial dimensions; BN averages over the batch, spatial and channel dimensions.',
        feedback:
          'BN does not mix channels: each channel gets its own mean and variance (and its own $\\gamma$, $\\beta$). Averaging over every axis would give one number for the whole tensor.',
      },
      {
        id: 'bn-chw-ln-nchw',
        text: 'BN averages over the channel and spatial dimensions; LN averages over the batch, spatial and channel dimensions.',
        feedback:
          'This swaps the roles and adds the batch axis to LN. LN never looks across examples; that independence from the batch is its point.',
      },
      {
        id: 'none',
        text: 'None of these.',
        feedback: 'The first statement is the standard definition.',
        pin: true,
      },
    ],
    answer: ['ln-chw-bn-nhw'],
    explanation: String.raw`Write the tensor as $x_{nchw}$.

**Batch norm** keeps one statistic per channel $c$ and averages over everything else:
$$\mu_c = \frac{1}{NHW}\sum_{n=1}^{N}\sum_{h=1}^{H}\sum_{w=1}^{W} x_{nchw}, \qquad \sigma_c^2 = \frac{1}{NHW}\sum_{n,h,w} (x_{nchw}-\mu_c)^2 .$$

**Layer norm** keeps one statistic per example $n$:
$$\mu_n = \frac{1}{CHW}\sum_{c=1}^{C}\sum_{h=1}^{H}\sum_{w=1}^{W} x_{nchw}, \qquad \sigma_n^2 = \frac{1}{CHW}\sum_{c,h,w} (x_{nchw}-\mu_n)^2 .$$

So BN pools the batch and spatial axes (channel fixed), LN pools the channel and spatial axes (example fixed). That is why LN gives the same result in training and inference and does not care about the batch size.`,
    difficulty: 3,
    tags: [SOURCE_QUIZ_TAG, 'batch-norm', 'layer-norm', 'normalisation-axes'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'bn-minibatch-composition',
    topic: 'normalization',
    type: 'mcq',
    stem: String.raw`A CNN with batch-norm layers is trained twice on the same six images, with two ways of grouping them into minibatches of three:

- Schedule 1: $\{1, 2, 3\}$, then $\{4, 5, 6\}$.
- Schedule 2: $\{1, 4, 3\}$, then $\{2, 5, 6\}$.

In training mode, you compare the activations that each image produces under schedule 1 and under schedule 2 (same weights). What do you find?`,
    options: [
      {
        id: 'same',
        text: 'Every image produces the same activations under both schedules.',
        feedback:
          'That would hold for a network without BN (or for BN in inference mode), but in training mode BN normalises with statistics of the whole minibatch.',
      },
      {
        id: 'different',
        text: 'The activations of an image differ between the schedules, because they depend on the other images in its minibatch.',
        feedback: 'Correct: different batch companions give different batch means and variances.',
      },
      {
        id: 'some-same',
        text: 'Images 1 and 3 produce the same activations because they share a minibatch in both schedules; the others differ.',
        feedback:
          'Images 1 and 3 are together both times, but their third companion changes (image 2 versus image 4), so their batch statistics change as well.',
      },
      {
        id: 'none',
        text: 'None of these.',
        feedback: 'One of the statements is right.',
        pin: true,
      },
    ],
    answer: ['different'],
    explanation: String.raw`In training mode, a BN layer computes
$$\hat x_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}, \qquad \mu_B = \frac{1}{3}\sum_{j \in B} x_j,$$
so the output for image $i$ depends on *every* image in its minibatch $B$. None of the six images keeps exactly the same companions: image 1 is with $\{2,3\}$ in schedule 1 but with $\{4,3\}$ in schedule 2, image 5 is with $\{4,6\}$ and then with $\{2,6\}$, and so on. Every batch mean and variance changes, so the activations of each image change too (and the differences propagate through the later layers).

This coupling is also why BN acts as a mild regulariser (the noise of batch statistics), and why inference uses fixed running statistics instead.`,
    difficulty: 3,
    tags: [SOURCE_QUIZ_TAG, 'batch-norm', 'batch-statistics'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'bn-batch-variance-source-data',
    topic: 'normalization',
    type: 'numeric',
    stem: String.raw`Take the same minibatch of three activation vectors of a 3-neuron layer:
$$\begin{bmatrix} 4 \\ 4 \\ 3 \end{bmatrix},\quad \begin{bmatrix} 0 \\ 2 \\ 5 \end{bmatrix},\quad \begin{bmatrix} 8 \\ 9 \\ 1 \end{bmatrix}.$$
The batch means are $(4, 5, 3)$. Compute the variance batch normalisation uses for each neuron in training mode (the biased variance, dividing by the batch size).`,
    answer: { value: [32 / 3, 26 / 3, 8 / 3], tolerance: { abs: 0.01 } },
    answerFormat: 'comma-separated vector of 3 numbers, rounded to 2 decimals',
    explanation: String.raw`Per neuron, subtract the batch mean, square, and divide by the batch size $N = 3$:

- Neuron 1 (values 4, 0, 8; mean 4): $\frac{0^2 + 4^2 + 4^2}{3} = \frac{32}{3} \approx 10.67$
- Neuron 2 (values 4, 2, 9; mean 5): $\frac{1^2 + 3^2 + 4^2}{3} = \frac{26}{3} \approx 8.67$
- Neuron 3 (values 3, 5, 1; mean 3): $\frac{0^2 + 2^2 + 2^2}{3} = \frac{8}{3} \approx 2.67$

Frameworks normalise with this biased variance during training (dividing by $N-1$ instead would give 16, 13 and 4).`,
    hints: [
      'Batch norm keeps one variance per neuron: work across the three examples, one neuron at a time.',
      String.raw`$\sigma_j^2 = \frac{1}{m}\sum_{i=1}^{m} (x_{ij} - \mu_j)^2$ with $m = 3$: divide by $m$, not by $m - 1$.`,
      String.raw`Neuron 1 takes the values $4, 0, 8$ around its mean $4$: the deviations are $0, -4, 4$, so $\sigma_1^2 = (0 + 16 + 16)/3 = 32/3 \approx 10.67$.`,
    ],
    parts: [
      {
        id: 'deviations-neuron-1',
        prompt: String.raw`The deviations $x_{i1} - \mu_1$ of neuron 1 from its mean $\mu_1 = 4$, in the order of the three examples.`,
        answer: { value: [0, -4, 4], tolerance: { abs: 0.001 } },
        hint: 'Neuron 1 is the first entry of each activation vector.',
      },
      {
        id: 'sum-of-squares',
        prompt: String.raw`For each neuron, the sum of the squared deviations $\sum_i (x_{ij} - \mu_j)^2$.`,
        answer: { value: [32, 26, 8], tolerance: { abs: 0.001 } },
        hint: 'Square each deviation before adding, so nothing cancels.',
      },
    ],
    difficulty: 2,
    tags: ['batch-norm', 'batch-statistics', 'variance'],
    source: AUTHORS,
  },
  {
    id: 'bn-learnable-params',
    topic: 'normalization',
    type: 'mcq',
    stem: 'A 2-D batch-norm layer follows a convolution with 64 output channels. How many of its values are **learned by gradient descent**?',
    options: [
      {
        id: 'p64',
        text: '64',
        feedback: 'Each channel has two learned values, a scale and a shift, not one.',
      },
      {
        id: 'p128',
        text: '128',
        feedback: String.raw`Correct: one $\gamma$ and one $\beta$ per channel, $2 \times 64$.`,
      },
      {
        id: 'p256',
        text: '256',
        feedback:
          'This also counts the running mean and variance. They are stored with the layer but updated by averaging, not learned by gradient descent.',
      },
      {
        id: 'p0',
        text: '0',
        feedback: String.raw`Normalisation itself has no parameters, but BN then applies a learned affine map $\gamma\hat x + \beta$.`,
      },
    ],
    answer: ['p128'],
    explanation: String.raw`For each channel $c$, BN outputs $y = \gamma_c \hat x + \beta_c$, so it learns $\gamma_c$ and $\beta_c$: $2 \times 64 = 128$ parameters. It also keeps a running mean and running variance per channel (another 128 numbers), but these are buffers updated by moving averages, not trainable parameters.`,
    difficulty: 2,
    tags: ['batch-norm', 'parameters'],
    source: AUTHORS,
  },
  {
    id: 'bn-affine-output',
    topic: 'normalization',
    type: 'numeric',
    stem: String.raw`A batch-norm layer in training mode sees an activation $x = 2$ in a channel whose minibatch mean is $\mu_B = 5$ and minibatch variance is $\sigma_B^2 = 4$. Its learned parameters are $\gamma = 0.5$ and $\beta = 1$. Ignoring $\epsilon$, what is the layer's output $y$?`,
    answer: { value: 0.25, tolerance: { abs: 0.005 } },
    answerFormat: 'a number rounded to 2 decimals',
    explanation: String.raw`Normalise, then scale and shift:
$$\hat x = \frac{x - \mu_B}{\sqrt{\sigma_B^2}} = \frac{2 - 5}{2} = -1.5, \qquad y = \gamma \hat x + \beta = 0.5 \times (-1.5) + 1 = 0.25 .$$
Remember to divide by the standard deviation $\sqrt{4} = 2$, not by the variance.`,
    hints: [
      'Normalise the activation with the batch statistics first, then apply the learned scale and shift.',
      String.raw`$\hat x = \frac{x - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}$, then $y = \gamma \hat x + \beta$.`,
      String.raw`$\hat x = (2 - 5)/\sqrt{4} = -3/2 = -1.5$.`,
    ],
    parts: [
      {
        id: 'normalised',
        prompt: String.raw`The normalised activation $\hat x = (x - \mu_B)/\sqrt{\sigma_B^2}$.`,
        answer: { value: -1.5, tolerance: { abs: 0.005 } },
        hint: 'Divide by the standard deviation, the square root of the variance.',
      },
      {
        id: 'scaled',
        prompt: String.raw`The scaled value $\gamma \hat x$, before the shift $\beta$ is added.`,
        answer: { value: -0.75, tolerance: { abs: 0.005 } },
      },
    ],
    difficulty: 2,
    tags: ['batch-norm', 'gamma-beta'],
    source: AUTHORS,
  },
  {
    id: 'bn-gamma-beta-role',
    topic: 'normalization',
    type: 'mcq',
    stem: String.raw`Why does batch normalisation multiply the normalised activation by a learned $\gamma$ and add a learned $\beta$?`,
    options: [
      {
        id: 'enforce-unit-variance',
        text: 'To make sure the output has exactly zero mean and unit variance.',
        feedback: String.raw`The normalisation step already does that; $\gamma$ and $\beta$ then move the output *away* from zero mean and unit variance when useful.`,
      },
      {
        id: 'running-stats',
        text: 'They are the running mean and variance used at test time.',
        feedback:
          'The running statistics are separate buffers; $\\gamma$ and $\\beta$ are ordinary learned parameters.',
      },
      {
        id: 'avoid-division-by-zero',
        text: 'To avoid dividing by zero when a channel has zero variance.',
        feedback: String.raw`That is the job of the small constant $\epsilon$ inside the square root.`,
      },
      {
        id: 'restore-expressiveness',
        text: 'So the network can choose any mean and scale for each channel, including undoing the normalisation if that helps.',
        feedback: String.raw`Correct: with $\gamma = \sqrt{\sigma^2+\epsilon}$ and $\beta = \mu$ the layer could even recover the identity.`,
      },
    ],
    answer: ['restore-expressiveness'],
    explanation: String.raw`Forcing every channel to zero mean and unit variance would restrict what a layer can represent (for example, a sigmoid after BN would be stuck in its almost linear middle region). The learned affine map $y = \gamma\hat x + \beta$ gives back that freedom: the network keeps the optimisation benefits of normalised statistics while choosing, per channel, the scale and offset that suit the next layer.`,
    difficulty: 2,
    tags: ['batch-norm', 'gamma-beta'],
    source: AUTHORS,
  },
  {
    id: 'bn-small-batch',
    topic: 'normalization',
    type: 'mcq',
    stem: 'A segmentation network only fits 2 images per GPU, and its batch-norm layers make training unstable. What is the most sensible change?',
    options: [
      {
        id: 'use-gn-ln',
        text: 'Replace batch norm with group norm or layer norm, whose statistics are computed per example.',
        feedback: 'Correct: per-example statistics do not get noisier as the batch shrinks.',
      },
      {
        id: 'bigger-lr',
        text: 'Increase the learning rate to average out the noise faster.',
        feedback:
          'A larger learning rate amplifies the noisy updates rather than removing the cause.',
      },
      {
        id: 'remove-gamma',
        text: String.raw`Freeze $\gamma = 1$ and $\beta = 0$.`,
        feedback:
          'The instability comes from the batch mean and variance estimated from 2 images, not from the affine parameters.',
      },
      {
        id: 'test-stats',
        text: 'Use the statistics of the test set during training.',
        feedback:
          'Training on test-set information leaks it into the model, and it does not address the noisy per-batch estimates.',
      },
    ],
    answer: ['use-gn-ln'],
    explanation: String.raw`With 2 examples, each channel's batch mean and variance come from very few values, so they fluctuate strongly between steps and differ from the running estimates used at inference. Group normalisation (channels split into groups, statistics per example and group) and layer normalisation (statistics per example) do not depend on the batch at all, so they behave the same for any batch size, in training and at inference. Synchronising BN statistics across GPUs is another fix when it is available.`,
    difficulty: 3,
    tags: ['batch-norm', 'group-norm', 'layer-norm', 'batch-size'],
    source: AUTHORS,
  },
  {
    id: 'ln-why-sequences',
    topic: 'normalization',
    type: 'msq',
    stem: 'Why is layer normalisation, rather than batch normalisation, the usual choice in RNNs and transformers? Select all that apply.',
    options: [
      {
        id: 'no-parameters',
        text: 'It has no learnable parameters, which makes the model smaller.',
        feedback: String.raw`False: layer norm also learns a gain $\gamma$ and a bias $\beta$ per feature.`,
      },
      {
        id: 'same-train-test',
        text: 'It computes exactly the same thing in training and in inference, so no running averages are needed.',
        feedback: 'True: there are no batch statistics to replace at test time.',
      },
      {
        id: 'variable-length',
        text: 'It copes with sequences of different lengths without keeping separate batch statistics for each time step.',
        feedback:
          'True: BN over time steps would need statistics per position, and late positions exist in few sequences.',
      },
      {
        id: 'batch-independent',
        text: 'Its statistics come from a single example, so they do not depend on the batch size or on the other examples.',
        feedback: 'True: that is the defining property of layer norm.',
      },
    ],
    answer: ['same-train-test', 'variable-length', 'batch-independent'],
    explanation: String.raw`Layer norm normalises each example over its own features: $\mu_n = \frac{1}{D}\sum_d x_{nd}$. Nothing is shared across the batch, so the result is identical in training and inference, works with a batch of one, and needs no per-time-step statistics for sequences of varying length. It still learns per-feature $\gamma$ and $\beta$, like batch norm.`,
    difficulty: 3,
    tags: ['layer-norm', 'batch-norm', 'sequence-models'],
    source: AUTHORS,
  },
  {
    id: 'bn-values-per-channel-statistic',
    topic: 'normalization',
    type: 'numeric',
    stem: String.raw`A 2-D batch-norm layer in training mode receives a tensor of shape $N \times C \times H \times W = 8 \times 16 \times 10 \times 10$. From how many values is each channel's mean computed?`,
    answer: { value: 800, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`Batch norm keeps the channel fixed and averages over the batch and both spatial axes: $N \cdot H \cdot W = 8 \times 10 \times 10 = 800$ values per channel. (Layer norm on the same tensor would average $C \cdot H \cdot W = 1600$ values per example.)`,
    difficulty: 2,
    tags: ['batch-norm', 'normalisation-axes'],
    source: AUTHORS,
  },
  {
    id: 'bn-train-vs-eval-mode',
    topic: 'normalization',
    type: 'msq',
    stem: 'Which statements about a batch-norm layer in training mode versus evaluation mode are true? Select all that apply.',
    options: [
      {
        id: 'running-updated-in-train',
        text: 'In training mode, the running mean and variance are updated from every minibatch.',
        feedback: 'True: that is how the test-time estimates are built.',
      },
      {
        id: 'eval-resets-affine',
        text: String.raw`In evaluation mode, $\gamma$ and $\beta$ are reset to 1 and 0.`,
        feedback: String.raw`False: the learned $\gamma$ and $\beta$ are used in both modes.`,
      },
      {
        id: 'eval-uses-running',
        text: 'In evaluation mode, the layer normalises with the stored running mean and variance.',
        feedback: 'True.',
      },
      {
        id: 'eval-independent',
        text: 'In evaluation mode, the output for one example does not depend on the other examples in the batch.',
        feedback:
          'True: the statistics are fixed constants, so each example is processed on its own.',
      },
    ],
    answer: ['running-updated-in-train', 'eval-uses-running', 'eval-independent'],
    explanation: String.raw`Training mode: normalise with the minibatch mean and variance, and update the running estimates. Evaluation mode: normalise with the frozen running estimates, so BN becomes a fixed per-channel affine map $y = \gamma (x-\hat\mu)/\sqrt{\hat\sigma^2+\epsilon} + \beta$; the learned $\gamma$, $\beta$ stay in place. A classic bug is to evaluate a model while it is still in training mode: predictions then change with the batch.`,
    difficulty: 2,
    tags: ['batch-norm', 'train-vs-inference', 'running-statistics'],
    source: AUTHORS,
  },
  {
    id: 'bn-running-mean-update',
    topic: 'normalization',
    type: 'numeric',
    stem: String.raw`A batch-norm layer keeps its running mean with the update $\hat\mu \leftarrow (1-m)\,\hat\mu + m\,\mu_B$ and momentum $m = 0.1$ (the PyTorch convention). The running mean of one channel is currently $2.0$. The next two minibatches have means $\mu_B = 4.0$ and then $\mu_B = 6.0$ for that channel. What is the running mean after both updates?`,
    answer: { value: 2.58, tolerance: { abs: 0.005 } },
    answerFormat: 'a number rounded to 2 decimals',
    explanation: String.raw`Apply the update twice:
$$\hat\mu_1 = 0.9 \times 2.0 + 0.1 \times 4.0 = 1.8 + 0.4 = 2.2,$$
$$\hat\mu_2 = 0.9 \times 2.2 + 0.1 \times 6.0 = 1.98 + 0.6 = 2.58.$$
The running estimate moves slowly towards recent batch means; that is what BN uses at test time. (Keras writes the same average with momentum $0.9$ on the *old* value.)`,
    hints: [
      'Apply the update once per minibatch, in order: the second update starts from the result of the first.',
      String.raw`With $m = 0.1$: $\hat\mu \leftarrow 0.9\,\hat\mu + 0.1\,\mu_B$.`,
      String.raw`After the first minibatch: $0.9 \cdot 2.0 + 0.1 \cdot 4.0 = 1.8 + 0.4 = 2.2$.`,
    ],
    parts: [
      {
        id: 'kept',
        prompt: String.raw`The part of the current running mean the first update keeps, $(1 - m)\,\hat\mu$.`,
        answer: { value: 1.8, tolerance: { abs: 0.005 } },
      },
      {
        id: 'after-first',
        prompt: 'The running mean after the first minibatch (mean 4.0).',
        answer: { value: 2.2, tolerance: { abs: 0.005 } },
        hint: String.raw`Add the new batch's share $m\,\mu_B$.`,
      },
    ],
    difficulty: 3,
    tags: ['batch-norm', 'running-statistics'],
    source: AUTHORS,
  },
  {
    id: 'instance-norm-axes',
    topic: 'normalization',
    type: 'mcq',
    stem: String.raw`For a tensor $N \times C \times H \times W$, which normalisation computes a separate mean and variance for every (example, channel) pair, averaging over $H$ and $W$ only?`,
    options: [
      {
        id: 'batch',
        text: 'Batch normalisation',
        feedback:
          'Batch norm also averages over the batch axis, so it has one statistic per channel.',
      },
      {
        id: 'layer',
        text: 'Layer normalisation',
        feedback:
          'Layer norm also averages over the channels, so it has one statistic per example.',
      },
      {
        id: 'instance',
        text: 'Instance normalisation',
        feedback: 'Correct: one statistic per example and channel, over the spatial positions.',
      },
      {
        id: 'group-one',
        text: 'Group normalisation with a single group',
        feedback: 'With one group, all channels are pooled together: that is layer normalisation.',
      },
    ],
    answer: ['instance'],
    explanation: String.raw`The four schemes differ only in the axes they pool:

- batch norm: $N, H, W$ (per channel),
- layer norm: $C, H, W$ (per example),
- instance norm: $H, W$ (per example and channel), popular in style transfer,
- group norm: $H, W$ and the channels of one group (per example and group); one group equals layer norm, $C$ groups equal instance norm.`,
    difficulty: 3,
    tags: ['instance-norm', 'group-norm', 'normalisation-axes'],
    source: AUTHORS,
  },
  ...templateItems('batchnorm-train-stats', 'normalization', {
    base: 0,
    tags: ['batch-norm', 'batch-statistics'],
  }),
  ...templateItems('batchnorm-inference', 'normalization', {
    base: 1,
    tags: ['batch-norm', 'train-vs-inference', 'running-statistics'],
  }),
  ...templateItems('layernorm-stats', 'normalization', {
    base: 0,
    tags: ['layer-norm'],
  }),
  ...templateItems('norm-axes', 'normalization', {
    base: 1,
    tags: ['normalisation-axes', 'batch-norm', 'layer-norm'],
  }),
];
