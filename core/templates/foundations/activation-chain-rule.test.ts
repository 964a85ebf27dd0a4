/**
 * activation-chain-rule: the key is tf.grad of the unit(s) written with tf.sigmoid / tf.tanh on
 * the stem's numbers, over hundreds of seeds; misconceptions and parts recomputed from the plain
 * formulas; plus a hand-worked case at each level (and both variables of the tanh unit).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { correctNumbers, mcq } from '../test-helpers';
import { SEEDS, candidate, capture, close, drawnAt, keyOf, part } from './test-support';

const ID = 'activation-chain-rule';
const TF_TOL = 1e-6;

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  tf.tidy(() => tf.scalar(0).dataSync());
  warn.mockRestore();
});

const value = (stem: string, name: string): number =>
  Number(capture(stem, new RegExp(`\\$${name} = (-?[\\d.]+)\\$`)));

const sig = (u: number) => 1 / (1 + Math.exp(-u));

/** d/d(variable) of f at the stem's numbers, by tf.grad. */
function tfDerivative(
  f: (w: tf.Scalar, x: tf.Scalar) => tf.Scalar,
  w: number,
  x: number,
  by: 'w' | 'x',
): number {
  return tf.tidy(() =>
    by === 'w'
      ? tf
          .grad((u: tf.Tensor) => f(u as tf.Scalar, tf.scalar(x)))(tf.scalar(w))
          .dataSync()[0]
      : tf
          .grad((u: tf.Tensor) => f(tf.scalar(w), u as tf.Scalar))(tf.scalar(x))
          .dataSync()[0],
  );
}

