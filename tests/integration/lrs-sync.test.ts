/**
 * `results sync` against a real learning record store on loopback: Learning Locker's statement
 * service (`xapi-statements`, in-memory) started here and stopped after. The learner's quizzes
 * go through the real service (`dispatch`) into a real SQLite file; the CLI syncs that file.
 * What the LRS holds is read back over its own HTTP API, and compared with the statement ids
 * `results export --format xapi` writes for the same home page.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../cli/run-captured';
import type { Db } from '../../db/connection';
import { fillOutbox } from '../../db/outbox';
import { markTried, pendingStatements } from '../../db/queries/outbox';
import type { AppApi, QuizState } from '../../electron/contract';
import { dispatchingClient } from '../../electron/dispatch';
import type { ServiceDeps } from '../../electron/service/deps';
import { lrsStatements, startLrs, type TestLrs } from './lrs';
import { choose, setupQuiz } from './quiz-helpers';

const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';

const run = runCliCaptured;

let lrs: TestLrs;
let db: Db;
let file: string;
let api: AppApi;
let deps: ServiceDeps;
/** The home page `results sync` uses by default: the LRS's origin. */
let homePage: string;

beforeAll(async () => {
  lrs = await startLrs();
  homePage = `http://127.0.0.1:${lrs.port}`;
  const setup = setupQuiz();
  ({ db, file, deps } = setup);
  api = dispatchingClient(setup.api);
}, 30_000);

afterAll(async () => {
  await lrs?.stop();
  if (db?.open) db.close();
});

const sync = (...extra: string[]) =>
  run(['results', 'sync', '--db', file, '--endpoint', lrs.endpoint, '--json', ...extra]);

