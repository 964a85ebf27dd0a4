/**
 * `average-precision`: AP and its named mistakes recomputed from the stem's ranking over 300
 * seeds with loops written here (AP walks the distinct recall levels; the 11-point mean scans
 * the eleven recall thresholds), plus a hand case.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import { correctNumbers, mcq, misconceptionIds, wrongNumbers } from '../test-helpers';
import type { Problem } from '../types';

function candidate(problem: Problem, id: string): number | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value)[0];
}

function curve(hits: boolean[], g: number): { p: number; r: number }[] {
  let tp = 0;
  return hits.map((h, k) => {
    if (h) tp++;
    return { p: tp / (k + 1), r: tp / g };
  });
}

/** Σ over distinct recall levels of (r − r_prev) · max{p : recall ≥ r}. */
function apAllPoint(hits: boolean[], g: number): number {
  const points = curve(hits, g);
  const levels = [...new Set(points.map((x) => x.r))].sort((a, b) => a - b);
  let ap = 0;
  let prev = 0;
  for (const r of levels) {
    ap += (r - prev) * Math.max(...points.filter((x) => x.r >= r).map((x) => x.p));
    prev = r;
  }
  return ap;
}

function ap11(hits: boolean[], g: number): number {
  const points = curve(hits, g);
  let sum = 0;
  for (const t of [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
    sum += Math.max(0, ...points.filter((x) => x.r >= t - 1e-12).map((x) => x.p));
  return sum / 11;
}

describe('average-precision against recall-level walks', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('average-precision', seed, {
        form: 'numeric',
        params: { level },
      });
      const stem = problem.stem;
      const hits = [...stem.matchAll(/^\| \d+ \| (TP|FP) \|$/gm)].map(([, m]) => m === 'TP');
      expect(hits).toHaveLength(level === 1 ? 5 : level === 2 ? 7 : 9);
      const g = Number(/matched to the (\d+) ground-truth/.exec(stem)![1]);
      const tp = hits.filter(Boolean).length;
      expect(g).toBeGreaterThan(tp);
      const points = curve(hits, g);
      const ap = apAllPoint(hits, g);
      expect(answerValues(problem.answer)[0]).toBeCloseTo(ap, 12);
      let raw = 0;
      points.forEach((x, k) => (raw += hits[k] ? x.p / g : 0));
      expect(candidate(problem, 'ap-no-envelope')).toBeCloseTo(raw, 12);
      expect(candidate(problem, 'ap-eleven-point')).toBeCloseTo(ap11(hits, g), 12);
      // Averaging the interpolated precision over the TPs found instead of over all objects.
      let found = 0;
      hits.forEach((h, k) => {
        if (h) found += Math.max(...points.slice(k).map((x) => x.p));
      });
      expect(candidate(problem, 'ap-divided-by-detected')).toBeCloseTo(found / tp, 12);
      expect(candidate(problem, 'ap-mean-over-ranks')).toBeCloseTo(
        points.reduce((a, x) => a + x.p, 0) / hits.length,
        12,
      );
      expect(stem).toContain('all-point interpolation');
      const parts = variant.question.parts ?? [];
      expect(parts[0].key.value).toBeCloseTo(1 / g, 12);
      const rank = Number(/first (\d+) detections/.exec(parts[1].prompt)![1]);
      expect(parts[1].key.value).toBeCloseTo(points[rank - 1].p, 12);
      expect(parts[2].key.value).toBeCloseTo(
        Math.max(...points.slice(rank - 1).map((x) => x.p)),
        12,
      );
    }
  });

  it('hand case: TP, FP, TP, FP, TP with 4 objects', () => {
    // Precision 1, 1/2, 2/3, 2/4, 3/5; recall 0.25, 0.25, 0.5, 0.5, 0.75.
    // Envelope at the TPs (ranks 1, 3, 5): 1, 2/3, 0.6.
    // AP = 0.25·1 + 0.25·(2/3) + 0.25·0.6 = 0.25 + 0.16667 + 0.15 = 0.56667 → 0.567.
    const v = mcq('average-precision', { hits: '1,0,1,0,1', objects: 4 });
    expect(correctNumbers(v)).toEqual([0.567]);
    // Raw precision at the TPs is the same here (1, 2/3, 0.6): no dip is lifted, so the
    // no-envelope mistake gives the key and is left out. The others:
    // 11-point: (3·1 + 3·(2/3) + 2·0.6 + 3·0) / 11 = 6.2/11 = 0.5636 → 0.564.
    // Over the 3 found: (1 + 2/3 + 0.6)/3 = 0.7556 → 0.756.
    // Mean over all ranks: (1 + 0.5 + 0.6667 + 0.5 + 0.6)/5 = 3.2667/5 = 0.6533 → 0.653.
    expect(misconceptionIds(v)).not.toContain('ap-no-envelope');
    expect(wrongNumbers(v, 'ap-eleven-point')).toEqual([0.564]);
    expect(wrongNumbers(v, 'ap-divided-by-detected')).toEqual([0.756]);
    expect(wrongNumbers(v, 'ap-mean-over-ranks')).toEqual([0.653]);
  });

  it('lifts a dip: TP, FP, TP, TP with 4 objects', () => {
    // Precision 1, 1/2, 2/3, 3/4; the envelope at rank 3 is 3/4.
    // AP = 0.25·1 + 0.25·0.75 + 0.25·0.75 = 0.625; raw: 0.25·(1 + 2/3 + 3/4) = 0.60417 → 0.604.
    const v = mcq('average-precision', { hits: '1,0,1,1', objects: 4 });
    expect(correctNumbers(v)).toEqual([0.625]);
    expect(wrongNumbers(v, 'ap-no-envelope')).toEqual([0.604]);
  });
});
