/**
 * Typed queries of a learner's progress: the aggregates an answer updates in O(1) (mastery per
 * topic, a review card per question, misconception counts, daily activity) and the reads the
 * dashboard is built from. Nothing here scans the attempts table, so the dashboard's cost does
 * not grow with history. Connection first; statements cached per connection.
 */
import type { Statement } from 'better-sqlite3';
import { previousDay } from '../../core/calendar-day';
import type { ReviewCard } from '../../core/mastery';
import type { Misconception } from '../../core/types';
import type { Db } from '../connection';

/** A learner's mastery of one topic. */
export interface MasteryRecord {
  readonly learnerId: number;
  readonly topicId: string;
  /** BKT P(known). */
  readonly pKnown: number;
  readonly attempts: number;
  /** Attempts graded fully right. */
  readonly correct: number;
  /** Sum of attempt scores (partial credit included). */
  readonly scoreSum: number;
  readonly updatedAt: number;
}

/** A topic with its number of non-retired questions and the learner's mastery, if any. */
export interface TopicProgressRecord {
  readonly topicId: string;
  readonly title: string;
  readonly questionCount: number;
  readonly mastery: MasteryRecord | null;
}

/** A due review with the question's topic. */
export interface DueReviewRecord {
  readonly questionId: number;
  readonly topicId: string;
  readonly due: number;
}

/** One day of activity (`day` is the local `YYYY-MM-DD`). */
export interface DailyActivityRecord {
  readonly day: string;
  readonly answered: number;
  readonly scoreSum: number;
}

/** A misconception with how often the learner showed it. */
export interface MisconceptionCountRecord extends Misconception {
  readonly count: number;
  readonly lastAt: number;
}

type MasteryRow = Readonly<{
  learner_id: number;
  topic_id: string;
  p_known: number;
  attempts: number;
  correct: number;
  score_sum: number;
  updated_at: number;
}>;

type TopicRow = Readonly<{
  id: string;
  title: string;
  p_known: number | null;
  attempts: number | null;
  correct: number | null;
  score_sum: number | null;
  updated_at: number | null;
}>;

type CardRow = Readonly<{
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
}>;

/** SQL of the hot reads, exported so tests can assert their `EXPLAIN QUERY PLAN` uses indexes. */
export const progressHotSql = {
  /** One mastery row (primary key). */
  mastery: 'SELECT * FROM mastery WHERE learner_id = ? AND topic_id = ?',
  /** Reviews due at a time, counted up to a cap (`review_cards_due`). */
  countDue: `
    SELECT count(*) FROM (
      SELECT 1 FROM review_cards WHERE learner_id = ? AND due <= ? LIMIT ?)`,
  /** Oldest due reviews of non-retired questions (`review_cards_due`, then questions by id). */
  listDue: `
    SELECT r.question_id, q.topic_id, r.due
    FROM review_cards r JOIN questions q ON q.id = r.question_id
    WHERE r.learner_id = ? AND r.due <= ? AND q.retired = 0
    ORDER BY r.due
    LIMIT ?`,
  /**
   * Every topic a bank still lists (or that the learner has answered) with the learner's
   * mastery (primary key lookups).
   */
  topics: `
    SELECT t.id, t.title, m.p_known, m.attempts, m.correct, m.score_sum, m.updated_at
    FROM topics t
    LEFT JOIN mastery m ON m.learner_id = ? AND m.topic_id = t.id
    WHERE t.position >= 0 OR m.attempts > 0
    ORDER BY t.bank_id, t.position, t.id`,
  /** Non-retired questions per topic (covering `questions_by_topic`; O(questions), memoised). */
  questionCounts: `
    SELECT t.id, (SELECT count(*) FROM questions q WHERE q.topic_id = t.id AND q.retired = 0) AS n
    FROM topics t`,
  /** Changes whenever a bank is imported (import times) or questions are added (max id). */
  bankFingerprint: `
    SELECT coalesce((SELECT group_concat(id || ':' || imported_at, ',') FROM banks), '') || '/' ||
           coalesce((SELECT max(id) FROM questions), 0)`,
  /**
   * What a learner's answers have changed so far: every recorded answer adds to one topic's
   * attempts and sets its update time (primary key range, one row per topic).
   */
  progressSignature: `
    SELECT count(*) || ':' || coalesce(sum(attempts), 0) || ':' || coalesce(max(updated_at), 0)
    FROM mastery WHERE learner_id = ?`,
  /** When the learner's next review comes due after a time (`review_cards_due`). */
  nextDueAfter: 'SELECT min(due) FROM review_cards WHERE learner_id = ? AND due > ?',
  /** Days from a local date on (primary key range). */
  activity:
    'SELECT day, answered, score_sum FROM daily_activity WHERE learner_id = ? AND day >= ? ORDER BY day',
  /** The latest day with answers up to a local date, and its streak (primary key, backwards). */
  latestDay:
    'SELECT day, streak FROM daily_activity WHERE learner_id = ? AND day <= ? ORDER BY day DESC LIMIT 1',
} as const;

