/**
 * Crash safety: `simulate` — the CLI, which answers through `createService` + `dispatch` +
 * `submitAnswer` and prints `ack <attemptId>` once each call has returned — is killed with
 * SIGKILL at random moments, hundreds of times. After every kill the database must pass
 * `doctor` (integrity, foreign keys, the app's invariants) and hold every acknowledged attempt.
 *
 * Starting `tsx` costs about 1.5 s a run, so the CLI is bundled once with esbuild (as the app's
 * main process runs bundled code) and each run is a plain `node` process (~0.2 s to start).
 * Kills run in a few lanes in parallel, each on its own database: within a lane every run
 * resumes after the previous crash (WAL recovery, the open quiz resumed). The kill points come
 * from the logged seed (`CRASH_SEED` replays them; `CRASH_KILLS` changes how many).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseDatabase, openForDiagnosis } from '../../cli/commands/doctor';
import { Rng } from '../../core/selection';
import { latestSchemaVersion, schemaVersion } from '../../db/migrations';

const KILLS = Number(process.env.CRASH_KILLS ?? 240);
/** Databases killed in parallel: enough to keep two cores busy while a lane runs `doctor`. */
const LANES = 3;
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
/** A run that neither acks nor dies by then is killed and fails the test. */
const WATCHDOG_MS = 20_000;

const work = mkdtempSync(join(tmpdir(), 'deepdrill-crash-'));
const cli = join(work, 'cli.mjs');

beforeAll(async () => {
  // `better-sqlite3` stays a native module loaded from this checkout's node_modules.
  const sqlite = createRequire(join(process.cwd(), 'package.json')).resolve('better-sqlite3');
  await build({
    entryPoints: ['cli/main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: cli,
    logLevel: 'warning',
    plugins: [
      {
        name: 'native-sqlite',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true }));
        },
      },
    ],
  });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** When a run is killed: at a random moment after it starts, or shortly after its k-th ack. */
type KillPoint =
  | { readonly kind: 'startup'; readonly afterMs: number }
  | { readonly kind: 'acks'; readonly killAfter: number; readonly delayMs: number };

interface RunOutcome {
  readonly acked: number[];
  /** Lines on stdout other than `ack <id>` (there should be none). */
  readonly otherLines: string[];
  readonly exitSignal: NodeJS.Signals | null;
  readonly exitCode: number | null;
  readonly stderr: string;
}

/** Starts `simulate` on `db` and kills it (SIGKILL, whole process group) at `point`. */
function runAndKill(db: string, simSeed: number, point: KillPoint): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS; // vitest's loader options are not the CLI's
    const args = [cli, 'simulate', '--db', db, '--learners', '1', '--answers', '100000'];
    const child = spawn(process.execPath, [...args, '--seed', String(simSeed)], {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const acked: number[] = [];
    const otherLines: string[] = [];
    let buffered = '';
    let stderr = '';
    let killScheduled = false;
    if (point.kind === 'startup') {
      killScheduled = true;
      setTimeout(killGroup, point.afterMs);
    }
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const match = /^ack (\d+)$/.exec(line);
        if (match !== null) acked.push(Number(match[1]));
        else otherLines.push(line);
      }
      if (!killScheduled && point.kind === 'acks' && acked.length >= point.killAfter) {
        killScheduled = true;
        setTimeout(killGroup, point.delayMs);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    const watchdog = setTimeout(killGroup, WATCHDOG_MS);
    child.on('close', (exitCode, exitSignal) => {
      clearTimeout(watchdog);
      // An ack is one small write, so a kill never leaves half a line.
      if (buffered !== '') otherLines.push(buffered);
      resolve({ acked, otherLines, exitSignal, exitCode, stderr });
    });
  });
}

/**
 * The database after a crash: doctor's report, and every acknowledged attempt present. A kill
 * before the first run created or migrated the database leaves nothing to check but SQLite's
 * integrity (the next run migrates it); nothing can have been acknowledged by then.
 */
