/**
 * Crash safety: the simulator is killed with SIGKILL at random moments after some answers were
 * acknowledged; afterwards the database must pass `doctor` and hold every acknowledged attempt.
 * The runs share one database, so each run also resumes after the previous crash.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseDatabase, openForDiagnosis } from '../../cli/commands/doctor';
import { Rng } from '../../core/selection';

const RUNS = 15;
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);

interface RunOutcome {
  readonly acked: number[];
  readonly exitSignal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Starts `simulate`, kills it with SIGKILL `delayMs` after the `killAfter`-th ack. */
function runAndKill(
  db: string,
  simSeed: number,
  killAfter: number,
  delayMs: number,
): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'node_modules/.bin/tsx',
      [
        'cli/main.ts',
        'simulate',
        '--db',
        db,
        '--learners',
        '3',
        '--answers',
        '100000',
        '--seed',
        String(simSeed),
      ],
      // Own process group: tsx runs the CLI in a child node process, and SIGKILL must hit both.
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const acked: number[] = [];
    let buffered = '';
    let stderr = '';
    let killScheduled = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const match = /^ack (\d+)$/.exec(line);
        if (match !== null) acked.push(Number(match[1]));
      }
      if (!killScheduled && acked.length >= killAfter) {
        killScheduled = true;
        setTimeout(killGroup, delayMs);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    // A run that hangs is killed too, so the test fails instead of leaving processes behind.
    const watchdog = setTimeout(killGroup, 20_000);
    child.on('close', (_code, signal) => {
      clearTimeout(watchdog);
      resolve({ acked, exitSignal: signal, stderr });
    });
  });
}

describe('kill -9 during simulate', () => {
  it(`loses no acknowledged attempt and leaves a healthy database (${RUNS} crashes)`, async () => {
    console.log(`crash test seed ${seed} (set CRASH_SEED to replay the kill points)`);
    const rng = new Rng(seed);
    const db = join(mkdtempSync(join(tmpdir(), 'deepdrill-crash-')), 'crash.db');
    const allAcked: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const killAfter = rng.int(1, 40);
      const delayMs = rng.int(0, 30);
      const outcome = await runAndKill(db, seed + run, killAfter, delayMs);
      expect(outcome.stderr, `run ${run} stderr`).toBe('');
      expect(outcome.exitSignal, `run ${run} was killed`).toBe('SIGKILL');
      expect(outcome.acked.length).toBeGreaterThanOrEqual(killAfter);
      allAcked.push(...outcome.acked);

      const conn = openForDiagnosis(db);
      try {
        const report = diagnoseDatabase(conn);
        expect(
          report.problems,
          `run ${run} (kill after ${killAfter} acks + ${delayMs} ms)`,
        ).toEqual([]);
        expect(report.ok).toBe(true);
        expect(report.integrity).toBe('ok');
        const present = new Set(conn.prepare('SELECT id FROM attempts').pluck().all() as number[]);
        const missing = allAcked.filter((id) => !present.has(id));
        expect(missing, `run ${run}: acknowledged attempts missing`).toEqual([]);
        expect(report.attempts).toBeGreaterThanOrEqual(allAcked.length);
      } finally {
        conn.close();
      }
    }
  }, 120_000);
});
