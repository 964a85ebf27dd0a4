/**
 * lr-schedule against a separate implementation written here: PyTorch's chainable (recursive)
 * `get_lr` updates of StepLR, CosineAnnealingLR and LinearLR, stepped epoch by epoch from the
 * stem's numbers, and a DataLoader batch loop; over 300 seeds, reading every input back out of the
 * stem. Plus a hand-worked case of every schedule with fixed params.
 */
import { describe, expect, it } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import type { ParamInput, Problem } from '../types';

const ID = 'lr-schedule';
const SEEDS = 300;

function drawn(seed: number, params: Record<string, ParamInput> = {}): Problem {
  const level = (1 + (seed % 3)) as 1 | 2 | 3;
  return generateWithProblem(ID, seed, { form: 'numeric', params: { level, ...params } }).problem;
}

function num(text: string, pattern: RegExp): number {
  const m = pattern.exec(text);
  if (m === null) throw new Error(`${String(pattern)} not in ${text}`);
  return Number(m[1]);
}

const key = (p: Problem) => answerValues(p.answer)[0];
const cand = (p: Problem, id: string) => {
  const d = p.distractors.find((x) => x.misconception.id === id);
  return d === undefined ? undefined : answerValues(d.value)[0];
};
const part = (p: Problem, id: string) => {
  const found = p.parts?.find((q) => q.id === id);
  if (found === undefined) throw new Error(`no part ${id}`);
  return answerValues(found.answer)[0];
};
const near = (a: number | undefined, b: number, tol = 1e-9) =>
  a !== undefined && Math.abs(a - b) <= tol;

/** torch StepLR.get_lr, chained: multiply by γ at every epoch that is a multiple of step_size. */
function stepLr(lr0: number, size: number, gamma: number, t: number): number {
  let lr = lr0;
  for (let e = 1; e <= t; e++) if (e % size === 0) lr *= gamma;
  return lr;
}

