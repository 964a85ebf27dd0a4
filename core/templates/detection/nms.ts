/**
 * `nms`: greedy non-maximum suppression with `torchvision.ops.nms` semantics (visit by decreasing
 * score, keep a box unless its IoU with a kept box is strictly greater than the threshold). The
 * answer is the keep mask in the order the boxes are listed.
 *
 * Every draw holds a chain of three boxes (the middle one overlaps both neighbours above the
 * threshold, the outer two do not), so letting suppressed boxes suppress changes the answer, and
 * a pair whose IoU equals the threshold exactly, so suppressing at ≥ changes it; levels 2–3 add a
 * box that overlaps nothing.
 */
import { boxIou, boxIouMatrix, nms, type Box } from '../../kernels';
import { numberAnswer, vectorAnswer, wrong } from '../answers';
import { finishDraw } from '../draw-rules';
import { fmt, fmtRow } from '../format';
import type { Rng } from '../rng';
import { Redraw, TemplateError } from '../types';
import type { ParamBag, Problem, TemplateDefinition } from '../types';

const LETTERS = 'ABCDEFGH';

/** Box widths w and shifts s with IoU (w − s)/(w + s) equal to each threshold. */
const TIES: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  '0.4': [[7, 3]],
  '0.5': [
    [3, 1],
    [6, 2],
    [9, 3],
  ],
  '0.6': [
    [4, 1],
    [8, 2],
  ],
};
const THRESHOLDS = [0.4, 0.5, 0.6] as const;

interface Scene {
  readonly boxes: Box[];
  readonly scores: number[];
  /** Indices (in listing order) of the chain, best first, and of the tie pair, best first. */
  readonly chain: readonly [number, number, number];
  readonly pair: readonly [number, number];
}

/** A chain of three equal boxes shifted by (dx, dy) each step, with the step IoU above t. */
function drawChain(rng: Rng, level: 1 | 2 | 3, t: number): Box[] | undefined {
  const w = rng.int(4, 8);
  const h = rng.int(3, 6);
  const dx = rng.int(1, Math.max(1, Math.floor(w / 2)));
  const dy = level === 3 ? rng.int(0, 2) : 0;
  const x = rng.int(0, 3);
  const y = rng.int(0, 2);
  const chain: Box[] = [0, 1, 2].map((i) => [
    x + i * dx,
    y + i * dy,
    x + i * dx + w,
    y + i * dy + h,
  ]);
  const step = boxIou(chain[0], chain[1]);
  const skip = boxIou(chain[0], chain[2]);
  if (!(step > t) || !(skip < t)) return undefined;
  return chain;
}

function drawScene(rng: Rng, level: 1 | 2 | 3): { scene: Scene; t: number } {
  const t = rng.pick(THRESHOLDS);
  let chain: Box[] | undefined;
  for (let attempt = 0; attempt < 20 && chain === undefined; attempt++)
    chain = drawChain(rng, level, t);
  if (chain === undefined) throw new Redraw('no chain for this threshold');
  const [w, s] = rng.pick(TIES[String(t)]);
  const ph = rng.int(2, 4);
  const top = Math.max(...chain.map((b) => b[3])) + rng.int(1, 3);
  const px = rng.int(0, 4);
  const pair: Box[] = [
    [px, top, px + w, top + ph],
    [px + s, top, px + s + w, top + ph],
  ];
  const groups: Box[][] = [chain, pair];
  if (level > 1) {
    const right = Math.max(...chain.map((b) => b[2]), ...pair.map((b) => b[2])) + rng.int(1, 3);
    const iw = rng.int(2, 5);
    const ih = rng.int(2, 5);
    const iy = rng.int(0, 4);
    groups.push([[right, iy, right + iw, iy + ih]]);
  }
  const all = groups.flat();
  // Distinct scores 0.50–0.99, sorted within the chain and the pair so the first is the best.
  const pool = rng.shuffle(Array.from({ length: 50 }, (_, i) => 50 + i)).slice(0, all.length);
  const chainScores = pool.slice(0, 3).sort((p, q) => q - p);
  const pairScores = pool.slice(3, 5).sort((p, q) => q - p);
  const rawScores = [...chainScores, ...pairScores, ...pool.slice(5)].map((v) => v / 100);
  const order = rng.shuffle(all.map((_, i) => i));
  // The chain's middle box is listed before its neighbours, so visiting in listed order (a
  // mistake) keeps it and loses both: the answer the mistake gives always differs.
  const firstOfChain = Math.min(order.indexOf(0), order.indexOf(1), order.indexOf(2));
  const middle = order.indexOf(1);
  [order[firstOfChain], order[middle]] = [order[middle], order[firstOfChain]];
  // order[k] = which drawn box is listed k-th.
  const listed = order.map((i) => all[i]);
  const scores = order.map((i) => rawScores[i]);
  const at = (i: number) => order.indexOf(i);
  return {
    scene: {
      boxes: listed,
      scores,
      chain: [at(0), at(1), at(2)],
      pair: [at(3), at(4)],
    },
    t,
  };
}

