/**
 * `occlusion`: the drop map and its named mistakes recomputed from the stem by actually zeroing
 * each patch and re-scoring the image, over 300 seeds, plus a hand case.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import type { Problem } from '../types';

function candidate(problem: Problem, id: string): readonly number[] | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value);
}

function matrices(text: string): number[][][] {
  return [...text.matchAll(/\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/g)].map(([, body]) =>
    body.split('\\\\').map((row) => row.split('&').map((v) => Number(v.trim()))),
  );
}

function expectClose(actual: readonly number[] | undefined, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual!.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
}

describe('occlusion against re-scoring occluded images', () => {
  it('matches the map, the mistakes and the parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('occlusion', seed, {
        form: 'numeric',
        params: { level },
      });
      const [w, x] = matrices(problem.stem);
      const b = Number(/b = (-?[\d.]+)\.\$\$/.exec(problem.stem)![1]);
      const stride = Number(/with stride (\d+)/.exec(problem.stem)![1]);
      const n = x.length;
      const score = (img: number[][]) =>
        img.reduce((a, row, i) => a + row.reduce((s, v, j) => s + w[i][j] * v, 0), b);
      const drops: number[] = [];
      const occluded: number[] = [];
      const weights: number[] = [];
      const inputs: number[] = [];
      for (let r = 0; r + 2 <= n; r += stride)
        for (let c = 0; c + 2 <= n; c += stride) {
          const img = x.map((row, i) =>
            row.map((v, j) => (i >= r && i < r + 2 && j >= c && j < c + 2 ? 0 : v)),
          );
          occluded.push(score(img));
          drops.push(score(x) - score(img));
          let sw = 0;
          let sx = 0;
          for (let i = r; i < r + 2; i++)
            for (let j = c; j < c + 2; j++) {
              sw += w[i][j];
              sx += x[i][j];
            }
          weights.push(sw);
          inputs.push(sx);
        }
      expectClose(answerValues(problem.answer), drops);
      expectClose(candidate(problem, 'occlusion-reported-score'), occluded);
      expectClose(candidate(problem, 'occlusion-weights-only'), weights);
      expectClose(candidate(problem, 'occlusion-inputs-only'), inputs);
      const parts = new Map(variant.question.parts?.map((q) => [q.id, q.key.value]));
      expect(parts.get('score')).toBeCloseTo(score(x), 10);
      expect(parts.get('first-drop')).toBeCloseTo(drops[0], 10);
    }
  });

  it('hand case: 3×3 image, 2×2 patches with stride 1', () => {
    // w = [[1, -1, 0], [2, 0, 1], [0, 1, -2]], x = [[2, 1, 0], [1, 3, 2], [0, 2, 1]], b = 1.
    // w·x cell by cell: [[2, -1, 0], [2, 0, 2], [0, 2, -2]]; y = 5 + 1 = 6.
    // Patch sums of w·x: top-left 2 − 1 + 2 + 0 = 3, top-right −1 + 0 + 0 + 2 = 1,
    // bottom-left 2 + 0 + 0 + 2 = 4, bottom-right 0 + 2 + 2 − 2 = 2.
    const v = mcq('occlusion', { w: '1,-1,0;2,0,1;0,1,-2', x: '2,1,0;1,3,2;0,2,1', b: 1 });
    expect(correctNumbers(v)).toEqual([3, 1, 4, 2]);
    // Occluded scores 6 − drop: [3, 5, 2, 4]; weights only: [2, 0, 3, 0]; inputs only: [7, 6, 6, 8].
    expect(wrongNumbers(v, 'occlusion-reported-score')).toEqual([3, 5, 2, 4]);
    expect(wrongNumbers(v, 'occlusion-weights-only')).toEqual([2, 0, 3, 0]);
    expect(wrongNumbers(v, 'occlusion-inputs-only')).toEqual([7, 6, 6, 8]);
  });
});
