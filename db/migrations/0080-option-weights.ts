import type { Migration } from './types';

/**
 * Moodle's grading, stored:
 * - `question_options.weight`: an msq option's Moodle fraction, −1…1 (NULL: unweighted, graded by
 *   the quiz's rule);
 * - `questions.type` gains `short` (short answer): SQLite cannot alter a CHECK constraint, so
 *   `questions` is rebuilt; `question_versions` and `review_cards` refer to it by id, which the
 *   copy keeps, and its partial index is made again;
 * - `question_versions.case_sensitive`: a short answer compares letter case (NULL elsewhere);
 * - `question_text_answers`: a short answer's accepted answers in order (first match wins), each
 *   with its credit and feedback, per question version like its options.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'option-weights',
  up: `
ALTER TABLE question_options ADD COLUMN weight REAL CHECK (weight IS NULL OR weight BETWEEN -1 AND 1);
ALTER TABLE question_versions ADD COLUMN case_sensitive INTEGER CHECK (case_sensitive IN (0, 1));

CREATE TABLE questions_new (
  id INTEGER PRIMARY KEY,
  bank_id TEXT NOT NULL REFERENCES banks(id),
  item_id TEXT NOT NULL,
  topic_id TEXT NOT NULL REFERENCES topics(id),
  type TEXT NOT NULL CHECK (type IN ('mcq', 'msq', 'numeric', 'template', 'short')),
  difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
  current_version INTEGER NOT NULL CHECK (current_version >= 1),
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  UNIQUE (bank_id, item_id)
) STRICT;
INSERT INTO questions_new (id, bank_id, item_id, topic_id, type, difficulty, current_version, retired)
SELECT id, bank_id, item_id, topic_id, type, difficulty, current_version, retired FROM questions;
DROP TABLE questions;
ALTER TABLE questions_new RENAME TO questions;
CREATE INDEX questions_by_topic ON questions (topic_id, difficulty) WHERE retired = 0;

CREATE TABLE question_text_answers (
  question_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  value TEXT NOT NULL,
  weight REAL NOT NULL CHECK (weight BETWEEN 0 AND 1),
  feedback TEXT,
  PRIMARY KEY (question_id, version, position),
  FOREIGN KEY (question_id, version) REFERENCES question_versions(question_id, version)
) STRICT, WITHOUT ROWID;
`,
};
