/**
 * `atrous-conv`: spans, output sizes and receptive fields recomputed from the stem's numbers by
 * laying the dilated taps out on a line and sliding them (no closed formula), over 300 seeds, plus
 * hand cases.
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

/** Positions of the taps of a k-tap kernel with dilation d, first tap at 0. */
const taps = (k: number, d: number) => Array.from({ length: k }, (_, i) => i * d);
const span = (k: number, d: number) => taps(k, d)[k - 1] + 1;

/** Output positions: starting offsets where every tap lands inside the padded input. */
function slide(n: number, k: number, d: number, p: number): number {
  let count = 0;
  for (let start = 0; start < n + 2 * p; start++)
    if (taps(k, d).every((t) => start + t < n + 2 * p)) count++;
  return count;
}

/** Receptive field of stacked stride-1 layers: grow the set of input pixels one output depends on, then measure its span. */
function receptiveField(dilations: number[], k: number): number {
  let pixels = new Set([0]);
  for (const d of [...dilations].reverse()) {
    const next = new Set<number>();
    for (const x of pixels) for (const t of taps(k, d)) next.add(x + t);
    pixels = next;
  }
  return Math.max(...pixels) - Math.min(...pixels) + 1;
}

describe('atrous-conv against tap layouts', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('atrous-conv', seed, {
        form: 'numeric',
        params: { level },
      });
      const stem = problem.stem;
      const key = answerValues(problem.answer)[0];
      const parts = new Map(variant.question.parts?.map((x) => [x.id, x.key.value]));
      if (level === 1) {
        const [, k, d] = /kernel_size=(\d+), dilation=(\d+)/.exec(stem)!.map(Number);
        expect(key).toBe(span(k, d));
        expect(candidate(problem, 'dilation-ignored')).toBe(k);
        expect(candidate(problem, 'atrous-k-times-d')).toBe(k * d);
        expect(candidate(problem, 'atrous-one-gap')).toBe(k + d - 1);
        expect(parts.get('gaps')).toBe(k - 1);
        expect(parts.get('skipped')).toBe(span(k, d) - k);
      } else if (level === 2) {
        const n = Number(/row of (\d+) pixels/.exec(stem)![1]);
        const [, k, p, d] = /kernel_size=(\d+), stride=1, padding=(\d+), dilation=(\d+)/
          .exec(stem)!
          .map(Number);
        expect(key).toBe(slide(n, k, d, p));
        expect(candidate(problem, 'dilation-ignored')).toBe(slide(n, k, 1, p));
        expect(candidate(problem, 'output-size-forgot-padding')).toBe(slide(n, k, d, 0));
        expect(candidate(problem, 'atrous-k-times-d')).toBe(n + 2 * p - k * d + 1);
        expect(candidate(problem, 'padding-counted-once')).toBe(n + p - span(k, d) + 1);
        expect(parts.get('extent')).toBe(span(k, d));
        expect(parts.get('padded')).toBe(n + 2 * p);
      } else {
        const dilations = /dilations ([\d, ]+) \(in that order\)/
          .exec(stem)![1]
          .split(',')
          .map(Number);
        expect(key).toBe(receptiveField(dilations, 3));
        expect(candidate(problem, 'dilation-ignored')).toBe(
          receptiveField(
            dilations.map(() => 1),
            3,
          ),
        );
        expect(candidate(problem, 'atrous-extents-summed')).toBe(
          dilations.reduce((a, d) => a + span(3, d), 0),
        );
        expect(parts.get('extents')).toBe(span(3, dilations[0]));
        expect(parts.get('growth')).toBe(receptiveField(dilations, 3) - 1);
      }
    }
  });

  it('hand cases: span and output size', () => {
    // k = 3, d = 2: taps at 0, 2, 4 → span 5; k·d = 6, one gap 3 + 1 = 4, no dilation 3.
    const v = mcq('atrous-conv', { level: 1, kernel: 3, dilation: 2 });
    expect(correctNumbers(v)).toEqual([5]);
    expect(wrongNumbers(v, 'atrous-k-times-d')).toEqual([6]);
    expect(wrongNumbers(v, 'atrous-one-gap')).toEqual([4]);
    expect(wrongNumbers(v, 'dilation-ignored')).toEqual([3]);
    // n = 64, k = 3, d = 4, p = 2: span 9; padded 68; 68 − 9 + 1 = 60.
    const w = mcq('atrous-conv', { level: 2, kernel: 3, dilation: 4, size: 64, padding: 2 });
    expect(correctNumbers(w)).toEqual([60]);
  });
});
