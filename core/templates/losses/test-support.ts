/** Helpers for the loss-function template tests: a CPU TensorFlow.js and hand-worked checks. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, vi } from 'vitest';
import { candidate, close } from '../foundations/test-support';
import type { Problem } from '../types';

/** Runs TensorFlow.js on the CPU backend (warmed up, its console notice silenced). */
export function useTfCpu(): void {
  beforeAll(async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await tf.setBackend('cpu');
    tf.tidy(() => tf.scalar(0).dataSync());
    warn.mockRestore();
  });
}

/** Each named misconception gives the hand-worked value, within `tol`. */
export function expectMisconceptions(
  problem: Problem,
  values: Readonly<Record<string, number>>,
  tol = 1e-6,
): void {
  for (const [id, value] of Object.entries(values))
    expect(close(candidate(problem, id), [value], tol), id).toBe(true);
}
