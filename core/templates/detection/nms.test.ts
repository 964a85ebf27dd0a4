/**
 * `nms`: the keep mask and its named mistakes recomputed from the stem's table over 300 seeds.
 *
 * Oracles: `tf.image.nonMaxSuppression` (tfjs-core 4.22) discards a candidate when its IoU with a
 * selected box is **≥** the threshold (`if (iou >= iouThreshold)` in `nonMaxSuppressionImpl_`),
 * while `torchvision.ops.nms`, which the stem follows, discards only IoU **strictly greater**. So
 * tfjs is the oracle of the "suppressed at ≥" mistake, and on every draw a pair of boxes sits
 * exactly at the threshold, where tfjs and the key must differ. The key itself and the other two
 * mistakes come from loops written here.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import type { Problem } from '../types';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  tf.tidy(() => tf.scalar(0).dataSync());
  warn.mockRestore();
});

type Box = number[];

function iou(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = w * h;
  return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
}

/** Greedy NMS written out: `order` of visiting, strict `>`, and who may suppress. */
function greedy(boxes: Box[], order: number[], t: number, suppressedSuppress = false): number[] {
  const keep = boxes.map(() => 0);
  const visited: number[] = [];
  for (const i of order) {
    const blockers = suppressedSuppress ? visited : visited.filter((k) => keep[k] === 1);
    if (!blockers.some((k) => iou(boxes[i], boxes[k]) > t)) keep[i] = 1;
    visited.push(i);
  }
  return keep;
}

function tfKeepMask(boxes: Box[], scores: number[], t: number): number[] {
  const kept = tf.tidy(() =>
    Array.from(
      tf.image
        .nonMaxSuppression(
          tf.tensor2d(boxes.map(([x1, y1, x2, y2]) => [y1, x1, y2, x2])),
          tf.tensor1d(scores),
          boxes.length,
          t,
        )
        .dataSync(),
    ),
  );
  return boxes.map((_, i) => (kept.includes(i) ? 1 : 0));
}

function scene(stem: string): { boxes: Box[]; scores: number[]; t: number } {
  const rows = [...stem.matchAll(/^\| [A-H] \| (.*) \|$/gm)].map(([, body]) =>
    body.split('|').map((v) => Number(v.trim())),
  );
  const t = Number(/iou_threshold=([\d.]+)/.exec(stem)![1]);
  return { boxes: rows.map((r) => r.slice(0, 4)), scores: rows.map((r) => r[4]), t };
}

function candidate(problem: Problem, id: string): readonly number[] | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value);
}

describe('nms against written-out greedy loops and tfjs', () => {
  it('matches the keep mask, every mistake and the parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('nms', seed, {
        form: 'numeric',
        params: { level },
      });
      const { boxes, scores, t } = scene(problem.stem);
      expect(boxes).toHaveLength(level === 1 ? 5 : 6);
      const byScore = boxes.map((_, i) => i).sort((i, j) => scores[j] - scores[i]);
      const key = greedy(boxes, byScore, t);
      expect(answerValues(problem.answer)).toEqual(key);
      expect(candidate(problem, 'nms-suppressed-still-suppress')).toEqual(
        greedy(boxes, byScore, t, true),
      );
      expect(candidate(problem, 'nms-input-order')).toEqual(
        greedy(
          boxes,
          boxes.map((_, i) => i),
          t,
        ),
      );
      const tfMask = tfKeepMask(boxes, scores, t);
      expect(candidate(problem, 'nms-suppress-at-threshold')).toEqual(tfMask);
      // A pair exactly at the threshold: torchvision keeps it, tfjs does not.
      expect(boxes.some((a, i) => boxes.some((b, j) => i < j && iou(a, b) === t))).toBe(true);
      expect(tfMask).not.toEqual(key);
      expect(problem.stem).toContain('strictly greater than');
      const parts = new Map(variant.question.parts?.map((p) => [p.id, p.key.value]));
      const top = byScore[0];
      const partner = boxes
        .map((_, i) => i)
        .filter((i) => i !== top)
        .sort((i, j) => iou(boxes[top], boxes[j]) - iou(boxes[top], boxes[i]))[0];
      expect(parts.get('top-iou')).toBeCloseTo(iou(boxes[top], boxes[partner]), 12);
      expect(parts.get('tie-iou')).toBe(t);
      expect(parts.get('kept-count')).toBe(key.reduce((a, v) => a + v, 0));
    }
  });

  it('hand case: a chain, an exact tie and a listing out of score order', () => {
    // A = (1, 0, 5, 4) 0.8, B = (0, 0, 4, 4) 0.9, C = (2, 0, 6, 4) 0.7, D = (0, 6, 6, 8) 0.6,
    // E = (2, 6, 8, 8) 0.5, threshold 0.5.
    // IoU(B, A) = 3·4 / (16 + 16 − 12) = 12/20 = 0.6; IoU(B, C) = 2·4 / 24 = 1/3;
    // IoU(D, E) = 4·2 / (12 + 12 − 8) = 8/16 = 0.5 exactly; no other pair overlaps.
    // By score: B kept; A 0.6 > 0.5 suppressed; C 1/3 with B kept; D kept; E 0.5 not > 0.5 kept.
    const params = {
      boxes: '1,0,5,4;0,0,4,4;2,0,6,4;0,6,6,8;2,6,8,8',
      scores: '0.8,0.9,0.7,0.6,0.5',
      threshold: 0.5,
    };
    const v = mcq('nms', params);
    expect(correctNumbers(v)).toEqual([0, 1, 1, 1, 1]);
    // Suppressed A still suppressing C (IoU(A, C) = 12/20 = 0.6): [0, 1, 0, 1, 1].
    expect(wrongNumbers(v, 'nms-suppressed-still-suppress')).toEqual([0, 1, 0, 1, 1]);
    // Suppressing at ≥ removes E: [0, 1, 1, 1, 0].
    expect(wrongNumbers(v, 'nms-suppress-at-threshold')).toEqual([0, 1, 1, 1, 0]);
    // Listed order: A kept, B (0.6 with A) suppressed, C (0.6 with A) suppressed, D, E kept.
    expect(wrongNumbers(v, 'nms-input-order')).toEqual([1, 0, 0, 1, 1]);
  });

  it('refuses a score list that does not fit the boxes', () => {
    expect(() =>
      mcq('nms', { boxes: '0,0,2,2;1,1,3,3', scores: '0.9,0.8,0.7', threshold: 0.5 }),
    ).toThrow(/one score per box/);
  });
});