describe('activation-chain-rule against tf.grad', () => {
  it(`matches key, misconceptions and parts over ${SEEDS} seeds`, () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt(ID, seed);
      const stem = problem.stem;
      const w = value(stem, 'w');
      const x = value(stem, 'x');
      const at = `seed ${seed}`;
      const expected: Record<string, number> = {};
      if (stem.includes('Two units are stacked')) {
        const v = value(stem, 'v');
        const key = tfDerivative((a, b) => tf.sigmoid(tf.mul(v, tf.tanh(tf.mul(a, b)))), w, x, 'w');
        expect(close(keyOf(problem), [key], TF_TOL), `${at} key`).toBe(true);
        const h = Math.tanh(w * x);
        const u = v * h;
        const s = sig(u);
        expected['sigmoid-derivative-as-sigmoid'] = s * v * (1 - h * h) * x;
        expected['tanh-derivative-not-squared'] = s * (1 - s) * v * (1 - h) * x;
        expected['chain-forgot-inner-derivative'] = s * (1 - s) * v * (1 - h * h);
        expected['derivative-at-preactivation'] = u * (1 - u) * v * (1 - h * h) * x;
        expect(close(part(problem, 'inner-value'), [h])).toBe(true);
        expect(close(part(problem, 'outer-slope'), [s * (1 - s)])).toBe(true);
        expect(close(part(problem, 'inner-slope'), [1 - h * h])).toBe(true);
      } else {
        const b = value(stem, 'b');
        const tanh = stem.includes('\\tanh(w x + b)');
        const by = capture(stem, /partial y \/ \\partial ([wx])\$\?$/) as 'w' | 'x';
        const unit = (a: tf.Scalar, c: tf.Scalar) => {
          const z = tf.add(tf.mul(a, c), b);
          return (tanh ? tf.tanh(z) : tf.sigmoid(z)) as tf.Scalar;
        };
        const key = tfDerivative(unit, w, x, by);
        expect(close(keyOf(problem), [key], TF_TOL), `${at} key`).toBe(true);
        const z = w * x + b;
        const f = tanh ? Math.tanh(z) : sig(z);
        const slope = tanh ? 1 - f * f : f * (1 - f);
        const inner = by === 'w' ? x : w;
        const wrongInner = by === 'w' ? w : x;
        expected[tanh ? 'tanh-derivative-not-squared' : 'sigmoid-derivative-as-sigmoid'] =
          (tanh ? 1 - f : f) * inner;
        expected['chain-forgot-inner-derivative'] = slope;
        expected['derivative-at-preactivation'] = (tanh ? 1 - z * z : z * (1 - z)) * inner;
        expected['backprop-wrong-input'] = slope * wrongInner;
        expect(close(part(problem, 'preactivation'), [z])).toBe(true);
        expect(close(part(problem, 'local-slope'), [slope])).toBe(true);
      }
      // No wrong option comes from a misconception the oracle does not recompute.
      for (const d of problem.distractors) {
        expect(Object.keys(expected), `${at} ${d.misconception.id}`).toContain(d.misconception.id);
      }
      for (const [id, val] of Object.entries(expected)) {
        const got = candidate(problem, id);
        if (got === undefined) continue;
        seen.add(id);
        expect(close(got, [val]), `${at} ${id}`).toBe(true);
      }
    }
    // Every misconception the template names shows up on some seed.
    expect([...seen].sort()).toEqual([
      'backprop-wrong-input',
      'chain-forgot-inner-derivative',
      'derivative-at-preactivation',
      'sigmoid-derivative-as-sigmoid',
      'tanh-derivative-not-squared',
    ]);
  });

  it('works a sigmoid unit (level 1, seed 0) by hand', () => {
    const v = mcq(ID, { level: 1 }, 0);
    const stem = v.question.stem;
    expect([value(stem, 'w'), value(stem, 'x'), value(stem, 'b')]).toEqual([-1.5, 0.5, -0.5]);
    expect(stem).toMatch(/\\partial w\$\?$/);
    // z = (−1.5)(0.5) − 0.5 = −1.25; σ(−1.25) = 1/(1 + e^{1.25}) = 1/(1 + 3.4903) = 0.22270;
    // slope 0.22270 · 0.77730 = 0.17310; ∂y/∂w = 0.17310 · x = 0.17310 · 0.5 = 0.08655.
    expect(correctNumbers(v)).toEqual([0.0866]);
    const { problem } = drawnAt(ID, 0, { level: 1 });
    expect(close(part(problem, 'preactivation'), [-1.25])).toBe(true);
    expect(close(part(problem, 'local-slope'), [0.1731], 5e-5)).toBe(true);
    // σ(z) alone: 0.22270 · 0.5 = 0.11135. Without the factor x: 0.17310.
    // z(1 − z)·x = (−1.25)(2.25)(0.5) = −1.40625. Times w instead of x: 0.17310 · (−1.5) = −0.25966.
    expect(close(candidate(problem, 'sigmoid-derivative-as-sigmoid'), [0.11135], 5e-5)).toBe(true);
    expect(close(candidate(problem, 'chain-forgot-inner-derivative'), [0.1731], 5e-5)).toBe(true);
    expect(close(candidate(problem, 'derivative-at-preactivation'), [-1.40625])).toBe(true);
    expect(close(candidate(problem, 'backprop-wrong-input'), [-0.25966], 5e-5)).toBe(true);
  });

  it('works a tanh unit by hand, by w (level 2, seed 4) and by x (seed 0)', () => {
    const byW = mcq(ID, { level: 2 }, 4);
    expect(
      ['w', 'x', 'b'].map((n) => value(byW.question.stem, n)),
      'seed 4 numbers',
    ).toEqual([3, -0.5, 1]);
    expect(byW.question.stem).toMatch(/\\partial w\$\?$/);
    // z = 3·(−0.5) + 1 = −0.5; tanh(−0.5) = −0.46212, squared 0.21355, slope 0.78645;
    // ∂y/∂w = 0.78645 · x = 0.78645 · (−0.5) = −0.39322.
    expect(correctNumbers(byW)).toEqual([-0.3932]);
    const w = drawnAt(ID, 4, { level: 2 }).problem;
    // 1 − tanh (not squared): 1.46212 · (−0.5) = −0.73106. 1 − z² = 0.75, times x: −0.375.
    // Times w instead of x: 0.78645 · 3 = 2.35934.
    expect(close(candidate(w, 'tanh-derivative-not-squared'), [-0.73106], 5e-5)).toBe(true);
    expect(close(candidate(w, 'derivative-at-preactivation'), [-0.375])).toBe(true);
    expect(close(candidate(w, 'backprop-wrong-input'), [2.35934], 5e-5)).toBe(true);

    const byX = mcq(ID, { level: 2 }, 0);
    expect(['w', 'x', 'b'].map((n) => value(byX.question.stem, n))).toEqual([-1.5, 0.5, -0.5]);
    expect(byX.question.stem).toMatch(/\\partial x\$\?$/);
    // z = −1.25; tanh(−1.25) = −0.84828, squared 0.71959, slope 0.28041;
    // ∂y/∂x = 0.28041 · w = 0.28041 · (−1.5) = −0.42062. Times x instead: 0.28041 · 0.5 = 0.14021.
    expect(correctNumbers(byX)).toEqual([-0.4206]);
    const x = drawnAt(ID, 0, { level: 2 }).problem;
    expect(close(part(x, 'local-slope'), [0.28041], 5e-5)).toBe(true);
    expect(close(candidate(x, 'backprop-wrong-input'), [0.14021], 5e-5)).toBe(true);
  });

  it('works the stacked units (level 3, seed 0) by hand', () => {
    const v = mcq(ID, { level: 3 }, 0);
    const stem = v.question.stem;
    expect([value(stem, 'w'), value(stem, 'x'), value(stem, 'v')]).toEqual([-1.5, -0.5, 2]);
    // wx = 0.75, h = tanh(0.75) = 0.63515, 1 − h² = 1 − 0.40341 = 0.59659;
    // u = 2h = 1.27030, σ(u) = 1/(1 + e^{−1.2703}) = 1/(1 + 0.28075) = 0.78079,
    // σ′(u) = 0.78079 · 0.21921 = 0.17115;
    // ∂y/∂w = 0.17115 · 2 · 0.59659 · (−0.5) = −0.10211.
    expect(correctNumbers(v)).toEqual([-0.1021]);
    const { problem } = drawnAt(ID, 0, { level: 3 });
    expect(close(part(problem, 'inner-value'), [0.63515], 5e-5)).toBe(true);
    expect(close(part(problem, 'outer-slope'), [0.17115], 5e-5)).toBe(true);
    expect(close(part(problem, 'inner-slope'), [0.59659], 5e-5)).toBe(true);
    // σ(u) for σ′(u): 0.78079 · 2 · 0.59659 · (−0.5) = −0.46581.
    // 1 − h for 1 − h²: 0.17115 · 2 · 0.36485 · (−0.5) = −0.06245. Without x: 0.20422.
    expect(close(candidate(problem, 'sigmoid-derivative-as-sigmoid'), [-0.46581], 5e-5)).toBe(true);
    expect(close(candidate(problem, 'tanh-derivative-not-squared'), [-0.06245], 5e-5)).toBe(true);
    expect(close(candidate(problem, 'chain-forgot-inner-derivative'), [0.20422], 5e-5)).toBe(true);
  });
});
