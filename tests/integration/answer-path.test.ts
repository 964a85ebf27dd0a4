/**
 * The answer path a learner can trust, end to end on real SQLite files: options shuffled per
 * quiz item (first-option guessing does no better than chance), pins kept, quizzes of the
 * requested length, open quizzes settled before another starts, nothing showing a key while an
 * exam runs, finished exams staying finished across a restore, a rewound clock adding no time,
 * fresh questions after restore + import, and a failing timer tick that ends nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureBuiltinBank } from '../../db/bank/builtin';
import { importPack } from '../../db/bank/import';
import type { BankPackInput } from '../../db/bank/schema';
import { openDatabase, type Db } from '../../db/connection';
import { startApp, type RunningApp } from '../../electron/bootstrap';
import type { QuizState } from '../../electron/contract';
import { dispatch, dispatchingClient } from '../../electron/dispatch';
import { createService } from '../../electron/service';
import { ServiceError } from '../../electron/service/errors';
import {
  choose,
  FakeClock,
  fixturePack,
  makeDeps,
  optionWith,
  seedSource,
  setupQuiz,
  tempDbFile,
} from './quiz-helpers';

const MIN = 60_000;
const opened: Db[] = [];
const apps: RunningApp[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const app of apps.splice(0)) app.stop();
});

function setup(options: Parameters<typeof setupQuiz>[0] = {}) {
  const s = setupQuiz(options);
  opened.push(s.db);
  return s;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ServiceError) return error.code;
    throw error;
  }
}

describe('shuffled options', () => {
  it('always picking the first option shown scores no better than chance + 10 points on the built-in bank', async () => {
    const file = tempDbFile('builtin.db');
    const db = openDatabase(file);
    opened.push(db);
    ensureBuiltinBank(db, Date.UTC(2026, 0, 5));
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 9));
    const api = createService(makeDeps(db, clock, seedSource(4242)));
    let asked = 0;
    let right = 0;
    let chance = 0;
    for (let exam = 0; exam < 6; exam++) {
      const state = await api.startQuiz({
        mode: 'exam',
        selection: 'topics',
        topics: [],
        count: 100,
        durationMinutes: 60,
        openQuizzes: 'finish',
      });
      const fixed = state.items.filter((i) => i.kind === 'mcq' && !i.fromTemplate);
      for (const item of fixed) {
        await api.saveAnswer({
          sessionId: state.sessionId,
          position: item.position,
          response: { kind: 'choice', optionIds: [item.options[0].id] },
        });
      }
      const review = await api.finishQuiz({ sessionId: state.sessionId });
      for (const item of fixed) {
        asked++;
        chance += 1 / item.options.length;
        if (review.quiz.items[item.position].feedback!.correct) right++;
      }
      clock.advance(MIN);
    }
    expect(asked).toBeGreaterThan(100);
    // Chance is Σ 1/(options of each question asked); the first option may beat it by 10 points.
    expect(right / asked).toBeLessThanOrEqual(chance / asked + 0.1);
  });

  it('a question that comes back is shown in another order; review and palette keep the order it had', async () => {
    const { api, deps } = setup();
    const orders = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const state = await api.startQuiz({
        mode: 'practice',
        selection: 'topics',
        topics: ['regularization'],
        count: 3,
        openQuizzes: 'finish',
      });
      const l1 = state.items.find((i) => i.stem.includes('L1 regularisation'))!;
      const texts = l1.options.map((o) => o.text);
      orders.add(texts.join('|'));
      // Ids are by display position, whatever the order: they say nothing about the key.
      expect(l1.options.map((o) => o.id)).toEqual(['o1', 'o2', 'o3', 'o4']);
      const after = await api.submitAnswer({
        sessionId: state.sessionId,
        position: l1.position,
        response: choose(deps, state, l1.position, 'a', 'c'),
      });
      const shown = after.items[l1.position];
      expect(shown.options.map((o) => o.text)).toEqual(texts);
      // The key refers to the options by the ids shown: "drives weights to zero" and "constant
      // magnitude" are the true statements (fixture key a, c).
      expect([...shown.feedback!.correctOptionIds].sort()).toEqual(
        [
          optionWith(after, l1.position, 'exactly zero'),
          optionWith(after, l1.position, 'constant magnitude'),
        ].sort(),
      );
      const review = await api.finishQuiz({ sessionId: state.sessionId });
      expect(review.quiz.items[l1.position].options.map((o) => o.text)).toEqual(texts);
    }
    expect(orders.size).toBeGreaterThanOrEqual(4);
  });

  it('a pinned option keeps its stored place in every order', async () => {
    const { api, db } = setup();
    db.prepare(
      `UPDATE question_options SET pin = 1
       WHERE option_id = 'd' AND question_id = (SELECT id FROM questions WHERE item_id = 'l1-sparsity')`,
    ).run();
    const orders = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const state = await api.startQuiz({
        mode: 'practice',
        selection: 'topics',
        topics: ['regularization'],
        count: 3,
        openQuizzes: 'discard',
      });
      const l1 = state.items.find((i) => i.stem.includes('L1 regularisation'))!;
      expect(l1.options[3].text).toBe('It always improves training accuracy.');
      orders.add(l1.options.map((o) => o.text).join('|'));
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});

/** A pack with one topic of `n` numeric questions at difficulty 1 + (i mod 5). */
function widePack(n: number): BankPackInput {
  return {
    format: 'deepdrill-bank',
    version: 1,
    id: 'wide',
    title: 'Wide topic',
    license: 'CC0-1.0',
    topics: [{ id: 'wide-topic', title: 'Wide topic' }],
    items: Array.from({ length: n }, (_, i) => ({
      id: `q${i}`,
      topic: 'wide-topic',
      type: 'numeric' as const,
      stem: `What is ${i} + 1?`,
      answer: { value: i + 1, tolerance: { abs: 0 } },
      explanation: `${i} + 1 = ${i + 1}.`,
      difficulty: 1 + (i % 5),
      tags: [],
      source: 'test',
    })),
  };
}

