import type { Migration } from './types';

/**
 * The answer path learners can trust:
 * - `question_options.pin`: an option that keeps its place when options are shuffled;
 * - `quiz_items.option_seed`: the seed of the item's option order (null: stored order, for
 *   quizzes started before this version);
 * - `quiz_sessions.elapsed_ms` / `clock_seen_at`: exam time used so far and the clock reading it
 *   was last advanced at, so a clock moved back never adds time (`core/exam-clock`);
 * - `quiz_sessions.status` gains `discarded` (an unfinished quiz the learner threw away; it keeps
 *   its rows, no attempts are graded from it, and it is neither open nor in the history's scores).
 *
 * SQLite cannot alter a CHECK constraint, so `quiz_sessions` is rebuilt; `quiz_items` and
 * `attempts` refer to it by id, which the copy keeps.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'answer-path',
  up: `
ALTER TABLE question_options ADD COLUMN pin INTEGER NOT NULL DEFAULT 0 CHECK (pin IN (0, 1));
ALTER TABLE quiz_items ADD COLUMN option_seed INTEGER;

CREATE TABLE quiz_sessions_new (
  id INTEGER PRIMARY KEY,
  learner_id INTEGER NOT NULL REFERENCES learners(id),
  mode TEXT NOT NULL CHECK (mode IN ('practice', 'exam')),
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'finished', 'discarded')),
  msq_rule TEXT NOT NULL CHECK (msq_rule IN ('all-or-nothing', 'partial')),
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  duration_ms INTEGER,
  deadline_at INTEGER,
  paused_remaining_ms INTEGER,
  finished_at INTEGER,
  finish_reason TEXT CHECK (finish_reason IN ('submitted', 'expired')),
  score REAL,
  max_score REAL,
  current_position INTEGER NOT NULL DEFAULT 0,
  elapsed_ms INTEGER NOT NULL DEFAULT 0 CHECK (elapsed_ms >= 0),
  clock_seen_at INTEGER
) STRICT;
INSERT INTO quiz_sessions_new
  (id, learner_id, mode, status, msq_rule, title, created_at, duration_ms, deadline_at,
   paused_remaining_ms, finished_at, finish_reason, score, max_score, current_position,
   elapsed_ms, clock_seen_at)
SELECT id, learner_id, mode, status, msq_rule, title, created_at, duration_ms, deadline_at,
       paused_remaining_ms, finished_at, finish_reason, score, max_score, current_position,
       0, CASE WHEN duration_ms IS NULL THEN NULL ELSE created_at END
FROM quiz_sessions;
DROP TABLE quiz_sessions;
ALTER TABLE quiz_sessions_new RENAME TO quiz_sessions;
CREATE INDEX quiz_sessions_open ON quiz_sessions (learner_id, status) WHERE status IN ('active', 'paused');
CREATE INDEX quiz_sessions_by_learner ON quiz_sessions (learner_id, created_at);
`,
};
