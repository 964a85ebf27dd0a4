/**
 * Early stopping on a monitored validation curve, as Keras's `EarlyStopping` with
 * `restore_best_weights=True` does it (PyTorch has no built-in; Lightning's callback counts the
 * same way): an epoch improves when its value beats the best so far by more than `minDelta`
 * (lower for `min`, higher for `max`); after `patience` epochs in a row without an improvement,
 * training stops, and the weights of the last improving epoch are restored.
 */
import {
  KernelArgError,
  requireNonNegativeNumber,
  requireOneOf,
  requirePositiveInt,
  requireVector,
} from './validate';

/** Gains within this of `minDelta` are ties (the values are decimals read off a table). */
const EPSILON = 1e-9;

/** What early stopping does on one curve; epochs are numbered from 1. */
export interface EarlyStoppingRun {
  /** The epoch training stops after, or null when the curve ends first. */
  readonly stopEpoch: number | null;
  /** The last improving epoch: its weights are restored. */
  readonly bestEpoch: number;
  readonly bestValue: number;
  /** Every epoch that counted as an improvement, in order (epoch 1 always does). */
  readonly improvements: readonly number[];
}

/**
 * Runs early stopping over `values[e - 1]` (the monitored value after epoch e).
 * [0.9, 0.7, 0.6, 0.65, 0.62, 0.7], patience 2 → best epoch 3, stops after epoch 5.
 */
export function earlyStopping(
  values: readonly number[],
  patience: number,
  minDelta = 0,
  mode: 'min' | 'max' = 'min',
): EarlyStoppingRun {
  const v = requireVector('values', values);
  requirePositiveInt('patience', patience);
  requireNonNegativeNumber('minDelta', minDelta);
  requireOneOf('mode', mode, ['min', 'max']);
  if (v.length === 0) throw new KernelArgError('values', 'needs at least one epoch');
  const sign = mode === 'min' ? 1 : -1;
  let best = v[0];
  let bestEpoch = 1;
  let wait = 0;
  const improvements = [1];
  for (let e = 2; e <= v.length; e++) {
    // Gains are compared with a tolerance, so 1.16 − 1.13 counts as exactly 0.03 (no gain > 0.03).
    if (sign * (best - v[e - 1]) - minDelta > EPSILON) {
      best = v[e - 1];
      bestEpoch = e;
      wait = 0;
      improvements.push(e);
    } else if (++wait >= patience) {
      return { stopEpoch: e, bestEpoch, bestValue: best, improvements };
    }
  }
  return { stopEpoch: null, bestEpoch, bestValue: best, improvements };
}
