/**
 * two-layer-backprop: the key is tf.grads of the network's loss, written with tf ops from the
 * stem's numbers (tf.relu / tf.sigmoid, a squared error or tf.losses.sigmoidCrossEntropy on the
 * logit), over hundreds of seeds; every misconception and part recomputed from tf's forward values;
 * plus a hand-worked case.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { correctNumbers, mcq } from '../test-helpers';
import {
  SEEDS,
  candidate,
  capture,
  close,
  drawnAt,
  keyOf,
  list,
  matrices,
  part,
} from './test-support';

const ID = 'two-layer-backprop';
const TF_TOL = 1e-5;

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  tf.tidy(() => tf.scalar(0).dataSync());
  warn.mockRestore();
});

interface Read {
  x: number[];
  w: number[][];
  b: number[];
  v: number[];
  c: number;
  t: number;
  relu: boolean;
  bce: boolean;
}

function readStem(stem: string): Read {
  return {
    x: list(capture(stem, /\$x = \[([^\]]+)\]/)),
    w: matrices(stem)[0],
    b: list(capture(stem, /\$b = \[([^\]]+)\]/)),
    v: list(capture(stem, /\$v = \[([^\]]+)\]/)),
    c: Number(capture(stem, /\$c = (-?[\d.]+)\$/)),
    t: Number(capture(stem, /target \$t = (-?[\d.]+)\$/)),
    relu: stem.includes('ReLU units'),
    bce: stem.includes('binary cross-entropy'),
  };
}

/** Loss, ∂L/∂W, ∂L/∂v and the forward values, all from tf. */
function tfPass(r: Read) {
  return tf.tidy(() => {
    const x = tf.tensor2d([r.x]).transpose();
    const b = tf.tensor2d([r.b]).transpose();
    const forward = (w: tf.Tensor, v: tf.Tensor) => {
      const z = tf.add(tf.matMul(w as tf.Tensor2D, x), b);
      const h = r.relu ? tf.relu(z) : tf.sigmoid(z);
      const o = tf.add(tf.matMul(v as tf.Tensor2D, h), r.c);
      return { z, h, o };
    };
    const loss = (w: tf.Tensor, v: tf.Tensor): tf.Scalar => {
      const { o } = forward(w, v);
      return r.bce
        ? (tf.losses.sigmoidCrossEntropy(tf.tensor2d([[r.t]]), o as tf.Tensor2D) as tf.Scalar)
        : (tf.sum(tf.square(tf.sub(o, r.t))) as tf.Scalar);
    };
    const w = tf.tensor2d(r.w);
    const v = tf.tensor2d([r.v]);
    const [dW, dV] = tf.grads(loss)([w, v]);
    const { z, h, o } = forward(w, v);
    const zs = Array.from(z.dataSync());
    const hs = Array.from(h.dataSync());
    const os = o.dataSync()[0];
    return {
      dW: dW.arraySync() as number[][],
      dV: (dV.arraySync() as number[][])[0],
      z: zs,
      h: hs,
      o: os,
      // Gradient of the loss at the output (ŷ for squared error, the logit o for BCE), by tf.
      dO: tf
        .grad((u: tf.Tensor) =>
          r.bce
            ? (tf.losses.sigmoidCrossEntropy(tf.tensor2d([[r.t]]), u as tf.Tensor2D) as tf.Scalar)
            : (tf.sum(tf.square(tf.sub(u, r.t))) as tf.Scalar),
        )(tf.tensor2d([[os]]))
        .dataSync()[0],
    };
  });
}

