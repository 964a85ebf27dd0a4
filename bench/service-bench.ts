/**
 * The service's hot paths on a generated database, entered the way a page enters them: every
 * call goes through `dispatch` (zod parse, the use case, the error envelope) over
 * `createService`, driven as learner 1 (the heavy learner of the generated history) on a
 * database opened with `openDatabase` (WAL, synchronous = FULL): answer submit (beside the
 * disk's one-row commit floor), recommended-quiz start, dashboard.
 */
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { formatNumericKey } from '../core/grading';
import { toViewIds, type PresentedOption } from '../core/option-order';
import { Rng } from '../core/selection';
import type { ResolvedQuestion } from '../core/types';
import { deferCheckpoints, walSafetyBoundPages } from '../db/checkpoint';
import { idleMaintenance } from '../electron/idle';
import { openDatabase, type Db } from '../db/connection';
import {
  startQuizSchema,
  type AppApi,
  type LearnerResponse,
  type ParsedInput,
} from '../electron/contract';
import { dispatchingClient } from '../electron/dispatch';
import {
  createService,
  openLockdown,
  planRecommendedAhead,
  type ServiceDeps,
} from '../electron/service';
import { resolveQuizItem } from '../electron/service/quiz';
import { BENCH_NOW, HEAVY_LEARNER_ID, removeDb } from './generate';
import {
  describe,
  GcWatch,
  log,
  round,
  roundSummary,
  summarize,
  type GcOverlap,
  type Summary,
} from './stats';

/** An open service over a database file, for learner 1. */
export interface BenchService {
  readonly file: string;
  readonly db: Db;
  readonly deps: ServiceDeps;
  /** `createService(deps)` behind `dispatch`: what IPC and the browser-mode server call. */
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
  return {
    file,
    db,
    deps,
    service: dispatchingClient(createService(deps)),
    close: () => db.close(),
  };
}

/**
 * What the app's idle timer does between a learner's actions (every 2 s; a learner takes longer
 * than that per question), in the timer's order (`electron/bootstrap.ts`): plan the next
 * recommended quiz ahead, then `idleMaintenance` (checkpoint, WAL rewind, young-generation GC),
 * outside any timed region. `planAhead: false` leaves the planning to the start itself.
 */
export function idleBetweenActions(bench: BenchService, planAhead = true): void {
  try {
    if (planAhead) planRecommendedAhead(bench.deps);
  } finally {
    idleMaintenance(bench.db);
  }
}

/** The practice quiz every benchmark starts: 10 recommended questions. */
export const recommendedInput: ParsedInput<'startQuiz'> = startQuizSchema.parse({
  mode: 'practice',
  selection: 'recommended',
  count: 10,
});

/**
 * A response a learner could give, in the ids the page knows (`o1`, `o2`, … in the item's
 * display order): right with probability `pRight`, otherwise a wrong one.
 */
function responseFor(
  question: ResolvedQuestion,
  presented: readonly PresentedOption[],
  rng: Rng,
  pRight: number,
): LearnerResponse {
  const right = rng.chance(pRight);
  if (question.kind === 'numeric') {
    const key = question.numeric;
    if (key === undefined) return { kind: 'numeric', text: '0' };
    if (right) return { kind: 'numeric', text: formatNumericKey(key) };
    // Wrong, but as many values as the key: a malformed answer is refused, not graded.
    const values = typeof key.value === 'number' ? [key.value] : [...key.value];
    values[0] = values[0] * 1.5 + 1;
    return { kind: 'numeric', text: formatNumericKey({ ...key, value: values }) };
  }
  const options = question.options ?? [];
  const correct = options.filter((o) => o.correct).map((o) => o.id);
  const wrong = options.filter((o) => !o.correct).map((o) => o.id);
  const stored = right || wrong.length === 0 ? correct : [rng.pick(wrong)];
  return { kind: 'choice', optionIds: toViewIds(presented, stored) };
}

/** The question at a position and the response the bench's learner gives to it (untimed). */
function answerFor(
  bench: BenchService,
  sessionId: number,
  position: number,
  rng: Rng,
): { sessionId: number; position: number; response: LearnerResponse } {
  const { question, options } = resolveQuizItem(bench.deps, sessionId, position);
  return { sessionId, position, response: responseFor(question, options, rng, 0.7) };
}

/**
 * The disk's one-row commit floor: a bare better-sqlite3 connection to its own file in the
 * same folder as the benchmark's database (same disk), WAL + synchronous = FULL, committing one
 * one-row INSERT per transaction — one WAL frame and one fsync. Its automatic checkpoint is set
 * to the app's safety bound so that no checkpoint lands inside a sample (a run writes a few
 * thousand frames): the floor is the commit alone.
 */
