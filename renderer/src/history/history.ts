/** The quiz history page: filters and paging as plain data, so they are testable without a page. */
import type { HistoryEntry, ParsedInput, QuizMode } from '../../../electron/contract';
import { percent, plural, scoreText } from '../lib/format';

/** Quizzes per page. */
export const HISTORY_PAGE_SIZE = 25;

export interface HistoryFilters {
  /** A topic id, or '' for every topic. */
  readonly topic: string;
  /** A mode, or '' for both. */
  readonly mode: QuizMode | '';
}

export const noFilters: HistoryFilters = { topic: '', mode: '' };

/** The API call for a page of `filters` starting at `offset`. */
export function historyQuery(
  filters: HistoryFilters,
  offset: number,
  limit = HISTORY_PAGE_SIZE,
): ParsedInput<'listFinishedQuizzes'> {
  return {
    ...(filters.topic === '' ? {} : { topic: filters.topic }),
    ...(filters.mode === '' ? {} : { mode: filters.mode }),
    limit,
    offset,
  };
}

export interface PageInfo {
  /** 1-based number of the first and last quiz shown (0 and 0 when none). */
  readonly from: number;
  readonly to: number;
  readonly page: number;
  readonly pages: number;
  readonly previous: number | null;
  readonly next: number | null;
}

/** Where a page of `shown` quizzes at `offset` stands among `total`. */
export function pageInfo(
  total: number,
  offset: number,
  shown: number,
  limit = HISTORY_PAGE_SIZE,
): PageInfo {
  return {
    from: shown === 0 ? 0 : offset + 1,
    to: offset + shown,
    page: Math.floor(offset / limit) + 1,
    pages: Math.max(1, Math.ceil(total / limit)),
    previous: offset > 0 ? Math.max(0, offset - limit) : null,
    next: offset + limit < total ? offset + limit : null,
  };
}

/** "Quizzes 26–50 of 112", "1 quiz", "No quizzes". */
export function rangeText(info: PageInfo, total: number): string {
  if (total === 0) return 'No quizzes';
  if (info.from === 1 && info.to === total) return plural(total, 'quiz', 'quizzes');
  return `Quizzes ${info.from}–${info.to} of ${total}`;
}

/** "4 / 5 (80%)": the score, the questions it is out of, and the share. */
export function historyScore(entry: Pick<HistoryEntry, 'score' | 'questionCount'>): string {
  const score = entry.score ?? 0;
  const share = entry.questionCount === 0 ? 0 : score / entry.questionCount;
  return `${scoreText(score, entry.questionCount)} (${percent(share)})`;
}

/** The topics of a quiz in one line: up to `max` titles, then "+ 3 more". */
export function topicsText(entry: Pick<HistoryEntry, 'topics'>, max = 3): string {
  const titles = entry.topics.map((t) => t.title);
  if (titles.length <= max) return titles.join(', ');
  return `${titles.slice(0, max).join(', ')} + ${titles.length - max} more`;
}