function checkAfterCrash(db: string, allAcked: readonly number[], label: string): void {
  if (!existsSync(db)) {
    expect(allAcked, `${label}: acks without a database`).toEqual([]);
    return;
  }
  const conn = openForDiagnosis(db);
  if (!('prepare' in conn)) throw new Error(`${label}: ${conn.problems.join('; ')}`);
  try {
    if (schemaVersion(conn) < latestSchemaVersion) {
      expect(allAcked, `${label}: acks before the database was migrated`).toEqual([]);
      expect(conn.pragma('integrity_check', { simple: true }), `${label}: integrity`).toBe('ok');
      return;
    }
    const report = diagnoseDatabase(conn);
    expect(report.problems, `${label}: doctor's problems`).toEqual([]);
    expect(report.integrity, `${label}: integrity_check`).toBe('ok');
    expect(report.ok, `${label}: doctor ok`).toBe(true);
    const present = new Set(conn.prepare('SELECT id FROM attempts').pluck().all() as number[]);
    const missing = allAcked.filter((id) => !present.has(id));
    expect(missing, `${label}: acknowledged attempts missing`).toEqual([]);
    expect(report.attempts).toBeGreaterThanOrEqual(allAcked.length);
  } finally {
    conn.close();
  }
}

interface LaneResult {
  readonly kills: number;
  readonly acked: number;
  readonly startupKills: number;
  readonly runsWithoutAck: number;
}

/** Set when a lane fails, so the others stop starting runs. */
let aborted = false;

/** Runs `points` one after another on a fresh database, checking it after every kill. */
async function lane(index: number, points: readonly KillPoint[]): Promise<LaneResult> {
  try {
    return await runLane(index, points);
  } catch (error) {
    aborted = true;
    throw error;
  }
}

async function runLane(index: number, points: readonly KillPoint[]): Promise<LaneResult> {
  const db = join(work, `lane-${index}.db`);
  const allAcked: number[] = [];
  let runsWithoutAck = 0;
  for (let run = 0; run < points.length && !aborted; run++) {
    const point = points[run];
    // Three simulated learners per lane take turns, so a learner's next run resumes the quiz
    // the crash left open.
    const simSeed = seed + index * 1000 + (run % 3);
    const outcome = await runAndKill(db, simSeed, point);
    const label = `lane ${index} run ${run} (${JSON.stringify(point)}, seed ${seed})`;
    expect(outcome.stderr, `${label}: stderr`).toBe('');
    expect(outcome.otherLines, `${label}: stdout lines other than acks`).toEqual([]);
    expect(
      { signal: outcome.exitSignal, code: outcome.exitCode },
      `${label}: ended by the kill`,
    ).toEqual({ signal: 'SIGKILL', code: null });
    if (point.kind === 'acks') expect(outcome.acked.length).toBeGreaterThanOrEqual(point.killAfter);
    if (outcome.acked.length === 0) runsWithoutAck++;
    allAcked.push(...outcome.acked);
    // Attempt ids are rowids: a lost attempt's id would be handed out again and acked twice.
    expect(new Set(allAcked).size, `${label}: an attempt id was acknowledged twice`).toBe(
      allAcked.length,
    );
    checkAfterCrash(db, allAcked, label);
  }
  return {
    kills: points.length,
    acked: allAcked.length,
    startupKills: points.filter((p) => p.kind === 'startup').length,
    runsWithoutAck,
  };
}

describe('kill -9 during simulate', () => {
  it(`loses no acknowledged attempt and leaves a healthy database (${KILLS} kills)`, async () => {
    console.log(
      `crash test seed ${seed}: ${KILLS} kills in ${LANES} lanes (CRASH_SEED replays the kill points)`,
    );
    const rng = new Rng(seed);
    const plans: KillPoint[][] = Array.from({ length: LANES }, () => []);
    for (let k = 0; k < KILLS; k++) {
      // One kill in six lands anywhere from process start on (opening, migrating, seeding the
      // built-in bank, resuming); the others after 1–40 acks plus 0–20 ms, i.e. inside answers,
      // quiz starts and finishes.
      const point: KillPoint = rng.chance(1 / 6)
        ? { kind: 'startup', afterMs: rng.int(0, 400) }
        : { kind: 'acks', killAfter: rng.int(1, 40), delayMs: rng.int(0, 20) };
      plans[k % LANES].push(point);
    }
    const t0 = performance.now();
    const results = await Promise.all(plans.map((points, i) => lane(i, points)));
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const kills = results.reduce((n, r) => n + r.kills, 0);
    const acked = results.reduce((n, r) => n + r.acked, 0);
    const startup = results.reduce((n, r) => n + r.startupKills, 0);
    const silent = results.reduce((n, r) => n + r.runsWithoutAck, 0);
    console.log(
      `crash test seed ${seed}: ${kills} kills (${startup} timed from start, ${silent} before any ack) in ${seconds} s; ${acked} acknowledged attempts, all present; doctor ok after every kill`,
    );
    expect(kills).toBe(KILLS);
  }, 240_000);
});
