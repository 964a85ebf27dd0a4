/**
 * Plain logic of tutoring in practice: what an answer counts toward mastery and why, what the
 * next hint costs, where a step-by-step part stands, and what "Try again" means. The weights
 * come from core's `evidenceWeight`, so the screen and the mastery update never disagree.
 */
import { evidenceWeight, RETRY_FACTOR } from '../../../core/mastery';
import type { ItemFeedback, PartView, QuizItemView, TutorView } from '../../../electron/contract';
import { plural } from '../lib/format';

/** "75%": the app's way of writing a percentage. */
export function creditText(creditPercent: number): string {
  return `${Math.round(creditPercent)}%`;
}

/**
 * How often the learner answered this question before, as the service's credit implies: the
 * `n` of the weight `1/(1 + n) · hints · tries` that gives `creditPercent` once rounded.
 */
function previousAnswersOf(tutor: TutorView): number {
  const helped = 100 * evidenceWeight(0, tutor.hints.length, tutor.tries);
  const estimate = Math.max(0, Math.round(helped / Math.max(tutor.creditPercent, 0.5) - 1));
  // Rounding can blur neighbours: take the closest of them.
  let best = estimate;
  for (const n of [estimate - 1, estimate + 1]) {
    if (n < 0) continue;
    const miss = (k: number) => Math.abs(helped / (1 + k) - tutor.creditPercent);
    if (miss(n) < miss(best)) best = n;
  }
  return best;
}

/**
 * What the answer will count after one more hint, or null when every hint is shown: the
 * service's weight (`core/mastery` `evidenceWeight`) with one hint more.
 */
export function creditAfterNextHint(tutor: TutorView): number | null {
  if (tutor.hintsLeft <= 0) return null;
  const previous = previousAnswersOf(tutor);
  return Math.round(100 * evidenceWeight(previous, tutor.hints.length + 1, tutor.tries));
}

/** Why an answer counts less than fully, in words ("1 hint used", "a second try"). */
export function creditReasons(tutor: TutorView): readonly string[] {
  const reasons: string[] = [];
  const ordinal = ['first', 'second', 'third', 'fourth', 'fifth'];
  if (tutor.tries > 0) {
    reasons.push(`a ${ordinal[tutor.tries] ?? `${tutor.tries + 1}th`} try of the same numbers`);
  }
  if (tutor.hints.length > 0) reasons.push(`${plural(tutor.hints.length, 'hint')} used`);
  // Whatever the hints and tries do not explain comes from answering this question before.
  if (previousAnswersOf(tutor) > 0) reasons.push('you have answered this question before');
  return reasons;
}

/**
 * The credit line: "This answer counts 100% toward your mastery." or, once it counts less,
 * "This answer now counts 75% toward your mastery (1 hint used)."
 */
export function creditSentence(tutor: TutorView, checked: boolean): string {
  const reasons = creditReasons(tutor);
  const verb = checked ? 'counted' : reasons.length > 0 ? 'now counts' : 'counts';
  const why = reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
  return `This answer ${verb} ${creditText(tutor.creditPercent)} toward your mastery${why}.`;
}

/** The Hint button's description: which rung comes next and what it costs. */
export function nextHintNote(tutor: TutorView): string | null {
  const next = creditAfterNextHint(tutor);
  if (next === null) return null;
  const total = tutor.hints.length + tutor.hintsLeft;
  const rung = `Hint ${tutor.hints.length + 1} of ${total}`;
  return next < tutor.creditPercent
    ? `${rung} lowers what this answer counts to ${creditText(next)}.`
    : `${rung} (the credit is already as low as hints make it).`;
}

/** "Try again" in words: the same question (for a generated one, the same numbers), and its credit. */
export function tryAgainNote(fromTemplate: boolean): string {
  const share = RETRY_FACTOR === 0.5 ? 'half as much' : `${creditText(RETRY_FACTOR * 100)} as much`;
  const what = fromTemplate
    ? 'The same numbers come back as the next question'
    : 'The same question comes back as the next one';
  return `${what}; another try counts ${share} toward your mastery.`;
}