/** torch CosineAnnealingLR.get_lr, chained from the previous epoch's lr. */
function cosineLr(lr0: number, tMax: number, etaMin: number, t: number): number {
  let lr = lr0;
  for (let e = 1; e <= t; e++) {
    if ((e - 1 - tMax) % (2 * tMax) === 0) {
      lr += ((lr0 - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
    } else {
      lr =
        ((1 + Math.cos((Math.PI * e) / tMax)) / (1 + Math.cos((Math.PI * (e - 1)) / tMax))) *
          (lr - etaMin) +
        etaMin;
    }
  }
  return lr;
}

/** torch LinearLR.get_lr (end_factor 1), chained: epoch 0 is lr·s, then relative increments. */
function linearLr(lr0: number, s: number, total: number, t: number): number {
  let lr = lr0 * s;
  for (let e = 1; e <= t; e++) {
    if (e > total) continue;
    lr *= 1 + (1 - s) / (total * s + (e - 1) * (1 - s));
  }
  return lr;
}

/** Batches a DataLoader yields in one epoch, by walking over the samples. */
function batchesPerEpoch(n: number, batch: number, dropLast: boolean): number {
  let count = 0;
  for (let start = 0; start < n; start += batch) {
    const size = Math.min(batch, n - start);
    if (dropLast && size < batch) continue;
    count++;
  }
  return count;
}

const lrOf = (s: string) => num(s, /lr \$= ([\d.]+)\$/);
const epochOf = (s: string) => num(s, /does epoch (\d+) train/);

describe('lr-schedule against chained PyTorch schedulers and a batch loop', () => {
  it(`matches key, parts and misconceptions over ${SEEDS} seeds`, () => {
    const seenSchedules = new Set<string>();
    const seenMisconceptions = new Set<string>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const p = drawn(seed);
      const s = p.stem;
      const at = `seed ${seed}`;
      const expected: Record<string, number> = {};
      for (const d of p.distractors) seenMisconceptions.add(d.misconception.id);
      if (s.includes('StepLR')) {
        seenSchedules.add('step');
        expect(s).toMatch(/epoch 0/);
        const [lr0, size, gamma, t] = [
          lrOf(s),
          num(s, /step_size=(\d+)/),
          num(s, /gamma=([\d.]+)/),
          epochOf(s),
        ];
        expect(near(key(p), stepLr(lr0, size, gamma, t)), at).toBe(true);
        expect(part(p, 'decays'), at).toBe(Math.floor(t / size));
        expected['schedule-off-by-one'] = stepLr(lr0, size, gamma, t + 1);
        expected['step-decay-every-epoch'] = lr0 * gamma ** t;
        expected['decay-applied-once'] = lr0 * gamma;
      } else if (s.includes('DataLoader')) {
        seenSchedules.add('batches');
        const n = num(s, /set of (\d+) samples/);
        const b = num(s, /batch_size=(\d+)/);
        const dropLast = s.includes('drop_last=True');
        const epochs = num(s, /do (\d+) epochs/);
        expect(n % b, at).not.toBe(0);
        expect(key(p), at).toBe(epochs * batchesPerEpoch(n, b, dropLast));
        expect(part(p, 'updates-per-epoch'), at).toBe(batchesPerEpoch(n, b, dropLast));
        expected['batches-rounding-swapped'] = epochs * batchesPerEpoch(n, b, !dropLast);
        expected['batches-forgot-epochs'] = batchesPerEpoch(n, b, dropLast);
        expected['batches-one-per-sample'] = n * epochs;
      } else if (s.includes('CosineAnnealingLR')) {
        seenSchedules.add('cosine');
        const [lr0, tMax, etaMin, t] = [
          lrOf(s),
          num(s, /T_max=(\d+)/),
          num(s, /eta_min=([\d.]+)/),
          epochOf(s),
        ];
        expect(near(key(p), cosineLr(lr0, tMax, etaMin, t), 1e-9), at).toBe(true);
        expected['schedule-off-by-one'] = cosineLr(lr0, tMax, etaMin, t + 1);
        expected['cosine-linear'] = lr0 + ((etaMin - lr0) * t) / tMax;
      } else {
        const scaled = s.includes('linear scaling rule');
        seenSchedules.add(scaled ? 'scaled-warmup' : 'warmup');
        const base = lrOf(s);
        const sf = num(s, /start_factor=([\d.]+)/);
        const total = num(s, /total_iters=(\d+)/);
        const t = epochOf(s);
        const ratio = scaled
          ? num(s, /You train with batch size (\d+)/) / num(s, /at batch size (\d+)\./)
          : 1;
        const lr0 = base * ratio;
        expect(near(key(p), linearLr(lr0, sf, total, t), 1e-9), at).toBe(true);
        expected['schedule-off-by-one'] = linearLr(lr0, sf, total, t + 1);
        expected['warmup-from-zero'] = (lr0 * t) / total;
        if (scaled) {
          expected['scaling-ignored'] = linearLr(base, sf, total, t);
          expected['scaling-inverted'] = linearLr(base / ratio, sf, total, t);
          expected['scaling-sqrt'] = linearLr(base * Math.sqrt(ratio), sf, total, t);
          expect(near(part(p, 'scaled-lr'), lr0), at).toBe(true);
        }
      }
      for (const [id, value] of Object.entries(expected)) {
        const got = cand(p, id);
        if (got !== undefined) expect(near(got, value, 1e-9), `${at} ${id}`).toBe(true);
      }
      // No wrong option is the key.
      for (const d of p.distractors)
        expect(near(answerValues(d.value)[0], key(p), 1e-12), `${at} ${d.misconception.id}`).toBe(
          false,
        );
    }
    expect([...seenSchedules].sort()).toEqual([
      'batches',
      'cosine',
      'scaled-warmup',
      'step',
      'warmup',
    ]);
    // Every misconception the template names shows up on some seed.
    expect([...seenMisconceptions].sort()).toEqual([
      'batches-forgot-epochs',
      'batches-one-per-sample',
      'batches-rounded-once',
      'batches-rounding-swapped',
      'cosine-linear',
      'cosine-no-half',
      'cosine-no-pi',
      'decay-applied-once',
      'gamma-as-decay-rate',
      'scaling-ignored',
      'scaling-inverted',
      'scaling-sqrt',
      'schedule-off-by-one',
      'step-decay-ceil',
      'step-decay-every-epoch',
      'warmup-forgot-one-minus-start',
      'warmup-from-zero',
    ]);
  });
});

describe('lr-schedule by hand', () => {
  it('StepLR(step_size=4, gamma=0.5) from 0.2, epoch 11', () => {
    // ⌊11/4⌋ = 2 decays (at epochs 4 and 8): 0.2 · 0.5² = 0.05.
    // Epoch 12 (one step too many) and ⌈11/4⌉ = 3 both give 0.2 · 0.125 = 0.025;
    // every epoch: 0.2 · 0.5¹¹ = 0.2/2048 = 0.00009765625; γ applied once: 0.1.
    const p = drawn(0, {
      level: 1,
      schedule: 'step',
      lr0: 0.2,
      step_size: 4,
      gamma: 0.5,
      epoch: 11,
    });
    expect(near(key(p), 0.05)).toBe(true);
    expect(part(p, 'decays')).toBe(2);
    expect(near(part(p, 'factor'), 0.25)).toBe(true);
    expect(near(cand(p, 'schedule-off-by-one'), 0.025)).toBe(true);
    expect(near(cand(p, 'step-decay-ceil'), 0.025)).toBe(true);
    expect(near(cand(p, 'step-decay-every-epoch'), 0.00009765625)).toBe(true);
    expect(near(cand(p, 'decay-applied-once'), 0.1)).toBe(true);
    // γ = 0.5 is its own complement, so "1 − γ" is no distinct mistake here.
    expect(cand(p, 'gamma-as-decay-rate')).toBeUndefined();
  });

  it('50000 samples, batch 128, drop_last=True, 10 epochs', () => {
    // 50000 = 390 · 128 + 80: 390 full batches, the 80 left over are dropped → 3900 updates.
    // Kept instead: 391 · 10 = 3910. Rounded once: ⌊500000/128⌋ = ⌊3906.25⌋ = 3906.
    const p = drawn(0, {
      level: 1,
      schedule: 'batches',
      samples: 50000,
      batch_size: 128,
      drop_last: true,
      epochs: 10,
    });
    expect(key(p)).toBe(3900);
    expect(part(p, 'full-batches')).toBe(390);
    expect(cand(p, 'batches-rounding-swapped')).toBe(3910);
    expect(cand(p, 'batches-rounded-once')).toBe(3906);
    expect(cand(p, 'batches-forgot-epochs')).toBe(390);
    expect(cand(p, 'batches-one-per-sample')).toBe(500000);
    expect(p.stem).toContain('drop_last=True');
  });

  it('CosineAnnealingLR(T_max=6, eta_min=0.01) from 0.1, epoch 2', () => {
    // cos(2π/6) = cos(60°) = 0.5: 0.01 + 0.09 · (1 + 0.5)/2 = 0.01 + 0.0675 = 0.0775.
    // Straight line: 0.01 + 0.09 · (1 − 2/6) = 0.07. No ½(1 + …): 0.01 + 0.09 · 0.5 = 0.055.
    // Epoch 3: cos(90°) = 0 → 0.01 + 0.045 = 0.055.
    const p = drawn(0, {
      level: 2,
      schedule: 'cosine',
      lr0: 0.1,
      T_max: 6,
      eta_min: 0.01,
      epoch: 2,
    });
    expect(near(key(p), 0.0775, 1e-9)).toBe(true);
    expect(near(part(p, 'cosine-factor'), 0.75, 1e-9)).toBe(true);
    expect(near(cand(p, 'cosine-linear'), 0.07, 1e-9)).toBe(true);
    expect(near(cand(p, 'cosine-no-half'), 0.055, 1e-9)).toBe(true);
    expect(near(cand(p, 'schedule-off-by-one'), 0.055, 1e-9)).toBe(true);
    // Without π: cos(1/3 rad) ≈ 0.944957, 0.01 + 0.09 · 0.972479 ≈ 0.097523.
    expect(near(cand(p, 'cosine-no-pi'), 0.097523, 1e-6)).toBe(true);
  });

  it('LinearLR(start_factor=0.25, total_iters=3) from 0.4, epoch 2', () => {
    // Factors 0.25, 0.5, 0.75, 1 at epochs 0–3: epoch 2 → 0.4 · 0.75 = 0.3.
    // From 0: 0.4 · 2/3 = 0.266667. Without (1 − s): 0.4 · (0.25 + 2/3) = 0.366667. Epoch 3: 0.4.
    const p = drawn(0, {
      level: 2,
      schedule: 'warmup',
      lr0: 0.4,
      start_factor: 0.25,
      total_iters: 3,
      epoch: 2,
    });
    expect(near(key(p), 0.3, 1e-9)).toBe(true);
    expect(near(part(p, 'first-lr'), 0.1, 1e-9)).toBe(true);
    expect(near(cand(p, 'warmup-from-zero'), 0.4 * (2 / 3), 1e-9)).toBe(true);
    expect(near(cand(p, 'warmup-forgot-one-minus-start'), 0.4 * (0.25 + 2 / 3), 1e-9)).toBe(true);
    expect(near(cand(p, 'schedule-off-by-one'), 0.4, 1e-9)).toBe(true);
  });

  it('linear scaling 256 → 1024 from 0.1, then LinearLR(0.1, 5), epoch 2', () => {
    // lr = 0.1 · 1024/256 = 0.4; factor 0.1 + 0.9 · 2/5 = 0.46 → 0.184.
    // Unscaled: 0.046. Inverted (· 1/4): 0.0115. Square root (· 2): 0.092.
    // From 0: 0.4 · 0.4 = 0.16. Epoch 3: 0.4 · 0.64 = 0.256. Without (1 − s): 0.4 · 0.5 = 0.2.
    const p = drawn(0, {
      level: 3,
      schedule: 'scaled-warmup',
      lr0: 0.1,
      base_batch: 256,
      batch_size: 1024,
      start_factor: 0.1,
      total_iters: 5,
      epoch: 2,
    });
    expect(near(key(p), 0.184, 1e-9)).toBe(true);
    expect(near(part(p, 'scaled-lr'), 0.4, 1e-9)).toBe(true);
    expect(near(part(p, 'warmup-factor'), 0.46, 1e-9)).toBe(true);
    const wrongs: [string, number][] = [
      ['scaling-ignored', 0.046],
      ['scaling-inverted', 0.0115],
      ['scaling-sqrt', 0.092],
      ['warmup-from-zero', 0.16],
      ['schedule-off-by-one', 0.256],
      ['warmup-forgot-one-minus-start', 0.2],
    ];
    for (const [id, value] of wrongs) expect(near(cand(p, id), value, 1e-9), id).toBe(true);
    expect(p.stem).toMatch(/linear scaling rule/);
    expect(p.stem).toMatch(/epoch 0/);
  });
});
