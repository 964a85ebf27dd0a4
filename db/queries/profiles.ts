/**
 * Learner profiles (table `learners`, migration 0070): several learners on one install, each
 * with their own quizzes, attempts, mastery, reviews and counts, an optional PIN and a stable
 * xAPI account. Queries take the connection first and map rows to {@link ProfileRecord}.
 */
import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';
import type { PinHash } from './profiles-pin';

/** One profile as the service sees it (never its PIN hash). */
export type ProfileRecord = Readonly<{
  id: number;
  name: string;
  /** The `account.name` of the profile's xAPI actor; never changes. */
  xapiAccount: string;
  hasPin: boolean;
  createdAt: number;
  lastUsedAt: number | null;
  /** Wrong PINs in a row since the last right one. */
  pinFailures: number;
  /** PIN entry is refused until then (ms since the epoch), after too many wrong ones. */
  pinBlockedUntil: number | null;
}>;

type ProfileRow = Readonly<{
  id: number;
  name: string;
  xapi_account: string;
  has_pin: number;
  created_at: number;
  last_used_at: number | null;
  pin_failures: number;
  pin_blocked_until: number | null;
}>;

const COLUMNS = `id, name, coalesce(xapi_account, name) AS xapi_account,
  pin_hash IS NOT NULL AS has_pin, created_at, last_used_at, pin_failures, pin_blocked_until`;

interface Statements {
  all: Statement<[], ProfileRow>;
  one: Statement<[number], ProfileRow>;
  count: Statement<[], number>;
  pin: Statement<[number], { pin_hash: Buffer; pin_salt: Buffer }>;
  insert: Statement<[string, string, Buffer | null, Buffer | null, number]>;
  rename: Statement<[string, number]>;
  setPin: Statement<[Buffer | null, Buffer | null, number]>;
  failures: Statement<[number, number | null, number]>;
  touch: Statement<[number, number]>;
  sessionsOf: string;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      all: db.prepare(
        `SELECT ${COLUMNS} FROM learners ORDER BY last_used_at IS NULL, last_used_at DESC, id`,
      ),
      one: db.prepare(`SELECT ${COLUMNS} FROM learners WHERE id = ?`),
      count: db.prepare<[], number>('SELECT count(*) FROM learners').pluck(),
      pin: db.prepare(
        'SELECT pin_hash, pin_salt FROM learners WHERE id = ? AND pin_hash IS NOT NULL',
      ),
      insert: db.prepare(
        `INSERT INTO learners (name, xapi_account, pin_hash, pin_salt, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      rename: db.prepare('UPDATE learners SET name = ? WHERE id = ?'),
      setPin: db.prepare(
        `UPDATE learners SET pin_hash = ?, pin_salt = ?, pin_failures = 0, pin_blocked_until = NULL
         WHERE id = ?`,
      ),
      failures: db.prepare(
        'UPDATE learners SET pin_failures = ?, pin_blocked_until = ? WHERE id = ?',
      ),
      touch: db.prepare('UPDATE learners SET last_used_at = ? WHERE id = ?'),
      sessionsOf: 'SELECT id FROM quiz_sessions WHERE learner_id = @learner',
    };
    cache.set(db, s);
  }
  return s;
}

const toProfile = (row: ProfileRow): ProfileRecord => ({
  id: row.id,
  name: row.name,
  xapiAccount: row.xapi_account,
  hasPin: row.has_pin === 1,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  pinFailures: row.pin_failures,
  pinBlockedUntil: row.pin_blocked_until,
});

/** Every profile, most recently used first (never used ones last, oldest first). */
export function listProfiles(db: Db): ProfileRecord[] {
  return statements(db).all.all().map(toProfile);
}

/** One profile, or undefined. */
export function getProfile(db: Db, id: number): ProfileRecord | undefined {
  const row = statements(db).one.get(id);
  return row === undefined ? undefined : toProfile(row);
}

/** How many profiles there are. */
export function countProfiles(db: Db): number {
  return statements(db).count.get() ?? 0;
}

/** The stored PIN of a profile, or undefined when it has none. */
export function getProfilePin(db: Db, id: number): PinHash | undefined {
  const row = statements(db).pin.get(id);
  return row === undefined ? undefined : { hash: row.pin_hash, salt: row.pin_salt };
}

/**
 * Adds a profile with a new xAPI account (`deepdrill-<uuid>`: unique across installs, so two
 * lab PCs' profiles never merge at the record store). Returns its id.
 */
export function insertProfile(
  db: Db,
  profile: { readonly name: string; readonly pin: PinHash | null; readonly now: number },
): number {
  const result = statements(db).insert.run(
    profile.name,
    `deepdrill-${randomUUID()}`,
    profile.pin?.hash ?? null,
    profile.pin?.salt ?? null,
    profile.now,
  );
  return Number(result.lastInsertRowid);
}

/** Renames a profile (its xAPI account stays). */
export function renameProfile(db: Db, id: number, name: string): void {
  statements(db).rename.run(name, id);
}

/** Sets (or with null clears) a profile's PIN and forgets earlier wrong tries. */
export function setProfilePin(db: Db, id: number, pin: PinHash | null): void {
  statements(db).setPin.run(pin?.hash ?? null, pin?.salt ?? null, id);
}

/** Records the count of wrong PINs in a row and until when entry is refused (null: not). */
export function setPinFailures(
  db: Db,
  id: number,
  failures: number,
  blockedUntil: number | null,
): void {
  statements(db).failures.run(failures, blockedUntil, id);
}

/** Marks a profile as just chosen. */
export function touchProfile(db: Db, id: number, now: number): void {
  statements(db).touch.run(now, id);
}

/**
 * The tables holding a learner's own rows, children first (the order they are deleted in).
 * `xapi_outbox` is not among them: statements already queued for the record store are the
 * institute's copy and stay (the outbox has no foreign keys for that reason).
 */
const OWN_ROWS: readonly (readonly [table: string, where: 'session' | 'learner'])[] = [
  ['quiz_item_parts', 'session'],
  ['quiz_items', 'session'],
  ['attempts', 'learner'],
  ['quiz_sessions', 'learner'],
  ['mastery', 'learner'],
  ['review_cards', 'learner'],
  ['misconception_counts', 'learner'],
  ['daily_activity', 'learner'],
];

/**
 * Deletes a profile and every row of its own (quizzes and their items and parts, attempts,
 * mastery, review cards, misconception counts, daily activity) in ONE transaction; returns how
 * many rows went from each table. A table added later that still points at the learner makes
 * the foreign-key check refuse the delete as a whole, so nothing is half-deleted.
 */
export function deleteProfile(db: Db, id: number): Record<string, number> {
  const sessions = statements(db).sessionsOf;
  const deleted: Record<string, number> = {};
  db.transaction(() => {
    for (const [table, where] of OWN_ROWS) {
      const condition =
        where === 'session' ? `session_id IN (${sessions})` : 'learner_id = @learner';
      // Table names come from the constant list above, never from input.
      deleted[table] = db.prepare(`DELETE FROM ${table} WHERE ${condition}`).run({
        learner: id,
      }).changes;
    }
    deleted.learners = db.prepare('DELETE FROM learners WHERE id = ?').run(id).changes;
  })();
  return deleted;
}
