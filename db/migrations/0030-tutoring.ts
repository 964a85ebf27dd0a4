import type { Migration } from './types';

/**
 * Tutoring in practice:
 * - `quiz_items.hints_used`: rungs of the hint ladder revealed for the item;
 * - `quiz_items.tries`: how many graded tries of the same variant came before this item ("Try
 *   again" after a wrong check adds the variant again as the next item, one try more); tries
 *   and hints lower the weight the attempt gives mastery (`core/mastery` `evidenceWeight`);
 * - `quiz_item_parts`: the learner's answer to each step-by-step part, checked at once;
 * - `question_hints` / `question_parts`: a fixed bank item's hint ladder and checkable parts
 *   (pack fields `hints` and `parts`), per question version like its options.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'tutoring',
  up: `
ALTER TABLE quiz_items ADD COLUMN hints_used INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0);
ALTER TABLE quiz_items ADD COLUMN tries INTEGER NOT NULL DEFAULT 0 CHECK (tries >= 0);

CREATE TABLE quiz_item_parts (
  session_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  part_id TEXT NOT NULL,
  response TEXT NOT NULL,
  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
  checked_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, position, part_id),
  FOREIGN KEY (session_id, position) REFERENCES quiz_items(session_id, position)
    ON UPDATE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE question_hints (
  question_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  rung INTEGER NOT NULL CHECK (rung >= 0),
  text TEXT NOT NULL,
  PRIMARY KEY (question_id, version, rung),
  FOREIGN KEY (question_id, version) REFERENCES question_versions(question_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE question_parts (
  question_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  part_id TEXT NOT NULL,
  prompt TEXT NOT NULL,
  numeric_value TEXT NOT NULL,
  tolerance_abs REAL,
  tolerance_rel REAL,
  answer_format TEXT,
  hint TEXT,
  PRIMARY KEY (question_id, version, position),
  UNIQUE (question_id, version, part_id),
  FOREIGN KEY (question_id, version) REFERENCES question_versions(question_id, version)
) STRICT, WITHOUT ROWID;
`,
};
