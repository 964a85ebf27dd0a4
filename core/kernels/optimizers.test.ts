/**
 * Optimiser kernels against tfjs's optimisers (where their update rule is PyTorch's) and against
 * hand-worked steps; schedules against hand values of torch.optim.lr_scheduler.
 *
 * tfjs differences, written down so the oracle is used only where it agrees:
 * - tf.train.momentum(lr, μ, useNesterov) is PyTorch's SGD with dampening 0 exactly.
 * - tf.train.adam puts ε outside √v̂, as PyTorch does, and bias-corrects both moments.
 * - tf.train.adagrad adds ε (the backend's 1e-7) inside the square root and starts the sum at
 *   0.1 by default; we pass 0 and compare with ε = 0 in ours, at a tolerance that absorbs the
 *   inner 1e-7.
 * - tf.train.rmsprop adds ε inside the root too (we pass 1e-12 and use ε = 0 in ours) and its
 *   decay is PyTorch's α.
 * tfjs computes in float32, hence the 1e-5 relative tolerance.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  adagrad,
  adam,
  linearScaledLr,
  rmsprop,
  scheduledLr,
  sgdMomentum,
  updatesPerEpoch,
} from './optimizers';
import { KernelArgError } from './validate';

beforeAll(async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await tf.setBackend('cpu');
  warn.mockRestore();
});

/** The weight after each step of `optimizer` minimising g_t·w (whose gradient is g_t). */
function tfPath(optimizer: tf.Optimizer, w0: number, grads: readonly number[]): number[] {
  const w = tf.variable(tf.scalar(w0));
  const out: number[] = [];
  for (const g of grads) {
    optimizer.minimize(() => tf.mul(w, g).asScalar());
    out.push(w.dataSync()[0]);
  }
  w.dispose();
  optimizer.dispose();
  return out;
}

const close = (a: number, b: number, rel = 1e-5) =>
  Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

const gradsArb = fc.array(
  fc.double({ min: -3, max: 3, noNaN: true }).filter((g) => Math.abs(g) > 0.05),
  { minLength: 1, maxLength: 4 },
);
const wArb = fc.double({ min: -3, max: 3, noNaN: true });