class CommitFloor {
  private readonly db: Db;
  private readonly commit: (at: number) => void;

  constructor(readonly file: string) {
    removeDb(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`wal_autocheckpoint = ${walSafetyBoundPages}`);
    this.db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, at REAL NOT NULL) STRICT');
    const insert = this.db.prepare<[number]>('INSERT INTO probe (at) VALUES (?)');
    const tx = this.db.transaction((at: number) => insert.run(at));
    this.commit = (at) => void tx(at);
  }

  /** One timed durable one-row commit, in ms. */
  sample(): number {
    const t0 = performance.now();
    this.commit(t0);
    return performance.now() - t0;
  }

  close(): void {
    this.db.close();
    removeDb(this.file);
  }
}

/**
 * When the app's idle maintenance (`idleMaintenance`, every 2 s from `electron/bootstrap.ts`)
 * runs relative to the answers, always outside the timed region:
 * - `every-action`: before every answer and every quiz start — a learner who takes longer than
 *   the timer's 2 s per question (reading the stem, thinking). The checkpoint also rewinds the
 *   emptied WAL (`checkpointIdle`), so the next commit appends with one fsync.
 * - `between-quizzes`: only between quizzes — a learner answering faster than the timer; the
 *   answers append to a live WAL and meet whatever garbage the quiz's answers leave.
 * - `none`: never (for {@link benchCheckpoint}, which lets the WAL grow).
 */
export type IdleModel = 'every-action' | 'between-quizzes' | 'none';

/** Results of {@link benchSubmit}. */
export interface SubmitResult {
  readonly idle: IdleModel;
  /** `submitAnswer` through `dispatch`. */
  readonly summary: Summary;
  /** Process CPU time during each submit (see {@link SelectResult.cpu}). */
  readonly cpu: Summary;
  /** GC pauses inside the timed submits (a diagnostic of the tail). */
  readonly gc: GcOverlap;
  /**
   * The disk's one-row commit floor ({@link CommitFloor}): as many samples, interleaved with
   * the submits one for one, on the same disk. Absent for `idle: 'none'`.
   */
  readonly commitFloor: Summary | null;
  /** submit p99 / floor p99 (target ≤ 1.5). */
  readonly ratioP99: number | null;
  /** submit p50 / floor p50. */
  readonly ratioP50: number | null;
  readonly attemptsBefore: number;
  readonly attemptsAfter: number;
}

/**
 * Answers `count` questions (after `warmup` untimed ones) of recommended practice quizzes with
 * `submitAnswer` through `dispatch`, with page-facing option ids: parse, load + checks, save +
 * grade + attempt + mastery + review card + misconception + daily activity in one transaction
 * committed (fsync) before it returns, and the quiz state with the item's feedback. Only that
 * call is timed; starting and finishing the quizzes, choosing the response and the idle
 * checkpoints are not. Each submit is paired with one commit-floor sample (alternating which
 * goes first), so disk and scheduler noise hit both equally.
 */
