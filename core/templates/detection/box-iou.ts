/**
 * `box-iou`: intersection over union of two axis-aligned boxes, torchvision's `box_iou` (corners
 * in continuous coordinates, no + 1). Level 3 gives the boxes in COCO's (x, y, w, h) format.
 */
import { boxArea, boxIntersection, boxIou, type Box } from '../../kernels';
import { numberAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt } from '../format';
import type { Rng } from '../rng';
import { equalsOrApprox } from '../stats-steps';
import { Redraw, TemplateError } from '../types';
import type { Distractor, ParamBag, Problem, TemplateDefinition } from '../types';

const DECIMALS = 3;

function drawBox(rng: Rng, level: 1 | 2 | 3): Box {
  // Level 3 (COCO format) keeps corners near the origin and sizes large, so reading (x, y, w, h)
  // as corners usually still gives a box: that mistake is then on offer.
  const span = level === 1 ? 10 : level === 2 ? 20 : 10;
  const x = rng.int(0, span - 4);
  const y = rng.int(0, span - 4);
  const w = rng.int(level === 3 ? 4 : 2, level === 1 ? 6 : level === 2 ? 10 : 12);
  const h = rng.int(level === 3 ? 4 : 2, level === 1 ? 6 : level === 2 ? 10 : 12);
  return [x, y, x + w, y + h];
}

function fixedBox(p: ParamBag, name: string): Box | undefined {
  const v = p.numbers(name);
  if (v === undefined) return undefined;
  if (v.length !== 4) throw new TemplateError(`${name}: a box needs 4 numbers x1,y1,x2,y2`);
  if (v[2] <= v[0] || v[3] <= v[1])
    throw new TemplateError(`${name}: need x1 < x2 and y1 < y2, got ${v.join(',')}`);
  return [v[0], v[1], v[2], v[3]];
}

const boxText = (b: Box) => `(${b.map((v) => fmt(v, 2)).join(', ')})`;
const xywh = (b: Box): Box => [b[0], b[1], b[2] - b[0], b[3] - b[1]];

