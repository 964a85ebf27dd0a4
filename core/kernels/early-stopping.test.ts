import { describe, expect, it } from 'vitest';
import { earlyStopping } from './early-stopping';
import { KernelArgError } from './validate';

describe('earlyStopping', () => {
  it('stops after patience epochs in a row without a new best (by hand)', () => {
    // Best so far: 0.9 (e1), 0.7 (e2), 0.6 (e3). e4 = 0.65 and e5 = 0.62 are not below 0.6:
    // two epochs without improvement, patience 2 → stop after epoch 5, restore epoch 3.
    expect(earlyStopping([0.9, 0.7, 0.6, 0.65, 0.62, 0.7], 2)).toEqual({
      stopEpoch: 5,
      bestEpoch: 3,
      bestValue: 0.6,
      improvements: [1, 2, 3],
    });
  });

  it('a tie is not an improvement; min_delta demands more than delta', () => {
    // 1.0, then 1.0 (tie: wait 1) → patience 1 stops at epoch 2.
    expect(earlyStopping([1, 1, 0.5], 1).stopEpoch).toBe(2);
    // With delta 0.05: 0.97 beats 1.0 by only 0.03 (wait 1), 0.9 beats it by 0.1 (new best e3).
    const run = earlyStopping([1, 0.97, 0.9, 0.92, 0.91], 2, 0.05);
    expect(run.improvements).toEqual([1, 3]);
    expect(run.stopEpoch).toBe(5);
    // 1.16 → 1.13 is a gain of exactly 0.03 (1.16 − 1.13 = 0.030000000000000027 in floating
    // point): not more than min_delta 0.03, so no improvement.
    expect(earlyStopping([1.16, 1.13, 1.2], 2, 0.03).improvements).toEqual([1]);
  });

  it('monitors a maximum (accuracy) and reports a curve that ends before patience runs out', () => {
    // 60, 70 (best), 69, 71 (best) — patience 3 never runs out in 4 epochs.
    expect(earlyStopping([60, 70, 69, 71], 3, 0, 'max')).toEqual({
      stopEpoch: null,
      bestEpoch: 4,
      bestValue: 71,
      improvements: [1, 2, 4],
    });
  });

  it('refuses bad arguments by name', () => {
    expect(() => earlyStopping([], 2)).toThrow(KernelArgError);
    expect(() => earlyStopping([1, 2], 0)).toThrow(/^patience/);
    expect(() => earlyStopping([1, 2], 1, -1)).toThrow(/^minDelta/);
    expect(() => earlyStopping([1, Number.NaN], 1)).toThrow(/^values/);
  });
});
