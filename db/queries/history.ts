/**
 * Typed queries of a learner's full quiz history: finished sessions a page at a time, newest
 * first (`quiz_sessions_by_learner`), optionally of one mode or with a question of one topic,
 * and the topics each listed session asked about. Connection first; statements cached per
 * connection.
 */
import type { Statement } from 'better-sqlite3';
import type { FinishReason, QuizMode } from '../../core/types';
import type { Db } from '../connection';

/** What a history page is filtered by; `null` means "any". */
export interface HistoryFilter {
  readonly topicId: string | null;
  readonly mode: QuizMode | null;
}

/** A finished session as a history row lists it. */
export interface FinishedSessionRecord {
  readonly id: number;
  readonly title: string;
  readonly mode: QuizMode;
  readonly createdAt: number;
  readonly finishedAt: number;
  readonly finishReason: FinishReason;
  readonly score: number;
  readonly itemCount: number;
  readonly answeredCount: number;
}

/** A topic a session asked at least one question of. */
export interface SessionTopicRecord {
  readonly sessionId: number;
  readonly topicId: string;
  readonly title: string;
}

type FinishedRow = Readonly<{
  id: number;
  title: string;
  mode: QuizMode;
  created_at: number;
  finished_at: number;
  finish_reason: FinishReason;
  score: number;
  item_count: number;
  answered_count: number;
}>;

type FilterParams = { learnerId: number; topicId: string | null; mode: string | null };

interface Statements {
  page: Statement<[FilterParams & { limit: number; offset: number }], FinishedRow>;
  count: Statement<[FilterParams], number>;
  topics: Statement<[string], { session_id: number; topic_id: string; title: string }>;
}

const finishedWhere = `
  s.learner_id = @learnerId AND s.status = 'finished'
  AND (@mode IS NULL OR s.mode = @mode)
  AND (@topicId IS NULL OR EXISTS (
    SELECT 1 FROM quiz_items i JOIN questions q ON q.id = i.question_id
    WHERE i.session_id = s.id AND q.topic_id = @topicId))`;

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      page: db.prepare(`
        SELECT s.id, s.title, s.mode, s.created_at, s.finished_at, s.finish_reason, s.score,
               (SELECT count(*) FROM quiz_items i WHERE i.session_id = s.id) AS item_count,
               (SELECT count(*) FROM quiz_items i WHERE i.session_id = s.id AND i.response IS NOT NULL) AS answered_count
        FROM quiz_sessions s
        WHERE ${finishedWhere}
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT @limit OFFSET @offset`),
      count: db
        .prepare<[FilterParams], number>(
          `SELECT count(*) FROM quiz_sessions s WHERE ${finishedWhere}`,
        )
        .pluck(),
      // One statement for a whole page: the ids arrive as a JSON array.
      topics: db.prepare(`
        SELECT DISTINCT i.session_id, q.topic_id, t.title
        FROM json_each(?) j
        JOIN quiz_items i ON i.session_id = j.value
        JOIN questions q ON q.id = i.question_id
        JOIN topics t ON t.id = q.topic_id
        ORDER BY i.session_id, t.title`),
    };
    cache.set(db, s);
  }
  return s;
}

const params = (learnerId: number, filter: HistoryFilter): FilterParams => ({
  learnerId,
  topicId: filter.topicId,
  mode: filter.mode,
});

/** A page of the learner's finished sessions matching `filter`, newest first. */
export function listFinishedSessions(
  db: Db,
  learnerId: number,
  filter: HistoryFilter,
  page: { readonly limit: number; readonly offset: number },
): FinishedSessionRecord[] {
  return statements(db)
    .page.all({ ...params(learnerId, filter), ...page })
    .map((row) => ({
      id: row.id,
      title: row.title,
      mode: row.mode,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      finishReason: row.finish_reason,
      score: row.score,
      itemCount: row.item_count,
      answeredCount: row.answered_count,
    }));
}

/** How many of the learner's finished sessions match `filter`. */
export function countFinishedSessions(db: Db, learnerId: number, filter: HistoryFilter): number {
  return statements(db).count.get(params(learnerId, filter)) ?? 0;
}

/** The topics of each of `sessionIds`, by title. */
export function listSessionTopics(db: Db, sessionIds: readonly number[]): SessionTopicRecord[] {
  if (sessionIds.length === 0) return [];
  return statements(db)
    .topics.all(JSON.stringify(sessionIds))
    .map((row) => ({ sessionId: row.session_id, topicId: row.topic_id, title: row.title }));
}