interface Statements {
  getMastery: Statement<[number, string], MasteryRow>;
  upsertMastery: Statement<[MasteryRecord]>;
  listMastery: Statement<[number], MasteryRow>;
  topics: Statement<[number], TopicRow>;
  questionCounts: Statement<[], { id: string; n: number }>;
  bankFingerprint: Statement<[], string>;
  progressSignature: Statement<[number], string>;
  nextDueAfter: Statement<[number, number], number | null>;
  getCard: Statement<[number, number], CardRow>;
  upsertCard: Statement<[Record<string, number | null>]>;
  countDue: Statement<[number, number, number], number>;
  listDue: Statement<
    [number, number, number],
    { question_id: number; topic_id: string; due: number }
  >;
  bumpMisconception: Statement<[number, string, string, number]>;
  topMisconceptions: Statement<
    [number, number],
    { misconception_id: string; label: string; count: number; last_at: number }
  >;
  addActivity: Statement<[number, string, number, number, string]>;
  activity: Statement<[number, string], { day: string; answered: number; score_sum: number }>;
  latestDay: Statement<[number, string], { day: string; streak: number }>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      getMastery: db.prepare(progressHotSql.mastery),
      upsertMastery: db.prepare(`
        INSERT INTO mastery (learner_id, topic_id, p_known, attempts, correct, score_sum, updated_at)
        VALUES (@learnerId, @topicId, @pKnown, @attempts, @correct, @scoreSum, @updatedAt)
        ON CONFLICT (learner_id, topic_id) DO UPDATE SET
          p_known = excluded.p_known, attempts = excluded.attempts, correct = excluded.correct,
          score_sum = excluded.score_sum, updated_at = excluded.updated_at`),
      listMastery: db.prepare('SELECT * FROM mastery WHERE learner_id = ? ORDER BY topic_id'),
      topics: db.prepare(progressHotSql.topics),
      questionCounts: db.prepare(progressHotSql.questionCounts),
      bankFingerprint: db.prepare<[], string>(progressHotSql.bankFingerprint).pluck(),
      progressSignature: db.prepare<[number], string>(progressHotSql.progressSignature).pluck(),
      nextDueAfter: db
        .prepare<[number, number], number | null>(progressHotSql.nextDueAfter)
        .pluck(),
      getCard: db.prepare(`
        SELECT due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses,
               state, last_review
        FROM review_cards WHERE learner_id = ? AND question_id = ?`),
      upsertCard: db.prepare(`
        INSERT INTO review_cards (learner_id, question_id, due, stability, difficulty, elapsed_days,
                                  scheduled_days, learning_steps, reps, lapses, state, last_review)
        VALUES (@learnerId, @questionId, @due, @stability, @difficulty, @elapsedDays,
                @scheduledDays, @learningSteps, @reps, @lapses, @state, @lastReview)
        ON CONFLICT (learner_id, question_id) DO UPDATE SET
          due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
          elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
          learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
          state = excluded.state, last_review = excluded.last_review`),
      countDue: db.prepare<[number, number, number], number>(progressHotSql.countDue).pluck(),
      listDue: db.prepare(progressHotSql.listDue),
      bumpMisconception: db.prepare(`
        INSERT INTO misconception_counts (learner_id, misconception_id, label, count, last_at)
        VALUES (?, ?, ?, 1, ?)
        ON CONFLICT (learner_id, misconception_id) DO UPDATE SET
          count = count + 1, label = excluded.label, last_at = excluded.last_at`),
      topMisconceptions: db.prepare(`
        SELECT misconception_id, label, count, last_at FROM misconception_counts
        WHERE learner_id = ? ORDER BY count DESC, last_at DESC, misconception_id LIMIT ?`),
      // A day's first answer starts its streak: one more than the day before's, or 1.
      addActivity: db.prepare(`
        INSERT INTO daily_activity (learner_id, day, answered, score_sum, streak)
        VALUES (?, ?, 1, ?, 1 + coalesce(
          (SELECT streak FROM daily_activity WHERE learner_id = ? AND day = ?), 0))
        ON CONFLICT (learner_id, day) DO UPDATE SET
          answered = answered + 1, score_sum = score_sum + excluded.score_sum`),
      activity: db.prepare(progressHotSql.activity),
      latestDay: db.prepare(progressHotSql.latestDay),
    };
    cache.set(db, s);
  }
  return s;
}

