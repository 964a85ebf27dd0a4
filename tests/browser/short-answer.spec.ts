/**
 * Short answers in real Chromium: the learner types a word, the draft is saved, Check grades it
 * as Moodle would (case ignored, `*` a wildcard, 80% for the near answer) and the accepted answers
 * appear only then; in an exam the typed text is saved and nothing of the key reaches the page
 * until it is handed in, when the review shows them.
 */
import type { Page } from '@playwright/test';
import type { AppServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi, expectAccessible, openApp, shootEach } from './helpers';

const topic = { id: 'short-norm', title: 'Normalisation words' } as const;

const shortPack = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'short-pack',
  title: 'Short answers',
  license: 'CC0-1.0',
  topics: [topic],
  items: [
    {
      id: 'per-sample',
      topic: topic.id,
      type: 'short',
      stem: 'Which layer normalises **each sample** over its own features? _____',
      answer: {
        text: [
          { value: 'layer norm*', feedback: 'Right: one sample at a time.' },
          { value: 'group norm', weight: 0.8, feedback: 'Close: it works on groups of channels.' },
          { value: '*', weight: 0, feedback: 'Think of one sample, all its features.' },
        ],
      },
      explanation: 'Layer normalisation averages over the features of one sample.',
      difficulty: 2,
      tags: [],
      source: 'browser test',
    },
  ],
};

async function importShortPack(app: AppServer): Promise<void> {
  const report = await callApi(app, 'importBank', {
    fileName: 'short.json',
    content: JSON.stringify(shortPack),
  });
  expect(report.ok, JSON.stringify(report.problems)).toBe(true);
}

function startQuiz(app: AppServer, mode: 'practice' | 'exam') {
  return callApi(app, 'startQuiz', {
    mode,
    selection: 'topics',
    topics: [topic.id],
    count: 1,
    durationMinutes: mode === 'exam' ? 10 : undefined,
  });
}

const field = (page: Page) => page.getByLabel('Your answer');
const feedback = (page: Page) => page.locator('.question-card .feedback');

test('type a short answer, check it, read the verdict and the accepted answers', async ({
  page,
  app,
}) => {
  await importShortPack(app);
  await startQuiz(app, 'practice');
  await openApp(page, app);
  await page
    .getByRole('region', { name: /Unfinished quiz/ })
    .getByRole('button', { name: /^Resume / })
    .click();
  await expect(page.locator('.question .stem')).toContainText('each sample');
  await expect(page.getByText('Type a word or phrase.')).toBeVisible();
  await expect(page.getByTestId('accepted-answers')).toHaveCount(0);

  // Typed text is a draft saved after a pause, as a number is.
  await field(page).fill('Group Norm');
  await expect(page.locator('.q-badges [data-save="saved"]')).toBeVisible();
  await shootEach(page, 'short-answer-typed', [['light', { width: 1280, height: 800 }]], false);

  // Enter checks: the 80% answer (case ignored) is partly correct, with its own feedback.
  await field(page).press('Enter');
  await expect(feedback(page)).toContainText('Partly correct');
  await expect(feedback(page)).toContainText('Score 0.8');
  const accepted = page.getByTestId('accepted-answers');
  await expect(accepted).toContainText('layer norm*');
  await expect(accepted).toContainText('group norm (80% credit)');
  await expect(accepted).toContainText('Close: it works on groups of channels.');
  await expect(feedback(page).locator('dd').nth(1)).toHaveText('layer norm');
  await expect(field(page)).toBeDisabled();
  await expectAccessible(page, 'short answer checked');
  await shootEach(page, 'short-answer-checked', [
    ['light', { width: 1280, height: 800 }],
    ['dark', { width: 800, height: 600 }],
    ['light', { width: 1920, height: 1080 }],
  ]);

  // Another try: the wildcard takes "Layer Normalization" (spaces at the ends ignored).
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(field(page)).toBeEnabled();
  await field(page).fill('  Layer Normalization ');
  await field(page).press('Enter');
  await expect(feedback(page).locator('.verdict')).toHaveText(/Correct/);
  await expect(page.getByTestId('accepted-answers')).toContainText('Right: one sample at a time.');
});

test('an exam saves the typed answer and shows nothing of the key until it is over', async ({
  page,
  app,
}) => {
  await importShortPack(app);
  const exam = await startQuiz(app, 'exam');
  await page.goto(app.url);
  await expect(page.getByRole('timer')).toBeVisible();
  // The learner's own text ("group norm") is theirs to see; the key's texts are not.
  const keyTexts = ['layer norm*', 'Close: it works', 'acceptedAnswers', 'Accepted answers'];
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/api/')) void response.text().then((t) => bodies.push(t));
  });
  await field(page).fill('group norm');
  await field(page).press('Enter');
  await expect(page.locator('.q-badges [data-save="saved"]')).toBeVisible();
  await expect(feedback(page)).toHaveCount(0);
  await expect(page.getByTestId('accepted-answers')).toHaveCount(0);
  const state = await callApi(app, 'getQuiz', { sessionId: exam.sessionId });
  expect(state.items[0].feedback).toBeNull();
  bodies.push(JSON.stringify(state));
  for (const body of bodies) for (const text of keyTexts) expect(body).not.toContain(text);
  await expectAccessible(page, 'short answer in an exam');
  await shootEach(page, 'short-answer-exam', [['light', { width: 800, height: 600 }]]);

  // Handed in: the review shows the 80% answer's credit and every accepted answer.
  await page.getByRole('button', { name: 'Submit…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Submit now' }).click();
  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
  await expect(page.locator('section.feedback')).toContainText('Score 0.8');
  await expect(page.getByTestId('accepted-answers')).toContainText('layer norm*');
  await expect(page.getByTestId('accepted-answers')).toContainText(
    'Close: it works on groups of channels.',
  );
  await expectAccessible(page, 'short answer in the review');
});
