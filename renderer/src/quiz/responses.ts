/** The learner's (draft) response to one item, independent of how it is shown. */
import type { LearnerResponse, QuestionKind, QuizItemView } from '../../../electron/contract';

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
  if (a.kind === 'numeric' && b.kind === 'numeric') return a.text.trim() === b.text.trim();
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
  if (response.kind === 'numeric') return response.text.trim();
  return response.optionIds
    .map((id) => {
      const index = item.options.findIndex((o) => o.id === id);
      return index >= 0 ? optionLetter(index) : id;
    })
    .join(', ');
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
    default:
      throw new Error(`unknown question kind ${String(kind satisfies never)}`);
  }
}
