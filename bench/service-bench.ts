/**
 * The service's hot paths on a generated database, through the same code the app runs
 * (`createService` + the quiz engine's `submitPracticeAnswer`), driven as learner 1 (the heavy
 * learner of the generated history) on a database opened with `openDatabase` (WAL,
 * synchronous = FULL): answer submit, recommended-quiz start, dashboard.
 */
import { formatNumericKey } from '../core/grading';
import { Rng } from '../core/selection';
import type { ResolvedQuestion, Response } from '../core/types';
import { checkpointIdle, deferCheckpoints } from '../db/checkpoint';
import { openDatabase, type Db } from '../db/connection';
import { startQuizSchema, type AppApi, type ParsedInput } from '../electron/contract';
import { createService, openLockdown, type ServiceDeps } from '../electron/service';
import { resolveQuizItem, submitPracticeAnswer } from '../electron/service/quiz';
import { BENCH_NOW, HEAVY_LEARNER_ID } from './generate';
import { describe, log, round, roundSummary, summarize, type Summary } from './stats';

/** An open service over a database file, for learner 1. */
export interface BenchService {
  readonly db: Db;
  readonly deps: ServiceDeps;
  readonly service: AppApi;
  close(): void;
}

/** Opens `file` the way the app does and builds the service for the heavy learner. */
export function openBenchService(file: string, seed: number): BenchService {
  const db = openDatabase(file);
  if (db.pragma('synchronous', { simple: true }) !== 2) {
    throw new Error('expected synchronous = FULL (2) from openDatabase');
  }
  const t0 = performance.now();
  const seeds = new Rng(seed, 0x5eed);
  const deps: ServiceDeps = {
    db,
    // Real time, starting after the generated history (FSRS needs answers in time order).
    clock: { now: () => BENCH_NOW + Math.floor(performance.now() - t0) },
    nextSeed: () => seeds.nextUint32(),
    learnerId: HEAVY_LEARNER_ID,
    dbPath: file,
    mode: 'desktop',
    version: 'bench',
    productName: 'DeepDrill',
    lockdown: openLockdown,
  };
  // The app's checkpoint policy (electron/bootstrap.ts): no routine checkpoint inside a commit.
  deferCheckpoints(db);
  return { db, deps, service: createService(deps), close: () => db.close() };
}

/**
 * What the app's idle timer does between a learner's actions (every 2 s; a learner takes longer
 * than that per question): one PASSIVE checkpoint, outside any timed region.
 */
export function idleBetweenActions(bench: BenchService): void {
  checkpointIdle(bench.db);
}

/** The practice quiz every benchmark starts: 10 recommended questions. */
export const recommendedInput: ParsedInput<'startQuiz'> = startQuizSchema.parse({
  mode: 'practice',
  selection: 'recommended',
  count: 10,
});

/** A response a learner could give: right with probability `pRight`, otherwise a wrong one. */
function responseFor(question: ResolvedQuestion, rng: Rng, pRight: number): Response {
  const right = rng.chance(pRight);
  if (question.kind === 'numeric') {
    const key = question.numeric;
    return { kind: 'numeric', text: right && key !== undefined ? formatNumericKey(key) : '12345' };
  }
  const options = question.options ?? [];
  const correct = options.filter((o) => o.correct).map((o) => o.id);
  const wrong = options.filter((o) => !o.correct).map((o) => o.id);
  if (right || wrong.length === 0) return { kind: 'choice', optionIds: correct };
  return { kind: 'choice', optionIds: [rng.pick(wrong)] };
}

/** Results of {@link benchSubmit}. */
export interface SubmitResult {
  readonly summary: Summary;
  /**
   * The floor any durable write pays on this disk: a one-row INSERT committed on the same
   * connection (WAL, synchronous = FULL), timed the same way, as many times, after the submits.
   */
  readonly commitFloor: Summary;
  readonly attemptsBefore: number;
  readonly attemptsAfter: number;
}

/**
 * Answers `count` questions (after `warmup` untimed ones) of recommended practice quizzes with
 * `submitPracticeAnswer`: save + grade + attempt + mastery + review card + misconception + daily
 * activity, one transaction, committed (fsync) before it returns. Only that call is timed;
 * starting and finishing the quizzes and choosing the response are not.
 */
