/**
 * `box-iou`: key, named mistakes and parts recomputed from the stem's two boxes by counting unit
 * cells (an implementation unrelated to the kernel's corner arithmetic), over 300 seeds.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import type { Problem } from '../types';

type Box = [number, number, number, number];

/** Covered unit cells of integer xyxy boxes: intersection, union and the two areas. */
function cells(a: Box, b: Box): { inter: number; union: number; areaA: number; areaB: number } {
  let inter = 0;
  let union = 0;
  let areaA = 0;
  let areaB = 0;
  for (let x = 0; x < 60; x++) {
    for (let y = 0; y < 60; y++) {
      const inA = x >= a[0] && x < a[2] && y >= a[1] && y < a[3];
      const inB = x >= b[0] && x < b[2] && y >= b[1] && y < b[3];
      if (inA) areaA++;
      if (inB) areaB++;
      if (inA && inB) inter++;
      if (inA || inB) union++;
    }
  }
  return { inter, union, areaA, areaB };
}

function candidate(problem: Problem, id: string): number | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value)[0];
}

function boxesOf(stem: string): [number[], number[]] {
  const match = /\$A = \(([^)]*)\)\$, \$B = \(([^)]*)\)\$/.exec(stem);
  if (match === null) throw new Error(`no boxes in ${stem}`);
  const read = (t: string) => t.split(',').map((v) => Number(v.trim()));
  return [read(match[1]), read(match[2])];
}

describe('box-iou against unit-cell counting', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    let cocoSeen = 0;
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('box-iou', seed, {
        form: 'numeric',
        params: { level },
      });
      const [shownA, shownB] = boxesOf(problem.stem);
      const coco = problem.stem.includes('(x, y, w, h)');
      expect(coco).toBe(level === 3);
      const corners = (v: number[]): Box =>
        coco ? [v[0], v[1], v[0] + v[2], v[1] + v[3]] : [v[0], v[1], v[2], v[3]];
      const a = corners(shownA);
      const b = corners(shownB);
      const { inter, union, areaA, areaB } = cells(a, b);
      expect(answerValues(problem.answer)[0]).toBeCloseTo(inter / union, 12);
      expect(candidate(problem, 'box-union-not-reduced')).toBeCloseTo(inter / (areaA + areaB), 12);
      expect(candidate(problem, 'box-iou-over-smaller')).toBeCloseTo(
        inter / Math.min(areaA, areaB),
        12,
      );
      expect(candidate(problem, 'box-iou-as-dice')).toBeCloseTo((2 * inter) / (areaA + areaB), 12);
      // The inclusive-pixel convention: every box one cell wider and taller.
      const grown = cells([a[0], a[1], a[2] + 1, a[3] + 1], [b[0], b[1], b[2] + 1, b[3] + 1]);
      expect(candidate(problem, 'box-plus-one-pixel')).toBeCloseTo(grown.inter / grown.union, 12);
      expect(problem.stem).toContain('continuous coordinates');
      if (coco) {
        const asCorners = candidate(problem, 'box-xywh-as-xyxy');
        if (asCorners !== undefined) {
          cocoSeen++;
          const mis = cells(shownA as Box, shownB as Box);
          expect(asCorners).toBeCloseTo(mis.inter / mis.union, 12);
        }
      }
      const parts = new Map(variant.question.parts?.map((p) => [p.id, p.key.value]));
      expect(parts.get('intersection')).toBe(inter);
      expect(parts.get('union')).toBe(union);
    }
    expect(cocoSeen).toBeGreaterThan(10);
  });

  it('hand case: A = (0, 0, 4, 4), B = (2, 1, 7, 5)', () => {
    // Overlap: x from max(0, 2) = 2 to min(4, 7) = 4 → 2; y from max(0, 1) = 1 to min(4, 5) = 4
    // → 3; area 2·3 = 6. Areas: A 4·4 = 16, B 5·4 = 20; union 16 + 20 − 6 = 30; IoU 6/30 = 0.2.
    const v = mcq('box-iou', { a: '0,0,4,4', b: '2,1,7,5' });
    expect(correctNumbers(v)).toEqual([0.2]);
    // Sum of areas without removing the overlap: 6/36 ≈ 0.167; over the smaller box 6/16 = 0.375;
    // Dice 12/36 ≈ 0.333 (the framework offers the first three distinct).
    expect(wrongNumbers(v, 'box-union-not-reduced')).toEqual([0.167]);
    expect(wrongNumbers(v, 'box-iou-over-smaller')).toEqual([0.375]);
    expect(wrongNumbers(v, 'box-iou-as-dice')).toEqual([0.333]);
    // + 1 convention: A' = (0, 0, 5, 5) area 25, B' = (2, 1, 8, 6) area 30, overlap 3·4 = 12,
    // union 43: 12/43 ≈ 0.279, the fourth candidate.
    const { problem } = generateWithProblem('box-iou', 0, {
      params: { a: '0,0,4,4', b: '2,1,7,5' },
    });
    expect(candidate(problem, 'box-plus-one-pixel')).toBeCloseTo(12 / 43, 12);
  });

  it('refuses fixed boxes that do not overlap', () => {
    expect(() => mcq('box-iou', { a: '0,0,2,2', b: '3,3,5,5' })).toThrow(/overlap partially/);
  });
});
