/**
 * Moodle's grading through the real service on a real SQLite file: a weighted multiple-answer
 * question and short answers imported from a pack, answered through `createService`, scored as
 * Moodle scores them (worked by hand below), with the accepted answers shown only after a check
 * or once an exam is over. Migration 80 on a database from version 79 keeps what it holds.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { importPack } from '../../db/bank/import';
import type { BankPackInput } from '../../db/bank/schema';
import { openDatabase, type Db } from '../../db/connection';
import { latestSchemaVersion, migrate, updateToVersion } from '../../db/migrations';
import { loadQuestion } from '../../db/queries/questions';
import type { QuizState } from '../../electron/contract';
import { createService } from '../../electron/service';
import { ServiceError } from '../../electron/service/errors';
import { FakeClock, makeDeps, seedSource, tempDbFile } from './quiz-helpers';

const START = Date.UTC(2025, 2, 3, 9, 0, 0);
const opened: (Db | Database.Database)[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

const pack: BankPackInput = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'moodle-grading',
  title: 'Moodle grading',
  license: 'CC0',
  topics: [{ id: 'mg-norm', title: 'Normalisation' }],
  items: [
    {
      id: 'norm-layers',
      topic: 'mg-norm',
      type: 'msq',
      stem: 'Which are normalisation layers?',
      options: [
        { id: 'bn', text: 'BatchNorm', weight: 0.5 },
        { id: 'ln', text: 'LayerNorm', weight: 0.5 },
        { id: 'conv', text: 'Conv2d', weight: 0 },
        { id: 'pool', text: 'MaxPool', weight: -0.5, feedback: 'Pooling normalises nothing.' },
      ],
      answer: ['bn', 'ln'],
      explanation: 'BatchNorm and LayerNorm.',
      difficulty: 2,
      tags: [],
      source: 'test',
    },
    {
      id: 'per-sample',
      topic: 'mg-norm',
      type: 'short',
      stem: 'Which layer normalises each sample over its features? _____',
      answer: {
        text: [
          { value: 'layer norm*', feedback: 'Right: per sample.' },
          { value: 'group norm', weight: 0.8, feedback: 'Close: groups of channels.' },
          { value: '*', weight: 0, feedback: 'Think of one sample at a time.' },
        ],
      },
      explanation: 'Layer norm averages over the features of one sample.',
      difficulty: 2,
      tags: [],
      source: 'test',
    },
    {
      id: 'torch-class',
      topic: 'mg-norm',
      type: 'short',
      stem: 'The PyTorch class for batch norm over images?',
      answer: { text: [{ value: 'BatchNorm2d' }], caseSensitive: true },
      explanation: 'nn.BatchNorm2d.',
      difficulty: 2,
      tags: [],
      source: 'test',
    },
  ],
};

function setup() {
  const file = tempDbFile('moodle-grading.db');
  const db = openDatabase(file);
  opened.push(db);
  const report = importPack(db, pack, { now: START });
  expect(report.problems).toEqual([]);
  const clock = new FakeClock(START);
  const deps = makeDeps(db, clock, seedSource());
  const ids = new Map(
    (
      db.prepare('SELECT id, item_id FROM questions').all() as { id: number; item_id: string }[]
    ).map((r) => [r.item_id, r.id]),
  );
  return { db, clock, deps, api: createService(deps), id: (item: string) => ids.get(item)! };
}

const optionIds = (state: QuizState, ...texts: string[]) =>
  texts.map((t) => state.items[0].options.find((o) => o.text === t)!.id);

describe('a weighted msq through the service', () => {
  it('scores "select all" 0.5 and the two right ones plus a 0% option 1, even all-or-nothing', async () => {
    const { api, id } = setup();
    const quiz = await api.startQuiz({
      mode: 'practice',
      selection: 'questions',
      topics: [],
      questionIds: [id('norm-layers')],
      count: 1,
      msqRule: 'all-or-nothing',
    });
    // 0.5 + 0.5 + 0 − 0.5 = 0.5.
    const all = await api.submitAnswer({
      sessionId: quiz.sessionId,
      position: 0,
      response: {
        kind: 'choice',
        optionIds: optionIds(quiz, 'BatchNorm', 'LayerNorm', 'Conv2d', 'MaxPool'),
      },
    });
    expect(all.items[0].feedback).toMatchObject({ score: 0.5, outcome: 'partial', correct: false });
    const again = await api.tryAgain({ sessionId: quiz.sessionId, position: 0 });
    // 0.5 + 0.5 + 0 = 1: right, as in Moodle.
    const right = await api.submitAnswer({
      sessionId: quiz.sessionId,
      position: 1,
      response: {
        kind: 'choice',
        optionIds: again.items[1].options
          .filter((o) => ['BatchNorm', 'LayerNorm', 'Conv2d'].includes(o.text))
          .map((o) => o.id),
      },
    });
    expect(right.items[1].feedback).toMatchObject({ score: 1, outcome: 'correct', correct: true });
  });
});

describe('short answers through the service', () => {
  it('grades typed text as Moodle, shows the accepted answers after the check', async () => {
    const { api, id } = setup();
    const quiz = await api.startQuiz({
      mode: 'practice',
      selection: 'questions',
      topics: [],
      questionIds: [id('per-sample'), id('torch-class')],
      count: 2,
    });
    const position = quiz.items.findIndex((i) => i.stem.startsWith('Which layer'));
    const item = quiz.items[position];
    expect(item.kind).toBe('short');
    expect(item.options).toEqual([]);
    expect(item.feedback).toBeNull();
    expect(JSON.stringify(item)).not.toContain('group norm');
    // A choice for a short answer is refused, not graded.
    await expect(
      api.submitAnswer({
        sessionId: quiz.sessionId,
        position,
        response: { kind: 'choice', optionIds: ['o1'] },
      }),
    ).rejects.toBeInstanceOf(ServiceError);
    // Typed text is a draft until checked.
    const saved = await api.saveAnswer({
      sessionId: quiz.sessionId,
      position,
      response: { kind: 'text', text: 'Group Norm' },
    });
    expect(saved.items[position].response).toEqual({ kind: 'text', text: 'Group Norm' });
    expect(saved.items[position].feedback).toBeNull();
    // Case ignored: "Group Norm" is the 80% answer.
    const partial = await api.submitAnswer({
      sessionId: quiz.sessionId,
      position,
      response: { kind: 'text', text: 'Group Norm' },
    });
    expect(partial.items[position].feedback).toMatchObject({
      score: 0.8,
      correct: false,
      outcome: 'partial',
      // Moodle's "the correct answer is": the first 100% answer, its * as a space.
      correctValue: 'layer norm',
      acceptedAnswers: [
        { text: 'layer norm*', percent: 100 },
        { text: 'group norm', percent: 80 },
        { text: '*', percent: 0 },
      ],
      answerFeedback: 'Close: groups of channels.',
      caseSensitive: false,
    });
    // Another try of the same question: outer spaces and case ignored, * matches "alization".
    const again = await api.tryAgain({ sessionId: quiz.sessionId, position });
    const next = again.items.findIndex((i, k) => k > position && i.stem.startsWith('Which layer'));
    const right = await api.submitAnswer({
      sessionId: quiz.sessionId,
      position: next,
      response: { kind: 'text', text: '  Layer Normalization ' },
    });
    expect(right.items[next].feedback).toMatchObject({
      score: 1,
      correct: true,
      outcome: 'correct',
      answerFeedback: 'Right: per sample.',
    });
  });

  it('compares letter case when the question says so', async () => {
    const { api, id } = setup();
    const quiz = await api.startQuiz({
      mode: 'practice',
      selection: 'questions',
      topics: [],
      questionIds: [id('torch-class')],
      count: 1,
    });
    const wrong = await api.submitAnswer({
      sessionId: quiz.sessionId,
      position: 0,
      response: { kind: 'text', text: 'batchnorm2d' },
    });
    expect(wrong.items[0].feedback).toMatchObject({
      score: 0,
      outcome: 'wrong',
      caseSensitive: true,
    });
  });

  it('shows nothing of the key during an exam, and scores it once finished', async () => {
    const { api, id } = setup();
    const exam = await api.startQuiz({
      mode: 'exam',
      selection: 'questions',
      topics: [],
      questionIds: [id('per-sample'), id('norm-layers')],
      count: 2,
      durationMinutes: 10,
    });
    const short = exam.items.findIndex((i) => i.kind === 'short');
    const during = await api.saveAnswer({
      sessionId: exam.sessionId,
      position: short,
      response: { kind: 'text', text: 'group norm' },
    });
    const page = JSON.stringify(during);
    for (const secret of ['layer norm*', 'Close: groups', 'percent', 'acceptedAnswers']) {
      expect(page).not.toContain(secret);
    }
    expect(during.items.every((i) => i.feedback === null)).toBe(true);
    const review = await api.finishQuiz({ sessionId: exam.sessionId });
    // 0.8 for the short answer, 0 for the unanswered msq.
    expect(review.score).toBeCloseTo(0.8, 12);
    expect(review.quiz.items[short].feedback).toMatchObject({
      score: 0.8,
      acceptedAnswers: [
        { text: 'layer norm*', percent: 100 },
        { text: 'group norm', percent: 80 },
        { text: '*', percent: 0 },
      ],
    });
  });
});

describe('short answers in the bank browser', () => {
  it('lists them under the type filter and previews the key only when asked', async () => {
    const { api, id } = setup();
    const page = await api.listQuestions({
      search: '',
      type: 'short',
      limit: 50,
      offset: 0,
    });
    expect(page.items.map((i) => i.itemId).sort()).toEqual(['per-sample', 'torch-class']);
    const plain = await api.previewQuestion({ questionId: id('per-sample') });
    expect(plain.view.kind).toBe('short');
    expect(plain.view.feedback).toBeNull();
    const keyed = await api.previewQuestion({ questionId: id('per-sample'), withAnswer: true });
    expect(keyed.view.feedback?.correctValue).toBe('layer norm');
    expect(keyed.view.feedback?.acceptedAnswers?.map((a) => a.text)).toEqual([
      'layer norm*',
      'group norm',
      '*',
    ]);
  });
});

describe('migration 80 (option weights, short answers)', () => {
  it('keeps the questions, options and review cards of a version-79 database', () => {
    const file = tempDbFile('old.db');
    const db = new Database(file);
    opened.push(db);
    db.pragma('foreign_keys = ON');
    updateToVersion(db, 79);
    db.exec(`
      INSERT INTO banks (id, title, license, imported_at) VALUES ('b', 'B', 'CC0', 1);
      INSERT INTO topics (id, title, bank_id, position) VALUES ('t', 'T', 'b', 0);
      INSERT INTO questions (id, bank_id, item_id, topic_id, type, difficulty, current_version)
        VALUES (7, 'b', 'q', 't', 'msq', 3, 1);
      INSERT INTO question_versions (question_id, version, stem, explanation, source, tags, created_at)
        VALUES (7, 1, 'Which?', 'Because.', 's', '[]', 1);
      INSERT INTO question_options (question_id, version, position, option_id, text, correct)
        VALUES (7, 1, 0, 'a', 'A', 1), (7, 1, 1, 'b', 'B', 0);
      INSERT INTO learners (id, name, created_at) VALUES (1, 'l', 1);
      INSERT INTO review_cards (learner_id, question_id, due, stability, difficulty, elapsed_days,
        scheduled_days, learning_steps, reps, lapses, state)
        VALUES (1, 7, 5, 1, 1, 0, 0, 0, 1, 0, 1);
    `);
    migrate(db, file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The old question loads with its key and no weights (graded by the quiz's rule).
    const old = loadQuestion(db as unknown as Db, 7);
    expect(old).toMatchObject({ type: 'msq', difficulty: 3, text: null });
    expect(old?.options).toEqual([
      { id: 'a', text: 'A', correct: true },
      { id: 'b', text: 'B', correct: false },
    ]);
    expect(db.prepare('SELECT question_id FROM review_cards').all()).toEqual([{ question_id: 7 }]);
    // The rebuilt table takes short answers, refuses unknown types, and keeps its index.
    db.prepare(
      "INSERT INTO questions (bank_id, item_id, topic_id, type, difficulty, current_version) VALUES ('b', 's', 't', 'short', 1, 1)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO questions (bank_id, item_id, topic_id, type, difficulty, current_version) VALUES ('b', 'e', 't', 'essay', 1, 1)",
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM questions WHERE retired = 0 AND topic_id = 't' AND difficulty BETWEEN 1 AND 5",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual([
      'SEARCH questions USING COVERING INDEX questions_by_topic (topic_id=? AND difficulty>? AND difficulty<?)',
    ]);
    expect(() =>
      db.prepare('UPDATE question_options SET weight = 1.5 WHERE question_id = 7').run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
