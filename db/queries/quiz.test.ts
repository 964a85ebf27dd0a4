/**
 * The quiz and progress queries: round trips of the records, the item shift of "try a similar
 * one", and EXPLAIN QUERY PLAN checks that the hot reads use their indexes (a full scan of
 * attempts or questions here would break the latency targets at 100k questions / 1M attempts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduleReview } from '../../core/mastery';
import { openDatabase, type Db } from '../connection';
import { ensureLearner } from './learners';
import {
  addDailyActivity,
  bumpMisconception,
  countDueReviews,
  getMastery,
  getReviewCard,
  listDailyActivity,
  listDueReviews,
  listTopicProgress,
  progressHotSql,
  questionCountsByTopic,
  topMisconceptions,
  upsertMastery,
  upsertReviewCard,
} from './progress';
import {
  countTopicQuestionsCapped,
  finishSession,
  getAttempt,
  getItem,
  getSession,
  insertAttempt,
  insertItem,
  insertSession,
  listExpiredExamIds,
  listItems,
  listOpenSessions,
  listSessionHistory,
  quizHotSql,
  sampleTopicQuestions,
  saveItemResponse,
  setItemAttempt,
  shiftItemsAfter,
} from './quiz';

let db: Db;
let learner: number;
const t0 = Date.UTC(2025, 0, 6, 9);

/** Minimal bank written directly: two topics, 40 questions over difficulties 1–5. */
function seedBank(target: Db): void {
  target.exec(`
    INSERT INTO banks (id, title, license, imported_at) VALUES ('b', 'B', 'CC0', 0);
    INSERT INTO topics (id, title, bank_id, position) VALUES ('t1', 'Topic one', 'b', 0), ('t2', 'Topic two', 'b', 1);`);
  const q = target.prepare(
    `INSERT INTO questions (id, bank_id, item_id, topic_id, type, difficulty, current_version, retired)
     VALUES (?, 'b', ?, ?, 'numeric', ?, 1, ?)`,
  );
  const v = target.prepare(
    `INSERT INTO question_versions (question_id, version, stem, explanation, source, tags, numeric_value, tolerance_abs, created_at)
     VALUES (?, 1, 'stem', 'why', 'src', '[]', '1', 0.1, 0)`,
  );
  target.transaction(() => {
    for (let id = 1; id <= 40; id++) {
      q.run(id, `q${id}`, id % 2 === 0 ? 't1' : 't2', 1 + (id % 5), id === 40 ? 1 : 0);
      v.run(id);
    }
  })();
}

beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'deepdrill-q-')), 'q.db'));
  seedBank(db);
  learner = ensureLearner(db, 'me', t0);
});
afterEach(() => db.close());

function newSession(
  mode: 'practice' | 'exam' = 'practice',
  deadlineAt: number | null = null,
): number {
  return insertSession(db, {
    learnerId: learner,
    mode,
    msqRule: 'partial',
    title: 'T',
    createdAt: t0,
    durationMs: deadlineAt === null ? null : deadlineAt - t0,
    deadlineAt,
  });
}

