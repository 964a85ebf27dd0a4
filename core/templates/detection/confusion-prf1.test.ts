/**
 * `confusion-prf1`: precision, recall and F1 of the asked class recomputed from the stem's
 * matrix by counting its entries over 300 seeds, plus a hand case.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import type { Problem } from '../types';

const NAMES = ['cat', 'dog', 'bird', 'fish'];

function candidate(problem: Problem, id: string): readonly number[] | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value);
}

function matrixOf(stem: string): number[][] {
  const body = /\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/.exec(stem)![1];
  return body.split('\\\\').map((row) => row.split('&').map((v) => Number(v.trim())));
}

function expectClose(actual: readonly number[] | undefined, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual!.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
}

describe('confusion-prf1 against entry counting', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('confusion-prf1', seed, {
        form: 'numeric',
        params: { level },
      });
      const m = matrixOf(problem.stem);
      expect(m).toHaveLength(level + 1);
      const c = NAMES.indexOf(/of the class \*\*(\w+)\*\*/.exec(problem.stem)![1]);
      let tp = 0;
      let fp = 0;
      let fn = 0;
      m.forEach((row, r) =>
        row.forEach((v, j) => {
          if (r === c && j === c) tp += v;
          else if (j === c) fp += v;
          else if (r === c) fn += v;
        }),
      );
      const p = tp / (tp + fp);
      const r = tp / (tp + fn);
      const f1 = (2 * p * r) / (p + r);
      expectClose(answerValues(problem.answer), [p, r, f1]);
      expectClose(candidate(problem, 'precision-recall-swapped'), [r, p, f1]);
      expectClose(candidate(problem, 'f1-arithmetic-mean'), [p, r, (p + r) / 2]);
      expectClose(candidate(problem, 'f1-as-iou'), [p, r, tp / (tp + fp + fn)]);
      const parts = new Map(variant.question.parts?.map((x) => [x.id, x.key.value]));
      expect(parts.get('false-positives')).toBe(fp);
      expect(parts.get('false-negatives')).toBe(fn);
    }
  });

  it('hand case: class dog of a 3-class matrix', () => {
    // Dog: TP 8; column (2 + 8 + 2) = 12 → P = 8/12 = 0.667; row (1 + 8 + 7) = 16 → R = 0.5;
    // F1 = 2·8/(16 + 4 + 8) = 16/28 = 0.571. Swapped [0.5, 0.667, 0.571]; arithmetic mean
    // (0.6667 + 0.5)/2 = 0.583; IoU 8/(8 + 4 + 8) = 0.4.
    const v = mcq('confusion-prf1', { matrix: '9,2,0;1,8,7;3,2,10', class: 1 });
    expect(correctNumbers(v)).toEqual([0.667, 0.5, 0.571]);
    expect(wrongNumbers(v, 'precision-recall-swapped')).toEqual([0.5, 0.667, 0.571]);
    expect(wrongNumbers(v, 'f1-arithmetic-mean')).toEqual([0.667, 0.5, 0.583]);
    expect(wrongNumbers(v, 'f1-as-iou')).toEqual([0.667, 0.5, 0.4]);
  });
});
