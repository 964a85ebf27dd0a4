/**
 * Shared pieces of the optimizers templates: drawing a short gradient sequence for one weight and
 * reading the fixed params that replace it.
 */
import { fmt, fmtList } from '../format';
import type { Rng } from '../rng';
import { TemplateError } from '../types';
import type { ParamBag, ParamSpec } from '../types';

/** Gradients with one decimal in [−2, 2], none 0 (a zero gradient makes adaptive steps 0/0). */
export function drawGrads(rng: Rng, steps: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push(rng.nonZeroInt(-20, 20) / 10);
  return out;
}

/** A starting weight with one decimal in [−2, 2]. */
export function drawWeight(rng: Rng): number {
  return rng.int(-20, 20) / 10;
}

/** The params every one-weight optimiser template takes. */
export const WEIGHT_PARAMS: Readonly<Record<string, ParamSpec>> = {
  w0: { kind: 'number', min: -100, max: 100, description: 'the starting weight (default: drawn)' },
  grads: {
    kind: 'numbers',
    minLength: 1,
    maxLength: 3,
    description: 'the gradient at each step, one per step (default: drawn; 1–3 steps by level)',
  },
  lr: { kind: 'number', min: 0.0001, max: 10, description: 'learning rate η (default: drawn)' },
};

/** The fixed start weight and gradients, or undefined; both or neither must be given. */
export function fixedPath(p: ParamBag): { w0: number; grads: number[] } | undefined {
  const w0 = p.num('w0');
  const grads = p.numbers('grads');
  if ((w0 === undefined) !== (grads === undefined))
    throw new TemplateError('params w0 and grads must be given together');
  return w0 === undefined || grads === undefined ? undefined : { w0, grads: grads.slice() };
}

/** "$g_1 = 0.5$ and $g_2 = -1$" (or "$g = 0.5$" for one step). */
export function gradientsText(grads: readonly number[]): string {
  if (grads.length === 1) return `$g = ${fmt(grads[0], 4)}$`;
  const terms = grads.map((g, i) => `$g_{${i + 1}} = ${fmt(g, 4)}$`);
  return `${terms.slice(0, -1).join(', ')} and ${terms[terms.length - 1]}`;
}

/** "steps 1 and 2" / "steps 1, 2 and 3". */
export function stepsText(n: number): string {
  return n === 1
    ? 'the step'
    : `steps ${fmtList(Array.from({ length: n - 1 }, (_, i) => i + 1))} and ${n}`;
}

/** Decimals shown for weights and other results. */
export const DECIMALS = 4;
