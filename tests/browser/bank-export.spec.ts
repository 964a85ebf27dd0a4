/**
 * Export… on the bank screen in Chromium: choose the bank, the format and the variants, receive
 * the download, read it; the report says how many items were not exported and why; refused
 * while an exam runs. Keyboard only, axe-clean, at 800×600 and 1920×1080, light and dark.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { answerPack, answerTopic, callApi, expectAccessible, goTo, openApp } from './helpers';

/**
 * The answer pack plus a numeric item with a vector key (GIFT cannot hold it) and a template
 * item (written as fixed variants): 5 items, 4 exported, with 2 variants 3 + 2 = 5 questions.
 */
const exportPack = {
  ...answerPack,
  id: 'export-bank',
  title: 'Export bank',
  items: [
    ...answerPack.items,
    {
      id: 'two-means',
      topic: answerTopic.id,
      type: 'numeric',
      stem: 'Type the two means.',
      answer: { value: [1, 2], tolerance: { abs: 0.01 } },
      explanation: 'One and two.',
      difficulty: 2,
      tags: [],
      source: 'browser test',
    },
    {
      id: 'running-stats',
      topic: answerTopic.id,
      type: 'template',
      template: 'batchnorm-inference',
      form: 'numeric',
      difficulty: 3,
      tags: [],
      source: 'browser test',
    },
  ],
};

test('Export… downloads GIFT and Moodle XML with the count of items not exported', async ({
  page,
  app,
}) => {
  const report = await callApi(app, 'importBank', {
    fileName: 'export-bank.json',
    content: JSON.stringify(exportPack),
  });
  expect(report.ok, JSON.stringify(report.problems)).toBe(true);
  await openApp(page, app);
  await goTo(page, 'Bank');
  const panel = page.getByRole('region', { name: 'Export a question bank' });
  await expect(panel.getByLabel('Bank')).toContainText('Export bank (5 questions)');

  // Keyboard only: choose the bank and the format, type the variants, press the button.
  await panel.getByLabel('Bank').focus();
  await panel.getByLabel('Bank').selectOption('export-bank');
  await panel.getByLabel('Format').selectOption('gift');
  await panel.getByLabel('Fixed variants per template question').fill('2');
  await panel.getByRole('button', { name: 'Export…' }).focus();
  const [gift] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(gift.suggestedFilename()).toBe('export-bank.gift');
  const text = readFileSync((await gift.path())!, 'utf8');
  expect(text.startsWith('// DeepDrill bank "export-bank"')).toBe(true);
  // The three fixed questions and the template's two variants; not the vector item.
  for (const id of [
    'even',
    'regularisers',
    'twelve-half',
    'running-stats-seed-0',
    'running-stats-seed-1',
  ]) {
    expect(text).toContain(`::${id}::`);
  }
  expect(text).not.toContain('two-means');
  expect(text).not.toContain('running-stats-seed-2');

  const shown = panel.getByTestId('bank-export-report');
  await expect(shown).toContainText(
    'Saved export-bank.gift: 5 questions from 4 of 5 items (1 template item as 2 fixed variants each).',
  );
  await expect(shown).toContainText('1 item was not exported: the format cannot hold it.');
  await expect(shown.getByRole('listitem')).toHaveText([
    /^two-means: the answer is a vector of 2 numbers/,
  ]);
  await expectAccessible(page, 'the bank screen after an export');

  for (const [theme, size] of [
    ['light', { width: 800, height: 600 }],
    ['dark', { width: 800, height: 600 }],
    ['light', { width: 1920, height: 1080 }],
    ['dark', { width: 1920, height: 1080 }],
  ] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize(size);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/helper16-bank-export-${theme}-${size.width}.png` });
    // Nothing wider than the window: the panel's fields wrap.
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow, `sideways scroll at ${size.width}px`).toBeLessThanOrEqual(0);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(page, 'the bank screen after an export, light, 1920×1080');

  // Moodle XML with the templates left out (0 variants).
  await panel.getByLabel('Format').selectOption('moodle-xml');
  await panel.getByLabel('Fixed variants per template question').fill('0');
  const [xml] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export…' }).click(),
  ]);
  expect(xml.suggestedFilename()).toBe('export-bank.xml');
  const xmlText = readFileSync((await xml.path())!, 'utf8');
  expect(xmlText.match(/<question type="(?:multichoice|numerical)">/g)).toHaveLength(3);
  await expect(shown).toContainText('2 items were not exported');
  await expect(shown.getByRole('listitem')).toHaveText([
    /^two-means: /,
    /^running-stats: template item .*no variants were asked for/,
  ]);

  // A count out of range is refused on the page, before anything is asked.
  await panel.getByLabel('Fixed variants per template question').fill('51');
  await expect(panel.getByText('Give a whole number of variants from 0 to 50.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Export…' })).toBeDisabled();
  await panel.getByLabel('Fixed variants per template question').fill('3');

  // While an exam runs the file would hold its keys: refused, nothing downloaded.
  await callApi(app, 'startQuiz', {
    mode: 'exam',
    selection: 'topics',
    topics: [answerTopic.id],
    count: 1,
    durationMinutes: 10,
  });
  let downloads = 0;
  page.on('download', () => downloads++);
  await panel.getByRole('button', { name: 'Export…' }).click();
  const notice = panel.getByRole('alert');
  await expect(notice).toContainText('An exam is running');
  await expect(notice).toContainText('Banks cannot be exported');
  expect(downloads).toBe(0);
});
