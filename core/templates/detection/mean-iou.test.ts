/**
 * `mean-iou`: the mean IoU and its named mistakes recomputed from the stem's confusion matrix over
 * 300 seeds, by expanding it into label pairs and counting sets per class, plus a hand case.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import type { Problem } from '../types';

function candidate(problem: Problem, id: string): number | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value)[0];
}

function matrixOf(stem: string): number[][] {
  const body = /\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/.exec(stem)![1];
  return body.split('\\\\').map((row) => row.split('&').map((v) => Number(v.trim())));
}

/** Per-class set sizes from the pixel list the matrix stands for. */
function perClass(m: number[][]) {
  const pixels: [number, number][] = [];
  m.forEach((row, t) =>
    row.forEach((count, p) => {
      for (let i = 0; i < count; i++) pixels.push([t, p]);
    }),
  );
  return m.map((_, c) => {
    const inter = pixels.filter(([t, p]) => t === c && p === c).length;
    const truth = pixels.filter(([t]) => t === c).length;
    const pred = pixels.filter(([, p]) => p === c).length;
    const union = pixels.filter(([t, p]) => t === c || p === c).length;
    return { inter, truth, pred, union, total: pixels.length };
  });
}

const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;

describe('mean-iou against per-class set counting', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('mean-iou', seed, {
        form: 'numeric',
        params: { level },
      });
      const m = matrixOf(problem.stem);
      const cls = perClass(m);
      const ious = cls.map((c) => c.inter / c.union);
      expect(answerValues(problem.answer)[0]).toBeCloseTo(mean(ious), 12);
      const total = cls[0].total;
      expect(candidate(problem, 'miou-pixel-accuracy')).toBeCloseTo(
        cls.reduce((a, c) => a + c.inter, 0) / total,
        12,
      );
      expect(candidate(problem, 'miou-frequency-weighted')).toBeCloseTo(
        cls.reduce((a, c, i) => a + (c.truth / total) * ious[i], 0),
        12,
      );
      expect(candidate(problem, 'miou-union-not-reduced')).toBeCloseTo(
        mean(cls.map((c) => c.inter / (c.truth + c.pred))),
        12,
      );
      expect(candidate(problem, 'miou-mean-dice')).toBeCloseTo(
        mean(cls.map((c) => (2 * c.inter) / (c.truth + c.pred))),
        12,
      );
      expect(candidate(problem, 'miou-mean-recall')).toBeCloseTo(
        mean(cls.map((c) => c.inter / c.truth)),
        12,
      );
      const parts = new Map(variant.question.parts?.map((x) => [x.id, x.key.value]));
      expect(parts.get('union-first')).toBe(cls[0].union);
      (parts.get('class-ious') as number[]).forEach((v, i) => expect(v).toBeCloseTo(ious[i], 12));
    }
  });

  it('hand case: three classes', () => {
    // Class 0: TP 5, row 6, column 6 → union 7, IoU 5/7 = 0.7143.
    // Class 1: TP 3, row 5, column 6 → union 8, IoU 0.375.
    // Class 2: TP 4, row 6, column 5 → union 7, IoU 4/7 = 0.5714.
    // mIoU = (0.7143 + 0.375 + 0.5714)/3 = 1.6607/3 = 0.5536 → 0.554.
    const v = mcq('mean-iou', { matrix: '5,1,0;1,3,1;0,2,4' });
    expect(correctNumbers(v)).toEqual([0.554]);
    // Pixel accuracy 12/17 = 0.706; frequency-weighted (6·5/7 + 5·3/8 + 6·4/7)/17 =
    // (4.2857 + 1.875 + 3.4286)/17 = 9.5893/17 = 0.564; without subtracting the diagonal
    // (5/12 + 3/11 + 4/11)/3 = (0.4167 + 0.2727 + 0.3636)/3 = 0.351.
    expect(wrongNumbers(v, 'miou-pixel-accuracy')).toEqual([0.706]);
    expect(wrongNumbers(v, 'miou-frequency-weighted')).toEqual([0.564]);
    expect(wrongNumbers(v, 'miou-union-not-reduced')).toEqual([0.351]);
  });
});
