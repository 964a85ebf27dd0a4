/**
 * The quiz engine end to end over a real SQLite file and a fake clock: practice and exam flows,
 * deadline enforcement by the main process, expiry sweep, restart, what the page may see.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { QuizItemView, QuizState } from '../../electron/contract';
import { quizUseCases, sweepExpiredQuizzes } from '../../electron/service/quiz';
import { ServiceError } from '../../electron/service/errors';
import { importPack } from '../../db/bank/import';
import {
  fixturePack,
  openFixtureDb,
  makeDeps,
  SECRET,
  seedSource,
  setupQuiz,
  check,
  choose,
  optionWith,
} from './quiz-helpers';
import type { Db } from '../../db/connection';

const MIN = 60_000;
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function setup(options: Parameters<typeof setupQuiz>[0] = {}) {
  const s = setupQuiz(options);
  opened.push(s.db);
  return s;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe(code);
    return error as ServiceError;
  }
  throw new Error(`expected a ServiceError ${code}`);
}

const findItem = (state: QuizState, stemPart: string): QuizItemView => {
  const item = state.items.find((i) => i.stem.includes(stemPart));
  if (item === undefined) throw new Error(`no item with "${stemPart}"`);
  return item;
};

const allTopicsStart = { selection: 'topics' as const, topics: [] as string[] };

describe('practice', () => {
  it('save → check gives feedback with the misconception, updates mastery, and locks the item', async () => {
    const { api, db, deps } = setup();
    const state = await api.startQuiz({
      mode: 'practice',
      ...allTopicsStart,
      topics: ['normalization'],
      count: 3,
    });
    expect(state.items).toHaveLength(3);
    expect(state.status).toBe('active');
    expect(state.deadlineAt).toBeNull();
    const bn = findItem(state, 'At test time');
    expect(bn.feedback).toBeNull();
    // Every option, under ids that say nothing about the key (o1, o2, … by display position).
    expect(bn.options.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
    expect(bn.options.map((o) => o.text).sort()).toEqual([
      'no statistics at all',
      'the running averages from training',
      'the statistics of the current test batch',
    ]);
    const batchStats = optionWith(state, bn.position, 'current test batch');
    const running = optionWith(state, bn.position, 'running averages');

    const saved = await api.saveAnswer({
      sessionId: state.sessionId,
      position: bn.position,
      response: choose(deps, state, bn.position, 'a'),
    });
    expect(saved.items[bn.position].response).toEqual({ kind: 'choice', optionIds: [batchStats] });
    expect(saved.items[bn.position].feedback).toBeNull();
    expect(saved.currentPosition).toBe(bn.position);

    const checked = await check(api, state.sessionId, bn.position);
    const feedback = checked.items[bn.position].feedback!;
    expect(feedback).toMatchObject({
      correct: false,
      score: 0,
      correctOptionIds: [running],
      correctValue: null,
      explanation: SECRET.bnExplanation,
      misconception: { id: 'bn-test-batch-stats', label: 'Uses batch statistics at test time' },
    });
    expect(feedback.optionFeedback).toEqual({
      [batchStats]: SECRET.bnWrongFeedback,
      [running]: SECRET.bnCorrectFeedback,
    });
    // Other items stay without feedback until checked.
    expect(checked.items.filter((i) => i.feedback !== null)).toHaveLength(1);

    // A checked answer can't change.
    await expectCode(
      api.saveAnswer({
        sessionId: state.sessionId,
        position: bn.position,
        response: choose(deps, state, bn.position, 'b'),
      }),
      'conflict',
    );
    await expectCode(check(api, state.sessionId, bn.position), 'conflict');

    const topics = await api.listTopics();
    const normalization = topics.find((t) => t.topicId === 'normalization')!;
    // One wrong answer from the prior 0.15 (hand-worked in core/mastery.test.ts).
    expect(normalization).toMatchObject({
      attempts: 1,
      correct: 0,
      level: 'attempted',
      questionCount: 3,
    });
    expect(normalization.pKnown).toBeCloseTo(0.1206897, 6);

    const dashboard = await api.getDashboard();
    expect(dashboard.misconceptions).toEqual([
      { id: 'bn-test-batch-stats', label: 'Uses batch statistics at test time', count: 1 },
    ]);
    expect(dashboard.totals).toEqual({ answered: 1, accuracy: 0 });
    expect(dashboard.activity).toHaveLength(30);
    expect(dashboard.activity[29]).toEqual({ day: '2025-03-03', answered: 1, accuracy: 0 });
    expect(dashboard.openQuizzes).toHaveLength(1);
    expect(dashboard.openQuizzes[0]).toMatchObject({
      sessionId: state.sessionId,
      status: 'active',
      answeredCount: 1,
    });
    // Wrong answer: its review card is due within minutes.
    expect(dashboard.reviewsDue).toBe(0);
    deps.clock.now = () => Date.UTC(2025, 2, 3, 9, 30);
    expect((await api.getDashboard()).reviewsDue).toBe(1);

    const attempts = db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number };
    expect(attempts.n).toBe(1);
  });

  it('numeric answers are graded with tolerance and the key is shown after checking', async () => {
    const { api } = setup();
    const state = await api.startQuiz({
      mode: 'practice',
      ...allTopicsStart,
      topics: ['segmentation'],
      count: 2,
    });
    const dice = findItem(state, 'overlap in 4 pixels');
    expect(dice.kind).toBe('numeric');
    await expectCode(
      api.saveAnswer({
        sessionId: state.sessionId,
        position: dice.position,
        response: { kind: 'choice', optionIds: ['o1'] },
      }),
      'invalid-input',
    );
    await expectCode(check(api, state.sessionId, dice.position), 'invalid-input');
    await api.saveAnswer({
      sessionId: state.sessionId,
      position: dice.position,
      response: { kind: 'numeric', text: ' .802 ' },
    });
    const checked = await check(api, state.sessionId, dice.position);
    expect(checked.items[dice.position].feedback).toMatchObject({
      correct: true,
      score: 1,
      correctValue: '0.8',
    });
  });

  it('MSQ partial credit follows the session rule', async () => {
    const { api, deps } = setup();
    const state = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['regularization'],
      count: 3,
      msqRule: 'partial',
    });
    const l1 = findItem(state, 'L1 regularisation');
    await api.saveAnswer({
      sessionId: state.sessionId,
      position: l1.position,
      response: choose(deps, state, l1.position, 'a', 'b', 'c'),
    });
    const checked = await check(api, state.sessionId, l1.position);
    const feedback = checked.items[l1.position].feedback!;
    expect(feedback.score).toBeCloseTo(0.5, 12); // (2 − 1) / 2
    expect(feedback.correct).toBe(false);
    expect(feedback.misconception?.id).toBe('l1-is-l2');
  });

  it('try a similar one: a new variant of a template, another question for a bank item', async () => {
    const { api, db, deps } = setup();
    const state = await api.startQuiz({
      mode: 'practice',
      ...allTopicsStart,
      topics: ['normalization'],
      count: 3,
    });
    const template = state.items.find((i) => i.fromTemplate)!;
    const bn = findItem(state, 'At test time');
    await api.saveAnswer({
      sessionId: state.sessionId,
      position: template.position,
      response: choose(deps, state, template.position, 'a'),
    });
    await check(api, state.sessionId, template.position);

    const similar = await api.trySimilar({
      sessionId: state.sessionId,
      position: template.position,
    });
    expect(similar.items).toHaveLength(4);
    const added = similar.items[template.position + 1];
    expect(added.questionId).toBe(template.questionId);
    expect(added.fromTemplate).toBe(true);
    expect(added.response).toBeNull();
    expect(added.feedback).toBeNull();
    expect(similar.currentPosition).toBe(template.position + 1);
    // The checked item keeps its feedback and the items after it moved one down.
    expect(similar.items[template.position].feedback).not.toBeNull();
    const seeds = db
      .prepare(
        'SELECT variant_seed FROM quiz_items WHERE session_id = ? AND question_id = ? ORDER BY position',
      )
      .pluck()
      .all(state.sessionId, template.questionId) as number[];
    expect(new Set(seeds).size).toBe(2);
    // Attempts moved with their items: every attempt still points at its item.
    const broken = db
      .prepare(
        `SELECT count(*) FROM attempts a JOIN quiz_items i ON i.session_id = a.session_id AND i.position = a.position
         WHERE i.attempt_id IS NOT a.id`,
      )
      .pluck()
      .get();
    expect(broken).toBe(0);

    // All three normalisation questions are already in the quiz: nothing similar is left.
    const bnNow = similar.items.find((i) => i.questionId === bn.questionId)!;
    const error = await expectCode(
      api.trySimilar({ sessionId: state.sessionId, position: bnNow.position }),
      'invalid-input',
    );
    expect(error.message).toContain('Batch normalisation');
  });

  it('try a similar one from the review of a finished exam starts a one-question practice', async () => {
    const { api, db } = setup();
    const exam = await api.startQuiz({
      mode: 'exam',
      ...allTopicsStart,
      topics: ['normalization'],
      count: 3,
      durationMinutes: 10,
    });
    const template = exam.items.find((i) => i.fromTemplate)!;
    await api.finishQuiz({ sessionId: exam.sessionId });
    const practice = await api.trySimilar({
      sessionId: exam.sessionId,
      position: template.position,
    });
    expect(practice.sessionId).not.toBe(exam.sessionId);
    expect(practice.mode).toBe('practice');
    expect(practice.items).toHaveLength(1);
    expect(practice.items[0].questionId).toBe(template.questionId);
    // A fresh variant: a different seed from the one the exam showed.
    const seedOf = (sessionId: number) =>
      db
        .prepare('SELECT variant_seed FROM quiz_items WHERE session_id = ? AND question_id = ?')
        .pluck()
        .get(sessionId, template.questionId);
    expect(seedOf(practice.sessionId)).not.toBe(seedOf(exam.sessionId));
    // The finished exam itself is unchanged.
    expect((await api.getReview({ sessionId: exam.sessionId })).quiz.items).toHaveLength(3);
  });

  it('another bank question of the same topic is added for a bank item', async () => {
    const { api } = setup();
    const state = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['regularization'],
      count: 1,
    });
    const first = state.items[0];
    const similar = await api.trySimilar({ sessionId: state.sessionId, position: 0 });
    expect(similar.items).toHaveLength(2);
    expect(similar.items[1].topicId).toBe('regularization');
    expect(similar.items[1].questionId).not.toBe(first.questionId);
  });

  it('pause and resume; a paused quiz refuses answers with a clear message', async () => {
    const { api } = setup();
    const state = await api.startQuiz({ mode: 'practice', ...allTopicsStart, count: 2 });
    const paused = await api.pauseQuiz({ sessionId: state.sessionId });
    expect(paused.status).toBe('paused');
    const error = await expectCode(
      api.saveAnswer({
        sessionId: state.sessionId,
        position: 0,
        response: { kind: 'numeric', text: '1' },
      }),
      'conflict',
    );
    expect(error.message).toMatch(/paused/);
    await expectCode(api.pauseQuiz({ sessionId: state.sessionId }), 'conflict');
    expect((await api.resumeQuiz({ sessionId: state.sessionId })).status).toBe('active');
    await expectCode(api.resumeQuiz({ sessionId: state.sessionId }), 'conflict');
  });

  it('finish grades saved but unchecked answers; review has every item; history lists it', async () => {
    const { api, deps } = setup();
    const state = await api.startQuiz({
      mode: 'practice',
      ...allTopicsStart,
      topics: ['normalization'],
      count: 3,
    });
    const bn = findItem(state, 'At test time');
    const mean = findItem(state, 'batch mean');
    await api.saveAnswer({
      sessionId: state.sessionId,
      position: bn.position,
      response: choose(deps, state, bn.position, 'b'),
    });
    await api.saveAnswer({
      sessionId: state.sessionId,
      position: mean.position,
      response: { kind: 'numeric', text: '3' },
    });
    await check(api, state.sessionId, mean.position);
    await expectCode(api.getReview({ sessionId: state.sessionId }), 'conflict');
    const review = await api.finishQuiz({ sessionId: state.sessionId });
    expect(review.score).toBe(2);
    expect(review.maxScore).toBe(3);
    expect(review.byTopic).toEqual([
      { topicId: 'normalization', title: 'Batch normalisation', score: 2, max: 3 },
    ]);
    expect(review.quiz.status).toBe('finished');
    expect(review.quiz.finishReason).toBe('submitted');
    expect(review.quiz.items.every((i) => i.feedback !== null)).toBe(true);
    // Finishing again is harmless (the page and the timer may both try).
    expect((await api.finishQuiz({ sessionId: state.sessionId })).score).toBe(2);
    expect(await api.getReview({ sessionId: state.sessionId })).toEqual(review);
    await expectCode(api.goTo({ sessionId: state.sessionId, position: 0 }), 'conflict');
    const history = await api.listHistory();
    expect(history[0]).toMatchObject({
      sessionId: state.sessionId,
      status: 'finished',
      score: 2,
      questionCount: 3,
      answeredCount: 2,
    });
    expect(await api.getOpenQuiz()).toBeNull();
  });

  it("submitAnswer saves and grades in one call: the state carries that item's feedback and attempt", async () => {
    const { api, deps, db } = setup();
    const state = await api.startQuiz({
      mode: 'practice',
      ...allTopicsStart,
      topics: ['normalization'],
      count: 3,
    });
    const bn = findItem(state, 'At test time');
    const commits = db.prepare('SELECT count(*) FROM attempts').pluck();
    const after = await api.submitAnswer({
      sessionId: state.sessionId,
      position: bn.position,
      response: choose(deps, state, bn.position, 'b'),
    });
    const feedback = after.items[bn.position].feedback!;
    expect(feedback).toMatchObject({
      score: 1,
      correct: true,
      outcome: 'correct',
      misconception: null,
    });
    expect(commits.get()).toBe(1);
    const stored = db
      .prepare('SELECT attempt_id FROM quiz_items WHERE session_id = ? AND position = ?')
      .pluck();
    expect(stored.get(state.sessionId, bn.position)).toBe(feedback.attemptId);
    // The other items stay unchecked; a second submit of the same item is refused.
    expect(after.items.filter((i) => i.feedback !== null)).toHaveLength(1);
    await expectCode(
      api.submitAnswer({
        sessionId: state.sessionId,
        position: bn.position,
        response: choose(deps, state, bn.position, 'b'),
      }),
      'conflict',
    );
    expect(commits.get()).toBe(1);
  });
});

describe('exam', () => {
  it('never sends keys, explanations, feedback or misconceptions before it is finished', async () => {
    const { api, deps } = setup();
    const start = await api.startQuiz({
      mode: 'exam',
      ...allTopicsStart,
      count: 8,
      durationMinutes: 30,
    });
    expect(start.items).toHaveLength(8);
    const bn = findItem(start, 'At test time');
    const l1 = findItem(start, 'L1 regularisation');
    const dice = findItem(start, 'overlap in 4 pixels');
    const states: QuizState[] = [start];
    states.push(
      await api.saveAnswer({
        sessionId: start.sessionId,
        position: bn.position,
        response: choose(deps, start, bn.position, 'a'),
      }),
    );
    states.push(
      await api.saveAnswer({
        sessionId: start.sessionId,
        position: l1.position,
        response: choose(deps, start, l1.position, 'a', 'c'),
      }),
    );
    states.push(
      await api.saveAnswer({
        sessionId: start.sessionId,
        position: dice.position,
        response: { kind: 'numeric', text: '0.8' },
      }),
    );
    states.push(
      await api.markForReview({
        sessionId: start.sessionId,
        position: dice.position,
        marked: true,
      }),
    );
    states.push(await api.goTo({ sessionId: start.sessionId, position: 2 }));
    states.push((await api.getOpenQuiz())!);
    states.push(await api.getQuiz({ sessionId: start.sessionId }));
    // In an exam, submitting an answer saves it and grades nothing yet.
    const submitted = await check(api, start.sessionId, bn.position);
    expect(submitted.items[bn.position].response).toEqual(states[1].items[bn.position].response);
    states.push(submitted);
    await expectCode(
      api.trySimilar({ sessionId: start.sessionId, position: bn.position }),
      'exam-running',
    );
    await expectCode(api.pauseQuiz({ sessionId: start.sessionId }), 'forbidden');
    await expectCode(api.getReview({ sessionId: start.sessionId }), 'conflict');
    for (const state of states) {
      const json = JSON.stringify(state);
      for (const secret of Object.values(SECRET)) expect(json).not.toContain(secret);
      for (const word of ['"correct"', 'misconception', 'explanation', 'steps', '"score"'])
        expect(json).not.toContain(word);
      expect(state.items.every((i) => i.feedback === null)).toBe(true);
    }
    expect(states.at(-1)!.items[dice.position].marked).toBe(true);

    // Another quiz can't start while the exam runs.
    await expectCode(api.startQuiz({ mode: 'practice', ...allTopicsStart, count: 1 }), 'open-quiz');
    // Discarding is no way out of an exam.
    await expectCode(
      api.startQuiz({ mode: 'practice', ...allTopicsStart, count: 1, openQuizzes: 'discard' }),
      'forbidden',
    );

    const review = await api.finishQuiz({ sessionId: start.sessionId });
    expect(review.quiz.finishReason).toBe('submitted');
    expect(review.score).toBe(2); // bn wrong, l1 right, dice right, the rest unanswered
    expect(review.maxScore).toBe(8);
    const reviewed = review.quiz.items[bn.position].feedback!;
    expect(reviewed.explanation).toBe(SECRET.bnExplanation);
    expect(reviewed.misconception).toEqual({
      id: 'bn-test-batch-stats',
      label: 'Uses batch statistics at test time',
      feedback: SECRET.bnWrongFeedback,
    });
    expect(
      review.quiz.items.filter((i) => i.response === null).every((i) => i.feedback?.score === 0),
    ).toBe(true);
  });

  it('an answer after the deadline is refused and the exam is finished as expired at that moment', async () => {
    const { api, clock, db, deps } = setup();
    const start = await api.startQuiz({
      mode: 'exam',
      ...allTopicsStart,
      topics: ['normalization'],
      count: 3,
      durationMinutes: 10,
    });
    expect(start.deadlineAt).toBe(clock.now() + 10 * MIN);
    expect(start.remainingMs).toBe(10 * MIN);
    const bn = findItem(start, 'At test time');
    const mean = findItem(start, 'batch mean');
    clock.advance(10 * MIN - 1);
    const last = await api.saveAnswer({
      sessionId: start.sessionId,
      position: bn.position,
      response: choose(deps, start, bn.position, 'b'),
    });
    expect(last.remainingMs).toBe(1);
    clock.advance(1);
    const error = await expectCode(
      api.saveAnswer({
        sessionId: start.sessionId,
        position: mean.position,
        response: { kind: 'numeric', text: '3' },
      }),
      'deadline-passed',
    );
    expect(error.message).toMatch(/Time is up/);
    await expectCode(
      api.markForReview({ sessionId: start.sessionId, position: mean.position, marked: true }),
      'deadline-passed',
    );
    const review = await api.getReview({ sessionId: start.sessionId });
    expect(review.quiz.status).toBe('finished');
    expect(review.quiz.finishReason).toBe('expired');
    expect(review.quiz.items[mean.position].response).toBeNull();
    expect(review.score).toBe(1);
    const finishedAt = db
      .prepare('SELECT finished_at FROM quiz_sessions WHERE id = ?')
      .pluck()
      .get(start.sessionId);
    expect(finishedAt).toBe(start.deadlineAt);
    expect(await api.getOpenQuiz()).toBeNull();
  });

  it('the sweep finishes overdue exams with no window open, grading what was saved in time', async () => {
    const { api, clock, deps, db } = setup();
    const start = await api.startQuiz({
      mode: 'exam',
      ...allTopicsStart,
      topics: ['normalization'],
      count: 3,
      durationMinutes: 5,
    });
    const bn = findItem(start, 'At test time');
    const mean = findItem(start, 'batch mean');
    await api.saveAnswer({
      sessionId: start.sessionId,
      position: bn.position,
      response: choose(deps, start, bn.position, 'a'),
    });
    clock.advance(4 * MIN);
    await api.saveAnswer({
      sessionId: start.sessionId,
      position: mean.position,
      response: { kind: 'numeric', text: '3' },
    });
    expect(sweepExpiredQuizzes(deps)).toBe(0);
    clock.advance(2 * MIN);
    expect(sweepExpiredQuizzes(deps)).toBe(1);
    expect(sweepExpiredQuizzes(deps)).toBe(0);
    const attempts = db
      .prepare('SELECT position, score FROM attempts WHERE session_id = ?')
      .all(start.sessionId);
    // bn: the batch-statistics option is wrong (0); mean: 3 = (1 + 2 + 6) / 3 (1).
    expect(attempts).toEqual(
      expect.arrayContaining([
        { position: bn.position, score: 0 },
        { position: mean.position, score: 1 },
      ]),
    );
    expect(attempts).toHaveLength(2);
    const review = await api.getReview({ sessionId: start.sessionId });
    expect(review.quiz.finishReason).toBe('expired');
    expect(review.quiz.remainingMs).toBe(0);
    expect(review.quiz.items[bn.position].feedback?.misconception?.id).toBe('bn-test-batch-stats');
    const mastery = await api.listTopics();
    expect(mastery.find((t) => t.topicId === 'normalization')?.attempts).toBe(2);
  });

  it('survives a restart: answers kept, remaining time right, expiry still enforced', async () => {
    const first = setup();
    const start = await first.api.startQuiz({
      mode: 'exam',
      ...allTopicsStart,
      topics: ['segmentation'],
      count: 2,
      durationMinutes: 10,
    });
    const dice = findItem(start, 'overlap in 4 pixels');
    first.clock.advance(3 * MIN);
    await first.api.saveAnswer({
      sessionId: start.sessionId,
      position: dice.position,
      response: { kind: 'numeric', text: '0.8' },
    });
    first.db.close();

    first.clock.advance(1.5 * MIN);
    const db = openFixtureDb(first.file, first.clock.now());
    opened.push(db);
    const api = quizUseCases(makeDeps(db, first.clock, seedSource(5000)));
    const resumed = (await api.getOpenQuiz())!;
    expect(resumed.sessionId).toBe(start.sessionId);
    expect(resumed.remainingMs).toBe(5.5 * MIN);
    expect(resumed.items[dice.position].response).toEqual({ kind: 'numeric', text: '0.8' });
    expect(resumed.items.map((i) => i.stem)).toEqual(start.items.map((i) => i.stem));

    first.clock.advance(6 * MIN);
    expect(await api.getOpenQuiz()).toBeNull();
    const review = await api.getReview({ sessionId: start.sessionId });
    expect(review.quiz.finishReason).toBe('expired');
    expect(review.score).toBe(1);
  });
});

describe('template variants', () => {
  it('review shows the very numbers the learner saw; the seed is stored on the item and the attempt', async () => {
    const { api, db, deps } = setup();
    const a = await api.startQuiz({
      mode: 'practice',
      ...allTopicsStart,
      topics: ['normalization'],
      count: 3,
    });
    const ta = a.items.find((i) => i.fromTemplate)!;
    expect(ta.stem).not.toContain(SECRET.templateAddendum);
    await api.saveAnswer({
      sessionId: a.sessionId,
      position: ta.position,
      response: choose(deps, a, ta.position, 'c'),
    });
    const review = await api.finishQuiz({ sessionId: a.sessionId });
    const b = await api.startQuiz({
      mode: 'practice',
      ...allTopicsStart,
      topics: ['normalization'],
      count: 3,
    });
    const tb = b.items.find((i) => i.fromTemplate)!;
    expect(ta.stem).not.toBe(tb.stem); // fresh variant each time
    const reviewed = review.quiz.items[ta.position];
    expect(reviewed.stem).toBe(ta.stem);
    expect(reviewed.options).toEqual(ta.options);
    expect(reviewed.feedback!.explanation).toContain(SECRET.templateAddendum);
    expect(reviewed.feedback!.steps.length).toBeGreaterThan(0);
    const row = db
      .prepare(
        `SELECT i.variant_seed AS item_seed, a.variant_seed AS attempt_seed, a.question_version AS version
         FROM quiz_items i JOIN attempts a ON a.id = i.attempt_id WHERE i.session_id = ? AND i.position = ?`,
      )
      .get(a.sessionId, ta.position) as {
      item_seed: number;
      attempt_seed: number;
      version: number;
    };
    expect(row.item_seed).toBe(row.attempt_seed);
    expect(row.item_seed).not.toBeNull();
    expect(row.version).toBe(1);
  });
});

describe('bank updates', () => {
  it('a quiz keeps the question version it was given; new quizzes get the new one', async () => {
    const { api, db, clock, deps } = setup();
    const old = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['normalization'],
      count: 3,
    });
    const bn = findItem(old, 'At test time');
    await api.saveAnswer({
      sessionId: old.sessionId,
      position: bn.position,
      response: choose(deps, old, bn.position, 'b'),
    });
    await api.finishQuiz({ sessionId: old.sessionId });
    const changed = {
      ...fixturePack,
      items: fixturePack.items.map((item) =>
        item.id === 'bn-test-time'
          ? { ...item, stem: 'REWORDED: at inference, batch norm uses…' }
          : item,
      ),
    };
    expect(importPack(db, changed, { now: clock.now() + 1 }).updated).toBe(1);
    const review = await api.getReview({ sessionId: old.sessionId });
    expect(review.quiz.items[bn.position].stem).toBe(bn.stem);
    expect(review.quiz.items[bn.position].feedback?.correct).toBe(true);
    const fresh = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['normalization'],
      count: 3,
    });
    expect(findItem(fresh, 'REWORDED').questionId).toBe(bn.questionId);
    const versions = db
      .prepare('SELECT question_version FROM quiz_items WHERE question_id = ? ORDER BY session_id')
      .pluck()
      .all(bn.questionId);
    expect(versions).toEqual([1, 2]);
  });
});

describe('recommended and due selection', () => {
  it('recommended prefers weak topics and mixes in due reviews', async () => {
    const { api, clock } = setup();
    const first = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['segmentation'],
      count: 2,
    });
    for (const item of first.items) {
      await api.saveAnswer({
        sessionId: first.sessionId,
        position: item.position,
        // A wrong answer of the right shape (one number, or two for the per-class vector).
        response: { kind: 'numeric', text: item.stem.includes('per-class') ? '42, 42' : '42' },
      });
      await check(api, first.sessionId, item.position);
    }
    await api.finishQuiz({ sessionId: first.sessionId });
    await expectCode(
      api.startQuiz({ mode: 'practice', selection: 'due', topics: [], count: 5 }),
      'invalid-input',
    );
    clock.advance(30 * MIN);
    const due = await api.startQuiz({ mode: 'practice', selection: 'due', topics: [], count: 5 });
    expect(due.items.map((i) => i.questionId).sort()).toEqual(
      first.items.map((i) => i.questionId).sort(),
    );
    await api.finishQuiz({ sessionId: due.sessionId });

    const recommended = await api.startQuiz({
      mode: 'practice',
      selection: 'recommended',
      topics: [],
      count: 6,
    });
    expect(recommended.items).toHaveLength(6);
    expect(new Set(recommended.items.map((i) => i.questionId)).size).toBe(6); // no repeats
    expect(recommended.title).toBe('Practice: recommended');
  });
});

describe('validation', () => {
  it('names what is wrong: unknown quiz, position, topic, empty selection, state', async () => {
    const { api, db, clock } = setup();
    await expectCode(api.getQuiz({ sessionId: 999 }), 'not-found');
    const state = await api.startQuiz({ mode: 'practice', ...allTopicsStart, count: 2 });
    await expectCode(api.goTo({ sessionId: state.sessionId, position: 50 }), 'not-found');
    const topic = await expectCode(
      api.startQuiz({ mode: 'practice', selection: 'topics', topics: ['nope'], count: 2 }),
      'invalid-input',
    );
    expect(topic.message).toContain('"nope"');
    const none = await expectCode(
      api.startQuiz({
        mode: 'practice',
        selection: 'topics',
        topics: ['segmentation'],
        count: 2,
        difficulty: { min: 5, max: 5 },
      }),
      'invalid-input',
    );
    expect(none.message).toContain('difficulty 5–5');
    await expectCode(
      api
        .saveAnswer({
          sessionId: state.sessionId,
          position: 0,
          response: { kind: 'choice', optionIds: ['zz'] },
        })
        .catch(async (e) => {
          // Either an unknown option (choice question) or a kind mismatch (numeric question).
          throw e;
        }),
      'invalid-input',
    );
    // Another learner's quiz is not visible.
    const other = quizUseCases(makeDeps(db, clock, seedSource(9), 'someone-else'));
    await expectCode(other.getQuiz({ sessionId: state.sessionId }), 'not-found');
    expect(await other.getOpenQuiz()).toBeNull();
  });

  it('institute lock-down: exam only, and a fixed MSQ rule that overrides the request', async () => {
    const { db, clock } = setup();
    const deps = {
      ...makeDeps(db, clock, seedSource(1)),
      lockdown: { hideImport: true, examOnly: true, fixedMsqRule: 'all-or-nothing' as const },
    };
    const api = quizUseCases(deps);
    await expectCode(api.startQuiz({ mode: 'practice', ...allTopicsStart, count: 1 }), 'forbidden');
    const exam = await api.startQuiz({
      mode: 'exam',
      ...allTopicsStart,
      count: 1,
      durationMinutes: 5,
      msqRule: 'partial',
    });
    expect(exam.msqRule).toBe('all-or-nothing');
  });

  it('an exam takes the default duration from the settings when none is given', async () => {
    const { api, clock } = setup();
    const exam = await api.startQuiz({ mode: 'exam', ...allTopicsStart, count: 1 });
    expect(exam.deadlineAt).toBe(clock.now() + 20 * MIN);
  });
});
