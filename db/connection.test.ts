import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase, transactionWithoutFsync } from './connection';
import { DatabaseFromFutureError, latestSchemaVersion } from './migrations';

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'deepdrill-db-')), name);

describe('openDatabase', () => {
  it('creates and migrates a new file with the minimum tables as STRICT tables', () => {
    const db = openDatabase(tempFile('new.db'));
    const tables = db
      .prepare(
        `SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'`,
      )
      .all() as { name: string; strict: number }[];
    const byName = new Map(tables.map((t) => [t.name, t.strict]));
    for (const required of ['topics', 'questions', 'attempts', 'quiz_sessions', 'mastery']) {
      expect(byName.get(required), required).toBe(1);
    }
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('gives attempts an integer primary key', () => {
    const db = openDatabase(tempFile('pk.db'));
    const pk = db
      .prepare(`SELECT name, type FROM pragma_table_info('attempts') WHERE pk = 1`)
      .get();
    expect(pk).toEqual({ name: 'id', type: 'INTEGER' });
    db.close();
  });

  it('reopening an up-to-date database applies nothing and keeps the data', () => {
    const file = tempFile('again.db');
    const first = openDatabase(file);
    first.prepare(`INSERT INTO settings (key, value) VALUES ('theme', 'dark')`).run();
    first.close();
    const second = openDatabase(file);
    expect(second.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get()).toBe(
      'dark',
    );
    second.close();
  });

  it('refuses a database from a newer version and leaves the file byte-for-byte unchanged', () => {
    const file = tempFile('future.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x INTEGER)');
    raw.pragma(`user_version = ${latestSchemaVersion + 10}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseFromFutureError);
    expect(() => openDatabase(file)).toThrow(/newer DeepDrill.*schema version/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database with a clear message and does not modify it', () => {
    const file = tempFile('notes.db');
    writeFileSync(file, 'these are my lecture notes, not a database\n'.repeat(100));
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file)).toThrow(/not a DeepDrill database/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rolls back every migration when one fails, leaving user_version at 0', () => {
    // A pre-existing table with a migration's name makes the migration fail half-way.
    const file = tempFile('clash.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE learners (x INTEGER)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/learners/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    const names = check
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
      .pluck()
      .all();
    expect(names).toEqual(['learners']);
    check.close();
  });
});

describe('transactionWithoutFsync', () => {
  it('commits atomically and restores synchronous = FULL afterwards, also on error', () => {
    const db = openDatabase(tempFile('relaxed.db'));
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    transactionWithoutFsync(db, () => {
      insert.run('a', '1');
      insert.run('b', '2');
    });
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(() =>
      transactionWithoutFsync(db, () => {
        insert.run('c', '3');
        insert.run('a', 'duplicate'); // primary key clash: the whole transaction rolls back
      }),
    ).toThrow(/UNIQUE/);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.prepare('SELECT key FROM settings ORDER BY key').pluck().all()).toEqual(['a', 'b']);
    db.close();
  });
});