function draw(rng: Rng, p: ParamBag): Problem {
  const level = p.level;
  const fa = fixedBox(p, 'a');
  const fb = fixedBox(p, 'b');
  const fixed = fa !== undefined && fb !== undefined;
  const a = fa ?? drawBox(rng, level);
  const b = fb ?? drawBox(rng, level);
  const areaA = boxArea(a);
  const areaB = boxArea(b);
  const inter = boxIntersection(a, b);
  if (inter === 0 || inter === areaA || inter === areaB) {
    if (fixed) throw new TemplateError('the boxes must overlap partially');
    throw new Redraw('no or total overlap');
  }
  const union = areaA + areaB - inter;
  const value = boxIou(a, b);
  const coco = level === 3;
  const n = (x: number) => numberAnswer(x, DECIMALS);
  const plusOne = (q: Box): Box => [q[0], q[1], q[2] + 1, q[3] + 1];
  const pa = plusOne(a);
  const pb = plusOne(b);
  const distractors: Distractor[] = [
    wrong(
      'box-union-not-reduced',
      n(inter / (areaA + areaB)),
      'Adding the two areas counts the overlap twice; the union is area A + area B − overlap.',
    ),
    wrong(
      'box-iou-over-smaller',
      n(inter / Math.min(areaA, areaB)),
      'Dividing by the smaller box measures how much of it is covered, not the IoU; the denominator is the union.',
    ),
    wrong(
      'box-iou-as-dice',
      n((2 * inter) / (areaA + areaB)),
      'Twice the overlap over the sum of the areas is the Dice coefficient (F1), which is never below the IoU.',
    ),
    wrong(
      'box-plus-one-pixel',
      n(boxIou(pa, pb)),
      'The coordinates are continuous: a box from x1 to x2 is x2 − x1 wide. The + 1 belongs to the old inclusive-pixel convention.',
      'continuous-box-coords',
    ),
  ];
  if (coco) {
    // Reading (x, y, w, h) as corners: the "x2" is the width, usable only where it exceeds x.
    const [ra, rb] = [xywh(a), xywh(b)];
    if (ra[2] > ra[0] && ra[3] > ra[1] && rb[2] > rb[0] && rb[3] > rb[1]) {
      distractors.unshift(
        wrong(
          'box-xywh-as-xyxy',
          n(boxIou(ra, rb)),
          'The boxes are in (x, y, w, h) format: the third and fourth numbers are a width and a height, so x2 = x + w and y2 = y + h.',
        ),
      );
    }
  }
  const shownA = coco ? xywh(a) : a;
  const shownB = coco ? xywh(b) : b;
  const format = coco
    ? "COCO's $(x, y, w, h)$ format: the top-left corner $(x, y)$, then the width and the height"
    : "torchvision's `xyxy` format $(x_1, y_1, x_2, y_2)$: the top-left and the bottom-right corner";
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  const overlapStep =
    `Overlap: width $\\min(${fmt(a[2], 2)}, ${fmt(b[2], 2)}) - \\max(${fmt(a[0], 2)}, ${fmt(b[0], 2)}) = ${fmt(w, 2)}$, ` +
    `height $\\min(${fmt(a[3], 2)}, ${fmt(b[3], 2)}) - \\max(${fmt(a[1], 2)}, ${fmt(b[1], 2)}) = ${fmt(h, 2)}$, area $${fmt(w, 2)} \\cdot ${fmt(h, 2)} = ${fmt(inter, 4)}$.`;
  const cornerStep = coco
    ? [`Corners: $A = ${boxText(a)}$ and $B = ${boxText(b)}$ ($x_2 = x + w$, $y_2 = y + h$).`]
    : [];
  return finishDraw(
    {
      stem:
        `A detector predicts box $B$ for an object whose ground-truth box is $A$. Both are given in ${format}, ` +
        `in continuous coordinates (a box is $x_2 - x_1$ wide, no $+1$), as \`torchvision.ops.box_iou\` reads them:\n\n` +
        `$A = ${boxText(shownA)}$, $B = ${boxText(shownB)}$.\n\nWhat is the IoU of $A$ and $B$?`,
      answer: n(value),
      distractors,
      correctFeedback:
        'Right: the overlap area divided by the area of the union, counting the overlap once.',
      parts: [
        {
          id: 'intersection',
          prompt: 'The area of the intersection of $A$ and $B$.',
          answer: numberAnswer(inter, 4),
          hint: 'The overlap runs from the larger of the two left edges to the smaller of the two right edges, and likewise vertically.',
        },
        {
          id: 'union',
          prompt: 'The area of the union: area $A$ + area $B$ − the intersection.',
          answer: numberAnswer(union, 4),
          hint: 'Each box area is width times height; the overlap is in both, so subtract it once.',
        },
      ],
      hints: {
        nudge: coco
          ? 'Turn each $(x, y, w, h)$ into corners first; then compare what the boxes share with everything they cover together.'
          : 'Compare the area the boxes share with the area they cover together, counting the shared part once.',
        formula:
          '$\\text{IoU} = \\frac{|A \\cap B|}{|A| + |B| - |A \\cap B|}$, with $|A| = (x_2 - x_1)(y_2 - y_1)$',
        firstStep: coco ? cornerStep[0] : overlapStep,
      },
      explanation:
        'IoU divides the area two boxes share by the area they cover together. The overlap of two axis-aligned boxes is ' +
        'again a box, from the larger left/top edge to the smaller right/bottom edge (empty if these cross). The union is ' +
        'both areas minus the overlap, which would otherwise be counted twice. Detection benchmarks call a prediction a ' +
        'match when its IoU with a ground-truth box reaches a threshold such as 0.5. Dividing by the smaller box or ' +
        'taking the Dice coefficient gives larger numbers that are not the IoU.' +
        (coco
          ? ' COCO stores boxes as $(x, y, w, h)$ while torchvision works in $(x_1, y_1, x_2, y_2)$; mixing the two formats is a common bug (`torchvision.ops.box_convert` converts).'
          : ''),
      steps: [
        ...cornerStep,
        overlapStep,
        `Areas: $|A| = ${fmt(a[2] - a[0], 2)} \\cdot ${fmt(a[3] - a[1], 2)} = ${fmt(areaA, 4)}$, $|B| = ${fmt(b[2] - b[0], 2)} \\cdot ${fmt(b[3] - b[1], 2)} = ${fmt(areaB, 4)}$; union $${fmt(areaA, 4)} + ${fmt(areaB, 4)} - ${fmt(inter, 4)} = ${fmt(union, 4)}$.`,
        `IoU $= \\frac{${fmt(inter, 4)}}{${fmt(union, 4)}} ${equalsOrApprox(value, DECIMALS)}$.`,
      ],
    },
    { fixed },
  );
}

/** IoU of two boxes. */
export const boxIouTemplate: TemplateDefinition = {
  id: 'box-iou',
  topic: 'object-detection',
  title: 'IoU of two bounding boxes',
  answerKind: 'number',
  forms: ['mcq', 'numeric'],
  params: {
    a: {
      kind: 'numbers',
      minLength: 4,
      maxLength: 4,
      description: 'ground-truth box x1,y1,x2,y2 (default: drawn)',
    },
    b: {
      kind: 'numbers',
      minLength: 4,
      maxLength: 4,
      description: 'predicted box x1,y1,x2,y2 (default: drawn)',
    },
  },
  draw,
};
