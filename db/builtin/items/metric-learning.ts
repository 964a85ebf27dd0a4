import type { BankItemInput } from '../../bank/schema';
import { AUTHORS, SOURCE_REMARK } from '../sources';
import { templateItems } from '../template-items';

/** Embeddings learned from similarity: triplet and contrastive losses, Siamese nets, one-shot learning. */
export const metricLearningItems: BankItemInput[] = [
  {
    id: 'ml-triplet-loss-goal',
    topic: 'metric-learning',
    type: 'mcq',
    stem: String.raw`The triplet loss is $\mathcal{L}(a, p, n) = \max\bigl(0,\ d(a, p) - d(a, n) + m\bigr)$ for an anchor $a$, a positive $p$ (same identity) and a negative $n$ (different identity), with margin $m > 0$. When is the loss of a triplet zero?`,
    options: [
      {
        id: 'positive-closer',
        text: 'As soon as the positive is closer to the anchor than the negative.',
        feedback: 'Being closer is not enough: the gap has to reach the margin m.',
      },
      {
        id: 'all-equal',
        text: 'When all three embeddings coincide.',
        feedback: String.raw`Then $d(a, p) = d(a, n) = 0$ and the loss is $m > 0$; the margin is what rules out this collapse.`,
      },
      {
        id: 'margin-satisfied',
        text: 'When the negative is farther from the anchor than the positive by at least the margin.',
        feedback: String.raw`Correct: $d(a, n) \ge d(a, p) + m$.`,
      },
      {
        id: 'negative-close',
        text: 'When the negative is closer to the anchor than the positive.',
        feedback: 'That is the worst case, with the largest loss.',
      },
    ],
    answer: ['margin-satisfied'],
    explanation: String.raw`The loss is positive exactly when $d(a, p) + m > d(a, n)$, i.e. when the negative is not yet pushed at least $m$ farther away than the positive. Minimising it pulls same-identity embeddings together and pushes different identities apart until the margin holds. Without the margin ($m = 0$), mapping every input to the same point would already give zero loss.`,
    difficulty: 2,
    tags: ['triplet-loss', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'ml-triplet-loss-value',
    topic: 'metric-learning',
    type: 'numeric',
    stem: String.raw`Embeddings: anchor $a = (1, 1)$, positive $p = (4, 5)$, negative $n = (1, 7)$. Using Euclidean distance and margin $m = 2$, compute the triplet loss $\max\bigl(0,\ d(a, p) - d(a, n) + m\bigr)$.`,
    answer: { value: 1, tolerance: { abs: 0.001 } },
    answerFormat: 'a number',
    explanation: String.raw`$d(a, p) = \sqrt{3^2 + 4^2} = 5$ and $d(a, n) = \sqrt{0^2 + 6^2} = 6$. Then $\max(0,\ 5 - 6 + 2) = 1$. The negative is already farther than the positive, but not by the margin of 2, so this triplet still produces a gradient.`,
    hints: [
      'Compare how far the anchor is from the positive and from the negative: the loss is zero only once the negative is farther by at least the margin.',
      String.raw`$\mathcal{L} = \max\bigl(0,\ \lVert a - p\rVert_2 - \lVert a - n\rVert_2 + m\bigr)$.`,
      String.raw`$d(a, p) = \sqrt{(4-1)^2 + (5-1)^2} = \sqrt{9 + 16} = 5$.`,
    ],
    parts: [
      {
        id: 'anchor-positive',
        prompt: String.raw`The distance $d(a, p)$ from the anchor to the positive.`,
        answer: { value: 5, tolerance: { abs: 0.001 } },
      },
      {
        id: 'anchor-negative',
        prompt: String.raw`The distance $d(a, n)$ from the anchor to the negative.`,
        answer: { value: 6, tolerance: { abs: 0.001 } },
        hint: 'The two points differ in one coordinate only.',
      },
    ],
    difficulty: 2,
    tags: ['triplet-loss', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'ml-one-shot',
    topic: 'metric-learning',
    type: 'mcq',
    stem: 'A company wants its door camera to recognise each employee from a single registered photo, and new employees join every week. What approach fits this one-shot setting?',
    options: [
      {
        id: 'similarity',
        text: 'Learn an embedding (e.g. with a Siamese network or triplet loss) and accept a person when the distance to their registered photo is below a threshold.',
        feedback: 'Correct: new people only need one photo in the gallery, no retraining.',
      },
      {
        id: 'softmax-per-person',
        text: 'Train a softmax classifier with one output per employee.',
        feedback:
          'One image per class is far too little to train a classifier, and every new employee would require changing the output layer and retraining.',
      },
      {
        id: 'augment-1000',
        text: 'Augment each photo 1000 times and train a classifier from scratch.',
        feedback:
          'Augmented copies of one photo add little real variation and still require retraining for every new person.',
      },
      {
        id: 'pixel-distance',
        text: 'Compare raw pixel values of the camera image and the registered photo.',
        feedback: 'Pixel distances are dominated by lighting, pose and background, not identity.',
      },
    ],
    answer: ['similarity'],
    explanation: String.raw`One-shot learning recognises a class from a single example. Instead of learning the classes, the network learns a *similarity function*: an embedding trained (on many other identities) so that photos of the same person are close and different people are far apart. At deployment, a new person is added by storing one embedding; recognition compares distances to the gallery against a threshold. This is how FaceNet-style face verification works.`,
    difficulty: 2,
    tags: ['one-shot-learning', 'siamese', 'live-session-remark'],
    source: SOURCE_REMARK,
  },
  {
    id: 'ml-siamese-shared-weights',
    topic: 'metric-learning',
    type: 'mcq',
    stem: 'What is characteristic of a Siamese network used to compare two images?',
    options: [
      {
        id: 'separate',
        text: 'Each image has its own network with independently learned weights.',
        feedback:
          'Then the two embeddings would live in different spaces and their distance would mean little.',
      },
      {
        id: 'concat-classify',
        text: 'The two images are stacked as channels and classified by one softmax over identities.',
        feedback: 'That is a classifier over known identities, not a learned distance.',
      },
      {
        id: 'generator',
        text: 'One branch generates images and the other judges them.',
        feedback: 'That describes a GAN, not a Siamese network.',
      },
      {
        id: 'shared',
        text: 'Both images pass through the same network with the same weights, and the two embeddings are compared by a distance.',
        feedback: 'Correct: shared weights make the comparison consistent and symmetric.',
      },
    ],
    answer: ['shared'],
    explanation: String.raw`A Siamese network is one embedding network $f$ applied twice: $d(x_1, x_2) = \lVert f(x_1) - f(x_2)\rVert$. It is trained on pairs (contrastive loss) or triplets (triplet loss) so that the distance reflects similarity. Because both inputs go through the same weights, $d(x_1, x_2) = d(x_2, x_1)$ and the embedding of an image does not depend on what it is compared with.`,
    difficulty: 1,
    tags: ['siamese', 'one-shot-learning'],
    source: AUTHORS,
  },
  {
    id: 'ml-hard-negatives',
    topic: 'metric-learning',
    type: 'mcq',
    stem: 'Training with randomly chosen triplets stalls: the loss is near zero but verification accuracy is mediocre. Why, and what helps?',
    options: [
      {
        id: 'lower-margin',
        text: 'The margin is too large; set it to 0.',
        feedback:
          'A margin of 0 makes even more triplets give zero loss and allows collapsed embeddings.',
      },
      {
        id: 'more-positives',
        text: 'There are too many negatives; use only anchor–positive pairs.',
        feedback: 'Without negatives nothing stops all embeddings from collapsing to one point.',
      },
      {
        id: 'mining',
        text: 'Most random triplets already satisfy the margin and give zero gradient; mining hard or semi-hard negatives restores a useful signal.',
        feedback: 'Correct.',
      },
      {
        id: 'softmax',
        text: 'Triplet loss cannot train embeddings; switch to plain softmax.',
        feedback: 'Triplet loss trains embeddings well when the triplets are informative.',
      },
    ],
    answer: ['mining'],
    explanation: String.raw`A random negative is usually very different from the anchor, so $d(a, n) > d(a, p) + m$ already holds, the loss is $\max(0, \cdot) = 0$ and no gradient flows. Training then only sees a handful of informative triplets. Hard-negative mining picks negatives close to the anchor; semi-hard mining (FaceNet) picks negatives farther than the positive but within the margin, which gives informative gradients without the instability of the very hardest cases.`,
    difficulty: 3,
    tags: ['triplet-loss', 'hard-negative-mining'],
    source: AUTHORS,
  },
  {
    id: 'ml-why-not-softmax',
    topic: 'metric-learning',
    type: 'mcq',
    stem: 'Why is a face-verification system usually built on a learned embedding and a distance threshold rather than on a softmax over the known identities?',
    options: [
      {
        id: 'faster-training',
        text: 'Because softmax classifiers cannot be trained on faces.',
        feedback:
          'Softmax classifiers are even used to pretrain face embeddings; the issue is the open set of identities.',
      },
      {
        id: 'open-set',
        text: 'Because new identities must be handled without retraining, and verification asks "same person or not?", which a distance answers directly.',
        feedback: 'Correct.',
      },
      {
        id: 'no-labels',
        text: 'Because embeddings need no labels at all.',
        feedback: 'Triplet and contrastive losses need to know which images share an identity.',
      },
      {
        id: 'fewer-params',
        text: 'Because embedding networks have no parameters.',
        feedback: 'The embedding network is a full CNN with many parameters.',
      },
    ],
    answer: ['open-set'],
    explanation: String.raw`A softmax classifier has one output per identity known at training time: it cannot represent a new person, and it always picks one of the known people, even for a stranger. An embedding network maps any face to a vector; identities are added or removed by changing a gallery of reference embeddings, and "same person?" becomes $\lVert f(x_1) - f(x_2)\rVert < \tau$.`,
    difficulty: 2,
    tags: ['one-shot-learning', 'embeddings', 'face-verification'],
    source: AUTHORS,
  },
  {
    id: 'ml-contrastive-loss',
    topic: 'metric-learning',
    type: 'numeric',
    stem: String.raw`A contrastive loss for a pair at embedding distance $d$ is $\mathcal{L} = y\,d^2 + (1 - y)\,\max(0,\ m - d)^2$, with $y = 1$ for a similar pair and $y = 0$ for a dissimilar one. With margin $m = 2$, what is the loss of a **dissimilar** pair at distance $d = 0.5$?`,
    answer: { value: 2.25, tolerance: { abs: 0.001 } },
    answerFormat: 'a number',
    explanation: String.raw`For $y = 0$ only the second term remains: $\max(0,\ 2 - 0.5)^2 = 1.5^2 = 2.25$. The pair is too close for two different identities, so the loss pushes them apart; once $d \ge 2$ the pair costs nothing. (Some texts put a factor $\frac{1}{2}$ in front of both terms.)`,
    difficulty: 2,
    tags: ['contrastive-loss', 'siamese'],
    source: AUTHORS,
  },
  {
    id: 'ml-triplet-facts',
    topic: 'metric-learning',
    type: 'msq',
    stem: String.raw`Which statements about the triplet loss $\max(0,\ d(a, p) - d(a, n) + m)$ are true? Select all that apply.`,
    options: [
      {
        id: 'needs-identity',
        text: 'Building triplets requires knowing which examples share an identity or class.',
        feedback: 'True: positives and negatives are defined by those labels.',
      },
      {
        id: 'collapse-without-margin',
        text: 'With m = 0, mapping every input to the same point gives zero loss.',
        feedback:
          'True: all distances are 0, so the loss is max(0, 0) = 0. The margin prevents this collapse.',
      },
      {
        id: 'zero-when-satisfied',
        text: 'A triplet whose negative is farther from the anchor than the positive by at least m contributes zero loss and zero gradient.',
        feedback: 'True.',
      },
      {
        id: 'class-probabilities',
        text: 'The network trained with it outputs a probability for each known class.',
        feedback: 'False: it outputs an embedding vector; classes are not part of the output.',
      },
    ],
    answer: ['needs-identity', 'collapse-without-margin', 'zero-when-satisfied'],
    explanation: String.raw`The triplet loss is a hinge on the difference of two distances. It is weakly supervised (needs same/different information, not a fixed class list), produces embeddings rather than class scores, goes flat once the margin is met, and relies on the margin to rule out the trivial collapsed solution.`,
    difficulty: 3,
    tags: ['triplet-loss', 'embeddings'],
    source: AUTHORS,
  },
  ...templateItems('triplet-loss', 'metric-learning', {
    base: 1,
    tags: ['triplet-loss'],
  }),
];
