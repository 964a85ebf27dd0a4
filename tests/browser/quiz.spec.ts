import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { answerAndCheck, answerWithMouse, callApi, goTo, openApp } from './helpers';

const questionHeading = (page: Page) => page.locator('#question-heading');
const savedBadge = (page: Page) => page.locator('.q-badges .badge-ok');

/** Presses Tab until `target` has focus (keyboard-only navigation). */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el.matches(':focus'))) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

async function questionCount(page: Page): Promise<number> {
  const text = (await page.locator('#question-heading .of').textContent()) ?? '';
  return Number(/of (\d+)/.exec(text)?.[1]);
}

test('dashboard → recommended quiz → mouse and keyboard answers → submit → review → dashboard', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  const answeredTotal = page.getByTestId('answered-total');
  await expect(answeredTotal).toHaveText('0');

  await page.getByRole('button', { name: 'Start recommended quiz' }).click();
  await expect(questionHeading(page)).toContainText('Question 1');
  const total = await questionCount(page);
  expect(total).toBeGreaterThan(1);

  for (let n = 1; n <= total; n++) {
    await expect(questionHeading(page)).toContainText(`Question ${n} `);
    const numeric = page.getByLabel('Your answer');
    if (n % 2 === 1) {
      // Mouse: click an option (or type into the field); it saves itself.
      await answerWithMouse(page, '0.5');
    } else if (await numeric.isVisible()) {
      await numeric.focus();
      await page.keyboard.type('2');
      // Leaving the field saves what was typed (Enter would check it: this is practice).
      await page.keyboard.press('Escape');
    } else {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('1');
      await expect(page.locator('.question .option').first()).toHaveClass(/picked/);
    }
    await expect(savedBadge(page)).toBeVisible();
    await expect(page.getByRole('button', { name: `Question ${n}, answered` })).toBeVisible();
    if (await numeric.isVisible()) {
      // In the number field N is typed, not a shortcut: Escape leaves the field first.
      await numeric.focus();
      await page.keyboard.press('n');
      await expect(numeric).toHaveValue(/n$/);
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Escape');
      await expect(questionHeading(page)).toBeFocused();
    }
    if (n < total) await page.keyboard.press('n');
  }
  // Mark the last one and check the palette says so in words.
  await page.keyboard.press('m');
  await expect(
    page.getByRole('button', { name: `Question ${total}, answered, marked for review` }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Submit…' }).click();
  const dialog = page.getByRole('dialog', { name: /Submit this/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`You answered ${total} of ${total}`);
  await expect(dialog).toContainText('Marked for review');
  await dialog.getByRole('button', { name: 'Submit now' }).click();

  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
  await expect(page.getByTestId('score')).toContainText(`/ ${total}`);
  await expect(page.getByRole('region', { name: 'By topic' })).toBeVisible();
  await expect(page.locator('article.review-item')).toHaveCount(total);
  await expect(page.locator('article.review-item .feedback').first()).toBeVisible();
  // Formulas are rendered by KaTeX, not shown as TeX source.
  await expect(page.locator('article.review-item .katex').first()).toBeAttached();

  await goTo(page, 'Dashboard');
  await expect(answeredTotal).toHaveText(String(total));
  const dashboard = await callApi(app, 'getDashboard');
  expect(dashboard.totals.answered).toBe(total);
  expect(dashboard.topics.some((t) => t.attempts > 0)).toBe(true);
  const practised = dashboard.topics.find((t) => t.attempts > 0)!;
  await expect(page.getByRole('meter', { name: `Mastery of ${practised.title}` })).toHaveAttribute(
    'aria-valuenow',
    String(Math.round(practised.pKnown * 100)),
  );
  await expect(
    page
      .getByText(
        `of ${practised.attempts === 1 ? '1 answer' : `${practised.attempts} answers`} correct`,
      )
      .first(),
  ).toBeVisible();
});

test('a whole quiz with the keyboard only', async ({ page, app }) => {
  await openApp(page, app);
  const start = page.getByRole('button', { name: 'Start recommended quiz' });
  await tabTo(page, start);
  await page.keyboard.press('Enter');
  await expect(questionHeading(page)).toContainText('Question 1');
  const total = await questionCount(page);

  // The shortcuts are discoverable from the keyboard.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  for (let n = 1; n <= total; n++) {
    await expect(questionHeading(page)).toContainText(`Question ${n} `);
    const numeric = page.getByLabel('Your answer');
    if (await numeric.isVisible()) {
      await tabTo(page, numeric);
      // Typing letters and digits goes into the field, not to the shortcuts.
      await page.keyboard.type('1e-1');
      await expect(numeric).toHaveValue('1e-1');
      await expect(questionHeading(page)).toContainText(`Question ${n} `);
    } else {
      await page.keyboard.press(n % 2 === 0 ? 'b' : '2');
      await expect(page.locator('.question .option').nth(1)).toHaveClass(/picked/);
    }
    // In practice Enter checks: the verdict gets the focus, or the field says what it expects
    // (a template may ask for several numbers; the refused entry stays saved, not graded).
    await page.keyboard.press('Enter');
    const verdict = page.locator('.question-card .feedback .verdict');
    const refused = page.getByText(/^Expected \d+ numbers/);
    await expect(verdict.or(refused)).toBeVisible();
    if (await verdict.isVisible()) await expect(verdict).toBeFocused();
    else await expect(savedBadge(page)).toBeVisible();
    if (await numeric.isVisible()) await page.keyboard.press('Escape');
    if (n < total) {
      await page.keyboard.press('n');
    }
  }
  await page.keyboard.press('p');
  await expect(questionHeading(page)).toContainText(`Question ${total - 1} `);

  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: /Submit this/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep working' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Submit now' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Questions and worked solutions' })).toBeVisible();
  const answered = await page.locator('article.review-item .answers dd').allTextContents();
  expect(answered.filter((_, i) => i % 2 === 0)).not.toContain('No answer');
});

test('practice: Check shows right or wrong with the worked solution; pause hides the question', async ({
  page,
  app,
}) => {
  const topics = await callApi(app, 'listTopics');
  await openApp(page, app);
  await goTo(page, 'Practice');
  await page.getByRole('checkbox', { name: new RegExp(topics[0].title) }).check();
  await page.getByLabel('Number of questions').fill('3');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await expect(questionHeading(page)).toContainText('Question 1 of 3');

  await answerAndCheck(page);
  const feedback = page.locator('.question-card .feedback');
  await expect(
    feedback.getByRole('heading', { name: /Correct|Not correct|Partly correct/ }),
  ).toBeVisible();
  await expect(feedback).toContainText('Correct answer');
  await expect(
    feedback.getByRole('heading', { name: /Worked solution|Explanation/ }).first(),
  ).toBeVisible();
  // A checked answer is locked.
  await expect(page.getByRole('button', { name: 'Check', exact: true })).toBeHidden();

  const similar = page.getByRole('button', { name: 'Try a similar one' });
  if (await similar.isVisible()) {
    await similar.click();
    await expect(questionHeading(page)).toContainText('Question 2 of 4');
  }

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByText('The quiz is paused.')).toBeVisible();
  await expect(page.locator('.question')).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume quiz' }).click();
  await expect(page.locator('.question')).toBeVisible();
});
