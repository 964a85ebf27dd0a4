import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPack } from '../db/bank/import';
import { samplePack, syntheticPack } from '../db/bank/test-fixtures';
import { deferCheckpoints } from '../db/checkpoint';
import { openDatabase, type Db } from '../db/connection';
import { prepareSearchIndex, searchIndexRowsFolded } from '../db/queries/bank-search';
import { startApp } from './bootstrap';
import { idleMaintenance, youngGarbageThreshold, youngGenerationUsed } from './idle';

describe('idle maintenance between a learner’s actions', () => {
  it('checkpoints and rewinds the WAL, and collects the young generation’s garbage', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'deepdrill-idle-')), 'i.db'));
    deferCheckpoints(db);
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 10; i++) insert.run(`k${i}`, 'v');
    // Two scavenges first promote what loading this file's modules left in the young
    // generation, so what follows sees this test's garbage only.
    idleMaintenance(db);
    idleMaintenance(db);
    insert.run('k10', 'v');
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
      // No question in this database: the (empty) search index is ready at once.
      searchReady: true,
    });
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(11);
    db.close();
  });
});

/** A bank of `count` generated questions, written to a new database file that is then closed. */
function bigBankDatabase(count: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'deepdrill-idle-search-')), 'big.db');
  const db = openDatabase(file);
  expect(importPack(db, syntheticPack(count, 'big')).ok).toBe(true);
  db.close();
  return file;
}

/** Waits (polling, not timing anything) until the idle slices have made the index ready. */
async function untilSearchReady(db: Db): Promise<void> {
  // A zero budget only asks: it folds nothing.
  for (let i = 0; i < 3000 && !prepareSearchIndex(db, 0); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(prepareSearchIndex(db, 0)).toBe(true);
}

/** A two-question bank whose stems share a word that the big bank never uses. */
const laterBank = (id: string, word: string) =>
  JSON.stringify({
    ...samplePack(),
    id,
    title: `Later bank ${id}`,
    topics: [{ id: `${id}-topic`, title: 'Arrived later' }],
    items: [0, 1].map((n) => ({
      ...samplePack().items[0],
      id: `${id}-${n}`,
      topic: `${id}-topic`,
      stem: `The ${word} question number ${n}.`,
    })),
  });

describe('the bank search index in idle time', () => {
  it('is built after start and after an import, so a search folds nothing and finds what is new', async () => {
    const count = 20_000;
    const app = startApp({
      dbPath: bigBankDatabase(count),
      mode: 'browser',
      includeBuiltinBank: false,
      sweepIntervalMs: 25,
    });
    const search = (text: string) =>
      app.service.listQuestions({ search: text, limit: 50, offset: 0 });
    try {
      // No search has run: whatever was folded, idle time folded.
      await untilSearchReady(app.db);
      const folded = searchIndexRowsFolded(app.db);
      expect(folded).toBeGreaterThanOrEqual(count);

      // Stems read "Question i: …", so "question 1234:" is q1234 alone; tags are
      // ["synthetic", "group-(i mod 7)"], and i ≡ 3 (mod 7) for i = 3, 10, …, 19 995 (3 + 7·2 856): 2 857 items.
      const first = await search('Question 1234:');
      expect(first.items.map((i) => i.itemId)).toEqual(['q1234']);
      expect((await search('group-3')).total).toBe(2857);
      expect(searchIndexRowsFolded(app.db)).toBe(folded);

      // Right after an import, before any idle tick: the search rebuilds rather than miss it.
      const report = await app.service.importBank({
        fileName: 'later-a.json',
        content: laterBank('later-a', 'zeugma'),
      });
      expect(report.ok).toBe(true);
      const now = await search('zeugma');
      expect(now.items.map((i) => i.itemId)).toEqual(['later-a-0', 'later-a-1']);
      expect(searchIndexRowsFolded(app.db)).toBeGreaterThanOrEqual(folded + count + 2);

      // After an import and idle time: ready again, the search folds nothing and finds it.
      expect(
        (
          await app.service.importBank({
            fileName: 'later-b.json',
            content: laterBank('later-b', 'anaphora'),
          })
        ).ok,
      ).toBe(true);
      await untilSearchReady(app.db);
      const afterImport = searchIndexRowsFolded(app.db);
      const found = await search('ANAPHORA');
      expect(found.items.map((i) => i.itemId)).toEqual(['later-b-0', 'later-b-1']);
      expect((await search('zeugma')).total).toBe(2);
      expect(searchIndexRowsFolded(app.db)).toBe(afterImport);
    } finally {
      app.stop();
    }
  }, 120_000);
});