export async function benchSubmit(
  bench: BenchService,
  count: number,
  warmup: number,
  seed: number,
  /** No log lines and no commit-floor probe (for {@link benchCheckpoint}). */
  quiet = false,
): Promise<SubmitResult> {
  const { service, deps, db } = bench;
  const countAttempts = db.prepare<[], number>('SELECT max(id) FROM attempts').pluck();
  const attemptsBefore = countAttempts.get() ?? 0;
  const rng = new Rng(seed, 0x5b);
  const samples: number[] = [];
  const floor: number[] = [];
  let done = 0;
  while (done < count + warmup) {
    const quiz = await service.startQuiz(recommendedInput);
    for (const item of quiz.items) {
      if (done >= count + warmup) break;
      const { question } = resolveQuizItem(deps, quiz.sessionId, item.position);
      const response = responseFor(question, rng, 0.7);
      const t0 = performance.now();
      submitPracticeAnswer(deps, { sessionId: quiz.sessionId, position: item.position, response });
      const ms = performance.now() - t0;
      if (done >= warmup) samples.push(ms);
      done++;
    }
    await service.finishQuiz({ sessionId: quiz.sessionId });
    // benchCheckpoint (quiet) measures a WAL left to grow; everything else runs as the app does.
    if (!quiet) idleBetweenActions(bench);
  }
  // The floor is not wanted (and would add WAL) when measuring checkpoints.
  if (!quiet) {
    db.exec('CREATE TABLE IF NOT EXISTS bench_commit_probe (at REAL NOT NULL) STRICT');
    const probe = db.prepare<[number]>('INSERT INTO bench_commit_probe (at) VALUES (?)');
    const commitProbe = db.transaction((at: number) => probe.run(at));
    for (let i = 0; i < count + warmup; i++) {
      const f0 = performance.now();
      commitProbe(f0);
      if (i >= warmup) floor.push(performance.now() - f0);
    }
    db.exec('DROP TABLE bench_commit_probe');
  }
  const summary = summarize(samples);
  const commitFloor = summarize(floor);
  if (!quiet) {
    log(describe('submit', summary));
    log(describe('  durable one-row commit (floor)', commitFloor));
  }
  return {
    summary: roundSummary(summary),
    commitFloor: roundSummary(commitFloor),
    attemptsBefore,
    attemptsAfter: countAttempts.get() ?? 0,
  };
}

/** Results of {@link benchSelect}. */
export interface SelectResult {
  /** The whole `startQuiz` use case (selection, session + items written, state built). */
  readonly startQuiz: Summary;
  /** From the call to the start of the write transaction: checks, planning, picking, resolving. */
  readonly selectionOnly: Summary;
}

/**
 * Starts `count` recommended practice quizzes of 10 (after `warmup` untimed ones) with
 * `startQuiz`, timing the whole call, and separately the part before its write transaction
 * (found by wrapping `db.transaction` of this connection: the first transaction `startQuiz` opens
 * is the one that writes the session). Each quiz is finished, untimed, before the next.
 */
export async function benchSelect(
  bench: BenchService,
  count: number,
  warmup: number,
): Promise<SelectResult> {
  const { service, db } = bench;
  let firstTransactionAt = Number.NaN;
  const original = db.transaction;
  db.transaction = function (this: Db, fn: Parameters<Db['transaction']>[0]) {
    if (Number.isNaN(firstTransactionAt)) firstTransactionAt = performance.now();
    return original.call(this, fn);
  } as Db['transaction'];
  const whole: number[] = [];
  const selection: number[] = [];
  try {
    for (let i = 0; i < count + warmup; i++) {
      firstTransactionAt = Number.NaN;
      const t0 = performance.now();
      const quiz = await service.startQuiz(recommendedInput);
      const t1 = performance.now();
      if (quiz.items.length !== recommendedInput.count) {
        throw new Error(`recommended quiz has ${quiz.items.length} items`);
      }
      if (i >= warmup) {
        whole.push(t1 - t0);
        selection.push(firstTransactionAt - t0);
      }
      await service.finishQuiz({ sessionId: quiz.sessionId });
      idleBetweenActions(bench);
    }
  } finally {
    db.transaction = original;
  }
  const startQuiz = summarize(whole);
  const selectionOnly = summarize(selection);
  log(describe('startQuiz (recommended, 10)', startQuiz));
  log(describe('  of which selection before the write', selectionOnly));
  return { startQuiz: roundSummary(startQuiz), selectionOnly: roundSummary(selectionOnly) };
}

