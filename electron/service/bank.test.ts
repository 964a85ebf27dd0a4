import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPack } from '../../db/bank/import';
import { badPacks, databaseBytes, samplePack, tempDir } from '../../db/bank/test-fixtures';
import { builtinPack } from '../../db/builtin';
import { openDatabase, type Db } from '../../db/connection';
import { startApp, type RunningApp } from '../bootstrap';
import type { AppInfo, ImportReport } from '../contract';
import { dispatch } from '../dispatch';
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

describe('importBank through dispatch: bank ids that belong to another bank', () => {
  const apps: RunningApp[] = [];
  afterEach(() => {
    for (const app of apps.splice(0)) app.stop();
  });

  async function call<T>(app: RunningApp, method: 'importBank' | 'getAppInfo', input: unknown) {
    const result = await dispatch(app.service, method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  }
  const importBank = (app: RunningApp, input: unknown) =>
    call<ImportReport>(app, 'importBank', input);
  const activeQuestions = async (app: RunningApp) =>
    (await call<AppInfo>(app, 'getAppInfo', undefined)).questionCount;

  for (const where of ['on the service thread', 'in the import worker'] as const) {
    const start = (): RunningApp => {
      const app = startApp({
        dbPath: join(tempDir(), 'app.db'),
        mode: 'browser',
        sweepIntervalMs: 60_000,
        ...(where === 'in the import worker' ? { importWorker: { kind: 'typescript' } } : {}),
      });
      apps.push(app);
      return app;
    };

    it(`refuses the built-in id, replace or not, ${where}; the built-in questions stay`, async () => {
      const app = start();
      // Seeded on first start: every built-in item is asked.
      expect(await activeQuestions(app)).toBe(builtinPack.items.length);
      const content = JSON.stringify({ ...samplePack(), id: 'deepdrill-core' });
      for (const replace of [undefined, true]) {
        const report = await importBank(app, { fileName: 'my-bank.json', content, replace });
        expect(report).toMatchObject({ ok: false, added: 0, retired: 0 });
        expect(report.problems).toEqual([
          {
            path: 'id',
            message: `"deepdrill-core" is the built-in bank's id; give your bank its own id`,
          },
        ]);
      }
      expect(await activeQuestions(app)).toBe(builtinPack.items.length);
    }, 60_000);

    it(`replaces a bank from another file only with replace: true, ${where}`, async () => {
      const app = start();
      const builtin = builtinPack.items.length;
      const week1 = JSON.stringify(samplePack());
      expect(await importBank(app, { fileName: 'week1.json', content: week1 })).toMatchObject({
        ok: true,
        added: 6,
      });
      const pack = samplePack();
      const copy = JSON.stringify({ ...pack, items: pack.items.slice(0, 2) });
      const refused = await importBank(app, { fileName: 'copy.json', content: copy });
      expect(refused.ok).toBe(false);
      expect(refused.problems[0].message).toMatch(
        /^bank "sample-bank" is already installed from the file "week1\.json", not "copy\.json"; to replace it with this file, import again with --replace/,
      );
      expect(await activeQuestions(app)).toBe(builtin + 6);
      // The normal update path: the same file name again, changed, without replace.
      const edited = samplePack();
      edited.items[0] = { ...edited.items[0], difficulty: 3 };
      expect(
        await importBank(app, { fileName: 'week1.json', content: JSON.stringify(edited) }),
      ).toMatchObject({ ok: true, added: 0, updated: 1, unchanged: 5, retired: 0 });
      // Replaced: copy.json's two items stay (the first back at difficulty 2), four retire.
      expect(
        await importBank(app, { fileName: 'copy.json', content: copy, replace: true }),
      ).toMatchObject({ ok: true, added: 0, updated: 1, unchanged: 1, retired: 4 });
      expect(await activeQuestions(app)).toBe(builtin + 2);
    }, 60_000);
  }

  it('rejects a replace field that is not a boolean as invalid input', async () => {
    const app = startApp({
      dbPath: join(tempDir(), 'app.db'),
      mode: 'browser',
      sweepIntervalMs: 60_000,
    });
    apps.push(app);
    const result = await dispatch(app.service, 'importBank', {
      fileName: 'week1.json',
      content: JSON.stringify(samplePack()),
      replace: 'yes',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
