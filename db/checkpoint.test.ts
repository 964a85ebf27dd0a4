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

  it('rewinds an emptied WAL in idle time, so the next commit appends instead of restarting it', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'deepdrill-ckpt-')), 'r.db'));
    deferCheckpoints(db);
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 20; i++) insert.run(`k${i}`, 'v');
    const first = checkpointIdle(db);
    expect(first.checkpointed).toBe(first.walPages);
    expect(first.rewound).toBe(true);
    // The rewind left exactly one frame; an idle tick with nothing new writes nothing more.
    const idle = checkpointIdle(db);
    expect(idle).toEqual({ walPages: 1, checkpointed: 1, rewound: false });
    // A learner's next commit lands after that frame (frame 2): the log was not restarted by it.
    insert.run('answer', 'saved');
    expect(checkpointIdle(db).walPages).toBe(2);
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(21);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
