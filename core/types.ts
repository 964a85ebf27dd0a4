/**
 * Domain types shared by every layer. Plain data only: no I/O, no classes.
 */
import type { Figure } from './figures';

/**
 * How a question is answered. `template` items resolve to `mcq` or `numeric` once generated;
 * `short` is a short answer: typed text compared with accepted answers (Moodle's shortanswer).
 */
export type QuestionKind = 'mcq' | 'msq' | 'numeric' | 'short';

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
  /** Keeps its stored place when options are shuffled ("All of the above", "None of these"). */
  readonly pin?: boolean;
  /**
   * Moodle's answer fraction, −1…1 (msq only). When an msq's options carry weights, a response
   * scores the sum of the picked options' weights, clamped to 0…1, whatever the quiz's rule.
   */
  readonly weight?: number;
}

/** One accepted answer of a short-answer question (a Moodle shortanswer answer). */
export interface TextAnswer {
  /** What to type: `*` matches any run of characters, `\*` is a literal star. */
  readonly value: string;
  /** Credit 0–1 (Moodle's fraction) the response gets when this is the first answer it matches. */
  readonly weight: number;
  /** Shown after answering when the response matched this answer. */
  readonly feedback?: string;
}

/** The key of a short-answer question: accepted answers in order, first match wins. */
export interface TextKey {
  readonly answers: readonly TextAnswer[];
  /** Letter case must match (Moodle's "usecase"); default insensitive. */
  readonly caseSensitive: boolean;
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
  /** Decimal places the answer is asked to (the key is shown rounded to them). */
  readonly decimals?: number;
}

/**
 * One checkable step of a worked solution (a part): what to compute and its key, computed by the
 * same code as the question's key. Practice only; exams never show parts.
 */
export interface QuestionPart {
  /** Stable within the question (`contributions`, `batch-mean`, …). */
  readonly id: string;
  /** What to compute, Markdown with LaTeX. */
  readonly prompt: string;
  readonly key: NumericKey;
  /** What to enter, e.g. "3 numbers separated by commas, rounded to 2 decimal places". */
  readonly answerFormat: string;
  /** A nudge for this part alone. */
  readonly hint?: string;
}

/** What a named misconception gives for one variant, so a typed mistake can be diagnosed. */
export interface MisconceptionKey {
  readonly misconception: Misconception;
  readonly key: NumericKey;
  /** Why this value is wrong (the same words as the MCQ option's feedback). */
  readonly feedback: string;
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
  /** Accepted answers (short only). */
  readonly text?: TextKey;
  /** Markdown explanation shown in review. */
  readonly explanation: string;
  /** Worked steps (Markdown each), generated from the computation for template variants. */
  readonly steps?: readonly string[];
  /** For numeric questions: a hint on the expected format, e.g. "a vector of 12 numbers". */
  readonly answerFormat?: string;
  /** Hint ladder, least to most help: a nudge, the formula, the first step worked. */
  readonly hints?: readonly string[];
  /** Step-by-step parts (practice only). */
  readonly parts?: readonly QuestionPart[];
  /** Numeric questions: the value each named misconception gives here, for diagnosis. */
  readonly misconceptionKeys?: readonly MisconceptionKey[];
  /** A picture shown with the stem, built from the inputs only (may be shown in an exam). */
  readonly figure?: Figure;
  /** A picture of the worked solution: reaches the page only with the steps. */
  readonly solutionFigure?: Figure;
}

/**
 * A learner's response: option ids for choice questions, the typed numbers for numeric ones,
 * the typed text for short answers.
 */
export type Response =
  | { readonly kind: 'choice'; readonly optionIds: readonly string[] }
  | { readonly kind: 'numeric'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string };

/** How a multiple-select question is scored. */
export type MsqRule = 'all-or-nothing' | 'partial';

/** `practice`: feedback on request, can pause. `exam`: timed, keys only after finishing. */
export type QuizMode = 'practice' | 'exam';

/** Where a quiz session is in its life. */
export type QuizStatus = 'active' | 'paused' | 'finished';

/** Why a session finished: handed in by the learner, or its exam time ran out. */
export type FinishReason = 'submitted' | 'expired';

/** How well a topic is known, as the dashboard shows it (thresholds in `core/mastery`). */
export type MasteryLevel = 'not-started' | 'attempted' | 'familiar' | 'proficient' | 'mastered';

/** One thing wrong with an imported file. */
export interface ImportProblem {
  /** JSON path (`items[12].answer`) or line (`line 14`) of the problem. */
  readonly path: string;
  readonly message: string;
}

/** Throw from an exhaustive switch's `default:` with the value typed `never`. */
export function unreachable(value: never): Error {
  return new Error(`unreachable: ${JSON.stringify(value)}`);
}

/**
 * Questions in the dashboard's recommended (and misconceptions) quiz. Here rather than in
 * `selection`, so the renderer can read it without bundling the scheduler.
 */
export const RECOMMENDED_QUIZ_SIZE = 10;

/** The largest daily goal (questions a day) a learner may set; 0 sets none. */
export const MAX_DAILY_GOAL = 500;
