import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';

/** Autoencoders: bottlenecks, denoising, sparsity, uses. */
export const autoencodersItems: BankItemInput[] = [
  {
    id: 'ae-bottleneck',
    topic: 'autoencoders',
    type: 'mcq',
    stem: 'Why does a basic (undercomplete) autoencoder use a hidden code smaller than its input?',
    options: [
      {
        id: 'speed-only',
        text: 'Only to make training faster; the learned features are the same either way.',
        feedback: 'The bottleneck is what makes the features informative, not a speed trick.',
      },
      {
        id: 'forces-compression',
        text: 'The narrow code forces the network to keep only the most important structure of the data; with a code as large as the input it could just learn to copy.',
        feedback: 'Correct.',
      },
      {
        id: 'classification',
        text: 'So that the code can be used directly as class probabilities.',
        feedback: 'The code is an unsupervised representation, not a distribution over classes.',
      },
      {
        id: 'exact',
        text: 'To guarantee a perfect reconstruction of every input.',
        feedback:
          'A bottleneck generally makes perfect reconstruction impossible; it trades accuracy for compression.',
      },
    ],
    answer: ['forces-compression'],
    explanation: String.raw`An autoencoder is trained to reconstruct its input, $\hat x = g(f(x)) \approx x$. If the code $f(x)$ could be as large as $x$, the identity map would be a perfect but useless solution. A narrower code (or another constraint: sparsity, noise, a prior) forces the encoder to capture the directions of variation that matter most for reconstructing typical data.`,
    difficulty: 1,
    tags: ['autoencoder', 'bottleneck'],
    source: AUTHORS,
  },
  {
    id: 'ae-linear-pca',
    topic: 'autoencoders',
    type: 'mcq',
    stem: 'An autoencoder with a single linear hidden layer of k units, no activation functions, is trained with mean squared reconstruction error on centred data. What does it learn?',
    options: [
      {
        id: 'clusters',
        text: 'k cluster centres, like k-means.',
        feedback:
          'A linear encoder projects onto a subspace; it does not assign points to clusters.',
      },
      {
        id: 'nonlinear-manifold',
        text: 'A curved, non-linear manifold through the data.',
        feedback: 'Without non-linear activations only linear subspaces are possible.',
      },
      {
        id: 'nothing',
        text: 'Nothing useful; linear autoencoders cannot be trained.',
        feedback: 'They train fine and recover the principal subspace.',
      },
      {
        id: 'pca-subspace',
        text: 'The same k-dimensional subspace as principal component analysis (possibly with a different basis).',
        feedback: 'Correct.',
      },
    ],
    answer: ['pca-subspace'],
    explanation: String.raw`Minimising $\lVert x - W_d W_e x\rVert^2$ over matrices of rank at most $k$ is solved by projecting onto the span of the top $k$ principal components (Eckart–Young). The learned weights need not be the orthonormal principal directions themselves, but they span the same subspace. Non-linear autoencoders generalise PCA to curved low-dimensional structure.`,
    difficulty: 4,
    tags: ['autoencoder', 'pca'],
    source: AUTHORS,
  },
  {
    id: 'ae-denoising',
    topic: 'autoencoders',
    type: 'mcq',
    stem: 'How is a denoising autoencoder trained?',
    options: [
      {
        id: 'noisy-to-clean',
        text: 'Its input is a corrupted version of an example, and its target is the clean original.',
        feedback: 'Correct.',
      },
      {
        id: 'clean-to-noisy',
        text: 'Its input is the clean example, and its target is a noisy version.',
        feedback: 'That would teach the network to add noise.',
      },
      {
        id: 'noise-on-weights',
        text: 'Noise is added to the weights after every step, with clean inputs and targets.',
        feedback: 'Denoising autoencoders corrupt the inputs, not the weights.',
      },
      {
        id: 'labels',
        text: 'It is trained on labelled data to classify noise types.',
        feedback: 'It is unsupervised: the clean input itself is the target.',
      },
    ],
    answer: ['noisy-to-clean'],
    explanation: String.raw`Corrupt $x$ into $\tilde x$ (Gaussian noise, masked pixels, …) and minimise $\lVert g(f(\tilde x)) - x\rVert^2$. Copying the input no longer works, so the network must learn the structure of clean data in order to undo the corruption. This makes even overcomplete codes useful and gives a practical denoiser.`,
    difficulty: 1,
    tags: ['autoencoder', 'denoising'],
    source: AUTHORS,
  },
  {
    id: 'ae-anomaly-detection',
    topic: 'autoencoders',
    type: 'mcq',
    stem: 'An autoencoder is trained only on images of intact machine parts. How can it flag defective parts?',
    options: [
      {
        id: 'code-label',
        text: 'The code contains a neuron that outputs "defective".',
        feedback:
          'It never saw labels or defects; nothing in the code is trained to say "defective".',
      },
      {
        id: 'perfect',
        text: 'Defective parts are reconstructed perfectly, which marks them.',
        feedback: 'It is the other way round: normal data is reconstructed well.',
      },
      {
        id: 'reconstruction-error',
        text: 'Defective parts are reconstructed poorly, so a high reconstruction error signals an anomaly.',
        feedback: 'Correct.',
      },
      {
        id: 'cannot',
        text: 'It cannot; anomaly detection needs labelled defects.',
        feedback: 'Reconstruction-based detection only needs normal examples.',
      },
    ],
    answer: ['reconstruction-error'],
    explanation: String.raw`The autoencoder learns to compress and reconstruct what normal data looks like. Inputs unlike the training data (scratches, cracks) fall outside what the code can represent and come back with large errors $\lVert x - \hat x\rVert$. A threshold on that error, chosen on validation data, turns it into a detector; no defect examples are needed for training.`,
    difficulty: 2,
    tags: ['autoencoder', 'anomaly-detection'],
    source: AUTHORS,
  },
  {
    id: 'ae-param-count',
    topic: 'autoencoders',
    type: 'numeric',
    stem: String.raw`A fully connected autoencoder maps $28 \times 28 = 784$ pixels to a 32-dimensional code and back to 784 outputs (one dense encoder layer and one dense decoder layer, both with biases, weights not tied). How many parameters does it have?`,
    answer: { value: 50992, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`Encoder: $784 \times 32 + 32 = 25088 + 32 = 25120$. Decoder: $32 \times 784 + 784 = 25088 + 784 = 25872$. Total $25120 + 25872 = 50992$. With tied weights ($W_d = W_e^\top$) only the biases of the decoder would be extra: $25088 + 32 + 784 = 25904$.`,
    difficulty: 2,
    tags: ['autoencoder', 'parameters'],
    source: AUTHORS,
  },
  {
    id: 'ae-mse',
    topic: 'autoencoders',
    type: 'numeric',
    stem: String.raw`An autoencoder reconstructs $x = (1, 0, 1, 0)$ as $\hat x = (0.9, 0.2, 0.6, 0.1)$. What is the mean squared reconstruction error $\frac{1}{4}\sum_i (x_i - \hat x_i)^2$?`,
    answer: { value: 0.055, tolerance: { abs: 0.0005 } },
    answerFormat: 'a number rounded to 3 decimals',
    explanation: String.raw`Errors: $0.1, -0.2, 0.4, -0.1$. Squares: $0.01, 0.04, 0.16, 0.01$, summing to $0.22$. Mean: $0.22/4 = 0.055$. The third pixel contributes most; squaring weights large errors heavily.`,
    difficulty: 1,
    tags: ['autoencoder', 'reconstruction-loss'],
    source: AUTHORS,
  },
  {
    id: 'ae-uses',
    topic: 'autoencoders',
    type: 'msq',
    stem: 'Which are typical uses of autoencoders? Select all that apply.',
    options: [
      {
        id: 'labels-for-free',
        text: 'Producing correct class labels for unlabelled data without any labelled examples',
        feedback:
          'No: the code captures structure, but it does not know the names or boundaries of your classes.',
      },
      {
        id: 'pretraining',
        text: 'Unsupervised pretraining of an encoder before training on a few labels',
        feedback: 'Yes: historically an important use, still common with limited labels.',
      },
      {
        id: 'dim-reduction',
        text: 'Non-linear dimensionality reduction',
        feedback: 'Yes: the code is a compact representation of the input.',
      },
      {
        id: 'denoising',
        text: 'Removing noise from images',
        feedback: 'Yes: denoising autoencoders are trained for exactly this.',
      },
      {
        id: 'anomaly',
        text: 'Anomaly detection from reconstruction error',
        feedback: 'Yes.',
      },
    ],
    answer: ['pretraining', 'dim-reduction', 'denoising', 'anomaly'],
    explanation: String.raw`Everything an autoencoder learns comes from reconstructing its inputs: compact codes (dimensionality reduction, visualisation, features for a downstream model trained on few labels), denoising, and a measure of how typical an input is (anomaly detection). It does not learn the meaning of any class; turning the codes into labels still needs labelled examples or a human in the loop.`,
    difficulty: 2,
    tags: ['autoencoder'],
    source: AUTHORS,
  },
  {
    id: 'ae-sparse',
    topic: 'autoencoders',
    type: 'mcq',
    stem: 'A sparse autoencoder may have more hidden units than inputs. What stops it from simply learning the identity?',
    options: [
      {
        id: 'weight-sparsity',
        text: 'Most of its weights are fixed at zero before training.',
        feedback:
          'The sparsity is on the activations, learned through a penalty, not imposed on the weights in advance.',
      },
      {
        id: 'nothing',
        text: 'Nothing; overcomplete autoencoders always learn the identity.',
        feedback: 'They would without a constraint; the sparsity penalty is that constraint.',
      },
      {
        id: 'activation-penalty',
        text: 'A penalty on the hidden activations (L1 or a KL term towards a small target rate) so that only a few units are active for each input.',
        feedback: 'Correct.',
      },
      {
        id: 'dropout-decoder',
        text: 'It removes the decoder.',
        feedback: 'Without a decoder there is no reconstruction and nothing to train.',
      },
    ],
    answer: ['activation-penalty'],
    explanation: String.raw`The loss becomes $\lVert x - \hat x\rVert^2 + \lambda\,\Omega(h)$ with, for example, $\Omega(h) = \sum_j \lvert h_j\rvert$ or a KL divergence between each unit's average activation and a small target such as 0.05. Each input is then explained by a few active units, which yields specialised, often interpretable features even when the code is wider than the input.`,
    difficulty: 3,
    tags: ['autoencoder', 'sparsity', 'l1'],
    source: AUTHORS,
  },
  {
    id: 'ae-conv-decoder',
    topic: 'autoencoders',
    type: 'mcq',
    stem: 'In a convolutional autoencoder, the encoder shrinks a 64 × 64 image to an 8 × 8 feature map. Which layers typically bring the decoder back to 64 × 64?',
    options: [
      {
        id: 'upsampling-layers',
        text: 'Upsampling layers such as transposed convolutions with stride 2, or nearest/bilinear upsampling followed by convolutions',
        feedback: 'Correct: three 2× upsampling stages take 8 × 8 back to 64 × 64.',
      },
      {
        id: 'max-pooling',
        text: 'Max-pooling layers with stride 2',
        feedback: 'Pooling shrinks feature maps; the decoder has to enlarge them.',
      },
      {
        id: 'dense-softmax',
        text: 'A softmax layer over 4096 classes',
        feedback: 'The decoder reconstructs pixel values; it is not a classifier.',
      },
      {
        id: 'strided-conv',
        text: 'Ordinary convolutions with stride 2',
        feedback: 'Strided convolutions downsample, which is what the encoder does.',
      },
    ],
    answer: ['upsampling-layers'],
    explanation: String.raw`The decoder mirrors the encoder. Each stride-2 downsampling step in the encoder is matched by a $2\times$ upsampling step in the decoder: a transposed convolution (kernel 4, stride 2, padding 1 doubles the size exactly), an unpooling layer, or a fixed resize followed by a convolution. $8 \to 16 \to 32 \to 64$ takes three such stages.`,
    difficulty: 2,
    tags: ['autoencoder', 'transposed-convolution', 'upsampling'],
    source: AUTHORS,
  },
];
