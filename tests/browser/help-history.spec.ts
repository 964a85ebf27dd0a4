/**
 * The app explains itself and remembers: "How DeepDrill works" (what a level means, why a
 * question is due, exam rules, shortcuts), the first-run tour (shown once, skippable, back on
 * request), and the full history of finished quizzes with their reviews.
 */
import type { Page } from '@playwright/test';
import type { AppServer } from './fixtures';
import { expect, test } from './fixtures';
import {
  answerTopic,
  callApi,
  expectAccessible,
  importAnswerPack,
  openApp,
  shootEach,
  sizes,
} from './helpers';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const tour = (page: Page) =>
  page.getByRole('region', { name: /./ }).filter({
    has: page.getByText(/^Dashboard tour · Step/),
  });

/** Skips the first-run tour through the API (for tests about something else). */
async function tourAlreadySeen(app: AppServer) {
  await callApi(app, 'updateSettings', { tourSeen: true });
}

/** `count` finished two-question practice quizzes of the built-in bank (handed in blank). */
async function seedBuiltinQuizzes(app: AppServer, count: number) {
  for (let i = 0; i < count; i++) {
    const quiz = await callApi(app, 'startQuiz', {
      mode: 'practice',
      selection: 'recommended',
      count: 2,
    });
    await callApi(app, 'finishQuiz', { sessionId: quiz.sessionId });
  }
}

/**
 * `count` finished one-question practice quizzes of the answer-path topic (answered), then one
 * exam of it handed in blank.
 */
async function seedAnswerPathQuizzes(app: AppServer, count: number) {
  for (let i = 0; i < count; i++) {
    const quiz = await callApi(app, 'startQuiz', {
      mode: 'practice',
      selection: 'topics',
      topics: [answerTopic.id],
      count: 1,
    });
    const item = quiz.items[0];
    await callApi(app, 'saveAnswer', {
      sessionId: quiz.sessionId,
      position: 0,
      response:
        item.kind === 'numeric'
          ? { kind: 'numeric', text: '12.5' }
          : { kind: 'choice', optionIds: [item.options[0].id] },
    });
    await callApi(app, 'finishQuiz', { sessionId: quiz.sessionId });
  }
  const exam = await callApi(app, 'startQuiz', {
    mode: 'exam',
    selection: 'topics',
    topics: [answerTopic.id],
    count: 1,
    durationMinutes: 5,
  });
  await callApi(app, 'finishQuiz', { sessionId: exam.sessionId });
}

test('a first-time learner finds out from the app what "Proficient" means and why a question is due', async ({
  page,
  app,
}) => {
  await tourAlreadySeen(app);
  await openApp(page, app);

  // Help is in the header.
  await nav(page).getByRole('button', { name: 'Help' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How DeepDrill works' })).toBeFocused();
  await expect(page).toHaveTitle('How DeepDrill works — DeepDrill');
  const mastery = page.getByRole('region', { name: 'Mastery levels' });
  const proficient = mastery.getByRole('row').filter({ hasText: 'Proficient' });
  await expect(proficient).toContainText('at least 70%, after at least 3 answers');
  await expect(proficient).toContainText('cautious accuracy is at least 60%');

  // From the dashboard's reviews card: why questions come due, in the app's own numbers.
  // (ts-fsrs' default learning steps, which the app does not change: 1 minute, then 10.)
  await nav(page).getByRole('button', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'Why questions come due' }).click();
  const reviews = page.getByRole('region', { name: 'Reviews and why a question is due' });
  await expect(reviews.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(reviews).toContainText('A wrong answer brings the question back after 1 minute');
  await expect(reviews).toContainText('a right first answer after 10 minutes');
  await expect(reviews).toContainText('That is why the count jumps after a quiz');
  await expect(reviews).toBeInViewport();

  // Exams and keys are explained on the same page.
  const exams = page.getByRole('region', { name: 'Exam rules' });
  await expect(exams).toContainText('no hints');
  await expect(exams).toContainText('every answer saved by then counts');
  await expect(exams).toContainText('nothing shows an answer key');
  const keys = page.getByRole('region', { name: 'Keyboard shortcuts' });
  await expect(keys.getByRole('row').filter({ hasText: 'Show the next hint' })).toContainText(
    'Practice only',
  );
  await expect(keys.getByRole('row').filter({ hasText: 'Next question' })).toContainText(
    'Practice and exams',
  );

  // "How mastery works" on the dashboard leads here too.
  await nav(page).getByRole('button', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'How mastery works' }).click();
  await page
    .getByRole('dialog', { name: 'How mastery works' })
    .getByRole('button', { name: 'More: how DeepDrill works' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'How DeepDrill works' })).toBeVisible();

  await expectAccessible(page, 'how DeepDrill works');
  await shootEach(page, 'help', [
    ['light', sizes.large],
    ['dark', sizes.large],
  ]);
});

