import type { Migration } from './types';

/**
 * Course work: which quiz sessions are attempts at an institute's weekly assignments (by the
 * assignment's id in `institute.json`, numbered per learner from 1) and which are mock finals
 * (which never count toward the course score). `learner_id` repeats the session's so the
 * unique index keeps a learner's attempt numbers from repeating, and a learner's course work is
 * read by index.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'assignments',
  up: `
CREATE TABLE course_sessions (
  session_id INTEGER PRIMARY KEY REFERENCES quiz_sessions(id),
  learner_id INTEGER NOT NULL REFERENCES learners(id),
  kind TEXT NOT NULL CHECK (kind IN ('assignment', 'mock-final')),
  assignment_id TEXT,
  attempt INTEGER NOT NULL CHECK (attempt >= 1),
  CHECK ((kind = 'assignment') = (assignment_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX course_sessions_by_learner ON course_sessions (learner_id, kind, assignment_id, attempt);
`,
};