describe('fair quizzes', () => {
  it('a quiz has the length asked for whenever that many questions match, and the count is told first', async () => {
    const { api, db, clock } = setup();
    expect(importPack(db, widePack(32), { now: clock.now() }).ok).toBe(true);
    expect(await api.countMatching({ topics: ['wide-topic'] })).toEqual({ matching: 32 });
    // Difficulties 1 + (i mod 5): i ≡ 0 or 1 (mod 5) gives 1 or 2: 7 + 7 = 14 of 32.
    expect(
      await api.countMatching({ topics: ['wide-topic'], difficulty: { min: 1, max: 2 } }),
    ).toEqual({ matching: 14 });
    for (let round = 0; round < 6; round++) {
      const state = await api.startQuiz({
        mode: 'practice',
        selection: 'topics',
        topics: ['wide-topic'],
        count: 32,
        openQuizzes: 'finish',
      });
      expect(state.items).toHaveLength(32);
      expect(new Set(state.items.map((i) => i.questionId)).size).toBe(32);
      // Answer a few so later rounds draw around seen questions too.
      for (const item of state.items.slice(0, 5)) {
        await api.submitAnswer({
          sessionId: state.sessionId,
          position: item.position,
          response: { kind: 'numeric', text: '1' },
        });
      }
    }
  });

  it('partial credit is partial: the item says so and the topic counts the part earned', async () => {
    const { api, deps } = setup();
    const state = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['regularization'],
      count: 3,
      msqRule: 'partial',
    });
    const l1 = state.items.find((i) => i.stem.includes('L1 regularisation'))!;
    const after = await api.submitAnswer({
      sessionId: state.sessionId,
      position: l1.position,
      // Key {a, c}: one of two right picks, no wrong pick → (1 − 0)/2 = 0.5.
      response: choose(deps, state, l1.position, 'a'),
    });
    expect(after.items[l1.position].feedback).toMatchObject({
      score: 0.5,
      correct: false,
      outcome: 'partial',
    });
    const topic = (await api.listTopics()).find((t) => t.topicId === 'regularization')!;
    expect(topic).toMatchObject({ attempts: 1, correct: 0, scoreSum: 0.5 });
  });

  it('an exam lasts at least a minute: a tiny duration is refused at the boundary, naming it', async () => {
    const { api } = setup();
    const result = await dispatch(api, 'startQuiz', {
      mode: 'exam',
      selection: 'topics',
      topics: [],
      count: 2,
      durationMinutes: 1e-9,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toContain('durationMinutes');
      expect(result.error.message).toContain('at least 1 minute');
    }
  });
});