/**
 * Calls `getDashboard` on each service `count` times after `warmup` untimed calls, alternating
 * between the services call by call so that both see the same background load (their ratio is
 * a target), and times each call.
 */
export async function benchDashboards(
  targets: readonly { label: string; bench: BenchService }[],
  count: number,
  warmup: number,
): Promise<Summary[]> {
  const samples = targets.map((): number[] => []);
  for (let i = 0; i < count + warmup; i++) {
    for (let k = 0; k < targets.length; k++) {
      const t0 = performance.now();
      const dashboard = await targets[k].bench.service.getDashboard();
      const ms = performance.now() - t0;
      if (dashboard.topics.length === 0) throw new Error('dashboard without topics');
      if (i >= warmup) samples[k].push(ms);
    }
  }
  return targets.map((t, k) => {
    const summary = summarize(samples[k]);
    log(describe(`dashboard ${t.label}`, summary));
    return roundSummary(summary);
  });
}

/** Time spent in one SQL statement during a profiled use case. */
export interface StatementProfile {
  /** The SQL, whitespace collapsed, cut at 160 characters. */
  readonly sql: string;
  /** Executions per use-case call. */
  readonly calls_per_op: number;
  /** Mean ms per use-case call spent executing this statement (or committing). */
  readonly ms_per_op: number;
}

/** Where a use case's time goes: per statement and commit, plus everything outside SQL (JS). */
export interface UseCaseProfile {
  readonly ops: number;
  readonly ms_per_op: number;
  readonly outside_sql_ms_per_op: number;
  readonly statements: readonly StatementProfile[];
}

interface Timings {
  readonly bySql: Map<string, { calls: number; ms: number }>;
  /** Statements executed while false are not recorded (untimed set-up between ops). */
  recording: boolean;
}

const EXECUTE = new Set(['get', 'all', 'run', 'iterate']);
/** The pseudo-statement under which transaction overhead is recorded. */
const TRANSACTION = '(transaction: BEGIN + COMMIT, including the fsync of synchronous = FULL)';
const CHAIN = new Set(['pluck', 'raw', 'expand', 'safeIntegers', 'bind']);

/**
 * Makes every statement later prepared on `db` record how long its executions take (`get`,
 * `all`, `run`; `iterate` only until the iterator is returned), and every transaction its own
 * overhead (begin + commit with its fsync). Generic on purpose: it needs no knowledge of the
 * query modules, so it keeps working as they change.
 */
function instrument(db: Db): Timings {
  const timings: Timings = { bySql: new Map(), recording: true };
  const prepare = db.prepare.bind(db);
  const record = (sql: string, ms: number) => {
    if (!timings.recording) return;
    const entry = timings.bySql.get(sql) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += ms;
    timings.bySql.set(sql, entry);
  };
  // A transaction's own cost (BEGIN, COMMIT and its fsync) = the call minus the function.
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    let inner = 0;
    const wrapped = transaction((...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return fn(...args);
      } finally {
        inner = performance.now() - t0;
      }
    });
    const timed =
      (variant: (...args: unknown[]) => unknown) =>
      (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return variant(...args);
        } finally {
          record(TRANSACTION, performance.now() - t0 - inner);
        }
      };
    return Object.assign(timed(wrapped), {
      deferred: timed(wrapped.deferred),
      immediate: timed(wrapped.immediate),
      exclusive: timed(wrapped.exclusive),
    });
  }) as unknown as Db['transaction'];
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    const sql = source.replace(/\s+/g, ' ').trim().slice(0, 160);
    const proxy: typeof statement = new Proxy(statement, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (typeof property === 'string' && EXECUTE.has(property)) {
          return (...args: unknown[]) => {
            const t0 = performance.now();
            try {
              return method.apply(target, args);
            } finally {
              record(sql, performance.now() - t0);
            }
          };
        }
        if (typeof property === 'string' && CHAIN.has(property)) {
          return (...args: unknown[]) => {
            method.apply(target, args);
            return proxy;
          };
        }
        return method.bind(target);
      },
    });
    return proxy;
  }) as Db['prepare'];
  return timings;
}