/** The ids `results export --format xapi` writes for the database now, in file order. */
async function exportedIds(): Promise<string[]> {
  const out = join(dirname(file), 'export.jsonl');
  const r = await run([
    'results',
    ...['export', '--db', file, '--format', 'xapi', '--home-page', homePage, '--out', out],
  ]);
  expect(r.code).toBe(0);
  return readFileSync(out, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

const idsOf = (statements: readonly Record<string, unknown>[]) =>
  statements.map((s) => s.id as string).sort();

const findItem = (state: QuizState, stemPart: string) => {
  const item = state.items.find((i) => i.stem.includes(stemPart));
  if (item === undefined) throw new Error(`no item with "${stemPart}"`);
  return item;
};

/**
 * A practice quiz over the two fixed normalisation items plus the template one; the learner
 * answers the test-time question with `option` and the batch mean with `mean`, leaves the
 * template item blank, and hands in. Two attempts: two `answered` statements and one
 * `completed`.
 */
async function finishedQuiz(option: 'a' | 'b', mean: string): Promise<void> {
  const state = await api.startQuiz({
    mode: 'practice',
    selection: 'topics',
    topics: ['normalization'],
    count: 3,
  });
  const bn = findItem(state, 'At test time');
  const avg = findItem(state, 'values 1, 2 and 6');
  await api.saveAnswer({
    sessionId: state.sessionId,
    position: bn.position,
    response: choose(deps, state, bn.position, option),
  });
  await api.saveAnswer({
    sessionId: state.sessionId,
    position: avg.position,
    response: { kind: 'numeric', text: mean },
  });
  await api.finishQuiz({ sessionId: state.sessionId });
}

const pendingInDb = () =>
  db.prepare('SELECT count(*) AS n FROM xapi_outbox WHERE sent_at IS NULL').get() as { n: number };

describe('results sync to a real LRS', () => {
  it("sends a finished quiz's statements with the ids results export writes; an open quiz waits", async () => {
    // Wrong option 'a' (batch statistics at test time), right mean 3: 1 of 3 items right.
    await finishedQuiz('a', '3');
    // A quiz still open is not a result yet.
    const open = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['regularization'],
      count: 1,
    });
    await api.saveAnswer({
      sessionId: open.sessionId,
      position: 0,
      response: { kind: 'choice', optionIds: [open.items[0].options[0].id] },
    });

    const r = await sync('--username', 'teacher', '--password', 'secret');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ sent: 3, already: 0, failed: 0, pending: 0 });

    const held = await lrsStatements(lrs);
    expect(held).toHaveLength(3);
    expect(idsOf(held)).toEqual([...(await exportedIds())].sort());
    const verbs = held.map((s) => (s.verb as { id: string }).id).sort();
    expect(verbs).toEqual([ANSWERED, ANSWERED, COMPLETED]);
    for (const s of held) {
      expect(s.actor).toMatchObject({ name: 'learner', account: { homePage, name: 'learner' } });
    }
    const answers = held
      .filter((s) => (s.verb as { id: string }).id === ANSWERED)
      .map((s) => ({
        item: (s.object as { id: string }).id.split('/items/')[1],
        success: (s.result as { success: boolean }).success,
      }))
      .sort((a, b) => a.item.localeCompare(b.item));
    expect(answers).toEqual([
      { item: 'bn-mean', success: true },
      { item: 'bn-test-time', success: false },
    ]);
    const completed = held.find((s) => (s.verb as { id: string }).id === COMPLETED);
    expect((completed?.result as { score: unknown }).score).toEqual({
      scaled: 1 / 3,
      raw: 1,
      min: 0,
      max: 3,
    });
    await api.finishQuiz({ sessionId: open.sessionId }); // handed in: new for the next sync
  });

  it('a second sync sends nothing already sent', async () => {
    const r = await sync();
    expect(r.code).toBe(0);
    // The quiz handed in at the end of the first test is the only new result: 1 answer + 1.
    expect(JSON.parse(r.out)).toEqual({ sent: 2, already: 0, failed: 0, pending: 0 });
    const again = await sync();
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual({ sent: 0, already: 0, failed: 0, pending: 0 });
    const held = await lrsStatements(lrs);
    expect(held).toHaveLength(5);
    expect(new Set(idsOf(held)).size).toBe(5);
    expect(idsOf(held)).toEqual([...(await exportedIds())].sort());
  });

  it('with the LRS down: exit 1, one line, everything kept; once it is back exactly the new results go', async () => {
    const before = new Set(await exportedIds());
    await finishedQuiz('b', '2.5'); // right option, wrong mean: 2 answers + 1 completed
    const port = lrs.port;
    await lrs.stop();

    // The command as a user runs it, in its own process.
    const result = await promisify(execFile)(
      process.execPath,
      [
        join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'),
        join(process.cwd(), 'cli/main.ts'),
        ...['results', 'sync', '--db', file, '--endpoint', lrs.endpoint, '--json'],
      ],
      { env: { ...process.env, NODE_NO_WARNINGS: '1' } },
    ).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `cannot reach the learning record store at ${lrs.endpoint} (ECONNREFUSED); every unsent result is kept`,
    ]);
    expect(pendingInDb().n).toBe(3);

    // The same LRS address again (a fresh in-memory store: it holds only what is sent now).
    lrs = await startLrs(port);
    const r = await sync();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ sent: 3, already: 0, failed: 0, pending: 0 });
    const newIds = (await exportedIds()).filter((id) => !before.has(id)).sort();
    expect(newIds).toHaveLength(3);
    expect(idsOf(await lrsStatements(lrs))).toEqual(newIds);
  }, 60_000);

  it('a row left tried by a crash is resolved with the LRS: already there, never duplicated', async () => {
    await finishedQuiz('b', '3');
    // What an interrupted sync leaves: the quiz queued, all three rows marked tried; the post
    // of the first reached the LRS, the process died before recording it; the second's post
    // never arrived; the third was never tried.
    fillOutbox(db, homePage);
    const rows = pendingStatements(db, 0, 10);
    expect(rows).toHaveLength(3);
    markTried(db, [rows[0].id, rows[1].id], Date.now());
    const posted = await fetch(`${lrs.endpoint}/statements`, {
      method: 'POST',
      headers: { 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body: `[${rows[0].json}]`,
    });
    expect(posted.status).toBe(200);
    const heldBefore = (await lrsStatements(lrs)).length;

    const r = await sync();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ sent: 2, already: 1, failed: 0, pending: 0 });
    const held = await lrsStatements(lrs);
    expect(held).toHaveLength(heldBefore + 2);
    const ids = idsOf(held);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of rows) expect(ids.filter((id) => id === row.statementId)).toHaveLength(1);
    const outcome = db
      .prepare('SELECT outcome FROM xapi_outbox WHERE id = ?')
      .pluck()
      .get(rows[0].id) as string;
    expect(outcome).toBe('already');
  });

  it('a statement the LRS holds with other content (409) counts as already, the rest are sent', async () => {
    await finishedQuiz('a', '3');
    fillOutbox(db, homePage);
    const rows = pendingStatements(db, 0, 10);
    expect(rows).toHaveLength(3);
    const altered = { ...(JSON.parse(rows[1].json) as object), timestamp: '2020-01-01T00:00:00Z' };
    const posted = await fetch(`${lrs.endpoint}/statements`, {
      method: 'POST',
      headers: { 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body: JSON.stringify([altered]),
    });
    expect(posted.status).toBe(200);

    const r = await sync();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ sent: 2, already: 1, failed: 0, pending: 0 });
    const ids = idsOf(await lrsStatements(lrs));
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of rows) expect(ids).toContain(row.statementId);
  });

  it('results pull writes what the LRS holds; class report over it and the export counts each answer once', async () => {
    const pulled = join(dirname(file), 'pulled.jsonl');
    const r = await run(['results', 'pull', '--endpoint', lrs.endpoint, '--out', pulled]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const held = idsOf(await lrsStatements(lrs));
    const lines = readFileSync(pulled, 'utf8').trimEnd().split('\n');
    expect(r.out).toBe(`pulled ${held.length} xAPI statements to ${pulled}\n`);
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id).sort()).toEqual(held);

    // The learner's own export holds everything; the pull (the LRS restarted empty in the
    // third test) part of it again.
    const exported = join(dirname(file), 'export.jsonl');
    const all = await exportedIds();
    const report = await run(['class', 'report', exported, pulled, '--json']);
    expect(report.err).toBe('');
    expect(report.code).toBe(0);
    const figures = JSON.parse(report.out) as {
      statements: number;
      duplicates: number;
      totals: { learners: number; answers: number; quizzes: number };
      items: {
        id: string;
        answers: number;
        facility: number;
        options: { id: string; picks: number }[];
      }[];
      misconceptions: { id: string; answers: number; learners: number }[];
    };
    expect(figures.statements).toBe(all.length + held.length);
    expect(figures.duplicates).toBe(held.length);
    // Five quizzes handed in: 2 + 1 + 2 + 2 + 2 answers.
    expect(figures.totals).toEqual({ learners: 1, answers: 9, quizzes: 5 });
    // The test-time question: 'a' (wrong) in quizzes 1 and 5, 'b' in 3 and 4.
    const bn = figures.items.find((i) => i.id.endsWith('/items/bn-test-time'));
    expect(bn).toMatchObject({ answers: 4, facility: 0.5 });
    const picks = Object.fromEntries(bn!.options.map((o) => [o.id, o.picks]));
    expect(picks).toEqual({ a: 2, b: 2, c: 0 });
    // The batch mean: 3, 2.5, 3, 3 → three of four right.
    expect(figures.items.find((i) => i.id.endsWith('/items/bn-mean'))).toMatchObject({
      answers: 4,
      facility: 0.75,
    });
    expect(figures.misconceptions.find((m) => m.id === 'bn-test-batch-stats')).toEqual({
      id: 'bn-test-batch-stats',
      label: 'Uses batch statistics at test time',
      answers: 2,
      learners: 1,
    });
  });

  it('results pull follows the LRS\'s "more" pages (100 statements a page)', async () => {
    const before = (await lrsStatements(lrs)).length;
    const extra = Array.from({ length: 150 }, (_, k) => ({
      id: `7d5e0c4a-0000-4000-8000-${String(k).padStart(12, '0')}`,
      actor: { objectType: 'Agent', name: 'visitor', mbox: 'mailto:visitor@example.edu' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { objectType: 'Activity', id: `https://example.edu/page/${k}` },
    }));
    const posted = await fetch(`${lrs.endpoint}/statements`, {
      method: 'POST',
      headers: { 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body: JSON.stringify(extra),
    });
    expect(posted.status).toBe(200);
    const pulled = join(dirname(file), 'pulled-all.jsonl');
    const r = await run(['results', 'pull', '--endpoint', lrs.endpoint, '--out', pulled]);
    expect(r.code).toBe(0);
    const ids = readFileSync(pulled, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toHaveLength(before + 150);
    expect(new Set(ids).size).toBe(before + 150);
  });

  it('a statement the LRS refuses as invalid is failed and kept pending; the others are sent', async () => {
    await finishedQuiz('b', '3');
    fillOutbox(db, homePage);
    const rows = pendingStatements(db, 0, 10);
    expect(rows).toHaveLength(3);
    const broken = {
      ...(JSON.parse(rows[1].json) as { verb: unknown }),
      verb: { id: 'not an IRI' },
    };
    db.prepare('UPDATE xapi_outbox SET statement = ? WHERE id = ?').run(
      JSON.stringify(broken),
      rows[1].id,
    );
    const r = await sync();
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({ sent: 2, already: 0, failed: 1, pending: 1 });
    const again = await sync();
    expect(JSON.parse(again.out)).toEqual({ sent: 0, already: 0, failed: 1, pending: 1 });
    const ids = idsOf(await lrsStatements(lrs));
    expect(ids).toContain(rows[0].statementId);
    expect(ids).toContain(rows[2].statementId);
    expect(ids).not.toContain(rows[1].statementId);
  });

  it('results pull from an LRS that is down exits 1 with one line and writes nothing', async () => {
    await lrs.stop(); // afterAll's stop is then a no-op
    const out = join(dirname(file), 'pulled-down.jsonl');
    const r = await run(['results', 'pull', '--endpoint', lrs.endpoint, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err.trimEnd().split('\n')).toEqual([
      `cannot reach the learning record store at ${lrs.endpoint} (ECONNREFUSED); nothing was written`,
    ]);
    expect(() => readFileSync(out)).toThrow();
  });
});
