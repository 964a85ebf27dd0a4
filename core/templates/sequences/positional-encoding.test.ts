/**
 * `positional-encoding`: values recomputed from the stem the way PyTorch tutorials build the
 * table (div_term = exp(2i · −ln 10000 / d), pe[:, 0::2] = sin, pe[:, 1::2] = cos), over 300 seeds;
 * a hand-derived case.
 */
import { describe, expect, it } from 'vitest';
import { correctNumbers, mcq } from '../test-helpers';
import { candidate, drawnAt, expectClose, keyOf, numberAt, part } from './test-support';

function table(pos: number, d: number, f: (angle: number, odd: boolean) => number, scale = 1) {
  const row: number[] = [];
  for (let k = 0; k < d; k += 2) {
    const div = Math.exp((k * -Math.log(10000)) / d);
    row.push(f(pos * div * scale, false), f(pos * div * scale, true));
  }
  return row;
}

describe('positional-encoding against the tutorial table', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('positional-encoding', seed);
      const d = numberAt(problem.stem, /d_\{\\text\{model\}\} = (\d+)/);
      const pos = numberAt(problem.stem, /encoding (?:vector )?of position (\d+)/);
      const pair = /dimensions (\d+) and (\d+) of/.exec(problem.stem);
      const dims = pair === null ? [...Array(d).keys()] : [Number(pair[1]), Number(pair[2])];
      const pick = (row: number[]) => dims.map((j) => row[j]);
      const where = `seed ${seed}`;
      expectClose(
        keyOf(problem),
        pick(table(pos, d, (a, odd) => (odd ? Math.cos(a) : Math.sin(a)))),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'pe-sin-cos-swapped'),
        pick(table(pos, d, (a, odd) => (odd ? Math.sin(a) : Math.cos(a)))),
        1e-9,
        where,
      );
      expectClose(
        candidate(problem, 'pe-degrees'),
        pick(table(pos, d, (a, odd) => (odd ? Math.cos(a) : Math.sin(a)), Math.PI / 180)),
        1e-9,
        where,
      );
      // Odd dimension j = 2i + 1 with exponent j/d instead of 2i/d.
      const own = dims.map((j) => {
        const a = pos / 10000 ** (j / d);
        return j % 2 === 0 ? Math.sin(a) : Math.cos(a);
      });
      expectClose(candidate(problem, 'pe-exponent-uses-dimension'), own, 1e-9, where);
      const times = dims.map((j) => {
        const a = pos * 10000 ** ((j - (j % 2)) / d);
        return j % 2 === 0 ? Math.sin(a) : Math.cos(a);
      });
      expectClose(candidate(problem, 'pe-multiplied-by-frequency'), times, 1e-6, where);
      const last = dims[dims.length - 1] - 1;
      expectClose(part(variant, 'denominator'), [10000 ** (last / d)], 1e-9, where);
      expectClose(part(variant, 'angle'), [pos / 10000 ** (last / d)], 1e-9, where);
    }
  });

  it('works a hand-derived case: pos 2, d 4', () => {
    // Pair 0: angle 2 → sin 2 = 0.909297, cos 2 = −0.416147. Pair 1: 10000^{2/4} = 100,
    // angle 0.02 → sin = 0.019999, cos = 0.999800. Rounded to 4 places.
    const v = mcq('positional-encoding', { pos: 2, d_model: 4 });
    expect(correctNumbers(v)).toEqual([0.9093, -0.4161, 0.02, 0.9998]);
  });
});
