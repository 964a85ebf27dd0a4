/**
 * The tutor in practice, in real Chromium: the keyboard rhythm (pick, check, read the verdict,
 * try again, next), the hint ladder with what it costs, solving soft Dice step by step, a typed
 * answer's misconception named, an exam without any of it, and mastery a learner can trust.
 */
import type { Page } from '@playwright/test';
import type { AppServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi, expectAccessible, openApp, shoot, shootEach, sizes } from './helpers';

const heading = (page: Page) => page.locator('#question-heading');
const verdict = (page: Page) => page.locator('.question-card .feedback .verdict');
const help = (page: Page) => page.getByRole('region', { name: 'Help with this question' });

const keysTopic = { id: 'tutor-keys', title: 'Activations and layers' } as const;
const diceTopic = { id: 'tutor-dice', title: 'Soft Dice, step by step' } as const;

/** Six options (A–F), one right; a two-rung hint ladder. */
function sixOptions(id: string, stem: string, right: string, wrong: readonly string[]) {
  return {
    id,
    topic: keysTopic.id,
    type: 'mcq',
    stem,
    options: [
      { id: 'right', text: right, feedback: 'Yes.' },
      ...wrong.map((text, i) => ({ id: `wrong-${i}`, text })),
    ],
    answer: ['right'],
    explanation: `${right} is the one.`,
    hints: ['Think about what happens for negative inputs or without weights.', 'Rule out each.'],
    difficulty: 2,
    tags: [],
    source: 'browser test',
  };
}

const tutorPack = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'tutor-pack',
  title: 'Tutor pack',
  license: 'CC0-1.0',
  topics: [keysTopic, diceTopic],
  items: [
    sixOptions('leaky', 'Which activation keeps a small slope for negative inputs?', 'Leaky ReLU', [
      'ReLU',
      'Sigmoid',
      'Step function',
      'Hard threshold',
      'Identity clipped at zero',
    ]),
    sixOptions('no-weights', 'Which layer has no trainable parameters?', 'Max pooling', [
      'Convolution',
      'Dense layer',
      'Batch normalisation',
      'Embedding',
      'Layer normalisation',
    ]),
    {
      id: 'dice-source',
      topic: diceTopic.id,
      type: 'template',
      template: 'soft-dice',
      form: 'numeric',
      params: { preset: 'source' },
      difficulty: 3,
      tags: [],
      source: 'browser test: the masks of the source quiz',
    },
  ],
};

async function importTutorPack(app: AppServer): Promise<void> {
  const report = await callApi(app, 'importBank', {
    fileName: 'tutor.json',
    content: JSON.stringify(tutorPack),
  });
  expect(report.ok, JSON.stringify(report.problems)).toBe(true);
}

function startQuiz(app: AppServer, topic: string, count: number, mode: 'practice' | 'exam') {
  return callApi(app, 'startQuiz', {
    mode,
    selection: 'topics',
    topics: [topic],
    count,
    durationMinutes: mode === 'exam' ? 10 : undefined,
  });
}

