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
import { latestSchemaVersion, migrate } from './migrations';

/** Why a backup was made. Only `auto` backups are pruned by the retention policy. */
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

/**
 * Copies the live database to `dir` with SQLite's online backup API (consistent even while the
 * app writes), into a temporary name first and renamed when complete, so a crash never leaves
 * a half-written file that looks like a backup.
 */
export async function backupNow(
  db: Db,
  dir: string,
  now: number,
  kind: BackupKind,
): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  let name = `deepdrill-${kind}-${stamp(now)}.db`;
  for (let n = 1; existsSync(join(dir, name)); n++) name = `deepdrill-${kind}-${stamp(now + n)}.db`;
  const partial = join(dir, `${name}.partial`);
  try {
    await db.backup(partial);
    renameSync(partial, join(dir, name));
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`backup failed: ${(error as Error).message}`);
  }
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
    const info = await backupNow(this.db, this.dir, now, 'auto');
    this.lastChanges = changes;
    this.lastAt = now;
    const autos = listBackups(this.dir).filter((b) => b.kind === 'auto');
    const keep = new Set(
      backupsToKeep(
        autos.map((b) => b.createdAt),
        now,
        this.policy,
      ),
    );
    for (const old of autos)
      if (!keep.has(old.createdAt)) rmSync(join(this.dir, old.name), { force: true });
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
  let source: Database.Database;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`cannot open backup ${name}: ${(error as Error).message}`);
  }
  try {
    const integrity = source.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new BackupError(`backup ${name} is damaged (${String(integrity)})`);
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      throw new BackupError(`backup ${name} comes from a newer DeepDrill (schema ${version})`);
    }
    const hasAttempts = source
      .prepare(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'attempts'`)
      .pluck()
      .get();
    if (hasAttempts !== 1) throw new BackupError(`${name} is not a DeepDrill database`);
    await backupNow(db, dir, now, 'pre-restore');
    db.pragma('wal_checkpoint(TRUNCATE)');
    await source.backup(dbPath);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`restore failed: ${(error as Error).message}`);
  } finally {
    source.close();
  }
  migrate(db, dbPath);
}

/**
 * Recovery at start when the database failed its integrity check (the app has not opened it):
 * moves the damaged file (and its WAL) aside as `deepdrill-damaged-<time>.db`, never deleting
 * it, and copies the newest backup into place. Returns the backup used, or null when there is
 * none (then the app starts on a new database and the damaged file stays beside it).
 */
export function recoverFromLatestBackup(
  dbPath: string,
  dir: string,
  now: number,
): BackupInfo | null {
  const aside = join(dirname(dbPath), `deepdrill-damaged-${stamp(now)}.db`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, aside + suffix);
  }
  const latest = listBackups(dir)[0];
  if (latest === undefined) return null;
  copyFileSync(join(dir, latest.name), dbPath);
  return latest;
}
