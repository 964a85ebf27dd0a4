/**
 * Number formatting for readable stems, options and steps: integers stay integers, decimals are
 * rounded to a fixed number of places with trailing zeros dropped, vectors and matrices become
 * `[…]` lists or LaTeX `bmatrix` blocks. Every function is deterministic and locale-free.
 */
import { unreachable } from '../types';
import type { AnswerValue } from './types';

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/**
 * Rounds half away from zero to `decimals` places. A relative nudge of 1e-12 absorbs binary
 * noise, so 2.675 (stored as 2.67499…) rounds to 2.68 as a person would. Never returns −0.
 */
export function roundTo(x: number, decimals: number): number {
  if (Number.isInteger(x)) return x === 0 ? 0 : x;
  const scale = POW10[decimals] ?? 10 ** decimals;
  const r = Math.round(Math.abs(x) * scale * (1 + 1e-12) + 1e-9) / scale;
  return x < 0 && r !== 0 ? -r : r;
}

/** Removes binary noise from a computed value (0.30000000000000004 → 0.3) and −0. */
export function clean(x: number): number {
  return roundTo(x, 10);
}

function integerText(x: number): string {
  if (x === 0) return '0';
  return Math.abs(x) < 1e15 ? String(x) : x.toFixed(0);
}

/** `x` rounded to at most `decimals` places, trailing zeros dropped: 4, 10.67, -0.5. */
export function fmt(x: number, decimals = 0): string {
  if (Number.isInteger(x)) return integerText(x);
  const r = roundTo(x, decimals);
  if (decimals === 0 || Number.isInteger(r)) return integerText(r);
  const text = r.toFixed(decimals);
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  return text.slice(0, end);
}

/** A number as a term inside a longer expression: negatives get parentheses, `(-3)`. */
export function term(x: number, decimals = 0): string {
  const text = fmt(x, decimals);
  return text.startsWith('-') ? `(${text})` : text;
}

/** The numbers joined by `separator` (a loop: this runs for every option of every variant). */
function joinNumbers(xs: readonly number[], decimals: number, separator: string): string {
  let text = '';
  for (let i = 0; i < xs.length; i++) text += (i === 0 ? '' : separator) + fmt(xs[i], decimals);
  return text;
}

/** `5, 10, 19` */
export function fmtList(xs: readonly number[], decimals = 0): string {
  return joinNumbers(xs, decimals, ', ');
}

/** `[5, 10, 19]` (plain text, also valid inside `$…$`). */
export function fmtRow(xs: readonly number[], decimals = 0): string {
  return `[${joinNumbers(xs, decimals, ', ')}]`;
}

/** LaTeX column vector: `\begin{bmatrix} 4 \\ 5 \\ 3 \end{bmatrix}`. */
export function latexColumn(xs: readonly number[], decimals = 0): string {
  return `\\begin{bmatrix} ${joinNumbers(xs, decimals, ' \\\\ ')} \\end{bmatrix}`;
}

/** LaTeX matrix: `\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}`. */
export function latexMatrix(rows: readonly (readonly number[])[], decimals = 0): string {
  let body = '';
  for (let r = 0; r < rows.length; r++) {
    body += (r === 0 ? '' : ' \\\\ ') + joinNumbers(rows[r], decimals, ' & ');
  }
  return `\\begin{bmatrix} ${body} \\end{bmatrix}`;
}

/** An answer value as Markdown (numbers, vectors and matrices inside `$…$`). */
export function formatAnswer(answer: AnswerValue): string {
  switch (answer.kind) {
    case 'number':
      return `$${fmt(answer.value, answer.decimals)}$`;
    case 'vector':
      return answer.display === 'column'
        ? `$${latexColumn(answer.value, answer.decimals)}$`
        : `$${fmtRow(answer.value, answer.decimals)}$`;
    case 'matrix':
      return `$${latexMatrix(answer.value, answer.decimals)}$`;
    case 'choice':
      return answer.text;
    default:
      throw unreachable(answer);
  }
}

/** The numbers of an answer value after rounding to its decimals, flattened row-major. */
export function answerNumbers(answer: AnswerValue): number[] {
  switch (answer.kind) {
    case 'number':
      return [roundTo(answer.value, answer.decimals)];
    case 'vector':
      return answer.value.map((x) => roundTo(x, answer.decimals));
    case 'matrix':
      return answer.value.flatMap((row) => row.map((x) => roundTo(x, answer.decimals)));
    case 'choice':
      return [];
    default:
      throw unreachable(answer);
  }
}

/** The exact numbers of an answer value (not rounded), flattened row-major. */
export function answerValues(answer: AnswerValue): readonly number[] {
  switch (answer.kind) {
    case 'number':
      return [answer.value];
    case 'vector':
      return answer.value;
    case 'matrix':
      return answer.value.flat();
    case 'choice':
      return [];
    default:
      throw unreachable(answer);
  }
}

/** `n` with a singular or plural noun: `1 value`, `12 values`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** Subscripted symbol for LaTeX: `x_{3}`. */
export function sub(symbol: string, index: number | string): string {
  return `${symbol}_{${index}}`;
}
