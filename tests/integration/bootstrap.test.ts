import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startApp } from '../../electron/bootstrap';

const instituteBank = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'example-institute',
  title: 'Example Institute, week 11',
  license: 'CC-BY-4.0',
  topics: [{ id: 'inst-normalisation', title: 'Normalisation (Example Institute)' }],
  items: [
    {
      id: 'inst-bn-test',
      topic: 'inst-normalisation',
      type: 'mcq',
      stem: 'At test time, batch normalisation uses…',
      options: [
        { id: 'a', text: 'the statistics of the test batch' },
        { id: 'b', text: 'running estimates collected during training' },
      ],
      answer: ['b'],
      explanation: 'Running averages make the output independent of the test batch.',
      difficulty: 2,
      tags: [],
      source: 'Example Institute',
    },
  ],
};

function dir() {
  return mkdtempSync(join(tmpdir(), 'deepdrill-boot-'));
}

describe('startApp', () => {
  it('first run: creates the database with the built-in bank and the institute bank', async () => {
    const folder = dir();
    const bank = join(folder, 'week11.json');
    writeFileSync(bank, JSON.stringify(instituteBank));
    const app = startApp({
      dbPath: join(folder, 'deepdrill.db'),
      mode: 'browser',
      bundledBanks: [bank],
    });
    const info = await app.service.getAppInfo();
    expect(info.questionCount).toBeGreaterThanOrEqual(150 + 1);
    const banks = app.db.prepare('SELECT id FROM banks ORDER BY id').pluck().all();
    expect(banks).toEqual(['deepdrill-core', 'example-institute']);
    app.stop();
    // A second start imports nothing twice.
    const again = startApp({
      dbPath: join(folder, 'deepdrill.db'),
      mode: 'browser',
      bundledBanks: [bank],
    });
    expect((await again.service.getAppInfo()).questionCount).toBe(info.questionCount);
    again.stop();
  });

  it('an institute build can leave out the built-in bank and lock features down', async () => {
    const folder = dir();
    const bank = join(folder, 'week11.json');
    writeFileSync(bank, JSON.stringify(instituteBank));
    const app = startApp({
      dbPath: join(folder, 'deepdrill.db'),
      mode: 'desktop',
      bundledBanks: [bank],
      includeBuiltinBank: false,
      productName: 'DeepDrill — Example Institute',
      lockdown: { hideImport: true, examOnly: true, fixedMsqRule: 'all-or-nothing' },
    });
    const info = await app.service.getAppInfo();
    expect(info.questionCount).toBe(1);
    expect(info.productName).toBe('DeepDrill — Example Institute');
    expect(info.lockdown.examOnly).toBe(true);
    // The fixed rule wins over whatever the learner saved.
    await app.service.updateSettings({ defaultMsqRule: 'partial' });
    expect((await app.service.getSettings()).defaultMsqRule).toBe('all-or-nothing');
    app.stop();
  });

  it('refuses to start on a broken bundled bank, naming the file and the problem', () => {
    const folder = dir();
    const bank = join(folder, 'broken.json');
    writeFileSync(
      bank,
      JSON.stringify({ ...instituteBank, items: [{ ...instituteBank.items[0], answer: ['z'] }] }),
    );
    expect(() =>
      startApp({ dbPath: join(folder, 'deepdrill.db'), mode: 'browser', bundledBanks: [bank] }),
    ).toThrow(/broken\.json.*items\[0\]\.answer/);
  });

  it('refuses a database from a newer DeepDrill without touching it', () => {
    const folder = dir();
    const file = join(folder, 'deepdrill.db');
    startApp({ dbPath: file, mode: 'browser' }).stop();
    // Pretend a future version wrote it.
    const raw = readFileSync(file);
    raw.writeUInt32BE(9999, 60); // user_version lives at byte offset 60 of the header
    writeFileSync(file, raw);
    const before = readFileSync(file);
    expect(() => startApp({ dbPath: file, mode: 'browser' })).toThrow(/newer DeepDrill/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
