/**
 * Helpers for the foundations template tests: draw a problem at a seed, read numbers back out of
 * its stem, and look up the value a named misconception gives.
 */
import { answerValues } from '../format';
import { generateWithProblem } from '../registry';
import type { ParamInput, Problem, Variant } from '../types';

/** Seeds every foundations test runs over (levels cycle 1, 2, 3). */
export const SEEDS = 300;

/** The numeric variant and problem of `id` at `seed`, level 1 + seed mod 3 unless given. */
export function drawnAt(
  id: string,
  seed: number,
  params: Readonly<Record<string, ParamInput>> = {},
): { variant: Variant; problem: Problem; level: 1 | 2 | 3 } {
  const level = (1 + (seed % 3)) as 1 | 2 | 3;
  const { variant, problem } = generateWithProblem(id, seed, {
    form: 'numeric',
    params: { level, ...params },
  });
  return { variant, problem, level };
}

/** The first capture group of `pattern` in `text`; throws naming the pattern when absent. */
export function capture(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (match === null) throw new Error(`${String(pattern)} not found in: ${text}`);
  return match[1];
}

/** Every capture of a global `pattern`'s first group in `text`. */
export function captureAll(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]);
}

/** A `[a, b, c]` list (the brackets already stripped) as numbers. */
export function list(text: string): number[] {
  return text.split(',').map((t) => Number(t.trim()));
}

/** The rows of every `\begin{bmatrix} … \end{bmatrix}` in the text, in order. */
export function matrices(text: string): number[][][] {
  return [...text.matchAll(/\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/g)].map(([, body]) =>
    body.split('\\\\').map((row) => row.split('&').map((v) => Number(v.trim()))),
  );
}

/** The exact values misconception `id` gives in the problem, or undefined when not drawn. */
export function candidate(problem: Problem, id: string): readonly number[] | undefined {
  const found = problem.distractors.find((d) => d.misconception.id === id);
  return found === undefined ? undefined : answerValues(found.value);
}

/** The exact values of part `id` of the problem. */
export function part(problem: Problem, id: string): readonly number[] {
  const found = problem.parts?.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no part ${id}`);
  return answerValues(found.answer);
}

/** The key's exact values. */
export function keyOf(problem: Problem): readonly number[] {
  return answerValues(problem.answer);
}

/** |a − b| ≤ tol element-wise, with the same length. */
export function close(a: readonly number[] | undefined, b: readonly number[], tol = 1e-9): boolean {
  return a !== undefined && a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= tol);
}
