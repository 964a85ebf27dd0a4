import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import type { CliIo } from '../io';

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

describe('simulate', () => {
  it('imports the built-in bank, answers through the service and acks every committed attempt', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deepdrill-sim-')), 'sim.db');
    const { code, out, err } = await run([
      'simulate',
      '--db',
      file,
      '--learners',
      '2',
      '--answers',
      '25',
      '--seed',
      '3',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const acks = out.trim().split('\n');
    expect(acks).toHaveLength(50);
    expect(acks.every((line) => /^ack \d+$/.test(line))).toBe(true);
    const db = new Database(file, { readonly: true });
    const ids = db.prepare('SELECT id FROM attempts ORDER BY id').pluck().all();
    expect(ids).toEqual(acks.map((line) => Number(line.slice(4))));
    expect(db.prepare('SELECT count(*) FROM learners').pluck().get()).toBe(2);
    expect(db.prepare('SELECT count(*) FROM questions').pluck().get()).toBeGreaterThan(100);
    // Every quiz the simulator started was finished.
    expect(
      db.prepare(`SELECT count(*) FROM quiz_sessions WHERE status <> 'finished'`).pluck().get(),
    ).toBe(0);
    // The skill model gives neither all right nor all wrong.
    const accuracy = db.prepare('SELECT avg(correct) FROM attempts').pluck().get() as number;
    expect(accuracy).toBeGreaterThan(0.05);
    expect(accuracy).toBeLessThan(0.95);
    db.close();
    const doctor = await run(['doctor', '--db', file, '--json']);
    expect(JSON.parse(doctor.out)).toMatchObject({ ok: true, attempts: 50 });
  }, 60_000);

  it('refuses bad flags with one line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deepdrill-sim-')), 'sim.db');
    const bad = await run([
      'simulate',
      '--db',
      file,
      '--learners',
      '0',
      '--answers',
      '5',
      '--seed',
      '1',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('--learners must be a whole number from 1 to 10000, got "0"\n');
    expect(
      (await run(['simulate', '--db', file, '--learners', '1', '--answers', '5'])).err,
    ).toMatch(/missing --seed/);
  });
});
