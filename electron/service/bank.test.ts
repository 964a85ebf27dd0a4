import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPack } from '../../db/bank/import';
import { badPacks, databaseBytes, samplePack, tempDir } from '../../db/bank/test-fixtures';
import { openDatabase, type Db } from '../../db/connection';
import { bankUseCases } from './bank';
import type { ServiceDeps } from './deps';

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

function service(options: { hideImport?: boolean; file?: string } = {}) {
  const file = options.file ?? join(tempDir(), 'app.db');
  const db = openDatabase(file);
  dbs.push(db);
  const deps: ServiceDeps = {
    db,
    clock: { now: () => 1_700_000_000_000 },
    nextSeed: () => 7,
    learnerId: 1,
    dbPath: file,
    mode: 'browser',
    version: '0.0.0-test',
    productName: 'DeepDrill',
    lockdown: { hideImport: options.hideImport ?? false, examOnly: false, fixedMsqRule: null },
  };
  return { api: bankUseCases(deps), db, file };
}

const idOf = (db: Db, itemId: string): number =>
  db.prepare('SELECT id FROM questions WHERE item_id = ?').pluck().get(itemId) as number;

describe('importBank', () => {
  it('imports a pack file and reports the counts', async () => {
    const { api, db } = service();
    const report = await api.importBank({
      fileName: 'sample.json',
      content: JSON.stringify(samplePack()),
    });
    expect(report).toMatchObject({ ok: true, bankId: 'sample-bank', added: 6, problems: [] });
    expect(
      db.prepare('SELECT imported_at FROM banks WHERE id = ?').pluck().get('sample-bank'),
    ).toBe(1_700_000_000_000);
  });

  it(
    'reports bad files as problems, never throws, and leaves the database unchanged',
    { timeout: 120_000 },
    async () => {
      const file = join(tempDir(), 'app.db');
      const seed = service({ file });
      importPack(seed.db, samplePack());
      seed.db.close();
      const before = databaseBytes(file);
      for (const bad of badPacks.slice(0, 12)) {
        const { api, db } = service({ file });
        const report = await api.importBank({ fileName: 'bad.json', content: bad.text() });
        expect(report.ok, bad.name).toBe(false);
        expect(report.added + report.updated + report.unchanged, bad.name).toBe(0);
        expect(
          report.problems.map((p) => p.path),
          bad.name,
        ).toContain(bad.path);
        db.close();
        expect(databaseBytes(file), bad.name).toEqual(before);
      }
    },
  );

  it('is forbidden when the installation hides import', async () => {
    const { api } = service({ hideImport: true });
    await expect(
      api.importBank({ fileName: 'x.json', content: JSON.stringify(samplePack()) }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('listQuestions and previewQuestion', () => {
  it('pages through the bank with the template title for stem-less template items', async () => {
    const { api, db } = service();
    importPack(db, samplePack());
    const page = await api.listQuestions({ search: '', type: 'template', limit: 50, offset: 0 });
    expect(page.total).toBe(2);
    expect(page.items[1].summary).not.toMatch(/^template /);
    expect(page.items[1].summary.length).toBeGreaterThan(0);
  });

  it('previews a choice item as the learner sees it: no key, feedback or misconception', async () => {
    const { api, db } = service();
    importPack(db, samplePack());
    const preview = await api.previewQuestion({ questionId: idOf(db, 'bn-test-time') });
    expect(preview.item).toMatchObject({
      itemId: 'bn-test-time',
      type: 'mcq',
      topicTitle: 'Normalisation',
    });
    expect(preview.view).toMatchObject({
      kind: 'mcq',
      fromTemplate: false,
      feedback: null,
      response: null,
    });
    expect(preview.view.options).toEqual([
      // Stored order, under opaque ids that say nothing about the key.
      { id: 'o1', text: 'the current test batch' },
      { id: 'o2', text: 'running averages collected during training' },
      { id: 'o3', text: 'a single test sample' },
    ]);
    const wire = JSON.stringify(preview);
    for (const secret of [
      'Right: fixed at inference',
      'bn-test-batch',
      'running mean and variance',
      '"correct"',
    ]) {
      expect(wire).not.toContain(secret);
    }
  });

  it('previews a numeric item with its answer format and no key', async () => {
    const { api, db } = service();
    importPack(db, samplePack());
    const preview = await api.previewQuestion({ questionId: idOf(db, 'tconv-out') });
    expect(preview.view).toMatchObject({
      kind: 'numeric',
      options: [],
      answerFormat: 'comma-separated',
    });
    expect(JSON.stringify(preview)).not.toContain('[1,1,2,2]');
  });

  it('previews a template item as its seed-0 variant, intro first, without the key', async () => {
    const { api, db } = service();
    importPack(db, samplePack());
    const numeric = await api.previewQuestion({ questionId: idOf(db, 'conv-size-numeric') });
    expect(numeric.view).toMatchObject({ kind: 'numeric', fromTemplate: true, feedback: null });
    expect(numeric.view.stem.startsWith('Mind the padding.\n\n')).toBe(true);
    const mcq = await api.previewQuestion({ questionId: idOf(db, 'conv-size-mcq') });
    expect(mcq.view.kind).toBe('mcq');
    expect(mcq.view.options).toHaveLength(4);
    for (const option of mcq.view.options)
      expect(Object.keys(option).sort()).toEqual(['id', 'text']);
    const again = await api.previewQuestion({ questionId: idOf(db, 'conv-size-mcq') });
    expect(again.view).toEqual(mcq.view);
  });

  it('reports an unknown question as not found', async () => {
    const { api } = service();
    await expect(api.previewQuestion({ questionId: 424_242 })).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
