/**
 * `bptt-linear`: dL/dw checked against a central finite difference of the loss run forward from
 * the stem's numbers, and the mistakes against their own rules, over 300 seeds; a hand case.
 */
import { describe, expect, it } from 'vitest';
import { correctNumbers, mcq, wrongNumbers } from '../test-helpers';
import { candidate, drawnAt, expectClose, keyOf, part } from './test-support';

function inputsOf(stem: string) {
  const num = (re: RegExp) => Number(re.exec(stem)![1]);
  const xs = /x_\{\d+\} = ([^$]*)\$/
    .exec(stem)![1]
    .split(',')
    .map((t) => Number(t.trim()));
  return {
    w: num(/\$w = (-?[\d.]+)\$/),
    h0: num(/\$h_0 = (-?[\d.]+)\$/),
    y: num(/\$y = (-?[\d.]+)\$/),
    xs,
  };
}

function forward(w: number, h0: number, xs: number[]): number[] {
  const h = [h0];
  for (const x of xs) h.push(w * h[h.length - 1] + x);
  return h;
}

describe('bptt-linear against finite differences', () => {
  it('matches key, mistakes and parts over 300 seeds', () => {
    for (let seed = 0; seed < 300; seed++) {
      const { variant, problem } = drawnAt('bptt-linear', seed);
      const { w, h0, y, xs } = inputsOf(problem.stem);
      const loss = (ww: number) => 0.5 * (forward(ww, h0, xs).at(-1)! - y) ** 2;
      const eps = 1e-6;
      const fd = (loss(w + eps) - loss(w - eps)) / (2 * eps);
      const where = `seed ${seed}`;
      expectClose(keyOf(problem), [fd], 1e-5, where);
      const h = forward(w, h0, xs);
      const T = xs.length;
      const delta = h[T] - y;
      expectClose(part(variant, 'h-final'), [h[T]], 1e-9, where);
      expectClose(part(variant, 'delta'), [delta], 1e-9, where);
      expectClose(part(variant, 'first-term'), [delta * w ** (T - 1) * h0], 1e-9, where);
      let plain = 0;
      let reversed = 0;
      for (let t = 1; t <= T; t++) {
        plain += h[t - 1];
        reversed += w ** (t - 1) * h[t - 1];
      }
      expectClose(candidate(problem, 'bptt-last-step-only'), [delta * h[T - 1]], 1e-9, where);
      expectClose(candidate(problem, 'bptt-forgot-powers'), [delta * plain], 1e-9, where);
      expectClose(candidate(problem, 'bptt-exponent-reversed'), [delta * reversed], 1e-9, where);
      expectClose(candidate(problem, 'bptt-forgot-loss-gradient'), [fd / delta], 1e-5, where);
    }
  });

  it('works a hand-derived case', () => {
    // w = 2, h0 = 1, x = [1, −1, 2], y = 3: h1 = 3, h2 = 5, h3 = 12; δ = 9.
    // Σ w^{3−t} h_{t−1} = 4·1 + 2·3 + 1·5 = 15 → dL/dw = 135. Last step only 9·5 = 45;
    // no powers 9·(1 + 3 + 5) = 81; reversed 9·(1 + 2·3 + 4·5) = 243; no δ: 15.
    const v = mcq('bptt-linear', { w: 2, h0: 1, x: '1,-1,2', y: 3 });
    expect(correctNumbers(v)).toEqual([135]);
    const expected: Record<string, number> = {
      'bptt-last-step-only': 45,
      'bptt-forgot-powers': 81,
      'bptt-exponent-reversed': 243,
      'bptt-forgot-loss-gradient': 15,
    };
    for (const o of v.question.options ?? []) {
      if (o.misconception)
        expect(wrongNumbers(v, o.misconception.id)).toEqual([expected[o.misconception.id]]);
    }
  });
});
