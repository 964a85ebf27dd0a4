import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { quickCheckInWorker } from './startup-check';

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
