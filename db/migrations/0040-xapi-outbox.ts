import type { Migration } from './types';

/**
 * The xAPI outbox: every statement of a finished quiz (its answers' `answered` statements and
 * its `completed` one), built once when the quiz is queued and kept as the exact JSON to send,
 * so what reaches the learning record store is what the learner did then, whatever happens to
 * the bank later. A row is pending until `sent_at` is set; `tried_at` without `sent_at` marks a
 * post whose outcome is unknown (the process died or the connection broke mid-request), which
 * the next sync checks with the LRS before sending again. No foreign keys: the outbox keeps its
 * statements even if what they report is removed.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'xapi-outbox',
  up: `
CREATE TABLE xapi_outbox (
  id INTEGER PRIMARY KEY,
  statement_id TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL,
  attempt_id INTEGER,
  home_page TEXT NOT NULL,
  statement TEXT NOT NULL,
  queued_at INTEGER NOT NULL,
  tried_at INTEGER,
  sent_at INTEGER,
  outcome TEXT CHECK (outcome IN ('sent', 'already')),
  failure TEXT,
  CHECK ((sent_at IS NULL) = (outcome IS NULL))
) STRICT;
CREATE INDEX xapi_outbox_pending ON xapi_outbox (id) WHERE sent_at IS NULL;
CREATE INDEX xapi_outbox_by_session ON xapi_outbox (session_id);
`,
};
