/**
 * Domain types shared by every layer. Plain data only: no I/O, no classes.
 */

/** How a question is answered. `template` items resolve to `mcq` or `numeric` once generated. */
export type QuestionKind = 'mcq' | 'msq' | 'numeric';

/** Tolerance for a numeric answer: absolute, relative, or both (either one passing is enough). */
export interface Tolerance {
  readonly abs?: number;
  readonly rel?: number;
}

/** One option of a choice question, as stored (the key is kept apart from what the page sees). */
export interface ChoiceOption {
  readonly id: string;
  /** Markdown with `$…$` LaTeX. */
  readonly text: string;
  readonly correct: boolean;
  /** Shown after answering when this option was picked. */
  readonly feedback?: string;
  /** Named misconception a wrong pick of this option reveals (e.g. `unbiased-variance`). */
  readonly misconception?: Misconception;
}

/** A named mistake learners make; `id` is stable, `label` is shown to the learner. */
export interface Misconception {
  readonly id: string;
  readonly label: string;
}

/** The key of a numeric question: one number or a vector, compared element-wise. */
export interface NumericKey {
  readonly value: number | readonly number[];
  readonly tolerance: Tolerance;
}

/**
 * A question fully resolved for one presentation: a stored item, or a template variant.
 * This is what grading and review work on.
 */
export interface ResolvedQuestion {
  readonly kind: QuestionKind;
  /** Markdown with `$…$` / `$$…$$` LaTeX. */
  readonly stem: string;
  /** Choice options in display order (mcq/msq only). */
  readonly options?: readonly ChoiceOption[];
  /** Numeric key (numeric only). */
  readonly numeric?: NumericKey;
  /** Markdown explanation shown in review. */
  readonly explanation: string;
  /** Worked steps (Markdown each), generated from the computation for template variants. */
  readonly steps?: readonly string[];
  /** For numeric questions: a hint on the expected format, e.g. "a vector of 12 numbers". */
  readonly answerFormat?: string;
}

/** A learner's response: option ids for choice questions, free text for numeric ones. */
export type Response =
  | { readonly kind: 'choice'; readonly optionIds: readonly string[] }
  | { readonly kind: 'numeric'; readonly text: string };

/** How a multiple-select question is scored. */
export type MsqRule = 'all-or-nothing' | 'partial';

/** Throw from an exhaustive switch's `default:` with the value typed `never`. */
export function unreachable(value: never): Error {
  return new Error(`unreachable: ${JSON.stringify(value)}`);
}