describe('typed answers', () => {
  it('a typed value that a named misconception gives is diagnosed and counted; a wrong count is refused, not graded', async () => {
    const { api, db, clock } = setup();
    const pack: BankPackInput = {
      ...widePack(0),
      id: 'typed',
      topics: [{ id: 'typed-topic', title: 'Typed variance' }],
      items: [
        {
          id: 'bn-var-typed',
          topic: 'typed-topic',
          type: 'template',
          template: 'batchnorm-train-stats',
          form: 'numeric',
          params: { preset: 'source', stat: 'variance' },
          difficulty: 2,
          tags: [],
          source: 'test',
        },
      ],
    };
    expect(importPack(db, pack, { now: clock.now() }).ok).toBe(true);
    const state = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['typed-topic'],
      count: 1,
    });
    const attempts = db.prepare('SELECT count(*) FROM attempts').pluck();
    // Three values are expected (one variance per neuron): two are refused without counting.
    const short = await codeOf(
      api.submitAnswer({
        sessionId: state.sessionId,
        position: 0,
        response: { kind: 'numeric', text: '16, 13' },
      }),
    );
    expect(short).toBe('invalid-input');
    expect(attempts.get()).toBe(0);
    // Neurons 4,0,8 / 4,2,9 / 3,5,1: squared deviations 32, 26, 8 divided by N − 1 = 2 give
    // 16, 13, 4 — the unbiased variance, where training statistics divide by N = 3.
    const after = await api.submitAnswer({
      sessionId: state.sessionId,
      position: 0,
      response: { kind: 'numeric', text: '16, 13, 4' },
    });
    const feedback = after.items[0].feedback!;
    expect(feedback.correct).toBe(false);
    expect(feedback.misconception?.id).toBe('unbiased-variance');
    expect(feedback.misconception?.feedback).toBeTruthy();
    expect((await api.getDashboard()).misconceptions).toEqual([
      expect.objectContaining({ id: 'unbiased-variance', count: 1 }),
    ]);
    expect(attempts.get()).toBe(1);
  });
});

describe('unfinished quizzes', () => {
  it('starting while one is open asks; finish grades it, discard drops it; all open ones are listed', async () => {
    const { api, db, deps } = setup();
    const first = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: [],
      count: 2,
    });
    await api.saveAnswer({
      sessionId: first.sessionId,
      position: 0,
      response:
        first.items[0].kind === 'numeric'
          ? { kind: 'numeric', text: '3' }
          : choose(deps, first, 0, 'a'),
    });
    expect(
      await codeOf(api.startQuiz({ mode: 'practice', selection: 'topics', topics: [], count: 2 })),
    ).toBe('open-quiz');
    expect((await api.listOpenQuizzes()).map((q) => q.sessionId)).toEqual([first.sessionId]);
    // Finish it and start: the saved answer is graded, nothing is lost.
    const second = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: [],
      count: 2,
      openQuizzes: 'finish',
    });
    expect((await api.getReview({ sessionId: first.sessionId })).quiz.items[0].feedback).not.toBe(
      null,
    );
    const attempts = db.prepare('SELECT count(*) FROM attempts').pluck();
    expect(attempts.get()).toBe(1);
    // Discard it and start: gone from the open list and the history, nothing graded.
    await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: [],
      count: 2,
      openQuizzes: 'discard',
    });
    expect(await codeOf(api.getQuiz({ sessionId: second.sessionId }))).toBe('not-found');
    expect((await api.listHistory()).map((h) => h.sessionId)).not.toContain(second.sessionId);
    expect(attempts.get()).toBe(1);
    // A database from before this version may hold several active sessions: every one is listed.
    db.prepare(`UPDATE quiz_sessions SET status = 'active'`).run();
    expect(await api.listOpenQuizzes()).toHaveLength(3);
    expect((await api.getDashboard()).openQuizzes).toHaveLength(3);
  });
});