describe('sgdMomentum', () => {
  it('works two steps by hand', () => {
    // μ = 0.9, lr = 0.1, w0 = 1, grads 2 then −1:
    // v1 = 0.9·0 + 2 = 2, w1 = 1 − 0.2 = 0.8; v2 = 1.8 − 1 = 0.8, w2 = 0.8 − 0.08 = 0.72.
    const path = sgdMomentum(1, [2, -1], 0.1, 0.9);
    expect(path[0].v).toBeCloseTo(2, 12);
    expect(path[0].w).toBeCloseTo(0.8, 12);
    expect(path[1].v).toBeCloseTo(0.8, 12);
    expect(path[1].w).toBeCloseTo(0.72, 12);
  });

  it('works Nesterov by hand (PyTorch form: step along g + μ·v)', () => {
    // Same numbers: step 1 uses 2 + 0.9·2 = 3.8 → w1 = 1 − 0.38 = 0.62;
    // step 2 uses −1 + 0.9·0.8 = −0.28 → w2 = 0.62 + 0.028 = 0.648.
    const path = sgdMomentum(1, [2, -1], 0.1, 0.9, { nesterov: true });
    expect(path[0].w).toBeCloseTo(0.62, 12);
    expect(path[1].w).toBeCloseTo(0.648, 12);
  });

  it('matches tf.train.momentum, plain and Nesterov (property)', () => {
    fc.assert(
      fc.property(wArb, gradsArb, fc.boolean(), (w0, grads, nesterov) => {
        const ours = sgdMomentum(w0, grads, 0.1, 0.9, { nesterov }).map((s) => s.w);
        const theirs = tfPath(tf.train.momentum(0.1, 0.9, nesterov), w0, grads);
        return ours.every((w, i) => close(w, theirs[i]));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a momentum of 1 or more, naming it', () => {
    expect(() => sgdMomentum(0, [1], 0.1, 1)).toThrow(KernelArgError);
    expect(() => sgdMomentum(0, [1], 0.1, 1)).toThrow(/^momentum:/);
    expect(() => sgdMomentum(0, [], 0.1, 0.5)).toThrow(/^grads:/);
  });
});

describe('adagrad and rmsprop', () => {
  it('works AdaGrad by hand', () => {
    // lr = 0.5, grads 3 then 4, ε = 0: G1 = 9, w1 = 1 − 0.5·3/3 = 0.5;
    // G2 = 25, w2 = 0.5 − 0.5·4/5 = 0.1.
    const path = adagrad(1, [3, 4], 0.5, 0);
    expect(path[0]).toEqual({ s: 9, w: 0.5 });
    expect(path[1].s).toBe(25);
    expect(path[1].w).toBeCloseTo(0.1, 12);
  });

  it('works RMSProp by hand with α = 0.99', () => {
    // lr = 0.01, g = 2: s1 = 0.01·4 = 0.04, √s1 = 0.2, w1 = 0 − 0.01·2/0.2 = −0.1.
    const path = rmsprop(0, [2], 0.01, 0.99, 0);
    expect(path[0].s).toBeCloseTo(0.04, 12);
    expect(path[0].w).toBeCloseTo(-0.1, 12);
  });

  it('match tf.train.adagrad and tf.train.rmsprop (ε moved inside there, see header)', () => {
    fc.assert(
      fc.property(wArb, gradsArb, (w0, grads) => {
        const a = adagrad(w0, grads, 0.1, 0).map((s) => s.w);
        const ta = tfPath(tf.train.adagrad(0.1, 0), w0, grads);
        const r = rmsprop(w0, grads, 0.01, 0.99, 0).map((s) => s.w);
        const tr = tfPath(tf.train.rmsprop(0.01, 0.99, 0, 1e-12), w0, grads);
        return a.every((w, i) => close(w, ta[i], 1e-4)) && r.every((w, i) => close(w, tr[i]));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps ε outside the square root', () => {
    // g = 1, lr = 1, ε = 0.5: √1 + 0.5 = 1.5 → w = −1/1.5; inside would be −1/√1.5.
    expect(adagrad(0, [1], 1, 0.5)[0].w).toBeCloseTo(-1 / 1.5, 12);
  });
});

describe('adam', () => {
  it('works two steps by hand with bias correction', () => {
    // lr = 0.1, β1 = 0.9, β2 = 0.999, ε = 0, grads 1 then 3, w0 = 0.
    // t = 1: m = 0.1, v = 0.001, m̂ = 0.1/0.1 = 1, v̂ = 0.001/0.001 = 1, w = −0.1.
    // t = 2: m = 0.09 + 0.3 = 0.39, v = 0.000999 + 0.009 = 0.009999,
    //        m̂ = 0.39/0.19 = 2.052631…, v̂ = 0.009999/0.001999 = 5.002001…, √v̂ = 2.236515…,
    //        w = −0.1 − 0.1·2.052631/2.236515 = −0.1 − 0.091778… = −0.191778…
    const path = adam(0, [1, 3], 0.1, { eps: 0 });
    expect(path[0].mHat).toBeCloseTo(1, 12);
    expect(path[0].vHat).toBeCloseTo(1, 12);
    expect(path[0].w).toBeCloseTo(-0.1, 12);
    expect(path[1].m).toBeCloseTo(0.39, 12);
    expect(path[1].v).toBeCloseTo(0.009999, 12);
    expect(path[1].w).toBeCloseTo(
      -0.1 - (0.1 * (0.39 / 0.19)) / Math.sqrt(0.009999 / 0.001999),
      12,
    );
    expect(path[1].w).toBeCloseTo(-0.191778, 5);
  });

  it('matches tf.train.adam (property)', () => {
    fc.assert(
      fc.property(wArb, gradsArb, (w0, grads) => {
        const ours = adam(w0, grads, 0.01, { eps: 1e-3 }).map((s) => s.w);
        const theirs = tfPath(tf.train.adam(0.01, 0.9, 0.999, 1e-3), w0, grads);
        return ours.every((w, i) => close(w, theirs[i]));
      }),
      { numRuns: 60 },
    );
  });

  it('AdamW decays the old weight by lr·λ; Adam with L2 adds λ·w to the gradient', () => {
    // w0 = 2, g = 0.5, lr = 0.1, λ = 0.1, ε = 0, one step.
    // AdamW: w ← 2·(1 − 0.01) = 1.98, then the Adam step m̂/√v̂ = 0.5/0.5 = 1 → 1.88.
    // Adam + L2: g' = 0.5 + 0.2 = 0.7, m̂/√v̂ = 1 → 2 − 0.1 = 1.9.
    expect(adam(2, [0.5], 0.1, { eps: 0, weightDecay: 0.1, decay: 'decoupled' })[0].w).toBeCloseTo(
      1.88,
      12,
    );
    const l2 = adam(2, [0.5], 0.1, { eps: 0, weightDecay: 0.1 })[0];
    expect(l2.g).toBeCloseTo(0.7, 12);
    expect(l2.w).toBeCloseTo(1.9, 12);
  });

  it('Adam with L2 matches tf.train.adam on loss g·w + λ/2·w² (property)', () => {
    fc.assert(
      fc.property(wArb, gradsArb, (w0, grads) => {
        const ours = adam(w0, grads, 0.01, { eps: 1e-3, weightDecay: 0.3 }).map((s) => s.w);
        const opt = tf.train.adam(0.01, 0.9, 0.999, 1e-3);
        const w = tf.variable(tf.scalar(w0));
        const theirs = grads.map((g) => {
          opt.minimize(() => tf.add(tf.mul(w, g), tf.mul(0.15, tf.square(w))).asScalar());
          return w.dataSync()[0];
        });
        w.dispose();
        opt.dispose();
        return ours.every((x, i) => close(x, theirs[i]));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a bad decay mode and β outside [0, 1)', () => {
    expect(() => adam(0, [1], 0.1, { beta2: 1 })).toThrow(/^beta2:/);
    expect(() => adam(0, [1], 0.1, { decay: 'both' as 'l2' })).toThrow(/^decay:/);
  });
});

describe('schedules and batches', () => {
  it('StepLR, ExponentialLR, CosineAnnealingLR and LinearLR by hand', () => {
    // StepLR(step_size 3, γ 0.1) from 1: epochs 0–2 → 1, 3–5 → 0.1, 6 → 0.01.
    const step = { kind: 'step', stepSize: 3, gamma: 0.1 } as const;
    [1, 1, 0.1, 0.1, 0.01].forEach((lr, i) =>
      expect(scheduledLr(1, step, [0, 2, 3, 5, 6][i])).toBeCloseTo(lr, 12),
    );
    // ExponentialLR(γ 0.5) from 0.8: 0.8·0.5³ = 0.1.
    expect(scheduledLr(0.8, { kind: 'exponential', gamma: 0.5 }, 3)).toBeCloseTo(0.1, 12);
    // Cosine, T_max 10, η_min 0, lr0 0.1: t = 5 → 0.05; t = 10 → 0; t = 0 → 0.1.
    const cosine = { kind: 'cosine', tMax: 10, etaMin: 0 } as const;
    expect(scheduledLr(0.1, cosine, 5)).toBeCloseTo(0.05, 12);
    expect(scheduledLr(0.1, cosine, 10)).toBeCloseTo(0, 12);
    expect(scheduledLr(0.1, cosine, 0)).toBeCloseTo(0.1, 12);
    // t = 2 of 6 with η_min 0.01, lr0 0.1: 0.01 + 0.09·(1 + cos(π/3))/2 = 0.01 + 0.0675.
    expect(scheduledLr(0.1, { kind: 'cosine', tMax: 6, etaMin: 0.01 }, 2)).toBeCloseTo(0.0775, 12);
    // LinearLR(start 0.25, total 3) from 0.4: 0.1, 0.2, 0.3, 0.4, then 0.4.
    const warm = { kind: 'warmup', startFactor: 0.25, totalIters: 3 } as const;
    [0.1, 0.2, 0.3, 0.4, 0.4].forEach((lr, t) =>
      expect(scheduledLr(0.4, warm, t)).toBeCloseTo(lr, 12),
    );
  });

  it('cosine equals the recursive PyTorch update inside [0, T_max] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        (tMax, etaMin) => {
          // torch's chainable form: η_{t} = η_min + (η_{t−1} − η_min)·(1 + cos(πt/T))/(1 + cos(π(t−1)/T)).
          let lr = 0.1;
          for (let t = 1; t < tMax; t++) {
            lr =
              etaMin +
              ((lr - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) /
                (1 + Math.cos((Math.PI * (t - 1)) / tMax));
            if (!close(lr, scheduledLr(0.1, { kind: 'cosine', tMax, etaMin }, t), 1e-9))
              return false;
          }
          return true;
        },
      ),
    );
  });

  it('counts updates per epoch with and without drop_last, and scales lr linearly', () => {
    // 1000 samples, batch 64: 15 full batches + 40 left over.
    expect(updatesPerEpoch(1000, 64, false)).toBe(16);
    expect(updatesPerEpoch(1000, 64, true)).toBe(15);
    expect(updatesPerEpoch(1024, 64, false)).toBe(16);
    // 0.1 at batch 256 → batch 1024: ×4.
    expect(linearScaledLr(0.1, 256, 1024)).toBeCloseTo(0.4, 12);
    expect(() => updatesPerEpoch(10, 0, false)).toThrow(/^batchSize:/);
    expect(() => scheduledLr(0.1, { kind: 'cosine', tMax: 5, etaMin: 0 }, 6)).toThrow(/^t:/);
  });
});
