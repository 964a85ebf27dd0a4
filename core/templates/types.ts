/**
 * Public types of the question templates, plus the internal contract every template implements.
 * A template draws numbers from a seeded {@link Rng}, computes the answer with the numeric kernels,
 * applies named mistaken rules to get wrong answers, and writes the worked steps from the same
 * computation. The framework (`registry.ts`) turns that {@link Problem} into an MCQ or a numeric
 * {@link Variant}.
 */
import type { Figure } from '../figures';
import type { Misconception, ResolvedQuestion } from '../types';
import type { ConventionId } from './conventions';
import type { Rng } from './rng';

/** The two ways a variant can be asked. */
export type TemplateForm = 'mcq' | 'numeric';

/** What the answer of a template is: an option to pick, a number, a vector or a matrix. */
export type AnswerKind = 'choice' | 'number' | 'vector' | 'matrix';

/** Listing entry of one template. */
export interface TemplateInfo {
  readonly id: string;
  /** Topic id of the built-in bank (`normalization`, `upsampling`, …). */
  readonly topic: string;
  readonly title: string;
  readonly answerKind: AnswerKind;
  readonly forms: readonly TemplateForm[];
  /** Param name → description of its allowed values and default. */
  readonly params: Readonly<Record<string, string>>;
}

/** A param value as callers pass it (the CLI passes strings; lists are comma-separated strings). */
export type ParamInput = number | string | boolean;

/** Options of {@link generateVariant}. */
export interface GenerateOptions {
  /** Default: `mcq` (every template supports it). */
  readonly form?: TemplateForm;
  /** Fixed parameters; anything not given is drawn from the seed. */
  readonly params?: Readonly<Record<string, ParamInput>>;
}

/** One generated question: the same template, seed and options always give the same variant. */
export interface Variant {
  readonly templateId: string;
  readonly seed: number;
  readonly form: TemplateForm;
  /**
   * `mcq`: four options, exactly one correct, every wrong option carrying the misconception that
   * produces it and feedback. `numeric`: a numeric key with tolerance and an answer format.
   */
  readonly question: ResolvedQuestion;
}

/** Unknown template, invalid params or seed, or a form the template does not offer. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

// ---------------------------------------------------------------------------------------------
// Internal contract between the framework and the templates.

/** How a vector answer is displayed: `[1, 2, 3]` (row) or a LaTeX column vector. */
export type VectorDisplay = 'row' | 'column';

/** A value a template computes: the key, or what a misconception gives. */
export type AnswerValue =
  | { readonly kind: 'number'; readonly value: number; readonly decimals: number }
  | {
      readonly kind: 'vector';
      readonly value: readonly number[];
      readonly decimals: number;
      readonly display: VectorDisplay;
    }
  | {
      readonly kind: 'matrix';
      readonly value: readonly (readonly number[])[];
      readonly decimals: number;
    }
  /** A statement; `text` is Markdown and must not contain numbers that could be misread. */
  | { readonly kind: 'choice'; readonly text: string };

/** A wrong answer produced by applying a named mistaken rule. */
export interface Distractor {
  readonly misconception: Misconception;
  readonly value: AnswerValue;
  /** Why this answer is wrong (shown when picked). */
  readonly feedback: string;
  /**
   * The convention this answer is wrong under (e.g. `unbiased-running-var`); the stem must state
   * it, which `templates check` verifies.
   */
  readonly convention?: ConventionId;
}

/**
 * An input a draw needs to be non-degenerate, re-checked by `templates check`: `spread` values
 * must not all be equal, `distinct` vectors must differ pairwise.
 */
export type DrawNeed =
  | { readonly kind: 'spread'; readonly name: string; readonly values: readonly number[] }
  | {
      readonly kind: 'distinct';
      readonly name: string;
      readonly vectors: readonly (readonly number[])[];
    };

/** A numeric value a part asks for (never a choice). */
export type NumericValue = Exclude<AnswerValue, { readonly kind: 'choice' }>;

/**
 * One checkable step of the worked solution: computed by the same code as the key (the
 * contributions of a transposed convolution, the batch mean per neuron, Σab and Σa+Σb, …).
 */
