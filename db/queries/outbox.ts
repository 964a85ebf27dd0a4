/**
 * The xAPI outbox's rows (table `xapi_outbox`, migration 0040): queueing a finished quiz's
 * statements, reading what is pending, and recording each post's outcome. Every write is its
 * own transaction committed with `synchronous = FULL`, so a sync that dies leaves each row
 * either pending, in doubt (`tried_at` set) or sent, never half-recorded.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';
import type { BuiltStatement } from '../interop/results';

/** A pending row: the statement to post and whether an earlier post of it may have arrived. */
export type PendingStatement = Readonly<{
  id: number;
  statementId: string;
  json: string;
  inDoubt: boolean;
}>;

/** How a sent statement reached the LRS: posted now, or found there already. */
export type SentOutcome = 'sent' | 'already';

interface Statements {
  unqueued: Statement<[], number>;
  insert: Statement<[string, number, number | null, string, string, number]>;
  pending: Statement<
    [number, number],
    { id: number; statement_id: string; statement: string; tried_at: number | null }
  >;
  tried: Statement<[number, number]>;
  untried: Statement<[number]>;
  sent: Statement<[number, SentOutcome, number]>;
  failed: Statement<[string, number]>;
  pendingCount: Statement<[], number>;
  homePage: Statement<[], string>;
  unqueuedStatements: Statement<[], number>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      unqueued: db
        .prepare<[], number>(
          `SELECT s.id FROM quiz_sessions s
           WHERE s.status = 'finished'
             AND NOT EXISTS (SELECT 1 FROM xapi_outbox o WHERE o.session_id = s.id)
           ORDER BY s.id`,
        )
        .pluck(),
      insert: db.prepare(
        `INSERT INTO xapi_outbox (statement_id, session_id, attempt_id, home_page, statement, queued_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (statement_id) DO NOTHING`,
      ),
      pending: db.prepare(
        `SELECT id, statement_id, statement, tried_at FROM xapi_outbox
         WHERE sent_at IS NULL AND id > ? ORDER BY id LIMIT ?`,
      ),
      tried: db.prepare('UPDATE xapi_outbox SET tried_at = ? WHERE id = ?'),
      untried: db.prepare('UPDATE xapi_outbox SET tried_at = NULL WHERE id = ?'),
      sent: db.prepare(
        'UPDATE xapi_outbox SET sent_at = ?, outcome = ?, failure = NULL WHERE id = ? AND sent_at IS NULL',
      ),
      failed: db.prepare('UPDATE xapi_outbox SET failure = ?, tried_at = NULL WHERE id = ?'),
      pendingCount: db
        .prepare<[], number>('SELECT count(*) FROM xapi_outbox WHERE sent_at IS NULL')
        .pluck(),
      homePage: db
        .prepare<[], string>('SELECT home_page FROM xapi_outbox ORDER BY id LIMIT 1')
        .pluck(),
      unqueuedStatements: db
        .prepare<[], number>(
          `SELECT count(*) + coalesce(sum(
                    (SELECT count(*) FROM attempts a WHERE a.session_id = s.id)), 0)
           FROM quiz_sessions s
           WHERE s.status = 'finished'
             AND NOT EXISTS (SELECT 1 FROM xapi_outbox o WHERE o.session_id = s.id)`,
        )
        .pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

/** Finished quizzes none of whose statements are queued yet, in id order. */
export function unqueuedSessions(db: Db): number[] {
  return statements(db).unqueued.all();
}

/**
 * Queues one finished quiz's statements (all or none, in one transaction). A statement id that
 * is already queued is left as it is. Returns how many rows were added.
 */
export function queueStatements(
  db: Db,
  homePage: string,
  built: readonly BuiltStatement[],
  now: number,
): number {
  const s = statements(db);
  return db.transaction(() => {
    let added = 0;
    for (const b of built) {
      added += s.insert.run(b.id, b.sessionId, b.attemptId, homePage, b.json, now).changes;
    }
    return added;
  })();
}

/** Up to `limit` pending statements after row `after`, oldest first. */
export function pendingStatements(db: Db, after: number, limit: number): PendingStatement[] {
  return statements(db)
    .pending.all(after, limit)
    .map((r) => ({
      id: r.id,
      statementId: r.statement_id,
      json: r.statement,
      inDoubt: r.tried_at !== null,
    }));
}

/** Marks rows as being posted now (their outcome is unknown until {@link markSent}). */
export function markTried(db: Db, ids: readonly number[], now: number): void {
  const s = statements(db);
  db.transaction(() => {
    for (const id of ids) s.tried.run(now, id);
  })();
}

/** Clears the in-doubt mark of rows known not to have reached the LRS. */
export function markUntried(db: Db, ids: readonly number[]): void {
  const s = statements(db);
  db.transaction(() => {
    for (const id of ids) s.untried.run(id);
  })();
}

/** Records that rows reached the LRS; returns how many were pending until now. */
export function markSent(
  db: Db,
  ids: readonly number[],
  outcome: SentOutcome,
  now: number,
): number {
  const s = statements(db);
  return db.transaction(() => {
    let changed = 0;
    for (const id of ids) changed += s.sent.run(now, outcome, id).changes;
    return changed;
  })();
}

/** Records the LRS's refusal of one row; it stays pending (a later sync tries it again). */
export function markFailed(db: Db, id: number, failure: string): void {
  statements(db).failed.run(failure.slice(0, 500), id);
}

/** How many statements wait to be sent. */
export function pendingCount(db: Db): number {
  return statements(db).pendingCount.get() ?? 0;
}

/** The home page the outbox's statements were built with (undefined while it is empty). */
export function outboxHomePage(db: Db): string | undefined {
  return statements(db).homePage.get();
}

/**
 * How many statements the finished quizzes not queued yet will give when they are: one
 * `answered` per answer and one `completed` per quiz (as `sessionXapiStatements` builds them).
 */
export function unqueuedStatementCount(db: Db): number {
  return statements(db).unqueuedStatements.get() ?? 0;
}