/** Opens the app and resumes the open practice quiz with the keyboard. */
async function resumeByKeyboard(page: Page, app: AppServer): Promise<void> {
  await openApp(page, app);
  const resume = page
    .getByRole('region', { name: /Unfinished quiz/ })
    .getByRole('button', { name: /^Resume / });
  for (let i = 0; i < 40 && !(await resume.evaluate((el) => el.matches(':focus'))); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(resume).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(heading(page)).toBeVisible();
}

/** The letter shown for the option whose text is `text` (options are shuffled per quiz). */
async function letterOf(page: Page, text: string): Promise<string> {
  const options = page.locator('.question .option');
  const count = await options.count();
  for (let i = 0; i < count; i++) {
    if (((await options.nth(i).textContent()) ?? '').includes(text)) {
      return String.fromCharCode(65 + i);
    }
  }
  throw new Error(`no option "${text}"`);
}

/** True when the element is inside the window and not under the sticky header or action bar. */
async function inClearView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const header = await page.locator('.app-header').boundingBox();
  const bar = await page.locator('.question-card .actions').boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  if (!box || !header || !bar) return false;
  return box.y >= header.y + header.height && box.y + box.height <= Math.min(bar.y, height);
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
]) {
  test(`keyboard only at ${viewport.width}×${viewport.height}: pick (F too), check, verdict in view, try again, next`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(viewport);
    await importTutorPack(app);
    await startQuiz(app, keysTopic.id, 2, 'practice');
    await resumeByKeyboard(page, app);
    await expect(heading(page)).toContainText('Question 1 of 2');
    const stem = (await page.locator('.question .stem').textContent()) ?? '';
    const [right, wrong] = stem.includes('slope')
      ? ['Leaky ReLU', 'Sigmoid']
      : ['Max pooling', 'Dense layer'];

    // Every option letter shown is a key: F picks the sixth option.
    await page.keyboard.press('f');
    await expect(page.locator('.question .option').nth(5)).toHaveClass(/picked/);
    await expect(page.getByRole('status')).toHaveText('Option F selected.');
    // A wrong pick, by its letter, then Enter checks it.
    await page.keyboard.press((await letterOf(page, wrong)).toLowerCase());
    await expect(page.locator('.question .option').filter({ hasText: wrong })).toHaveClass(
      /picked/,
    );
    await page.keyboard.press('Enter');
    await expect(verdict(page)).toHaveText(/Not correct/);
    await expect(verdict(page)).toBeFocused();
    expect(await inClearView(page, '.question-card .feedback .verdict')).toBe(true);
    expect(await inClearView(page, '.question-card .feedback .answers')).toBe(true);
    const tryAgain = page.getByRole('button', { name: 'Try again' });
    await expect(tryAgain).toBeVisible();
    await expect(tryAgain).toHaveAccessibleDescription(
      /^The same question comes back as the next one; another try counts half as much/,
    );
    await expectAccessible(page, 'wrong check with try again');
    await shoot(page, `tutor-wrong-check-light-${viewport.width}x${viewport.height}`);

    // R: the same question again, as the next one, counting less; the keys work from there.
    await page.keyboard.press('r');
    await expect(heading(page)).toContainText('Question 2 of 3');
    await expect(heading(page)).toBeFocused();
    await expect(page.locator('.question .stem')).toHaveText(stem);
    await expect(page.getByRole('status')).toContainText('the same question again');
    await expect(help(page).getByTestId('credit')).toContainText(
      /counts 25% toward your mastery \(a second try of the same numbers; you have answered this question before\)/,
    );
    await page.keyboard.press((await letterOf(page, right)).toLowerCase());
    await page.keyboard.press('Enter');
    await expect(verdict(page)).toHaveText(/Correct/);
    await expect(verdict(page)).toBeFocused();
    expect(await inClearView(page, '.question-card .feedback .verdict')).toBe(true);
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);

    // N: on to the other question.
    await page.keyboard.press('n');
    await expect(heading(page)).toContainText('Question 3 of 3');
    await expect(page.locator('.question .stem')).not.toHaveText(stem);

    // The shortcuts dialog lists the tutoring keys.
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toContainText('Check the answer');
    await expect(dialog).toContainText('Show the next hint');
    await expect(dialog).toContainText('try the same question again');
    await expectAccessible(page, 'shortcuts dialog in practice');
    await page.keyboard.press('Escape');
  });
}

test('hints: each rung shown in order, and the credit it costs said before and after', async ({
  page,
  app,
}) => {
  await importTutorPack(app);
  await startQuiz(app, keysTopic.id, 1, 'practice');
  await resumeByKeyboard(page, app);
  const panel = help(page);
  const hint = panel.getByRole('button', { name: 'Hint', exact: true });
  await expect(panel.getByTestId('credit')).toHaveText(
    'This answer counts 100% toward your mastery.',
  );
  await expect(hint).toHaveAccessibleDescription(
    'Hint 1 of 2 lowers what this answer counts to 75%.',
  );
  await hint.click();
  const hints = panel.getByRole('list', { name: 'Hints shown' }).getByRole('listitem');
  await expect(hints).toHaveCount(1);
  await expect(hints.first()).toBeFocused();
  await expect(hints.first()).toContainText('negative inputs');
  await expect(panel.getByTestId('credit')).toHaveText(
    'This answer now counts 75% toward your mastery (1 hint used).',
  );
  const next = panel.getByRole('button', { name: 'Next hint' });
  await expect(next).toHaveAccessibleDescription(
    'Hint 2 of 2 lowers what this answer counts to 50%.',
  );
  // T shows the next rung from anywhere outside a text field.
  await page.keyboard.press('t');
  await expect(hints).toHaveCount(2);
  await expect(hints.nth(1)).toContainText('Rule out each.');
  await expect(panel).toContainText('All 2 hints shown.');
  await expect(next).toHaveCount(0);
  await expect(panel.getByTestId('credit')).toContainText('now counts 50%');
  await expectAccessible(page, 'hints shown');
});

