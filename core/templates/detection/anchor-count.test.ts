/**
 * `anchor-count`: the anchor total and its named mistakes recomputed from the stem's numbers by
 * enumerating anchors cell by cell over 300 seeds, plus a hand case.
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

/** Counts one anchor per (cell, scale, ratio) by walking every cell of every map. */
function enumerate(maps: [number, number][], scales: number, ratios: number): number {
  let count = 0;
  for (const [h, w] of maps)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let s = 0; s < scales; s++) for (let r = 0; r < ratios; r++) count++;
  return count;
}

describe('anchor-count against a cell-by-cell enumeration', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const level = 1 + (seed % 3);
      const { variant, problem } = generateWithProblem('anchor-count', seed, {
        form: 'numeric',
        params: { level },
      });
      const stem = problem.stem;
      const m = /combination of (\d+) scales? and (\d+) aspect ratios/.exec(stem)!;
      const [scales, ratios] = [Number(m[1]), Number(m[2])];
      let maps: [number, number][];
      let image: [number, number] | undefined;
      if (level === 1) {
        const f = /feature map of \$(\d+) \\times (\d+)\$ cells/.exec(stem)!;
        maps = [[Number(f[1]), Number(f[2])]];
      } else {
        const im = /image is \$(\d+) \\times (\d+)\$ pixels/.exec(stem)!;
        image = [Number(im[1]), Number(im[2])];
        const strides = /strides? ([\d, ]+?) \(one cell/
          .exec(stem)![1]
          .split(',')
          .map((v) => Number(v.trim()));
        expect(strides).toHaveLength(level === 2 ? 1 : strides.length);
        maps = strides.map((s): [number, number] => [image![0] / s, image![1] / s]);
      }
      const total = enumerate(maps, scales, ratios);
      const cells = enumerate(maps, 1, 1);
      expect(answerValues(problem.answer)[0]).toBe(total);
      expect(candidate(problem, 'anchors-scales-plus-ratios')).toBe(cells * (scales + ratios));
      expect(candidate(problem, 'anchors-locations-only')).toBe(cells);
      expect(candidate(problem, 'anchors-per-location-only')).toBe(scales * ratios);
      if (image !== undefined)
        expect(candidate(problem, 'anchors-image-pixels')).toBe(
          image[0] * image[1] * scales * ratios,
        );
      if (level === 3)
        expect(candidate(problem, 'anchors-one-level')).toBe(enumerate([maps[0]], scales, ratios));
      const parts = new Map(variant.question.parts?.map((p) => [p.id, p.key.value]));
      expect(parts.get('per-location')).toBe(scales * ratios);
      expect(parts.get('locations')).toBe(cells);
    }
  });

  it('hand case: Faster R-CNN on a 38 × 50 map, 3 scales × 3 ratios', () => {
    // 38 · 50 = 1900 cells, 9 anchors each: 17100. Adding scales and ratios: 1900 · 6 = 11400;
    // cells only 1900; one cell 9.
    const v = mcq('anchor-count', { scales: 3, ratios: 3, height: 38, width: 50 });
    expect(correctNumbers(v)).toEqual([17100]);
    expect(wrongNumbers(v, 'anchors-scales-plus-ratios')).toEqual([11400]);
    expect(wrongNumbers(v, 'anchors-locations-only')).toEqual([1900]);
    expect(wrongNumbers(v, 'anchors-per-location-only')).toEqual([9]);
  });
});