describe('two-layer-backprop against tf.grads', () => {
  it(`matches key, misconceptions and parts over ${SEEDS} seeds`, () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const { problem } = drawnAt(ID, seed);
      const r = readStem(problem.stem);
      const g = tfPass(r);
      const hidden = /partial (w)_\{(\d)(\d)\}\$\?$/.exec(problem.stem);
      const output = /partial v_\{(\d)\}\$\?$/.exec(problem.stem);
      const sig = (u: number) => 1 / (1 + Math.exp(-u));
      const at = `seed ${seed}`;
      const expected: Record<string, number> = {};
      let key: number;
      if (hidden !== null) {
        const k = Number(hidden[2]) - 1;
        const i = Number(hidden[3]) - 1;
        key = g.dW[k][i];
        const slope = r.relu ? (g.z[k] > 0 ? 1 : 0) : g.h[k] * (1 - g.h[k]);
        const otherInput = r.x.findIndex((xj, j) => j !== i && xj !== r.x[i]);
        expected['backprop-forgot-activation-derivative'] = g.dO * r.v[k] * r.x[i];
        expected['sigmoid-derivative-as-sigmoid'] = g.dO * r.v[k] * g.h[k] * r.x[i];
        expected['backprop-wrong-input'] = g.dO * r.v[k] * slope * r.x[otherInput];
        expected['backprop-wrong-output-weight'] = g.dO * r.v[1 - k] * slope * r.x[i];
        expect(close(part(problem, 'hidden-gradient'), [g.dO * r.v[k] * slope], TF_TOL), at).toBe(
          true,
        );
      } else {
        expect(output, at).not.toBeNull();
        const k = Number(output![1]) - 1;
        key = g.dV[k];
        expected['backprop-wrong-output-weight'] = g.dO * g.h[1 - k];
        expected['backprop-used-preactivation'] = g.dO * g.z[k];
        expect(close(part(problem, 'hidden-activation'), [g.h[k]], TF_TOL), at).toBe(true);
      }
      expect(close(keyOf(problem), [key], TF_TOL), `${at} key`).toBe(true);
      expected['backprop-sign-flipped'] = -key;
      expected['backprop-forgot-factor-2'] = key / 2;
      expected['backprop-bce-extra-sigmoid-derivative'] = key * sig(g.o) * (1 - sig(g.o));
      for (const [id, value] of Object.entries(expected)) {
        const got = candidate(problem, id);
        if (got === undefined) continue;
        seen.add(id);
        expect(close(got, [value], TF_TOL), `${at} ${id}`).toBe(true);
      }
      expect(close(part(problem, 'prediction'), [r.bce ? sig(g.o) : g.o], TF_TOL), at).toBe(true);
      expect(close(part(problem, 'output-gradient'), [g.dO], TF_TOL), at).toBe(true);
    }
    expect(seen.size).toBe(8);
  });

  it('works seed 7 (level 1) by hand', () => {
    const v = mcq(ID, { level: 1 }, 7);
    const stem = v.question.stem;
    // The drawn network: x = [0, −1], W = [[1, −2], [−2, 0]], b = [−0.5, −0.5], v = [2, 1],
    // c = 0, t = 1, asking for ∂L/∂w₁₂ (input x₂ into hidden unit 1).
    expect(readStem(stem)).toEqual({
      x: [0, -1],
      w: [
        [1, -2],
        [-2, 0],
      ],
      b: [-0.5, -0.5],
      v: [2, 1],
      c: 0,
      t: 1,
      relu: true,
      bce: false,
    });
    expect(stem).toMatch(/w_\{12\}\$\?$/);
    // z₁ = 1·0 + (−2)(−1) − 0.5 = 1.5, z₂ = (−2)·0 + 0·(−1) − 0.5 = −0.5 → h = [1.5, 0].
    // ŷ = 2·1.5 + 1·0 + 0 = 3; L = (3 − 1)² = 4; ∂L/∂ŷ = 2(3 − 1) = 4.
    // ∂L/∂h₁ = 4·v₁ = 8; ReLU′(1.5) = 1 → ∂L/∂z₁ = 8; ∂L/∂w₁₂ = 8·x₂ = −8.
    expect(correctNumbers(v)).toEqual([-8]);
    const { problem } = drawnAt(ID, 7, { level: 1 });
    expect(close(part(problem, 'prediction'), [3])).toBe(true);
    expect(close(part(problem, 'output-gradient'), [4])).toBe(true);
    expect(close(part(problem, 'hidden-gradient'), [8])).toBe(true);
    // Dropping the 2: −4. Sign flipped: 8. Through v₂ = 1 instead of v₁: 4·1·1·(−1) = −4.
    // The other input x₁ = 0: 8·0 = 0.
    expect(close(candidate(problem, 'backprop-forgot-factor-2'), [-4])).toBe(true);
    expect(close(candidate(problem, 'backprop-sign-flipped'), [8])).toBe(true);
    expect(close(candidate(problem, 'backprop-wrong-output-weight'), [-4])).toBe(true);
    expect(close(candidate(problem, 'backprop-wrong-input'), [0])).toBe(true);
    // A ReLU that is active passes the gradient unchanged: forgetting its slope is no mistake here.
    expect(candidate(problem, 'backprop-forgot-activation-derivative')).toBeUndefined();
    expect(stem).toMatch(/no factor 1\/2/);
  });

  it('agrees with tf on a hand-worked network (the oracle itself is right)', () => {
    // x = [1, 2], W = [[1, −1], [0.5, 1]], b = [0, −1], v = [2, −1], c = 0.5, t = 1:
    // z = [1 − 2 + 0, 0.5 + 2 − 1] = [−1, 1.5], h = [0, 1.5], ŷ = 0 − 1.5 + 0.5 = −1,
    // ∂L/∂ŷ = 2(−1 − 1) = −4, ∂L/∂h₂ = −4·(−1) = 4, ReLU′(1.5) = 1, ∂L/∂w₂₁ = 4·x₁ = 4, ∂L/∂w₂₂ = 8.
    // tf agrees:
    const g = tfPass({
      x: [1, 2],
      w: [
        [1, -1],
        [0.5, 1],
      ],
      b: [0, -1],
      v: [2, -1],
      c: 0.5,
      t: 1,
      relu: true,
      bce: false,
    });
    expect(close(g.dW[1], [4, 8], TF_TOL)).toBe(true);
    expect(close(g.dW[0], [0, 0], TF_TOL)).toBe(true);
    expect(close([g.dO], [-4], TF_TOL)).toBe(true);
  });
});
