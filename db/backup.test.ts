import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AutoBackup,
  BackupError,
  backupNow,
  checkDatabaseFile,
  listBackups,
  manualBackupsKept,
  preRestoreBackupsKept,
  recoverFromLatestBackup,
  restoreBackup,
} from './backup';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase } from './connection';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'deepdrill-backup-'));
  const dbPath = join(dir, 'live.db');
  const db = openDatabase(dbPath);
  const setTheme = (value: string) =>
    db
      .prepare(
        `INSERT INTO settings (key, value) VALUES ('theme', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(value);
  const theme = () => db.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get();
  return { dir, dbPath, db, setTheme, theme, backups: join(dir, 'backups') };
}

const t0 = Date.UTC(2026, 10, 27, 9, 0, 0);

describe('backups', () => {
  it('backup then restore brings the old content back in the live connection and keeps a pre-restore copy', async () => {
    const { db, dbPath, setTheme, theme, backups } = setup();
    setTheme('dark');
    const saved = await backupNow(db, backups, t0, 'manual');
    setTheme('light');
    await restoreBackup(db, dbPath, backups, saved.name, t0 + 60_000);
    expect(theme()).toBe('dark');
    const kinds = listBackups(backups).map((b) => b.kind);
    expect(kinds).toEqual(['pre-restore', 'manual']);
    // The pre-restore copy holds what was there before the restore.
    const pre = listBackups(backups)[0];
    await restoreBackup(db, dbPath, backups, pre.name, t0 + 120_000);
    expect(theme()).toBe('light');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a damaged or foreign backup and leaves the live database as it was', async () => {
    const { db, dbPath, setTheme, theme, backups } = setup();
    setTheme('dark');
    await backupNow(db, backups, t0, 'manual');
    const bogus = 'deepdrill-manual-20261127T100000000Z.db';
    writeFileSync(join(backups, bogus), 'not sqlite at all'.repeat(500));
    await expect(restoreBackup(db, dbPath, backups, bogus, t0)).rejects.toThrow(BackupError);
    await expect(restoreBackup(db, dbPath, backups, '../live.db', t0)).rejects.toThrow(
      /not a DeepDrill backup name/,
    );
    expect(theme()).toBe('dark');
    expect(listBackups(backups).filter((b) => b.kind === 'pre-restore')).toHaveLength(0);
  });

  it('automatic backups: only when something changed, at most every 30 minutes', async () => {
    const { db, setTheme, backups } = setup();
    const auto = new AutoBackup(db, backups);
    expect(await auto.tick(t0)).toBeNull(); // nothing written yet on this connection
    setTheme('dark');
    expect(await auto.tick(t0)).not.toBeNull();
    setTheme('light');
    expect(await auto.tick(t0 + 10 * 60_000)).toBeNull(); // too soon
    expect(await auto.tick(t0 + 31 * 60_000)).not.toBeNull();
    expect(await auto.tick(t0 + 90 * 60_000)).toBeNull(); // no change since
    // Two backups on one day: the rotation keeps the newer one of that day.
    const kept = listBackups(backups);
    expect(kept).toHaveLength(1);
    expect(kept[0].createdAt).toBe(t0 + 31 * 60_000);
  });

  it('prunes automatic backups to the retention policy over a year of daily use', async () => {
    const { db, setTheme, backups } = setup();
    const auto = new AutoBackup(db, backups);
    const day = 86_400_000;
    for (let d = 0; d < 400; d += 3) {
      setTheme(d % 2 ? 'dark' : 'light');
      await auto.tick(t0 + d * day);
    }
    const kept = listBackups(backups);
    expect(kept.length).toBeLessThanOrEqual(27);
    expect(kept.length).toBeGreaterThanOrEqual(12);
    // The oldest kept backup is about a year old, not older than 13 months.
    const oldest = kept[kept.length - 1].createdAt;
    const newest = kept[0].createdAt;
    expect((newest - oldest) / day).toBeGreaterThan(300);
    expect((newest - oldest) / day).toBeLessThan(400);
  });
});

describe('recovery at start', () => {
  it('moves the damaged database aside (never deletes it) and puts the newest backup in place', async () => {
    const { db, dbPath, dir, setTheme, backups } = setup();
    setTheme('dark');
    await backupNow(db, backups, t0, 'auto');
    db.close();
    writeFileSync(dbPath, 'damaged');
    const { used } = recoverFromLatestBackup(dbPath, backups, t0 + 1000);
    expect(used?.kind).toBe('auto');
    const reopened = openDatabase(dbPath);
    expect(reopened.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get()).toBe(
      'dark',
    );
    reopened.close();
    const damaged = readdirSync(dir).filter((name) => name.startsWith('deepdrill-damaged-'));
    expect(damaged).toHaveLength(1);
  });

  it('without any backup, keeps the damaged file aside and leaves room for a new database', () => {
    const { db, dbPath, dir } = setup();
    db.close();
    expect(recoverFromLatestBackup(dbPath, join(dir, 'no-backups'), t0).used).toBeNull();
    expect(existsSync(dbPath)).toBe(false);
    expect(readdirSync(dir).some((name) => name.startsWith('deepdrill-damaged-'))).toBe(true);
  });
});

/** A backup file whose pages past the schema were overwritten (a bad sector, a torn copy). */
function damage(file: string): void {
  const bytes = readFileSync(file);
  bytes.fill(0x5a, 4096 * 3, Math.min(bytes.length, 4096 * 12));
  writeFileSync(file, bytes);
}

describe('backups are verified', () => {
  it('recovery skips a damaged newest backup and uses the newest good one', async () => {
    const { db, dbPath, setTheme, backups } = setup();
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 400; i++) insert.run(`filler-${i}`, 'x'.repeat(100));
    setTheme('older');
    await backupNow(db, backups, t0, 'auto');
    setTheme('newer');
    const newest = await backupNow(db, backups, t0 + 86_400_000, 'auto');
    db.close();
    damage(join(backups, newest.name));
    writeFileSync(dbPath, 'damaged');
    const { used, skipped } = recoverFromLatestBackup(dbPath, backups, t0 + 2 * 86_400_000);
    expect(skipped).toEqual([newest.name]);
    expect(used?.createdAt).toBe(t0);
    const reopened = openDatabase(dbPath);
    expect(reopened.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get()).toBe(
      'older',
    );
    reopened.close();
  });

  it('refuses to restore a file that is a SQLite database but not a whole DeepDrill schema', async () => {
    const { db, dbPath, dir, setTheme, theme, backups } = setup();
    setTheme('dark');
    const good = await backupNow(db, backups, t0, 'manual');
    // The old check passed anything with a table called attempts and a known user_version.
    const bogus = 'deepdrill-manual-20261127T110000000Z.db';
    const fake = new Database(join(backups, bogus));
    fake.exec('CREATE TABLE attempts (id INTEGER PRIMARY KEY)');
    fake.pragma(`user_version = ${db.pragma('user_version', { simple: true }) as number}`);
    fake.close();
    await expect(restoreBackup(db, dbPath, backups, bogus, t0)).rejects.toThrow(
      /cannot be restored: it is not a DeepDrill database \(no /,
    );
    // A table altered behind DeepDrill's back is refused as well.
    const altered = join(dir, 'altered.db');
    copyFileSync(join(backups, good.name), altered);
    const edit = new Database(altered);
    edit.exec('ALTER TABLE settings ADD COLUMN extra TEXT');
    edit.close();
    expect(checkDatabaseFile(altered)).toMatch(/its table settings is not DeepDrill's/);
    expect(checkDatabaseFile(join(backups, good.name))).toBeNull();
    expect(theme()).toBe('dark');
  });

  it('does not store a damaged database as a backup, and leaves no debris', async () => {
    const { db, dbPath, backups } = setup();
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 400; i++) insert.run(`filler-${i}`, 'x'.repeat(100));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    damage(dbPath);
    const broken = new Database(dbPath);
    await expect(backupNow(broken, backups, t0, 'manual')).rejects.toThrow(
      /no backup was made: the database failed its check/,
    );
    // Before a restore the copy is still kept, but as damaged, never offered as a backup.
    const kept = await backupNow(broken, backups, t0, 'pre-restore');
    broken.close();
    expect(kept.name).toMatch(/^deepdrill-damaged-/);
    expect(listBackups(backups)).toEqual([]);
    expect(readdirSync(backups)).toEqual([kept.name]);
  });

  it('keeps a bounded number of manual and pre-restore backups and clears interrupted ones', async () => {
    const { db, setTheme, backups } = setup();
    setTheme('dark');
    for (let i = 0; i < manualBackupsKept + 4; i++) {
      await backupNow(db, backups, t0 + i * 60_000, 'manual');
    }
    for (let i = 0; i < preRestoreBackupsKept + 3; i++) {
      await backupNow(db, backups, t0 + i * 60_000, 'pre-restore');
    }
    writeFileSync(join(backups, 'deepdrill-manual-20260101T000000000Z.db.partial'), 'half');
    writeFileSync(join(backups, 'deepdrill-auto-20250101T000000000Z.db-wal'), '');
    const newest = await backupNow(db, backups, t0 + 3_600_000, 'manual');
    const kinds = listBackups(backups).map((b) => b.kind);
    expect(kinds.filter((k) => k === 'manual')).toHaveLength(manualBackupsKept);
    expect(kinds.filter((k) => k === 'pre-restore')).toHaveLength(preRestoreBackupsKept);
    expect(listBackups(backups)[0].name).toBe(newest.name);
    // Only backups remain: no .partial, no -wal/-shm (a backup is a closed rollback-journal file).
    expect(
      readdirSync(backups).every((name) => /^deepdrill-[a-z-]+-\d{8}T\d{9}Z\.db$/.test(name)),
    ).toBe(true);
    expect(checkDatabaseFile(join(backups, newest.name))).toBeNull();
    expect(readdirSync(backups).some((name) => /-(wal|shm)$/.test(name))).toBe(false);
  });
});
