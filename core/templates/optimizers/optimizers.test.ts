/**
 * The optimizers templates against straightforward loops written here (the kernels themselves are
 * checked against tf.train.momentum / adagrad / rmsprop / adam in core/kernels/optimizers.test.ts),
 * over 300 seeds each, reading every input back out of the stem; plus one hand-worked case each.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import type { ParamInput, Problem } from '../types';

const SEEDS = 300;

function drawn(id: string, seed: number, params: Record<string, ParamInput> = {}): Problem {
  const level = (1 + (seed % 3)) as 1 | 2 | 3;
  return generateWithProblem(id, seed, { form: 'numeric', params: { level, ...params } }).problem;
}

function num(text: string, pattern: RegExp): number {
  const m = pattern.exec(text);
  if (m === null) throw new Error(`${String(pattern)} not in ${text}`);
  return Number(m[1]);
}

function gradsOf(stem: string): number[] {
  const one = /\$g = (-?[\d.]+)\$/.exec(stem);
  if (one !== null) return [Number(one[1])];
  return [...stem.matchAll(/\$g_\{\d\} = (-?[\d.]+)\$/g)].map((m) => Number(m[1]));
}

const key = (p: Problem) => answerValues(p.answer)[0];
const part = (p: Problem, id: string) =>
  answerValues(
    p.parts?.find((q) => q.id === id)?.answer ?? { kind: 'number', value: NaN, decimals: 0 },
  )[0];
const cand = (p: Problem, id: string) => {
  const d = p.distractors.find((x) => x.misconception.id === id);
  return d === undefined ? undefined : answerValues(d.value)[0];
};
const near = (a: number | undefined, b: number, tol = 1e-9) =>
  a !== undefined && Math.abs(a - b) <= tol;

describe('sgd-momentum', () => {
  it(`matches a loop of torch.optim.SGD's rule over ${SEEDS} seeds`, () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const p = drawn('sgd-momentum', seed);
      const s = p.stem;
      const w0 = num(s, /weight \$w = (-?[\d.]+)\$/);
      const lr = num(s, /lr=([\d.]+)/);
      const mu = num(s, /momentum=([\d.]+)/);
      const nesterov = s.includes('nesterov=True');
      const v0 = s.includes('already holds') ? num(s, /already holds \$v = (-?[\d.]+)\$/) : 0;
      let v = v0;
      let w = w0;
      let plain = w0;
      for (const g of gradsOf(s)) {
        v = mu * v + g;
        w -= lr * (nesterov ? g + mu * v : v);
        plain -= lr * g;
      }
      expect(near(key(p), w), `seed ${seed}`).toBe(true);
      expect(near(part(p, 'velocity-1'), mu * v0 + gradsOf(s)[0])).toBe(true);
      const ignored = cand(p, 'momentum-ignored');
      expect(ignored === undefined || near(ignored, plain)).toBe(true);
    }
  });

  it('works one step from a full buffer by hand', () => {
    // w = 1, v = 2, g = 1, lr 0.1, μ 0.9: v = 0.9·2 + 1 = 2.8, w = 1 − 0.28 = 0.72.
    // Old buffer: 1 − 0.1·2 = 0.8. Dampened: v = 1.8 + 0.1 = 1.9 → 0.81. Plain SGD: 0.9.
    const p = drawn('sgd-momentum', 0, {
      level: 1,
      w0: 1,
      grads: '1',
      v0: 2,
      lr: 0.1,
      momentum: 0.9,
    });
    expect(near(key(p), 0.72)).toBe(true);
    expect(near(cand(p, 'momentum-old-velocity'), 0.8)).toBe(true);
    expect(near(cand(p, 'momentum-dampened'), 0.81)).toBe(true);
    expect(near(cand(p, 'momentum-ignored'), 0.9)).toBe(true);
  });
});

describe('adagrad-rmsprop', () => {
  it(`matches loops of Adagrad and RMSprop (ε outside the root) over ${SEEDS} seeds`, () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const p = drawn('adagrad-rmsprop', seed);
      const s = p.stem;
      const ada = s.includes('Adagrad');
      const lr = num(s, /lr=([\d.]+)/);
      let w = num(s, /weight \$w = (-?[\d.]+)\$/);
      let acc = 0;
      gradsOf(s).forEach((g, i) => {
        acc = ada ? acc + g * g : 0.99 * acc + 0.01 * g * g;
        w -= (lr * g) / (Math.sqrt(acc) + (ada ? 1e-10 : 1e-8));
        if (i === 0) expect(near(part(p, 'accumulator-1'), acc, 1e-12)).toBe(true);
      });
      expect(near(key(p), w, 1e-9), `seed ${seed}`).toBe(true);
    }
  });

  it('works two AdaGrad steps by hand', () => {
    // w = 1, lr 0.5, g = 3 then 4: G = 9, w = 1 − 0.5·3/3 = 0.5; G = 25, w = 0.5 − 0.5·4/5 = 0.1.
    // Without the root: 1 − 1.5/9 − 2/25 = 0.75333…; plain SGD: 1 − 3.5 = −2.5.
    const p = drawn('adagrad-rmsprop', 0, {
      level: 2,
      optimizer: 'adagrad',
      w0: 1,
      grads: '3,4',
      lr: 0.5,
    });
    expect(near(key(p), 0.1)).toBe(true);
    expect(near(cand(p, 'adagrad-no-sqrt'), 1 - 1.5 / 9 - 2 / 25)).toBe(true);
    expect(near(cand(p, 'adaptive-ignored'), -2.5)).toBe(true);
  });
});

describe('adam-bias-correction and adamw-vs-l2', () => {
  /** Adam as a loop: decay 'l2' adds λw to g, 'decoupled' shrinks w first. */
  function adamLoop(
    w0: number,
    grads: number[],
    lr: number,
    eps: number,
    lambda = 0,
    decoupled = false,
  ) {
    let m = 0;
    let v = 0;
    let w = w0;
    grads.forEach((g0, i) => {
      const t = i + 1;
      const g = decoupled ? g0 : g0 + lambda * w;
      if (decoupled) w = w - lr * lambda * w;
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      w -= (lr * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + eps);
    });
    return w;
  }

  it(`adam-bias-correction matches the loop over ${SEEDS} seeds`, () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const p = drawn('adam-bias-correction', seed);
      const s = p.stem;
      const eps = s.includes('eps=') ? num(s, /eps=([\d.]+)/) : 1e-8;
      const grads = gradsOf(s);
      const w = adamLoop(num(s, /weight \$w = (-?[\d.]+)\$/), grads, num(s, /lr=([\d.]+)/), eps);
      expect(near(key(p), w, 1e-9), `seed ${seed}`).toBe(true);
    }
  });

  it('works one Adam step by hand', () => {
    // w = 1, g = 2, lr 0.1, ε 0.1: m̂ = 2, v̂ = 4, w = 1 − 0.1·2/(2 + 0.1) = 0.904762.
    // ε inside: 1 − 0.2/√4.1 = 0.901226. No correction: m = 0.2, v = 0.004,
    // 1 − 0.1·0.2/(0.063246 + 0.1) = 0.877482.
    const p = drawn('adam-bias-correction', 0, { level: 3, w0: 1, grads: '2', lr: 0.1, eps: 0.1 });
    expect(near(key(p), 1 - 0.2 / 2.1, 1e-9)).toBe(true);
    expect(near(cand(p, 'adam-eps-inside-sqrt'), 1 - 0.2 / Math.sqrt(4.1), 1e-9)).toBe(true);
    expect(
      near(cand(p, 'adam-no-bias-correction'), 1 - 0.02 / (Math.sqrt(0.004) + 0.1), 1e-9),
    ).toBe(true);
  });

  it(`adamw-vs-l2 matches the loop over ${SEEDS} seeds`, () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const p = drawn('adamw-vs-l2', seed);
      const s = p.stem;
      const decoupled = s.includes('AdamW');
      const lambda = num(s, /weight_decay=([\d.]+)/);
      const w0 = num(s, /weight \$w = (-?[\d.]+)\$/);
      const lr = num(s, /lr=([\d.]+)/);
      const grads = gradsOf(s);
      expect(
        near(key(p), adamLoop(w0, grads, lr, 1e-8, lambda, decoupled), 1e-9),
        `seed ${seed}`,
      ).toBe(true);
      const other = cand(p, decoupled ? 'adamw-as-l2' : 'l2-as-adamw');
      expect(near(other, adamLoop(w0, grads, lr, 1e-8, lambda, !decoupled), 1e-9)).toBe(true);
    }
  });

  it('works AdamW against Adam + L2 by hand', () => {
    // w = 2, g = 0.5, lr 0.1, λ 0.1. AdamW: 2·(1 − 0.01) = 1.98, step 0.1·0.5/0.5 → 1.88.
    // Adam + L2: g' = 0.5 + 0.2 = 0.7, step 0.1 → 1.9. Decay without lr: 2·0.9 − 0.1 = 1.7.
    const p = drawn('adamw-vs-l2', 0, {
      level: 1,
      optimizer: 'adamw',
      w0: 2,
      grads: '0.5',
      lr: 0.1,
      weight_decay: 0.1,
    });
    expect(near(key(p), 1.88, 1e-7)).toBe(true);
    expect(near(cand(p, 'adamw-as-l2'), 1.9, 1e-7)).toBe(true);
    expect(near(cand(p, 'decay-without-lr'), 1.7, 1e-7)).toBe(true);
    expect(near(part(p, 'decayed-weight'), 1.98)).toBe(true);
  });
});
