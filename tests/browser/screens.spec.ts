/**
 * Every screen, in both themes and at both window sizes: an axe check (WCAG 2 A/AA, no serious
 * or critical violations) and a screenshot in test-results/screenshots for a person to look at.
 */
import type { Page } from '@playwright/test';
import type { LearnerResponse, QuizState } from '../../electron/contract';
import type { AppServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi, expectAccessible, goTo, openApp, shoot } from './helpers';

const viewports = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;

function someAnswer(item: QuizState['items'][number], pick = 0): LearnerResponse {
  return item.kind === 'numeric'
    ? { kind: 'numeric', text: '0.5' }
    : { kind: 'choice', optionIds: [item.options[Math.min(pick, item.options.length - 1)].id] };
}

/** History to show: one finished practice quiz, and one open with a checked answer. */
async function seed(app: AppServer): Promise<void> {
  const done = await callApi(app, 'startQuiz', {
    mode: 'practice',
    selection: 'recommended',
    count: 6,
  });
  for (const item of done.items) {
    await callApi(app, 'saveAnswer', {
      sessionId: done.sessionId,
      position: item.position,
      response: someAnswer(item, item.position % 2),
    });
  }
  await callApi(app, 'finishQuiz', { sessionId: done.sessionId });
  const open = await callApi(app, 'startQuiz', {
    mode: 'practice',
    selection: 'recommended',
    count: 8,
  });
  await callApi(app, 'saveAnswer', {
    sessionId: open.sessionId,
    position: 0,
    response: someAnswer(open.items[0], 1),
  });
  await callApi(app, 'checkAnswer', { sessionId: open.sessionId, position: 0 });
  await callApi(app, 'saveAnswer', {
    sessionId: open.sessionId,
    position: 1,
    response: someAnswer(open.items[1]),
  });
  await callApi(app, 'markForReview', { sessionId: open.sessionId, position: 2, marked: true });
}

async function visitAll(page: Page, theme: 'light' | 'dark', check: boolean, size: string) {
  const name = (screen: string) => `${screen}-${theme}-${size}`;
  const settle = () => page.waitForTimeout(150);

  await expect(page.getByRole('heading', { name: 'Mastery by topic' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent quizzes' })).toBeVisible();
  await settle();
  await shoot(page, name('dashboard'));
  if (check) await expectAccessible(page, `dashboard (${theme})`);

  await goTo(page, 'Practice');
  await expect(page.getByRole('button', { name: 'Start practice' })).toBeVisible();
  await page.getByRole('radio', { name: /Timed exam/ }).check();
  await settle();
  await shoot(page, name('practice-setup'));
  if (check) await expectAccessible(page, `practice setup (${theme})`);

  await goTo(page, 'Bank');
  await page.locator('ul.results > li').first().getByRole('button').click();
  await expect(page.getByTestId('preview')).toBeVisible();
  await settle();
  await shoot(page, name('bank'));
  if (check) await expectAccessible(page, `bank (${theme})`);

  await goTo(page, 'Settings');
  await settle();
  await shoot(page, name('settings'));
  if (check) await expectAccessible(page, `settings (${theme})`);

  // The open practice quiz: first question checked, with its solution.
  await goTo(page, 'Dashboard');
  await page.getByRole('button', { name: 'Resume quiz' }).click();
  await page.getByRole('button', { name: /^Question 1,/ }).click();
  await expect(page.locator('.question-card .feedback')).toBeVisible();
  await settle();
  await shoot(page, name('quiz-practice-checked'));
  if (check) await expectAccessible(page, `quiz runner, practice (${theme})`);
  await page.getByRole('button', { name: /^Question 2,/ }).click();
  await expect(page.locator('#question-heading')).toContainText('Question 2');
  await settle();
  await shoot(page, name('quiz-practice'));
  if (check) await expectAccessible(page, `quiz runner, question (${theme})`);
  await page.getByRole('button', { name: 'Submit…' }).click();
  await expect(page.getByRole('dialog', { name: /Submit this/ })).toBeVisible();
  await settle();
  await page.screenshot({ path: `test-results/screenshots/${name('quiz-submit-dialog')}.png` });
  if (check) await expectAccessible(page, `submit dialog (${theme})`);
  await page.getByRole('button', { name: 'Keep working' }).click();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.screenshot({ path: `test-results/screenshots/${name('quiz-shortcuts')}.png` });
  if (check) await expectAccessible(page, `shortcuts dialog (${theme})`);
  await page.keyboard.press('Escape');

  // The finished quiz's review.
  await goTo(page, 'Dashboard');
  await page.getByRole('region', { name: 'Recent quizzes' }).getByRole('button').first().click();
  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
  await settle();
  await shoot(page, name('review'));
  if (check) await expectAccessible(page, `review (${theme})`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen in the ${theme} theme: accessible, and screenshots at both sizes`, async ({
    page,
    app,
  }) => {
    test.setTimeout(120_000);
    await seed(app);
    await page.emulateMedia({ colorScheme: theme });
    for (const [index, viewport] of viewports.entries()) {
      await page.setViewportSize(viewport);
      if (index === 0) await openApp(page, app);
      else await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await visitAll(page, theme, index === 0, `${viewport.width}x${viewport.height}`);
    }

    // A running exam with its clock (started last: an open exam opens on launch).
    const topics = await callApi(app, 'listTopics');
    await callApi(app, 'startQuiz', {
      mode: 'exam',
      selection: 'topics',
      topics: [topics[2].topicId],
      count: 4,
      durationMinutes: 4,
    });
    for (const [index, viewport] of viewports.entries()) {
      await page.setViewportSize(viewport);
      await page.reload();
      await expect(page.getByRole('timer')).toBeVisible();
      await page.waitForTimeout(150);
      await shoot(page, `quiz-exam-${theme}-${viewport.width}x${viewport.height}`);
      if (index === 0) await expectAccessible(page, `exam runner (${theme})`);
    }
  });
}

test('loading and error states: a failed call shows a readable message and a retry', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  let failing = true;
  await page.route('**/api/getDashboard', (route) =>
    failing
      ? route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            ok: false,
            error: { code: 'internal', message: 'The database is busy.' },
          }),
        })
      : route.continue(),
  );
  await goTo(page, 'Settings');
  await goTo(page, 'Dashboard');
  await expect(page.getByRole('alert')).toContainText('The database is busy.');
  await shoot(page, 'error-state-light-1280x800');
  failing = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Mastery by topic' })).toBeVisible();
});
