import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { listTemplates } from '../../core/templates';
import { openDatabase, type Db } from '../connection';
import { loadQuestion, listQuestionIds } from '../queries/questions';
import { exportPack } from './export';
import { builtinPack } from '../builtin';
import { ensureBuiltinBank } from './builtin';
import { importPack, sourceFileName } from './import';
import { bankPackSchema, type BankItemInput, type BankPackInput } from './schema';
import { databaseBytes, samplePack, syntheticPack, tempDir, tutoringPack } from './test-fixtures';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
console.log(`bank import round-trip properties: fast-check seed ${seed}`);

const open: Db[] = [];
function freshDb(name = 'bank.db'): { db: Db; file: string } {
  const file = join(tempDir(), name);
  const db = openDatabase(file);
  open.push(db);
  return { db, file };
}
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

const count = (db: Db, sql: string, ...params: unknown[]): number =>
  db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

const questionId = (db: Db, itemId: string): number =>
  count(db, 'SELECT id FROM questions WHERE item_id = ?', itemId);

describe('importPack', () => {
  it('imports a new bank and exports it back equal to the parsed pack', () => {
    const { db } = freshDb();
    const report = importPack(db, samplePack(), { now: 1000 });
    expect(report).toEqual({
      ok: true,
      bankId: 'sample-bank',
      added: 6,
      updated: 0,
      unchanged: 0,
      retired: 0,
      problems: [],
    });
    expect(exportPack(db, 'sample-bank')).toEqual(bankPackSchema.parse(samplePack()));
    expect(count(db, 'SELECT count(*) FROM question_versions WHERE created_at = 1000')).toBe(6);
  });

  it('stores what the quiz engine and review read: options with key, numeric key, template', () => {
    const { db } = freshDb();
    importPack(db, samplePack());
    const mcq = loadQuestion(db, questionId(db, 'bn-test-time'));
    expect(mcq?.options.map((o) => [o.id, o.correct])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
    expect(mcq?.options[0].misconception).toEqual({
      id: 'bn-test-batch',
      label: 'Uses test-batch statistics',
    });
    const vector = loadQuestion(db, questionId(db, 'tconv-out'));
    expect(vector?.numeric).toEqual({ value: [1, 1, 2, 2], tolerance: { abs: 0.001, rel: 0.01 } });
    expect(vector?.answerFormat).toBe('comma-separated');
    const template = loadQuestion(db, questionId(db, 'conv-size-numeric'));
    expect(template?.template).toEqual({
      id: 'conv-output-size',
      form: 'numeric',
      params: { level: 2 },
    });
    expect(template?.explanation).toBeNull();
    const raw = db
      .prepare(
        `SELECT tags, numeric_value, template_params FROM question_versions v
         JOIN questions q ON q.id = v.question_id WHERE q.item_id IN ('tconv-out', 'conv-size-numeric')
         ORDER BY q.id`,
      )
      .all();
    expect(raw).toEqual([
      {
        tags: '["transposed-conv","upsampling"]',
        numeric_value: '[1,1,2,2]',
        template_params: null,
      },
      { tags: '["conv"]', numeric_value: null, template_params: '{"level":2}' },
    ]);
  });

  it('re-importing the same pack changes nothing', () => {
    const { db } = freshDb();
    importPack(db, samplePack());
    const report = importPack(db, samplePack());
    expect(report).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: 6, retired: 0 });
    expect(count(db, 'SELECT count(*) FROM question_versions')).toBe(6);
  });

  it('does not treat the order of answer ids or template params as a change', () => {
    const { db } = freshDb();
    const pack = samplePack();
    pack.items[4] = { ...pack.items[4], params: { level: 2, stride: 1 } } as BankItemInput;
    importPack(db, pack);
    const again = samplePack();
    again.items[1] = { ...again.items[1], answer: ['aug', 'dropout', 'l2'] } as BankItemInput;
    again.items[4] = { ...again.items[4], params: { stride: 1, level: 2 } } as BankItemInput;
    expect(importPack(db, again)).toMatchObject({ ok: true, unchanged: 6 });
  });

  it('versions an edited item: version 2 is current, attempts on version 1 keep their text', () => {
    const { db } = freshDb();
    importPack(db, samplePack(), { now: 1 });
    const id = questionId(db, 'bn-test-time');
    // A learner answered version 1.
    db.exec(`
      INSERT INTO learners (id, name, created_at) VALUES (1, 'ada', 0);
      INSERT INTO quiz_sessions (id, learner_id, mode, status, msq_rule, title, created_at)
        VALUES (1, 1, 'practice', 'finished', 'partial', 'q', 0);`);
    db.prepare(
      `INSERT INTO attempts (learner_id, session_id, position, question_id, question_version,
         topic_id, response, score, correct, answered_at, duration_ms)
       VALUES (1, 1, 0, ?, 1, 'sample-norm', '{"kind":"choice","optionIds":["b"]}', 1, 1, 0, 0)`,
    ).run(id);

    const v2 = samplePack();
    v2.items[0] = {
      ...v2.items[0],
      stem: 'During **inference**, batch norm normalises with…',
    } as BankItemInput;
    const report = importPack(db, v2, { now: 2 });
    expect(report).toMatchObject({ ok: true, added: 0, updated: 1, unchanged: 5, retired: 0 });

    const current = loadQuestion(db, id);
    expect(current?.version).toBe(2);
    expect(current?.stem).toMatch(/^During/);
    expect(loadQuestion(db, id, 1)?.stem).toMatch(/^At \*\*test\*\* time/);
    expect(loadQuestion(db, id, 1)?.options.find((o) => o.correct)?.id).toBe('b');
    const seen = db
      .prepare(
        `SELECT v.stem FROM attempts a
         JOIN question_versions v ON v.question_id = a.question_id AND v.version = a.question_version`,
      )
      .pluck()
      .get() as string;
    expect(seen).toMatch(/^At \*\*test\*\* time/);
    expect(listQuestionIds(db, {}).find((q) => q.id === id)?.version).toBe(2);
    expect(exportPack(db, 'sample-bank')).toEqual(bankPackSchema.parse(v2));
    expect(loadQuestion(db, 9999)).toBeUndefined();
    expect(loadQuestion(db, id, 3)).toBeUndefined();
  });

  it('versions a changed key (an option turned correct) and a changed numeric tolerance', () => {
    const { db } = freshDb();
    importPack(db, samplePack());
    const v2 = samplePack();
    v2.items[1] = { ...v2.items[1], answer: ['dropout', 'l2'] } as BankItemInput;
    v2.items[2] = {
      ...v2.items[2],
      answer: { value: 4, tolerance: { abs: 0.1 } },
    } as BankItemInput;
    expect(importPack(db, v2)).toMatchObject({ updated: 2, unchanged: 4 });
    expect(loadQuestion(db, questionId(db, 'bn-mean'))?.numeric?.tolerance).toEqual({ abs: 0.1 });
  });

  it('updates difficulty and topic in place without a new version', () => {
    const { db } = freshDb();
    importPack(db, samplePack());
    const v2 = samplePack();
    v2.items[2] = { ...v2.items[2], difficulty: 4, topic: 'sample-conv' } as BankItemInput;
    expect(importPack(db, v2)).toMatchObject({ updated: 1, unchanged: 5 });
    const q = loadQuestion(db, questionId(db, 'bn-mean'));
    expect([q?.version, q?.difficulty, q?.topicId]).toEqual([1, 4, 'sample-conv']);
  });

  it('retires items missing from the new pack and brings them back when they return', () => {
    const { db } = freshDb();
    importPack(db, samplePack());
    const id = questionId(db, 'reg-which');
    const v2 = samplePack();
    v2.items.splice(1, 1);
    expect(importPack(db, v2)).toMatchObject({ ok: true, unchanged: 5, retired: 1 });
    expect(listQuestionIds(db).map((q) => q.id)).not.toContain(id);
    expect(loadQuestion(db, id)?.retired).toBe(true);
    expect(exportPack(db, 'sample-bank').items.map((i) => i.id)).not.toContain('reg-which');
    expect(count(db, 'SELECT count(*) FROM questions')).toBe(6);

    expect(importPack(db, samplePack())).toMatchObject({ updated: 1, unchanged: 5, retired: 0 });
    expect(loadQuestion(db, id)?.retired).toBe(false);
    expect(exportPack(db, 'sample-bank')).toEqual(bankPackSchema.parse(samplePack()));
  });

  it('keeps topics a new pack drops out of the export, and adds new ones', () => {
    const { db } = freshDb();
    importPack(db, samplePack());
    const v2 = samplePack();
    v2.topics = [
      { id: 'sample-conv', title: 'Conv' },
      { id: 'sample-new', title: 'New' },
    ];
    v2.items = v2.items.filter((i) => i.topic === 'sample-conv');
    expect(importPack(db, v2)).toMatchObject({ ok: true, retired: 3 });
    expect(exportPack(db, 'sample-bank').topics).toEqual(v2.topics);
  });

  it('keeps pinned options through import and export; a changed pin alone is a new version', () => {
    const { db } = freshDb();
    const pinned = samplePack();
    const mcq = pinned.items[0] as Extract<BankItemInput, { type: 'mcq' | 'msq' }>;
    pinned.items[0] = {
      ...mcq,
      options: mcq.options.map((o) => (o.id === 'c' ? { ...o, pin: true } : o)),
    };
    expect(importPack(db, pinned)).toMatchObject({ ok: true, added: 6 });
    const id = questionId(db, 'bn-test-time');
    expect(loadQuestion(db, id)?.options.map((o) => [o.id, o.pin === true])).toEqual([
      ['a', false],
      ['b', false],
      ['c', true],
    ]);
    const exported = exportPack(db, 'sample-bank');
    expect(exported).toEqual(bankPackSchema.parse(pinned));
    const options = (exported.items[0] as Extract<BankItemInput, { type: 'mcq' | 'msq' }>).options;
    expect(options.map((o) => Object.hasOwn(o, 'pin'))).toEqual([false, false, true]);
    expect(JSON.stringify(exported.items.slice(1))).not.toContain('"pin"');

    expect(importPack(db, pinned)).toMatchObject({ ok: true, unchanged: 6 });
    expect(importPack(db, samplePack())).toMatchObject({ ok: true, updated: 1, unchanged: 5 });
    expect(loadQuestion(db, id)?.version).toBe(2);
    expect(loadQuestion(db, id)?.options.some((o) => o.pin === true)).toBe(false);
    expect(loadQuestion(db, id, 1)?.options[2].pin).toBe(true);
  });

  it('reads "pin": false as no pin: the same content, and not written back out', () => {
    const { db } = freshDb();
    importPack(db, samplePack());
    const explicit = samplePack();
    const mcq = explicit.items[0] as Extract<BankItemInput, { type: 'mcq' | 'msq' }>;
    explicit.items[0] = { ...mcq, options: mcq.options.map((o) => ({ ...o, pin: false })) };
    expect(importPack(db, explicit)).toMatchObject({ ok: true, unchanged: 6 });
    expect(JSON.stringify(exportPack(db, 'sample-bank'))).not.toContain('"pin"');
  });

  it('stores unicode text exactly', () => {
    const { db } = freshDb();
    const pack = samplePack();
    pack.title = 'Größe ≥ 2 — 统计 🙂';
    pack.items[0] = {
      ...pack.items[0],
      stem: '$\\hat{\\mu}$ — naïve 👩‍🔬 \u0000 null byte',
    } as BankItemInput;
    expect(importPack(db, pack).ok).toBe(true);
    expect(exportPack(db, 'sample-bank')).toEqual(bankPackSchema.parse(pack));
  });
});

