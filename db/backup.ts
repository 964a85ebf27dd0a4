import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { backupsToKeep, defaultRetention, type RetentionPolicy } from '../core/backup-retention';
import type { Db } from './connection';
import { latestSchemaVersion, migrate, migrations, updateToVersion } from './migrations';

/** Why a backup was made; each kind has its own retention ({@link pruneBackups}). */
export type BackupKind = 'auto' | 'manual' | 'pre-restore';

export interface BackupInfo {
  readonly name: string;
  readonly kind: BackupKind;
  readonly createdAt: number;
  readonly bytes: number;
}

/** A backup could not be made or restored; the message says why, nothing was changed. */
export class BackupError extends Error {
  override name = 'BackupError';
}

const namePattern = /^deepdrill-(auto|manual|pre-restore)-(\d{8}T\d{6}\d{3}Z)\.db$/;

function stamp(now: number): string {
  return new Date(now)
    .toISOString()
    .replace(/[-:.]/g, '')
    .replace(/(\d{6})(\d{3})Z$/, '$1$2Z');
}

function parseStamp(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text)!;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]);
}

/** Backups in `dir`, newest first. Files that are not DeepDrill backups are ignored. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const m = namePattern.exec(name);
      if (!m) return [];
      return [
        {
          name,
          kind: m[1] as BackupKind,
          createdAt: parseStamp(m[2]),
          bytes: statSync(join(dir, name)).size,
        },
      ];
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Manual backups kept (newest first); older ones are deleted when a new backup is made. */
export const manualBackupsKept = 10;
/** Copies kept from before a restore (newest first). */
export const preRestoreBackupsKept = 5;

/** One schema object as SQLite stores it: `table quiz_items` → its SQL, whitespace folded. */
function schemaObjects(db: Database.Database): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL`,
    )
    .all() as { type: string; name: string; sql: string }[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, r.sql.replace(/\s+/g, ' ').trim()]));
}

const referenceSchemas = new Map<number, Map<string, string>>();

/** The schema a DeepDrill database at `version` has: a fresh one brought to that version. */
function referenceSchema(version: number): Map<string, string> | undefined {
  if (!migrations.some((m) => m.version === version)) return undefined;
  let schema = referenceSchemas.get(version);
  if (schema === undefined) {
    const fresh = new Database(':memory:');
    try {
      updateToVersion(fresh, version);
      schema = schemaObjects(fresh);
    } finally {
      fresh.close();
    }
    referenceSchemas.set(version, schema);
  }
  return schema;
}

/**
 * Why the file is not a good DeepDrill database, or null when it is: it opens, passes SQLite's
 * integrity check (`quick` for the check of a backup just made), has a schema version this
 * build knows, and every table, index and trigger of that version exactly (nothing missing,
 * nothing extra, nothing altered). Reads only; leaves no `-wal` or `-shm` file behind.
 */
export function checkDatabaseFile(file: string, check: 'quick' | 'full' = 'full'): string | null {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return `it cannot be opened (${(error as Error).message})`;
  }
  try {
    const pragma = check === 'quick' ? 'quick_check' : 'integrity_check';
    const result = (db.pragma(`${pragma}(10)`) as Record<string, string>[]).map(
      (row) => row[pragma],
    );
    if (result.length !== 1 || result[0] !== 'ok') return `it is damaged (${result.join('; ')})`;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      return `it comes from a newer DeepDrill (schema ${version}; this one knows up to ${latestSchemaVersion})`;
    }
    const expected = referenceSchema(version);
    if (expected === undefined) return `it is not a DeepDrill database (schema version ${version})`;
    const actual = schemaObjects(db);
    for (const [object, sql] of expected) {
      if (!actual.has(object)) return `it is not a DeepDrill database (no ${object})`;
      if (actual.get(object) !== sql) return `its ${object} is not DeepDrill's`;
    }
    for (const object of actual.keys()) {
      if (!expected.has(object)) return `it is not a DeepDrill database (unexpected ${object})`;
    }
    return null;
  } catch (error) {
    return `it cannot be read (${(error as Error).message})`;
  } finally {
    db.close();
    removeSidecars(file);
  }
}

/** Removes the `-wal` and `-shm` files SQLite may leave beside a closed, checkpointed file. */
function removeSidecars(file: string): void {
  for (const suffix of ['-shm', '-wal']) {
    const sidecar = file + suffix;
    if (existsSync(sidecar) && (suffix === '-shm' || statSync(sidecar).size === 0)) {
      rmSync(sidecar, { force: true });
    }
  }
}

/**
 * Applies the retention of every kind at `now`: automatic backups by the grandfather-father-son
 * policy, the newest {@link manualBackupsKept} manual and {@link preRestoreBackupsKept}
 * pre-restore ones; and clears debris: `.partial` files of interrupted backups and `-wal`/`-shm`
 * files without their backup. Returns the names deleted.
 */
