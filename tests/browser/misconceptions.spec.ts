import type { Page } from '@playwright/test';
import type { AppServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi, expectAccessible, goTo, openApp, shootEach, sizes } from './helpers';

const source = 'DeepDrill browser test';
const X = { id: 'spec-mixed-up-axes', label: 'Mixed up the axes of the two norms' };
const X_OPTION = 'over the features of each sample, as layer norm does';
const topic = { id: 'spec-norm-axes', title: 'Axes of normalisation (spec)' };

/** One topic: a question whose option shows X, and two that show nothing. */
const pack = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'spec-misconceptions',
  title: 'Misconceptions spec',
  license: 'CC0-1.0',
  topics: [topic],
  items: [
    {
      id: 'axes-x',
      topic: topic.id,
      type: 'mcq',
      stem: 'Batch norm of an N×D input averages…',
      options: [
        { id: 'a', text: 'over the batch, once per feature' },
        { id: 'b', text: X_OPTION, misconception: X },
      ],
      answer: ['a'],
      explanation: 'Batch norm averages over the batch axis.',
      difficulty: 1,
      tags: [],
      source,
    },
    ...['first', 'second'].map((n) => ({
      id: `plain-${n}`,
      topic: topic.id,
      type: 'mcq',
      stem: `Plain question (${n}): layer norm needs a batch?`,
      options: [
        { id: 'a', text: 'No' },
        { id: 'b', text: 'Yes' },
      ],
      answer: ['a'],
      explanation: 'It works per sample.',
      difficulty: 2,
      tags: [],
      source,
    })),
  ],
};

/** Imports the pack and, through the API, picks the option that shows X `times` times. */
async function showX(app: AppServer, times: number): Promise<void> {
  const report = await callApi(app, 'importBank', {
    fileName: 'spec-misconceptions.json',
    content: JSON.stringify(pack),
  });
  expect(report.ok, JSON.stringify(report.problems)).toBe(true);
  const found = await callApi(app, 'listQuestions', { search: 'Batch norm of an N×D' });
  const questionId = found.items[0].questionId;
  for (let i = 0; i < times; i++) {
    const quiz = await callApi(app, 'startQuiz', {
      mode: 'practice',
      selection: 'questions',
      questionIds: [questionId],
      topics: [],
      count: 1,
    });
    const option = quiz.items[0].options.find((o) => o.text === X_OPTION)!;
    await callApi(app, 'submitAnswer', {
      sessionId: quiz.sessionId,
      position: 0,
      response: { kind: 'choice', optionIds: [option.id] },
    });
    await callApi(app, 'finishQuiz', { sessionId: quiz.sessionId });
  }
}

const card = (page: Page) => page.getByRole('region', { name: 'Misconceptions seen most' });
const practise = (page: Page) =>
  card(page).getByRole('button', { name: 'Practise my misconceptions' });

test('before any misconception is seen, the button is disabled and says why', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await expect(practise(page)).toBeDisabled();
  await expect(practise(page)).toHaveAccessibleDescription(/None yet.*practise questions/);
});

test('practise my misconceptions: a quiz that asks the question showing it first, then its topic; the review gives the points', async ({
  page,
  app,
}) => {
  await showX(app, 2);
  await openApp(page, app);
  await expect(card(page)).toContainText(X.label);
  await expect(card(page)).toContainText('2×');
  await expect(practise(page)).toBeEnabled();
  await expectAccessible(page, 'dashboard with misconceptions');
  await shootEach(page, 'misconceptions-card', [
    ['light', sizes.large],
    ['dark', sizes.small],
  ]);
  // The button fits its card: at 1024 px the page does not scroll sideways.
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);

  await practise(page).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Practice: misconceptions seen most',
  );
  // The one question that shows X, then the topic's two others (by the pack), no more.
  await expect(page.locator('#question-heading')).toContainText('Question 1 of 3');
  await expect(page.locator('.question .stem')).toContainText('Batch norm of an N×D input');
  await expect(page.locator('.question .option', { hasText: X_OPTION })).toBeVisible();

  // Right on the first, nothing on the others: 1 of 3 points, 33%.
  await page.locator('.question .option', { hasText: 'over the batch, once per feature' }).click();
  await page.getByRole('button', { name: 'Submit…' }).click();
  await page
    .getByRole('dialog', { name: /Submit this/ })
    .getByRole('button', { name: 'Submit now' })
    .click();
  await expect(page.getByTestId('score')).toHaveText('1 / 3');
  await expect(page.getByTestId('score-percent')).toHaveText('33% · 1 of 3 points');

  // Another while one is open asks first, as every other start does.
  await callApi(app, 'startQuiz', {
    mode: 'practice',
    selection: 'topics',
    topics: [topic.id],
    count: 1,
  });
  await goTo(page, 'Dashboard');
  await practise(page).click();
  const dialog = page.getByRole('dialog', { name: 'A quiz is not finished' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Discard it and start' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Practice: misconceptions seen most',
  );
  // Every answer so far is a denominator of the dashboard's average: 2 wrong, 1 right of 3.
  await goTo(page, 'Dashboard');
  await expect(page.getByText('average score of all 3 answers')).toBeVisible();
});
