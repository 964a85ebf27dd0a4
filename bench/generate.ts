/**
 * Synthetic databases for the benchmarks: the synthetic bank imported through `importPack`, then
 * a learning history written directly with prepared statements in ONE transaction (journal and
 * sync off while generating): learners, finished quiz sessions of 10 items, their quiz items and
 * attempts, and the aggregate tables exactly as the service would have left them after those
 * attempts — mastery (BKT through `updateMastery`), review cards (FSRS through
 * `scheduleReview`), misconception counts and daily activity (`localDayKey`). So the dashboard
 * and selection read real-sized aggregates, and `doctor` finds the database consistent.
 *
 * Learner 1 ("bench-heavy") is the learner the benchmarks drive; it owns `heavyShare` of the
 * attempts, the other learners share the rest evenly. Everything is deterministic by seed.
 * Generated files are cached in the OS temp folder, keyed by parameters and the migrations' SQL.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BKT, scheduleReview, updateMastery, type ReviewCard } from '../core/mastery';
import { Rng } from '../core/selection';
import { importPack } from '../db/bank/import';
import { openDatabase, type Db } from '../db/connection';
import { migrations } from '../db/migrations';
import { serializeResponse } from '../db/queries/quiz';
import { previousDay } from '../core/calendar-day';
import { localDayKey } from '../electron/service/dashboard';
import { misconception, syntheticPack, type ItemKey, type SyntheticPack } from './pack';
import { log } from './stats';

/** Bump when the generated data changes shape, so stale caches are not reused. */
const GENERATOR_VERSION = 4;

/** "Now" of every benchmark: history ends before it, service clocks start at it. */
export const BENCH_NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
/** Import time of the bank. */
const BANK_TIME = BENCH_NOW - 400 * 86_400_000;
/** How far back the history goes. */
const HISTORY_DAYS = 365;
/** Items per generated quiz session. */
export const ITEMS_PER_SESSION = 10;
/** Minimum gap between the starts of one learner's sessions. */
const SESSION_SLOT_MS = 10 * 60_000;
/** Share of generated sessions that are (finished) timed exams. */
const EXAM_SHARE = 0.1;

/** The learner the benchmarks drive. */
export const HEAVY_LEARNER_ID = 1;

/** Sizes of a generated database. */
export interface HistoryParams {
  readonly questions: number;
  readonly topics: number;
  readonly attempts: number;
  readonly learners: number;
  /** Share of the attempts owned by learner 1. */
  readonly heavyShare: number;
  readonly seed: number;
}

/** Where generated databases are cached. */
export function cacheDir(): string {
  const dir = join(tmpdir(), 'deepdrill-bench-cache');
  mkdirSync(dir, { recursive: true });
  return dir;
}

