/**
 * Optimiser steps and learning-rate schedules as `torch.optim` computes them, on one scalar
 * weight whose gradient at every step is given (the gradient of the data loss; a coupled L2 term
 * is added by the kernel where the optimiser does that itself). Every function returns the state
 * after each step, so templates can ask for any intermediate value.
 */
import { unreachable } from '../types';
import {
  KernelArgError,
  requireFiniteNumber,
  requireFiniteResult,
  requireNonNegativeInt,
  requireNonNegativeNumber,
  requirePositiveInt,
  requirePositiveNumber,
  requireVector,
} from './validate';

/** State after one step of SGD with momentum. */
export interface MomentumState {
  /** The momentum buffer (velocity) after the step. */
  readonly v: number;
  /** The weight after the step. */
  readonly w: number;
}

/** A coefficient in [0, 1) (momentum, β, α). */
function requireUnitInterval(arg: string, value: unknown): number {
  const x = requireFiniteNumber(arg, value);
  if (x < 0 || x >= 1) throw new KernelArgError(arg, `must be in [0, 1), got ${x}`);
  return x;
}

/**
 * torch.optim.SGD(lr, momentum=μ, dampening=0): v ← μ·v + g, then w ← w − lr·v; with
 * `nesterov`, w ← w − lr·(g + μ·v) using the new v. `v0` is the buffer before the first step
 * (PyTorch starts it at the first gradient, which is the same as v0 = 0 with dampening 0).
 */
export function sgdMomentum(
  w0: number,
  grads: readonly number[],
  lr: number,
  momentum: number,
  options: { readonly nesterov?: boolean; readonly v0?: number } = {},
): MomentumState[] {
  requireFiniteNumber('w0', w0);
  requireVector('grads', grads);
  requirePositiveNumber('lr', lr);
  requireUnitInterval('momentum', momentum);
  let v = requireFiniteNumber('v0', options.v0 ?? 0);
  let w = w0;
  const out: MomentumState[] = [];
  for (const g of grads) {
    v = momentum * v + g;
    w -= lr * (options.nesterov === true ? g + momentum * v : v);
    out.push({ v, w });
  }
  requireFiniteResult('w', [w, v]);
  return out;
}

/** State after one step of an adaptive optimiser with one accumulator. */
export interface AccumulatorState {
  /** AdaGrad's running sum of g², or RMSProp's running average of g². */
  readonly s: number;
  /** The weight after the step. */
  readonly w: number;
}

/**
 * torch.optim.Adagrad (initial_accumulator_value 0, no lr decay): G ← G + g², then
 * w ← w − lr·g/(√G + ε), ε added outside the square root (PyTorch's default ε = 1e-10).
 */
export function adagrad(
  w0: number,
  grads: readonly number[],
  lr: number,
  eps = 1e-10,
): AccumulatorState[] {
  requireFiniteNumber('w0', w0);
  requireVector('grads', grads);
  requirePositiveNumber('lr', lr);
  requireNonNegativeNumber('eps', eps);
  let s = 0;
  let w = w0;
  const out: AccumulatorState[] = [];
  for (const g of grads) {
    s += g * g;
    const denom = Math.sqrt(s) + eps;
    if (denom === 0) throw new KernelArgError('grads', 'a zero gradient with ε = 0 divides by 0');
    w -= (lr * g) / denom;
    out.push({ s, w });
  }
  requireFiniteResult('w', [w]);
  return out;
}

/**
 * torch.optim.RMSprop (no momentum, not centred): s ← α·s + (1 − α)·g², then
 * w ← w − lr·g/(√s + ε), ε outside the square root (PyTorch's defaults α = 0.99, ε = 1e-8).
 */
export function rmsprop(
  w0: number,
  grads: readonly number[],
  lr: number,
  alpha = 0.99,
  eps = 1e-8,
): AccumulatorState[] {
  requireFiniteNumber('w0', w0);
  requireVector('grads', grads);
  requirePositiveNumber('lr', lr);
  requireUnitInterval('alpha', alpha);
  requireNonNegativeNumber('eps', eps);
  let s = 0;
  let w = w0;
  const out: AccumulatorState[] = [];
  for (const g of grads) {
    s = alpha * s + (1 - alpha) * g * g;
    const denom = Math.sqrt(s) + eps;
    if (denom === 0) throw new KernelArgError('grads', 'a zero gradient with ε = 0 divides by 0');
    w -= (lr * g) / denom;
    out.push({ s, w });
  }
  requireFiniteResult('w', [w]);
  return out;
}

/** How an Adam-type optimiser applies weight decay λ. */
export type WeightDecayMode =
  /** torch.optim.Adam(weight_decay=λ): λ·w is added to the gradient (L2). */
  | 'l2'
  /** torch.optim.AdamW(weight_decay=λ): w ← w − lr·λ·w before the Adam step (decoupled). */
  | 'decoupled';

/** Options of {@link adam}. */
export interface AdamOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  /** λ ≥ 0 (default 0). */
  readonly weightDecay?: number;
  /** Default `l2` (only matters with a weight decay). */
  readonly decay?: WeightDecayMode;
}

/** State after one Adam step. */
export interface AdamState {
  /** The gradient the moments saw (with λ·w added under L2 decay). */
  readonly g: number;
  readonly m: number;
  readonly v: number;
  /** Bias-corrected moments m/(1 − β1^t) and v/(1 − β2^t). */
  readonly mHat: number;
  readonly vHat: number;
  readonly w: number;
}