test('soft Dice step by step: parts checked at once, a refused entry, the typed misconception named', async ({
  page,
  app,
}) => {
  await importTutorPack(app);
  await startQuiz(app, diceTopic.id, 1, 'practice');
  await resumeByKeyboard(page, app);
  await expect(page.locator('.question .stem')).toContainText('soft Dice coefficient');
  const panel = help(page);
  await expect(panel.getByTestId('credit')).toHaveText(
    'This answer counts 100% toward your mastery.',
  );
  await shootEach(
    page,
    'tutor-question-window',
    [
      ['light', sizes.large],
      ['dark', sizes.small],
    ],
    false,
  );

  // The formula rung renders through KaTeX, like the stem.
  await panel.getByRole('button', { name: 'Hint', exact: true }).click();
  await panel.getByRole('button', { name: 'Next hint' }).click();
  const hints = panel.getByRole('list', { name: 'Hints shown' }).getByRole('listitem');
  await expect(hints.nth(1).locator('.katex')).toBeAttached();
  await expect(hints.nth(1).locator('.math-error')).toHaveCount(0);
  await expect(panel.getByTestId('credit')).toContainText('now counts 50%');

  await panel.getByText('Solve step by step').click();
  const overlap = panel.getByLabel(/^Part 1/);
  const total = panel.getByLabel(/^Part 2/);
  await expect(overlap).toBeVisible();
  // The answer format is rendered, never raw TeX.
  await expect(panel.locator('.part .hint').first()).toHaveText('a number');

  // Not yet: the part's own hint; then right, with its value, and on to part 2.
  await overlap.fill('7.1');
  await overlap.press('Enter');
  const first = panel.locator('.part').nth(0);
  await expect(first).toContainText('Not yet.');
  await expect(first).toContainText('Multiply each value');
  await expect(overlap).toHaveAttribute('aria-invalid', 'true');
  await shootEach(page, 'tutor-part-wrong-window', [['dark', sizes.small]], false);
  await overlap.fill('7.2559');
  await overlap.press('Enter');
  await expect(first).toContainText('Right: 7.2559');
  await expect(first).not.toContainText('Not yet.');
  await expect(total).toBeFocused();

  // Two numbers where one is asked: refused at the field, not marked wrong.
  const second = panel.locator('.part').nth(1);
  await total.fill('9.48, 8.98');
  await total.press('Enter');
  await expect(second.locator('.refusal')).toContainText(/1 number/);
  await expect(second.locator('.refusal')).toContainText('Nothing was counted');
  await expect(second).not.toContainText('Not yet.');
  await expect(total).toHaveAttribute('aria-invalid', 'true');
  await shootEach(page, 'tutor-part-refused-window', [['light', sizes.small]], false);
  await total.fill('18.46');
  await total.press('Enter');
  await expect(second).toContainText('Right: 18.46');
  await expect(panel).toContainText('Every part is right');
  await expect(panel.locator('summary')).toContainText('2 of 2 parts right');
  await expectAccessible(page, 'step by step');
  const all = [
    ['light', sizes.large],
    ['light', sizes.small],
    ['dark', sizes.large],
    ['dark', sizes.small],
  ] as const;
  await shootEach(page, 'tutor-steps', all);
  await shootEach(page, 'tutor-steps-window', all, false);
  // The answer without the factor 2: the misconception is named, with why.
  await panel.getByRole('button', { name: 'To your answer' }).click();
  const answer = page.getByLabel('Your answer');
  await expect(answer).toBeFocused();
  await answer.fill('0.393');
  await answer.press('Enter');
  await expect(verdict(page)).toHaveText(/Not correct/);
  await expect(verdict(page)).toBeFocused();
  expect(await inClearView(page, '.question-card .feedback .verdict')).toBe(true);
  const misconception = page.locator('.question-card .feedback .misconception');
  await expect(misconception).toContainText('Dropped the factor 2 in the Dice numerator');
  await expect(misconception).toContainText('the numerator needs the factor 2');
  await expect(panel.getByTestId('credit')).toContainText('counted 50%');
  await expectAccessible(page, 'typed misconception named');
  await shootEach(page, 'tutor-misconception-window', all, false);
  await shootEach(page, 'tutor-misconception', [['light', sizes.large]]);

  // Try again: the same masks, and the right value this time.
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(heading(page)).toContainText('Question 2 of 2');
  await expect(page.locator('.question .stem')).toContainText('0.47');
  await page.getByLabel('Your answer').fill('0.786');
  await page.getByLabel('Your answer').press('Enter');
  await expect(verdict(page)).toHaveText(/Correct/);
  await expect(panel.getByTestId('credit')).toContainText('counted 25%');
  await shootEach(page, 'tutor-retry-right', [['light', sizes.large]]);

  // The dashboard counts the typed misconception.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Dashboard' })
    .click();
  await expect(page.getByRole('region', { name: 'Misconceptions seen most' })).toContainText(
    'Dropped the factor 2 in the Dice numerator',
  );
});