describe('importPack: hints and parts', () => {
  type NumericInput = Extract<BankItemInput, { type: 'numeric' }>;

  it('stores each rung and part per version and exports them back where present', () => {
    const { db } = freshDb();
    expect(importPack(db, tutoringPack())).toMatchObject({ ok: true, added: 6 });
    expect(count(db, 'SELECT count(*) FROM question_hints')).toBe(2 + 3 + 1);
    expect(count(db, 'SELECT count(*) FROM question_parts')).toBe(4);
    const rows = db
      .prepare(
        `SELECT position, part_id, numeric_value, tolerance_abs, tolerance_rel, answer_format, hint
         FROM question_parts WHERE question_id = ? AND version = 1 ORDER BY position`,
      )
      .all(questionId(db, 'tconv-out'));
    expect(rows).toEqual([
      {
        position: 0,
        part_id: 'first-copy',
        numeric_value: '[1,1]',
        tolerance_abs: 0.001,
        tolerance_rel: null,
        answer_format: null,
        hint: null,
      },
      {
        position: 1,
        part_id: 'second-copy',
        numeric_value: '[2,2]',
        tolerance_abs: 0.001,
        tolerance_rel: 0.01,
        answer_format: null,
        hint: null,
      },
    ]);
    const exported = exportPack(db, 'sample-bank');
    expect(exported).toEqual(bankPackSchema.parse(tutoringPack()));
    // Only the items that have them carry the fields (no empty lists written).
    expect(exported.items.map((i) => ['hints' in i, 'parts' in i])).toEqual([
      [true, false],
      [false, false],
      [true, true],
      [false, true],
      [true, false],
      [false, false],
    ]);
    expect(importPack(db, exported)).toMatchObject({ ok: true, unchanged: 6 });
  });

  it('writes no hints or parts keys for a pack without them', () => {
    const { db } = freshDb();
    importPack(db, samplePack());
    const text = JSON.stringify(exportPack(db, 'sample-bank'));
    expect(text).not.toMatch(/"hints"|"parts"/);
  });

  it('a changed rung, a changed part key or a dropped ladder makes a new version', () => {
    const { db } = freshDb();
    importPack(db, tutoringPack());
    const mcq = questionId(db, 'bn-test-time');
    const mean = questionId(db, 'bn-mean');
    const template = questionId(db, 'conv-size-numeric');

    const v2 = tutoringPack();
    v2.items[0] = { ...v2.items[0], hints: ['Only the rung changed.'] } as BankItemInput;
    const meanItem = v2.items[2] as NumericInput;
    v2.items[2] = {
      ...meanItem,
      parts: meanItem.parts!.map((p) =>
        p.id === 'mean' ? { ...p, answer: { value: 4, tolerance: { rel: 0.02 } } } : p,
      ),
    };
    const { hints: _, ...noHints } = v2.items[4] as Extract<BankItemInput, { type: 'template' }>;
    v2.items[4] = noHints;
    expect(importPack(db, v2)).toMatchObject({ ok: true, updated: 3, unchanged: 3 });

    expect(loadQuestion(db, mcq)?.version).toBe(2);
    expect(loadQuestion(db, mcq)?.hints).toEqual(['Only the rung changed.']);
    expect(loadQuestion(db, mcq, 1)?.hints).toHaveLength(2);
    expect(loadQuestion(db, mean)?.parts[1].key.tolerance).toEqual({ rel: 0.02 });
    expect(loadQuestion(db, mean, 1)?.parts[1].key.tolerance).toEqual({ rel: 0.01 });
    expect(loadQuestion(db, template)?.hints).toEqual([]);
    expect(loadQuestion(db, template, 1)?.hints).toEqual(['Use the output-size formula.']);
    expect(exportPack(db, 'sample-bank')).toEqual(bankPackSchema.parse(v2));
  });

  it('a failure writing a part rolls the whole import back', () => {
    const { db, file } = freshDb();
    importPack(db, samplePack());
    db.close();
    const before = databaseBytes(file);
    const again = openDatabase(file);
    open.push(again);
    again.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON question_parts WHEN NEW.part_id = 'mean'
                BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);
    expect(() => importPack(again, tutoringPack())).toThrow(/disk on fire/);
    expect(count(again, 'SELECT count(*) FROM question_hints')).toBe(0);
    expect(count(again, 'SELECT count(*) FROM question_versions')).toBe(6);
    again.close();
    expect(databaseBytes(file)).toEqual(before);
  });
});

