import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../bank/import';
import { samplePack, syntheticPack, tempDir, tutoringPack } from '../bank/test-fixtures';
import { openDatabase, type Db } from '../connection';
import {
  defaultPartAnswerFormat,
  listQuestionIds,
  loadCurrentQuestions,
  loadQuestion,
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

describe('hints and parts', () => {
  let tutored: Db;
  beforeAll(() => {
    tutored = openDatabase(':memory:');
    importPack(tutored, tutoringPack());
  });
  afterAll(() => tutored.close());
  const tutoredId = (itemId: string): number =>
    tutored.prepare('SELECT id FROM questions WHERE item_id = ?').pluck().get(itemId) as number;

  it('loads the ladder in rung order and the parts with their keys and entry formats', () => {
    const mean = loadQuestion(tutored, tutoredId('bn-mean'));
    expect(mean?.hints).toEqual([
      'Batch norm averages one neuron over the examples.',
      '$\\mu = \\frac{1}{m}\\sum_i x_i$',
      'The sum is $4 + 0 + 8 = 12$.',
    ]);
    expect(mean?.parts).toEqual([
      {
        id: 'sum',
        prompt: 'Add the three outputs.',
        key: { value: 12, tolerance: { abs: 0 } },
        answerFormat: 'a whole number',
        hint: 'Zero counts too.',
      },
      {
        id: 'mean',
        prompt: 'Divide by the batch size.',
        key: { value: 4, tolerance: { rel: 0.01 } },
        answerFormat: 'a number',
      },
    ]);
    const tconv = loadQuestion(tutored, tutoredId('tconv-out'));
    expect(tconv?.hints).toEqual([]);
    expect(tconv?.parts.map((p) => [p.key.value, p.answerFormat])).toEqual([
      [[1, 1], '2 numbers separated by commas'],
      [[2, 2], '2 numbers separated by commas'],
    ]);
    expect(loadQuestion(tutored, tutoredId('conv-size-numeric'))?.hints).toEqual([
      'Use the output-size formula.',
    ]);
    // Items without tutoring load empty lists, not missing fields.
    expect(loadQuestion(db, idOf('reg-which'))).toMatchObject({ hints: [], parts: [] });
  });

  it('loads them for many questions in one go, as loadQuestion does', () => {
    const ids = tutored.prepare('SELECT id FROM questions').pluck().all() as number[];
    const many = loadCurrentQuestions(tutored, ids);
    for (const id of ids) expect(many.get(id)).toEqual(loadQuestion(tutored, id));
  });

  it('reads hints and parts of many questions by key, never scanning their tables', () => {
    for (const table of ['question_hints', 'question_parts']) {
      const plan = tutored
        .prepare(
          `EXPLAIN QUERY PLAN SELECT c.* FROM questions q
           JOIN ${table} c ON c.question_id = q.id AND c.version = q.current_version
           WHERE q.id IN (SELECT value FROM json_each(?))`,
        )
        .all('[1]') as { detail: string }[];
      const detail = plan.map((p) => p.detail).join('\n');
      expect(detail, table).toContain('SEARCH c USING PRIMARY KEY (question_id=? AND version=?)');
      expect(detail, table).not.toMatch(/SCAN c\b/);
    }
  });

  it('names the entry format of a part that gives none', () => {
    expect(defaultPartAnswerFormat(3)).toBe('a number');
    expect(defaultPartAnswerFormat([3])).toBe('one number');
    expect(defaultPartAnswerFormat([1, 2, 3])).toBe('3 numbers separated by commas');
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
