import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callApi, goTo, openApp } from './helpers';

function pack(items: unknown[], id = 'browser-test') {
  return {
    format: 'deepdrill-bank',
    version: 1,
    id,
    title: 'Browser test pack',
    license: 'CC0-1.0',
    topics: [{ id: 'browser-topic', title: 'Browser test topic' }],
    items,
  };
}

const goodItems = [
  {
    id: 'powers',
    topic: 'browser-topic',
    type: 'mcq',
    stem: 'What is $2^3$?',
    options: [
      { id: 'six', text: '$6$', feedback: 'That is $2 \\cdot 3$.' },
      { id: 'eight', text: '$8$' },
    ],
    answer: ['eight'],
    explanation: 'Three factors of two: $2 \\cdot 2 \\cdot 2 = 8$.',
    difficulty: 1,
    tags: ['arithmetic'],
    source: 'browser test',
  },
  {
    id: 'half',
    topic: 'browser-topic',
    type: 'numeric',
    stem: 'Write one half as a decimal.',
    answer: { value: 0.5, tolerance: { abs: 0.001 } },
    explanation: 'One divided by two.',
    difficulty: 2,
    tags: [],
    source: 'browser test',
  },
];

async function importFile(page: Page, name: string, content: unknown) {
  await page.getByLabel('Bank file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)),
  });
  return page.getByTestId('import-report');
}

test('bank browser: filter, preview, and import a good and a bad file', async ({ page, app }) => {
  const topics = await callApi(app, 'listTopics');
  await openApp(page, app);
  await goTo(page, 'Bank');
  const results = page.locator('ul.results > li');
  await expect(results.first()).toBeVisible();

  // Filter by topic and type: every row says so.
  await page.getByLabel('Topic').selectOption(topics[0].topicId);
  await expect(results.first()).toContainText(topics[0].title);
  for (const row of await results.all()) await expect(row).toContainText(topics[0].title);
  await page.getByLabel('Type').selectOption('numeric');
  await page.getByLabel('Topic').selectOption('');
  await expect(results.first()).toContainText('Numeric');
  for (const row of await results.all()) await expect(row).toContainText('Numeric');

  // Preview exactly as the learner sees it.
  await results.first().getByRole('button').click();
  const preview = page.getByTestId('preview');
  await expect(preview.getByLabel('Your answer')).toBeVisible();

  // A good file: counts shown, questions listed.
  let report = await importFile(page, 'good.json', pack(goodItems));
  await expect(report).toContainText('Import finished');
  await expect(report).toContainText('2 added, 0 updated, 0 unchanged');
  await page.getByLabel('Type').selectOption('');
  await page.getByLabel('Search', { exact: true }).fill('decimal');
  await expect(results.first()).toContainText('Write one half as a decimal.');

  // Importing it again changes nothing.
  report = await importFile(page, 'good.json', pack(goodItems));
  await expect(report).toContainText('0 added, 0 updated, 2 unchanged');

  // A bad file: every problem with its path; nothing imported.
  const before = (await callApi(app, 'getAppInfo')).questionCount;
  const bad = pack(
    [
      { ...goodItems[0], id: 'broken', answer: ['nine'] },
      { ...goodItems[1], id: 'broken-2', difficulty: 9, surprise: true },
    ],
    'browser-bad',
  );
  report = await importFile(page, 'bad.json', bad);
  await expect(report).toContainText('The file was not imported');
  await expect(report).toContainText('items[0].answer');
  await expect(report).toContainText('items[1]');
  expect((await callApi(app, 'getAppInfo')).questionCount).toBe(before);

  // Not even JSON: still a readable problem.
  report = await importFile(page, 'garbage.json', '{ not json');
  await expect(report).toContainText('The file was not imported');

  // Not UTF-8 (a Latin-1 "é"): refused as the CLI refuses it, never imported as U+FFFD.
  const latin1 = pack(
    [{ ...goodItems[0], id: 'latin-1', stem: 'Caf\u00e9 au lait: 1/2?' }],
    'latin1',
  );
  await page.getByLabel('Bank file').setInputFiles({
    name: 'latin1.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(latin1), 'latin1'),
  });
  await expect(page.getByText('“latin1.json” is not UTF-8 text')).toBeVisible();
  expect((await callApi(app, 'getAppInfo')).questionCount).toBe(before);
});

test('hostile question text renders inert', async ({ page, app }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const hostile = [
    {
      id: 'hostile',
      topic: 'browser-topic',
      type: 'mcq',
      stem:
        'Hostile stem <script>alert("script")</script> and <img src=x onerror="alert(\'img\')"> ' +
        'and [a link](javascript:alert("link")) and $\\href{javascript:alert("tex")}{x}$ done.',
      options: [
        { id: 'a', text: '<b onmouseover="alert(1)">bold?</b>' },
        { id: 'b', text: '[click](javascript:alert(2))' },
      ],
      answer: ['a'],
      explanation: '<iframe src="javascript:alert(3)"></iframe>',
      difficulty: 1,
      tags: [],
      source: 'browser test',
    },
  ];
  await openApp(page, app);
  await goTo(page, 'Bank');
  const report = await importFile(page, 'hostile.json', pack(hostile, 'hostile-pack'));
  await expect(report).toContainText('1 added');
  await page.getByLabel('Search', { exact: true }).fill('Hostile stem');
  const row = page.locator('ul.results > li').first();
  await expect(row).toContainText('Hostile stem');
  await row.getByRole('button').click();
  const preview = page.getByTestId('preview');
  await expect(preview).toContainText('Hostile stem');
  // The markup is shown as text, nothing of it is live.
  await expect(preview).toContainText('<script>alert("script")</script>');
  await preview.locator('.option').first().hover();
  await preview.getByText('bold?').click();
  await expect(page.locator('[data-testid="preview"] script')).toHaveCount(0);
  await expect(page.locator('[data-testid="preview"] img')).toHaveCount(0);
  await expect(page.locator('[data-testid="preview"] iframe')).toHaveCount(0);
  await expect(page.locator('[onerror], [onmouseover], [onclick]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(preview.getByRole('link')).toHaveCount(0);
  // Also once answered in the preview (option feedback, if the preview reveals any).
  await preview.locator('.option').nth(1).click();
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test('importing a Moodle GIFT file lists the questions DeepDrill cannot represent', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await goTo(page, 'Bank');
  const gift = readFileSync('tests/fixtures/interop/sample.gift', 'utf8');
  const report = await importFile(page, 'week11.gift', gift);
  await expect(report).toContainText('Import finished');
  await expect(report).toContainText(/essay/i);
  await expect(report).toContainText(/matching/i);
  await expect(report).toContainText(/line \d+/);
});
