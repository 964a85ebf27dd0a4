/**
 * What an imported question lost (its audio, an image it cannot keep) reaches the import
 * report through dispatch, on both import paths: the worker thread the app uses and the calling
 * thread. Real SQLite files; the question itself is imported.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../electron/bootstrap';
import type { ImportReport } from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import { createService } from '../../electron/service';
import { FakeClock, makeDeps, openFixtureDb, seedSource, tempDbFile } from './quiz-helpers';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Hear it</text></name>
    <questiontext format="html">
      <text><![CDATA[Is it a sine wave? <audio src="@@PLUGINFILE@@/tone.mp3"></audio> <img src="https://example.org/w.png" alt="wave">]]></text>
      <file name="tone.mp3" path="/" encoding="base64">SUQzBAAAAAAA</file>
    </questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
`;

const expected = [
  { position: 'quiz/question[1]', title: 'Hear it', what: 'audio tone.mp3' },
  {
    position: 'quiz/question[1]',
    title: 'Hear it',
    what: 'image https://example.org/w.png (on the web; DeepDrill works offline and does not fetch it)',
  },
];

const apps: RunningApp[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.stop();
});

async function importXml(service: Parameters<typeof dispatch>[0]): Promise<ImportReport> {
  const result = await dispatch(service, 'importBank', { fileName: 'sounds.xml', content: xml });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as ImportReport;
}

describe('dropped content in the import report', () => {
  it('comes back from the worker thread', async () => {
    const app = startApp({
      dbPath: tempDbFile('dropped-worker.db'),
      mode: 'browser',
      importWorker: { kind: 'typescript' },
      sweepIntervalMs: 60_000,
    });
    apps.push(app);
    const report = await importXml(app.service);
    expect(report.ok).toBe(true);
    expect(report.added).toBe(1);
    expect(report.dropped).toEqual(expected);
    expect(report.droppedCount).toBe(2);
  }, 60_000);

  it('comes back from an import on the calling thread', async () => {
    const clock = new FakeClock(Date.UTC(2025, 2, 3));
    const db = openFixtureDb(tempDbFile('dropped-here.db'), clock.now());
    try {
      const report = await importXml(createService(makeDeps(db, clock, seedSource())));
      expect(report.ok).toBe(true);
      expect(report.dropped).toEqual(expected);
      expect(report.droppedCount).toBe(2);
    } finally {
      db.close();
    }
  });
});
