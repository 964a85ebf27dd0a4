import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointIdle, deferCheckpoints } from './checkpoint';
import { openDatabase } from './connection';

describe('deferred WAL checkpoints', () => {
  it('lets the WAL grow past SQLite’s default 1000 pages until an idle checkpoint copies it', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'deepdrill-ckpt-')), 'c.db'));
    deferCheckpoints(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    // ~1500 commits of one 4 KiB-ish row each: well past the default threshold.
    for (let i = 0; i < 1500; i++) insert.run(`k${i}`, 'x'.repeat(3000));
    const before = checkpointIdle(db);
    expect(before.walPages).toBeGreaterThan(1000);
    expect(before.checkpointed).toBe(before.walPages);
    // Nothing is lost by checkpointing: every row is still there.
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(1500);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