test('an exam offers no hints, no parts and no second try', async ({ page, app }) => {
  await importTutorPack(app);
  const exam = await startQuiz(app, diceTopic.id, 1, 'exam');
  expect(exam.items.every((i) => i.tutor === null)).toBe(true);
  await page.goto(app.url);
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(page.locator('.question .stem')).toContainText('soft Dice coefficient');
  await expect(help(page)).toHaveCount(0);
  await expect(page.getByText('Solve step by step')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('t');
  await expect(page.getByRole('button', { name: /Hint/ })).toHaveCount(0);
  await page.getByLabel('Your answer').fill('0.393');
  await page.getByLabel('Your answer').press('Enter');
  // Enter saves in an exam: no verdict, no try again.
  await expect(page.locator('.q-badges [data-save="saved"]')).toBeVisible();
  await expect(page.locator('.question-card .feedback')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toContainText('Save the answer now');
  await expect(dialog).not.toContainText('hint');
  await page.keyboard.press('Escape');
  await expectAccessible(page, 'exam without tutoring');
});

test('a topic not started shows an empty bar; "How mastery works" gives the levels', async ({
  page,
  app,
}) => {
  await importTutorPack(app);
  await openApp(page, app);
  const meter = page.getByRole('meter', { name: `Mastery of ${keysTopic.title}` });
  await expect(meter).toHaveAttribute('aria-valuenow', '0');
  await expect(meter).toHaveAttribute('aria-valuetext', 'Not started');
  expect(await meter.locator('.fill').evaluate((el) => el.getBoundingClientRect().width)).toBe(0);

  await page.getByRole('button', { name: 'How mastery works' }).click();
  const dialog = page.getByRole('dialog', { name: 'How mastery works' });
  await expect(dialog).toBeVisible();
  const row = (level: string) => dialog.getByRole('row').filter({ hasText: level });
  await expect(row('Not started')).toContainText('No answers yet');
  await expect(row('Familiar')).toContainText('at least 40%');
  await expect(row('Proficient')).toContainText('at least 70%, after at least 3 answers');
  await expect(row('Proficient')).toContainText('cautious accuracy is at least 60%');
  await expect(row('Mastered')).toContainText('at least 90%, after at least 5 answers');
  await expect(row('Mastered')).toContainText('at least 70%');
  await expect(dialog).toContainText('Repeats count less');
  await expect(dialog).toContainText('Each hint you reveal');
  await expect(dialog).toContainText('Try again');
  await expect(dialog.getByRole('heading', { name: 'How mastery works' })).toBeFocused();
  await expectAccessible(page, 'how mastery works');
  await shootEach(
    page,
    'mastery-help',
    [
      ['light', sizes.large],
      ['dark', sizes.small],
    ],
    false,
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'How mastery works' })).toBeFocused();
});
