import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { startApp } from '../../electron/bootstrap';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdin: (async function* (): AsyncGenerator<string> {})(),
      out: (t: string) => void out.push(t),
      err: (t: string) => void err.push(t),
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

const gift = 'tests/fixtures/interop/sample.gift';
const xml = 'tests/fixtures/interop/sample.xml';
const dbFile = () => join(mkdtempSync(join(tmpdir(), 'deepdrill-foreign-')), 'deepdrill.db');

describe('importing Moodle formats', () => {
  it('bank import FILE.gift imports the supported questions and lists the unsupported ones by line', async () => {
    const db = dbFile();
    const run = io();
    expect(await runCli(['bank', 'import', gift, '--db', db], run.io)).toBe(0);
    expect(run.out()).toMatch(/imported bank sample-gift: \d+ added/);
    // Essays and matching questions are named with their line, not dropped silently.
    expect(run.err()).toMatch(/^line \d+: essay question .* was left out$/m);
    expect(run.err()).toMatch(/^line \d+: matching question/m);
  });

  it('bank import FILE.xml works the same way, naming unsupported elements by path', async () => {
    const db = dbFile();
    const run = io();
    expect(await runCli(['bank', 'import', xml, '--db', db], run.io)).toBe(0);
    expect(run.err()).toMatch(/^quiz\/question\[\d+\]: essay question/m);
  });

  it('the app’s import screen takes GIFT too, and reports unsupported questions', async () => {
    const app = startApp({ dbPath: dbFile(), mode: 'browser', includeBuiltinBank: false });
    const report = await app.service.importBank({
      fileName: 'week11.gift',
      content: readFileSync(gift, 'utf8'),
    });
    expect(report.ok).toBe(true);
    expect(report.added).toBeGreaterThan(3);
    expect(report.unsupported.map((u) => u.type)).toEqual(
      expect.arrayContaining(['essay', 'matching']),
    );
    const page = await app.service.listQuestions({ search: '', limit: 50, offset: 0 });
    expect(page.total).toBe(report.added);
    app.stop();
  });

  it('a broken GIFT file is refused with its line, and nothing is imported', async () => {
    const app = startApp({ dbPath: dbFile(), mode: 'browser', includeBuiltinBank: false });
    const report = await app.service.importBank({
      fileName: 'broken.gift',
      content: '::Q1:: What is 2+2? {=4 ~3\n\n::Q2:: Fine? {T}\n',
    });
    expect(report.ok).toBe(false);
    expect(report.problems[0].path).toMatch(/^line 1/);
    expect((await app.service.getAppInfo()).questionCount).toBe(0);
    app.stop();
  });

  it('bank export --format gift writes what Moodle can read back', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'deepdrill-foreign-'));
    const run = io();
    expect(
      await runCli(
        ['bank', 'export', '--builtin', '--out', join(folder, 'core.gift'), '--format', 'gift'],
        run.io,
      ),
    ).toBe(0);
    // Templates go out as fixed variants; what GIFT cannot hold (vector answers) is counted in one line.
    expect(run.err()).toMatch(/^\d+ of \d+ items not exported \(gift cannot hold them/);
    const back = io();
    expect(await runCli(['bank', 'validate', join(folder, 'core.gift')], back.io)).toBe(0);
    expect(back.out()).toMatch(/^ok: \d+ items/);
  });
});
