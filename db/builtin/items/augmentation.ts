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
  {
    id: 'aug-flip-box',
    topic: 'augmentation',
    type: 'mcq',
    stem: String.raw`An image 200 pixels wide is flipped horizontally for training a detector. A box in $(x_1, y_1, x_2, y_2)$ corner format, continuous coordinates, is $(30, 40, 80, 120)$. What is the box after the flip?`,
    options: [
      {
        id: 'unchanged',
        text: String.raw`$(30, 40, 80, 120)$`,
        feedback:
          'The object moves with the pixels; a box that is not transformed no longer covers it.',
      },
      {
        id: 'corners-not-swapped',
        text: String.raw`$(170, 40, 120, 120)$`,
        feedback: String.raw`Mirroring each x gives $x_1 > x_2$; the corners swap roles: $x_1' = W - x_2$, $x_2' = W - x_1$.`,
      },
      {
        id: 'right',
        text: String.raw`$(120, 40, 170, 120)$`,
        feedback: 'Correct.',
      },
      {
        id: 'vertical',
        text: String.raw`$(30, 80, 80, 160)$`,
        feedback: 'That mirrors the y coordinates (a vertical flip, with height 200).',
      },
    ],
    answer: ['right'],
    explanation:
      String.raw`A horizontal flip maps $x \mapsto W - x$ and leaves $y$ alone. The left edge of the flipped box is the image of the old right edge: $x_1' = 200 - 80 = 120$, $x_2' = 200 - 30 = 170$. Geometric augmentations for detection and segmentation must transform the labels (boxes, masks, keypoints) with the image; torchvision's \`transforms.v2\` does this when the boxes are passed as \`tv_tensors.BoundingBoxes\`.`.replaceAll(
        '\\`',
        '`',
      ),
    hints: [
      'Mirror the two x coordinates, then check which one is now on the left.',
      String.raw`$x' = W - x$ with $W = 200$.`,
    ],
    difficulty: 2,
    tags: ['augmentation', 'detection', 'boxes'],
    source: AUTHORS,
  },
  {
    id: 'aug-mask-interpolation',
    topic: 'augmentation',
    type: 'mcq',
    stem: 'A segmentation pipeline rotates and rescales each image and its label map (class ids 0–20). How should the label map be resampled?',
    options: [
      {
        id: 'bilinear',
        text: 'Bilinearly, like the image, for smooth boundaries.',
        feedback:
          'Interpolating class ids creates ids that mean other classes (between 3 and 7 lies 5).',
      },
      {
        id: 'nearest',
        text: 'With nearest-neighbour interpolation, so every pixel keeps one of the original class ids.',
        feedback: 'Correct.',
      },
      {
        id: 'not',
        text: 'Not at all: only the image is transformed.',
        feedback: 'Then image and labels no longer line up.',
      },
      {
        id: 'bicubic',
        text: 'Bicubically, which is the most accurate.',
        feedback: 'Any averaging interpolation mixes class ids.',
      },
    ],
    answer: ['nearest'],
    explanation: String.raw`Class ids are categories, not intensities: averaging a "car" (7) and a "background" (0) pixel gives 3.5 or, rounded, some unrelated class. Label maps are resampled with nearest-neighbour interpolation (or as one-hot channels interpolated and re-argmaxed), with the same geometric parameters as the image.`,
    difficulty: 2,
    tags: ['augmentation', 'segmentation'],
    source: AUTHORS,
  },
  {
    id: 'aug-cutmix-label',
    topic: 'augmentation',
    type: 'mcq',
    stem: 'CutMix pastes a 112×112 patch of a "dog" image into a 224×224 "cat" image. What label does the mixed image get?',
    options: [
      {
        id: 'cat',
        text: '100% cat, the base image',
        feedback: 'A quarter of the pixels now show a dog; CutMix mixes the labels too.',
      },
      {
        id: 'half',
        text: '50% cat, 50% dog',
        feedback: 'The patch is half as wide and half as tall: a quarter of the area.',
      },
      {
        id: 'right',
        text: '75% cat, 25% dog',
        feedback: 'Correct: the label is mixed in proportion to the area.',
      },
      {
        id: 'dog',
        text: '100% dog, the pasted content',
        feedback: 'Three quarters of the image are still the cat.',
      },
    ],
    answer: ['right'],
    explanation: String.raw`CutMix sets the label to $\lambda y_A + (1 - \lambda) y_B$ with $\lambda$ the share of the base image left visible: $1 - 112^2/224^2 = 0.75$. Mixup blends whole images with a weight $\lambda$; cutout erases a patch but keeps the label.`,
    difficulty: 2,
    tags: ['augmentation', 'cutmix', 'mixup'],
    source: AUTHORS,
  },
  {
    id: 'aug-crop-boxes',
    topic: 'augmentation',
    type: 'mcq',
    stem: 'A random crop is applied to a detection training image. What must happen to its boxes?',
    options: [
      {
        id: 'shift-clip',
        text: 'Shift them by the crop offset, clip them to the crop, and drop boxes that end up (almost) outside it.',
        feedback: 'Correct.',
      },
      {
        id: 'nothing',
        text: 'Nothing; the boxes are in image coordinates anyway.',
        feedback: 'The crop changes the origin and the extent of the image.',
      },
      {
        id: 'scale',
        text: 'Scale them by the crop size only.',
        feedback: 'A crop translates; only a later resize scales.',
      },
      {
        id: 'keep-all',
        text: 'Keep all boxes, even those outside the crop, so no object is lost.',
        feedback:
          'A box with no visible object teaches the detector to find objects in empty space.',
      },
    ],
    answer: ['shift-clip'],
    explanation:
      String.raw`The crop's top-left corner becomes the new origin, so every box is shifted by it, then clipped to the crop. Boxes that lose most of their area (SSD's crop keeps those whose centre stays inside) are dropped with their labels. torchvision's \`v2.RandomIoUCrop\` followed by \`v2.SanitizeBoundingBoxes\` does this.`.replaceAll(
        '\\`',
        '`',
      ),
    difficulty: 2,
    tags: ['augmentation', 'detection', 'boxes'],
    source: AUTHORS,
  },
  {
    id: 'aug-v1-flip-code',
    topic: 'augmentation',
    type: 'mcq',
    stem: 'What is wrong with this detection data pipeline?\n\n```python\nfrom torchvision import transforms\n\nflip = transforms.RandomHorizontalFlip(p=0.5)\n\ndef load(image, boxes):          # boxes: N x 4, xyxy\n    return flip(image), boxes\n```',
    options: [
      {
        id: 'p',
        text: '`p=0.5` flips every image.',
        feedback: 'It flips each image with probability 0.5.',
      },
      {
        id: 'desync',
        text: 'Half of the images are flipped while their boxes are not, so those boxes point at the mirror image of each object.',
        feedback: 'Correct.',
      },
      {
        id: 'tensor',
        text: 'The flip only works on PIL images, so it raises an error on tensors.',
        feedback: 'It works on PIL images and on tensors.',
      },
      {
        id: 'fine',
        text: 'Nothing: horizontal flips do not move boxes.',
        feedback: 'Objects move to the mirrored position; their boxes must follow.',
      },
    ],
    answer: ['desync'],
    explanation:
      String.raw`The v1 transforms see only the image, so a random flip cannot be applied to the boxes consistently. Either flip both with one random draw (\`x1' = W - x2\`, \`x2' = W - x1\`), or use \`torchvision.transforms.v2\` and pass the boxes as \`tv_tensors.BoundingBoxes\` in the same call, which applies one draw to all of them. Such silent label corruption typically shows up only as a lower mAP.`.replaceAll(
        '\\`',
        '`',
      ),
    difficulty: 3,
    tags: ['code-reading', 'augmentation', 'detection'],
    source: AUTHORS,
  },
];