function toMastery(row: MasteryRow): MasteryRecord {
  return {
    learnerId: row.learner_id,
    topicId: row.topic_id,
    pKnown: row.p_known,
    attempts: row.attempts,
    correct: row.correct,
    scoreSum: row.score_sum,
    updatedAt: row.updated_at,
  };
}

// --- mastery ---------------------------------------------------------------------------------

/** A learner's mastery of a topic, or undefined before the first answer. */
export function getMastery(db: Db, learnerId: number, topicId: string): MasteryRecord | undefined {
  const row = statements(db).getMastery.get(learnerId, topicId);
  return row === undefined ? undefined : toMastery(row);
}

/** Writes a mastery row (insert or replace the values). */
export function upsertMastery(db: Db, record: MasteryRecord): void {
  statements(db).upsertMastery.run(record);
}

/**
 * A string that changes whenever an answer of the learner is recorded or a bank changes
 * (import, retirement): what a plan made from the learner's progress depends on.
 */
export function progressSignature(db: Db, learnerId: number): string {
  const s = statements(db);
  return `${s.progressSignature.get(learnerId) ?? ''}/${s.bankFingerprint.get() ?? ''}`;
}

/** When the learner's next review comes due after `after`, or null when none will. */
export function nextReviewDueAfter(db: Db, learnerId: number, after: number): number | null {
  return statements(db).nextDueAfter.get(learnerId, after) ?? null;
}

/** Every mastery row of a learner. */
export function listMastery(db: Db, learnerId: number): MasteryRecord[] {
  return statements(db).listMastery.all(learnerId).map(toMastery);
}

const questionCountCache = new WeakMap<Db, { fingerprint: string; counts: Map<string, number> }>();

/**
 * Non-retired questions per topic. Counting walks the whole index (O(questions)), so the result
 * is memoised per connection until the banks change: the memo is keyed by a fingerprint of the
 * banks' import times and the largest question id, which every import that adds or retires
 * questions changes.
 */
export function questionCountsByTopic(db: Db): ReadonlyMap<string, number> {
  const s = statements(db);
  const fingerprint = s.bankFingerprint.get() ?? '';
  const cached = questionCountCache.get(db);
  if (cached !== undefined && cached.fingerprint === fingerprint) return cached.counts;
  const counts = new Map(s.questionCounts.all().map((r) => [r.id, r.n]));
  questionCountCache.set(db, { fingerprint, counts });
  return counts;
}

