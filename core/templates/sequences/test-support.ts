/**
 * Test support for the sequences and generative templates: reading the numbers a stem shows and
 * the values a drawn problem holds, so the tests can recompute everything from the stem alone.
 */
import { expect } from 'vitest';
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import type { Problem, Variant } from '../types';

/** The rows of every `\begin{bmatrix} … \end{bmatrix}` in the text, in order. */
export function matrices(text: string): number[][][] {
  return [...text.matchAll(/\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/g)].map(([, body]) =>
    body.split('\\\\').map((row) => row.split('&').map((v) => Number(v.trim()))),
  );
}

/** The numbers of the `[a, b, c]` list right after `label` in the text. */
export function listAfter(text: string, label: string): number[] {
  const at = text.indexOf(label);
  if (at < 0) throw new Error(`"${label}" not found in: ${text}`);
  const match = /\[([^\]]*)\]/.exec(text.slice(at + label.length));
  if (match === null) throw new Error(`no list after "${label}" in: ${text}`);
  return match[1].split(',').map((t) => Number(t.trim()));
}

/** The first number captured by `pattern` in the text. */
export function numberAt(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (match === null) throw new Error(`${String(pattern)} not found in: ${text}`);
  return Number(match[1]);
}

/** The exact values misconception `id` gives in the drawn problem, or undefined if not drawn. */
export function candidate(problem: Problem, id: string): readonly number[] | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value);
}

/** The key of part `id`, as numbers. */
export function part(variant: Variant, id: string): number[] {
  const found = variant.question.parts?.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no part ${id}`);
  return typeof found.key.value === 'number' ? [found.key.value] : [...found.key.value];
}

/** Element-wise |a − b| ≤ tol, with the lengths equal. */
export function expectClose(
  actual: readonly number[] | undefined,
  expected: readonly number[],
  tol = 1e-9,
  where = '',
): void {
  expect(actual, where).toBeDefined();
  expect(actual, where).toHaveLength(expected.length);
  actual!.forEach((v, i) =>
    expect(
      Math.abs(v - expected[i]),
      `${where} [${i}]: ${v} vs ${expected[i]}`,
    ).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i]))),
  );
}

/** The numeric-form variant and problem of seed `seed` at level 1 + seed mod 3. */
export function drawnAt(id: string, seed: number, params: Record<string, string | number> = {}) {
  const level = 1 + (seed % 3);
  return generateWithProblem(id, seed, { form: 'numeric', params: { level, ...params } });
}

/** The key of the drawn problem, as numbers. */
export function keyOf(problem: Problem): readonly number[] {
  return answerValues(problem.answer);
}