describe('while an exam runs', () => {
  it('no route shows a key: other quizzes, reviews, similar questions, previews, restore', async () => {
    const { api, db, clock, deps } = setup();
    // An earlier practice quiz, finished (its review holds keys) …
    const earlier = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['normalization'],
      count: 3,
    });
    await api.finishQuiz({ sessionId: earlier.sessionId });
    // … and one left open by an older version (a database may hold one).
    const open = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['normalization'],
      count: 3,
    });
    const exam = await api.startQuiz({
      mode: 'exam',
      selection: 'topics',
      topics: ['normalization'],
      count: 3,
      durationMinutes: 30,
      openQuizzes: 'finish',
    });
    // Starting the exam finished it; put it back open as an older version could have left it.
    db.prepare(
      `UPDATE quiz_sessions SET status = 'active', finished_at = NULL, finish_reason = NULL,
         score = NULL, max_score = NULL WHERE id = ?`,
    ).run(open.sessionId);
    clock.advance(MIN);
    const bn = open.items.find((i) => i.stem.includes('At test time'))!;
    const refused = {
      check: api.submitAnswer({
        sessionId: open.sessionId,
        position: bn.position,
        response: choose(deps, open, bn.position, 'b'),
      }),
      similarInPractice: api.trySimilar({ sessionId: open.sessionId, position: 0 }),
      similarFromReview: api.trySimilar({ sessionId: earlier.sessionId, position: 0 }),
      review: api.getReview({ sessionId: earlier.sessionId }),
      otherQuiz: api.getQuiz({ sessionId: earlier.sessionId }),
      finishOther: api.finishQuiz({ sessionId: open.sessionId }),
      preview: api.previewQuestion({ questionId: exam.items[0].questionId }),
      restore: api.restoreBackup({ name: 'deepdrill-manual-20260101T000000000Z.db' }),
    };
    for (const [route, call] of Object.entries(refused)) {
      expect(await codeOf(call), route).toBe('exam-running');
    }
    // Nothing was graded by any of them.
    expect(
      db.prepare('SELECT count(*) FROM attempts WHERE session_id = ?').pluck().get(open.sessionId),
    ).toBe(0);
    // The exam itself goes on.
    expect((await api.getQuiz({ sessionId: exam.sessionId })).status).toBe('active');
  });

  it('a clock moved back never adds time, and an expired exam stays expired', async () => {
    const { api, clock } = setup();
    const exam = await api.startQuiz({
      mode: 'exam',
      selection: 'topics',
      topics: ['segmentation'],
      count: 2,
      durationMinutes: 30,
    });
    clock.advance(10 * MIN);
    expect((await api.getQuiz({ sessionId: exam.sessionId })).remainingMs).toBe(20 * MIN);
    clock.advance(-2 * 60 * MIN);
    const rewound = await api.getQuiz({ sessionId: exam.sessionId });
    expect(rewound.remainingMs).toBe(20 * MIN);
    expect(rewound.deadlineAt).toBe(clock.now() + 20 * MIN);
    clock.advance(5 * MIN);
    expect((await api.getQuiz({ sessionId: exam.sessionId })).remainingMs).toBe(15 * MIN);
    clock.advance(16 * MIN);
    const expired = await api.getQuiz({ sessionId: exam.sessionId });
    expect(expired).toMatchObject({ status: 'finished', finishReason: 'expired', remainingMs: 0 });
    clock.advance(-3 * 60 * MIN);
    const later = await api.getQuiz({ sessionId: exam.sessionId });
    expect(later).toMatchObject({ status: 'finished', remainingMs: 0 });
    expect(
      await codeOf(
        api.saveAnswer({
          sessionId: exam.sessionId,
          position: 0,
          response: { kind: 'numeric', text: '1' },
        }),
      ),
    ).toBe('deadline-passed');
  });
});

function appInFolder(now: { t: number }, extra: Partial<Parameters<typeof startApp>[0]> = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'deepdrill-answer-path-'));
  const app = startApp({
    dbPath: join(folder, 'deepdrill.db'),
    mode: 'browser',
    includeBuiltinBank: false,
    clock: { now: () => now.t },
    ...extra,
  });
  apps.push(app);
  expect(importPack(app.db, fixturePack, { now: now.t }).ok).toBe(true);
  return app;
}

