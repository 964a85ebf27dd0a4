/**
 * Typed queries of quizzes: sessions, their items, the attempts graded from them, and the
 * indexed samples adaptive selection draws candidates from. Connection first; statements are
 * prepared once per connection and reused; rows are mapped to domain records at the edge.
 */
import type { Statement } from 'better-sqlite3';
import type { ExamTime } from '../../core/exam-clock';
import type { FinishReason, MsqRule, QuizMode, QuizStatus, Response } from '../../core/types';
import type { Db } from '../connection';

/** A session's status as stored: `discarded` is an unfinished quiz the learner threw away. */
export type StoredQuizStatus = QuizStatus | 'discarded';

/** One quiz session. Times are ms since the epoch. */
export interface QuizSessionRecord {
  readonly id: number;
  readonly learnerId: number;
  readonly mode: QuizMode;
  readonly status: StoredQuizStatus;
  readonly msqRule: MsqRule;
  readonly title: string;
  readonly createdAt: number;
  readonly durationMs: number | null;
  /**
   * Exams only: when the time left runs out by the clock reading `clockSeenAt`
   * (`clockSeenAt + durationMs − elapsedMs`); the expiry sweep's index key.
   */
  readonly deadlineAt: number | null;
  /** Exams only: time used so far, a high-water mark a clock moved back cannot lower. */
  readonly elapsedMs: number;
  /** Exams only: the wall-clock reading `elapsedMs` was last advanced at. */
  readonly clockSeenAt: number | null;
  readonly pausedRemainingMs: number | null;
  readonly finishedAt: number | null;
  readonly finishReason: FinishReason | null;
  /** Sum of item scores, once finished. */
  readonly score: number | null;
  readonly maxScore: number | null;
  readonly currentPosition: number;
}

/** What {@link insertSession} needs. */
export interface NewQuizSession {
  readonly learnerId: number;
  readonly mode: QuizMode;
  readonly msqRule: MsqRule;
  readonly title: string;
  readonly createdAt: number;
  readonly durationMs: number | null;
  readonly deadlineAt: number | null;
}

/** One position of a quiz: which question (version, variant) and what the learner did. */
export interface QuizItemRecord {
  readonly sessionId: number;
  readonly position: number;
  readonly questionId: number;
  readonly questionVersion: number;
  /** Template items: the variant's seed; null for bank items. */
  readonly variantSeed: number | null;
  /** Seed of the option order (`core/option-order`); null keeps the stored order. */
  readonly optionSeed: number | null;
  /** Stored option ids (choice) or the text typed (numeric). */
  readonly response: Response | null;
  readonly marked: boolean;
  readonly shownAt: number | null;
  readonly savedAt: number | null;
  /** Set once graded (checked in practice, or at finish). */
  readonly attemptId: number | null;
  /** Rungs of the hint ladder revealed. */
  readonly hintsUsed: number;
  /** Graded tries of the same variant before this item ("Try again"). */
  readonly tries: number;
}

/** What {@link insertItem} needs. */
export interface NewQuizItem {
  readonly sessionId: number;
  readonly position: number;
  readonly questionId: number;
  readonly questionVersion: number;
  readonly variantSeed: number | null;
  readonly optionSeed: number | null;
  readonly shownAt: number | null;
  /** Earlier tries of the same variant (0 for a first try). */
  readonly tries?: number;
}

/** A learner's answer to one step-by-step part. */
export interface PartResponseRecord {
  readonly position: number;
  readonly partId: string;
  readonly response: string;
  readonly correct: boolean;
  readonly checkedAt: number;
}

/** One graded answer. */
export interface AttemptRecord {
  readonly id: number;
  readonly learnerId: number;
  readonly sessionId: number;
  readonly position: number;
  readonly questionId: number;
  readonly questionVersion: number;
  readonly variantSeed: number | null;
  readonly topicId: string;
  readonly response: Response;
  readonly score: number;
  readonly correct: boolean;
  readonly misconceptionId: string | null;
  readonly answeredAt: number;
  readonly durationMs: number;
}

