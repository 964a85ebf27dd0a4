/**
 * Files of millions of questions DeepDrill cannot use: memory stays bounded and the learner is
 * told what was left out, by the CLI (its own process, with a capped heap) and by the service the
 * page calls (the real worker, through `dispatch`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../electron/bootstrap';
import type { ImportReport } from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import { tempDbFile } from './quiz-helpers';

const apps: RunningApp[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.stop();
});

/** `n` GIFT essay questions (`x{}`, two lines each), then one true/false question. */
function essays(n: number): string {
  return `${'x{}\n\n'.repeat(n)}::tf:: Is dropout off in eval mode? {T}\n`;
}

describe('hostile imports', () => {
  it('the CLI imports the one usable question of 2 million within a 400 MB heap and counts the rest', async () => {
    // Before the lists were capped and the file read block by block, such a file took about
    // 600 bytes per question: 1.2 GB here, far past this heap limit (the process would die).
    const dir = mkdtempSync(join(tmpdir(), 'deepdrill-hostile-'));
    const file = join(dir, 'flood.gift');
    writeFileSync(file, essays(2_000_000));
    const db = join(dir, 'flood.db');
    const run = await promisify(execFile)(
      process.execPath,
      [
        '--max-old-space-size=400',
        join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'),
        join(process.cwd(), 'cli/main.ts'),
        ...['bank', 'import', file, '--db', db],
      ],
      { env: { ...process.env, NODE_NO_WARNINGS: '1' }, maxBuffer: 4 * 1024 * 1024 },
    ).then(
      (ok) => ({ code: 0, ...ok }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(run.stderr).not.toMatch(/heap out of memory/i);
    expect(run.code).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    // 200 listed by line, then one line for all the others.
    expect(lines).toHaveLength(201);
    expect(lines[0]).toBe('line 1: essay question "x" is not supported and was left out');
    expect(lines[200]).toBe(
      '… and 1999800 more questions of types DeepDrill does not support were left out',
    );
    // The bank id is the file name's slug and its format.
    expect(run.stdout).toMatch(/^imported bank flood-gift: 1 added,/);
  }, 180_000);

  it('the page gets the first 200 left-out questions and the full count', async () => {
    const app = startApp({
      dbPath: tempDbFile('hostile.db'),
      mode: 'browser',
      importWorker: { kind: 'typescript' },
      sweepIntervalMs: 60_000,
    });
    apps.push(app);
    const result = await dispatch(app.service, 'importBank', {
      fileName: 'flood.gift',
      content: essays(5_000),
    });
    if (!result.ok) throw new Error(result.error.message);
    const report = result.value as ImportReport;
    expect(report.ok).toBe(true);
    expect(report.added).toBe(1);
    expect(report.unsupported).toHaveLength(200);
    expect(report.unsupportedCount).toBe(5_000);
    expect(report.unsupported[199]).toEqual({ position: 'line 399', type: 'essay', title: 'x' });
  }, 60_000);
});
