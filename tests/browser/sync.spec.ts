/**
 * "Results to your institute" in Settings against a real learning record store on loopback
 * (Learning Locker's statement service, `tests/integration/lrs.ts`): the learner sets the
 * address, the first try fails while the LRS is down (plain-words error, results kept, the
 * header says what waits), then Send now delivers them once the LRS is up. An institute build
 * (`serve --institute` with an `lrs` block) shows its LRS read-only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lrsStatements, startLrs } from '../integration/lrs';
import { expect, startServer, tempDbPath, test, type AppServer } from './fixtures';
import {
  answerTopic,
  callApi,
  expectAccessible,
  goTo,
  importAnswerPack,
  openApp,
  shootEach,
} from './helpers';

/** A finished practice quiz with one answer (12.5 to the numeric item): 1 answered + 1 completed. */
async function finishOneAnswerQuiz(app: AppServer): Promise<void> {
  await importAnswerPack(app);
  const state = await callApi(app, 'startQuiz', {
    mode: 'practice',
    selection: 'topics',
    topics: [answerTopic.id],
    count: 3,
  });
  const numeric = state.items.find((i) => i.kind === 'numeric');
  if (numeric === undefined) throw new Error('no numeric item');
  await callApi(app, 'saveAnswer', {
    sessionId: state.sessionId,
    position: numeric.position,
    response: { kind: 'numeric', text: '12.5' },
  });
  await callApi(app, 'finishQuiz', { sessionId: state.sessionId });
}

test('the learner sets the LRS; while it is down the results wait, Send now delivers them', async ({
  page,
  app,
}) => {
  test.setTimeout(90_000);
  // Start the LRS to get a free port, then stop it: the address is right but nobody answers.
  let lrs = await startLrs();
  const port = lrs.port;
  const endpoint = lrs.endpoint;
  await lrs.stop();
  await finishOneAnswerQuiz(app);

  await openApp(page, app);
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Results to your institute' });
  await expect(section).toBeVisible();
  await expect(page.getByTestId('sync-indicator')).toHaveCount(0);

  await section.getByLabel('Address of the results server (xAPI)').fill('ftp://lrs.example.edu');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText('The address must start with http:// or https://.')).toBeVisible();

  await section.getByLabel('Address of the results server (xAPI)').fill(endpoint);
  await section.getByLabel('User name (optional)').fill('teacher');
  await section.getByLabel('Password (optional)').fill('secret');
  await section.getByRole('button', { name: 'Save' }).press('Enter');
  await expect(section.getByText('Results server saved.')).toBeVisible();

  // The background try fails: 1 answer + the quiz's completion wait, said in plain words.
  await expect(page.getByTestId('sync-error')).toContainText('could not be reached', {
    timeout: 15_000,
  });
  await expect(page.getByTestId('sync-pending')).toHaveText('2 results waiting to be sent');
  await expect(page.getByTestId('sync-state')).toContainText('Trying again in');
  await expect(page.getByTestId('sync-indicator')).toHaveText(/2 to send/);
  await expect(section.getByLabel('Password (optional)')).toHaveAttribute(
    'placeholder',
    'Saved; type to change',
  );
  await expectAccessible(page, 'Settings with a results server that cannot be reached');
  await section.scrollIntoViewIfNeeded();
  await shootEach(page, 'sync-waiting', [
    ['light', { width: 800, height: 600 }],
    ['dark', { width: 1920, height: 1080 }],
  ]);

  lrs = await startLrs(port);
  try {
    await section.getByRole('button', { name: 'Send now' }).focus();
    await page.keyboard.press('Enter');
    await expect(section.getByText('Sent 2 results.')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('sync-pending')).toHaveText('Nothing waiting to be sent');
    await expect(page.getByTestId('sync-error')).toHaveCount(0);
    await expect(page.getByTestId('sync-last')).not.toHaveText('Not yet');
    await expect(page.getByTestId('sync-indicator')).toHaveCount(0);
    const held = await lrsStatements(lrs);
    expect(held.map((s) => (s.verb as { id: string }).id).sort()).toEqual([
      'http://adlnet.gov/expapi/verbs/answered',
      'http://adlnet.gov/expapi/verbs/completed',
    ]);
    await expectAccessible(page, 'Settings after sending');
    await shootEach(page, 'sync-sent', [
      ['light', { width: 1920, height: 1080 }],
      ['dark', { width: 800, height: 600 }],
    ]);
  } finally {
    await lrs.stop();
  }
});

test('an institute build shows its LRS read-only and sends there', async ({ page }) => {
  test.setTimeout(90_000);
  const lrs = await startLrs();
  const dir = mkdtempSync(join(tmpdir(), 'deepdrill-institute-lrs-'));
  writeFileSync(
    join(dir, 'institute.json'),
    JSON.stringify({
      productName: 'DeepDrill — Example Institute',
      appId: 'org.example.deepdrill',
      lrs: { endpoint: lrs.endpoint, username: 'inst', password: 'inst-secret' },
    }),
  );
  const app = await startServer(tempDbPath(), {}, ['--institute', join(dir, 'institute.json')]);
  try {
    await finishOneAnswerQuiz(app);
    await openApp(page, app);
    await goTo(page, 'Settings');
    const section = page.getByRole('region', { name: 'Results to your institute' });
    await expect(page.getByTestId('sync-endpoint')).toHaveText(lrs.endpoint);
    await expect(
      section.getByText('Set by your institute; it cannot be changed here.'),
    ).toBeVisible();
    await expect(section.getByRole('textbox')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText('inst-secret');
    // Sent in the background shortly after start (5 s), or now.
    await section.getByRole('button', { name: 'Send now' }).click();
    await expect(page.getByTestId('sync-pending')).toHaveText('Nothing waiting to be sent', {
      timeout: 15_000,
    });
    expect(await lrsStatements(lrs)).toHaveLength(2);
    await expectAccessible(page, 'Settings of an institute build with an LRS');
    await shootEach(page, 'sync-institute', [['light', { width: 1280, height: 800 }]]);
  } finally {
    await app.stop();
    await lrs.stop();
  }
});
