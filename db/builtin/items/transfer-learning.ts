import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_REMARK } from '../sources';

/** Reusing pretrained networks: feature extraction and fine-tuning. */
export const transferLearningItems: BankItemInput[] = [
  {
    id: 'tl-vgg16-small-data',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'You have 600 labelled photos of 5 kinds of everyday objects and a VGG16 pretrained on ImageNet. Which plan is most likely to work best?',
    options: [
      {
        id: 'freeze-and-head',
        text: 'Keep the pretrained convolutional layers frozen, replace the classifier with a new 5-class head and train only the head (then optionally fine-tune the top block with a small learning rate).',
        feedback:
          'Correct: the pretrained features do most of the work and few parameters have to be learned from 600 images.',
      },
      {
        id: 'scratch',
        text: 'Train VGG16 from random initialisation on the 600 photos.',
        feedback: 'About 138 million parameters learned from 600 images will overfit badly.',
      },
      {
        id: 'finetune-all-high-lr',
        text: 'Fine-tune all layers with a large learning rate so the network adapts quickly.',
        feedback:
          'A large learning rate on all layers destroys the pretrained features and overfits the small dataset.',
      },
      {
        id: 'keep-imagenet-head',
        text: 'Use the network unchanged and map its 1000 ImageNet outputs to your classes by hand.',
        feedback:
          'Your 5 classes need not match ImageNet classes; a small learned head on the features is more reliable.',
      },
    ],
    answer: ['freeze-and-head'],
    explanation: String.raw`Transfer learning reuses features learned on a large dataset. With little data that is similar to the pretraining data, the safest approach is feature extraction: freeze the convolutional base (its generic edge, texture and part detectors transfer well), put a new classifier for your classes on top, and train only that. Once the head has converged you can unfreeze the last block and fine-tune it with a learning rate around 10–100 times smaller. Training everything from scratch, or fine-tuning everything aggressively, asks too many parameters to be fitted from too few examples.`,
    difficulty: 2,
    tags: ['transfer-learning', 'fine-tuning', 'vgg', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'tl-fine-tune-lr',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'When fine-tuning the pretrained layers of a network on a new task, how is the learning rate usually chosen compared with training from scratch?',
    options: [
      {
        id: 'larger',
        text: 'Larger, to escape the pretrained solution quickly.',
        feedback: 'The pretrained solution is the asset; large steps early on wipe it out.',
      },
      {
        id: 'same',
        text: 'The same: the learning rate does not depend on initialisation.',
        feedback: 'Starting close to a good solution calls for smaller steps.',
      },
      {
        id: 'smaller',
        text: 'Smaller, so the pretrained weights are adjusted gently rather than overwritten.',
        feedback: 'Correct.',
      },
      {
        id: 'zero',
        text: 'Zero for all layers.',
        feedback:
          'Then nothing is fine-tuned; that is pure feature extraction with a frozen network.',
      },
    ],
    answer: ['smaller'],
    explanation: String.raw`Pretrained weights already sit in a good region of the loss landscape. Large updates, especially while a freshly initialised head still produces large, noisy gradients, can destroy the useful features ("catastrophic forgetting"). Common practice: train the new head first, then unfreeze and fine-tune with a small learning rate, sometimes smaller still for the earliest layers (discriminative learning rates).`,
    difficulty: 2,
    tags: ['fine-tuning', 'learning-rate'],
    source: AUTHORS,
  },
  {
    id: 'tl-generic-early-layers',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'Why do the early layers of an ImageNet-pretrained CNN transfer well to very different image tasks?',
    options: [
      {
        id: 'class-specific',
        text: 'They encode the 1000 ImageNet classes directly.',
        feedback: 'Class-specific information is concentrated in the last layers.',
      },
      {
        id: 'generic-features',
        text: 'They detect generic features such as edges, colour blobs and textures that are useful for almost any images.',
        feedback: 'Correct: specialisation increases with depth.',
      },
      {
        id: 'no-weights',
        text: 'They have no trainable weights.',
        feedback: 'Early convolution layers have weights, learned like any other.',
      },
      {
        id: 'random',
        text: 'They are nearly random, so they cannot hurt.',
        feedback:
          'Trained early filters are highly structured (Gabor-like edge detectors), not random.',
      },
    ],
    answer: ['generic-features'],
    explanation: String.raw`Visualisations of trained CNNs show a hierarchy: first layers respond to oriented edges and colours, middle layers to textures and parts, last layers to class-specific object configurations. Early features are reusable almost everywhere, later ones less so; this guides how many layers to freeze (more for similar tasks and small data, fewer for different domains and large data).`,
    difficulty: 1,
    tags: ['transfer-learning', 'feature-hierarchy'],
    source: AUTHORS,
  },
  {
    id: 'tl-large-different-domain',
    topic: 'transfer-learning',
    type: 'msq',
    stem: 'You have 200,000 labelled chest X-rays and an ImageNet-pretrained ResNet. Which statements are sensible? Select all that apply.',
    options: [
      {
        id: 'freeze-all-best',
        text: 'Freezing every pretrained layer and training only a linear head is guaranteed to be best.',
        feedback:
          'Not sensible: X-rays differ a lot from ImageNet photos, and there is plenty of data to adapt the features.',
      },
      {
        id: 'init-finetune-all',
        text: 'Initialise from the pretrained weights and fine-tune all layers.',
        feedback: 'Sensible: pretrained initialisation usually converges faster and rarely hurts.',
      },
      {
        id: 'pretrained-useless',
        text: 'Because X-rays are greyscale, pretrained weights cannot be used at all.',
        feedback:
          'Not sensible: a greyscale image can be repeated over three channels, or the first layer’s filters summed over colour.',
      },
      {
        id: 'more-layers-than-small',
        text: 'With this much data it is reasonable to fine-tune more layers than you would with 2,000 images.',
        feedback: 'Sensible: more data supports adapting more parameters without overfitting.',
      },
    ],
    answer: ['init-finetune-all', 'more-layers-than-small'],
    explanation: String.raw`Two factors decide the strategy: dataset size and similarity to the pretraining data. Small and similar: freeze most layers. Large and different (as here): initialise from pretrained weights and fine-tune most or all layers; training from scratch is also feasible but usually slower to reach the same accuracy. Input format differences such as greyscale are solved by adapting the first layer, not by discarding the pretraining.`,
    difficulty: 3,
    tags: ['transfer-learning', 'fine-tuning', 'domain-shift'],
    source: AUTHORS,
  },
  {
    id: 'tl-new-head-params',
    topic: 'transfer-learning',
    type: 'numeric',
    stem: String.raw`VGG16's last dense layer maps 4096 features to 1000 ImageNet classes. You replace it with a dense layer (with biases) for your 5 classes and train only that layer. How many parameters are trained?`,
    answer: { value: 20485, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`$4096 \times 5$ weights $+ 5$ biases $= 20480 + 5 = 20485$. Compared with the roughly 138 million parameters of the whole network, this is a tiny number to fit, which is why head-only training works with a few hundred images.`,
    difficulty: 2,
    tags: ['transfer-learning', 'parameters', 'vgg'],
    source: AUTHORS,
  },
  {
    id: 'tl-frozen-base-trainable',
    topic: 'transfer-learning',
    type: 'numeric',
    stem: String.raw`You keep VGG16's convolutional base frozen (its output is $7 \times 7 \times 512$), flatten it, and add a new head: a dense layer with 256 units, then a dense layer with 5 outputs, both with biases. How many **trainable** parameters does the model have?`,
    answer: { value: 6424069, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`Only the head is trainable.

- Flatten: $7 \cdot 7 \cdot 512 = 25088$ features.
- Dense 256: $25088 \times 256 + 256 = 6422528 + 256 = 6422784$.
- Dense 5: $256 \times 5 + 5 = 1285$.

Total $6422784 + 1285 = 6424069$. The frozen base (about 14.7 million weights) is not counted; replacing the flatten by global average pooling would cut the head to $512 \times 256 + 256 + 1285 = 132613$.`,
    difficulty: 3,
    tags: ['transfer-learning', 'parameters', 'vgg'],
    source: AUTHORS,
  },
  {
    id: 'tl-feature-extraction',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'In transfer learning, what distinguishes "feature extraction" from "fine-tuning"?',
    options: [
      {
        id: 'frozen-vs-updated',
        text: 'Feature extraction keeps the pretrained weights frozen and trains only new layers; fine-tuning also updates (some of) the pretrained weights.',
        feedback: 'Correct.',
      },
      {
        id: 'reverse',
        text: 'Feature extraction updates all pretrained weights; fine-tuning freezes them.',
        feedback: 'The definitions are swapped.',
      },
      {
        id: 'data',
        text: 'Feature extraction uses the original training data; fine-tuning uses new data.',
        feedback: 'Both use the new task’s data; the difference is which weights are trained.',
      },
      {
        id: 'same',
        text: 'They are two names for the same procedure.',
        feedback: 'They differ in whether the pretrained weights change.',
      },
    ],
    answer: ['frozen-vs-updated'],
    explanation: String.raw`Feature extraction treats the pretrained network as a fixed function that maps inputs to features, on which a new (small) model is trained. Fine-tuning continues training some or all of the pretrained layers on the new task, usually with a small learning rate, to adapt the features themselves. The first is cheaper and safer with little data; the second adapts better when there is enough data or the domain differs.`,
    difficulty: 1,
    tags: ['transfer-learning', 'fine-tuning'],
    source: AUTHORS,
  },
  {
    id: 'tl-preprocessing',
    topic: 'transfer-learning',
    type: 'mcq',
    stem: 'Your fine-tuned pretrained model performs far worse than expected. You discover that the new images are fed as raw 0–255 pixel values. What is the likely issue?',
    options: [
      {
        id: 'pixels-irrelevant',
        text: 'Nothing: a CNN is invariant to the scale of its input.',
        feedback:
          'Convolutions and biases are not scale-invariant; activations would be far outside the trained range.',
      },
      {
        id: 'need-more-layers',
        text: 'The model needs additional layers to learn the scaling.',
        feedback: 'Simply apply the same normalisation as during pretraining.',
      },
      {
        id: 'need-scratch',
        text: 'Pretrained models only work on the original dataset.',
        feedback: 'They transfer well when used with the right preprocessing.',
      },
      {
        id: 'match-preprocessing',
        text: 'Inputs must be preprocessed exactly as during pretraining (same scaling, mean/std normalisation, channel order), or the pretrained filters see inputs on the wrong scale.',
        feedback: 'Correct.',
      },
    ],
    answer: ['match-preprocessing'],
    explanation: String.raw`A pretrained network's first-layer filters and biases, and its batch-norm statistics, were fitted to inputs with a specific preprocessing (for ImageNet models, typically scaling to $[0, 1]$ and normalising each channel with the ImageNet mean and standard deviation, sometimes BGR order). Feeding differently scaled inputs shifts every activation away from what the later layers expect. Reuse the model's own preprocessing function and input size.`,
    difficulty: 2,
    tags: ['transfer-learning', 'preprocessing'],
    source: AUTHORS,
  },
];