describe('quiz records', () => {
  it('round-trip sessions, items, responses and attempts', () => {
    const id = newSession('exam', t0 + 60_000);
    insertItem(db, {
      sessionId: id,
      position: 0,
      questionId: 2,
      questionVersion: 1,
      variantSeed: 77,
      optionSeed: 5,
      shownAt: t0,
    });
    saveItemResponse(db, id, 0, { kind: 'numeric', text: '1.0' }, t0 + 5);
    expect(getItem(db, id, 0)).toEqual({
      sessionId: id,
      position: 0,
      questionId: 2,
      questionVersion: 1,
      variantSeed: 77,
      optionSeed: 5,
      response: { kind: 'numeric', text: '1.0' },
      marked: false,
      shownAt: t0,
      savedAt: t0 + 5,
      attemptId: null,
      hintsUsed: 0,
      tries: 0,
    });
    const attemptId = insertAttempt(db, {
      learnerId: learner,
      sessionId: id,
      position: 0,
      questionId: 2,
      questionVersion: 1,
      variantSeed: 77,
      topicId: 't1',
      response: { kind: 'numeric', text: '1.0' },
      score: 1,
      correct: true,
      misconceptionId: null,
      answeredAt: t0 + 5,
      durationMs: 5,
    });
    setItemAttempt(db, id, 0, attemptId);
    expect(getAttempt(db, attemptId)).toMatchObject({
      id: attemptId,
      variantSeed: 77,
      correct: true,
      score: 1,
    });
    expect(listOpenSessions(db, learner).map((s) => s.id)).toEqual([id]);
    expect(listExpiredExamIds(db, t0 + 59_999)).toEqual([]);
    expect(listExpiredExamIds(db, t0 + 60_000)).toEqual([id]);
    finishSession(db, id, { finishedAt: t0 + 60_000, reason: 'expired', score: 1, maxScore: 1 });
    expect(getSession(db, id)).toMatchObject({
      status: 'finished',
      finishReason: 'expired',
      score: 1,
      maxScore: 1,
    });
    expect(listOpenSessions(db, learner)).toEqual([]);
    expect(listSessionHistory(db, learner, 10)[0]).toMatchObject({
      id,
      itemCount: 1,
      answeredCount: 1,
    });
  });

  it('shiftItemsAfter moves later items and their attempts one position on', () => {
    const id = newSession();
    for (let p = 0; p < 4; p++) {
      insertItem(db, {
        sessionId: id,
        position: p,
        questionId: p + 1,
        questionVersion: 1,
        variantSeed: null,
        optionSeed: null,
        shownAt: null,
      });
    }
    const attemptId = insertAttempt(db, {
      learnerId: learner,
      sessionId: id,
      position: 2,
      questionId: 3,
      questionVersion: 1,
      variantSeed: null,
      topicId: 't2',
      response: { kind: 'numeric', text: '1' },
      score: 1,
      correct: true,
      misconceptionId: null,
      answeredAt: t0,
      durationMs: 0,
    });
    setItemAttempt(db, id, 2, attemptId);
    db.transaction(() => shiftItemsAfter(db, id, 1))();
    expect(listItems(db, id).map((i) => [i.position, i.questionId])).toEqual([
      [0, 1],
      [1, 2],
      [3, 3],
      [4, 4],
    ]);
    expect(getAttempt(db, attemptId)?.position).toBe(3);
    expect(getItem(db, id, 3)?.attemptId).toBe(attemptId);
  });

  it('samples a topic at one difficulty from a pivot, wrapping around, flagging seen questions', () => {
    upsertReviewCard(db, learner, 4, scheduleReview(null, t0, true));
    // t1 has even ids; difficulty 1 + (id % 5) = 5 for ids 4, 14, 24, 34.
    const all = sampleTopicQuestions(db, {
      learnerId: learner,
      topicId: 't1',
      difficulty: 5,
      pivot: 20,
      limit: 10,
    });
    expect(all.map((c) => c.id)).toEqual([24, 34, 4, 14]);
    expect(all.find((c) => c.id === 4)?.seen).toBe(true);
    expect(all.find((c) => c.id === 24)?.seen).toBe(false);
    expect(
      sampleTopicQuestions(db, {
        learnerId: learner,
        topicId: 't1',
        difficulty: 5,
        pivot: 0,
        limit: 2,
      }).map((c) => c.id),
    ).toEqual([4, 14]);
    // Retired question 40 (t1, difficulty 1) is never offered.
    const easy = sampleTopicQuestions(db, {
      learnerId: learner,
      topicId: 't1',
      difficulty: 1,
      pivot: 0,
      limit: 10,
    });
    expect(easy.map((c) => c.id)).toEqual([10, 20, 30]);
    expect(countTopicQuestionsCapped(db, 't1', { min: 1, max: 5 }, 100)).toBe(19);
    expect(countTopicQuestionsCapped(db, 't1', { min: 1, max: 5 }, 5)).toBe(5);
  });
});

describe('progress aggregates', () => {
  it('mastery, review cards, misconceptions and daily activity', () => {
    expect(getMastery(db, learner, 't1')).toBeUndefined();
    upsertMastery(db, {
      learnerId: learner,
      topicId: 't1',
      pKnown: 0.4,
      attempts: 1,
      correct: 1,
      scoreSum: 1,
      updatedAt: t0,
    });
    upsertMastery(db, {
      learnerId: learner,
      topicId: 't1',
      pKnown: 0.5,
      attempts: 2,
      correct: 1,
      scoreSum: 1.5,
      updatedAt: t0 + 1,
    });
    expect(getMastery(db, learner, 't1')).toMatchObject({
      pKnown: 0.5,
      attempts: 2,
      scoreSum: 1.5,
    });
    const topics = listTopicProgress(db, learner);
    expect(topics.map((t) => [t.topicId, t.questionCount, t.mastery?.attempts ?? null])).toEqual([
      ['t1', 19, 2],
      ['t2', 20, null],
    ]);

    // Question counts are memoised until the bank changes.
    expect(questionCountsByTopic(db).get('t2')).toBe(20);
    db.prepare(
      `INSERT INTO questions (id, bank_id, item_id, topic_id, type, difficulty, current_version)
       VALUES (41, 'b', 'q41', 't2', 'numeric', 1, 1)`,
    ).run();
    expect(questionCountsByTopic(db).get('t2')).toBe(21);
    db.prepare(`UPDATE questions SET retired = 1 WHERE id = 41`).run();
    db.prepare(`UPDATE banks SET imported_at = imported_at + 1`).run();
    expect(questionCountsByTopic(db).get('t2')).toBe(20);

    const card = scheduleReview(null, t0, false);
    upsertReviewCard(db, learner, 3, card);
    expect(getReviewCard(db, learner, 3)).toEqual(card);
    expect(countDueReviews(db, learner, card.due - 1, 10)).toBe(0);
    expect(countDueReviews(db, learner, card.due, 10)).toBe(1);
    upsertReviewCard(db, learner, 5, card);
    upsertReviewCard(db, learner, 7, card);
    expect(countDueReviews(db, learner, card.due, 2)).toBe(2);
    expect(listDueReviews(db, learner, card.due, 1)).toEqual([
      { questionId: 3, topicId: 't2', due: card.due },
    ]);

    bumpMisconception(db, learner, { id: 'm1', label: 'One' }, t0);
    bumpMisconception(db, learner, { id: 'm2', label: 'Two' }, t0);
    bumpMisconception(db, learner, { id: 'm2', label: 'Two' }, t0 + 1);
    expect(topMisconceptions(db, learner, 5)).toEqual([
      { id: 'm2', label: 'Two', count: 2, lastAt: t0 + 1 },
      { id: 'm1', label: 'One', count: 1, lastAt: t0 },
    ]);

    addDailyActivity(db, learner, '2025-01-05', 1);
    addDailyActivity(db, learner, '2025-01-06', 0.5);
    addDailyActivity(db, learner, '2025-01-06', 0);
    expect(listDailyActivity(db, learner, '2025-01-06')).toEqual([
      { day: '2025-01-06', answered: 2, scoreSum: 0.5 },
    ]);
  });
});

