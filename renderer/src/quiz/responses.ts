/** The learner's (draft) response to one item, independent of how it is shown. */
import type {
  ItemFeedback,
  LearnerResponse,
  QuestionKind,
  QuizItemView,
} from '../../../electron/contract';

/** Is the item answered by typing (a number, or a word for a short answer)? */
export function isTyped(kind: QuestionKind): kind is 'numeric' | 'short' {
  return kind === 'numeric' || kind === 'short';
}

/** What typing `text` into an item's field gives: a number entry, or a short answer's text. */
export function typedResponse(kind: QuestionKind, text: string): LearnerResponse {
  return kind === 'short' ? { kind: 'text', text } : { kind: 'numeric', text };
}

/** Has the learner given an answer (at least one option, or some text)? */
export function isAnswered(response: LearnerResponse | null | undefined): boolean {
  if (!response) return false;
  return response.kind === 'choice' ? response.optionIds.length > 0 : response.text.trim() !== '';
}

/** Same answer? Option order does not matter. */
export function sameResponse(
  a: LearnerResponse | null | undefined,
  b: LearnerResponse | null | undefined,
): boolean {
  if (!isAnswered(a) && !isAnswered(b)) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind !== 'choice' && b.kind !== 'choice') return a.text.trim() === b.text.trim();
  if (a.kind === 'choice' && b.kind === 'choice') {
    const left = [...a.optionIds].sort();
    const right = [...b.optionIds].sort();
    return left.length === right.length && left.every((id, i) => id === right[i]);
  }
  return false;
}

/** Picking an option: replaces the choice for MCQ, toggles it for MSQ (kept in option order). */
export function pickOption(
  item: Pick<QuizItemView, 'kind' | 'options'>,
  current: LearnerResponse | null,
  optionId: string,
): LearnerResponse {
  if (item.kind !== 'msq') return { kind: 'choice', optionIds: [optionId] };
  const chosen = new Set(current?.kind === 'choice' ? current.optionIds : []);
  if (chosen.has(optionId)) chosen.delete(optionId);
  else chosen.add(optionId);
  return {
    kind: 'choice',
    optionIds: item.options.map((o) => o.id).filter((id) => chosen.has(id)),
  };
}

/** Option label letter: A, B, C… */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** A response in words for the review ("B, D", "0.75", "No answer"). */
export function describeResponse(
  item: Pick<QuizItemView, 'options'>,
  response: LearnerResponse | null,
): string {
  if (!response || !isAnswered(response)) return 'No answer';
  if (response.kind !== 'choice') return response.text.trim();
  return response.optionIds
    .map((id) => {
      const index = item.options.findIndex((o) => o.id === id);
      return index >= 0 ? optionLetter(index) : id;
    })
    .join(', ');
}

/** The key in words: the number or text to type, else the letters of the correct options. */
export function keyInWords(
  item: Pick<QuizItemView, 'kind' | 'options'>,
  feedback: Pick<ItemFeedback, 'correctValue' | 'correctOptionIds'>,
): string {
  return isTyped(item.kind)
    ? (feedback.correctValue ?? '')
    : describeResponse(item, { kind: 'choice', optionIds: [...feedback.correctOptionIds] });
}

/** The credit an accepted answer gives, in words after it ("" for full credit). */
export function acceptedAnswerLabel(percent: number): string {
  if (percent >= 100) return '';
  return percent <= 0 ? '(no credit)' : `(${Number(percent.toFixed(2))}% credit)`;
}

/** What kind of input an item needs, in words for its instructions. */
export function kindInstruction(kind: QuestionKind): string {
  switch (kind) {
    case 'mcq':
      return 'Choose one answer.';
    case 'msq':
      return 'Choose all answers that apply.';
    case 'numeric':
      return 'Type a number.';
    case 'short':
      return 'Type a word or phrase.';
    default:
      throw new Error(`unknown question kind ${String(kind satisfies never)}`);
  }
}