export interface ProblemPart {
  /** Stable within the template (`batch-mean`, `overlap`, …). */
  readonly id: string;
  /** What to compute, Markdown with LaTeX; names every number it needs or where to find it. */
  readonly prompt: string;
  readonly answer: NumericValue;
  /** A nudge for this part alone. */
  readonly hint?: string;
}

/** The hint ladder: a nudge, the formula, and the first step worked with the variant's numbers. */
export interface ProblemHints {
  /** Points at the idea without giving numbers ("Each output sums every x·w that lands on it"). */
  readonly nudge: string;
  /** The formula with the convention it follows, LaTeX. */
  readonly formula: string;
  /** The first step worked with this variant's numbers (default: the first worked step). */
  readonly firstStep?: string;
}

/** What a template draws: everything needed for either form. */
export interface Problem {
  /** The question, Markdown; must end with what is asked. */
  readonly stem: string;
  readonly answer: AnswerValue;
  /**
   * Candidate wrong answers in order of preference; the framework keeps the first three that
   * differ (after formatting) from the key and from each other. At least three must survive.
   */
  readonly distractors: readonly Distractor[];
  /** Feedback for the correct option. */
  readonly correctFeedback: string;
  readonly explanation: string;
  /** Worked steps (Markdown). The framework appends the final answer step. */
  readonly steps: readonly string[];
  /** For the numeric form: what to enter, e.g. "the 12 output values, comma-separated". */
  readonly entryHint?: string;
  /** Step-by-step parts, in solving order (at least two for step-by-step solving). */
  readonly parts?: readonly ProblemPart[];
  /** The hint ladder's nudge and formula. */
  readonly hints?: ProblemHints;
  /** Inputs that must not be degenerate (see {@link DrawNeed}). */
  readonly needs?: readonly DrawNeed[];
  /** A picture shown with the stem: built from the inputs only, never from the key. */
  readonly figure?: Figure;
  /** A picture of the worked solution (shown with the steps). */
  readonly solutionFigure?: Figure;
}

/** A param declaration: how to parse it and what it allows. */
export type ParamSpec =
  | {
      readonly kind: 'int';
      readonly min: number;
      readonly max: number;
      readonly description: string;
    }
  | {
      readonly kind: 'number';
      readonly min: number;
      readonly max: number;
      readonly description: string;
    }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly description: string }
  | { readonly kind: 'boolean'; readonly description: string }
  /** Comma-separated numbers, e.g. `5,4,3,2,1`. */
  | {
      readonly kind: 'numbers';
      readonly minLength: number;
      readonly maxLength: number;
      readonly description: string;
    }
  /** Rows separated by `;`, values by `,`, e.g. `1,2;3,4`. */
  | {
      readonly kind: 'matrix';
      readonly maxRows: number;
      readonly maxCols: number;
      readonly description: string;
    };

/** Parsed param values, by name (only the params the caller fixed). */
export type ParamValue =
  number | string | boolean | readonly number[] | readonly (readonly number[])[];

/** The fixed params of one generation, parsed and range-checked. */
export interface ParamBag {
  readonly level: 1 | 2 | 3;
  int(name: string): number | undefined;
  num(name: string): number | undefined;
  str(name: string): string | undefined;
  bool(name: string): boolean | undefined;
  numbers(name: string): readonly number[] | undefined;
  matrix(name: string): readonly (readonly number[])[] | undefined;
  /** True if any param besides `level` was fixed by the caller. */
  readonly hasFixed: boolean;
}

/**
 * A draw was unusable (answer not unique, options would coincide, fixed params that cannot work):
 * the framework draws again from the same RNG stream, a bounded number of times.
 */
export class Redraw extends Error {
  override name = 'Redraw';
}

/** One template: its listing info, its params and its generator. */
export interface TemplateDefinition {
  readonly id: string;
  readonly topic: string;
  readonly title: string;
  readonly answerKind: AnswerKind;
  readonly forms: readonly TemplateForm[];
  /** Params besides `level` (the framework adds `level`). */
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Draws one problem; throws {@link Redraw} to reject a draw, {@link TemplateError} for bad fixed params. */
  draw(rng: Rng, params: ParamBag): Problem;
}
