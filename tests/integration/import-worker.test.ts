/**
 * A large bank import runs in a worker thread: the service answers other calls meanwhile
 * (within 250 ms), reports the import's phase, refuses a second import, and the result is the
 * same all-or-nothing import as before. Real SQLite file, the real worker, through `dispatch`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BankPackInput } from '../../db/bank/schema';
import { startApp, type RunningApp } from '../../electron/bootstrap';
import type { ImportProgress, ImportReport } from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import { tempDbFile } from './quiz-helpers';

const apps: RunningApp[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.stop();
});

/** A pack of `n` numeric questions over two topics (about 400 bytes each). */
function bigPack(n: number, id = 'worker-test'): BankPackInput {
  return {
    format: 'deepdrill-bank',
    version: 1,
    id,
    title: 'A large bank',
    license: 'CC0-1.0',
    topics: [
      { id: `${id}-a`, title: 'Worker topic A' },
      { id: `${id}-b`, title: 'Worker topic B' },
    ],
    items: Array.from({ length: n }, (_, i) => ({
      id: `q-${i}`,
      topic: i % 2 === 0 ? `${id}-a` : `${id}-b`,
      type: 'numeric' as const,
      stem: `What is ${i} + ${i + 1}? Write the sum as a whole number, with no spaces or separators.`,
      answer: { value: 2 * i + 1, tolerance: { abs: 0 } },
      explanation: `Add the two numbers: ${i} + ${i + 1} = ${2 * i + 1}.`,
      difficulty: 1 + (i % 5),
      tags: ['arithmetic'],
      source: 'import worker test',
    })),
  };
}

describe('bank import in a worker thread', () => {
  it('keeps answering other calls within 250 ms while a large file is imported, and reports its phase', async () => {
    const app = startApp({
      dbPath: tempDbFile('worker.db'),
      mode: 'browser',
      importWorker: { kind: 'typescript' },
      sweepIntervalMs: 60_000,
    });
    apps.push(app);
    const service = app.service;
    const content = JSON.stringify(bigPack(40_000));
    const before = await dispatch(service, 'getAppInfo', undefined);
    if (!before.ok) throw new Error(before.error.message);
    const startedAt = performance.now();
    const pending = dispatch(service, 'importBank', { fileName: 'big.json', content });
    let done = false;
    void pending.then(() => (done = true));
    const latencies: number[] = [];
    const phases = new Set<string>();
    while (!done) {
      const t0 = performance.now();
      const dashboard = await dispatch(service, 'getDashboard', undefined);
      latencies.push(performance.now() - t0);
      expect(dashboard.ok).toBe(true);
      const progress = await dispatch(service, 'getImportProgress', undefined);
      if (progress.ok && progress.value !== null) {
        const p = progress.value as ImportProgress;
        expect(p.fileName).toBe('big.json');
        phases.add(p.phase);
        if (p.phase === 'writing') expect(p.questions).toBe(40_000);
      }
      // A second import while the first runs is refused, not queued behind it.
      if (latencies.length === 1) {
        const second = await dispatch(service, 'importBank', {
          fileName: 'other.json',
          content: '{}',
        });
        expect(second.ok).toBe(false);
        if (!second.ok) expect(second.error.code).toBe('conflict');
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const took = performance.now() - startedAt;
    const result = await pending;
    if (!result.ok) throw new Error(result.error.message);
    const report = result.value as ImportReport;
    expect(report).toMatchObject({ ok: true, added: 40_000, problems: [] });
    // The import took long enough to matter, and nothing waited for it.
    expect(took).toBeGreaterThan(500);
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(250);
    expect(phases.has('reading') || phases.has('writing')).toBe(true);
    expect((await dispatch(service, 'getImportProgress', undefined)).ok).toBe(true);
    const after = await dispatch(service, 'getAppInfo', undefined);
    if (!after.ok) throw new Error(after.error.message);
    expect((after.value as { questionCount: number }).questionCount).toBe(
      (before.value as { questionCount: number }).questionCount + 40_000,
    );
  }, 120_000);

  it('a file of thousands of unsupported questions comes back with a capped list and the full count', async () => {
    const app = startApp({
      dbPath: tempDbFile('worker-bad.db'),
      mode: 'browser',
      importWorker: { kind: 'typescript' },
      sweepIntervalMs: 60_000,
    });
    apps.push(app);
    // `x{}` is a GIFT essay question, which DeepDrill cannot represent.
    const gift = Array.from({ length: 5_000 }, (_, i) => `::E${i}:: Essay ${i} {}`).join('\n\n');
    const result = await dispatch(app.service, 'importBank', {
      fileName: 'essays.gift',
      content: gift,
    });
    if (!result.ok) throw new Error(result.error.message);
    const report = result.value as ImportReport;
    expect(report.ok).toBe(false);
    expect(report.added).toBe(0);
    expect(report.unsupportedCount).toBe(5_000);
    expect(report.unsupported).toHaveLength(200);
    expect(report.unsupported[0]!.title).toBe('E0');
  }, 60_000);
});