describe('importPack refusals leave the database byte-for-byte unchanged', () => {
  function installed(): { file: string; reopen: () => Db } {
    const { db, file } = freshDb();
    importPack(db, samplePack());
    importPack(db, syntheticPack(50, 'other-bank'));
    db.close();
    return {
      file,
      reopen: () => {
        const again = openDatabase(file);
        open.push(again);
        return again;
      },
    };
  }

  function refusedUnchanged(mutate: (pack: BankPackInput) => unknown, path: string): void {
    const { file, reopen } = installed();
    const before = databaseBytes(file);
    const db = reopen();
    const report = importPack(db, mutate(samplePack()));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.path)).toContain(path);
    db.close();
    expect(databaseBytes(file)).toEqual(before);
  }

  it('a schema problem', () => {
    refusedUnchanged(
      (p) => ({ ...p, items: [...p.items, { id: 'x', type: 'mcq' }] }),
      'items[6].topic',
    );
  });

  it('a topic id owned by another bank', () => {
    refusedUnchanged(
      (p) => ({ ...p, topics: [...p.topics, { id: 'other-bank-t3', title: 'Stolen' }] }),
      'topics[2].id',
    );
  });

  it('an item whose type changed', () => {
    refusedUnchanged((p) => {
      const items = [...(p.items as BankItemInput[])];
      items[0] = { ...(items[0] as object), type: 'msq' } as BankItemInput;
      return { ...p, items };
    }, 'items[0].type');
  });

  it('a failure inside the transaction rolls everything back', () => {
    const { file, reopen } = installed();
    const before = databaseBytes(file);
    const db = reopen();
    db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON questions WHEN NEW.item_id = 'q40'
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;`);
    expect(() => importPack(db, syntheticPack(100, 'third-bank'))).toThrow(/disk on fire/);
    expect(count(db, `SELECT count(*) FROM banks WHERE id = 'third-bank'`)).toBe(0);
    expect(count(db, `SELECT count(*) FROM questions WHERE bank_id = 'third-bank'`)).toBe(0);
    db.close();
    expect(databaseBytes(file)).toEqual(before);
  });
});

describe('bank ids: the built-in id is reserved, a bank belongs to its file', () => {
  const active = (db: Db, bankId: string): number =>
    count(db, 'SELECT count(*) FROM questions WHERE bank_id = ? AND retired = 0', bankId);
  const sourceOf = (db: Db, bankId: string): unknown =>
    db.prepare('SELECT source_file FROM banks WHERE id = ?').pluck().get(bankId);
  /** The sample pack without its last item: imported over the bank, that item would retire. */
  const shorter = (): BankPackInput => {
    const pack = samplePack();
    return { ...pack, items: pack.items.slice(0, -1) };
  };

  it('refuses a pack stating the built-in id, even with replace; the built-in questions stay', () => {
    const { db, file } = freshDb();
    ensureBuiltinBank(db);
    db.close();
    const before = databaseBytes(file);
    const again = openDatabase(file);
    open.push(again);
    // The case: a 6-item pack named like the built-in bank.
    const takeover = { ...samplePack(), id: builtinPack.id };
    for (const replace of [false, true]) {
      expect(importPack(again, takeover, { sourceFile: 'takeover.json', replace })).toEqual({
        ok: false,
        bankId: 'deepdrill-core',
        added: 0,
        updated: 0,
        unchanged: 0,
        retired: 0,
        problems: [
          {
            path: 'id',
            message: `"deepdrill-core" is the built-in bank's id; give your bank its own id`,
          },
        ],
      });
    }
    expect(active(again, 'deepdrill-core')).toBe(builtinPack.items.length);
    again.close();
    expect(databaseBytes(file)).toEqual(before);
  });

  it('refuses a bank imported from another file until asked to replace it', () => {
    const { db, file } = freshDb();
    expect(importPack(db, samplePack(), { sourceFile: 'week1.json' })).toMatchObject({ ok: true });
    db.close();
    const before = databaseBytes(file);
    const again = openDatabase(file);
    open.push(again);
    const refused = importPack(again, shorter(), { sourceFile: 'other.json' });
    expect(refused.ok).toBe(false);
    expect(refused.problems).toEqual([
      {
        path: 'id',
        message:
          'bank "sample-bank" is already installed from the file "week1.json", not "other.json"; to replace it with this file, import again with --replace (bank import FILE --db DB --replace), or give this bank its own id',
      },
    ]);
    again.close();
    expect(databaseBytes(file)).toEqual(before);

    const third = openDatabase(file);
    open.push(third);
    expect(importPack(third, shorter(), { sourceFile: 'other.json', replace: true })).toEqual({
      ok: true,
      bankId: 'sample-bank',
      added: 0,
      updated: 0,
      unchanged: 5,
      retired: 1,
      problems: [],
    });
    expect(active(third, 'sample-bank')).toBe(5);
    // The bank now belongs to the replacing file: that one updates, the first one is refused.
    expect(sourceOf(third, 'sample-bank')).toBe('other.json');
    expect(importPack(third, samplePack(), { sourceFile: 'other.json' })).toMatchObject({
      ok: true,
      added: 0,
      updated: 1,
      unchanged: 5,
    });
    expect(importPack(third, samplePack(), { sourceFile: 'week1.json' }).ok).toBe(false);
  });

  it('re-importing from the same file name updates in place without replace', () => {
    const { db } = freshDb();
    importPack(db, samplePack(), { sourceFile: 'week1.json' });
    expect(importPack(db, shorter(), { sourceFile: 'week1.json' })).toMatchObject({
      ok: true,
      added: 0,
      unchanged: 5,
      retired: 1,
    });
    expect(active(db, 'sample-bank')).toBe(5);
    expect(sourceOf(db, 'sample-bank')).toBe('week1.json');
  });

  it('a bank installed before file names were kept takes the next file that updates it', () => {
    const { db } = freshDb();
    importPack(db, samplePack());
    expect(sourceOf(db, 'sample-bank')).toBeNull();
    expect(importPack(db, samplePack(), { sourceFile: 'week1.json' })).toMatchObject({ ok: true });
    expect(sourceOf(db, 'sample-bank')).toBe('week1.json');
    expect(importPack(db, samplePack(), { sourceFile: 'other.json' }).ok).toBe(false);
  });

  it('keeps a file base name whatever the separators', () => {
    expect(sourceFileName('/home/a/banks/week1.json')).toBe('week1.json');
    expect(sourceFileName('C:\\Users\\a\\week1.gift')).toBe('week1.gift');
    expect(sourceFileName('week1.xml')).toBe('week1.xml');
  });
});

