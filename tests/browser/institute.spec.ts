import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { expect, startServer, tempDbPath, type AppServer } from './fixtures';
import { goTo, openApp } from './helpers';

/** An institute build: its own title and bank, no import, exams only, fixed MSQ rule. */
const test = base.extend<{ app: AppServer }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'deepdrill-institute-'));
    writeFileSync(
      join(dir, 'week11.json'),
      JSON.stringify({
        format: 'deepdrill-bank',
        version: 1,
        id: 'example-institute',
        title: 'Example Institute, week 11',
        license: 'CC-BY-4.0',
        topics: [{ id: 'inst-norm', title: 'Normalisation at Example Institute' }],
        items: [
          {
            id: 'inst-bn-test',
            topic: 'inst-norm',
            type: 'mcq',
            stem: 'At test time batch normalisation uses…',
            options: [
              { id: 'a', text: 'the statistics of the test batch' },
              { id: 'b', text: 'running estimates from training' },
            ],
            answer: ['b'],
            explanation: 'Running estimates keep the output independent of the test batch.',
            difficulty: 2,
            tags: [],
            source: 'Example Institute',
          },
        ],
      }),
    );
    writeFileSync(
      join(dir, 'institute.json'),
      JSON.stringify({
        productName: 'DeepDrill — Example Institute',
        appId: 'org.example.deepdrill',
        banks: ['week11.json'],
        includeBuiltinBank: false,
        lockdown: { hideImport: true, examOnly: true, fixedMsqRule: 'all-or-nothing' },
      }),
    );
    const server = await startServer(tempDbPath(), {}, [
      '--institute',
      join(dir, 'institute.json'),
    ]);
    await use(server);
    await server.stop();
  },
});

test('an institute build shows its bank, hides import and offers exams only', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await expect(page.getByText('DeepDrill — Example Institute').first()).toBeVisible();
  await expect(page.getByText('Normalisation at Example Institute').first()).toBeVisible();

  await goTo(page, 'Bank');
  await expect(page.getByText('At test time batch normalisation uses…').first()).toBeVisible();
  await expect(page.getByLabel('Bank file')).toHaveCount(0);

  await goTo(page, 'Practice');
  await expect(page.getByRole('radio', { name: /timed exam/i })).toBeVisible();
  await expect(page.getByRole('radio', { name: /practice/i })).toHaveCount(0);
  await expect(page.getByText('Your institute allows timed exams only.')).toBeVisible();
  // The multiple-select rule is the institute's, not the learner's.
  const allOrNothing = page.getByRole('radio', { name: /all or nothing/i });
  await expect(allOrNothing).toBeChecked();
  await expect(allOrNothing).toBeDisabled();
});
