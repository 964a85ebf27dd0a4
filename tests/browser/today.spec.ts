/**
 * The dashboard's "Today": the learner sets a daily goal in Settings (a wrong value is refused
 * there, saying what is allowed), answers a question, and sees today's count against the goal
 * and the first day of a streak.
 */
import { expect, test } from './fixtures';
import {
  answerAndCheck,
  callApi,
  expectAccessible,
  goTo,
  openApp,
  shootEach,
  sizes,
} from './helpers';

test('a daily goal set in Settings; the dashboard counts today against it and starts a streak', async ({
  page,
  app,
}) => {
  await callApi(app, 'updateSettings', { tourSeen: true });
  await openApp(page, app);
  const today = page.getByRole('region', { name: 'Today' });
  await expect(today.getByTestId('goal-text')).toHaveText('0 of 10 questions today');
  await expect(today.getByTestId('streak-text')).toHaveText(
    'Answer a question to start a streak of days studied.',
  );

  await today.getByRole('button', { name: 'Change daily goal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const goal = page.getByLabel('Daily goal (questions a day)');
  await goal.fill('2.5');
  await goal.blur();
  await expect(page.getByText('Give a whole number of questions from 0 to 500.')).toBeVisible();
  await expect(goal).toHaveAttribute('aria-invalid', 'true');
  expect((await callApi(app, 'getSettings')).dailyGoal).toBe(10);
  await goal.fill('3');
  await goal.blur();
  await expect(page.getByText('Daily goal saved.')).toBeVisible();
  await expect(page.getByText('Give a whole number of questions from 0 to 500.')).toBeHidden();
  expect((await callApi(app, 'getSettings')).dailyGoal).toBe(3);

  await goTo(page, 'Dashboard');
  await expect(today.getByTestId('goal-text')).toHaveText('0 of 3 questions today');
  const bar = today.getByRole('progressbar', { name: 'Daily goal' });
  await expect(bar).toHaveAttribute('max', '3');
  await expect(bar).toHaveAttribute('value', '0');

  // One answer, checked in a practice quiz.
  const topics = await callApi(app, 'listTopics');
  await goTo(page, 'Practice');
  await page.getByRole('checkbox', { name: new RegExp(topics[0].title) }).check();
  await page.getByLabel('Number of questions').fill('1');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await expect(page.locator('#question-heading')).toContainText('Question 1 of 1');
  await answerAndCheck(page);

  await goTo(page, 'Dashboard');
  await expect(today.getByTestId('goal-text')).toHaveText('1 of 3 questions today');
  await expect(bar).toHaveAttribute('value', '1');
  await expect(today.getByTestId('streak-text')).toHaveText(
    'Studied today: day 1 of a new streak.',
  );
  await expectAccessible(page, 'dashboard with a daily goal');
  await shootEach(
    page,
    'today',
    [
      ['light', sizes.large],
      ['dark', sizes.large],
      ['light', { width: 800, height: 600 }],
    ],
    false,
  );

  // The help explains both, with the goal as set.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Help' })
    .click();
  await page
    .getByRole('navigation', { name: 'On this page' })
    .getByRole('button', { name: 'Daily goal and streak' })
    .click();
  const help = page.getByRole('region', { name: 'Daily goal and streak' });
  await expect(help).toContainText('against your daily goal: 3 questions now');
  await expect(help).toContainText('ends once a whole day goes by without an answer');
  await goTo(page, 'Dashboard');

  // No goal: the count alone, and the bar goes.
  await callApi(app, 'updateSettings', { dailyGoal: 0 });
  await page.reload();
  await expect(today.getByTestId('goal-text')).toHaveText('1 question answered today');
  await expect(bar).toBeHidden();
  await expect(today.getByRole('button', { name: 'Set a daily goal' })).toBeVisible();
});