describe('bulk import', () => {
  it(
    'imports 10k items in one transaction and re-imports them as unchanged',
    { timeout: 120_000 },
    () => {
      const { db } = freshDb();
      const pack = syntheticPack(10_000);
      const started = performance.now();
      const report = importPack(db, pack);
      const seconds = (performance.now() - started) / 1000;
      console.log(`bulk import: ${Math.round(10_000 / seconds)} questions/s`);
      expect(report).toMatchObject({ ok: true, added: 10_000 });
      expect(count(db, 'SELECT count(*) FROM question_options')).toBe(
        10_000 * 4 - Math.floor(10_000 / 3) * 4,
      );
      expect(importPack(db, pack)).toMatchObject({ ok: true, unchanged: 10_000 });
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Property: export(import(pack)) equals the parsed pack, and re-importing it changes nothing.

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/);
const text = fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' });
const finite = fc
  .double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })
  .map((x) => (Object.is(x, -0) ? 0 : x));
const tolerance = fc
  .record(
    {
      abs: fc.double({ noNaN: true, min: 0, max: 10 }),
      rel: fc.double({ noNaN: true, min: 0, max: 1 }),
    },
    { requiredKeys: [] },
  )
  .filter((t) => t.abs !== undefined || t.rel !== undefined)
  .map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Object.is(v, -0) ? 0 : v])));