function profileOf(timings: Timings, ops: number, totalMs: number): UseCaseProfile {
  let sqlMs = 0;
  const statements = [...timings.bySql.entries()]
    .map(([sql, t]) => {
      sqlMs += t.ms;
      return { sql, calls_per_op: round(t.calls / ops, 2), ms_per_op: round(t.ms / ops, 4) };
    })
    .sort((a, b) => b.ms_per_op - a.ms_per_op)
    .slice(0, 8);
  return {
    ops,
    ms_per_op: round(totalMs / ops, 3),
    outside_sql_ms_per_op: round((totalMs - sqlMs) / ops, 3),
    statements,
  };
}

/**
 * Profiles the dashboard, the recommended quiz start and the submit on a fresh, instrumented
 * connection to `file` (after the timed runs; the instrumentation itself costs a little): the
 * statements that take the time, per use-case call.
 */
export async function profileUseCases(
  file: string,
  seed: number,
  ops: number,
): Promise<Record<string, UseCaseProfile>> {
  const bench = openBenchService(file, seed + 1);
  try {
    const timings = instrument(bench.db);
    const { service, deps } = bench;
    /** `ops` times: `before` (untimed), `timed`, `after` (untimed); after 10 warm-up rounds. */
    const run = async (
      timed: () => Promise<unknown>,
      before: () => Promise<unknown> = async () => undefined,
      after: () => Promise<unknown> = async () => undefined,
    ): Promise<UseCaseProfile> => {
      let total = 0;
      for (let i = 0; i < ops + 10; i++) {
        if (i === 10) timings.bySql.clear();
        timings.recording = false;
        await before();
        timings.recording = true;
        const t0 = performance.now();
        await timed();
        if (i >= 10) total += performance.now() - t0;
        timings.recording = false;
        await after();
        timings.recording = true;
      }
      return profileOf(timings, ops, total);
    };
    const dashboard = await run(() => service.getDashboard());
    let sessionId = 0;
    const finish = () => service.finishQuiz({ sessionId });
    const select = await run(
      async () => (sessionId = (await service.startQuiz(recommendedInput)).sessionId),
      undefined,
      finish,
    );
    const rng = new Rng(seed, 0x9f);
    let response: Response = { kind: 'numeric', text: '' };
    const submit = await run(
      async () => submitPracticeAnswer(deps, { sessionId, position: 0, response }),
      async () => {
        sessionId = (await service.startQuiz(recommendedInput)).sessionId;
        response = responseFor(resolveQuizItem(deps, sessionId, 0).question, rng, 0.7);
      },
      finish,
    );
    return { dashboard, select, submit };
  } finally {
    bench.close();
  }
}

/** Results of {@link benchCheckpoint}. */
export interface CheckpointResult {
  /** WAL pages (frames) written per submit, start and finish of quizzes included. */
  readonly walPagesPerSubmit: number;
  /** ms of one checkpoint of that much WAL (median of the rounds). */
  readonly checkpointMs: number;
  /** Submits between two automatic checkpoints at SQLite's default of 1000 pages. */
  readonly submitsPerAutoCheckpoint: number;
}

/**
 * What SQLite's automatic checkpoint costs the write that triggers it: with automatic
 * checkpoints off, `rounds` times answer `submits` questions (the quizzes started and finished
 * around them, as in {@link benchSubmit}) and time one `wal_checkpoint(PASSIVE)` of the WAL
 * they wrote. Restores the default (1000 pages) afterwards.
 */
export async function benchCheckpoint(
  bench: BenchService,
  rounds: number,
  submits: number,
  seed: number,
): Promise<CheckpointResult> {
  const { db } = bench;
  db.pragma('wal_autocheckpoint = 0');
  const pages: number[] = [];
  const times: number[] = [];
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (let round = 0; round < rounds; round++) {
      await benchSubmit(bench, submits, 0, seed + round, true);
      const t0 = performance.now();
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      times.push(performance.now() - t0);
      pages.push(result.log);
    }
  } finally {
    deferCheckpoints(db);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const perSubmit = median(pages) / submits;
  const result = {
    walPagesPerSubmit: round(perSubmit, 1),
    checkpointMs: round(median(times), 2),
    submitsPerAutoCheckpoint: Math.round(1000 / perSubmit),
  };
  log(
    `checkpoint: ${result.walPagesPerSubmit} WAL pages per submit, a checkpoint of ${submits} submits' WAL takes ${result.checkpointMs} ms (rounds ${times.map((t) => t.toFixed(1)).join(', ')})`,
  );
  return result;
}
