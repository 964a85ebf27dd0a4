/**
 * What an `answered` statement says about the question (its `cmi.interaction` definition) and
 * the learner's `result.response`, in xAPI 1.0.3's interaction conventions:
 *
 * - a choice question whose two options are True and False is a `true-false` interaction: the
 *   pattern and the response are `true` or `false`;
 * - other choice questions are `choice`: the correct option ids joined by `[,]`, the options as
 *   `choices` in the order the learner saw them;
 * - a numeric key of one number is `numeric`: `min[:]max` from its tolerance (the larger of the
 *   absolute and the relative one, as grading accepts either), the number alone without one;
 * - a key of several numbers (vectors, matrices row by row) is `performance`, one step per
 *   number: `1[.]min[:]max[,]2[.]min[:]max…`, and the response in the same form;
 * - typed words (short answers) are `fill-in`.
 *
 * Numbers are written without binary floating-point noise (`0.1 + 0.2` as `0.3`: 12
 * significant digits, `tidyNumber`), and every text (description, choices) is plain text
 * (`plainText`: no Markdown markers, LaTeX as readable text). Template questions are described
 * by the variant the learner saw.
 */
import { parseNumericAnswer } from '../../core/grading';
import type { ChoiceOption, NumericKey } from '../../core/types';
import { tidyNumber } from './foreign';
import { plainText } from './xapi-text';

/** What xAPI needs of a question's key, resolved for the variant the learner saw. */
export interface InteractionKey {
  /** The options in the order the learner saw them. */
  readonly options: readonly ChoiceOption[] | null;
  readonly numeric: NumericKey | null;
  /** The stem (Markdown with LaTeX) the learner read. */
  readonly description: string | null;
}

/** The learner's stored response, as `db/interop/results` reads it (null: unreadable). */
export type InteractionResponse =
  | { readonly kind: 'choice'; readonly optionIds: readonly string[] }
  | { readonly kind: 'numeric' | 'text'; readonly text: string }
  | null;

/** The interaction part of an activity definition, and the response in its format. */
export interface Interaction {
  readonly definition: Readonly<Record<string, unknown>>;
  readonly response: string;
}

const DESCRIPTION_MAX = 2000;
const CHOICE_MAX = 500;

const truncate = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

const en = (text: string, max: number) => ({ 'en-US': truncate(plainText(text), max) });

/** A number as xAPI patterns write it: 12 significant digits, no `-0`. */
export function xapiNumber(x: number): string {
  return String(tidyNumber(x));
}

/** `min[:]max` of the values within `tolerance` of `value` (just the value when exact). */
export function numericRange(value: number, tolerance: NumericKey['tolerance']): string {
  const width = Math.max(
    tolerance.abs ?? 0,
    tolerance.rel === undefined ? 0 : tolerance.rel * Math.abs(value),
  );
  if (width === 0) return xapiNumber(value);
  return `${xapiNumber(value - width)}[:]${xapiNumber(value + width)}`;
}

/** True for the two options True and False (Moodle's and GIFT's true/false questions). */
export function isTrueFalse(options: readonly ChoiceOption[]): boolean {
  if (options.length !== 2) return false;
  const words = options.map((o) => plainText(o.text).toLowerCase()).sort();
  return words[0] === 'false' && words[1] === 'true';
}

const truthOf = (option: ChoiceOption | undefined) =>
  option === undefined ? '' : plainText(option.text).toLowerCase();

/**
 * The interaction of one answer: `questionType` is the stored question's type (used when the
 * response cannot be read), `key` what the learner saw (null when it cannot be resolved: the
 * statement then goes without a pattern), `storedResponse` the raw stored JSON.
 */
export function describeInteraction(
  questionType: string,
  key: InteractionKey | null,
  response: InteractionResponse,
  storedResponse: string,
): Interaction {
  const definition: Record<string, unknown> = {};
  if (key?.description) definition.description = en(key.description, DESCRIPTION_MAX);
  const choice =
    response?.kind === 'choice' ||
    (response === null && (questionType === 'mcq' || questionType === 'msq'));
  if (choice) {
    const picked = response?.kind === 'choice' ? response.optionIds : [];
    const options = key?.options ?? null;
    if (options !== null && isTrueFalse(options)) {
      definition.interactionType = 'true-false';
      definition.correctResponsesPattern = [truthOf(options.find((o) => o.correct))];
      const answer = options.find((o) => o.id === picked[0]);
      return {
        definition,
        response: response === null ? storedResponse : truthOf(answer),
      };
    }
    definition.interactionType = 'choice';
    if (options !== null) {
      definition.correctResponsesPattern = [
        options
          .filter((o) => o.correct)
          .map((o) => o.id)
          .join('[,]'),
      ];
      definition.choices = options.map((o) => ({ id: o.id, description: en(o.text, CHOICE_MAX) }));
    }
    return { definition, response: response === null ? storedResponse : picked.join('[,]') };
  }
  if (response?.kind === 'text') {
    definition.interactionType = 'fill-in';
    return { definition, response: response.text };
  }
  const typed = response === null ? storedResponse : response.text;
  const numeric = key?.numeric ?? null;
  if (numeric === null || typeof numeric.value === 'number') {
    definition.interactionType = 'numeric';
    if (numeric !== null && typeof numeric.value === 'number') {
      definition.correctResponsesPattern = [numericRange(numeric.value, numeric.tolerance)];
    }
    return { definition, response: typed.trim() };
  }
  const values = numeric.value;
  definition.interactionType = 'performance';
  definition.steps = values.map((_, i) => ({
    id: String(i + 1),
    description: { 'en-US': `number ${i + 1} of ${values.length}` },
  }));
  definition.correctResponsesPattern = [
    values.map((v, i) => `${i + 1}[.]${numericRange(v, numeric.tolerance)}`).join('[,]'),
  ];
  const given = parseNumericAnswer(typed);
  return {
    definition,
    response:
      Array.isArray(given) && given.length === values.length
        ? given.map((x, i) => `${i + 1}[.]${String(x)}`).join('[,]')
        : typed,
  };
}