const hints = fc.array(text, { minLength: 1, maxLength: 3 });
const value = fc.oneof(finite, fc.array(finite, { minLength: 1, maxLength: 6 }));
const parts = fc.uniqueArray(
  fc.record(
    {
      id: slug,
      prompt: text,
      answer: fc.record({ value, tolerance }),
      answerFormat: text,
      hint: text,
    },
    { requiredKeys: ['id', 'prompt', 'answer'] },
  ),
  { minLength: 2, maxLength: 4, selector: (p) => p.id },
);

/** The fields a generated choice or numeric item always has (the rest are optional). */
const requiredFields = [
  'topic',
  'difficulty',
  'tags',
  'source',
  'type',
  'stem',
  'explanation',
] as const;

const common = (topics: readonly string[]) => ({
  topic: fc.constantFrom(...topics),
  difficulty: fc.integer({ min: 1, max: 5 }),
  tags: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
  source: text,
});

function choiceItem(topics: readonly string[]) {
  return fc
    .uniqueArray(fc.record({ id: slug, text }), {
      minLength: 2,
      maxLength: 5,
      selector: (o) => o.id,
    })
    .filter((options) => new Set(options.map((o) => o.text.trim())).size === options.length)
    .chain((options) =>
      fc.record(
        {
          ...common(topics),
          type: fc.constantFrom('mcq' as const, 'msq' as const),
          stem: text,
          explanation: text,
          options: fc.tuple(
            ...options.map((o) =>
              fc.record(
                {
                  id: fc.constant(o.id),
                  text: fc.constant(o.text),
                  feedback: text,
                  misconception: fc.record({ id: slug, label: text }),
                  pin: fc.constant(true as const),
                },
                { requiredKeys: ['id', 'text'] },
              ),
            ),
          ),
          hints,
          correct: fc.subarray(
            options.map((_, i) => i),
            { minLength: 1 },
          ),
        },
        {
          requiredKeys: [...requiredFields, 'options', 'correct'],
        },
      ),
    )
    .map(({ correct, options, ...item }) => {
      const answers = item.type === 'mcq' ? correct.slice(0, 1) : correct;
      return {
        ...item,
        options: options.map((o, i) => {
          if (!answers.includes(i)) return o;
          const { misconception: _, ...rest } = o;
          return rest;
        }),
        answer: answers.map((i) => options[i].id),
      };
    });
}