/**
 * Every topic a bank lists (bank order; dropped topics only if the learner answered them) with
 * its non-retired question count and the learner's mastery.
 */
export function listTopicProgress(db: Db, learnerId: number): TopicProgressRecord[] {
  const counts = questionCountsByTopic(db);
  return statements(db)
    .topics.all(learnerId)
    .map((row) => ({
      topicId: row.id,
      title: row.title,
      questionCount: counts.get(row.id) ?? 0,
      mastery:
        row.p_known === null
          ? null
          : {
              learnerId,
              topicId: row.id,
              pKnown: row.p_known,
              attempts: row.attempts ?? 0,
              correct: row.correct ?? 0,
              scoreSum: row.score_sum ?? 0,
              updatedAt: row.updated_at ?? 0,
            },
    }));
}

// --- review cards ----------------------------------------------------------------------------

/** The learner's review card of a question, or null if never answered. */
export function getReviewCard(db: Db, learnerId: number, questionId: number): ReviewCard | null {
  const row = statements(db).getCard.get(learnerId, questionId);
  if (row === undefined) return null;
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsed_days,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.last_review,
  };
}

/** Writes a review card (insert or replace the values). */
export function upsertReviewCard(
  db: Db,
  learnerId: number,
  questionId: number,
  card: ReviewCard,
): void {
  statements(db).upsertCard.run({ learnerId, questionId, ...card });
}

/**
 * How many of the learner's reviews are due at `now`, counting at most `cap` (so the cost stays
 * bounded however many cards are overdue; `review_cards_due`).
 */
export function countDueReviews(db: Db, learnerId: number, now: number, cap: number): number {
  return statements(db).countDue.get(learnerId, now, cap) ?? 0;
}

/** The oldest `limit` due reviews of non-retired questions. */
export function listDueReviews(
  db: Db,
  learnerId: number,
  now: number,
  limit: number,
): DueReviewRecord[] {
  return statements(db)
    .listDue.all(learnerId, now, limit)
    .map((r) => ({ questionId: r.question_id, topicId: r.topic_id, due: r.due }));
}

// --- misconceptions and activity -------------------------------------------------------------

/** Counts one more occurrence of a misconception. */
export function bumpMisconception(
  db: Db,
  learnerId: number,
  misconception: Misconception,
  at: number,
): void {
  statements(db).bumpMisconception.run(learnerId, misconception.id, misconception.label, at);
}

/** The learner's most frequent misconceptions. */
export function topMisconceptions(
  db: Db,
  learnerId: number,
  limit: number,
): MisconceptionCountRecord[] {
  return statements(db)
    .topMisconceptions.all(learnerId, limit)
    .map((r) => ({ id: r.misconception_id, label: r.label, count: r.count, lastAt: r.last_at }));
}

/** Adds one answer with `score` to the learner's `day` (a first one sets the day's streak). */
export function addDailyActivity(db: Db, learnerId: number, day: string, score: number): void {
  statements(db).addActivity.run(learnerId, day, score, learnerId, previousDay(day));
}

/** The learner's days from `fromDay` (inclusive, `YYYY-MM-DD`) on, oldest first. */
export function listDailyActivity(
  db: Db,
  learnerId: number,
  fromDay: string,
): DailyActivityRecord[] {
  return statements(db)
    .activity.all(learnerId, fromDay)
    .map((r) => ({ day: r.day, answered: r.answered, scoreSum: r.score_sum }));
}

/**
 * The learner's latest day with answers up to `untilDay` (inclusive, `YYYY-MM-DD`) and the days
 * in a row with answers that end with it; undefined before any answer.
 */
export function latestStudiedDay(
  db: Db,
  learnerId: number,
  untilDay: string,
): { day: string; streak: number } | undefined {
  return statements(db).latestDay.get(learnerId, untilDay);
}
