/**
 * Typed queries of course work: the quiz sessions that are attempts at an assignment or mock
 * finals (`course_sessions`, migration 60), with what their sessions say (status, times,
 * score). Connection first; statements prepared once per connection.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';
import type { StoredQuizStatus } from './quiz';

/** What a course session is: an attempt at an assignment, or a mock final. */
export type CourseSessionKind = 'assignment' | 'mock-final';

/** What {@link insertCourseSession} needs. */
export interface NewCourseSession {
  readonly sessionId: number;
  readonly learnerId: number;
  readonly kind: CourseSessionKind;
  /** The assignment's id in the course (null for a mock final). */
  readonly assignmentId: string | null;
  readonly attempt: number;
}

/** A course session with its quiz session's state. Times are ms since the epoch. */
export interface CourseSessionRecord {
  readonly sessionId: number;
  readonly kind: CourseSessionKind;
  readonly assignmentId: string | null;
  readonly attempt: number;
  readonly status: StoredQuizStatus;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  /** Sum of item scores and their maximum, once finished. */
  readonly score: number | null;
  readonly maxScore: number | null;
}

type CourseSessionRow = Readonly<{
  session_id: number;
  kind: CourseSessionKind;
  assignment_id: string | null;
  attempt: number;
  status: StoredQuizStatus;
  created_at: number;
  finished_at: number | null;
  score: number | null;
  max_score: number | null;
}>;

/** SQL of the reads, exported so a test can assert their `EXPLAIN QUERY PLAN` uses the index. */
export const courseSql = {
  /** A learner's course sessions, oldest first (`course_sessions_by_learner`). */
  listForLearner: `
    SELECT c.session_id, c.kind, c.assignment_id, c.attempt,
           s.status, s.created_at, s.finished_at, s.score, s.max_score
    FROM course_sessions c JOIN quiz_sessions s ON s.id = c.session_id
    WHERE c.learner_id = ?
    ORDER BY c.kind, c.assignment_id, c.attempt`,
  /** Attempts used of one assignment or of mock finals (`course_sessions_by_learner`). */
  lastAttempt: `
    SELECT max(attempt) FROM course_sessions
    WHERE learner_id = @learnerId AND kind = @kind AND assignment_id IS @assignmentId`,
} as const;

interface Statements {
  insert: Statement<[NewCourseSession]>;
  listForLearner: Statement<[number], CourseSessionRow>;
  lastAttempt: Statement<
    [{ learnerId: number; kind: CourseSessionKind; assignmentId: string | null }],
    number | null
  >;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      insert: db.prepare(`
        INSERT INTO course_sessions (session_id, learner_id, kind, assignment_id, attempt)
        VALUES (@sessionId, @learnerId, @kind, @assignmentId, @attempt)`),
      listForLearner: db.prepare(courseSql.listForLearner),
      lastAttempt: db
        .prepare<
          [{ learnerId: number; kind: CourseSessionKind; assignmentId: string | null }],
          number | null
        >(courseSql.lastAttempt)
        .pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

/** Marks a quiz session as course work. Call in the transaction that writes the session. */
export function insertCourseSession(db: Db, session: NewCourseSession): void {
  statements(db).insert.run(session);
}

/** The next attempt number of an assignment (or of mock finals, `assignmentId` null). */
export function nextAttemptNumber(
  db: Db,
  learnerId: number,
  kind: CourseSessionKind,
  assignmentId: string | null,
): number {
  return (statements(db).lastAttempt.get({ learnerId, kind, assignmentId }) ?? 0) + 1;
}

/** A learner's course sessions (discarded ones too: callers decide), by kind, assignment, attempt. */
export function listCourseSessions(db: Db, learnerId: number): CourseSessionRecord[] {
  return statements(db)
    .listForLearner.all(learnerId)
    .map((row) => ({
      sessionId: row.session_id,
      kind: row.kind,
      assignmentId: row.assignment_id,
      attempt: row.attempt,
      status: row.status,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      score: row.score,
      maxScore: row.max_score,
    }));
}

// --- the questions an assignment names --------------------------------------------------------

/** A bank question an assignment names by its item id. */
export interface ItemMatch {
  readonly questionId: number;
  readonly bankId: string;
}

interface BankStatements {
  byItem: Statement<[string], Readonly<{ id: number; bank_id: string }>>;
  byBankItem: Statement<[string, string], Readonly<{ id: number; bank_id: string }>>;
  byTemplate: Statement<[string], number>;
}

const bankCache = new WeakMap<Db, BankStatements>();

function bankStatements(db: Db): BankStatements {
  let s = bankCache.get(db);
  if (s === undefined) {
    s = {
      byItem: db.prepare(
        'SELECT id, bank_id FROM questions WHERE item_id = ? AND retired = 0 ORDER BY bank_id',
      ),
      byBankItem: db.prepare(
        'SELECT id, bank_id FROM questions WHERE bank_id = ? AND item_id = ? AND retired = 0',
      ),
      byTemplate: db
        .prepare<[string], number>(
          `SELECT q.id FROM questions q
           JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
           WHERE q.type = 'template' AND q.retired = 0 AND v.template_id = ?
           ORDER BY q.id`,
        )
        .pluck(),
    };
    bankCache.set(db, s);
  }
  return s;
}

/**
 * The questions (not retired) with pack item id `itemId`, in `bankId` when given: one, none,
 * or several when banks share the item id.
 */
export function findItemQuestions(db: Db, itemId: string, bankId?: string): ItemMatch[] {
  const s = bankStatements(db);
  const rows = bankId === undefined ? s.byItem.all(itemId) : s.byBankItem.all(bankId, itemId);
  return rows.map((r) => ({ questionId: r.id, bankId: r.bank_id }));
}

/** Ids of the template items (not retired) whose current version uses core template `templateId`. */
export function listTemplateQuestionIds(db: Db, templateId: string): number[] {
  return bankStatements(db).byTemplate.all(templateId);
}
