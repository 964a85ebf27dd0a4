import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deferCheckpoints } from '../db/checkpoint';
import { openDatabase } from '../db/connection';
import { idleMaintenance, youngGarbageThreshold, youngGenerationUsed } from './idle';

describe('idle maintenance between a learner’s actions', () => {
  it('checkpoints and rewinds the WAL, and collects the young generation’s garbage', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'deepdrill-idle-')), 'i.db'));
    deferCheckpoints(db);
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 10; i++) insert.run(`k${i}`, 'v');
    // Short-lived garbage well above the threshold, as a quiz start's rows and views leave.
    // Allocated until the young generation holds 2 MB (a scavenge may land while allocating).
    let sink = 0;
    let i = 0;
    do {
      for (let j = 0; j < 1000; j++) sink += { i, text: `row ${i} ${j}` }.text.length;
      i++;
    } while (i < 10_000 && (i < 40 || youngGenerationUsed() < 2 * 1024 * 1024));
    expect(sink).toBeGreaterThan(0);
    const before = youngGenerationUsed();
    expect(before).toBeGreaterThan(youngGarbageThreshold);
    const work = idleMaintenance(db);
    expect(work.collected).toBe(true);
    // The garbage is gone; what survives (the test runner's own live objects, copied once
    // within the young generation) is a fraction of it.
    expect(youngGenerationUsed()).toBeLessThan(before / 2);
    expect(work.checkpoint.checkpointed).toBe(work.checkpoint.walPages);
    expect(work.checkpoint.rewound).toBe(true);
    // Nothing new since: the next tick neither writes nor collects.
    expect(idleMaintenance(db)).toEqual({
      checkpoint: { walPages: 1, checkpointed: 1, rewound: false },
      collected: false,
    });
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(10);
    db.close();
  });
});
