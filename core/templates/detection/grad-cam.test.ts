/**
 * `grad-cam`: the map and its named mistakes recomputed from the stem's feature maps and
 * gradients with tfjs ops (mean over H and W, weighted sum over channels, relu) over 300 seeds,
 * plus a hand case.
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

function candidate(problem: Problem, id: string): readonly number[] | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value);
}

function maps(stem: string, symbol: string): number[][][] {
  return [
    ...stem.matchAll(
      new RegExp(`\\$${symbol}_\\d+ = \\\\begin\\{bmatrix\\}(.*?)\\\\end\\{bmatrix\\}\\$`, 'g'),
    ),
  ].map(([, body]) => body.split('\\\\').map((row) => row.split('&').map((v) => Number(v.trim()))));
}

function expectClose(actual: readonly number[] | undefined, expected: number[], tol = 1e-4): void {
  expect(actual).toHaveLength(expected.length);
  actual!.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(tol));
}

describe('grad-cam against tfjs', () => {
  it('matches map, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('grad-cam', seed, {
        form: 'numeric',
        params: { level },
      });
      const a = maps(problem.stem, 'A');
      const g = maps(problem.stem, 'G');
      expect(a).toHaveLength(level === 1 ? 2 : 3);
      expect(g).toHaveLength(a.length);
      const hw = a[0].length * a[0][0].length;
      const { alpha, weighted, cam, summed, pixelwise, plain } = tf.tidy(() => {
        const A = tf.tensor3d(a);
        const G = tf.tensor3d(g);
        const alphaT = G.mean([1, 2]);
        const w = A.mul(alphaT.reshape([-1, 1, 1])).sum(0);
        return {
          alpha: Array.from(alphaT.dataSync()),
          weighted: Array.from(w.dataSync()),
          cam: Array.from(tf.relu(w).dataSync()),
          summed: Array.from(tf.relu(A.mul(G.sum([1, 2]).reshape([-1, 1, 1])).sum(0)).dataSync()),
          pixelwise: Array.from(tf.relu(A.mul(G).sum(0)).dataSync()),
          plain: Array.from(A.sum(0).dataSync()),
        };
      });
      expectClose(answerValues(problem.answer), cam);
      expectClose(candidate(problem, 'gradcam-no-relu'), weighted);
      expectClose(candidate(problem, 'gradcam-summed-gradients'), summed, 1e-3);
      expectClose(candidate(problem, 'gradcam-pixelwise-gradients'), pixelwise);
      expectClose(candidate(problem, 'gradcam-unweighted'), plain);
      expect(hw).toBe(level === 3 ? 9 : 4);
      const parts = new Map(variant.question.parts?.map((x) => [x.id, x.key.value]));
      expectClose(parts.get('weights') as number[], alpha);
      expectClose(parts.get('weighted-sum') as number[], weighted);
    }
  });

  it('hand case: two 2×2 channels', () => {
    // a rows are channels, each a 2×2 map row by row: A1 = [[2, 0], [1, 4]], A2 = [[1, 3], [0, 4]].
    // G1 = [[1, 1], [1, 1]] → α1 = 4/4 = 1; G2 = [[−2, 0], [0, −2]] → α2 = −4/4 = −1.
    // A1 − A2 = [[1, −3], [1, 0]]; ReLU → [[1, 0], [1, 0]].
    const v = mcq('grad-cam', { a: '2,0,1,4;1,3,0,4', g: '1,1,1,1;-2,0,0,-2' });
    expect(correctNumbers(v)).toEqual([1, 0, 1, 0]);
    expect(wrongNumbers(v, 'gradcam-no-relu')).toEqual([1, -3, 1, 0]);
    // Sums instead of means (4 and −4): 4·[[1, −3], [1, 0]] → ReLU [[4, 0], [4, 0]].
    expect(wrongNumbers(v, 'gradcam-summed-gradients')).toEqual([4, 0, 4, 0]);
    // Cell by cell: [[2·1 + 1·(−2), 0 + 0], [1 + 0, 4·1 + 4·(−2)]] = [[0, 0], [1, −4]] → [[0, 0], [1, 0]].
    expect(wrongNumbers(v, 'gradcam-pixelwise-gradients')).toEqual([0, 0, 1, 0]);
  });
});
