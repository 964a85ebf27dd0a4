/**
 * multiclass-hinge-loss: key, every misconception and the parts recomputed from the stem's
 * numbers by a plain loop over the classes, plus a hand-worked case.
 */
import { describe, expect, it } from 'vitest';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import { SEEDS, candidate, captureAll, close, drawnAt, keyOf, list, part } from './test-support';

const ID = 'multiclass-hinge-loss';

/** Σ over the classes in `classes` of max(0, s_j − s_y + Δ) (a hinge per class, or none). */
function hingeSum(
  s: readonly number[],
  y: number,
  delta: number,
  include: (j: number) => boolean,
  clamp = true,
): number {
  let total = 0;
  for (let j = 0; j < s.length; j++) {
    if (!include(j)) continue;
    const margin = s[j] - s[y] + delta;
    total += clamp ? Math.max(0, margin) : margin;
  }
  return total;
}

describe('multiclass-hinge-loss against a loop over the classes', () => {
  it(`matches key, misconceptions and parts over ${SEEDS} seeds`, () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt(ID, seed);
      const scores = captureAll(problem.stem, /s = \[([^\]]+)\]/g).map(list);
      const targets = captureAll(problem.stem, /y = (\d+)\$/g).map(Number);
      expect(scores.length, `seed ${seed}`).toBe(targets.length);
      const n = scores.length;
      const wrongOnly = (y: number) => (j: number) => j !== y;
      const losses = scores.map((s, i) => hingeSum(s, targets[i], 1, wrongOnly(targets[i])));
      const mean = (f: (s: number[], y: number) => number) =>
        scores.reduce((acc, s, i) => acc + f(s, targets[i]), 0) / n;
      expect(close(keyOf(problem), [mean((s, y) => hingeSum(s, y, 1, wrongOnly(y)))])).toBe(true);
      const expected: Record<string, number> = {
        // The true class's own term is max(0, s_y − s_y + 1) = 1.
        'hinge-included-true-class': mean((s, y) => hingeSum(s, y, 1, () => true)),
        'forgot-hinge-clamp': mean((s, y) => hingeSum(s, y, 1, wrongOnly(y), false)),
        'margin-subtracted': mean((s, y) => hingeSum(s, y, -1, wrongOnly(y))),
        'hinge-scores-swapped': mean((s, y) =>
          s.reduce((acc, sj, j) => (j === y ? acc : acc + Math.max(0, s[y] - sj + 1)), 0),
        ),
        'hinge-max-not-sum': mean((s, y) =>
          Math.max(0, ...s.map((sj, j) => (j === y ? 0 : sj - s[y] + 1))),
        ),
        'summed-not-averaged': losses.reduce((a, b) => a + b, 0),
      };
      for (const [id, value] of Object.entries(expected)) {
        const got = candidate(problem, id);
        if (got === undefined) continue;
        seen.add(id);
        expect(close(got, [value]), `seed ${seed} ${id}`).toBe(true);
      }
      expect(close(part(problem, 'example-loss'), [losses[0]])).toBe(true);
      const firstWrong = targets[0] === 0 ? 1 : 0;
      expect(
        close(part(problem, 'first-term'), [
          Math.max(0, scores[0][firstWrong] - scores[0][targets[0]] + 1),
        ]),
      ).toBe(true);
      if (n === 2) expect(close(part(problem, 'second-loss'), [losses[1]])).toBe(true);
    }
    expect(seen.size).toBe(6);
  });

  it('works the CS231n car example by hand', () => {
    // Scores [3.2, 5.1, -1.7] for (cat, car, frog), true class 0 (cat):
    // car: max(0, 5.1 − 3.2 + 1) = 2.9; frog: max(0, −1.7 − 3.2 + 1) = max(0, −3.9) = 0; L = 2.9.
    // Including the cat itself adds max(0, 1) = 1 → 3.9. No clamp: 2.9 − 3.9 = −1.
    // Swapped: max(0, 3.2 − 5.1 + 1) + max(0, 3.2 + 1.7 + 1) = 0 + 5.9 = 5.9.
    // Margin subtracted: max(0, 5.1 − 3.2 − 1) + 0 = 0.9.
    const v = mcq(ID, { scores: '3.2,5.1,-1.7', target: 0 });
    expect(correctNumbers(v)).toEqual([2.9]);
    const { problem } = drawnAt(ID, 0, { level: 1, scores: '3.2,5.1,-1.7', target: 0 });
    expect(close(candidate(problem, 'hinge-included-true-class'), [3.9])).toBe(true);
    expect(close(candidate(problem, 'forgot-hinge-clamp'), [-1])).toBe(true);
    expect(close(candidate(problem, 'hinge-scores-swapped'), [5.9])).toBe(true);
    expect(close(candidate(problem, 'margin-subtracted'), [0.9])).toBe(true);
    // Only one class violates the margin: keeping the largest violation is no different mistake.
    expect(candidate(problem, 'hinge-max-not-sum')).toBeUndefined();
    expect(close(part(problem, 'first-term'), [2.9])).toBe(true);
    expect(v.question.stem).toMatch(/j \\neq y/);
    for (const o of v.question.options ?? [])
      if (o.misconception) expect(wrongNumbers(v, o.misconception.id)).toHaveLength(1);
  });
});
