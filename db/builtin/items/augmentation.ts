import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_QUIZ, SOURCE_QUIZ_TAG } from '../sources';

/** Data augmentation: what counts, what preserves labels, how to apply it. */
export const augmentationItems: BankItemInput[] = [
  {
    id: 'aug-not-augmentation',
    topic: 'augmentation',
    type: 'mcq',
    stem: 'For training an image classifier, which of these transformations is **not** a sensible data-augmentation technique?',
    options: [
      {
        id: 'flips',
        text: 'Randomly flipping images horizontally or vertically',
        feedback:
          'Flips are standard augmentations (horizontal ones especially; vertical flips where the class does not depend on orientation).',
      },
      {
        id: 'pixel-shuffle',
        text: 'Randomly permuting all the pixels of an image',
        feedback:
          'Correct: a random permutation destroys the spatial structure that defines the content, so the label no longer applies.',
      },
      {
        id: 'colour-jitter',
        text: 'Random colour jitter (brightness, contrast, saturation, hue)',
        feedback:
          'Colour jitter is a standard photometric augmentation: the object stays the same under different lighting.',
      },
      {
        id: 'all-valid',
        text: 'None: all three are valid augmentations.',
        feedback: 'Shuffling every pixel does not produce a plausible image of the same class.',
      },
    ],
    answer: ['pixel-shuffle'],
    explanation: String.raw`Data augmentation creates new training examples by applying transformations that **keep the label true**: the transformed image is one the model could plausibly meet, showing the same class. Flips, crops, small rotations and colour changes all satisfy this and teach the network useful invariances.

Shuffling all pixels keeps the colour histogram but destroys edges, shapes and every spatial relation a CNN relies on: the result is noise that no longer looks like the class. Training on it would only teach the network to ignore structure.`,
    difficulty: 1,
    tags: [SOURCE_QUIZ_TAG, 'augmentation'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'aug-label-changing',
    topic: 'augmentation',
    type: 'mcq',
    stem: 'You train a handwritten-digit classifier (0–9). Which augmentation is most likely to produce examples with a **wrong** label?',
    options: [
      {
        id: 'shift',
        text: 'Shifting images by one or two pixels',
        feedback: 'A small translation does not change which digit is written.',
      },
      {
        id: 'scale',
        text: 'Scaling images by ±10%',
        feedback: 'Slightly larger or smaller strokes are still the same digit.',
      },
      {
        id: 'rotate-180',
        text: 'Rotating images by 180°',
        feedback:
          'Correct: a rotated 6 looks like a 9 (and vice versa), so the label can become wrong.',
      },
      {
        id: 'elastic',
        text: 'Small elastic distortions of the strokes',
        feedback:
          'Mild distortions mimic handwriting variation and are a classic augmentation for digits.',
      },
    ],
    answer: ['rotate-180'],
    explanation: String.raw`Which augmentations are safe depends on the task: a transformation is useful only if the class is invariant to it. Digits are not rotation-invariant (6 and 9, and to a lesser extent 2/5 or 1/7 under flips), so large rotations and flips corrupt labels, while small shifts, scalings and distortions keep them.`,
    difficulty: 2,
    tags: ['augmentation', 'label-preservation'],
    source: AUTHORS,
  },
  {
    id: 'aug-validation-set',
    topic: 'augmentation',
    type: 'mcq',
    stem: 'Should the random augmentations used for training also be applied to the validation set when picking the best epoch?',
    options: [
      {
        id: 'no',
        text: 'No: evaluate on the unaltered validation images, so the score reflects the data the model will meet.',
        feedback: 'Correct.',
      },
      {
        id: 'yes-same',
        text: 'Yes: validation must use the same random transformations as training, or the scores are not comparable.',
        feedback:
          'Random transformations make the validation score noisy and measure performance on distorted images instead of real ones.',
      },
      {
        id: 'yes-more',
        text: 'Yes, and stronger ones, to make the validation set harder.',
        feedback:
          'A harder but unrealistic validation set no longer tells you how the model will do on real data.',
      },
      {
        id: 'only-test',
        text: 'Only the test set should be augmented.',
        feedback: 'Neither evaluation set should be randomly augmented for scoring.',
      },
    ],
    answer: ['no'],
    explanation: String.raw`Augmentation is a training-time regulariser. Validation and test sets estimate performance on real data, so they go through the same deterministic preprocessing (resize, centre crop, normalisation) as deployment data, without random transformations. Test-time augmentation, where predictions over several fixed transformed copies are averaged, is a separate, deliberate technique and must then be applied identically at deployment.`,
    difficulty: 2,
    tags: ['augmentation', 'evaluation'],
    source: AUTHORS,
  },
  {
    id: 'aug-photometric',
    topic: 'augmentation',
    type: 'msq',
    stem: 'Which of these augmentations are **photometric**, i.e. they change pixel values but not where things are in the image? Select all that apply.',
    options: [
      {
        id: 'horizontal-flip',
        text: 'Horizontal flipping',
        feedback: 'Geometric: it mirrors positions.',
      },
      {
        id: 'brightness-contrast',
        text: 'Brightness and contrast changes',
        feedback: 'Photometric.',
      },
      {
        id: 'colour-jitter',
        text: 'Colour jitter',
        feedback: 'Photometric: it changes colours, not positions.',
      },
      {
        id: 'gaussian-noise',
        text: 'Adding Gaussian pixel noise',
        feedback: 'Photometric: every pixel stays in place with a perturbed value.',
      },
      {
        id: 'random-crop',
        text: 'Random cropping',
        feedback: 'Geometric: it moves content within the frame.',
      },
    ],
    answer: ['brightness-contrast', 'colour-jitter', 'gaussian-noise'],
    explanation: String.raw`Geometric augmentations (flips, crops, rotations, scaling, elastic warps) move pixels; photometric ones (colour jitter, brightness/contrast, blur, noise) change their values in place. The distinction matters for tasks with spatial labels: geometric transformations must also be applied to masks, boxes or keypoints, photometric ones must not.`,
    difficulty: 2,
    tags: ['augmentation', 'photometric', 'geometric'],
    source: AUTHORS,
  },
  {
    id: 'aug-segmentation-masks',
    topic: 'augmentation',
    type: 'mcq',
    stem: 'You augment images for semantic segmentation with random flips, random crops and colour jitter. What must happen to the ground-truth masks?',
    options: [
      {
        id: 'nothing',
        text: 'Nothing: masks are labels and labels are never augmented.',
        feedback: 'After a flip or crop the unchanged mask would no longer line up with the image.',
      },
      {
        id: 'geometric-only',
        text: 'Apply the same flips and crops to the masks (nearest-neighbour resampling), but not the colour jitter.',
        feedback:
          'Correct: the mask must stay aligned with the image; its class ids are not colours.',
      },
      {
        id: 'everything',
        text: 'Apply all three transformations to the masks as well.',
        feedback: 'Colour jitter would corrupt the class ids stored in the mask.',
      },
      {
        id: 'jitter-only',
        text: 'Apply only the colour jitter to the masks.',
        feedback: 'It is the other way round: geometric yes, photometric no.',
      },
    ],
    answer: ['geometric-only'],
    explanation: String.raw`A segmentation label assigns a class to each pixel position. Geometric transformations move pixels, so the mask must be moved identically (with nearest-neighbour interpolation, so class ids are not blended into meaningless values). Photometric transformations do not move anything and would damage the integer class ids, so they apply to the image only.`,
    difficulty: 2,
    tags: ['augmentation', 'segmentation', 'geometric'],
    source: AUTHORS,
  },
  {
    id: 'aug-why-it-works',
    topic: 'augmentation',
    type: 'mcq',
    stem: 'Why does data augmentation usually improve test accuracy?',
    options: [
      {
        id: 'capacity',
        text: 'It increases the capacity of the network.',
        feedback: 'The architecture, and therefore the capacity, is unchanged; the data changes.',
      },
      {
        id: 'faster',
        text: 'It makes each training epoch faster.',
        feedback: 'On-the-fly augmentation adds work per epoch, if anything.',
      },
      {
        id: 'no-validation',
        text: 'It removes the need for a validation set.',
        feedback: 'You still need held-out data to tune hyperparameters and to detect overfitting.',
      },
      {
        id: 'invariances',
        text: 'It enlarges the effective training set with label-preserving variations, which teaches invariances and reduces overfitting.',
        feedback: 'Correct.',
      },
    ],
    answer: ['invariances'],
    explanation: String.raw`A network overfits when it can memorise the particular training images. Random flips, crops and colour changes mean it rarely sees exactly the same input twice, and learning that the label is unchanged by these transformations builds the invariances the test data requires. It is a regulariser that works through the data rather than the weights.`,
    difficulty: 1,
    tags: ['augmentation', 'overfitting'],
    source: AUTHORS,
  },
  {
    id: 'aug-crop-count',
    topic: 'augmentation',
    type: 'numeric',
    stem: String.raw`Training images are $256 \times 256$. Each epoch, a random $224 \times 224$ crop is taken at an integer pixel offset, and the crop is mirrored horizontally with probability 0.5. How many distinct inputs can one training image produce?`,
    answer: { value: 2178, tolerance: { abs: 0 } },
    answerFormat: 'an integer',
    explanation: String.raw`A $224$-wide crop can start at offsets $0, 1, \dots, 256-224 = 32$: that is $33$ positions per axis, so $33 \times 33 = 1089$ crops. Each can be mirrored or not: $1089 \times 2 = 2178$ distinct inputs. (AlexNet used this scheme to make overfitting much harder.)`,
    difficulty: 3,
    tags: ['augmentation', 'random-crop'],
    source: AUTHORS,
  },
  {
    id: 'aug-mixup-label',
    topic: 'augmentation',
    type: 'numeric',
    stem: String.raw`Mixup blends two training examples: $\tilde x = \lambda x_i + (1-\lambda) x_j$ and $\tilde y = \lambda y_i + (1-\lambda) y_j$. A cat image with one-hot label $(1, 0)$ is mixed with a dog image with label $(0, 1)$ using $\lambda = 0.3$ (the cat is $x_i$). What is the mixed label $\tilde y$?`,
    answer: { value: [0.3, 0.7], tolerance: { abs: 0.001 } },
    answerFormat: 'comma-separated vector of 2 numbers',
    explanation: String.raw`$\tilde y = 0.3\,(1, 0) + 0.7\,(0, 1) = (0.3,\ 0.7)$. The image is 30% cat and 70% dog, and so is its soft target. Unlike flips or crops, mixup changes the label together with the input.`,
    difficulty: 3,
    tags: ['augmentation', 'mixup'],
    source: AUTHORS,
  },
];
