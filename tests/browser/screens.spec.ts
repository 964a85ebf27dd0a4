/**
 * Every screen, in both themes and at both window sizes: an axe check (WCAG 2 A/AA, no serious
 * or critical violations) and a screenshot in test-results/screenshots for a person to look at.
 */
import type { Page } from '@playwright/test';
import type { LearnerResponse, QuizState } from '../../electron/contract';
import type { AppServer } from './fixtures';
import { expect, test } from './fixtures';
import {
  answerPack,
  answerTopic,
  callApi,
  expectAccessible,
  failCalls,
  goTo,
  importAnswerPack,
  openApp,
  shoot,
} from './helpers';

const viewports = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;

function someAnswer(item: QuizState['items'][number], pick = 0): LearnerResponse {
  return item.kind === 'numeric'
    ? { kind: 'numeric', text: '0.5' }
    : { kind: 'choice', optionIds: [item.options[Math.min(pick, item.options.length - 1)].id] };
}

/** The option id the page knows for the option whose text is `text`. */
function optionId(item: QuizState['items'][number], text: string): string {
  return item.options.find((o) => o.text === text)!.id;
}

/**
 * History to show: a finished practice quiz, a finished one on the answer-path topic with a
 * right, a partly right and a wrong answer (the newest review), and one open with a checked
 * answer. Returns the position of that checked answer.
 */
async function seed(app: AppServer): Promise<number> {
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

  await importAnswerPack(app);
  const mixed = await callApi(app, 'startQuiz', {
    mode: 'practice',
    selection: 'topics',
    topics: [answerTopic.id],
    count: 3,
  });
  const [mcq, msq, numeric] = answerPack.items.map((packed) =>
    mixed.items.find((i) => i.stem.includes(packed.stem))!,
  );
  const answers: [QuizState['items'][number], LearnerResponse][] = [
    [mcq, { kind: 'choice', optionIds: [optionId(mcq, 'Four')] }],
    [msq, { kind: 'choice', optionIds: [optionId(msq, 'Dropout')] }],
    [numeric, { kind: 'numeric', text: '12' }],
  ];
  for (const [item, response] of answers) {
    await callApi(app, 'submitAnswer', {
      sessionId: mixed.sessionId,
      position: item.position,
      response,
    });
  }
  await callApi(app, 'finishQuiz', { sessionId: mixed.sessionId });

  const open = await callApi(app, 'startQuiz', {
    mode: 'practice',
    selection: 'recommended',
    count: 8,
  });
  // Checked: a choice question (a numeric template may ask for several numbers).
  const checked = open.items.find((i) => i.kind !== 'numeric') ?? open.items[0];
  await callApi(app, 'submitAnswer', {
    sessionId: open.sessionId,
    position: checked.position,
    response: someAnswer(checked, 1),
  });
  const other = open.items.find((i) => i.position !== checked.position)!;
  await callApi(app, 'saveAnswer', {
    sessionId: open.sessionId,
    position: other.position,
    response: someAnswer(other),
  });
  await callApi(app, 'markForReview', {
    sessionId: open.sessionId,
    position: other.position === 2 ? 3 : 2,
    marked: true,
  });
  return checked.position;
}

