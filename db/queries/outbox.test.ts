import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection';
import {
  markFailed,
  markSent,
  markTried,
  markUntried,
  outboxHomePage,
  pendingCount,
  pendingStatements,
  queueStatements,
} from './outbox';

const HOME = 'https://lms.example.edu';
const built = (n: number, sessionId = 1) =>
  Array.from({ length: n }, (_, k) => ({
    id: `id-${sessionId}-${k}`,
    attemptId: k,
    sessionId,
    json: `{"id":"id-${sessionId}-${k}"}`,
  }));

describe('xapi outbox rows', () => {
  it('queues a statement id once, and walks pending rows from oldest, in doubt once tried', () => {
    const db = openDatabase(':memory:');
    expect(outboxHomePage(db)).toBeUndefined();
    expect(queueStatements(db, HOME, built(3), 1)).toBe(3);
    expect(queueStatements(db, HOME, built(3), 2)).toBe(0);
    expect(outboxHomePage(db)).toBe(HOME);
    const rows = pendingStatements(db, 0, 10);
    expect(rows.map((r) => r.statementId)).toEqual(['id-1-0', 'id-1-1', 'id-1-2']);
    expect(rows.every((r) => !r.inDoubt)).toBe(true);

    markTried(db, [rows[0].id, rows[1].id], 5);
    expect(pendingStatements(db, 0, 10).map((r) => r.inDoubt)).toEqual([true, true, false]);
    markUntried(db, [rows[1].id]);
    expect(markSent(db, [rows[0].id], 'sent', 6)).toBe(1);
    expect(markSent(db, [rows[0].id], 'already', 7)).toBe(0); // sent once stays sent
    markFailed(db, rows[2].id, 'HTTP 400: bad');
    expect(pendingCount(db)).toBe(2);
    expect(pendingStatements(db, rows[1].id, 10).map((r) => r.statementId)).toEqual(['id-1-2']);
    const failed = db
      .prepare('SELECT failure, tried_at FROM xapi_outbox WHERE id = ?')
      .get(rows[2].id) as { failure: string; tried_at: number | null };
    expect(failed).toEqual({ failure: 'HTTP 400: bad', tried_at: null });
    db.close();
  });

  it('reads pending rows and the pending count through the partial index', () => {
    const db = openDatabase(':memory:');
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(
      plan(`SELECT id, statement_id, statement, tried_at FROM xapi_outbox
            WHERE sent_at IS NULL AND id > 0 ORDER BY id LIMIT 100`),
    ).toEqual(['SEARCH xapi_outbox USING INDEX xapi_outbox_pending (id>?)']);
    expect(plan('SELECT count(*) FROM xapi_outbox WHERE sent_at IS NULL')).toEqual([
      'SCAN xapi_outbox USING INDEX xapi_outbox_pending',
    ]);
    db.close();
  });
});
