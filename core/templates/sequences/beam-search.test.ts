/**
 * `beam-search`: the kept scores recomputed from the stem's table by enumerating every
 * (beam, token) sequence and picking the best B one at a time, over 300 seeds; a hand-derived
 * check of one drawn table's arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import { candidate, drawnAt, expectClose, keyOf, part } from './test-support';

function tableOf(stem: string): { scores: number[]; logProbs: number[][]; width: number } {
  const width = Number(/beam width (\d+)/.exec(stem)![1]);
  const rows = stem.split('\n').filter((l) => /^\| "[a-z]+" \(/.test(l));
  const scores = rows.map((r) => Number(/\((-?[\d.]+)\)/.exec(r)![1]));
  const logProbs = rows.map((r) =>
    r
      .split('|')
      .slice(2, -1)
      .map((c) => Number(c.trim())),
  );
  return { scores, logProbs, width };
}

/** The best `b` of `values` by repeated selection of the maximum. */
function best(values: number[], b: number): number[] {
  const left = [...values];
  const out: number[] = [];
  for (let k = 0; k < b; k++) {
    let at = 0;
    for (let i = 1; i < left.length; i++) if (left[i] > left[at]) at = i;
    out.push(left[at]);
    left.splice(at, 1);
  }
  return out;
}

describe('beam-search against enumeration', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('beam-search', seed);
      const { scores, logProbs, width } = tableOf(problem.stem);
      expect(scores).toHaveLength(width);
      const all = scores.flatMap((s, b) => logProbs[b].map((lp) => s + lp));
      const where = `seed ${seed}`;
      const key = best(all, width);
      expectClose(keyOf(problem), key, 1e-9, where);
      expectClose(
        candidate(problem, 'beam-greedy-per-beam'),
        best(
          scores.map((s, b) => s + Math.max(...logProbs[b])),
          width,
        ),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'beam-multiplied-log-probs'),
        best(
          scores.flatMap((s, b) => logProbs[b].map((lp) => s * lp)),
          width,
        ),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'beam-best-beam-only'),
        best(
          logProbs[0].map((lp) => scores[0] + lp),
          width,
        ),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'beam-per-beam-top-b'),
        best(
          scores.flatMap((s, b) =>
            best(
              logProbs[b].map((lp) => s + lp),
              width,
            ),
          ),
          width * width,
        ),
        1e-9,
        where,
      );
      expectClose(part(variant, 'best'), [key[0]], 1e-9, where);
      expectClose(
        part(variant, 'candidate'),
        [scores[0] + logProbs[0][logProbs[0].length - 1]],
        1e-9,
        where,
      );
      expect(problem.stem).toContain('summed natural log-probabilities');
    }
  });

  it('works a hand-derived case', () => {
    // Beams −0.5, −1, −1.5; tokens −0.1, −2, −3 / −0.2, −0.3, −4 / −0.05, −1, −1:
    // candidates −0.6, −2.5, −3.5 | −1.2, −1.3, −5 | −1.55, −2.5, −2.5 → best three −0.6, −1.2, −1.3
    // (beam 2 keeps two, beam 3 none). Greedy per beam: −0.6, −1.2, −1.55. Best beam only:
    // −0.6, −2.5, −3.5. By the new token alone (−0.05, −0.1, −0.2): −1.55, −0.6, −1.2 → sorted
    // −0.6, −1.2, −1.55 (the same as greedy here). Multiplied: 0.05, 1, 1.5, 0.2, 0.3, 4, 0.075,
    // 1.5, 1.5 → 4, 1.5, 1.5.
    const v = mcq('beam-search', {
      scores: '-0.5,-1,-1.5',
      log_probs: '-0.1,-2,-3;-0.2,-0.3,-4;-0.05,-1,-1',
    });
    expect(correctNumbers(v)).toEqual([-0.6, -1.2, -1.3]);
    const expected: Record<string, number[]> = {
      'beam-greedy-per-beam': [-0.6, -1.2, -1.55],
      'beam-ignored-prefix-score': [-0.6, -1.2, -1.55],
      'beam-best-beam-only': [-0.6, -2.5, -3.5],
      'beam-multiplied-log-probs': [4, 1.5, 1.5],
    };
    for (const o of v.question.options ?? []) {
      if (o.misconception)
        expect(wrongNumbers(v, o.misconception.id)).toEqual(expected[o.misconception.id]);
    }
  });
});