describe('restore', () => {
  it('backup → finish → restore cannot reopen or re-score a finished exam', async () => {
    const now = { t: Date.UTC(2026, 5, 1, 9) };
    const app = appInFolder(now);
    const api = app.service;
    const exam = await api.startQuiz({
      mode: 'exam',
      selection: 'topics',
      topics: ['segmentation'],
      count: 2,
      durationMinutes: 20,
    });
    const dice = exam.items.find((i) => i.stem.includes('overlap in 4 pixels'))!;
    // 2·4/(6 + 4) = 0.8 is the Dice coefficient: a right answer, saved before the backup.
    await api.saveAnswer({
      sessionId: exam.sessionId,
      position: dice.position,
      response: { kind: 'numeric', text: '0.8' },
    });
    const backup = await api.backupNow();
    now.t += MIN;
    const finished = await api.finishQuiz({ sessionId: exam.sessionId });
    expect(finished.score).toBe(1);
    await api.restoreBackup({ name: backup.name });
    const after = await api.getReview({ sessionId: exam.sessionId });
    expect(after.quiz).toMatchObject({ status: 'finished', finishReason: 'submitted' });
    expect(after.score).toBe(1);
    expect(await api.getOpenQuiz()).toBeNull();
    // It cannot be answered again with the keys its review shows.
    const other = after.quiz.items.find((i) => i.position !== dice.position)!;
    expect(
      await codeOf(
        api.saveAnswer({
          sessionId: exam.sessionId,
          position: other.position,
          response: { kind: 'numeric', text: other.feedback!.correctValue ?? '0' },
        }),
      ),
    ).toBe('conflict');
    expect((await api.getReview({ sessionId: exam.sessionId })).score).toBe(1);
  });

  it('after restore + import the running service shows and grades the new questions', async () => {
    const now = { t: Date.UTC(2026, 5, 2, 9) };
    const app = appInFolder(now);
    const api = app.service;
    const backup = await api.backupNow();
    const rename = (stem: string): BankPackInput => ({
      ...fixturePack,
      items: fixturePack.items.map((item) =>
        item.id === 'bn-mean' && item.type === 'numeric'
          ? { ...item, stem, answer: { value: 4, tolerance: { abs: 0.01 } } }
          : item,
      ),
    });
    const ask = async () => {
      const state = await api.startQuiz({
        mode: 'practice',
        selection: 'topics',
        topics: ['normalization'],
        count: 3,
        openQuizzes: 'discard',
      });
      return { state, mean: state.items.find((i) => i.stem.includes('batch'))! };
    };
    const importText = (pack: BankPackInput) =>
      api.importBank({ fileName: 'fixture.json', content: JSON.stringify(pack) });
    expect((await importText(rename('Version two: values 2, 4 and 6; the batch mean?'))).ok).toBe(
      true,
    );
    const v2 = await ask();
    expect(v2.state.items.some((i) => i.stem.startsWith('Version two'))).toBe(true);
    await api.restoreBackup({ name: backup.name });
    // The restored data has version 1 again; importing makes a version 2 with other content.
    expect((await importText(rename('Version three: values 3, 4 and 5; the batch mean?'))).ok).toBe(
      true,
    );
    const v3 = await ask();
    const stems = v3.state.items.map((i) => i.stem);
    expect(stems.some((s) => s.startsWith('Version three'))).toBe(true);
    expect(stems.some((s) => s.startsWith('Version two'))).toBe(false);
    const three = v3.state.items.find((i) => i.stem.startsWith('Version three'))!;
    // (3 + 4 + 5)/3 = 4.
    const graded = await api.submitAnswer({
      sessionId: v3.state.sessionId,
      position: three.position,
      response: { kind: 'numeric', text: '4' },
    });
    expect(graded.items[three.position].feedback).toMatchObject({ correct: true });
  });
});

describe('timers', () => {
  it('a write that fails at an exam deadline is logged and retried; the exam expires once it can', async () => {
    const now = { t: Date.UTC(2026, 5, 3, 9) };
    const errors: unknown[] = [];
    const app = appInFolder(now, { sweepIntervalMs: 10, onTimerError: (e) => errors.push(e) });
    const api = dispatchingClient(app.service);
    const exam: QuizState = await api.startQuiz({
      mode: 'exam',
      selection: 'topics',
      topics: ['segmentation'],
      count: 2,
      durationMinutes: 5,
    });
    await api.saveAnswer({
      sessionId: exam.sessionId,
      position: 0,
      response: { kind: 'numeric', text: '0.8' },
    });
    // The disk refuses writes (as a full or read-only disk does), then the deadline passes.
    app.db.pragma('query_only = 1');
    now.t += 6 * MIN;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(errors.length).toBeGreaterThan(1);
    expect(String(errors[0])).toMatch(/readonly/i);
    // The disk is back: the next tick finishes the exam with the answer saved in time.
    app.db.pragma('query_only = 0');
    await new Promise((resolve) => setTimeout(resolve, 60));
    const status = app.db
      .prepare('SELECT status, finish_reason FROM quiz_sessions WHERE id = ?')
      .get(exam.sessionId);
    expect(status).toEqual({ status: 'finished', finish_reason: 'expired' });
    expect(
      app.db
        .prepare('SELECT count(*) FROM attempts WHERE session_id = ?')
        .pluck()
        .get(exam.sessionId),
    ).toBe(1);
  });
});
