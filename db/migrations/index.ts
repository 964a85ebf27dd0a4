import type Database from 'better-sqlite3';
import { migration0010 } from './0010-initial';
import { migration0020 } from './0020-answer-path';
import { migration0030 } from './0030-tutoring';
import { migration0040 } from './0040-xapi-outbox';
import { migration0050 } from './0050-bank-source';
import { migration0060 } from './0060-assignments';
import { migration0070 } from './0070-profiles';
import { migration0080 } from './0080-option-weights';
import { migration0090 } from './0090-streaks';
import type { Migration } from './types';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
  migration0090,
];

/** The schema version this build writes (`PRAGMA user_version`). */
export const latestSchemaVersion = migrations[migrations.length - 1].version;

/** The database was written by a newer DeepDrill; opening it could corrupt what that one wrote. */
export class DatabaseFromFutureError extends Error {
  override name = 'DatabaseFromFutureError';
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${file} was written by a newer DeepDrill (schema version ${found}; this version understands up to ${supported}). ` +
        'Update DeepDrill to open it; the file was not changed.',
    );
  }
}

/** Reads `PRAGMA user_version` without writing anything. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration in ONE transaction and sets `user_version` to the last one,
 * so a failure leaves the database exactly as it was. Returns the versions applied.
 */
export function migrate(db: Database.Database, file: string): number[] {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion) {
    throw new DatabaseFromFutureError(file, current, latestSchemaVersion);
  }
  return applyMigrations(
    db,
    migrations.filter((m) => m.version > current),
  );
}

/**
 * Runs `pending` in one transaction. Foreign keys are off meanwhile (SQLite's procedure for
 * rebuilding a table that others refer to: the pragma cannot change inside a transaction) and
 * checked before the commit, so a migration that would orphan a row fails as a whole.
 */
function applyMigrations(db: Database.Database, pending: readonly Migration[]): number[] {
  if (pending.length === 0) return [];
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) db.exec(migration.up);
      const orphan = db.pragma('foreign_key_check') as readonly { table: string }[];
      if (orphan.length > 0) {
        throw new Error(`migration left rows without their parent in ${orphan[0].table}`);
      }
      // PRAGMA user_version takes no parameters; the value is a number we control.
      db.pragma(`user_version = ${pending[pending.length - 1].version}`);
    })();
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
  return pending.map((m) => m.version);
}

/**
 * Brings a database to exactly schema version `version` (tests of one migration start from the
 * version before it, as Signal's migration tests do).
 */
export function updateToVersion(db: Database.Database, version: number): number[] {
  const current = schemaVersion(db);
  return applyMigrations(
    db,
    migrations.filter((m) => m.version > current && m.version <= version),
  );
}
