/**
 * The bank screen's Export…, through dispatch over a real SQLite file: the same bytes as
 * `bank export` writes for the same bank, format and variants; the count of items not exported
 * (and why) hand-counted on a small pack; refused while an exam runs (the file holds keys).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bankCommand } from '../../cli/commands/bank';
import type { CliIo } from '../../cli/io';
import { importPack } from '../../db/bank/import';
import type { BankPackInput } from '../../db/bank/schema';
import type { Db } from '../../db/connection';
import { MAX_EXPORT_VARIANTS } from '../../db/interop';
import { parseGift } from '../../db/interop/gift';
import { parseMoodleXml } from '../../db/interop/moodle-xml';
import {
  MAX_BANK_EXPORT_VARIANTS,
  type ApiResult,
  type AppApi,
  type BankSummary,
  type ExportedBank,
} from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import { createService } from '../../electron/service';
import { maxVariants } from '../../renderer/src/bank/export-bank';
import { FakeClock, makeDeps, openFixtureDb, seedSource, tempDbFile } from './quiz-helpers';

const START = Date.UTC(2025, 2, 3, 9, 0, 0);
const source = 'written for the bank export test';
const choice = (ids: string[]) => ids.map((id) => ({ id, text: `Option ${id}` }));

/**
 * Seven items. Not exportable to GIFT / Moodle XML: `vec` (a vector key) and `ln-numeric` (a
 * template whose numeric form answers with a vector). Exported: `pick`, `several`, `scalar`
 * (fixed: one question each) and `bn-running`, `ln-choice` (templates: one question per variant).
 */
const smallPack: BankPackInput = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'small-bank',
  title: 'Small bank',
  license: 'CC0-1.0',
  topics: [{ id: 'small-norm', title: 'Normalisation' }],
  items: [
    {
      id: 'pick',
      topic: 'small-norm',
      type: 'mcq',
      stem: 'Which one?',
      options: choice(['a', 'b', 'c']),
      answer: ['b'],
      explanation: 'Because b.',
      difficulty: 2,
      tags: [],
      source,
    },
    {
      id: 'several',
      topic: 'small-norm',
      type: 'msq',
      stem: 'Which ones?',
      options: choice(['a', 'b', 'c', 'd']),
      answer: ['a', 'c'],
      explanation: 'a and c.',
      difficulty: 2,
      tags: [],
      source,
    },
    {
      id: 'scalar',
      topic: 'small-norm',
      type: 'numeric',
      stem: 'How many?',
      answer: { value: 4, tolerance: { abs: 0.5 } },
      explanation: 'Four.',
      difficulty: 1,
      tags: [],
      source,
    },
    {
      id: 'vec',
      topic: 'small-norm',
      type: 'numeric',
      stem: 'The two means?',
      answer: { value: [1, 2], tolerance: { abs: 0.01 } },
      explanation: '1 and 2.',
      difficulty: 3,
      tags: [],
      source,
    },
    {
      id: 'bn-running',
      topic: 'small-norm',
      type: 'template',
      template: 'batchnorm-inference',
      form: 'numeric',
      difficulty: 3,
      tags: [],
      source,
    },
    {
      id: 'ln-numeric',
      topic: 'small-norm',
      type: 'template',
      template: 'layernorm-stats',
      form: 'numeric',
      difficulty: 3,
      tags: [],
      source,
    },
    {
      id: 'ln-choice',
      topic: 'small-norm',
      type: 'template',
      template: 'layernorm-stats',
      form: 'mcq',
      difficulty: 3,
      tags: [],
      source,
    },
  ],
};

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

function setup() {
  const file = tempDbFile('bank-export.db');
  const clock = new FakeClock(START);
  const db = openFixtureDb(file, clock.now());
  dbs.push(db);
  const report = importPack(db, smallPack, { now: clock.now() });
  if (!report.ok) throw new Error(JSON.stringify(report.problems));
  const api = createService(makeDeps(db, clock, seedSource()));
  return { file, api, db };
}

async function exportBank(api: AppApi, input: unknown): Promise<ApiResult<ExportedBank>> {
  return (await dispatch(api, 'exportBank', input)) as ApiResult<ExportedBank>;
}

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function cliExport(file: string, args: string[], name: string): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'deepdrill-bank-export-')), name);
  const io: CliIo = { stdin: (async function* () {})(), out: () => {}, err: () => {} };
  expect(await bankCommand(['export', '--db', file, '--out', out, ...args], io)).toBe(0);
  return readFileSync(out, 'utf8');
}

