import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_QUIZ, SOURCE_QUIZ_TAG } from '../sources';
import { templateItems } from '../template-items';

/** The two soft masks of the source quiz (A: ground truth, B: prediction). */
const SOFT_MASKS = String.raw`$$A = \begin{bmatrix} 0.10 & 0.47 & 0.88 & 0.25 \\ 0.65 & 0.11 & 0.66 & 1 \\ 0.91 & 0.00 & 0.99 & 0.29 \\ 0.78 & 1 & 0.40 & 0.99 \end{bmatrix}, \qquad B = \begin{bmatrix} 0.01 & 0.44 & 0.48 & 0.18 \\ 0.60 & 0.09 & 0.97 & 0.99 \\ 0.87 & 0.02 & 0.98 & 0.20 \\ 0.77 & 0.99 & 0.40 & 0.99 \end{bmatrix}.$$`;

const SOFT_DICE_STEM = String.raw`A segmentation network outputs a soft (probabilistic) mask $B$ for an image whose ground-truth mask is $A$ (soft labels, e.g. averaged from several annotators):
${SOFT_MASKS}
Compute the soft Dice coefficient
$$\mathrm{Dice}(A, B) = \frac{2\sum_i A_i B_i}{\sum_i A_i + \sum_i B_i},$$
where the sums run over all 16 pixels.`;

/** ΣA, ΣB and ΣAB of the two masks, worked row by row. */
const SOFT_SUMS_WORKING = String.raw`Work row by row.

**Sum of $A$:** $1.70 + 2.42 + 2.19 + 3.17 = 9.48$
(rows: $0.10+0.47+0.88+0.25$, $0.65+0.11+0.66+1$, $0.91+0+0.99+0.29$, $0.78+1+0.40+0.99$).

**Sum of $B$:** $1.11 + 2.65 + 2.07 + 3.15 = 8.98$
(rows: $0.01+0.44+0.48+0.18$, $0.60+0.09+0.97+0.99$, $0.87+0.02+0.98+0.20$, $0.77+0.99+0.40+0.99$).

**Element-wise products:**

| row | products | row sum |
|---|---|---|
| 1 | $0.001 + 0.2068 + 0.4224 + 0.045$ | $0.6752$ |
| 2 | $0.39 + 0.0099 + 0.6402 + 0.99$ | $2.0301$ |
| 3 | $0.7917 + 0 + 0.9702 + 0.058$ | $1.8199$ |
| 4 | $0.6006 + 0.99 + 0.16 + 0.9801$ | $2.7307$ |

so $\sum_i A_i B_i = 7.2559$.`;

const SOFT_IOU_STEM = String.raw`Two soft masks are compared by their soft intersection over union (Jaccard index)
$$\mathrm{IoU}(A, B) = \frac{\sum_i A_i B_i}{\sum_i A_i + \sum_i B_i - \sum_i A_i B_i},$$
with the sums over all 16 pixels, where $A$ is a soft ground truth (averaged from several annotators) and $B$ a network's predicted probabilities:
${SOFT_MASKS}
What is the soft IoU of $A$ and $B$?`;

const SOFT_IOU_EXPLANATION = String.raw`${SOFT_SUMS_WORKING}

**Union:** $9.48 + 8.98 - 7.2559 = 11.2041$: adding the two sums counts the overlap twice, so it is subtracted once.

**IoU:**
$$\mathrm{IoU} = \frac{7.2559}{11.2041} \approx 0.648.$$

The soft IoU replaces $\lvert A \cap B\rvert$ by the sum of products and the set sizes by plain sums, just as the soft Dice coefficient does; the two are related by $\mathrm{IoU} = D / (2 - D)$, so IoU is never larger than Dice.`;

