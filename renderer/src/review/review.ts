/**
 * How each reviewed question went, by the service's `outcome`: a partly right multiple-select
 * answer shows as partial credit, never as a plain wrong one.
 */
import type { Outcome, QuizItemView } from '../../../electron/contract';
import { isAnswered } from '../quiz/responses';

export type ReviewOutcome = Outcome | 'unanswered';

type ReviewedItem = Pick<QuizItemView, 'response' | 'feedback'>;

/** The outcome of a reviewed item; `unanswered` when nothing was entered. */
export function outcomeOf(item: ReviewedItem): ReviewOutcome {
  if (!isAnswered(item.response)) return 'unanswered';
  return item.feedback?.outcome ?? 'unanswered';
}

/** "Correct", "Partly correct · 0.5 of 1", "Not correct", "Not answered". */
export function outcomeText(item: ReviewedItem): string {
  const outcome = outcomeOf(item);
  switch (outcome) {
    case 'correct':
      return 'Correct';
    case 'partial':
      return `Partly correct · ${Math.round((item.feedback?.score ?? 0) * 100) / 100} of 1`;
    case 'wrong':
      return 'Not correct';
    case 'unanswered':
      return 'Not answered';
    default:
      throw new Error(`unknown outcome ${String(outcome satisfies never)}`);
  }
}

/** How many items went each way. */
export function outcomeCounts(items: readonly ReviewedItem[]): Record<ReviewOutcome, number> {
  const counts: Record<ReviewOutcome, number> = { correct: 0, partial: 0, wrong: 0, unanswered: 0 };
  for (const item of items) counts[outcomeOf(item)]++;
  return counts;
}