/** What {@link insertAttempt} needs. */
export type NewAttempt = Omit<AttemptRecord, 'id'>;

/** A session with its item counts, for history lists. */
export interface QuizSessionSummaryRecord extends QuizSessionRecord {
  readonly itemCount: number;
  readonly answeredCount: number;
}

/** A question a selection query returned. */
export interface CandidateRow {
  readonly id: number;
  readonly difficulty: number;
  /** The learner has a review card for it (answered it before). */
  readonly seen: boolean;
}

type SessionRow = Readonly<{
  id: number;
  learner_id: number;
  mode: QuizMode;
  status: StoredQuizStatus;
  msq_rule: MsqRule;
  title: string;
  created_at: number;
  duration_ms: number | null;
  deadline_at: number | null;
  paused_remaining_ms: number | null;
  finished_at: number | null;
  finish_reason: FinishReason | null;
  score: number | null;
  max_score: number | null;
  current_position: number;
  elapsed_ms: number;
  clock_seen_at: number | null;
}>;

type SummaryRow = SessionRow & Readonly<{ item_count: number; answered_count: number }>;

type ItemRow = Readonly<{
  session_id: number;
  position: number;
  question_id: number;
  question_version: number;
  variant_seed: number | null;
  option_seed: number | null;
  response: string | null;
  marked: number;
  shown_at: number | null;
  saved_at: number | null;
  attempt_id: number | null;
  hints_used: number;
  tries: number;
}>;

type PartRow = Readonly<{
  position: number;
  part_id: string;
  response: string;
  correct: number;
  checked_at: number;
}>;

type AttemptRow = Readonly<{
  id: number;
  learner_id: number;
  session_id: number;
  position: number;
  question_id: number;
  question_version: number;
  variant_seed: number | null;
  topic_id: string;
  response: string;
  score: number;
  correct: number;
  misconception_id: string | null;
  answered_at: number;
  duration_ms: number;
}>;

type CandidateSqlRow = Readonly<{ id: number; difficulty: number; seen: number }>;

/**
 * SQL of the hot reads, exported so tests can assert their `EXPLAIN QUERY PLAN` uses indexes.
 */
export const quizHotSql = {
  /**
   * Open sessions of a learner (`quiz_sessions_open`, whose partial-index condition the `IN`
   * repeats; `quiz_sessions_by_learner` would cost more with every finished session).
   */
  openSessions: `
    SELECT * FROM quiz_sessions
    WHERE learner_id = ? AND status IN ('active', 'paused')
    ORDER BY (mode = 'exam') DESC, created_at DESC, id DESC`,
  /** Unfinished exams of any learner (`quiz_sessions_open`, a partial index). */
  openExams: `
    SELECT id FROM quiz_sessions
    WHERE status IN ('active', 'paused') AND mode = 'exam'`,
  /** Exams past their deadline, any learner (`quiz_sessions_open`, a partial index). */
  expiredExams: `
    SELECT id FROM quiz_sessions
    WHERE status IN ('active', 'paused') AND mode = 'exam' AND deadline_at <= ?`,
  /**
   * Next-question candidates: questions of a topic at one difficulty from a random id onwards
   * (`questions_by_topic`, whose rowid suffix makes `id >= ?` a range), flagged when the learner
   * has a review card (primary key lookup).
   */
  candidatesFrom: `
    SELECT q.id, q.difficulty,
           EXISTS (SELECT 1 FROM review_cards r WHERE r.learner_id = @learner AND r.question_id = q.id) AS seen
    FROM questions q
    WHERE q.topic_id = @topic AND q.difficulty = @difficulty AND q.retired = 0 AND q.id >= @pivot
    ORDER BY q.id
    LIMIT @limit`,
  candidatesBefore: `
    SELECT q.id, q.difficulty,
           EXISTS (SELECT 1 FROM review_cards r WHERE r.learner_id = @learner AND r.question_id = q.id) AS seen
    FROM questions q
    WHERE q.topic_id = @topic AND q.difficulty = @difficulty AND q.retired = 0 AND q.id < @pivot
    ORDER BY q.id
    LIMIT @limit`,
  /** A topic's questions in a difficulty range in id order (`questions_by_topic`), at most `@limit`. */
  topicQuestionIds: `
    SELECT id FROM questions
    WHERE topic_id = @topic AND retired = 0 AND difficulty BETWEEN @min AND @max
    ORDER BY id
    LIMIT @limit`,
  /** How many questions a topic has in a difficulty range, counting at most `@cap`. */
  topicQuestionCountCapped: `
    SELECT count(*) FROM (
      SELECT 1 FROM questions
      WHERE topic_id = @topic AND retired = 0 AND difficulty BETWEEN @min AND @max
      LIMIT @cap)`,
} as const;