export function pruneBackups(
  dir: string,
  now: number,
  policy: RetentionPolicy = defaultRetention,
): string[] {
  if (!existsSync(dir)) return [];
  const backups = listBackups(dir);
  const autos = backups.filter((b) => b.kind === 'auto');
  const keepAuto = new Set(
    backupsToKeep(
      autos.map((b) => b.createdAt),
      now,
      policy,
    ),
  );
  const doomed = [
    ...autos.filter((b) => !keepAuto.has(b.createdAt)),
    ...backups.filter((b) => b.kind === 'manual').slice(manualBackupsKept),
    ...backups.filter((b) => b.kind === 'pre-restore').slice(preRestoreBackupsKept),
  ].map((b) => b.name);
  const present = new Set(readdirSync(dir));
  for (const name of present) {
    const base = name.replace(/-(wal|shm)$/, '');
    if (name.endsWith('.partial') || (base !== name && !present.has(base))) doomed.push(name);
  }
  for (const name of doomed) {
    rmSync(join(dir, name), { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(join(dir, name + suffix), { force: true });
  }
  return doomed;
}

/**
 * Copies the live database to `dir` with SQLite's online backup API (consistent even while the
 * app writes), into a temporary name first, switched to a rollback journal (so opening the copy
 * later leaves no `-wal`/`-shm` files), checked, and renamed only when good — a crash never
 * leaves a half-written file that looks like a backup, and a damaged database is never stored
 * as if it were a good backup: `pre-restore` copies of one are kept as `deepdrill-damaged-…`
 * (never offered for restore), other kinds are refused. Then prunes old backups.
 */
export async function backupNow(
  db: Db,
  dir: string,
  now: number,
  kind: BackupKind,
  policy: RetentionPolicy = defaultRetention,
): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  let name = `deepdrill-${kind}-${stamp(now)}.db`;
  for (let n = 1; existsSync(join(dir, name)); n++) name = `deepdrill-${kind}-${stamp(now + n)}.db`;
  const partial = join(dir, `${name}.partial`);
  let problem: string | null;
  try {
    await db.backup(partial);
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    problem = checkDatabaseFile(partial, 'quick');
    if (problem === null) renameSync(partial, join(dir, name));
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`backup failed: ${(error as Error).message}`);
  }
  if (problem !== null) {
    if (kind === 'pre-restore') {
      name = `deepdrill-damaged-${stamp(now)}.db`;
      renameSync(partial, join(dir, name));
    } else {
      rmSync(partial, { force: true });
      throw new BackupError(
        `no backup was made: the database failed its check (${problem}). Restore a backup or run doctor.`,
      );
    }
  }
  pruneBackups(dir, now, policy);
  return { name, kind, createdAt: parseStamp(stamp(now)), bytes: statSync(join(dir, name)).size };
}

/**
 * Automatic backups: at most one per `minIntervalMs` (30 minutes), only when the database
 * changed since the last one (tracked with SQLite's `total_changes()` of this connection), then
 * prunes old automatic backups with the retention policy (dailies, weeklies, monthlies).
 */
export class AutoBackup {
  private lastChanges = -1;
  private lastAt = 0;

  constructor(
    private readonly db: Db,
    private readonly dir: string,
    private readonly minIntervalMs = 30 * 60_000,
    private readonly policy: RetentionPolicy = defaultRetention,
  ) {
    const newest = listBackups(dir).find((b) => b.kind === 'auto');
    if (newest) this.lastAt = newest.createdAt;
  }

  /** Makes a backup if one is due; returns it, or null when nothing was due. */
  async tick(now: number): Promise<BackupInfo | null> {
    const changes = this.db.prepare<[], number>('SELECT total_changes()').pluck().get() ?? 0;
    if (changes === this.lastChanges || changes === 0 || now - this.lastAt < this.minIntervalMs) {
      return null;
    }
    const info = await backupNow(this.db, this.dir, now, 'auto', this.policy);
    this.lastChanges = changes;
    this.lastAt = now;
    return info;
  }
}

/**
 * Replaces the live database's content with a backup, in place: checks the backup (a readable
 * DeepDrill database, integrity ok, not from a newer version), keeps a `pre-restore` copy of the
 * current database first, then copies the backup in with the online backup API and migrates it
 * if it is older. On any failure the current database is left as it was.
 */
export async function restoreBackup(
  db: Db,
  dbPath: string,
  dir: string,
  name: string,
  now: number,
): Promise<void> {
  if (!namePattern.test(name)) throw new BackupError(`"${name}" is not a DeepDrill backup name`);
  const file = join(dir, name);
  if (!existsSync(file)) throw new BackupError(`backup ${name} does not exist`);
  const problem = checkDatabaseFile(file);
  if (problem !== null) throw new BackupError(`backup ${name} cannot be restored: ${problem}`);
  let source: Database.Database;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`cannot open backup ${name}: ${(error as Error).message}`);
  }
  try {
    await backupNow(db, dir, now, 'pre-restore');
    db.pragma('wal_checkpoint(TRUNCATE)');
    await source.backup(dbPath);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`restore failed: ${(error as Error).message}`);
  } finally {
    source.close();
    removeSidecars(file);
  }
  migrate(db, dbPath);
}

/**
 * Recovery at start when the database failed its integrity check (the app has not opened it):
 * moves the damaged file (and its WAL) aside as `deepdrill-damaged-<time>.db`, never deleting
 * it, and copies the newest backup that passes {@link checkDatabaseFile} into place; damaged
 * backups on the way are skipped (and named in `skipped`). `used` is null when no backup is good
 * (then the app starts on a new database and the damaged file stays beside it).
 */
export function recoverFromLatestBackup(
  dbPath: string,
  dir: string,
  now: number,
): { readonly used: BackupInfo | null; readonly skipped: readonly string[] } {
  const aside = join(dirname(dbPath), `deepdrill-damaged-${stamp(now)}.db`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, aside + suffix);
  }
  const skipped: string[] = [];
  for (const backup of listBackups(dir)) {
    if (checkDatabaseFile(join(dir, backup.name)) === null) {
      copyFileSync(join(dir, backup.name), dbPath);
      return { used: backup, skipped };
    }
    skipped.push(backup.name);
  }
  return { used: null, skipped };
}
