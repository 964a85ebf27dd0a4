/**
 * "Export my results" in Settings, through dispatch over a real SQLite file: the CSV is the
 * CLI's (`results export --format csv`, with `--bom` when asked), only this learner's answers,
 * the xAPI export is JSON lines, and nothing comes out while an exam runs (it would show keys).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resultsCommand } from '../../cli/commands/results';
import type { CliIo } from '../../cli/io';
import type { Db } from '../../db/connection';
import type { ApiResult, AppApi, ExportedFile } from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import { createService } from '../../electron/service';
import { FakeClock, makeDeps, openFixtureDb, seedSource, tempDbFile } from './quiz-helpers';

const LEARNER = 'Zoë Müller-Šimić';
// 2025-03-03 09:00 UTC.
const START = Date.UTC(2025, 2, 3, 9, 0, 0);

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

function setup() {
  const file = tempDbFile('results.db');
  const clock = new FakeClock(START);
  const db = openFixtureDb(file, clock.now());
  dbs.push(db);
  const nextSeed = seedSource();
  const api = createService(makeDeps(db, clock, nextSeed, LEARNER));
  // A second learner on the same database: her answers are not this learner's results.
  const other = createService(makeDeps(db, clock, nextSeed, 'Other learner'));
  return { file, clock, db, api, other };
}

const questionId = (db: Db, itemId: string): number =>
  db.prepare('SELECT id FROM questions WHERE item_id = ?').pluck().get(itemId) as number;

async function call<T>(api: AppApi, method: 'exportResults', input: unknown) {
  return (await dispatch(api, method, input)) as ApiResult<T>;
}

/** A finished practice quiz of the Dice question, answered 0.8 (2·4 / (6 + 4) = 0.8: right). */
async function answerDice(api: AppApi, db: Db, clock: FakeClock, text: string): Promise<void> {
  const state = await api.startQuiz({
    mode: 'practice',
    selection: 'questions',
    topics: [],
    questionIds: [questionId(db, 'dice-value')],
    count: 1,
  });
  clock.advance(12_500);
  await api.submitAnswer({
    sessionId: state.sessionId,
    position: 0,
    response: { kind: 'numeric', text },
  });
  await api.finishQuiz({ sessionId: state.sessionId });
}

async function cliExport(file: string, extra: string[]): Promise<Buffer> {
  const out = join(mkdtempSync(join(tmpdir(), 'deepdrill-export-')), 'out.csv');
  const io: CliIo = { stdin: (async function* () {})(), out: () => {}, err: () => {} };
  const code = await resultsCommand(
    ['export', '--db', file, '--format', 'csv', '--out', out, '--learner', LEARNER, ...extra],
    io,
  );
  expect(code).toBe(0);
  return readFileSync(out);
}

describe('exportResults', () => {
  it('gives the CLI’s CSV, starting with the UTF-8 BOM when asked, only this learner’s answers', async () => {
    const { file, clock, db, api, other } = setup();
    await answerDice(api, db, clock, '0.8');
    await answerDice(other, db, clock, '0.5');

    const withBom = await call<ExportedFile>(api, 'exportResults', { format: 'csv', bom: true });
    if (!withBom.ok) throw new Error(withBom.error.message);
    expect(withBom.value.fileName).toBe('deepdrill-results-2025-03-03.csv');
    expect(withBom.value.mimeType).toMatch(/^text\/csv/);
    expect(withBom.value.records).toBe(1);
    const bytes = Buffer.from(withBom.value.content, 'utf8');
    // EF BB BF is U+FEFF in UTF-8: what Excel looks for.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.equals(await cliExport(file, ['--bom']))).toBe(true);

    const lines = withBom.value.content.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'learner,quiz_session,quiz_title,quiz_started,bank,item,version,topic,topic_title,' +
        'question_type,answer,score,correct,time_taken_s,answered_at',
    );
    const row = lines[1].split(',');
    expect(row[0]).toBe(LEARNER);
    expect(row.slice(4, 6)).toEqual(['fixture', 'dice-value']);
    expect(row.slice(10, 14)).toEqual(['0.8', '1', 'true', '12.5']);
    expect(lines.slice(2)).toEqual(['']);

    const plain = await call<ExportedFile>(api, 'exportResults', { format: 'csv' });
    if (!plain.ok) throw new Error(plain.error.message);
    expect(plain.value.content.startsWith('learner,')).toBe(true);
    expect(Buffer.from(plain.value.content, 'utf8').equals(await cliExport(file, []))).toBe(true);
  });

  it('offers xAPI statements as JSON lines: the answer, then the finished quiz', async () => {
    const { db, clock, api } = setup();
    await answerDice(api, db, clock, '0.8');
    const result = await call<ExportedFile>(api, 'exportResults', {
      format: 'xapi',
      homePage: 'https://lms.example.edu',
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.fileName).toBe('deepdrill-results-2025-03-03.jsonl');
    const statements = result.value.content
      .trimEnd()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            actor: { account: { name: string; homePage: string } };
            verb: { id: string };
            result?: { success?: boolean };
          },
      );
    expect(statements).toHaveLength(2);
    expect(statements.map((s) => s.verb.id)).toEqual([
      'http://adlnet.gov/expapi/verbs/answered',
      'http://adlnet.gov/expapi/verbs/completed',
    ]);
    expect(statements[0].actor.account).toEqual({
      name: LEARNER,
      homePage: 'https://lms.example.edu',
    });
    expect(statements[0].result?.success).toBe(true);
  });

  it('refuses while an exam runs, and again allows once it is finished', async () => {
    const { db, api } = setup();
    const exam = await api.startQuiz({
      mode: 'exam',
      selection: 'questions',
      topics: [],
      questionIds: [questionId(db, 'dice-value')],
      count: 1,
      durationMinutes: 10,
    });
    const refused = await call<ExportedFile>(api, 'exportResults', { format: 'csv' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('exam-running');
      expect(refused.error.message).toMatch(/Finish the exam first/);
    }
    await api.finishQuiz({ sessionId: exam.sessionId });
    const after = await call<ExportedFile>(api, 'exportResults', { format: 'csv' });
    expect(after.ok).toBe(true);
  });

  it('refuses a bad input or home page as invalid input', async () => {
    const { api } = setup();
    const bad = await call<ExportedFile>(api, 'exportResults', { format: 'xlsx' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid-input');
    const page = await call<ExportedFile>(api, 'exportResults', {
      format: 'xapi',
      homePage: 'ftp://x',
    });
    expect(page.ok ? null : page.error.code).toBe('invalid-input');
  });
});
