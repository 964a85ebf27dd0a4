import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../db/migrations';
import { runCli } from '../main';
import type { CliIo } from '../io';
import { setupQuiz } from '../../tests/integration/quiz-helpers';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdin: (async function* () {})(),
    out: (t) => (out += t),
    err: (t) => (err += t),
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

/** A database with one finished practice quiz of two answers. */
async function healthyDb(): Promise<string> {
  const { api, db, file } = setupQuiz();
  const quiz = await api.startQuiz({
    mode: 'practice',
    selection: 'topics',
    topics: ['normalization'],
    count: 3,
  });
  for (const item of quiz.items.slice(0, 2)) {
    const response =
      item.kind === 'numeric'
        ? { kind: 'numeric' as const, text: '3' }
        : { kind: 'choice' as const, optionIds: [item.options[0].id] };
    await api.submitAnswer({ sessionId: quiz.sessionId, position: item.position, response });
  }
  await api.finishQuiz({ sessionId: quiz.sessionId });
  db.close();
  return file;
}

/**
 * Makes `folder` read-only for this process and returns how to undo it: a read-only bind mount
 * when running as root (root ignores permission bits), else the permission bits.
 */
function makeReadOnly(folder: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('mount', ['--bind', folder, folder]);
    execFileSync('mount', ['-o', 'remount,ro,bind', folder]);
    return () => execFileSync('umount', [folder]);
  }
  chmodSync(folder, 0o555);
  return () => chmodSync(folder, 0o755);
}

/** What doctor reports for {@link healthyDb}: the latest schema, its two answers, no problem. */
const healthyReport = {
  ok: true,
  integrity: 'ok',
  schemaVersion: latestSchemaVersion,
  attempts: 2,
  problems: [],
};

describe('doctor', () => {
  it('reports a healthy database as JSON and exits 0', async () => {
    const file = await healthyDb();
    const { code, out, err } = await run(['doctor', '--db', file, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(healthyReport);
    const text = await run(['doctor', '--db', file]);
    expect(text.out).toContain('integrity: ok');
    expect(text.out).toContain('no problems found');
  });

  it('checks a database in a read-only folder (as a copy) and says the folder is read-only', async () => {
    const healthy = await healthyDb();
    const folder = mkdtempSync(join(tmpdir(), 'deepdrill-ro-'));
    const file = join(folder, 'deepdrill.db');
    copyFileSync(healthy, file);
    const before = readFileSync(file);
    const undo = makeReadOnly(folder);
    try {
      expect(() => writeFileSync(join(folder, 'probe'), 'x'), 'the folder is read-only').toThrow();
      const { code, out, err } = await run(['doctor', '--db', file, '--json']);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual({
        ...healthyReport,
        note: `the folder ${dirname(file)} is read-only: DeepDrill can read this database but cannot save to it there; a copy was checked`,
      });
      expect((await run(['doctor', '--db', file])).out).toMatch(
        /^note: the folder .* is read-only/m,
      );
    } finally {
      undo();
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('finds broken app invariants and exits 1', async () => {
    const file = await healthyDb();
    const db = new Database(file);
    db.exec(`UPDATE mastery SET attempts = attempts + 1`);
    db.exec(
      `UPDATE quiz_items SET attempt_id = NULL WHERE attempt_id = (SELECT min(id) FROM attempts)`,
    );
    db.exec(`INSERT INTO quiz_sessions (learner_id, mode, status, msq_rule, title, created_at)
             SELECT id, 'exam', 'paused', 'partial', 'bad', 0 FROM learners LIMIT 1`);
    db.close();
    const { code, out } = await run(['doctor', '--db', file, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as { ok: boolean; problems: string[] };
    expect(report.ok).toBe(false);
    const problems = report.problems.join('\n');
    expect(problems).toMatch(/mastery of learner \d+ on topic normalization says 3 attempts/);
    expect(problems).toMatch(
      /attempt \d+ \(quiz \d+, position \d+\) is not linked from its quiz item/,
    );
    expect(problems).toMatch(/quiz \d+ has no questions/);
    expect(problems).toMatch(
      /quiz \d+ \(exam, paused\) is neither properly finished nor resumable/,
    );
  });

  it('refuses a database from a newer DeepDrill with a clear message, without touching it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deepdrill-doctor-')), 'future.db');
    const db = new Database(file);
    db.pragma('user_version = 9999');
    db.close();
    const { code, err } = await run(['doctor', '--db', file, '--json']);
    expect(code).toBe(1);
    expect(err).toMatch(/written by a newer DeepDrill \(schema version 9999/);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('names a missing file or a file that is not a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deepdrill-doctor-'));
    expect((await run(['doctor', '--db', join(dir, 'nope.db')])).err).toMatch(/no database at/);
    writeFileSync(join(dir, 'text.db'), 'hello, this is not sqlite at all'.repeat(50));
    const garbage = await run(['doctor', '--db', join(dir, 'text.db')]);
    expect(garbage.code).toBe(1);
    expect(garbage.out).toMatch(/not a DeepDrill database/);
    expect(garbage.err).toBe('');
    expect((await run(['doctor'])).err).toMatch(/missing --db/);
  });

  it('reports damage as JSON (ok: false and what is wrong), never as an internal error', async () => {
    const file = await healthyDb();
    // Overwrite one index page (all but its 8-byte header) with noise, as a bad sector would.
    const raw = new Database(file);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const page = raw
      .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'attempts_by_learner'")
      .pluck()
      .get() as number;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const bytes = readFileSync(file);
    for (let i = (page - 1) * pageSize + 8; i < page * pageSize; i++) bytes[i] = (i * 151) % 256;
    writeFileSync(file, bytes);
    const damaged = await run(['doctor', '--db', file, '--json']);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toBe('');
    const report = JSON.parse(damaged.out) as {
      ok: boolean;
      integrity: string;
      problems: string[];
    };
    expect(report.ok).toBe(false);
    expect(report.integrity).not.toBe('ok');
    expect(report.problems[0]).toMatch(/^SQLite integrity check: /);
    expect(new Set(report.problems).size).toBe(report.problems.length);

    // Cut off mid-file (a copy that stopped half-way): also a report.
    const cut = join(mkdtempSync(join(tmpdir(), 'deepdrill-doctor-')), 'cut.db');
    writeFileSync(cut, bytes.subarray(0, 3 * pageSize + 100));
    const truncated = await run(['doctor', '--db', cut, '--json']);
    expect(truncated.code).toBe(1);
    expect(truncated.err).toBe('');
    expect(JSON.parse(truncated.out)).toMatchObject({ ok: false });
  });
});