function cacheKey(kind: string, value: unknown): string {
  // The migrations' SQL, not just the schema version: a migration still being written keeps its
  // number while its tables change.
  const schema = migrations.map((m) => [m.version, m.up]);
  const text = JSON.stringify({ kind, value, GENERATOR_VERSION, schema });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Removes a database file and its WAL/SHM companions. */
export function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${file}${suffix}`, { force: true });
}

/** Copies a closed (checkpointed) database file. */
export function copyDb(from: string, to: string): void {
  removeDb(to);
  copyFileSync(from, to);
}

/** Closes after folding the WAL into the main file, so the file alone is the database. */
function closeCheckpointed(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** What generation took in this process (ms), by step: shown in the report. */
export const generationTimes: Record<string, number> = {};

/** Bank files built by this process (reused even when the cache is bypassed). */
const builtBanks = new Set<string>();

/** A database with only the synthetic bank imported (cached). */
function bankDb(synthetic: () => SyntheticPack, params: HistoryParams, useCache: boolean): string {
  const key = cacheKey('bank', [params.questions, params.topics, params.seed]);
  const file = join(cacheDir(), `bank-${key}.db`);
  if ((useCache || builtBanks.has(file)) && existsSync(file)) return file;
  const tmp = `${file}.tmp`;
  removeDb(tmp);
  const t0 = performance.now();
  const db = openDatabase(tmp);
  const report = importPack(db, synthetic().pack, { now: BANK_TIME });
  if (!report.ok) {
    db.close();
    throw new Error(`synthetic pack refused: ${JSON.stringify(report.problems.slice(0, 3))}`);
  }
  closeCheckpointed(db);
  removeDb(file);
  renameSync(tmp, file);
  builtBanks.add(file);
  const ms = performance.now() - t0;
  generationTimes[`bank_${params.questions}_questions_ms`] = Math.round(ms);
  log(`bank of ${params.questions} questions built and imported in ${ms.toFixed(0)} ms`);
  return file;
}

/**
 * A database with the bank and `params.attempts` attempts (cached unless `useCache` is false).
 * Returns the path of the cached file: copy it before writing to it.
 */
export function historyDb(
  synthetic: () => SyntheticPack,
  params: HistoryParams,
  useCache = true,
): string {
  const key = cacheKey('history', params);
  const file = join(cacheDir(), `history-${key}.db`);
  if (useCache && existsSync(file)) {
    log(`using cached database ${file}`);
    return file;
  }
  const bank = bankDb(synthetic, params, useCache);
  const tmp = `${file}.tmp`;
  copyDb(bank, tmp);
  const t0 = performance.now();
  const db = openDatabase(tmp);
  try {
    writeHistory(db, synthetic().keys, params);
  } catch (error) {
    db.close();
    removeDb(tmp);
    throw error;
  }
  closeCheckpointed(db);
  removeDb(file);
  renameSync(tmp, file);
  const ms = performance.now() - t0;
  generationTimes[`history_${params.attempts}_attempts_ms`] = Math.round(ms);
  log(
    `history of ${params.attempts} attempts by ${params.learners} learners written in ${ms.toFixed(0)} ms`,
  );
  return file;
}

/** The per-learner aggregates, accumulated in answer order. */
interface LearnerAggregates {
  readonly mastery: Map<
    number,
    { p: number; attempts: number; correct: number; sum: number; at: number }
  >;
  readonly cards: Map<number, ReviewCard>;
  readonly misconceptions: Map<number, { count: number; at: number }>;
  readonly days: Map<string, { answered: number; sum: number }>;
}

/** How many sessions each learner gets: learner 1 its share, the others evenly. */
function sessionsPerLearner(params: HistoryParams): number[] {
  const sessions = Math.max(1, Math.round(params.attempts / ITEMS_PER_SESSION));
  const heavy = params.learners === 1 ? sessions : Math.round(sessions * params.heavyShare);
  const rest = sessions - heavy;
  const others = params.learners - 1;
  return Array.from({ length: params.learners }, (_, i) => {
    if (i === 0) return heavy;
    const k = i - 1;
    return Math.floor(rest / others) + (k < rest % others ? 1 : 0);
  });
}

function writeHistory(db: Db, keys: readonly ItemKey[], params: HistoryParams): void {
  db.pragma('foreign_keys = OFF');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  const insertLearner = db.prepare('INSERT INTO learners (id, name, created_at) VALUES (?, ?, ?)');
  const insertSession = db.prepare(`
    INSERT INTO quiz_sessions (id, learner_id, mode, status, msq_rule, title, created_at,
      duration_ms, deadline_at, finished_at, finish_reason, score, max_score, current_position)
    VALUES (?, ?, ?, 'finished', 'all-or-nothing', ?, ?, ?, ?, ?, 'submitted', ?, ?, ?)`);
  const insertAttempt = db.prepare(`
    INSERT INTO attempts (id, learner_id, session_id, position, question_id, question_version,
      variant_seed, topic_id, response, score, correct, misconception_id, answered_at, duration_ms)
    VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertItem = db.prepare(`
    INSERT INTO quiz_items (session_id, position, question_id, question_version, variant_seed,
      response, marked, shown_at, saved_at, attempt_id)
    VALUES (?, ?, ?, 1, ?, ?, 0, ?, ?, ?)`);
  const insertMastery = db.prepare(`
    INSERT INTO mastery (learner_id, topic_id, p_known, attempts, correct, score_sum, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertCard = db.prepare(`
    INSERT INTO review_cards (learner_id, question_id, due, stability, difficulty, elapsed_days,
      scheduled_days, learning_steps, reps, lapses, state, last_review)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMisconception = db.prepare(`
    INSERT INTO misconception_counts (learner_id, misconception_id, label, count, last_at)
    VALUES (?, ?, ?, ?, ?)`);
  const insertDay = db.prepare(
    'INSERT INTO daily_activity (learner_id, day, answered, score_sum, streak) VALUES (?, ?, ?, ?, ?)',
  );
  const topicIds = db.prepare<[], string>('SELECT id FROM topics ORDER BY position').pluck().all();
  const questionCount = keys.length;
  const rng = new Rng(params.seed, 0x415707);
  const perLearner = sessionsPerLearner(params);
  const span = HISTORY_DAYS * 86_400_000;
  const historyStart = BENCH_NOW - span;
  let sessionId = 0;
  let attemptId = 0;

  db.transaction(() => {
    for (let learner = 1; learner <= params.learners; learner++) {
      const name = learner === HEAVY_LEARNER_ID ? 'bench-heavy' : `bench-learner-${learner}`;
      insertLearner.run(learner, name, historyStart - 86_400_000);
      const skill = 0.45 + 0.4 * rng.next();
      const topicBias = topicIds.map(() => (rng.next() - 0.5) * 0.3);
      const agg: LearnerAggregates = {
        mastery: new Map(),
        cards: new Map(),
        misconceptions: new Map(),
        days: new Map(),
      };
      const count = perLearner[learner - 1];
      // Evenly spaced slots with jitter: sorted, never overlapping, all before BENCH_NOW.
      const slot = Math.max(SESSION_SLOT_MS, Math.floor((span - 3_600_000) / Math.max(1, count)));
      for (let k = 0; k < count; k++) {
        const start = historyStart + k * slot + Math.floor(rng.next() * (slot - SESSION_SLOT_MS));
        sessionId++;
        const exam = rng.chance(EXAM_SHARE);
        const used = new Set<number>();
        let score = 0;
        let at = start;
        const rows: (readonly unknown[])[] = [];
        for (let position = 0; position < ITEMS_PER_SESSION; position++) {
          let questionId: number;
          do questionId = rng.int(1, questionCount);
          while (used.has(questionId));
          used.add(questionId);
          const key = keys[questionId - 1];
          const pCorrect = Math.min(
            0.97,
            Math.max(0.05, skill + topicBias[key.topic] + (3 - key.difficulty) * 0.05),
          );
          const correct = rng.chance(pCorrect);
          const { response, misc } = answerFor(key, correct, rng);
          const shownAt = at;
          const duration = rng.int(15_000, 90_000);
          at += duration;
          attemptId++;
          const itemScore = correct ? 1 : 0;
          score += itemScore;
          const seed = key.type === 'template' ? rng.nextUint32() : null;
          const topicId = topicIds[key.topic];
          insertAttempt.run(
            attemptId,
            learner,
            sessionId,
            position,
            questionId,
            seed,
            topicId,
            response,
            itemScore,
            correct ? 1 : 0,
            misc < 0 ? null : misconception(misc).id,
            at,
            duration,
          );
          rows.push([sessionId, position, questionId, seed, response, shownAt, at, attemptId]);
          accumulate(agg, key.topic, questionId, misc, at, correct);
        }
        const createdAt = start;
        const duration = exam ? 20 * 60_000 : null;
        insertSession.run(
          sessionId,
          learner,
          exam ? 'exam' : 'practice',
          exam ? 'Exam: recommended' : 'Practice: recommended',
          createdAt,
          duration,
          duration === null ? null : createdAt + duration,
          at + 1000,
          score,
          ITEMS_PER_SESSION,
          ITEMS_PER_SESSION - 1,
        );
        for (const row of rows) insertItem.run(...row);
      }
      for (const [topic, m] of agg.mastery) {
        insertMastery.run(learner, topicIds[topic], m.p, m.attempts, m.correct, m.sum, m.at);
      }
      // In key order: appending to the learner's range of the primary key is cheaper than
      // inserting at random places.
      const cards = [...agg.cards].sort((a, b) => a[0] - b[0]);
      for (const [questionId, c] of cards) {
        insertCard.run(
          learner,
          questionId,
          c.due,
          c.stability,
          c.difficulty,
          c.elapsedDays,
          c.scheduledDays,
          c.learningSteps,
          c.reps,
          c.lapses,
          c.state,
          c.lastReview,
        );
      }
      for (const [k, m] of agg.misconceptions) {
        const { id, label } = misconception(k);
        insertMisconception.run(learner, id, label, m.count, m.at);
      }
      // Each day's streak, as recording the answers one by one would have set it.
      let previous = '';
      let streak = 0;
      for (const day of [...agg.days.keys()].sort()) {
        const d = agg.days.get(day)!;
        streak = previousDay(day) === previous ? streak + 1 : 1;
        previous = day;
        insertDay.run(learner, day, d.answered, d.sum, streak);
      }
    }
  })();
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/** The stored response of a right or wrong answer, and the misconception a wrong pick shows. */
function answerFor(key: ItemKey, correct: boolean, rng: Rng): { response: string; misc: number } {
  switch (key.type) {
    case 'mcq':
    case 'msq': {
      if (correct)
        return {
          response: serializeResponse({ kind: 'choice', optionIds: [...key.correct] }),
          misc: -1,
        };
      if (key.wrong.length === 0) {
        // Every option is right: a wrong answer leaves one out.
        return {
          response: serializeResponse({ kind: 'choice', optionIds: key.correct.slice(1) }),
          misc: -1,
        };
      }
      const [id, misc] = rng.pick(key.wrong);
      const picked = key.type === 'msq' ? [...key.correct, id] : [id];
      return { response: serializeResponse({ kind: 'choice', optionIds: picked }), misc };
    }
    case 'numeric':
      return {
        response: serializeResponse({ kind: 'numeric', text: correct ? '1.5' : '2.5' }),
        misc: -1,
      };
    case 'template':
      return {
        response: serializeResponse({ kind: 'choice', optionIds: [correct ? 'a' : 'b'] }),
        misc: -1,
      };
  }
}

function accumulate(
  agg: LearnerAggregates,
  topic: number,
  questionId: number,
  misc: number,
  at: number,
  correct: boolean,
): void {
  const score = correct ? 1 : 0;
  const m = agg.mastery.get(topic) ?? { p: BKT.pInit, attempts: 0, correct: 0, sum: 0, at: 0 };
  m.p = updateMastery(m.p, score);
  m.attempts++;
  m.correct += score;
  m.sum += score;
  m.at = at;
  agg.mastery.set(topic, m);
  agg.cards.set(questionId, scheduleReview(agg.cards.get(questionId) ?? null, at, correct));
  if (misc >= 0) {
    const c = agg.misconceptions.get(misc) ?? { count: 0, at: 0 };
    c.count++;
    c.at = at;
    agg.misconceptions.set(misc, c);
  }
  const day = localDayKey(at);
  const d = agg.days.get(day) ?? { answered: 0, sum: 0 };
  d.answered++;
  d.sum += score;
  agg.days.set(day, d);
}

/** A synthetic pack built on first use and dropped on request (it is a big object graph). */
export interface LazyPack {
  (): SyntheticPack;
  /** Lets the garbage collector have it: a large live heap slows later benchmarks' GCs. */
  release(): void;
}

/** The synthetic pack for `params`, built once on first use (again after a release). */
export function lazyPack(params: Pick<HistoryParams, 'questions' | 'topics' | 'seed'>): LazyPack {
  let pack: SyntheticPack | undefined;
  const get = () => (pack ??= syntheticPack(params.questions, params.topics, params.seed));
  return Object.assign(get, { release: () => (pack = undefined) });
}
