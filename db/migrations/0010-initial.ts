import type { Migration } from './types';

/**
 * The initial schema: banks and their versioned questions, learners, quiz sessions and their
 * items, attempts, and the incrementally maintained aggregates (mastery, review cards,
 * misconception counts, daily activity) that keep the dashboard's cost independent of history.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'initial',
  up: `
CREATE TABLE banks (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  license TEXT NOT NULL,
  description TEXT,
  imported_at INTEGER NOT NULL
) STRICT;

CREATE TABLE topics (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  bank_id TEXT NOT NULL REFERENCES banks(id),
  position INTEGER NOT NULL
) STRICT;

CREATE TABLE questions (
  id INTEGER PRIMARY KEY,
  bank_id TEXT NOT NULL REFERENCES banks(id),
  item_id TEXT NOT NULL,
  topic_id TEXT NOT NULL REFERENCES topics(id),
  type TEXT NOT NULL CHECK (type IN ('mcq', 'msq', 'numeric', 'template')),
  difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
  current_version INTEGER NOT NULL CHECK (current_version >= 1),
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  UNIQUE (bank_id, item_id)
) STRICT;
CREATE INDEX questions_by_topic ON questions (topic_id, difficulty) WHERE retired = 0;

CREATE TABLE question_versions (
  question_id INTEGER NOT NULL REFERENCES questions(id),
  version INTEGER NOT NULL,
  stem TEXT,
  explanation TEXT,
  source TEXT NOT NULL,
  tags TEXT NOT NULL,
  answer_format TEXT,
  numeric_value TEXT,
  tolerance_abs REAL,
  tolerance_rel REAL,
  template_id TEXT,
  template_form TEXT CHECK (template_form IN ('mcq', 'numeric')),
  template_params TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (question_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE question_options (
  question_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  option_id TEXT NOT NULL,
  text TEXT NOT NULL,
  feedback TEXT,
  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
  misconception_id TEXT,
  misconception_label TEXT,
  PRIMARY KEY (question_id, version, position),
  FOREIGN KEY (question_id, version) REFERENCES question_versions(question_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE learners (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE quiz_sessions (
  id INTEGER PRIMARY KEY,
  learner_id INTEGER NOT NULL REFERENCES learners(id),
  mode TEXT NOT NULL CHECK (mode IN ('practice', 'exam')),
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'finished')),
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
  current_position INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX quiz_sessions_open ON quiz_sessions (learner_id, status) WHERE status <> 'finished';
CREATE INDEX quiz_sessions_by_learner ON quiz_sessions (learner_id, created_at);

CREATE TABLE attempts (
  id INTEGER PRIMARY KEY,
  learner_id INTEGER NOT NULL REFERENCES learners(id),
  session_id INTEGER NOT NULL REFERENCES quiz_sessions(id),
  position INTEGER NOT NULL,
  question_id INTEGER NOT NULL,
  question_version INTEGER NOT NULL,
  variant_seed INTEGER,
  topic_id TEXT NOT NULL REFERENCES topics(id),
  response TEXT NOT NULL,
  score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
  misconception_id TEXT,
  answered_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  FOREIGN KEY (question_id, question_version) REFERENCES question_versions(question_id, version)
) STRICT;
CREATE INDEX attempts_by_session ON attempts (session_id, position);
CREATE INDEX attempts_by_learner ON attempts (learner_id, answered_at);

CREATE TABLE quiz_items (
  session_id INTEGER NOT NULL REFERENCES quiz_sessions(id),
  position INTEGER NOT NULL,
  question_id INTEGER NOT NULL,
  question_version INTEGER NOT NULL,
  variant_seed INTEGER,
  response TEXT,
  marked INTEGER NOT NULL DEFAULT 0 CHECK (marked IN (0, 1)),
  shown_at INTEGER,
  saved_at INTEGER,
  attempt_id INTEGER REFERENCES attempts(id),
  PRIMARY KEY (session_id, position),
  FOREIGN KEY (question_id, question_version) REFERENCES question_versions(question_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE mastery (
  learner_id INTEGER NOT NULL REFERENCES learners(id),
  topic_id TEXT NOT NULL REFERENCES topics(id),
  p_known REAL NOT NULL CHECK (p_known BETWEEN 0 AND 1),
  attempts INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  score_sum REAL NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (learner_id, topic_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE review_cards (
  learner_id INTEGER NOT NULL REFERENCES learners(id),
  question_id INTEGER NOT NULL REFERENCES questions(id),
  due INTEGER NOT NULL,
  stability REAL NOT NULL,
  difficulty REAL NOT NULL,
  elapsed_days REAL NOT NULL,
  scheduled_days REAL NOT NULL,
  learning_steps INTEGER NOT NULL,
  reps INTEGER NOT NULL,
  lapses INTEGER NOT NULL,
  state INTEGER NOT NULL,
  last_review INTEGER,
  PRIMARY KEY (learner_id, question_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX review_cards_due ON review_cards (learner_id, due);

CREATE TABLE misconception_counts (
  learner_id INTEGER NOT NULL REFERENCES learners(id),
  misconception_id TEXT NOT NULL,
  label TEXT NOT NULL,
  count INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (learner_id, misconception_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE daily_activity (
  learner_id INTEGER NOT NULL REFERENCES learners(id),
  day TEXT NOT NULL,
  answered INTEGER NOT NULL,
  score_sum REAL NOT NULL,
  PRIMARY KEY (learner_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`,
};