/**
 * torch.optim.Adam / AdamW: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
 * m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t), w ← w − lr·m̂/(√v̂ + ε) (ε outside the root), t from 1.
 * Weight decay λ: `l2` adds λ·w to g first (Adam's weight_decay); `decoupled` multiplies w by
 * (1 − lr·λ) before the step (AdamW). Defaults β1 = 0.9, β2 = 0.999, ε = 1e-8.
 */
export function adam(
  w0: number,
  grads: readonly number[],
  lr: number,
  options: AdamOptions = {},
): AdamState[] {
  requireFiniteNumber('w0', w0);
  requireVector('grads', grads);
  requirePositiveNumber('lr', lr);
  const beta1 = requireUnitInterval('beta1', options.beta1 ?? 0.9);
  const beta2 = requireUnitInterval('beta2', options.beta2 ?? 0.999);
  const eps = requireNonNegativeNumber('eps', options.eps ?? 1e-8);
  const lambda = requireNonNegativeNumber('weightDecay', options.weightDecay ?? 0);
  const mode = options.decay ?? 'l2';
  if (mode !== 'l2' && mode !== 'decoupled')
    throw new KernelArgError('decay', `must be l2 or decoupled, got ${String(mode)}`);
  let m = 0;
  let v = 0;
  let w = w0;
  const out: AdamState[] = [];
  grads.forEach((grad, i) => {
    const t = i + 1;
    const g = mode === 'l2' ? grad + lambda * w : grad;
    if (mode === 'decoupled') w *= 1 - lr * lambda;
    m = beta1 * m + (1 - beta1) * g;
    v = beta2 * v + (1 - beta2) * g * g;
    const mHat = m / (1 - beta1 ** t);
    const vHat = v / (1 - beta2 ** t);
    const denom = Math.sqrt(vHat) + eps;
    if (denom === 0) throw new KernelArgError('grads', 'a zero gradient with ε = 0 divides by 0');
    w -= (lr * mHat) / denom;
    out.push({ g, m, v, mHat, vHat, w });
  });
  requireFiniteResult('w', [w]);
  return out;
}

/** A learning-rate schedule of torch.optim.lr_scheduler, stepped once per epoch. */
export type LrSchedule =
  /** StepLR: lr0·γ^⌊t/stepSize⌋. */
  | { readonly kind: 'step'; readonly stepSize: number; readonly gamma: number }
  /** ExponentialLR: lr0·γ^t. */
  | { readonly kind: 'exponential'; readonly gamma: number }
  /** CosineAnnealingLR: η_min + (lr0 − η_min)·(1 + cos(π·t/T_max))/2, for 0 ≤ t ≤ T_max. */
  | { readonly kind: 'cosine'; readonly tMax: number; readonly etaMin: number }
  /** LinearLR (end_factor 1): lr0·(s + (1 − s)·min(t, T)/T), a linear warm-up from s·lr0. */
  | { readonly kind: 'warmup'; readonly startFactor: number; readonly totalIters: number };

/**
 * The learning rate after `t` calls of `scheduler.step()` (t = 0: the initial lr0), by the
 * closed forms above.
 */
export function scheduledLr(lr0: number, schedule: LrSchedule, t: number): number {
  requirePositiveNumber('lr0', lr0);
  requireNonNegativeInt('t', t);
  switch (schedule.kind) {
    case 'step':
      requirePositiveInt('stepSize', schedule.stepSize);
      requirePositiveNumber('gamma', schedule.gamma);
      return lr0 * schedule.gamma ** Math.floor(t / schedule.stepSize);
    case 'exponential':
      requirePositiveNumber('gamma', schedule.gamma);
      return lr0 * schedule.gamma ** t;
    case 'cosine': {
      requirePositiveInt('tMax', schedule.tMax);
      requireNonNegativeNumber('etaMin', schedule.etaMin);
      if (t > schedule.tMax)
        throw new KernelArgError('t', `must be at most tMax = ${schedule.tMax}, got ${t}`);
      const { etaMin } = schedule;
      return etaMin + ((lr0 - etaMin) * (1 + Math.cos((Math.PI * t) / schedule.tMax))) / 2;
    }
    case 'warmup': {
      requirePositiveInt('totalIters', schedule.totalIters);
      const s = requirePositiveNumber('startFactor', schedule.startFactor);
      if (s > 1) throw new KernelArgError('startFactor', `must be at most 1, got ${s}`);
      return lr0 * (s + ((1 - s) * Math.min(t, schedule.totalIters)) / schedule.totalIters);
    }
    default:
      throw unreachable(schedule);
  }
}

/**
 * Optimiser steps per epoch of a DataLoader over `n` samples with `batchSize`: ⌈n/B⌉, or ⌊n/B⌋
 * with drop_last=True (the last, smaller batch is dropped).
 */
export function updatesPerEpoch(n: number, batchSize: number, dropLast: boolean): number {
  requirePositiveInt('n', n);
  requirePositiveInt('batchSize', batchSize);
  if (typeof dropLast !== 'boolean')
    throw new KernelArgError('dropLast', `must be true or false, got ${String(dropLast)}`);
  return dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}

/** The linear-scaling rule (Goyal et al.): the learning rate grows with the batch, lr·B/B0. */
export function linearScaledLr(lr: number, baseBatch: number, batchSize: number): number {
  requirePositiveNumber('lr', lr);
  requirePositiveInt('baseBatch', baseBatch);
  requirePositiveInt('batchSize', batchSize);
  return (lr * batchSize) / baseBatch;
}
