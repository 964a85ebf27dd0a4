import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

type Option = { id: string; text: string; feedback: string; pin?: boolean };

/** `String.raw` (trimmed) that also turns the escaped backticks of code spans and fences into plain ones. */
function tex(strings: TemplateStringsArray, ...values: unknown[]): string {
  return String.raw(strings, ...values)
    .replaceAll('\\`', '`')
    .trim();
}

/** A single- or multiple-answer item of this topic (source: the DeepDrill authors). */
function item(
  fields: Omit<Extract<BankItemInput, { type: 'mcq' | 'msq' }>, 'topic' | 'source' | 'options'> & {
    options: Option[];
  },
): BankItemInput {
  return { ...fields, topic: 'detection-metrics', source: AUTHORS };
}

/** Precision, recall, AP and mAP of detectors and classifiers. */
export const detectionMetricsItems: BankItemInput[] = [
  item({
    id: 'dm-tp-matching',
    type: 'mcq',
    stem: 'In PASCAL VOC evaluation at IoU 0.5, when is a detection of class "dog" a true positive?',
    options: [
      {
        id: 'any-overlap',
        text: 'When it overlaps any dog box at all.',
        feedback: 'Overlap alone is not enough: the IoU must reach the threshold.',
      },
      {
        id: 'score',
        text: 'When its confidence is above 0.5.',
        feedback: 'The confidence ranks detections; it does not decide whether one is correct.',
      },
      {
        id: 'matched',
        text: 'When its IoU with a dog box that no higher-scored detection has matched yet is at least 0.5.',
        feedback: 'Correct.',
      },
      {
        id: 'any-class',
        text: 'When its IoU with any ground-truth box, of any class, is at least 0.5.',
        feedback: 'AP is computed per class: the box must be a dog.',
      },
    ],
    answer: ['matched'],
    explanation: tex`
Detections of a class are processed by decreasing confidence. Each one is matched to the ground-truth box of that class it overlaps most; it is a true positive if that IoU reaches the threshold and the box is still unmatched, and then the box is marked as taken. Otherwise (too little overlap, or the object was already found) it is a false positive. Objects never matched are the false negatives that keep the recall below 1.
    `,
    difficulty: 2,
    tags: ['matching', 'iou', 'precision-recall'],
  }),
  item({
    id: 'dm-duplicates',
    type: 'mcq',
    stem: 'A detector outputs two boxes on the same cat, scores 0.9 and 0.8, both with IoU above 0.5 with the one cat box. How are they counted?',
    options: [
      {
        id: 'both-tp',
        text: 'Both are true positives.',
        feedback: 'Each ground-truth object can be matched only once.',
      },
      {
        id: 'one-each',
        text: 'The 0.9 box is a true positive and the 0.8 box a false positive.',
        feedback: 'Correct: the duplicate lowers precision, which is why NMS removes duplicates.',
      },
      {
        id: 'ignored',
        text: 'The 0.9 box is a true positive and the 0.8 box is ignored.',
        feedback: 'Duplicates are not ignored; they count as false positives.',
      },
      {
        id: 'both-fp',
        text: 'Both are false positives, since the detection is ambiguous.',
        feedback: 'The higher-scored box matches the cat.',
      },
    ],
    answer: ['one-each'],
    explanation: tex`
Matching is one-to-one: the best-scored detection takes the object, and every further detection of it is a false positive. Duplicates therefore cost precision without adding recall, so unsuppressed duplicates lower the AP.
    `,
    difficulty: 2,
    tags: ['matching', 'nms', 'precision-recall'],
  }),
  item({
    id: 'dm-f1-harmonic',
    type: 'mcq',
    stem: String.raw`A detector has precision $0.9$ and recall $0.1$. What is its F1 score?`,
    options: [
      {
        id: 'arithmetic',
        text: '0.5',
        feedback: 'That is the arithmetic mean; F1 is the harmonic mean.',
      },
      {
        id: 'geometric',
        text: '0.3',
        feedback: String.raw`That is the geometric mean $\sqrt{0.09}$.`,
      },
      { id: 'harmonic', text: '0.18', feedback: String.raw`Correct: $2 \cdot 0.09 / 1.0$.` },
      {
        id: 'product',
        text: '0.09',
        feedback: String.raw`That is the product $P \cdot R$; F1 is $2PR/(P + R)$.`,
      },
    ],
    answer: ['harmonic'],
    explanation: String.raw`$F_1 = \frac{2PR}{P + R} = \frac{2 \cdot 0.9 \cdot 0.1}{1.0} = 0.18$. The harmonic mean stays close to the smaller value, so a detector cannot hide a terrible recall behind a high precision. The arithmetic mean 0.5 would flatter it.`,
    hints: ['F1 is a harmonic mean.', String.raw`$F_1 = 2PR/(P + R)$.`],
    difficulty: 1,
    tags: ['f1', 'precision-recall'],
  }),
  item({
    id: 'dm-map-mean',
    type: 'mcq',
    stem: 'A detector has AP 0.8 on "car" (900 test objects), 0.6 on "person" (90 objects) and 0.4 on "bicycle" (10 objects). What is its mAP?',
    options: [
      {
        id: 'weighted',
        text: '0.778',
        feedback:
          'That weights each AP by the number of objects; mAP averages the classes equally.',
      },
      { id: 'mean', text: '0.6', feedback: 'Correct: (0.8 + 0.6 + 0.4)/3.' },
      {
        id: 'best',
        text: '0.8',
        feedback: 'mAP averages over all classes, not the best one.',
      },
      {
        id: 'product',
        text: '0.192',
        feedback: 'The APs are averaged, not multiplied.',
      },
    ],
    answer: ['mean'],
    explanation: String.raw`mAP is the unweighted mean of the per-class APs: $(0.8 + 0.6 + 0.4)/3 = 0.6$. A rare class counts as much as a frequent one, so the poor bicycle AP pulls the score down even though bicycles are 1% of the objects. Weighting by object count would give $(900 \cdot 0.8 + 90 \cdot 0.6 + 10 \cdot 0.4)/1000 = 0.778$.`,
    difficulty: 1,
    tags: ['map'],
  }),
  item({
    id: 'dm-coco-ap',
    type: 'mcq',
    stem: 'What does COCO report as its main "AP" (often written AP@[.5:.95])?',
    options: [
      {
        id: 'ap50',
        text: 'AP at IoU 0.5, averaged over classes.',
        feedback: 'That is AP50, the PASCAL VOC metric; COCO reports it separately.',
      },
      {
        id: 'range',
        text: 'AP averaged over the classes and over the ten IoU thresholds 0.50, 0.55, …, 0.95.',
        feedback: 'Correct.',
      },
      {
        id: 'best-threshold',
        text: 'The best AP over the IoU thresholds from 0.5 to 0.95.',
        feedback: 'It averages over the thresholds; it does not pick the best.',
      },
      {
        id: 'scores',
        text: 'AP averaged over score thresholds from 0.5 to 0.95.',
        feedback: 'AP already sweeps all score thresholds; the range is over IoU thresholds.',
      },
    ],
    answer: ['range'],
    explanation: tex`
COCO's AP averages over IoU thresholds 0.5:0.05:0.95 (and over classes), so it rewards precise localisation: a box with IoU 0.6 is a hit at the first two thresholds and a miss at the other eight. AP50 and AP75 are reported alongside, as are AP for small, medium and large objects. COCO also interpolates the precision envelope at 101 recall points.
    `,
    difficulty: 2,
    tags: ['map', 'coco', 'iou'],
  }),
  item({
    id: 'dm-ap75-vs-ap50',
    type: 'mcq',
    stem: 'A detector is evaluated at IoU thresholds 0.5 and 0.75. How do AP50 and AP75 usually compare?',
    options: [
      {
        id: 'higher-75',
        text: 'AP75 is higher: a stricter threshold leaves only good detections.',
        feedback:
          'The detections are the same; a stricter threshold turns some hits into false positives.',
      },
      {
        id: 'equal',
        text: 'They are equal: the IoU threshold only affects NMS.',
        feedback: 'The evaluation threshold decides which detections count as true positives.',
      },
      {
        id: 'lower-75',
        text: 'AP75 is at most about AP50: every detection that matches at IoU 0.75 also matches at 0.5, so raising the threshold can only turn hits into misses.',
        feedback: 'Correct.',
      },
      {
        id: 'unrelated',
        text: 'They are unrelated; either can be much larger.',
        feedback:
          'Raising the matching threshold can only remove true positives (up to matching-order effects).',
      },
    ],
    answer: ['lower-75'],
    explanation: tex`
The ranking is fixed; only the TP/FP labels change with the threshold, and a stricter threshold can only relabel true positives as false positives. Precision and recall drop at every rank, so AP75 ≤ AP50 in practice. The gap between them measures localisation quality.
    `,
    difficulty: 2,
    tags: ['map', 'iou'],
  }),
  item({
    id: 'dm-recall-cap',
    type: 'mcq',
    stem: 'A detector finds 6 of the 10 objects of a class in the test set, whatever score threshold is used. What does that mean for its AP on that class?',
    options: [
      {
        id: 'ignore',
        text: 'Nothing: AP only looks at the detections that were made.',
        feedback: 'Recall divides by all 10 objects, so the misses count.',
      },
      {
        id: 'cap',
        text: 'The AP is at most 0.6, because the precision–recall curve ends at recall 0.6.',
        feedback: 'Correct: the area beyond recall 0.6 is zero.',
      },
      {
        id: 'precision',
        text: 'The precision is at most 0.6.',
        feedback: 'Precision concerns false positives; the six hits may all be clean.',
      },
      {
        id: 'zero',
        text: 'The AP is 0, because some objects were missed.',
        feedback: 'Missed objects cap the AP; they do not zero it.',
      },
    ],
    answer: ['cap'],
    explanation: String.raw`AP is the area under the precision–recall curve, with recall $= TP/G$ over all $G = 10$ objects. If at best 6 are found, the curve stops at recall 0.6, and even with perfect precision the area is at most $0.6 \cdot 1 = 0.6$.`,
    difficulty: 2,
    tags: ['ap', 'precision-recall'],
  }),
  item({
    id: 'dm-threshold-tradeoff',
    type: 'msq',
    stem: "A detector's score threshold is raised from 0.3 to 0.7. Which statements are typically true? Select all that apply.",
    options: [
      {
        id: 'fewer',
        text: 'Fewer detections are reported.',
        feedback: 'True.',
      },
      {
        id: 'recall-down',
        text: 'Recall can only stay the same or fall.',
        feedback: 'True: dropping detections cannot find more objects.',
      },
      {
        id: 'precision-up',
        text: 'Precision usually rises, since low-scored detections are more often false positives.',
        feedback: 'True, though not guaranteed at every step.',
      },
      {
        id: 'ap-changes',
        text: 'The AP of the detector changes.',
        feedback:
          'AP sweeps every threshold over the ranking, so it does not depend on the operating threshold (apart from detections cut before evaluation).',
      },
    ],
    answer: ['fewer', 'recall-down', 'precision-up'],
    explanation: tex`
The score threshold picks one operating point on the precision–recall curve: a higher threshold keeps fewer, more confident detections, which usually raises precision and can only lower recall. AP summarises the whole curve, every threshold at once, which is why it is used to compare detectors.
    `,
    difficulty: 2,
    tags: ['precision-recall', 'ap'],
  }),
  item({
    id: 'dm-sklearn-ap-code',
    type: 'mcq',
    stem: tex`
A student scores one class of a detector with scikit-learn:

\`\`\`python
from sklearn.metrics import average_precision_score

# one entry per detection, sorted or not: 1 = true positive, 0 = false positive
y_true = [1, 0, 1, 1, 0]
scores = [0.9, 0.8, 0.7, 0.6, 0.5]
print(average_precision_score(y_true, scores))
\`\`\`

The test set has 5 objects of this class, 2 of which were never detected. What is wrong with this as the detection AP?
    `,
    options: [
      {
        id: 'sorted',
        text: 'The detections must be passed in increasing score order.',
        feedback: 'The function sorts by score itself.',
      },
      {
        id: 'nothing',
        text: 'Nothing: it computes the VOC all-point AP.',
        feedback: 'It neither sees the missed objects nor applies the envelope.',
      },
      {
        id: 'misses-envelope',
        text: 'It only knows the 3 objects that were found (recall is divided by 3, not 5), and it sums the raw precision without the monotone envelope.',
        feedback: 'Correct.',
      },
      {
        id: 'probabilities',
        text: 'The scores must be probabilities that sum to 1.',
        feedback: 'Any scores that rank the detections will do.',
      },
    ],
    answer: ['misses-envelope'],
    explanation: tex`
\`average_precision_score\` treats \`y_true\` as the complete set of positives, so recall is divided by the 3 ones in it instead of the 5 objects, and it computes $\sum_n (R_n - R_{n-1}) P_n$ with the raw precision (no interpolation). Here it gives $\frac13(1 + \frac23 + \frac34) \approx 0.806$. The detection AP with all-point interpolation divides recall by 5: $\frac15(1 + 0.75 + 0.75) = 0.5$. Detection toolkits (VOC, COCO) count the missed objects through the number of ground-truth boxes.
    `,
    difficulty: 4,
    tags: ['code-reading', 'ap', 'sklearn'],
  }),
  item({
    id: 'dm-confusion-code',
    type: 'mcq',
    stem: tex`
What does this print?

\`\`\`python
from sklearn.metrics import confusion_matrix

y_true = [0, 0, 1, 1, 1, 2]
y_pred = [0, 1, 1, 1, 2, 2]
m = confusion_matrix(y_true, y_pred)
print(m[1, 1] / m[:, 1].sum())
\`\`\`
    `,
    options: [
      {
        id: 'recall',
        text: '0.667, the recall of class 1',
        feedback: 'Rows are true classes, so a column sum counts predictions: this is a precision.',
      },
      {
        id: 'precision',
        text: '0.667, the precision of class 1',
        feedback: 'Correct: 2 of the 3 predictions of class 1 are right.',
      },
      {
        id: 'accuracy',
        text: '0.667, the accuracy',
        feedback:
          'The accuracy is 4/6 too, but this expression divides by the predictions of class 1.',
      },
      {
        id: 'half',
        text: '0.5, the precision of class 1',
        feedback: 'Column 1 holds 1 + 2 + 0 = 3 predictions of class 1, 2 of them right.',
      },
    ],
    answer: ['precision'],
    explanation: tex`
scikit-learn puts true classes in rows and predictions in columns: \`m = [[1, 1, 0], [0, 2, 1], [0, 0, 1]]\`. Column 1 counts everything predicted as class 1 (one item of class 0, two of class 1), so \`m[1, 1] / m[:, 1].sum()\` = 2/3 is the precision of class 1. Its recall is the row: \`m[1, 1] / m[1].sum()\` = 2/3 as well, by coincidence; the accuracy 4/6 coincides too. Which margin you divide by is what distinguishes precision from recall.
    `,
    difficulty: 3,
    tags: ['code-reading', 'confusion-matrix', 'precision-recall'],
  }),
  item({
    id: 'dm-precision-recall-defs',
    type: 'mcq',
    stem: 'For a detector, what do precision and recall measure?',
    options: [
      {
        id: 'swapped',
        text: 'Precision: the share of objects that were found; recall: the share of detections that are correct.',
        feedback: 'These are swapped.',
      },
      {
        id: 'iou',
        text: 'Precision: the mean IoU of the detections; recall: their number.',
        feedback: 'IoU decides the matching; precision and recall count matches.',
      },
      {
        id: 'right',
        text: 'Precision: the share of detections that are correct, TP/(TP + FP); recall: the share of objects that were found, TP/(TP + FN).',
        feedback: 'Correct.',
      },
      {
        id: 'accuracy',
        text: 'Both are accuracies, one on the training set and one on the test set.',
        feedback: 'Both are computed on the same evaluation set.',
      },
    ],
    answer: ['right'],
    explanation: tex`
Precision asks "of what I reported, how much is right?", recall "of what is there, how much did I find?". Detection has no true negatives (the background is not a countable set of objects), which is why it is scored with precision and recall rather than accuracy.
    `,
    difficulty: 1,
    tags: ['precision-recall'],
  }),
  item({
    id: 'dm-interpolation-conventions',
    type: 'msq',
    stem: 'Which statements about how average precision is computed are true? Select all that apply.',
    options: [
      {
        id: 'voc07',
        text: 'PASCAL VOC 2007 averaged the interpolated precision at the 11 recall levels 0, 0.1, …, 1.',
        feedback: 'True.',
      },
      {
        id: 'allpoint',
        text: 'From VOC 2010 on, AP is the area under the interpolated curve at every recall step (all-point interpolation).',
        feedback: 'True.',
      },
      {
        id: 'envelope',
        text: 'The interpolated precision at a recall r is the maximum precision at any recall ≥ r.',
        feedback: 'True: this makes the curve monotone.',
      },
      {
        id: 'same',
        text: 'All conventions give the same number, so reports need not say which they use.',
        feedback: 'They differ, often in the second decimal.',
      },
    ],
    answer: ['voc07', 'allpoint', 'envelope'],
    explanation: tex`
The raw precision–recall curve zigzags: each false positive lowers precision, each true positive raises it again. The envelope replaces each point by the best precision at any higher recall. VOC 2007 sampled it at 11 recall levels, VOC 2010+ integrates it exactly, COCO samples 101 levels, and scikit-learn sums the raw precision. The same detections can therefore get noticeably different AP values.
    `,
    difficulty: 3,
    tags: ['ap', 'conventions'],
  }),
  item({
    id: 'dm-no-true-negatives',
    type: 'mcq',
    stem: 'Why is object detection not scored with accuracy (correct decisions over all decisions)?',
    options: [
      {
        id: 'slow',
        text: 'Accuracy is too slow to compute on large test sets.',
        feedback: 'Speed is not the issue.',
      },
      {
        id: 'tn',
        text: 'There is no finite set of true negatives: every possible box without an object would be one, so accuracy is undefined or meaningless.',
        feedback: 'Correct.',
      },
      {
        id: 'classes',
        text: 'Accuracy only works for two classes.',
        feedback: 'Accuracy is defined for any number of classes.',
      },
      {
        id: 'boxes',
        text: 'Accuracy ignores the confidence scores, so precision and recall are used instead.',
        feedback:
          'Precision and recall at one threshold ignore scores too; the problem is the missing negatives.',
      },
    ],
    answer: ['tn'],
    explanation: tex`
A classifier makes one decision per item, so TP + FP + FN + TN is the number of items. A detector reports a handful of boxes out of a practically infinite set of possible boxes; the correctly "not reported" boxes cannot be counted. Precision and recall use only TP, FP and FN, which are finite, and AP summarises them over all score thresholds.
    `,
    difficulty: 2,
    tags: ['precision-recall'],
  }),
  ...templateItems('average-precision', 'detection-metrics', { base: 1, tags: ['ap'] }),
  ...templateItems('confusion-prf1', 'detection-metrics', {
    base: 0,
    tags: ['precision-recall', 'f1', 'confusion-matrix'],
  }),
];