function numericItem(topics: readonly string[]) {
  return fc.record(
    {
      ...common(topics),
      type: fc.constant('numeric' as const),
      stem: text,
      explanation: text,
      answer: fc.record({ value, tolerance }),
      answerFormat: text,
      hints,
      parts,
    },
    {
      requiredKeys: [...requiredFields, 'answer'],
    },
  );
}

function templateItem(topics: readonly string[]) {
  const templates = listTemplates();
  return fc.constantFrom(...templates).chain((t) =>
    fc.record(
      {
        ...common(topics),
        type: fc.constant('template' as const),
        template: fc.constant(t.id),
        form: fc.constantFrom(...t.forms),
        params: fc.record({ level: fc.integer({ min: 1, max: 3 }) }),
        stem: text,
        explanation: text,
        hints,
      },
      { requiredKeys: ['topic', 'difficulty', 'tags', 'source', 'type', 'template'] },
    ),
  );
}

const packArbitrary = fc
  .uniqueArray(fc.record({ id: slug, title: text }), {
    minLength: 1,
    maxLength: 3,
    selector: (t) => t.id,
  })
  .chain((topics) => {
    const ids = topics.map((t) => t.id);
    return fc.record(
      {
        format: fc.constant('deepdrill-bank' as const),
        version: fc.constant(1 as const),
        id: slug,
        title: text,
        license: text,
        description: text,
        topics: fc.constant(topics),
        items: fc.uniqueArray(
          fc.tuple(slug, fc.oneof(choiceItem(ids), numericItem(ids), templateItem(ids))),
          { maxLength: 8, selector: ([id]) => id },
        ),
      },
      { requiredKeys: ['format', 'version', 'id', 'title', 'license', 'topics', 'items'] },
    );
  })
  .map(({ items, ...pack }) => ({
    ...pack,
    items: items.map(([id, item]) => ({ id, ...item })),
  }));

describe('round-trip property', () => {
  it('export(import(pack)) deep-equals the parsed pack; re-import is all unchanged', () => {
    fc.assert(
      fc.property(packArbitrary, (pack) => {
        const parsed = bankPackSchema.parse(pack);
        const db = openDatabase(':memory:');
        try {
          const report = importPack(db, pack);
          expect(report.problems).toEqual([]);
          expect(exportPack(db, pack.id)).toEqual(parsed);
          expect(importPack(db, exportPack(db, pack.id))).toMatchObject({
            ok: true,
            unchanged: pack.items.length,
          });
        } finally {
          db.close();
        }
      }),
      { seed, numRuns: 150 },
    );
  });
});
