import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { backupNow } from '../db/backup';
import { checkAtStartup, quickCheckInWorker } from './startup-check';

const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');

describe('start-up integrity check (worker thread)', () => {
  it('reports ok for a healthy database', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deepdrill-check-')), 'ok.db');
    openDatabase(file).close();
    expect(await quickCheckInWorker(file, sqlite)).toBe('ok');
  });

  it('reports damage in a database whose pages were overwritten', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deepdrill-check-')), 'bad.db');
    const db = openDatabase(file);
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 2000; i++) insert.run(`key-${i}`, 'x'.repeat(50));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    // Scribble over the middle of the file, past the header and schema pages.
    bytes.fill(0x5a, 4096 * 8, 4096 * 14);
    writeFileSync(file, bytes);
    const result = await quickCheckInWorker(file, sqlite);
    expect(result).not.toBe('ok');
  });

  it('says why when the file cannot be opened', async () => {
    const result = await quickCheckInWorker('/nonexistent/deepdrill.db', sqlite);
    expect(result).toMatch(/^cannot open/);
  });
});

describe('the start-up check shared by the desktop app and browser mode', () => {
  it('asks, then moves a damaged database aside and puts the newest good backup in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deepdrill-check-'));
    const dbPath = join(dir, 'deepdrill.db');
    const backupDir = join(dir, 'backups');
    const db = openDatabase(dbPath);
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 2000; i++) insert.run(`key-${i}`, 'x'.repeat(50));
    const backup = await backupNow(db, backupDir, Date.UTC(2026, 11, 1), 'auto');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(dbPath);
    bytes.fill(0x5a, 4096 * 8, 4096 * 14);
    writeFileSync(dbPath, bytes);
    const base = { dbPath, backupDir, sqliteModule: sqlite, now: () => Date.UTC(2026, 11, 2) };

    const asked: string[] = [];
    const declined = await checkAtStartup({
      ...base,
      confirmRecovery: (problem) => (asked.push(problem), Promise.resolve(false)),
    });
    expect(declined.status).toBe('declined');
    expect(asked).toHaveLength(1);
    expect(readFileSync(dbPath).equals(bytes)).toBe(true); // untouched when the learner says no

    const recovered = await checkAtStartup({
      ...base,
      confirmRecovery: () => Promise.resolve(true),
    });
    expect(recovered).toMatchObject({
      status: 'recovered',
      used: { name: backup.name },
      skipped: [],
    });
    expect(await quickCheckInWorker(dbPath, sqlite)).toBe('ok');
    const reopened = openDatabase(dbPath);
    expect(reopened.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(2000);
    reopened.close();
    expect(
      await checkAtStartup({
        ...base,
        confirmRecovery: () => Promise.reject(new Error('not asked')),
      }),
    ).toEqual({
      status: 'ok',
    });
  });
});
