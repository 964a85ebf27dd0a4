import { expect, startServer, test } from './fixtures';
import {
  answerTopic,
  answerWithMouse,
  callApi,
  goTo,
  importAnswerPack,
  openApp,
  option,
  showQuestion,
} from './helpers';

test('a timed exam left to expire counts what was entered, a typed draft included', async ({
  page,
  app,
}) => {
  // The shortest exam is one minute: it runs out in this test.
  test.setTimeout(150_000);
  await importAnswerPack(app);
  await openApp(page, app);
  await goTo(page, 'Practice');
  await page.getByRole('checkbox', { name: new RegExp(answerTopic.title) }).check();
  await page.getByLabel('Number of questions').fill('3');
  await page.getByRole('radio', { name: /Timed exam/ }).check();
  const duration = page.getByLabel('Duration (minutes)');
  await duration.fill('0.5');
  await page.getByRole('button', { name: 'Start exam' }).click();
  // Shorter than a minute is refused before anything starts, and the message says the limits.
  await expect(page.getByText('Give a duration between 1 and 600 minutes.')).toBeVisible();
  await expect(duration).toHaveAttribute('aria-invalid', 'true');
  await duration.fill('1');
  await page.getByRole('button', { name: 'Start exam' }).click();

  await expect(page.locator('#question-heading')).toContainText('of 3');
  const timer = page.getByRole('timer');
  await expect(timer).toHaveAccessibleName(/Time left: (1 minute|\d+ seconds)/);
  // The visible clock is not a live region; only the announcer is.
  await expect(timer).not.toHaveAttribute('aria-live', /.+/);
  await expect(page.getByTestId('timer-announcer')).toHaveAttribute('aria-live', 'assertive');
  // An exam gives no feedback before the end, cannot be paused, and has no save step.
  await expect(page.getByRole('button', { name: 'Check', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);

  // A pick: saved by itself.
  await showQuestion(page, 'Pick the even number');
  await option(page, 'Four').click();
  await expect(page.locator('.q-badges [data-save="saved"]')).toBeVisible();

  // A typed number in the last seconds: never Enter, never leaves the field.
  await showQuestion(page, 'Type twelve and a half');
  await expect(timer).toHaveAccessibleName(/Time left: [1-4] seconds?$/, { timeout: 70_000 });
  const field = page.getByLabel('Your answer');
  await field.click();
  await page.keyboard.type('12.5');

  // Time runs out: the results open by themselves.
  await expect(page.getByText('Time ran out')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('with every answer you had entered by then')).toBeVisible();
  const item = (stem: string) => page.locator('article.review-item').filter({ hasText: stem });
  const yourAnswer = (stem: string) => item(stem).locator('.answers div:first-child dd');
  await expect(yourAnswer('Type twelve and a half')).toHaveText('12.5');
  await expect(item('Type twelve and a half').getByTestId('item-outcome')).toHaveText(
    /^✓\s*Correct$/,
  );
  await expect(item('Pick the even number').getByTestId('item-outcome')).toHaveText(
    /^✓\s*Correct$/,
  );
  await expect(yourAnswer('Which are regularisers?')).toHaveText('No answer');

  const history = await callApi(app, 'listHistory');
  expect(history[0]).toMatchObject({
    status: 'finished',
    finishReason: 'expired',
    answeredCount: 2,
    score: 2,
  });
});

test('a running exam survives a restart of the app with its answers and deadline', async ({
  page,
  app,
}) => {
  const topics = await callApi(app, 'listTopics');
  await openApp(page, app);
  await goTo(page, 'Practice');
  await page.getByRole('checkbox', { name: new RegExp(topics[3].title) }).check();
  await page.getByLabel('Number of questions').fill('2');
  await page.getByRole('radio', { name: /Timed exam/ }).check();
  await page.getByLabel('Duration (minutes)').fill('1.05');
  await page.getByRole('button', { name: 'Start exam' }).click();
  const announcer = page.getByTestId('timer-announcer');
  await expect(announcer).toHaveText('');
  await answerWithMouse(page, '1');
  await expect(page.getByRole('button', { name: 'Question 1, answered' })).toBeVisible();
  await expect(page.locator('.q-badges [data-save="saved"]')).toBeVisible();
  // Crossing one minute is announced once, in the live region only.
  await expect(announcer).toHaveText(/One minute left/, { timeout: 10_000 });

  // Restart: a new server process on the same database.
  await app.stop();
  const again = await startServer(app.dbPath);
  try {
    await page.goto(again.url);
    // The open exam comes back by itself, with the saved answer and the same deadline.
    await expect(page.locator('#question-heading')).toContainText('Question 1 of 2');
    await expect(page.getByRole('button', { name: 'Question 1, answered' })).toBeVisible();
    await expect(page.getByRole('timer')).toHaveAccessibleName(/Time left: \d+ seconds?$/);
    await page.keyboard.press('s');
    await page.getByRole('dialog').getByRole('button', { name: 'Submit now' }).click();
    await expect(
      page.getByRole('heading', { name: 'Questions and worked solutions' }),
    ).toBeVisible();
  } finally {
    await again.stop();
  }
});