interface Statements {
  insertSession: Statement<[NewQuizSession]>;
  getSession: Statement<[number], SessionRow>;
  openSessions: Statement<[number], SessionRow>;
  expiredExams: Statement<[number], number>;
  openExams: Statement<[], number>;
  finishedExams: Statement<[], number>;
  setStatus: Statement<[StoredQuizStatus, number]>;
  setExamTime: Statement<[{ id: number; elapsedMs: number; seenAt: number; deadlineAt: number }]>;
  setPosition: Statement<[number, number]>;
  finish: Statement<
    [{ id: number; finishedAt: number; reason: FinishReason; score: number; maxScore: number }]
  >;
  history: Statement<[number, number], SummaryRow>;
  insertItem: Statement<[NewQuizItem]>;
  getItem: Statement<[number, number], ItemRow>;
  listItems: Statement<[number], ItemRow>;
  saveResponse: Statement<[string | null, number, number, number]>;
  setMarked: Statement<[number, number, number]>;
  markShown: Statement<[number, number, number]>;
  setAttempt: Statement<[number, number, number]>;
  setHints: Statement<[number, number, number]>;
  upsertPart: Statement<[Record<string, number | string>]>;
  sessionParts: Statement<[number], PartRow>;
  shiftItemsOut: Statement<[number, number]>;
  shiftItemsIn: Statement<[number]>;
  shiftAttempts: Statement<[number, number]>;
  insertAttempt: Statement<[Record<string, unknown>]>;
  sessionAttempts: Statement<[number], AttemptRow>;
  getAttempt: Statement<[number], AttemptRow>;
  candidatesFrom: Statement<[Record<string, number | string>], CandidateSqlRow>;
  candidatesBefore: Statement<[Record<string, number | string>], CandidateSqlRow>;
  maxQuestionId: Statement<[], number | null>;
  topicCountCapped: Statement<[Record<string, number | string>], number>;
  topicQuestionIds: Statement<[Record<string, number | string>], number>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      insertSession: db.prepare(`
        INSERT INTO quiz_sessions (learner_id, mode, status, msq_rule, title, created_at, duration_ms, deadline_at, clock_seen_at)
        VALUES (@learnerId, @mode, 'active', @msqRule, @title, @createdAt, @durationMs, @deadlineAt,
                CASE WHEN @durationMs IS NULL THEN NULL ELSE @createdAt END)`),
      getSession: db.prepare('SELECT * FROM quiz_sessions WHERE id = ?'),
      openSessions: db.prepare(quizHotSql.openSessions),
      expiredExams: db.prepare<[number], number>(quizHotSql.expiredExams).pluck(),
      openExams: db.prepare<[], number>(quizHotSql.openExams).pluck(),
      finishedExams: db
        .prepare<[], number>(
          "SELECT id FROM quiz_sessions WHERE mode = 'exam' AND status = 'finished' ORDER BY id",
        )
        .pluck(),
      setStatus: db.prepare('UPDATE quiz_sessions SET status = ? WHERE id = ?'),
      setExamTime: db.prepare(`
        UPDATE quiz_sessions
        SET elapsed_ms = @elapsedMs, clock_seen_at = @seenAt, deadline_at = @deadlineAt
        WHERE id = @id`),
      setPosition: db.prepare('UPDATE quiz_sessions SET current_position = ? WHERE id = ?'),
      finish: db.prepare(`
        UPDATE quiz_sessions
        SET status = 'finished', finished_at = @finishedAt, finish_reason = @reason,
            score = @score, max_score = @maxScore
        WHERE id = @id`),
      history: db.prepare(`
        SELECT s.*,
               (SELECT count(*) FROM quiz_items i WHERE i.session_id = s.id) AS item_count,
               (SELECT count(*) FROM quiz_items i WHERE i.session_id = s.id AND i.response IS NOT NULL) AS answered_count
        FROM quiz_sessions s
        WHERE s.learner_id = ? AND s.status <> 'discarded'
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT ?`),
      insertItem: db.prepare(`
        INSERT INTO quiz_items (session_id, position, question_id, question_version, variant_seed, option_seed, shown_at, tries)
        VALUES (@sessionId, @position, @questionId, @questionVersion, @variantSeed, @optionSeed, @shownAt, @tries)`),
      getItem: db.prepare('SELECT * FROM quiz_items WHERE session_id = ? AND position = ?'),
      listItems: db.prepare('SELECT * FROM quiz_items WHERE session_id = ? ORDER BY position'),
      saveResponse: db.prepare(
        'UPDATE quiz_items SET response = ?, saved_at = ? WHERE session_id = ? AND position = ?',
      ),
      setMarked: db.prepare(
        'UPDATE quiz_items SET marked = ? WHERE session_id = ? AND position = ?',
      ),
      markShown: db.prepare(
        'UPDATE quiz_items SET shown_at = ? WHERE session_id = ? AND position = ? AND shown_at IS NULL',
      ),
      setAttempt: db.prepare(
        'UPDATE quiz_items SET attempt_id = ? WHERE session_id = ? AND position = ?',
      ),
      setHints: db.prepare(
        'UPDATE quiz_items SET hints_used = ? WHERE session_id = ? AND position = ?',
      ),
      upsertPart: db.prepare(`
        INSERT INTO quiz_item_parts (session_id, position, part_id, response, correct, checked_at)
        VALUES (@sessionId, @position, @partId, @response, @correct, @checkedAt)
        ON CONFLICT (session_id, position, part_id)
        DO UPDATE SET response = excluded.response, correct = excluded.correct,
                      checked_at = excluded.checked_at`),
      sessionParts: db.prepare(
        'SELECT position, part_id, response, correct, checked_at FROM quiz_item_parts WHERE session_id = ? ORDER BY position, part_id',
      ),
      // Two steps through negative positions: a single `position + 1` would collide with the
      // primary key of the next row mid-statement.
      shiftItemsOut: db.prepare(
        'UPDATE quiz_items SET position = -(position + 1) WHERE session_id = ? AND position > ?',
      ),
      shiftItemsIn: db.prepare(
        'UPDATE quiz_items SET position = -position WHERE session_id = ? AND position < 0',
      ),
      shiftAttempts: db.prepare(
        'UPDATE attempts SET position = position + 1 WHERE session_id = ? AND position > ?',
      ),
      insertAttempt: db.prepare(`
        INSERT INTO attempts (learner_id, session_id, position, question_id, question_version, variant_seed,
                              topic_id, response, score, correct, misconception_id, answered_at, duration_ms)
        VALUES (@learnerId, @sessionId, @position, @questionId, @questionVersion, @variantSeed,
                @topicId, @response, @score, @correct, @misconceptionId, @answeredAt, @durationMs)`),
      sessionAttempts: db.prepare(
        'SELECT * FROM attempts WHERE session_id = ? ORDER BY position, id',
      ),
      getAttempt: db.prepare('SELECT * FROM attempts WHERE id = ?'),
      candidatesFrom: db.prepare(quizHotSql.candidatesFrom),
      candidatesBefore: db.prepare(quizHotSql.candidatesBefore),
      maxQuestionId: db.prepare<[], number | null>('SELECT max(id) FROM questions').pluck(),
      topicQuestionIds: db
        .prepare<[Record<string, number | string>], number>(quizHotSql.topicQuestionIds)
        .pluck(),
      topicCountCapped: db
        .prepare<[Record<string, number | string>], number>(quizHotSql.topicQuestionCountCapped)
        .pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

function toSession(row: SessionRow): QuizSessionRecord {
  return {
    id: row.id,
    learnerId: row.learner_id,
    mode: row.mode,
    status: row.status,
    msqRule: row.msq_rule,
    title: row.title,
    createdAt: row.created_at,
    durationMs: row.duration_ms,
    deadlineAt: row.deadline_at,
    pausedRemainingMs: row.paused_remaining_ms,
    finishedAt: row.finished_at,
    finishReason: row.finish_reason,
    score: row.score,
    maxScore: row.max_score,
    currentPosition: row.current_position,
    elapsedMs: row.elapsed_ms,
    clockSeenAt: row.clock_seen_at,
  };
}

function toItem(row: ItemRow): QuizItemRecord {
  return {
    sessionId: row.session_id,
    position: row.position,
    questionId: row.question_id,
    questionVersion: row.question_version,
    variantSeed: row.variant_seed,
    optionSeed: row.option_seed,
    response: row.response === null ? null : (JSON.parse(row.response) as Response),
    marked: row.marked === 1,
    shownAt: row.shown_at,
    savedAt: row.saved_at,
    attemptId: row.attempt_id,
    hintsUsed: row.hints_used,
    tries: row.tries,
  };
}

function toAttempt(row: AttemptRow): AttemptRecord {
  return {
    id: row.id,
    learnerId: row.learner_id,
    sessionId: row.session_id,
    position: row.position,
    questionId: row.question_id,
    questionVersion: row.question_version,
    variantSeed: row.variant_seed,
    topicId: row.topic_id,
    response: JSON.parse(row.response) as Response,
    score: row.score,
    correct: row.correct === 1,
    misconceptionId: row.misconception_id,
    answeredAt: row.answered_at,
    durationMs: row.duration_ms,
  };
}

/** Serialises a response for storage (only the fields of its kind, in a fixed order). */
export function serializeResponse(response: Response): string {
  return response.kind === 'choice'
    ? JSON.stringify({ kind: 'choice', optionIds: [...response.optionIds] })
    : JSON.stringify({ kind: response.kind, text: response.text });
}

// --- sessions --------------------------------------------------------------------------------

/** Creates an active session and returns its id. */
export function insertSession(db: Db, session: NewQuizSession): number {
  return Number(statements(db).insertSession.run(session).lastInsertRowid);
}

/** One session, or undefined. */
export function getSession(db: Db, sessionId: number): QuizSessionRecord | undefined {
  const row = statements(db).getSession.get(sessionId);
  return row === undefined ? undefined : toSession(row);
}

/** A learner's unfinished sessions: exams first, then newest first. */
export function listOpenSessions(db: Db, learnerId: number): QuizSessionRecord[] {
  return statements(db).openSessions.all(learnerId).map(toSession);
}

/** Ids of every finished exam (any learner), for sealing them across a restore. */
export function listFinishedExamIds(db: Db): number[] {
  return statements(db).finishedExams.all();
}

/** Ids of every unfinished exam (any learner). */
export function listOpenExamIds(db: Db): number[] {
  return statements(db).openExams.all();
}

/** Ids of unfinished exams (any learner) whose deadline is at or before `now`. */
export function listExpiredExamIds(db: Db, now: number): number[] {
  return statements(db).expiredExams.all(now);
}

/**
 * Sets `active` / `paused`, or `discarded` for an unfinished quiz thrown away (finishing goes
 * through {@link finishSession}).
 */
export function setSessionStatus(
  db: Db,
  sessionId: number,
  status: Exclude<StoredQuizStatus, 'finished'>,
): void {
  statements(db).setStatus.run(status, sessionId);
}

/** Stores an exam's advanced time (`core/exam-clock`) and the deadline it implies. */
export function setExamTime(db: Db, sessionId: number, time: ExamTime, deadlineAt: number): void {
  statements(db).setExamTime.run({
    id: sessionId,
    elapsedMs: time.elapsedMs,
    seenAt: time.seenAt,
    deadlineAt,
  });
}

/** Remembers where the learner is. */
export function setCurrentPosition(db: Db, sessionId: number, position: number): void {
  statements(db).setPosition.run(position, sessionId);
}

/** Marks a session finished with its total score. */
export function finishSession(
  db: Db,
  sessionId: number,
  finish: { finishedAt: number; reason: FinishReason; score: number; maxScore: number },
): void {
  statements(db).finish.run({ id: sessionId, ...finish });
}

/**
 * A learner's sessions except discarded ones, newest first, with item and answered counts
 * (`quiz_sessions_by_learner`).
 */
export function listSessionHistory(
  db: Db,
  learnerId: number,
  limit: number,
): QuizSessionSummaryRecord[] {
  return statements(db)
    .history.all(learnerId, limit)
    .map((row) => ({
      ...toSession(row),
      itemCount: row.item_count,
      answeredCount: row.answered_count,
    }));
}

// --- items -----------------------------------------------------------------------------------

/** Adds one item at its position. */
export function insertItem(db: Db, item: NewQuizItem): void {
  statements(db).insertItem.run({ ...item, tries: item.tries ?? 0 });
}

/** Sets how many rungs of the hint ladder the item has revealed. */
export function setItemHints(db: Db, sessionId: number, position: number, hintsUsed: number): void {
  statements(db).setHints.run(hintsUsed, sessionId, position);
}

/** Stores (or replaces) the learner's checked answer to one part of an item. */
export function savePartResponse(db: Db, sessionId: number, record: PartResponseRecord): void {
  statements(db).upsertPart.run({
    sessionId,
    position: record.position,
    partId: record.partId,
    response: record.response,
    correct: record.correct ? 1 : 0,
    checkedAt: record.checkedAt,
  });
}

/** Every checked part answer of a session, by position then part id. */
export function listPartResponses(db: Db, sessionId: number): PartResponseRecord[] {
  return statements(db)
    .sessionParts.all(sessionId)
    .map((r) => ({
      position: r.position,
      partId: r.part_id,
      response: r.response,
      correct: r.correct === 1,
      checkedAt: r.checked_at,
    }));
}

/** One item, or undefined. */
export function getItem(db: Db, sessionId: number, position: number): QuizItemRecord | undefined {
  const row = statements(db).getItem.get(sessionId, position);
  return row === undefined ? undefined : toItem(row);
}

/** Every item of a session in position order. */
export function listItems(db: Db, sessionId: number): QuizItemRecord[] {
  return statements(db).listItems.all(sessionId).map(toItem);
}

/** Stores (or, with null, clears) the response of an item. */
export function saveItemResponse(
  db: Db,
  sessionId: number,
  position: number,
  response: Response | null,
  savedAt: number,
): void {
  statements(db).saveResponse.run(
    response === null ? null : serializeResponse(response),
    savedAt,
    sessionId,
    position,
  );
}

/** Sets or clears the "marked for review" flag. */
export function setItemMarked(db: Db, sessionId: number, position: number, marked: boolean): void {
  statements(db).setMarked.run(marked ? 1 : 0, sessionId, position);
}

/** Records when an item was first shown (kept if already set). */
export function markItemShown(db: Db, sessionId: number, position: number, at: number): void {
  statements(db).markShown.run(at, sessionId, position);
}

/** Links an item to the attempt graded from it. */
export function setItemAttempt(
  db: Db,
  sessionId: number,
  position: number,
  attemptId: number,
): void {
  statements(db).setAttempt.run(attemptId, sessionId, position);
}

/**
 * Makes room after `position`: every item (and attempt) further on moves one position up.
 * Call inside a transaction.
 */
export function shiftItemsAfter(db: Db, sessionId: number, position: number): void {
  const s = statements(db);
  s.shiftItemsOut.run(sessionId, position);
  s.shiftItemsIn.run(sessionId);
  s.shiftAttempts.run(sessionId, position);
}

// --- attempts --------------------------------------------------------------------------------

/** Stores one graded answer and returns its id. */
export function insertAttempt(db: Db, attempt: NewAttempt): number {
  return Number(
    statements(db).insertAttempt.run({
      ...attempt,
      response: serializeResponse(attempt.response),
      correct: attempt.correct ? 1 : 0,
    }).lastInsertRowid,
  );
}

/** The attempts of a session in position order (`attempts_by_session`). */
export function listSessionAttempts(db: Db, sessionId: number): AttemptRecord[] {
  return statements(db).sessionAttempts.all(sessionId).map(toAttempt);
}

/** One attempt, or undefined. */
export function getAttempt(db: Db, attemptId: number): AttemptRecord | undefined {
  const row = statements(db).getAttempt.get(attemptId);
  return row === undefined ? undefined : toAttempt(row);
}

// --- selection -------------------------------------------------------------------------------

/** The largest question id (0 for an empty bank); random pivots are drawn below it. */
export function maxQuestionId(db: Db): number {
  return statements(db).maxQuestionId.get() ?? 0;
}

/**
 * Up to `limit` non-retired questions of `topicId` at exactly `difficulty`, starting at id
 * `pivot` and wrapping around to the lowest ids, each flagged `seen` when `learnerId` has a
 * review card for it. Index range scans only (`questions_by_topic`, review card primary key).
 */
export function sampleTopicQuestions(
  db: Db,
  args: { learnerId: number; topicId: string; difficulty: number; pivot: number; limit: number },
): CandidateRow[] {
  const s = statements(db);
  const params = {
    learner: args.learnerId,
    topic: args.topicId,
    difficulty: args.difficulty,
    pivot: args.pivot,
    limit: args.limit,
  };
  const rows = s.candidatesFrom.all(params);
  if (rows.length < args.limit) {
    rows.push(...s.candidatesBefore.all({ ...params, limit: args.limit - rows.length }));
  }
  return rows.map((r) => ({
    id: r.id,
    difficulty: r.difficulty,
    seen: r.seen === 1,
  }));
}

/** Questions of a topic in a difficulty range, counted up to `cap` (cheap existence/cap check). */
export function countTopicQuestionsCapped(
  db: Db,
  topicId: string,
  range: { min: number; max: number },
  cap: number,
): number {
  return (
    statements(db).topicCountCapped.get({ topic: topicId, min: range.min, max: range.max, cap }) ??
    0
  );
}

/**
 * Up to `limit` ids of a topic's non-retired questions in a difficulty range, lowest first: the
 * exhaustive fallback when sampling found nothing new although questions remain.
 */
export function listTopicQuestionIds(
  db: Db,
  topicId: string,
  range: { min: number; max: number },
  limit: number,
): number[] {
  return statements(db).topicQuestionIds.all({
    topic: topicId,
    min: range.min,
    max: range.max,
    limit,
  });
}
