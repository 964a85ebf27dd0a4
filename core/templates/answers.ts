/**
 * Constructors for answer values and distractors, so templates read as the computation they do.
 */
import { KernelArgError } from '../kernels';
import type { ConventionId } from './conventions';
import { misconception, type MisconceptionId } from './misconceptions';
import type { AnswerValue, Distractor, NumericValue, VectorDisplay } from './types';

/** A single number shown with up to `decimals` places. */
export function numberAnswer(value: number, decimals = 0): NumericValue {
  return { kind: 'number', value, decimals };
}

/** A vector shown as `[…]` (row) or a LaTeX column. */
export function vectorAnswer(
  value: readonly number[],
  decimals = 0,
  display: VectorDisplay = 'row',
): NumericValue {
  return { kind: 'vector', value, decimals, display };
}

/** A matrix shown as a LaTeX `bmatrix`. */
export function matrixAnswer(value: readonly (readonly number[])[], decimals = 0): NumericValue {
  return { kind: 'matrix', value, decimals };
}

/** A statement to pick. */
export function choiceAnswer(text: string): AnswerValue {
  return { kind: 'choice', text };
}

/**
 * A wrong answer produced by the named mistaken rule; `convention` names the convention it is
 * wrong under, which the stem must then state.
 */
export function wrong(
  id: MisconceptionId,
  value: AnswerValue,
  feedback: string,
  convention?: ConventionId,
): Distractor {
  return convention === undefined
    ? { misconception: misconception(id), value, feedback }
    : { misconception: misconception(id), value, feedback, convention };
}

/**
 * Runs a kernel call for a mistaken rule; undefined when the mistaken arguments are themselves
 * invalid (e.g. cropping more than the output has), so that distractor is simply not offered.
 */
export function ifValid<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch (error) {
    if (error instanceof KernelArgError) return undefined;
    throw error;
  }
}

/** The distractors whose mistaken computation was possible. */
export function present(items: readonly (Distractor | undefined)[]): Distractor[] {
  return items.filter((d): d is Distractor => d !== undefined);
}
