import type { BankItemInput } from '../../bank/schema';
import { AUTHORS } from '../sources';
import { templateItems } from '../template-items';

type Option = { id: string; text: string; feedback: string; pin?: boolean };

/** `tex` that also turns the escaped backticks of code spans and fences into plain ones. */
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
  return { ...fields, topic: 'object-detection', source: AUTHORS };
}

/** Object detection: boxes, IoU, anchors, NMS, two-stage and one-stage detectors. */
export const objectDetectionItems: BankItemInput[] = [
  item({
    id: 'od-two-stage-one-stage',
    type: 'mcq',
    stem: 'What distinguishes a two-stage detector such as Faster R-CNN from a one-stage detector such as YOLO, SSD or RetinaNet?',
    options: [
      {
        id: 'anchors',
        text: 'Only two-stage detectors use anchor boxes.',
        feedback: 'SSD and RetinaNet are one-stage and use anchors at every location as well.',
      },
      {
        id: 'proposals',
        text: 'A two-stage detector first proposes candidate regions, then classifies and refines each proposal from features pooled for it; a one-stage detector predicts classes and boxes densely in one pass.',
        feedback: 'Correct.',
      },
      {
        id: 'nms',
        text: 'Only one-stage detectors need non-maximum suppression.',
        feedback: 'Both produce overlapping detections and both apply NMS.',
      },
      {
        id: 'backbone',
        text: 'Two-stage detectors train two separate backbones, one per stage.',
        feedback:
          'Faster R-CNN shares one backbone between the region proposal network and the detection head.',
      },
    ],
    answer: ['proposals'],
    explanation: tex`
Faster R-CNN runs a region proposal network (RPN) over the shared feature map to score anchors as object or background and refine them into a few hundred proposals; RoI pooling (or RoIAlign) then cuts a fixed-size feature for each proposal, and a second head classifies it and refines its box. One-stage detectors skip the proposal step and predict class scores and box offsets for every anchor or grid cell at once, which is faster; RetinaNet's focal loss closed most of the accuracy gap by handling the flood of easy background anchors. Anchors and NMS appear in both families.
    `,
    difficulty: 2,
    tags: ['two-stage', 'one-stage', 'faster-r-cnn', 'yolo'],
  }),
  item({
    id: 'od-rpn-outputs',
    type: 'mcq',
    stem: tex`
A region proposal network places $k = 9$ anchors at every cell of its feature map. Following Faster R-CNN, its classification layer gives two scores (object, background) per anchor and its regression layer four box offsets per anchor. How many output channels do the two $1 \times 1$ convolutions have?
    `,
    options: [
      {
        id: 'per-cell',
        text: '2 and 4',
        feedback: 'That is per anchor; every cell has 9 anchors.',
      },
      {
        id: 'swapped',
        text: '36 and 18',
        feedback: 'Classification has 2 outputs per anchor, regression 4.',
      },
      {
        id: 'right',
        text: '18 and 36',
        feedback: 'Correct: 2k = 18 scores and 4k = 36 offsets per cell.',
      },
      {
        id: 'summed',
        text: '11 and 13',
        feedback: 'Each anchor gets its own outputs, so the counts multiply by k rather than add.',
      },
    ],
    answer: ['right'],
    explanation: tex`
The RPN slides a small network over the feature map; at each cell it predicts, for each of the $k$ anchors, an objectness score pair ($2k$ channels with a softmax, or $k$ with a sigmoid) and four offsets $(t_x, t_y, t_w, t_h)$ ($4k$ channels). With $k = 9$ (3 scales × 3 aspect ratios) that is 18 and 36 channels. The same "outputs per anchor times anchors per cell" rule gives RetinaNet's head $K \cdot A$ class channels for $K$ classes.
    `,
    hints: [
      'Count the outputs one anchor needs, then multiply by the anchors at one cell.',
      tex`
Classification: $2k$; regression: $4k$.
      `,
    ],
    difficulty: 2,
    tags: ['anchors', 'rpn', 'faster-r-cnn'],
  }),
  item({
    id: 'od-box-format-bug',
    type: 'mcq',
    stem: tex`
A student evaluates COCO annotations, which store boxes as $(x, y, w, h)$, with torchvision:

\`\`\`python
import torch
from torchvision.ops import box_iou

gt = torch.tensor([[10., 20., 30., 40.]])    # COCO annotation: x, y, w, h
pred = torch.tensor([[12., 22., 40., 60.]])  # model output: x1, y1, x2, y2
print(box_iou(gt, pred))
\`\`\`

What is wrong?
    `,
    options: [
      {
        id: 'no-batch',
        text: '`box_iou` needs a batch dimension of size 1 in front of each tensor.',
        feedback: '`box_iou` takes N×4 and M×4 tensors and returns N×M; the shapes here are fine.',
      },
      {
        id: 'format',
        text: '`box_iou` reads every box as $(x_1, y_1, x_2, y_2)$, so the annotation is taken as a box from $(10, 20)$ to $(30, 40)$ instead of to $(40, 60)$; convert it first, e.g. with `box_convert(gt, "xywh", "xyxy")`.',
        feedback: 'Correct: the IoU printed is that of the wrong box.',
      },
      {
        id: 'integers',
        text: 'The coordinates must be integers.',
        feedback: 'torchvision boxes are float tensors in continuous coordinates.',
      },
      {
        id: 'order',
        text: 'The arguments are in the wrong order: the prediction must come first.',
        feedback: 'IoU is symmetric; the order only transposes the N×M result.',
      },
    ],
    answer: ['format'],
    explanation: tex`
torchvision's box operations (\`box_iou\`, \`nms\`, \`roi_align\`) all expect corner format \`xyxy\`. COCO's \`bbox\` field is \`xywh\`: the top-left corner, then width and height. Read as corners, $[10, 20, 30, 40]$ is a $20 \times 20$ box instead of the $30 \times 40$ box from $(10, 20)$ to $(40, 60)$, and the IoU with the prediction comes out as $324/1140 \approx 0.284$ instead of $1064/1200 \approx 0.887$. Nothing raises an error, which is why such format mix-ups survive into evaluation code; \`torchvision.ops.box_convert\` converts between \`xyxy\`, \`xywh\` and \`cxcywh\`.
    `,
    difficulty: 3,
    tags: ['code-reading', 'box-format', 'iou'],
  }),
  item({
    id: 'od-box-iou-shape',
    type: 'mcq',
    stem: tex`
What does this print?

\`\`\`python
import torch
from torchvision.ops import box_iou

gt = torch.rand(3, 4).sort(dim=1).values    # 3 boxes (corners made valid)
pred = torch.rand(5, 4).sort(dim=1).values  # 5 boxes
print(box_iou(gt, pred).shape)
\`\`\`
    `,
    options: [
      {
        id: 'pairwise',
        text: '`torch.Size([3, 5])`',
        feedback: 'Correct: one IoU for every (ground truth, prediction) pair.',
      },
      {
        id: 'elementwise',
        text: '`torch.Size([3])`',
        feedback:
          '`box_iou` does not pair boxes by position (that would need equal counts); it compares every box with every box.',
      },
      {
        id: 'flat',
        text: '`torch.Size([15])`',
        feedback: 'The pairwise IoUs come as a matrix, not flattened.',
      },
      {
        id: 'transposed',
        text: '`torch.Size([5, 3])`',
        feedback: 'Rows follow the first argument, columns the second.',
      },
    ],
    answer: ['pairwise'],
    explanation: tex`
\`box_iou(boxes1, boxes2)\` takes an N×4 and an M×4 tensor of \`xyxy\` boxes and returns the N×M matrix of pairwise IoUs. Matching predictions to ground truth starts from exactly this matrix: for each prediction, the column maximum says which object it overlaps most and whether that overlap reaches the threshold. (Sorting each row of four random numbers only makes $x_1 \le y_1 \le x_2 \le y_2$ hold, so every box is valid.)
    `,
    difficulty: 2,
    tags: ['code-reading', 'iou', 'torchvision'],
  }),
  item({
    id: 'od-nms-code',
    type: 'mcq',
    stem: tex`
What does \`keep\` hold after this call?

\`\`\`python
import torch
from torchvision.ops import nms

boxes = torch.tensor([[0., 0., 10., 10.],
                      [1., 1., 11., 11.],
                      [20., 20., 30., 30.]])
scores = torch.tensor([0.6, 0.8, 0.9])
keep = nms(boxes, scores, iou_threshold=0.5)
\`\`\`
    `,
    options: [
      {
        id: 'mask',
        text: '`tensor([False, True, True])`, a keep mask',
        feedback: '`nms` returns indices, not a mask.',
      },
      {
        id: 'input-order',
        text: '`tensor([1, 2])`, the kept indices in input order',
        feedback: 'The right boxes, but `nms` returns them sorted by decreasing score.',
      },
      {
        id: 'all',
        text: '`tensor([2, 1, 0])`',
        feedback:
          'Boxes 0 and 1 overlap with IoU 81/119 ≈ 0.68 > 0.5, so the lower-scored box 0 is suppressed.',
      },
      {
        id: 'sorted-kept',
        text: '`tensor([2, 1])`, the kept indices, highest score first',
        feedback:
          'Correct: box 2 (0.9) overlaps nothing, box 1 (0.8) is kept and suppresses box 0 (IoU ≈ 0.68).',
      },
    ],
    answer: ['sorted-kept'],
    explanation: tex`
\`torchvision.ops.nms\` returns the indices of the kept boxes sorted by decreasing score. Box 2 has the best score and is kept. Box 1 (score 0.8) does not touch it and is kept. Box 0 overlaps box 1 on $[1, 10] \times [1, 10]$, area 81; the union is $100 + 100 - 81 = 119$, so IoU $\approx 0.68$, strictly greater than 0.5: it is discarded. \`nms\` works on one class at a time; \`batched_nms\` takes class labels so that boxes of different classes never suppress each other.
    `,
    difficulty: 3,
    tags: ['code-reading', 'nms', 'torchvision'],
  }),
  item({
    id: 'od-nms-threshold-effects',
    type: 'msq',
    stem: 'A detector is run with non-maximum suppression. Which statements about the IoU threshold of NMS are true? Select all that apply.',
    options: [
      {
        id: 'higher-keeps-more',
        text: 'Raising the threshold keeps more boxes, since fewer pairs overlap by more than it.',
        feedback: 'True.',
      },
      {
        id: 'crowds',
        text: 'A low threshold can delete correct detections of different objects that overlap, as in crowds.',
        feedback: 'True: two people standing close can overlap by more than 0.3.',
      },
      {
        id: 'duplicates',
        text: 'A threshold close to 1 leaves duplicate detections of the same object, which count as false positives.',
        feedback: 'True: hardly any pair is suppressed.',
      },
      {
        id: 'score-change',
        text: 'Changing the threshold changes the scores of the boxes that are kept.',
        feedback: 'Hard NMS only keeps or discards boxes; scores change only in Soft-NMS.',
      },
    ],
    answer: ['higher-keeps-more', 'crowds', 'duplicates'],
    explanation: tex`
NMS discards a box when it overlaps a better-scoring kept box by more than the threshold. A low threshold removes duplicates aggressively but also real neighbours; a high one keeps neighbours but lets duplicates through, and every duplicate is a false positive in the evaluation. Typical values are 0.5–0.7. Soft-NMS instead lowers the scores of overlapping boxes, a compromise for crowded scenes.
    `,
    difficulty: 2,
    tags: ['nms'],
  }),
  item({
    id: 'od-anchor-labels',
    type: 'msq',
    stem: "How does Faster R-CNN's region proposal network label its anchors for training? Select all that apply.",
    options: [
      {
        id: 'positive',
        text: 'An anchor whose IoU with some ground-truth box is above 0.7 is positive.',
        feedback: 'True.',
      },
      {
        id: 'best',
        text: 'For each ground-truth box, the anchor with the highest IoU is positive, even below 0.7.',
        feedback: 'True: so that every object has at least one positive anchor.',
      },
      {
        id: 'negative',
        text: 'An anchor whose IoU is below 0.3 with every ground-truth box is negative.',
        feedback: 'True.',
      },
      {
        id: 'between',
        text: 'Anchors between 0.3 and 0.7 are labelled negative as well.',
        feedback: 'They are ambiguous and ignored: they contribute no loss.',
      },
    ],
    answer: ['positive', 'best', 'negative'],
    explanation: tex`
Anchor assignment turns box IoU into training labels: clear overlaps are objects, clear misses background, and the ambiguous middle band is left out so it does not send contradictory signals. Each mini-batch then samples up to 256 anchors with at most half positives, because negatives vastly outnumber positives. RetinaNet uses thresholds 0.5 and 0.4 with the same idea.
    `,
    difficulty: 3,
    tags: ['anchors', 'rpn', 'iou'],
  }),
  item({
    id: 'od-box-regression',
    type: 'mcq',
    stem: tex`
An anchor has centre $(x_a, y_a) = (50, 40)$, width $w_a = 20$ and height $h_a = 10$. Faster R-CNN encodes a target box as $t_x = (x - x_a)/w_a$, $t_y = (y - y_a)/h_a$, $t_w = \ln(w/w_a)$, $t_h = \ln(h/h_a)$. For the ground-truth box with centre $(54, 40)$, width 40 and height 10, what are $(t_x, t_y, t_w, t_h)$?
    `,
    options: [
      {
        id: 'pixels',
        text: tex`
$(4, 0, 20, 0)$
        `,
        feedback: 'Offsets are scaled by the anchor size and sizes enter as log ratios.',
      },
      {
        id: 'no-log',
        text: tex`
$(0.2, 0, 2, 1)$
        `,
        feedback: tex`
The size targets are logarithms: $\ln 2 \approx 0.693$ and $\ln 1 = 0$.
        `,
      },
      {
        id: 'right',
        text: tex`
$(0.2, 0, 0.693, 0)$
        `,
        feedback: tex`
Correct: $4/20$, $0/10$, $\ln(40/20)$, $\ln(10/10)$.
        `,
      },
      {
        id: 'by-height',
        text: tex`
$(0.4, 0, 0.693, 0)$
        `,
        feedback: 'The x offset is divided by the anchor width (20), not its height.',
      },
    ],
    answer: ['right'],
    explanation: tex`
Dividing the centre offsets by the anchor's size makes the targets scale-invariant, and the log of the size ratio makes growing and shrinking symmetric and keeps the predicted size positive after decoding ($w = w_a e^{t_w}$). Here $t_x = (54 - 50)/20 = 0.2$, $t_y = 0$, $t_w = \ln 2 \approx 0.693$, $t_h = 0$. The regression loss (smooth L1) is applied to these four numbers, for positive anchors only.
    `,
    hints: [
      'Offsets are measured in anchor widths and heights; sizes as log ratios.',
      tex`
$t_x = (54 - 50)/20$, $t_w = \ln(40/20)$.
      `,
    ],
    difficulty: 3,
    tags: ['anchors', 'box-regression'],
  }),
  item({
    id: 'od-roi-align',
    type: 'mcq',
    stem: 'Why does Mask R-CNN replace RoI pooling with RoIAlign?',
    options: [
      {
        id: 'speed',
        text: 'RoIAlign is much faster, which real-time detection needs.',
        feedback: 'Speed is not the point; both cost about the same.',
      },
      {
        id: 'parameters',
        text: 'RoIAlign has learnable weights, RoI pooling has none.',
        feedback: 'Neither has weights; both only resample the feature map.',
      },
      {
        id: 'variable',
        text: 'RoIAlign outputs features of the proposal’s own size, so no fixed-size input is needed.',
        feedback: 'Both produce a fixed-size grid (e.g. 7×7) per proposal.',
      },
      {
        id: 'quantisation',
        text: 'RoI pooling rounds the proposal and its bins to whole feature-map cells; RoIAlign samples at the exact positions with bilinear interpolation, which keeps masks aligned with the object.',
        feedback: 'Correct.',
      },
    ],
    answer: ['quantisation'],
    explanation: tex`
Both layers turn a proposal of any size into a fixed grid of features for the head. RoI pooling quantises twice: the proposal's coordinates divided by the stride (16 or 32) are rounded, and so are its bin boundaries, so the features can be shifted by up to a cell, i.e. 16–32 image pixels. Boxes tolerate that; pixel-accurate masks do not. RoIAlign keeps the coordinates continuous and reads each sample point by bilinear interpolation.
    `,
    difficulty: 3,
    tags: ['two-stage', 'roi-align', 'mask-r-cnn'],
  }),
  item({
    id: 'od-focal-loss',
    type: 'mcq',
    stem: tex`
RetinaNet's focal loss is $\mathrm{FL}(p_t) = -(1 - p_t)^{\gamma} \log p_t$, where $p_t$ is the predicted probability of the true label. With $\gamma = 2$, by what factor does it scale the cross-entropy of an easy background anchor with $p_t = 0.9$, compared with a hard one with $p_t = 0.5$?
    `,
    options: [
      {
        id: 'easy-tiny',
        text: tex`
$0.01$ for the easy anchor and $0.25$ for the hard one
        `,
        feedback: tex`
Correct: $(1 - 0.9)^2$ and $(1 - 0.5)^2$.
        `,
      },
      {
        id: 'no-square',
        text: tex`
$0.1$ for the easy anchor and $0.5$ for the hard one
        `,
        feedback: tex`
The factor is raised to $\gamma = 2$.
        `,
      },
      {
        id: 'inverted',
        text: tex`
$0.81$ for the easy anchor and $0.25$ for the hard one
        `,
        feedback: tex`
That is $p_t^2$; the factor is $(1 - p_t)^2$, which shrinks as the prediction gets right.
        `,
      },
      {
        id: 'same',
        text: 'The same factor for both; only the class weight α differs',
        feedback: 'The modulating factor depends on how well each anchor is classified.',
      },
    ],
    answer: ['easy-tiny'],
    explanation: tex`
A one-stage detector scores about $10^5$ anchors per image, nearly all easy background. Their small losses add up and swamp the few objects. The factor $(1 - p_t)^\gamma$ shrinks the loss of well-classified anchors (×0.01 at $p_t = 0.9$) far more than that of hard ones (×0.25 at $p_t = 0.5$), so training concentrates on the hard examples. With $\gamma = 0$ it is plain cross-entropy.
    `,
    difficulty: 3,
    tags: ['one-stage', 'focal-loss', 'retinanet', 'class-imbalance'],
  }),
  item({
    id: 'od-yolo-output',
    type: 'mcq',
    stem: tex`
YOLO (v1) divides the image into an $S \times S$ grid; each cell predicts $B$ boxes, each with 4 coordinates and a confidence, plus $C$ class probabilities shared by the cell. With $S = 7$, $B = 2$ and the 20 PASCAL VOC classes, what is the shape of the output?
    `,
    options: [
      {
        id: 'per-box-classes',
        text: tex`
$7 \times 7 \times 50$
        `,
        feedback: tex`
That gives each box its own class probabilities, $2 \cdot (5 + 20)$; in YOLO v1 the cell shares them.
        `,
      },
      {
        id: 'right',
        text: tex`
$7 \times 7 \times 30$
        `,
        feedback: tex`
Correct: $2 \cdot 5 + 20 = 30$ per cell.
        `,
      },
      {
        id: 'no-confidence',
        text: tex`
$7 \times 7 \times 28$
        `,
        feedback: 'Each box also predicts a confidence: 5 numbers per box, not 4.',
      },
      {
        id: 'one-box',
        text: tex`
$7 \times 7 \times 25$
        `,
        feedback: 'Each cell predicts B = 2 boxes.',
      },
    ],
    answer: ['right'],
    explanation: tex`
Per cell YOLO v1 outputs $B \cdot 5 + C$ numbers: for each box $(x, y, w, h)$ and a confidence (objectness × IoU), then one class distribution for the cell, $2 \cdot 5 + 20 = 30$. The whole image is one $7 \times 7 \times 30$ tensor, predicted in a single pass, which is what makes it a one-stage detector. Later versions (and SSD) predict classes per anchor box instead.
    `,
    difficulty: 2,
    tags: ['one-stage', 'yolo'],
  }),
  ...templateItems('box-iou', 'object-detection', { base: 0, tags: ['iou', 'boxes'] }),
  ...templateItems('nms', 'object-detection', { base: 1, tags: ['nms'] }),
  ...templateItems('anchor-count', 'object-detection', { base: 0, tags: ['anchors'] }),
];
