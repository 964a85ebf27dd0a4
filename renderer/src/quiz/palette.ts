/**
 * The question palette of the runner: status of each question, told by shape and words as well
 * as colour, and the summary the submit dialog lists.
 */
import type { Outcome, QuizItemView } from '../../../electron/contract';
import { isAnswered } from './responses';

export interface PaletteEntry {
  readonly position: number;
  /** 1-based number shown to the learner. */
  readonly number: number;
  readonly answered: boolean;
  readonly marked: boolean;
  readonly current: boolean;
  /** The answer could not be saved (shown with a retry); never just "being saved". */
  readonly unsaved: boolean;
  /** Practice mode after "Check": how it went (partial credit is not wrong). */
  readonly outcome: Outcome | null;
}

type ItemStatus = Pick<QuizItemView, 'position' | 'response' | 'marked' | 'feedback'>;

/** One entry per item, in order. */
export function paletteEntries(
  items: readonly ItemStatus[],
  currentPosition: number,
  unsavedPositions: ReadonlySet<number> = new Set(),
): PaletteEntry[] {
  return items.map((item) => ({
    position: item.position,
    number: item.position + 1,
    answered: isAnswered(item.response),
    marked: item.marked,
    current: item.position === currentPosition,
    unsaved: unsavedPositions.has(item.position),
    outcome: item.feedback?.outcome ?? null,
  }));
}

/** The status in words: the accessible name of a palette button. */
export function paletteLabel(entry: PaletteEntry): string {
  const parts = [entry.answered ? 'answered' : 'not answered'];
  if (entry.marked) parts.push('marked for review');
  if (entry.unsaved) parts.push('not saved');
  if (entry.outcome === 'correct') parts.push('checked: correct');
  if (entry.outcome === 'partial') parts.push('checked: partly correct');
  if (entry.outcome === 'wrong') parts.push('checked: incorrect');
  return `Question ${entry.number}, ${parts.join(', ')}`;
}

/** The shape class of an entry (answered = filled, not answered = outline, marked = flag). */
export function paletteKind(entry: PaletteEntry): 'answered' | 'not-answered' {
  return entry.answered ? 'answered' : 'not-answered';
}

export interface SubmitSummary {
  readonly total: number;
  readonly answered: number;
  /** 1-based numbers. */
  readonly unanswered: readonly number[];
  readonly marked: readonly number[];
  readonly unsaved: readonly number[];
}

/** What the submit dialog tells the learner before they hand in. */
export function submitSummary(
  items: readonly ItemStatus[],
  unsavedPositions: ReadonlySet<number> = new Set(),
): SubmitSummary {
  const entries = paletteEntries(items, -1, unsavedPositions);
  return {
    total: entries.length,
    answered: entries.filter((e) => e.answered).length,
    unanswered: entries.filter((e) => !e.answered && !e.unsaved).map((e) => e.number),
    marked: entries.filter((e) => e.marked).map((e) => e.number),
    unsaved: entries.filter((e) => e.unsaved).map((e) => e.number),
  };
}

/** "1, 4 and 7" */
export function listNumbers(numbers: readonly number[]): string {
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