test('the tour shows on first run, can be skipped, stays away after a reload and comes back from Help', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  const card = tour(page);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Step 1 of 4');
  await expect(card.getByRole('heading', { name: 'Start here' })).toBeVisible();
  await expect(page.locator('[data-tour="next"]')).toHaveClass(/tour-target/);
  await expectAccessible(page, 'dashboard with the tour');
  await shootEach(
    page,
    'tour',
    [
      ['light', sizes.large],
      ['dark', sizes.large],
    ],
    false,
  );

  // The page behind it still works: nothing is blocked.
  await expect(page.getByRole('button', { name: 'Start recommended quiz' })).toBeEnabled();

  await card.getByRole('button', { name: 'Next tip' }).click();
  await expect(card).toContainText('Step 2 of 4');
  await expect(card).toContainText('Proficient');
  await expect(page.locator('[data-tour="mastery"]')).toHaveClass(/tour-target/);
  await expect(page.locator('[data-tour="next"]')).not.toHaveClass(/tour-target/);
  await card.getByRole('button', { name: 'Next tip' }).click();
  await expect(card).toContainText('Step 3 of 4');
  await expect(page.locator('[data-tour="reviews"]')).toHaveClass(/tour-target/);
  await shootEach(page, 'tour-step-3', [['light', sizes.large]], false);

  await card.getByRole('button', { name: 'Skip tour' }).click();
  await expect(card).toBeHidden();
  await expect(page.locator('.tour-target')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeFocused();
  await expect.poll(async () => (await callApi(app, 'getSettings')).tourSeen).toBe(true);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Mastery by topic' })).toBeVisible();
  await expect(tour(page)).toHaveCount(0);

  // Reopened from Help: it starts on its first step, and "Done" ends it.
  await nav(page).getByRole('button', { name: 'Help' }).click();
  await page.getByRole('button', { name: 'Tour of the dashboard' }).click();
  await page.getByRole('button', { name: 'Show the tour again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(tour(page).getByRole('heading', { name: 'Start here' })).toBeFocused();
  for (let step = 2; step <= 4; step++) {
    await tour(page).getByRole('button', { name: 'Next tip' }).click();
    await expect(tour(page)).toContainText(`Step ${step} of 4`);
  }
  await expect(nav(page).getByRole('button', { name: 'Practice' })).toHaveClass(/tour-target/);
  await tour(page).getByRole('button', { name: 'Done' }).click();
  await expect(tour(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Mastery by topic' })).toBeVisible();
  await expect(tour(page)).toHaveCount(0);
});

test('the history lists every finished quiz, filters by topic and kind, pages, and opens reviews', async ({
  page,
  app,
}) => {
  await tourAlreadySeen(app);
  // 3 built-in practice quizzes (before the pack, so none asks its topic), then 8 practice
  // quizzes and 1 exam of the answer-path topic: 12.
  await seedBuiltinQuizzes(app, 3);
  await importAnswerPack(app);
  await seedAnswerPathQuizzes(app, 8);
  await openApp(page, app);

  const recent = page.getByRole('region', { name: 'Recent quizzes' });
  await expect(recent.getByRole('listitem')).toHaveCount(5);
  await recent.getByRole('button', { name: 'All quizzes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quiz history' })).toBeFocused();
  await expect(page).toHaveTitle('Quiz history — DeepDrill');
  await expect(nav(page).getByRole('button', { name: 'History' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const rows = page.locator('.quiz-list > li');
  await expect(page.getByRole('heading', { level: 2, name: '12 quizzes' })).toBeVisible();
  await expect(rows).toHaveCount(12);
  // Newest first: the exam handed in blank, the answer-path quizzes, the built-in ones.
  await expect(rows.nth(0)).toContainText('Exam');
  await expect(rows.nth(0)).toContainText('score 0 / 1 (0%)');
  await expect(rows.nth(1)).toContainText(answerTopic.title);
  await expect(rows.nth(11)).toContainText('Practice');
  await expect(rows.nth(11)).not.toContainText(answerTopic.title);

  await page.getByLabel('Topic', { exact: true }).selectOption({ label: answerTopic.title });
  await expect(page.getByRole('heading', { level: 2, name: '9 quizzes' })).toBeVisible();
  await expect(rows).toHaveCount(9);
  for (let i = 0; i < 9; i++) await expect(rows.nth(i)).toContainText(answerTopic.title);
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Exams only' });
  await expect(page.getByRole('heading', { level: 2, name: '1 quiz' })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Exam');
  await expectAccessible(page, 'quiz history, filtered');
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Practice only' });
  await expect(page.getByRole('heading', { level: 2, name: '8 quizzes' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '12 quizzes' })).toBeVisible();
  await expect(page.getByLabel('Topic', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Kind', { exact: true })).toHaveValue('');
  await expectAccessible(page, 'quiz history');
  await shootEach(page, 'history', [
    ['light', sizes.large],
    ['dark', sizes.large],
  ]);

  // Each row opens its review.
  await rows
    .nth(0)
    .getByRole('button', { name: /^Review / })
    .click();
  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
  // The exam's one question is one of the topic's three.
  await expect(page.locator('main')).toContainText(
    /Pick the even number|Which are regularisers|Type twelve and a half/,
  );

  // Past one page: 13 more quizzes and an exam make 26, so the oldest is alone on page 2.
  await seedAnswerPathQuizzes(app, 13);
  await nav(page).getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Quizzes 1–25 of 26' })).toBeVisible();
  await expect(rows).toHaveCount(25);
  const pager = page.getByRole('navigation', { name: 'Pages of quizzes' });
  await expect(pager).toContainText('Page 1 of 2');
  await expect(pager.getByRole('button', { name: 'Newer' })).toBeDisabled();
  await pager.getByRole('button', { name: 'Older' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Quizzes 26–26 of 26' })).toBeFocused();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Practice');
  await expect(rows.first()).not.toContainText(answerTopic.title);
  await rows
    .first()
    .getByRole('button', { name: /^Review / })
    .click();
  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
});

test('help and history fit a narrow window and 200% zoom without scrolling sideways', async ({
  page,
  app,
}) => {
  await tourAlreadySeen(app);
  await seedBuiltinQuizzes(app, 2);
  await openApp(page, app);
  for (const viewport of [
    { width: 800, height: 600 },
    { width: 640, height: 400 },
  ]) {
    await page.setViewportSize(viewport);
    for (const [entry, title] of [
      ['Help', 'How DeepDrill works'],
      ['History', 'Quiz history'],
    ] as const) {
      await nav(page).getByRole('button', { name: entry }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      // (A string: the tests' TypeScript has no DOM types.)
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, `${title} at ${viewport.width} px`).toBeLessThanOrEqual(0);
    }
  }
  await shootEach(page, 'help-narrow', [['light', { width: 640, height: 400 }]]);
});