/**
 * A hint as it is rendered: a rung that is nothing but one formula (`$D = \frac{…}{…}$`) is
 * shown as a displayed formula, so fractions are not squeezed into a line.
 */
export function hintSource(hint: string): string {
  const text = hint.trim();
  return /^\$[^$]+\$$/.test(text) ? `$${text}$` : hint;
}

/** Is "Try again" offered? After a check that was not fully right, in a practice quiz. */
export function canTryAgain(item: Pick<QuizItemView, 'feedback'>, practice: boolean): boolean {
  return practice && item.feedback !== null && item.feedback.outcome !== 'correct';
}

/**
 * The misconception's own explanation, when it adds to what the page already shows: a picked
 * option shows its feedback beside it, so it is not repeated in the verdict.
 */
export function misconceptionExplanation(
  item: Pick<QuizItemView, 'kind' | 'response'>,
  feedback: Pick<ItemFeedback, 'misconception' | 'optionFeedback'>,
): string | null {
  const text = feedback.misconception?.feedback?.trim();
  if (!text) return null;
  if (item.kind !== 'numeric' && item.response?.kind === 'choice') {
    const shown = item.response.optionIds.map((id) => feedback.optionFeedback[id]?.trim());
    if (shown.includes(text)) return null;
  }
  return text;
}

/** Where one step-by-step part stands, as the learner is shown it. */
export type PartState =
  | { readonly kind: 'unchecked' }
  /** The entry could not be checked (wrong count of numbers…): said at the field, not counted. */
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'right'; readonly value: string }
  /** `value`: the key, once the whole question is checked. */
  | { readonly kind: 'wrong'; readonly hint: string | null; readonly value: string | null }
  /** The question was checked before this part was answered right: its value is shown. */
  | { readonly kind: 'revealed'; readonly value: string };

/** A refused part entry: the text it applies to, and why. */
export interface PartRefusal {
  readonly text: string;
  readonly message: string;
}

/**
 * The state of `part` with `text` in its field. A verdict belongs to the entry it was given for:
 * once the learner edits the text, the part is unchecked again (until the question is checked).
 */
export function partState(
  part: PartView,
  text: string,
  refusal: PartRefusal | undefined,
  questionChecked: boolean,
): PartState {
  const entry = text.trim();
  if (refusal !== undefined && refusal.text.trim() === entry && entry !== '') {
    return { kind: 'refused', message: refusal.message };
  }
  const value = part.correctValue;
  if (part.response !== null && part.correct !== null && part.response.trim() === entry) {
    if (part.correct) return { kind: 'right', value: value ?? part.response };
    return { kind: 'wrong', hint: part.hint, value: questionChecked ? value : null };
  }
  if (questionChecked && value !== null) return { kind: 'revealed', value };
  return { kind: 'unchecked' };
}

/** "1 of 2 parts right" for the disclosure's summary. */
export function partsProgress(parts: readonly PartView[]): string {
  const right = parts.filter((p) => p.correct === true).length;
  if (right === 0) return plural(parts.length, 'part');
  return `${right} of ${plural(parts.length, 'part')} right`;
}

/**
 * Entries by position after a question was inserted after `position` (try again, try a similar
 * one): the ones after it move down by one, so each stays with its question.
 */
export function shiftAfterInsert<T>(
  byPosition: Readonly<Record<number, T>>,
  position: number,
): Record<number, T> {
  const shifted: Record<number, T> = {};
  for (const [key, value] of Object.entries(byPosition)) {
    const pos = Number(key);
    shifted[pos > position ? pos + 1 : pos] = value;
  }
  return shifted;
}

/**
 * Should the page scroll to show an element whose box is `top`…`bottom` (viewport pixels)?
 * Only when part of it is hidden under the sticky header (`coveredTop`) or the sticky action
 * bar (`coveredBottom`) or outside the window `height`.
 */
export function needsScroll(
  box: { readonly top: number; readonly bottom: number },
  view: { readonly height: number; readonly coveredTop: number; readonly coveredBottom: number },
): boolean {
  return box.top < view.coveredTop || box.bottom > view.height - view.coveredBottom;
}