async function visitAll(
  page: Page,
  theme: 'light' | 'dark',
  check: boolean,
  size: string,
  checkedPosition: number,
) {
  const name = (screen: string) => `${screen}-${theme}-${size}`;
  const settle = () => page.waitForTimeout(150);

  await expect(page.getByRole('heading', { name: 'Mastery by topic' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent quizzes' })).toBeVisible();
  await settle();
  await shoot(page, name('dashboard'));
  if (check) await expectAccessible(page, `dashboard (${theme})`);
  await page
    .getByRole('region', { name: /Unfinished quiz/ })
    .getByRole('button', { name: /^Discard / })
    .click();
  await expect(page.getByRole('dialog', { name: /^Discard “/ })).toBeVisible();
  await settle();
  await page.screenshot({ path: `test-results/screenshots/${name('dashboard-discard')}.png` });
  if (check) await expectAccessible(page, `discard dialog (${theme})`);
  await page.getByRole('button', { name: 'Keep it' }).click();

  await goTo(page, 'Practice');
  await expect(page.getByRole('button', { name: 'Start practice' })).toBeVisible();
  await page.getByRole('radio', { name: /Timed exam/ }).check();
  // Fewer questions match than the ten asked for: the screen says so before starting.
  await page.getByRole('checkbox', { name: new RegExp(answerTopic.title) }).check();
  await expect(page.getByText(/Only 3 questions match/)).toBeVisible();
  await settle();
  await shoot(page, name('practice-setup'));
  if (check) await expectAccessible(page, `practice setup (${theme})`);
  await page.getByRole('button', { name: 'Start exam' }).click();
  await expect(page.getByRole('dialog', { name: 'A quiz is not finished' })).toBeVisible();
  await settle();
  await page.screenshot({ path: `test-results/screenshots/${name('open-quiz-dialog')}.png` });
  if (check) await expectAccessible(page, `open-quiz dialog (${theme})`);
  await page.keyboard.press('Escape');
  await page.getByRole('checkbox', { name: new RegExp(answerTopic.title) }).uncheck();

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
  await page
    .getByRole('region', { name: /Unfinished quiz/ })
    .getByRole('button', { name: /^Resume / })
    .click();
  await page.getByRole('button', { name: new RegExp(`^Question ${checkedPosition + 1},`) }).click();
  await expect(page.locator('.question-card .feedback')).toBeVisible();
  await settle();
  await shoot(page, name('quiz-practice-checked'));
  if (check) await expectAccessible(page, `quiz runner, practice (${theme})`);
  const other = checkedPosition === 1 ? 1 : 2;
  await page.getByRole('button', { name: new RegExp(`^Question ${other},`) }).click();
  await expect(page.locator('#question-heading')).toContainText(`Question ${other} `);
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

  // The newest finished quiz's review: right, partly right and wrong answers.
  await goTo(page, 'Dashboard');
  await page.getByRole('region', { name: 'Recent quizzes' }).getByRole('button').first().click();
  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Answers by outcome' })).toContainText(
    '1 partly correct',
  );
  await settle();
  await shoot(page, name('review'));
  if (check) await expectAccessible(page, `review (${theme})`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen in the ${theme} theme: accessible, and screenshots at both sizes`, async ({
    page,
    app,
  }) => {
    test.setTimeout(180_000);
    const checkedPosition = await seed(app);
    await page.emulateMedia({ colorScheme: theme });
    for (const [index, viewport] of viewports.entries()) {
      await page.setViewportSize(viewport);
      if (index === 0) await openApp(page, app);
      else await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await visitAll(
        page,
        theme,
        index === 0,
        `${viewport.width}x${viewport.height}`,
        checkedPosition,
      );
    }

    // A running exam with its clock (started last: an open exam opens on launch).
    const topics = await callApi(app, 'listTopics');
    await callApi(app, 'startQuiz', {
      mode: 'exam',
      selection: 'topics',
      topics: [topics[2].topicId],
      count: 4,
      durationMinutes: 4,
      openQuizzes: 'finish',
    });
    for (const [index, viewport] of viewports.entries()) {
      const size = `${viewport.width}x${viewport.height}`;
      await page.setViewportSize(viewport);
      await page.reload();
      await expect(page.getByRole('timer')).toBeVisible();
      await page.waitForTimeout(150);
      await shoot(page, `quiz-exam-${theme}-${size}`);
      if (index === 0) await expectAccessible(page, `exam runner (${theme})`);
      // Another quiz's review while the exam runs: refused, with the way back.
      await goTo(page, 'Dashboard');
      await page
        .getByRole('region', { name: 'Recent quizzes' })
        .getByRole('button')
        .first()
        .click();
      await expect(page.getByRole('button', { name: 'Back to the exam' })).toBeVisible();
      await page.waitForTimeout(150);
      await shoot(page, `review-exam-running-${theme}-${size}`);
      if (index === 0) await expectAccessible(page, `review refused (${theme})`);
    }
  });
}

test('loading and error states: a failed call shows a readable message and a retry', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  const recover = await failCalls(page, 'getDashboard', 'The database is busy.');
  await goTo(page, 'Settings');
  await goTo(page, 'Dashboard');
  await expect(page.getByRole('alert')).toContainText('The database is busy.');
  await shoot(page, 'error-state-light-1280x800');
  recover();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Mastery by topic' })).toBeVisible();
});
