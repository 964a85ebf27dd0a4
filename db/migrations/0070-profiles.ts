import type { Migration } from './types';

/**
 * Learner profiles on one install (shared lab PCs): each row of `learners` is a profile.
 *
 * - `name` is the profile's display name, changed in place by a rename (unique; the service
 *   also refuses names that differ only in case).
 * - `xapi_account` is the `account.name` of the profile's xAPI actor and the learner part of its
 *   statement ids: set once, never changed by a rename, so the learning record store keeps
 *   seeing one learner. Existing learners keep their name as account, so statements exported
 *   or queued before this version keep their actor and ids. Rows written without it (older
 *   tools) fall back to `name`.
 * - `pin_hash`/`pin_salt`: an optional PIN as scrypt(PIN, salt); both or neither.
 * - `pin_failures`/`pin_blocked_until`: wrong PINs in a row, and until when PIN entry is
 *   refused after too many (kept here, so restarting the app does not reset the wait).
 * - `last_used_at`: when the profile was last chosen (the picker lists recent ones first).
 *
 * The one learner of the desktop app so far was called `local`; it becomes "Learner" (its
 * account stays `local`) unless that name is taken.
 */
export const migration0070: Migration = {
  version: 70,
  name: 'profiles',
  up: `
ALTER TABLE learners ADD COLUMN xapi_account TEXT;
ALTER TABLE learners ADD COLUMN pin_hash BLOB;
ALTER TABLE learners ADD COLUMN pin_salt BLOB CHECK ((pin_hash IS NULL) = (pin_salt IS NULL));
ALTER TABLE learners ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0 CHECK (pin_failures >= 0);
ALTER TABLE learners ADD COLUMN pin_blocked_until INTEGER;
ALTER TABLE learners ADD COLUMN last_used_at INTEGER;
UPDATE learners SET xapi_account = name, last_used_at = created_at;
UPDATE learners SET name = 'Learner'
  WHERE name = 'local' AND NOT EXISTS (SELECT 1 FROM learners WHERE lower(name) = 'learner');
CREATE UNIQUE INDEX learners_by_xapi_account ON learners (xapi_account);
`,
};