function mask(kept: readonly number[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const i of kept) out[i] = 1;
  return out;
}

/** The boxes, scores and threshold the caller fixed, checked. */
function fixedScene(p: ParamBag): { boxes: Box[]; scores: number[]; t: number } | undefined {
  const rows = p.matrix('boxes');
  const scores = p.numbers('scores');
  const t = p.num('threshold');
  if (rows === undefined && scores === undefined && t === undefined) return undefined;
  if (rows === undefined || scores === undefined || t === undefined)
    throw new TemplateError('give boxes, scores and threshold together');
  if (rows[0].length !== 4) throw new TemplateError('boxes: each row needs x1,y1,x2,y2');
  if (scores.length !== rows.length)
    throw new TemplateError(`scores: need one score per box (${rows.length})`);
  if (new Set(scores).size !== scores.length) throw new TemplateError('scores: must be distinct');
  const boxes = rows.map((r, i): Box => {
    if (r[2] <= r[0] || r[3] <= r[1])
      throw new TemplateError(`boxes: row ${i + 1} needs x1 < x2 and y1 < y2`);
    return [r[0], r[1], r[2], r[3]];
  });
  return { boxes, scores: [...scores], t };
}

function draw(rng: Rng, p: ParamBag): Problem {
  const given = fixedScene(p);
  const drawn = given === undefined ? drawScene(rng, p.level) : undefined;
  const boxes = given?.boxes ?? drawn!.scene.boxes;
  const scores = given?.scores ?? drawn!.scene.scores;
  const t = given?.t ?? drawn!.t;
  const scene = drawn?.scene;
  const n = boxes.length;
  const keptIdx = nms(boxes, scores, t);
  const key = mask(keptIdx, n);
  const v = (m: number[]) => vectorAnswer(m, 0);
  const label = (i: number) => LETTERS[i];
  const byScore = boxes.map((_, i) => i).sort((i, j) => scores[j] - scores[i] || i - j);
  const table =
    '| box | $x_1$ | $y_1$ | $x_2$ | $y_2$ | score |\n|---|---|---|---|---|---|\n' +
    boxes
      .map((b, i) => `| ${label(i)} | ${b.map((c) => fmt(c)).join(' | ')} | ${fmt(scores[i], 2)} |`)
      .join('\n');
  const ious = boxIouMatrix(boxes, boxes);
  // The best box and the box it overlaps most (the chain's first pair in a drawn scene).
  const top = byScore[0];
  const partner = boxes
    .map((_, i) => i)
    .filter((i) => i !== top)
    .reduce((best, i) => (ious[top][i] > ious[top][best] ? i : best), top === 0 ? 1 : 0);
  const seen: number[] = [];
  const walk = byScore.map((i) => {
    // The kept box of higher score that overlaps box i most.
    let worst = -1;
    for (const k of seen) if (worst < 0 || ious[i][k] > ious[i][worst]) worst = k;
    const kept = keptIdx.includes(i);
    if (kept) seen.push(i);
    const reason =
      worst < 0 || ious[i][worst] === 0
        ? 'overlaps no kept box'
        : `IoU with kept ${label(worst)} is ${fmt(ious[i][worst], 3)}, ${kept ? 'not above' : 'above'} ${fmt(t, 2)}`;
    return `${label(i)} (${fmt(scores[i], 2)}): ${reason}, so ${kept ? 'kept' : 'suppressed'}.`;
  });
  return finishDraw(
    {
      stem:
        `A detector outputs these boxes for one class, in continuous coordinates $(x_1, y_1, x_2, y_2)$:\n\n${table}\n\n` +
        `Non-maximum suppression runs as \`torchvision.ops.nms(boxes, scores, iou_threshold=${fmt(t, 2)})\`: ` +
        `boxes are visited by decreasing score, and a box is discarded when its IoU with a box already kept is strictly greater than ${fmt(t, 2)}. ` +
        `Which boxes are kept? Answer with a keep mask in the order ${boxes.map((_, i) => label(i)).join(', ')} (1 = kept, 0 = suppressed).`,
      answer: v(key),
      entryHint: `${n} values, 1 for a kept box and 0 for a suppressed one, in the order ${boxes.map((_, i) => label(i)).join(', ')}`,
      distractors: [
        wrong(
          'nms-suppressed-still-suppress',
          v(mask(nms(boxes, scores, t, { suppressedStillSuppress: true }), n)),
          scene === undefined
            ? 'Only kept boxes suppress: once a box is removed, its overlaps no longer count.'
            : `Only kept boxes suppress. ${label(scene.chain[1])} was removed by ${label(scene.chain[0])}, so its overlap with ${label(scene.chain[2])} no longer counts.`,
        ),
        wrong(
          'nms-suppress-at-threshold',
          v(mask(nms(boxes, scores, t, { suppress: 'at-least' }), n)),
          `${scene === undefined ? 'An IoU equal to' : `The IoU of ${label(scene.pair[0])} and ${label(scene.pair[1])} is exactly`} ${fmt(t, 2)}${scene === undefined ? ' is not above it' : ''}; torchvision discards only boxes strictly above the threshold (tfjs's nonMaxSuppression discards at ≥).`,
          'nms-strictly-greater',
        ),
        wrong(
          'nms-input-order',
          v(mask(nms(boxes, scores, t, { order: 'input' }), n)),
          'NMS visits the boxes by decreasing score, whatever order they are listed in; the best-scoring box of a cluster must win.',
        ),
      ],
      correctFeedback:
        'Right: visit by score, and a box goes only when a box already kept overlaps it by more than the threshold.',
      parts: [
        {
          id: 'top-iou',
          prompt: `The IoU of box ${label(top)} (the highest score) with box ${label(partner)}.`,
          answer: numberAnswer(ious[top][partner], 3),
          hint: 'Overlap area over (area + area − overlap).',
        },
        ...(scene === undefined
          ? []
          : [
              {
                id: 'tie-iou',
                prompt: `The IoU of boxes ${label(scene.pair[0])} and ${label(scene.pair[1])}.`,
                answer: numberAnswer(ious[scene.pair[0]][scene.pair[1]], 3),
                hint: 'The two boxes have the same size; only their left edges differ.',
              },
            ]),
        {
          id: 'kept-count',
          prompt: 'How many boxes does NMS keep?',
          answer: numberAnswer(keptIdx.length, 0),
          hint: 'Walk the boxes from the highest score down, keeping a list of the boxes kept so far.',
        },
      ],
      hints: {
        nudge:
          'Sort by score; walk down the list; compare each box only with the boxes you have kept so far.',
        formula: `keep box $i$ $\\iff$ $\\text{IoU}(i, k) \\le ${fmt(t, 2)}$ for every kept box $k$ with a higher score`,
        firstStep: `By score: ${byScore.map((i) => `${label(i)} (${fmt(scores[i], 2)})`).join(', ')}; ${label(byScore[0])} is kept.`,
      },
      explanation:
        'Greedy NMS keeps the best-scoring box of each cluster of overlapping detections: visit the boxes by decreasing ' +
        'score, keep the current box, and discard every later box that overlaps a kept box by more than the threshold. ' +
        'A box that has been discarded plays no further part, so two boxes that overlap only through a discarded middle ' +
        'box both survive. torchvision discards only IoU strictly greater than the threshold, so a box exactly at it ' +
        'survives (TensorFlow’s and tfjs’s `nonMaxSuppression` discard at ≥, a difference that shows only on exact ties).',
      steps: [
        `Order by score: ${byScore.map((i) => `${label(i)} (${fmt(scores[i], 2)})`).join(', ')}.`,
        ...walk,
        `Keep mask: $${fmtRow(key)}$.`,
      ],
    },
    { fixed: given !== undefined },
  );
}

/** Non-maximum suppression of a handful of boxes. */
export const nmsTemplate: TemplateDefinition = {
  id: 'nms',
  topic: 'object-detection',
  title: 'Non-maximum suppression (torchvision.ops.nms)',
  answerKind: 'vector',
  forms: ['mcq', 'numeric'],
  params: {
    boxes: {
      kind: 'matrix',
      maxRows: 8,
      maxCols: 4,
      description:
        'boxes, one x1,y1,x2,y2 row each (default: drawn); give with scores and threshold',
    },
    scores: {
      kind: 'numbers',
      minLength: 2,
      maxLength: 8,
      description: 'distinct scores, one per box (default: drawn)',
    },
    threshold: {
      kind: 'number',
      min: 0.05,
      max: 0.95,
      description: 'IoU threshold (default: drawn)',
    },
  },
  draw,
};
