import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../bank/import';
import { samplePack, syntheticPack, tempDir } from '../bank/test-fixtures';
import { openDatabase, type Db } from '../connection';
import {
  listQuestionIds,
  loadCurrentQuestions,
  loadQuestion,
  searchQuestions,
  summarizeStem,
} from './questions';

let db: Db;
beforeAll(() => {
  db = openDatabase(join(tempDir(), 'questions.db'));
  importPack(db, samplePack());
  importPack(db, syntheticPack(30, 'syn'));
});
afterAll(() => db.close());

const idOf = (itemId: string): number =>
  db.prepare('SELECT id FROM questions WHERE item_id = ?').pluck().get(itemId) as number;

describe('loadQuestion', () => {
  it('loads each kind with its key', () => {
    const msq = loadQuestion(db, idOf('reg-which'));
    expect(msq).toMatchObject({
      bankId: 'sample-bank',
      itemId: 'reg-which',
      topicId: 'sample-norm',
      topicTitle: 'Normalisation',
      type: 'msq',
      difficulty: 1,
      version: 1,
      currentVersion: 1,
      retired: false,
      tags: [],
      source: 'original',
      numeric: null,
      template: null,
    });
    expect(msq?.options.filter((o) => o.correct).map((o) => o.id)).toEqual([
      'dropout',
      'l2',
      'aug',
    ]);
    expect(loadQuestion(db, idOf('bn-mean'))?.numeric).toEqual({
      value: 4,
      tolerance: { abs: 0.01 },
    });
    expect(loadQuestion(db, idOf('conv-size-mcq'))?.template).toEqual({
      id: 'conv-output-size',
      form: 'mcq',
      params: null,
    });
  });

  it('returns undefined for an unknown question or version', () => {
    expect(loadQuestion(db, 123_456)).toBeUndefined();
    expect(loadQuestion(db, idOf('bn-mean'), 2)).toBeUndefined();
  });
});

describe('loadCurrentQuestions', () => {
  it('loads several questions in one go, exactly as loadQuestion does one by one', () => {
    const ids = db.prepare('SELECT id FROM questions ORDER BY id').pluck().all() as number[];
    const many = loadCurrentQuestions(db, [...ids, 999_999]);
    expect([...many.keys()].sort((a, b) => a - b)).toEqual(ids);
    for (const id of ids) expect(many.get(id)).toEqual(loadQuestion(db, id));
    expect(loadCurrentQuestions(db, []).size).toBe(0);
  });
});

describe('listQuestionIds', () => {
  it('filters by topics and an inclusive difficulty range', () => {
    const rows = listQuestionIds(db, {
      topics: ['sample-conv'],
      difficultyMin: 3,
      difficultyMax: 3,
    });
    expect(rows.map((r) => [r.topicId, r.difficulty, r.type])).toEqual([
      ['sample-conv', 3, 'numeric'],
      ['sample-conv', 3, 'template'],
    ]);
    expect(listQuestionIds(db)).toHaveLength(36);
    expect(listQuestionIds(db, { topics: [] })).toHaveLength(36);
    expect(listQuestionIds(db, { topics: ['syn-t0', 'syn-t1'] })).toHaveLength(6);
  });

  it('uses the partial topic index', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, topic_id, difficulty, type, current_version FROM questions
         WHERE retired = 0 AND topic_id IN (SELECT value FROM json_each(?))
           AND difficulty BETWEEN ? AND ? ORDER BY id`,
      )
      .all('["a"]', 1, 5) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX questions_by_topic/);
  });
});

describe('searchQuestions', () => {
  it('matches stem, item id and tags, case-insensitively, with a total', () => {
    expect(searchQuestions(db, { search: 'BATCH NORM' }).items.map((i) => i.itemId)).toEqual([
      'bn-test-time',
      'bn-mean',
    ]);
    expect(searchQuestions(db, { search: 'tconv' }).items.map((i) => i.itemId)).toEqual([
      'tconv-out',
    ]);
    expect(searchQuestions(db, { search: 'upsampling' }).total).toBe(1);
    expect(searchQuestions(db, { search: '' }).total).toBe(36);
  });

  it('treats % and _ literally', () => {
    expect(searchQuestions(db, { search: '%' }).total).toBe(0);
    expect(searchQuestions(db, { search: 'group_1' }).total).toBe(0);
    expect(searchQuestions(db, { search: 'group-1' }).total).toBeGreaterThan(0);
  });

  it('filters by topic, type and difficulty and pages with limit/offset', () => {
    const page = searchQuestions(db, { topic: 'syn-t0', limit: 2, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.itemId)).toEqual(['q10', 'q20']);
    expect(searchQuestions(db, { type: 'template' }).items.map((i) => i.itemId)).toEqual([
      'conv-size-numeric',
      'conv-size-mcq',
    ]);
    expect(searchQuestions(db, { difficulty: 5, search: 'q' }).total).toBe(6);
  });

  it('summarises stems as plain text and names stem-less template items by title', () => {
    const page = searchQuestions(db, { type: 'template' }, (id) =>
      id === 'conv-output-size' ? 'Convolution output size' : undefined,
    );
    expect(page.items.map((i) => i.summary)).toEqual([
      'Mind the padding.',
      'Convolution output size',
    ]);
    expect(searchQuestions(db, { search: 'bn-test-time' }).items[0].summary).toBe(
      'At test time, which statistics does batch norm use? $\\mu$ and $\\sigma^2$ of…',
    );
  });

  it('leaves retired questions out', () => {
    const other = openDatabase(join(tempDir(), 'retired.db'));
    importPack(other, samplePack());
    const pack = samplePack();
    pack.items = pack.items.slice(1);
    importPack(other, pack);
    expect(searchQuestions(other, { search: 'bn-test-time' }).total).toBe(0);
    other.close();
  });
});

describe('summarizeStem', () => {
  it('takes the first non-empty line without Markdown markers (formulas kept), cut at 160', () => {
    expect(summarizeStem('\n## **Bold** `code` $x$\nsecond')).toBe('Bold code $x$');
    // Never cut inside a formula: the renderer would show a stray `$`.
    const formula = summarizeStem(`${'a'.repeat(150)} $x_1 + x_2 + x_3$ end`);
    expect(formula).toBe(`${'a'.repeat(150)}…`);
    expect(summarizeStem('- item')).toBe('item');
    const long = summarizeStem('a'.repeat(500));
    expect(long).toHaveLength(160);
    expect(long.endsWith('…')).toBe(true);
  });
});