describe('exportBank', () => {
  it('lists the installed banks with their question counts', async () => {
    const { api } = setup();
    const banks = value((await dispatch(api, 'listBanks', undefined)) as ApiResult<BankSummary[]>);
    expect(banks.find((b) => b.id === 'small-bank')).toEqual({
      id: 'small-bank',
      title: 'Small bank',
      questionCount: 7,
    });
  });

  it('counts what GIFT cannot hold, hand-counted: 2 of 7 items, each with why', async () => {
    const { api } = setup();
    const file = value(
      await exportBank(api, { bankId: 'small-bank', format: 'gift', variants: 2 }),
    );
    expect(file.fileName).toBe('small-bank.gift');
    expect(file.mimeType).toMatch(/^text\/plain/);
    expect(file.items).toBe(7);
    expect(file.exported).toBe(5);
    // 3 fixed items + 2 templates × 2 variants.
    expect(file.questions).toBe(7);
    expect(file.templates).toBe(2);
    expect(file.variants).toBe(2);
    expect(file.notExported.map((s) => s.id)).toEqual(['vec', 'ln-numeric']);
    expect(file.notExported[0].reason).toMatch(/vector of 2 numbers/);
    expect(file.notExported[1].reason).toMatch(/layernorm-stats.*vector/);
    // Read back as Moodle would: the 7 questions, the variants named by their seed.
    const back = parseGift(file.content, { bankId: 'back-gift', title: 'back' });
    expect(back.problems).toEqual([]);
    expect(back.pack?.items.map((i) => i.id)).toEqual([
      'pick',
      'several',
      'scalar',
      'bn-running-seed-0',
      'bn-running-seed-1',
      'ln-choice-seed-0',
      'ln-choice-seed-1',
    ]);
  });

  it('writes the same bytes as bank export for Moodle XML, and JSON keeps every item', async () => {
    const { file: dbFile, api } = setup();
    const xml = value(
      await exportBank(api, { bankId: 'small-bank', format: 'moodle-xml', variants: 3 }),
    );
    const cliXml = await cliExport(
      dbFile,
      ['--bank', 'small-bank', '--format', 'moodle-xml', '--variants', '3'],
      'small.xml',
    );
    expect(xml.content).toBe(cliXml);
    expect(xml.fileName).toBe('small-bank.xml');
    // 3 + 2 × 3 questions; the same two items left out.
    expect(xml.questions).toBe(9);
    expect(xml.notExported.map((s) => s.id)).toEqual(['vec', 'ln-numeric']);
    expect(parseMoodleXml(xml.content, { bankId: 'b-xml', title: 'b' }).pack?.items).toHaveLength(
      9,
    );

    const json = value(await exportBank(api, { bankId: 'small-bank', format: 'json' }));
    expect(json.content).toBe(
      await cliExport(dbFile, ['--bank', 'small-bank', '--format', 'json'], 'small.json'),
    );
    expect(json.notExported).toEqual([]);
    expect((JSON.parse(json.content) as { items: unknown[] }).items).toHaveLength(7);
  });

  it('refuses an unknown bank, variants for JSON and a count out of range', async () => {
    const { api } = setup();
    const missing = await exportBank(api, { bankId: 'nope', format: 'gift' });
    expect(missing.ok ? null : missing.error.code).toBe('not-found');
    const jsonVariants = await exportBank(api, {
      bankId: 'small-bank',
      format: 'json',
      variants: 2,
    });
    expect(jsonVariants.ok ? null : jsonVariants.error.message).toMatch(/JSON pack keeps/);
    const tooMany = await exportBank(api, { bankId: 'small-bank', format: 'gift', variants: 51 });
    expect(tooMany.ok ? null : tooMany.error.code).toBe('invalid-input');
    expect(MAX_BANK_EXPORT_VARIANTS).toBe(MAX_EXPORT_VARIANTS);
    expect(maxVariants).toBe(MAX_EXPORT_VARIANTS);
  });

  it('refuses while an exam runs, and allows again once it is finished', async () => {
    const { api, db } = setup();
    const pick = db.prepare('SELECT id FROM questions WHERE item_id = ?').pluck().get('pick');
    const exam = await api.startQuiz({
      mode: 'exam',
      selection: 'questions',
      topics: [],
      questionIds: [pick as number],
      count: 1,
      durationMinutes: 10,
    });
    const refused = await exportBank(api, { bankId: 'small-bank', format: 'gift' });
    expect(refused.ok ? null : refused.error.code).toBe('exam-running');
    await api.finishQuiz({ sessionId: exam.sessionId });
    expect((await exportBank(api, { bankId: 'small-bank', format: 'gift' })).ok).toBe(true);
  });
});
