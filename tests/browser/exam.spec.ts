import { expect, startServer, test } from './fixtures';
import { answerWithMouse, callApi, goTo, openApp } from './helpers';

test('a timed exam left to expire counts only the saved answers', async ({ page, app }) => {
  const topics = await callApi(app, 'listTopics');
  await openApp(page, app);
  await goTo(page, 'Practice');
  await page.getByRole('checkbox', { name: new RegExp(topics[1].title) }).check();
  await page.getByLabel('Number of questions').fill('3');
  await page.getByRole('radio', { name: /Timed exam/ }).check();
  await page.getByLabel('Duration (minutes)').fill('0.1');
  await page.getByRole('button', { name: 'Start exam' }).click();

  await expect(page.locator('#question-heading')).toContainText('Question 1 of 3');
  const timer = page.getByRole('timer');
  await expect(timer).toHaveAccessibleName(/Time left: \d+ seconds?/);
  // The visible clock is not a live region; only the announcer is, and it stays quiet here.
  await expect(timer).not.toHaveAttribute('aria-live', /.+/);
  await expect(page.getByTestId('timer-announcer')).toHaveAttribute('aria-live', 'assertive');
  // An exam gives no feedback before the end and cannot be paused.
  await expect(page.getByRole('button', { name: 'Check', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);

  // Question 1: saved. Question 2: picked but never saved.
  await answerWithMouse(page, '1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Question 1, answered' })).toBeVisible();
  await page.getByRole('button', { name: 'Question 2, not answered' }).click();
  await expect(page.locator('#question-heading')).toContainText('Question 2 of 3');
  await answerWithMouse(page, '1');
  await expect(
    page.getByRole('button', { name: 'Question 2, not answered, unsaved change' }),
  ).toBeVisible();

  // Time runs out (6 s): the results open by themselves.
  await expect(page.getByText('Time ran out')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Only answers you had saved were counted.')).toBeVisible();
  const yourAnswers = page.locator('article.review-item').locator('.answers div:first-child dd');
  await expect(yourAnswers).toHaveCount(3);
  await expect(yourAnswers.nth(0)).not.toHaveText('No answer');
  await expect(yourAnswers.nth(1)).toHaveText('No answer');
  await expect(yourAnswers.nth(2)).toHaveText('No answer');

  const history = await callApi(app, 'listHistory');
  expect(history[0]).toMatchObject({
    status: 'finished',
    finishReason: 'expired',
    answeredCount: 1,
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
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Question 1, answered' })).toBeVisible();
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