const SOFT_DICE_EXPLANATION = String.raw`${SOFT_SUMS_WORKING}

**Dice:**
$$\mathrm{Dice} = \frac{2 \times 7.2559}{9.48 + 8.98} = \frac{14.5118}{18.46} \approx 0.786.$$

The soft Dice generalises $2\lvert A \cap B\rvert / (\lvert A\rvert + \lvert B\rvert)$: the product plays the role of the intersection and the sums the role of the set sizes. Dice is never smaller than the IoU of the same masks, which divides the overlap by the union $\sum_i A_i + \sum_i B_i - \sum_i A_i B_i$ instead.`;

/** Segmentation tasks and the metrics used to score them. */
export const segmentationItems: BankItemInput[] = [
  {
    id: 'seg-soft-dice-source',
    topic: 'segmentation',
    type: 'numeric',
    stem: SOFT_DICE_STEM,
    answer: { value: 0.7861, tolerance: { abs: 0.002 } },
    answerFormat: 'a number rounded to 3 decimals',
    explanation: SOFT_DICE_EXPLANATION,
    hints: [
      'Soft Dice uses the mask values as they are: the overlap is a sum of products, the sizes are plain sums.',
      String.raw`$\mathrm{Dice} = \frac{2\sum_i A_i B_i}{\sum_i A_i + \sum_i B_i}$.`,
      String.raw`First row of products: $0.10 \cdot 0.01 + 0.47 \cdot 0.44 + 0.88 \cdot 0.48 + 0.25 \cdot 0.18 = 0.6752$.`,
    ],
    parts: [
      {
        id: 'overlap',
        prompt: String.raw`The soft overlap $\sum_i A_i B_i$ over all 16 pixels.`,
        answer: { value: 7.2559, tolerance: { abs: 0.001 } },
        answerFormat: 'a number, to at least 3 decimal places',
        hint: 'Multiply pixel by pixel, add each row, then add the four row sums.',
      },
      {
        id: 'total',
        prompt: String.raw`The total size $\sum_i A_i + \sum_i B_i$.`,
        answer: { value: 18.46, tolerance: { abs: 0.001 } },
        answerFormat: 'a number, to at least 2 decimal places',
      },
    ],
    difficulty: 3,
    tags: [SOURCE_QUIZ_TAG, 'dice', 'soft-metrics'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'seg-soft-iou-source',
    topic: 'segmentation',
    type: 'mcq',
    stem: SOFT_IOU_STEM,
    options: [
      {
        id: 'no-overlap-removed',
        text: '0.393',
        feedback: String.raw`This divides by $\sum A + \sum B$, which counts the overlap twice; the union subtracts $\sum AB$ once.`,
        misconception: {
          id: 'union-without-overlap-removed',
          label: 'Adding the mask sizes without removing the overlap',
        },
      },
      {
        id: 'precision',
        text: '0.808',
        feedback: String.raw`This divides the overlap by the prediction alone, $7.2559 / 8.98$: a soft precision, which ignores what the prediction missed.`,
        misconception: {
          id: 'divided-by-prediction',
          label: 'Dividing the overlap by the prediction only (precision)',
        },
      },
      {
        id: 'recall',
        text: '0.765',
        feedback: String.raw`This divides the overlap by the ground truth alone, $7.2559 / 9.48$: a soft recall, which ignores false detections.`,
        misconception: {
          id: 'divided-by-target',
          label: 'Dividing the overlap by the ground truth only (recall)',
        },
      },
      {
        id: 'thresholded',
        text: '0.889',
        feedback:
          'This thresholds both masks at 0.5 first (9 and 8 pixels, 8 shared: 8/9); the soft IoU uses the probabilities themselves.',
        misconception: {
          id: 'threshold-before-soft-iou',
          label: 'Binarising the masks before a soft metric',
        },
      },
      {
        id: 'iou',
        text: '0.648',
        feedback: String.raw`Correct: $7.2559 / (9.48 + 8.98 - 7.2559)$.`,
      },
    ],
    answer: ['iou'],
    explanation: SOFT_IOU_EXPLANATION,
    difficulty: 3,
    tags: [SOURCE_QUIZ_TAG, 'iou', 'soft-metrics'],
    source: SOURCE_QUIZ,
  },
  {
    id: 'seg-hard-iou-dice',
    topic: 'segmentation',
    type: 'numeric',
    stem: 'A predicted binary mask has 40 foreground pixels, the ground truth has 50, and 30 pixels are foreground in both. Give the IoU and the Dice coefficient.',
    answer: { value: [0.5, 2 / 3], tolerance: { abs: 0.002 } },
    answerFormat: 'two comma-separated numbers (IoU, Dice), rounded to 3 decimals',
    explanation: String.raw`- Intersection $= 30$; union $= 40 + 50 - 30 = 60$; $\mathrm{IoU} = 30/60 = 0.5$.
- $\mathrm{Dice} = 2 \times 30 / (40 + 50) = 60/90 \approx 0.667$.

Check with the identity $\mathrm{Dice} = 2\,\mathrm{IoU}/(1 + \mathrm{IoU}) = 1/1.5 \approx 0.667$.`,
    hints: [
      'Both metrics compare the overlap with a size: IoU divides by the union, Dice by the mean of the two sizes.',
      String.raw`$\mathrm{IoU} = \frac{|A \cap B|}{|A| + |B| - |A \cap B|}$ and $\mathrm{Dice} = \frac{2|A \cap B|}{|A| + |B|}$.`,
      String.raw`The union has $40 + 50 - 30 = 60$ pixels.`,
    ],
    difficulty: 2,
    tags: ['iou', 'dice'],
    source: AUTHORS,
  },
  {
    id: 'seg-dice-to-iou',
    topic: 'segmentation',
    type: 'numeric',
    stem: 'A binary segmentation has a Dice coefficient of 0.8. What is its IoU?',
    answer: { value: 2 / 3, tolerance: { abs: 0.002 } },
    answerFormat: 'a number rounded to 3 decimals',
    explanation: String.raw`Write $I$ for the intersection and $S = \lvert A\rvert + \lvert B\rvert$. Then $D = 2I/S$ and $J = I/(S - I)$. Solving gives $J = D/(2 - D)$ (and $D = 2J/(1 + J)$). With $D = 0.8$: $J = 0.8/1.2 \approx 0.667$. The two metrics rank predictions identically; Dice is just the more forgiving number.`,
    difficulty: 3,
    tags: ['iou', 'dice'],
    source: AUTHORS,
  },
  {
    id: 'seg-pixel-accuracy-imbalance',
    topic: 'segmentation',
    type: 'mcq',
    stem: 'In a tumour-segmentation dataset, 98% of all pixels are background. A model that predicts "background" everywhere scores 98% pixel accuracy. Which statement is right?',
    options: [
      {
        id: 'good-model',
        text: 'The model is good: 98% of the pixels are right.',
        feedback: 'It never finds a single tumour pixel, which is the whole task.',
      },
      {
        id: 'use-overlap',
        text: 'Pixel accuracy is misleading here; the Dice or IoU of the tumour class (0 for this model) shows the model is useless.',
        feedback: 'Correct: overlap metrics of the rare class are not swamped by the background.',
      },
      {
        id: 'need-more-background',
        text: 'The dataset needs more background pixels.',
        feedback: 'The imbalance towards background is the problem, not the solution.',
      },
      {
        id: 'iou-also-98',
        text: 'Every metric will show the same 98%.',
        feedback: String.raw`The tumour-class IoU is $0/(0 + \lvert \text{tumour}\rvert - 0) = 0$.`,
      },
    ],
    answer: ['use-overlap'],
    explanation: String.raw`With heavy class imbalance, accuracy is dominated by the majority class. Dice and IoU per class only count the pixels predicted or labelled as that class, so predicting no tumour gives an intersection of 0 and a score of 0. The same reason makes (soft) Dice a popular training loss for small structures.`,
    difficulty: 2,
    tags: ['dice', 'iou', 'class-imbalance', 'pixel-accuracy'],
    source: AUTHORS,
  },
  {
    id: 'seg-semantic-vs-instance',
    topic: 'segmentation',
    type: 'mcq',
    stem: 'A street photo shows three cars. What distinguishes instance segmentation from semantic segmentation of this image?',
    options: [
      {
        id: 'boxes',
        text: 'Instance segmentation outputs bounding boxes instead of masks.',
        feedback: 'Boxes are object detection; instance segmentation outputs a mask per object.',
      },
      {
        id: 'separate-objects',
        text: 'Instance segmentation gives each of the three cars its own mask; semantic segmentation only labels every pixel as "car" or another class.',
        feedback: 'Correct.',
      },
      {
        id: 'no-background',
        text: 'Semantic segmentation ignores background pixels.',
        feedback:
          'Semantic segmentation labels every pixel, including background ("stuff") classes.',
      },
      {
        id: 'same',
        text: 'They produce the same output for this image.',
        feedback: 'Semantic segmentation would merge the three cars into one "car" region.',
      },
    ],
    answer: ['separate-objects'],
    explanation: String.raw`Semantic segmentation is per-pixel classification: touching objects of the same class merge into one region. Instance segmentation (e.g. Mask R-CNN) separates individual objects, each with its own mask. Panoptic segmentation combines both: instances for countable "things", semantic labels for "stuff" such as road or sky.`,
    difficulty: 1,
    tags: ['semantic-segmentation', 'instance-segmentation'],
    source: AUTHORS,
  },
  {
    id: 'seg-unet-skip',
    topic: 'segmentation',
    type: 'mcq',
    stem: 'What do the skip connections between the encoder and decoder of a U-Net contribute?',
    options: [
      {
        id: 'fewer-params',
        text: 'They remove the need for convolutions in the decoder.',
        feedback: 'The decoder still convolves the concatenated features.',
      },
      {
        id: 'regularise',
        text: 'They act as dropout for the encoder.',
        feedback: 'Skip connections pass information; they do not randomly drop it.',
      },
      {
        id: 'classification',
        text: 'They turn the network into an image classifier.',
        feedback: 'U-Net outputs a per-pixel map; the skips serve localisation.',
      },
      {
        id: 'fine-detail',
        text: 'They bring high-resolution encoder features to the decoder, so fine details and precise boundaries lost by downsampling can be recovered.',
        feedback: 'Correct.',
      },
    ],
    answer: ['fine-detail'],
    explanation: String.raw`The encoder trades resolution for semantics: deep features know *what* is there but only coarsely *where*. Upsampling alone cannot restore lost detail, so U-Net concatenates the encoder feature map of the same resolution to each decoder stage, combining precise location information with high-level context. (SegNet instead passes max-pooling indices, a cheaper form of the same idea.)`,
    difficulty: 2,
    tags: ['u-net', 'encoder-decoder'],
    source: AUTHORS,
  },
  {
    id: 'seg-soft-dice-facts',
    topic: 'segmentation',
    type: 'msq',
    stem: String.raw`Consider the soft Dice coefficient $2\sum_i a_i b_i / (\sum_i a_i + \sum_i b_i)$ of a ground truth $a$ and a prediction $b$ with values in $[0, 1]$. Which statements are true? Select all that apply.`,
    options: [
      {
        id: 'differentiable',
        text: 'It is differentiable in the predicted probabilities, so 1 − Dice can be used as a training loss.',
        feedback: 'True: no thresholding is involved.',
      },
      {
        id: 'at-least-iou',
        text: 'It is never smaller than the soft IoU $\\sum ab / (\\sum a + \\sum b - \\sum ab)$ of the same masks.',
        feedback: String.raw`True: it follows from $a + b \ge 2ab$ for values in $[0, 1]$.`,
      },
      {
        id: 'one-when-equal-binary',
        text: 'For binary masks it equals 1 exactly when prediction and ground truth agree (and are not both empty).',
        feedback: String.raw`True: then $\sum ab = \sum a = \sum b$.`,
      },
      {
        id: 'equals-iou',
        text: 'It always equals the soft IoU of the same masks.',
        feedback: 'False: Dice = 2 IoU / (1 + IoU), which is larger except at 0 and 1.',
      },
    ],
    answer: ['differentiable', 'at-least-iou', 'one-when-equal-binary'],
    explanation: String.raw`With $I = \sum ab$ and $S = \sum a + \sum b$: $\mathrm{Dice} = 2I/S$ and $\mathrm{IoU} = I/(S - I)$. Dice $\ge$ IoU $\iff 2(S - I) \ge S \iff S \ge 2I$, which holds because $a + b - 2ab = a(1-b) + b(1-a) \ge 0$ for every pixel. Because it uses probabilities directly, soft Dice has useful gradients, and it is insensitive to the many true-negative background pixels, which makes it a common loss for imbalanced segmentation.`,
    difficulty: 4,
    tags: ['dice', 'iou', 'soft-metrics', 'losses'],
    source: AUTHORS,
  },
  {
    id: 'seg-fcn',
    topic: 'segmentation',
    type: 'mcq',
    stem: 'Fully convolutional networks (FCNs) for segmentation replace the dense classifier layers of a CNN with convolutions. What does this allow?',
    options: [
      {
        id: 'dense-any-size',
        text: 'The network accepts inputs of any size and outputs a spatial map of class scores instead of one label per image.',
        feedback: 'Correct.',
      },
      {
        id: 'no-training',
        text: 'The network no longer needs training.',
        feedback: 'An FCN is trained end to end with a per-pixel loss.',
      },
      {
        id: 'full-resolution',
        text: 'The output automatically has the input’s full resolution without any upsampling.',
        feedback:
          'The convolutional output is coarse (downsampled by pooling and strides); FCNs upsample it, e.g. with transposed convolutions.',
      },
      {
        id: 'fewer-classes',
        text: 'It restricts the network to two classes.',
        feedback: 'FCNs predict any number of classes per pixel.',
      },
    ],
    answer: ['dense-any-size'],
    explanation: String.raw`A dense layer expects a fixed-length input, which ties the network to one image size and collapses space into a single prediction. A $1 \times 1$ convolution applies the same classifier at every position instead, so the network produces a score map whose size follows the input. Because that map is downsampled, FCNs add upsampling layers (transposed convolutions, initialised as bilinear interpolation) and skip connections to get per-pixel predictions.`,
    difficulty: 2,
    tags: ['fcn', 'semantic-segmentation', 'transposed-convolution'],
    source: AUTHORS,
  },
  {
    id: 'seg-atrous-deeplab',
    topic: 'segmentation',
    type: 'mcq',
    stem: 'DeepLab replaces the last poolings of its backbone by atrous (dilated) convolutions. What does that buy?',
    options: [
      {
        id: 'fewer-params',
        text: 'Fewer weights per layer.',
        feedback: 'A dilated 3×3 kernel has the same 9 weights as a plain one.',
      },
      {
        id: 'resolution',
        text: 'Denser feature maps (output stride 8 or 16 instead of 32) with the receptive field the pooling would have given, at no extra weights.',
        feedback: 'Correct.',
      },
      {
        id: 'no-upsampling',
        text: 'Output at full input resolution, so no upsampling is needed.',
        feedback: 'The output is still downsampled (by 8 or 16) and upsampled at the end.',
      },
      {
        id: 'cheaper',
        text: 'Less computation, because the feature maps are smaller.',
        feedback: 'The maps are larger than with pooling, so computation grows.',
      },
    ],
    answer: ['resolution'],
    explanation: String.raw`Pooling enlarges the receptive field by throwing away resolution, which a dense prediction task needs. A dilated kernel spans $d(k - 1) + 1$ pixels with $k$ taps, so the later layers see as far as before while their maps stay at 1/8 or 1/16 of the input. The cost is compute and memory: the maps are larger. ASPP applies several dilation rates in parallel to capture context at several scales.`,
    difficulty: 2,
    tags: ['atrous-convolution', 'deeplab'],
    source: AUTHORS,
  },
  {
    id: 'seg-fcn-unet-skips',
    topic: 'segmentation',
    type: 'mcq',
    stem: 'How do FCN-8s and U-Net combine coarse deep features with fine shallow ones?',
    options: [
      {
        id: 'same',
        text: 'Both concatenate encoder feature maps with decoder feature maps.',
        feedback: 'FCN adds score maps; U-Net concatenates features.',
      },
      {
        id: 'pooling-indices',
        text: 'Both pass max-pooling indices to the decoder.',
        feedback: 'That is SegNet.',
      },
      {
        id: 'right',
        text: 'FCN-8s upsamples the class scores and adds the scores predicted from pool4 and pool3; U-Net concatenates the encoder features of each resolution with the upsampled decoder features and convolves them.',
        feedback: 'Correct.',
      },
      {
        id: 'none',
        text: 'Neither uses skip connections; they rely on transposed convolutions alone.',
        feedback: 'Both rely on skips to recover detail.',
      },
    ],
    answer: ['right'],
    explanation: String.raw`FCN-32s upsamples the stride-32 score map in one step and gets blobby masks. FCN-16s and FCN-8s add score maps computed from the stride-16 and stride-8 features (element-wise sum after upsampling), refining the boundaries. U-Net makes the decoder symmetric to the encoder and concatenates features rather than adding scores, letting the decoder's convolutions learn how to merge detail and context.`,
    difficulty: 3,
    tags: ['fcn', 'u-net', 'encoder-decoder'],
    source: AUTHORS,
  },
  {
    id: 'seg-unet-concat-code',
    topic: 'segmentation',
    type: 'mcq',
    stem: 'What is the shape of `y` in this U-Net decoder step?\n\n```python\nup = nn.ConvTranspose2d(128, 64, kernel_size=2, stride=2)\nskip = torch.randn(1, 64, 56, 56)     # encoder features\nx = torch.randn(1, 128, 28, 28)       # deeper decoder features\ny = torch.cat([up(x), skip], dim=1)\n```',
    options: [
      {
        id: 'sum',
        text: '`(1, 64, 56, 56)`',
        feedback: '`torch.cat` stacks the channels; it does not add them.',
      },
      {
        id: 'right',
        text: '`(1, 128, 56, 56)`',
        feedback: 'Correct: 64 upsampled channels plus 64 skip channels at 56×56.',
      },
      {
        id: 'no-upsample',
        text: '`(1, 192, 28, 28)`',
        feedback: 'The transposed convolution doubles the size to 56 and maps 128 channels to 64.',
      },
      {
        id: 'wrong-dim',
        text: '`(2, 64, 56, 56)`',
        feedback: 'That would concatenate along dim 0, the batch.',
      },
    ],
    answer: ['right'],
    explanation:
      String.raw`\`ConvTranspose2d(128, 64, 2, stride=2)\` gives $(28 - 1) \cdot 2 + 2 = 56$ per side and 64 channels. Concatenating with the 64-channel skip along dimension 1 gives 128 channels at $56 \times 56$. The following convolution must therefore expect 128 input channels.`.replaceAll(
        '\\`',
        '`',
      ),
    difficulty: 2,
    tags: ['code-reading', 'u-net', 'transposed-convolution'],
    source: AUTHORS,
  },
  {
    id: 'seg-hard-dice-onehot',
    topic: 'segmentation',
    type: 'mcq',
    stem: String.raw`A 2×3 label map has ground truth $\begin{bmatrix} 0 & 1 & 1 \\ 2 & 2 & 1 \end{bmatrix}$ and prediction $\begin{bmatrix} 0 & 1 & 2 \\ 2 & 2 & 1 \end{bmatrix}$ (classes 0, 1, 2). Comparing the one-hot masks of each class, what are the hard Dice coefficients of classes 0, 1 and 2?`,
    options: [
      {
        id: 'iou',
        text: String.raw`$[1, 0.667, 0.667]$`,
        feedback: 'These are the IoUs; Dice is 2·overlap over the sum of the two sizes.',
      },
      {
        id: 'right',
        text: String.raw`$[1, 0.8, 0.8]$`,
        feedback: 'Correct.',
      },
      {
        id: 'recall',
        text: String.raw`$[1, 0.667, 1]$`,
        feedback: 'That divides each overlap by the ground-truth size only (the recall).',
      },
      {
        id: 'accuracy',
        text: String.raw`$[0.833, 0.833, 0.833]$`,
        feedback: 'That is the pixel accuracy 5/6, the same for every class.',
      },
    ],
    answer: ['right'],
    explanation: String.raw`Class 0: one pixel in each, shared: $2 \cdot 1/(1 + 1) = 1$. Class 1: ground truth 3 pixels, prediction 2, shared 2: $2 \cdot 2/(3 + 2) = 0.8$. Class 2: ground truth 2, prediction 3, shared 2: $4/5 = 0.8$. The IoUs are 1, $2/3$, $2/3$. A multi-class Dice loss averages such per-class values (soft, on probabilities) so that small classes are not drowned by the background.`,
    difficulty: 3,
    tags: ['dice', 'one-hot', 'multi-class'],
    source: AUTHORS,
  },
  {
    id: 'seg-cross-entropy-shapes',
    topic: 'segmentation',
    type: 'mcq',
    stem: 'A segmentation network is trained on the 21 PASCAL VOC classes:\n\n```python\nlogits = model(images)               # (8, 21, 128, 128)\ncriterion = nn.CrossEntropyLoss(ignore_index=255)\nloss = criterion(logits, target)\n```\n\nWhat must `target` be?',
    options: [
      {
        id: 'onehot',
        text: 'A float one-hot tensor of shape `(8, 21, 128, 128)`, with 255 marking void pixels.',
        feedback:
          'Probability targets of that shape are allowed, but then there is no ignore index; the usual target is a map of class ids.',
      },
      {
        id: 'ids',
        text: 'A long tensor of class ids of shape `(8, 128, 128)`, where pixels labelled 255 are left out of the loss.',
        feedback: 'Correct.',
      },
      {
        id: 'flat',
        text: 'A long tensor of shape `(8,)`, one class per image.',
        feedback: 'That is image classification; segmentation needs a label per pixel.',
      },
      {
        id: 'softmaxed',
        text: 'The target must be passed through a softmax first.',
        feedback: 'The softmax is applied to the logits inside the loss; targets are class ids.',
      },
    ],
    answer: ['ids'],
    explanation:
      String.raw`For inputs $(N, C, H, W)$ the loss takes targets $(N, H, W)$ of class indices and averages the per-pixel cross-entropy over the pixels that are not \`ignore_index\`. VOC marks object boundaries and unlabelled pixels with 255, which must neither be counted as a class nor in the mean IoU.`.replaceAll(
        '\\`',
        '`',
      ),
    difficulty: 2,
    tags: ['code-reading', 'losses', 'semantic-segmentation'],
    source: AUTHORS,
  },
  ...templateItems('mean-iou', 'segmentation', { base: 1, tags: ['iou', 'confusion-matrix'] }),
  ...templateItems('atrous-conv', 'segmentation', { base: 0, tags: ['atrous-convolution'] }),
  ...templateItems('soft-dice', 'segmentation', {
    base: 1,
    tags: ['dice', 'soft-metrics'],
  }),
  ...templateItems('iou', 'segmentation', {
    base: 0,
    tags: ['iou'],
  }),
];