describe('EXPLAIN QUERY PLAN of the hot queries', () => {
  const plan = (sql: string, ...params: unknown[]): string =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');

  it('next-question candidates use questions_by_topic and the review card key', () => {
    const detail = plan(quizHotSql.candidatesFrom, {
      learner: 1,
      topic: 't1',
      difficulty: 3,
      pivot: 0,
      limit: 5,
    });
    expect(detail).toMatch(
      /SEARCH q USING (COVERING )?INDEX questions_by_topic \(topic_id=\? AND difficulty=\? AND rowid>\?\)/,
    );
    expect(detail).toMatch(/SEARCH r USING PRIMARY KEY \(learner_id=\? AND question_id=\?\)/);
    expect(detail).not.toMatch(/SCAN/);
    expect(
      plan(quizHotSql.candidatesBefore, {
        learner: 1,
        topic: 't1',
        difficulty: 3,
        pivot: 9,
        limit: 5,
      }),
    ).toMatch(/INDEX questions_by_topic \(topic_id=\? AND difficulty=\? AND rowid<\?\)/);
    expect(
      plan(quizHotSql.topicQuestionCountCapped, { topic: 't1', min: 1, max: 5, cap: 10 }),
    ).toMatch(/INDEX questions_by_topic \(topic_id=\? AND difficulty>\? AND difficulty<\?\)/);
  });

  it('due reviews use review_cards_due', () => {
    expect(plan(progressHotSql.countDue, 1, t0, 999)).toMatch(
      /USING COVERING INDEX review_cards_due \(learner_id=\? AND due<\?\)/,
    );
    const due = plan(progressHotSql.listDue, 1, t0, 10);
    expect(due).toMatch(/INDEX review_cards_due \(learner_id=\? AND due<\?\)/);
    expect(due).toMatch(/SEARCH q USING INTEGER PRIMARY KEY/);
    expect(due).not.toMatch(/TEMP B-TREE/);
  });

  it('mastery lookups use the primary key; topics count questions through the covering index', () => {
    expect(plan(progressHotSql.mastery, 1, 't1')).toMatch(
      /SEARCH mastery USING PRIMARY KEY \(learner_id=\? AND topic_id=\?\)/,
    );
    expect(plan(progressHotSql.topics, 1)).toMatch(
      /SEARCH m USING PRIMARY KEY \(learner_id=\? AND topic_id=\?\)/,
    );
    expect(plan(progressHotSql.questionCounts)).toMatch(
      /COVERING INDEX questions_by_topic \(topic_id=\?\)/,
    );
    expect(plan(progressHotSql.activity, 1, '2025-01-01')).toMatch(
      /SEARCH daily_activity USING PRIMARY KEY \(learner_id=\? AND day>\?\)/,
    );
    // The streak is one row, found along the key, never sorting.
    const latest = plan(progressHotSql.latestDay, 1, '2025-01-01');
    expect(latest).toMatch(/SEARCH daily_activity USING PRIMARY KEY \(learner_id=\? AND day<\?\)/);
    expect(latest).not.toMatch(/TEMP B-TREE/);
  });

  it('open sessions use quiz_sessions_open (also for the expiry sweep)', () => {
    expect(plan(quizHotSql.openSessions, 1)).toMatch(/INDEX quiz_sessions_open/);
    expect(plan(quizHotSql.expiredExams, t0)).toMatch(/INDEX quiz_sessions_open/);
    expect(plan(quizHotSql.openExams)).toMatch(/INDEX quiz_sessions_open/);
    expect(plan(quizHotSql.topicQuestionIds, { topic: 't', min: 1, max: 5, limit: 9 })).toMatch(
      /INDEX questions_by_topic/,
    );
  });
});
