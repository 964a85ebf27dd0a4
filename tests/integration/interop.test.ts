/**
 * Interoperability across layers: foreign bank files through `convertForeignBank` into the real
 * import (all or nothing), graded by the real grader, exported back to GIFT / Moodle XML, and the
 * learners' answers exported as CSV and xAPI from the same database.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeNumeric, gradeResponse } from '../../core/grading';
import type { ResolvedQuestion } from '../../core/types';
import { exportPack } from '../../db/bank/export';
import { importPack } from '../../db/bank/import';
import type { BankItemInput } from '../../db/bank/schema';
import { openDatabase, type Db } from '../../db/connection';
import {
  attemptsToCsv,
  attemptsToXapi,
  convertForeignBank,
  packToGift,
  packToMoodleXml,
  parseGift,
  parseMoodleXml,
} from '../../db/interop';
import { readCsv, validateXapiStatement } from '../../db/interop/test-fixtures';

const fixtures = join(__dirname, '../fixtures/interop');
const giftText = readFileSync(join(fixtures, 'sample.gift'), 'utf8');
const xmlText = readFileSync(join(fixtures, 'sample.xml'), 'utf8');

const freshDb = (): Db =>
  openDatabase(join(mkdtempSync(join(tmpdir(), 'deepdrill-interop-')), 'interop.db'));

function find(items: readonly BankItemInput[], id: string): BankItemInput {
  const item = items.find((i) => i.id === id);
  if (item === undefined) throw new Error(`no item ${id}`);
  return item;
}

describe('convertForeignBank', () => {
  it('routes by extension and names the bank after the file and its format', () => {
    const gift = convertForeignBank('/banks/Week 11 quiz.gift', giftText);
    expect(gift?.pack).toMatchObject({ id: 'week-11-quiz-gift', title: 'Week 11 quiz' });
    expect(convertForeignBank('week11.XML', xmlText)?.pack?.id).toBe('week11-xml');
    // 12: the short answers with text are imported as short items.
    expect(convertForeignBank('week11.txt', giftText)?.pack?.items).toHaveLength(12);
    expect(convertForeignBank('notes.txt', 'Remember to revise batch norm.')?.problems).toEqual([
      { path: '(file)', message: expect.stringMatching(/^notes\.txt looks like plain text/) },
    ]);
    expect(convertForeignBank('bank.json', '{"format":"deepdrill-bank"}')).toBeNull();
    expect(convertForeignBank('bank.xml', '<quiz>')?.problems[0].path).toMatch(/^line 1, column/);
  });
});

describe('importing foreign banks', () => {
  for (const [name, fileName, text, count, bankId] of [
    ['GIFT', 'sample.gift', giftText, 12, 'sample-gift'],
    ['Moodle XML', 'sample.xml', xmlText, 7, 'sample-xml'],
  ] as const) {
    it(`imports the ${name} sample, exports it back and re-imports it unchanged`, () => {
      const db = freshDb();
      const converted = convertForeignBank(fileName, text)!;
      expect(converted.problems).toEqual([]);
      expect(converted.unsupported.length).toBeGreaterThan(0);
      const report = importPack(db, converted.pack, { now: 1 });
      expect(report).toMatchObject({ ok: true, bankId, added: count });

      const stored = exportPack(db, bankId);
      const gift = packToGift(stored);
      const xml = packToMoodleXml(stored);
      expect(gift.skipped).toEqual([]);
      expect(xml.skipped).toEqual([]);
      for (const back of [
        parseGift(gift.text, { bankId, title: stored.title, fileName }),
        parseMoodleXml(xml.text, { bankId, title: stored.title, fileName }),
      ]) {
        expect(back.problems).toEqual([]);
        const items = back.pack!.items;
        for (const original of stored.items) {
          const copy = find(items, original.id);
          expect(copy.type).toBe(original.type);
          if (original.type === 'numeric' && copy.type === 'numeric') {
            expect(copy.answer).toEqual(original.answer);
          } else if (
            (original.type === 'mcq' || original.type === 'msq') &&
            (copy.type === 'mcq' || copy.type === 'msq')
          ) {
            const keyTexts = (item: {
              options: { id: string; text: string }[];
              answer: string[];
            }) => item.options.filter((o) => item.answer.includes(o.id)).map((o) => o.text);
            expect(keyTexts(copy)).toEqual(keyTexts(original));
            // Moodle's weights survive the trip (imported multi-answer questions carry them).
            expect(copy.options.map((o) => o.weight)).toEqual(
              original.options.map((o) => o.weight),
            );
          } else if (original.type === 'short' && copy.type === 'short') {
            expect(copy.answer).toEqual(original.answer);
          }
        }
      }
      // The same file again: nothing changes.
      const again = importPack(db, convertForeignBank(fileName, text)!.pack, { now: 2 });
      expect(again).toMatchObject({ ok: true, added: 0, updated: 0, unchanged: count });
      db.close();
    });
  }

  it('grades imported keys the way the foreign format meant them', () => {
    const pack = convertForeignBank('sample.gift', giftText)!.pack!;
    const range = find(pack.items, 'guess-range');
    if (range.type !== 'numeric') throw new Error('expected numeric');
    const key = { value: range.answer.value, tolerance: range.answer.tolerance };
    expect(gradeNumeric(key, '1').correct).toBe(true);
    expect(gradeNumeric(key, '5').correct).toBe(true);
    expect(gradeNumeric(key, '5.01').correct).toBe(false);
    const sparse = find(pack.items, 'reg-sparse');
    if (sparse.type !== 'msq') throw new Error('expected msq');
    const question: ResolvedQuestion = {
      kind: 'msq',
      stem: sparse.stem,
      explanation: sparse.explanation,
      options: sparse.options.map((o) => ({ ...o, correct: sparse.answer.includes(o.id) })),
    };
    // GIFT weights 50/50/-100/-100: one right pick is worth half, as DeepDrill's partial rule.
    expect(gradeResponse(question, { kind: 'choice', optionIds: ['a'] }, 'partial').score).toBe(
      0.5,
    );
    expect(
      gradeResponse(question, { kind: 'choice', optionIds: ['a', 'b'] }, 'partial').correct,
    ).toBe(true);
  });

  it('leaves the database unchanged when a converted file is refused', () => {
    const db = freshDb();
    const refused = convertForeignBank('broken.gift', '::a::Q {=x ~y}\n\n::b::R {#abc}')!;
    expect(refused.pack).toBeNull();
    expect(refused.problems[0]).toMatchObject({ path: 'line 3' });
    expect(db.prepare('SELECT count(*) AS n FROM questions').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('results of imported questions', () => {
  it('exports answers to imported questions as CSV and valid xAPI with the GIFT keys', () => {
    const db = freshDb();
    importPack(db, convertForeignBank('sample.gift', giftText)!.pack, { now: 1 });
    const question = (item: string) =>
      db
        .prepare(`SELECT id FROM questions WHERE bank_id = 'sample-gift' AND item_id = ?`)
        .get(item) as {
        id: number;
      };
    db.prepare(`INSERT INTO learners (id, name, created_at) VALUES (1, 'Grace', 0)`).run();
    db.prepare(
      `INSERT INTO quiz_sessions (id, learner_id, mode, status, msq_rule, title, created_at, finished_at, finish_reason, score, max_score)
       VALUES (1, 1, 'practice', 'finished', 'partial', 'Imported quiz', 1000, 90000, 'submitted', 1.5, 2)`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO attempts (learner_id, session_id, position, question_id, question_version, topic_id, response, score, correct, answered_at, duration_ms)
       VALUES (1, 1, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(
      0,
      question('guess-range').id,
      'sample-gift.week-11-transposed-convolution',
      JSON.stringify({ kind: 'numeric', text: '4' }),
      1,
      1,
      20_000,
      19_000,
    );
    insert.run(
      1,
      question('reg-sparse').id,
      'sample-gift.week-11-normalisation',
      JSON.stringify({ kind: 'choice', optionIds: ['a'] }),
      0.5,
      0,
      60_000,
      40_000,
    );

    const rows = readCsv(attemptsToCsv(db));
    expect(rows.slice(1).map((r) => [r[0], r[5], r[10], r[11]])).toEqual([
      ['Grace', 'guess-range', '4', '1'],
      ['Grace', 'reg-sparse', 'a', '0.5'],
    ]);
    const statements = attemptsToXapi(db, { homePage: 'https://lms.example.edu/' })
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            object: { id: string; definition: { correctResponsesPattern?: string[] } };
          },
      );
    expect(statements).toHaveLength(3);
    for (const s of statements) expect(validateXapiStatement(s)).toEqual([]);
    expect(statements[0].object.id).toBe(
      'https://lms.example.edu/deepdrill/banks/sample-gift/items/guess-range',
    );
    expect(statements[0].object.definition.correctResponsesPattern).toEqual(['1[:]5']);
    expect(statements[1].object.definition.correctResponsesPattern).toEqual(['a[,]b']);
    db.close();
  });
});