export async function benchSubmit(
  bench: BenchService,
  count: number,
  warmup: number,
  seed: number,
  idle: IdleModel,
): Promise<SubmitResult> {
  const { service, db } = bench;
  const countAttempts = db.prepare<[], number>('SELECT max(id) FROM attempts').pluck();
  const attemptsBefore = countAttempts.get() ?? 0;
  const rng = new Rng(seed, 0x5b);
  const floor =
    idle === 'none' ? null : new CommitFloor(join(dirname(bench.file), 'commit-floor.db'));
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const floorSamples: number[] = [];
  const gc = new GcWatch();
  let done = 0;
  try {
    while (done < count + warmup) {
      if (idle !== 'none') idleBetweenActions(bench);
      const quiz = await service.startQuiz(recommendedInput);
      for (const item of quiz.items) {
        if (done >= count + warmup) break;
        const input = answerFor(bench, quiz.sessionId, item.position, rng);
        if (idle === 'every-action') idleBetweenActions(bench);
        const floorFirst = done % 2 === 0;
        const floorMs = floor !== null && floorFirst ? floor.sample() : Number.NaN;
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const state = await service.submitAnswer(input);
        const ms = performance.now() - t0;
        const cpuUsed = process.cpuUsage(cpu0);
        const pairedFloorMs = floor !== null && !floorFirst ? floor.sample() : floorMs;
        if (typeof state.items[item.position]?.feedback?.attemptId !== 'number') {
          throw new Error(`submit at position ${item.position} came back without an attempt`);
        }
        if (done >= warmup) {
          samples.push(ms);
          gc.sample(t0, t0 + ms);
          cpuSamples.push((cpuUsed.user + cpuUsed.system) / 1000);
          if (floor !== null) floorSamples.push(pairedFloorMs);
        }
        done++;
      }
      await service.finishQuiz({ sessionId: quiz.sessionId });
    }
  } finally {
    floor?.close();
  }
  const summary = summarize(samples);
  const cpu = summarize(cpuSamples);
  const gcOverlap = await gc.finish();
  const commitFloor = floor === null ? null : summarize(floorSamples);
  const ratioP99 = commitFloor === null ? null : round(summary.p99 / commitFloor.p99, 2);
  const ratioP50 = commitFloor === null ? null : round(summary.p50 / commitFloor.p50, 2);
  if (commitFloor !== null) {
    log(describe(`submitAnswer via dispatch (idle checkpoint ${idle})`, summary));
    log(describe('  one-row commit floor (same disk, interleaved)', commitFloor));
    log(`  submit / floor: p99 ×${ratioP99}, p50 ×${ratioP50}`);
    log(describe('  process CPU time per submit', cpu));
    log(describeGc(gcOverlap, samples.length));
  }
  return {
    idle,
    summary: roundSummary(summary),
    cpu: roundSummary(cpu),
    gc: gcOverlap,
    commitFloor: commitFloor === null ? null : roundSummary(commitFloor),
    ratioP99,
    ratioP50,
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
  /** The write transaction: the session and its items inserted, BEGIN + COMMIT. */
  readonly writeOnly: Summary;
  /**
   * Process CPU time (all threads, `process.cpuUsage`) during each call: where the wall time is
   * well above it, the call waited — for the disk or for a core.
   */
  readonly cpu: Summary;
  /** GC pauses inside the timed calls (a diagnostic of the tail). */
  readonly gc: GcOverlap;
}

/**
 * Starts `count` recommended practice quizzes of 10 (after `warmup` untimed ones) with
 * `startQuiz`, timing the whole call, and separately the part before its write transaction and
 * the transaction itself (found by wrapping `db.transaction` of this connection: the one
 * transaction `startQuiz` opens writes the session). Each quiz is finished, untimed, and the
 * app's idle tick runs before the next (a learner looks at the review and the dashboard for more
 * than the timer's 2 s): with `planAhead` it plans the next recommended quiz, as the app's does,
 * so the start only checks that plan still holds and writes it; without, the start plans.
 */
export async function benchSelect(
  bench: BenchService,
  count: number,
  warmup: number,
  planAhead = true,
): Promise<SelectResult> {
  const { service, db } = bench;
  let firstTransactionAt = Number.NaN;
  let transactionEnd = Number.NaN;
  const original = db.transaction;
  db.transaction = function (this: Db, fn: Parameters<Db['transaction']>[0]) {
    const run = original.call(this, fn);
    return Object.assign((...args: unknown[]) => {
      if (Number.isNaN(firstTransactionAt)) firstTransactionAt = performance.now();
      try {
        return run(...args);
      } finally {
        transactionEnd = performance.now();
      }
    }, run);
  } as Db['transaction'];
  const whole: number[] = [];
  const selection: number[] = [];
  const write: number[] = [];
  const cpu: number[] = [];
  const gc = new GcWatch();
  try {
    for (let i = 0; i < count + warmup; i++) {
      firstTransactionAt = Number.NaN;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const quiz = await service.startQuiz(recommendedInput);
      const t1 = performance.now();
      const cpuUsed = process.cpuUsage(cpu0);
      if (quiz.items.length !== recommendedInput.count) {
        throw new Error(`recommended quiz has ${quiz.items.length} items`);
      }
      if (i >= warmup) {
        whole.push(t1 - t0);
        gc.sample(t0, t1);
        selection.push(firstTransactionAt - t0);
        write.push(transactionEnd - firstTransactionAt);
        cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
      }
      await service.finishQuiz({ sessionId: quiz.sessionId });
      idleBetweenActions(bench, planAhead);
    }
  } finally {
    db.transaction = original;
  }
  const result = {
    startQuiz: summarize(whole),
    selectionOnly: summarize(selection),
    writeOnly: summarize(write),
    cpu: summarize(cpu),
  };
  const gcOverlap = await gc.finish();
  const label = planAhead ? 'planned ahead in idle time' : 'planned at the click';
  log(describe(`startQuiz (recommended, 10, ${label})`, result.startQuiz));
  log(describe('  of which selection before the write', result.selectionOnly));
  log(describe('  of which the write transaction', result.writeOnly));
  log(describe('  process CPU time per call', result.cpu));
  log(describeGc(gcOverlap, whole.length));
  return {
    startQuiz: roundSummary(result.startQuiz),
    selectionOnly: roundSummary(result.selectionOnly),
    writeOnly: roundSummary(result.writeOnly),
    cpu: roundSummary(result.cpu),
    gc: gcOverlap,
  };
}

function describeGc(gc: GcOverlap, samples: number): string {
  return `  GC pause inside ${gc.samples_with_gc} of ${samples} calls (${gc.samples_with_major_gc} major, up to ${gc.max_gc_ms_in_sample} ms); the calls without: p99 ${gc.without_gc.p99} ms`;
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
  /**
   * For use cases that write: mean ms per call before its first transaction is called (for a
   * submit: the zod parse, loading the session and item, the checks), from there to the end of
   * its last one (body + BEGIN/COMMIT with the fsync), and after it (for a submit: re-reading
   * the session and building the returned quiz state, the envelope).
   */
  readonly stages_ms_per_op: {
    readonly before_first_transaction: number;
    readonly transactions: number;
    readonly after_last_transaction: number;
  } | null;
  readonly statements: readonly StatementProfile[];
}

interface Timings {
  readonly bySql: Map<string, { calls: number; ms: number }>;
  /** Statements executed while false are not recorded (untimed set-up between ops). */
  recording: boolean;
  /** `performance.now()` when the op's first transaction was called (NaN: none yet). */
  firstTransactionAt: number;
  /** `performance.now()` when the op's last transaction returned. */
  lastTransactionEnd: number;
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
  const timings: Timings = {
    bySql: new Map(),
    recording: true,
    firstTransactionAt: Number.NaN,
    lastTransactionEnd: Number.NaN,
  };
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
        if (Number.isNaN(timings.firstTransactionAt)) timings.firstTransactionAt = t0;
        try {
          return variant(...args);
        } finally {
          const end = performance.now();
          timings.lastTransactionEnd = end;
          record(TRANSACTION, end - t0 - inner);
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

interface Stages {
  before: number;
  transactions: number;
  after: number;
  ops: number;
}

function profileOf(timings: Timings, ops: number, totalMs: number, stages: Stages): UseCaseProfile {
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
    stages_ms_per_op:
      stages.ops === 0
        ? null
        : {
            before_first_transaction: round(stages.before / stages.ops, 3),
            transactions: round(stages.transactions / stages.ops, 3),
            after_last_transaction: round(stages.after / stages.ops, 3),
          },
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
    const { service } = bench;
    /** `ops` times: `before` (untimed), `timed`, `after` (untimed); after 10 warm-up rounds. */
    const run = async (
      timed: () => Promise<unknown>,
      before: () => Promise<unknown> = async () => undefined,
      after: () => Promise<unknown> = async () => undefined,
    ): Promise<UseCaseProfile> => {
      let total = 0;
      const stages: Stages = { before: 0, transactions: 0, after: 0, ops: 0 };
      for (let i = 0; i < ops + 10; i++) {
        if (i === 10) timings.bySql.clear();
        timings.recording = false;
        await before();
        timings.recording = true;
        timings.firstTransactionAt = Number.NaN;
        const t0 = performance.now();
        await timed();
        const t1 = performance.now();
        if (i >= 10) {
          total += t1 - t0;
          if (!Number.isNaN(timings.firstTransactionAt)) {
            stages.before += timings.firstTransactionAt - t0;
            stages.transactions += timings.lastTransactionEnd - timings.firstTransactionAt;
            stages.after += t1 - timings.lastTransactionEnd;
            stages.ops++;
          }
        }
        timings.recording = false;
        await after();
        timings.recording = true;
      }
      return profileOf(timings, ops, total, stages);
    };
    const idle = async () => idleBetweenActions(bench);
    const dashboard = await run(() => service.getDashboard());
    let sessionId = 0;
    const select = await run(
      async () => (sessionId = (await service.startQuiz(recommendedInput)).sessionId),
      idle,
      () => service.finishQuiz({ sessionId }),
    );
    // Submits at every position of recommended quizzes, an idle checkpoint before each (as in
    // benchSubmit's `every-action`).
    const rng = new Rng(seed, 0x9f);
    let position = 10;
    sessionId = 0;
    let input: ParsedInput<'submitAnswer'> | undefined;
    const submit = await run(
      () => service.submitAnswer(input!),
      async () => {
        if (position >= 10) {
          if (sessionId !== 0) await service.finishQuiz({ sessionId });
          await idle();
          sessionId = (await service.startQuiz(recommendedInput)).sessionId;
          position = 0;
        }
        input = answerFor(bench, sessionId, position++, rng);
        await idle();
      },
    );
    await service.finishQuiz({ sessionId });
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
      await benchSubmit(bench, submits, 0, seed + round, 'none');
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
