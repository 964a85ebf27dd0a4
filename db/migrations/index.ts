import type Database from 'better-sqlite3';
import { migration0010 } from './0010-initial';
import type { Migration } from './types';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [migration0010];

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
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const migration of pending) db.exec(migration.up);
    // PRAGMA user_version takes no parameters; the value is a number we control.
    db.pragma(`user_version = ${pending[pending.length - 1].version}`);
  })();
  return pending.map((m) => m.version);
}
