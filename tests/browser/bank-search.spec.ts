/**
 * The bank screen's search and preview in the real renderer: British/American spelling, Greek
 * letters and topic titles found, "Clear filters" telling how many questions match, "Show
 * answer" (keyboard) with the key and worked solution, refused while an exam runs, and
 * "Practise this question" opening a one-question practice.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callApi, expectAccessible, goTo, openApp, shootEach, sizes } from './helpers';

const topic = { id: 'osprey', title: 'Osprey scale and shift' };

const mcq = (
  id: string,
  stem: string,
  options: object[],
  answer: string[],
  explanation: string,
) => ({
  id,
  topic: topic.id,
  type: 'mcq',
  stem,
  options,
  answer,
  explanation,
  difficulty: 2,
  tags: [],
  source: 'browser test',
});

/** Stems say "normalisation" (British) and write γ as LaTeX or as a word; none says "osprey". */
const pack = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'kestrel',
  title: 'Kestrel pack',
  license: 'CC0-1.0',
  topics: [topic],
  items: [
    mcq(
      'k-gamma-latex',
      'Kestrel normalisation multiplies each channel by $\\gamma$. What is $\\gamma$ when training starts?',
      [
        {
          id: 'zero',
          text: '$0$',
          feedback: 'Zero would switch every channel off.',
          misconception: { id: 'gamma-zero', label: 'Starts the scale at zero' },
        },
        { id: 'one', text: '$1$', feedback: 'Right: the layer starts as plain normalisation.' },
      ],
      ['one'],
      'PyTorch starts $\\gamma$ at one and $\\beta$ at zero.',
    ),
    {
      id: 'k-gamma-word',
      topic: topic.id,
      type: 'numeric',
      stem: 'Kestrel normalisation with gamma = 2 and beta = 0 maps a normalised 0.5 to what?',
      answer: { value: 1, tolerance: { abs: 0.001 } },
      explanation: 'Scale, then shift: $2 \\cdot 0.5 + 0 = 1$.',
      difficulty: 2,
      tags: [],
      source: 'browser test',
    },
    mcq(
      'k-shift',
      'Which parameter shifts the output of kestrel normalisation?',
      [
        { id: 'beta', text: 'the shift $\\beta$' },
        { id: 'var', text: 'the variance' },
      ],
      ['beta'],
      'The shift is added after scaling.',
    ),
  ],
};

const stems = {
  gammaLatex: 'Kestrel normalisation multiplies each channel by',
  gammaWord: 'Kestrel normalisation with gamma = 2',
  shift: 'Which parameter shifts the output',
};

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search' });

/** Types a search (the page waits 250 ms after typing; the expectations wait for the list). */
async function search(page: Page, text: string) {
  await searchBox(page).fill(text);
}

const rows = (page: Page) => page.locator('ul.results > li');

async function expectRows(page: Page, expected: readonly string[]) {
  await expect(rows(page)).toHaveCount(expected.length);
  for (const [index, stem] of expected.entries())
    await expect(rows(page).nth(index)).toContainText(stem);
}

test.beforeEach(async ({ app }) => {
  const report = await callApi(app, 'importBank', {
    fileName: 'kestrel.json',
    content: JSON.stringify(pack),
  });
  expect(report.ok).toBe(true);
});

test('bank search forgives spelling, finds Greek letters and topic titles, and clears', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await goTo(page, 'Bank');
  await expect(rows(page).first()).toBeVisible();

  // American spelling finds the British stems (and the same number of questions either way).
  await search(page, 'kestrel normalization');
  await expectRows(page, [stems.gammaLatex, stems.gammaWord, stems.shift]);
  await expect(page.getByTestId('match-count')).toHaveText('3 questions match');
  const british = await callApi(app, 'listQuestions', { search: 'normalisation' });
  expect(british.total).toBeGreaterThan(3);
  await search(page, 'normalization');
  await expect(page.getByTestId('match-count')).toHaveText(`${british.total} questions match`);

  // γ finds $\gamma$ and "gamma" (within the topic, so the built-in bank stays out of it).
  await page.getByLabel('Topic').selectOption(topic.id);
  await search(page, 'γ');
  await expectRows(page, [stems.gammaLatex, stems.gammaWord]);
  await expect(page.getByTestId('match-count')).toHaveText('2 questions match');

  // A word only the topic's title has.
  await page.getByLabel('Topic').selectOption('');
  await search(page, 'osprey');
  await expectRows(page, [stems.gammaLatex, stems.gammaWord, stems.shift]);

  // Clear filters: every filter back to "all", and the whole bank counted.
  await page.getByLabel('Type').selectOption('numeric');
  await expectRows(page, [stems.gammaWord]);
  const { questionCount } = await callApi(app, 'getAppInfo');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(searchBox(page)).toHaveValue('');
  await expect(searchBox(page)).toBeFocused();
  await expect(page.getByLabel('Type')).toHaveValue('');
  await expect(page.getByLabel('Topic')).toHaveValue('');
  await expect(page.getByTestId('match-count')).toHaveText(`${questionCount} questions match`);
  await expect(page.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
});

test('preview: Show answer by keyboard, then Practise this question', async ({ page, app }) => {
  await openApp(page, app);
  await goTo(page, 'Bank');
  await search(page, 'osprey');
  await expectRows(page, [stems.gammaLatex, stems.gammaWord, stems.shift]);
  await rows(page).first().getByRole('button').click();
  const preview = page.getByTestId('preview');
  await expect(preview).toContainText(stems.gammaLatex);
  await expect(page.getByTestId('answer-key')).toHaveCount(0);

  // Keyboard: focus the button and press Enter.
  const show = page.getByRole('button', { name: 'Show answer' });
  await show.focus();
  await page.keyboard.press('Enter');
  const key = page.getByTestId('answer-key');
  // The key is option B ("1"), with each option's feedback and the explanation.
  await expect(key.locator('dd')).toHaveText('B');
  await expect(key).toContainText('Zero would switch every channel off.');
  await expect(key).toContainText('Misconception: Starts the scale at zero');
  await expect(key).toContainText('PyTorch starts');
  await expect(page.getByRole('button', { name: 'Hide answer' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expectAccessible(page, 'bank preview with the answer');
  await shootEach(page, 'bank-preview-answer', [
    ['light', sizes.large],
    ['dark', sizes.large],
  ]);

  // The numeric one's key is the value.
  await rows(page).nth(1).getByRole('button').click();
  await expect(preview).toContainText(stems.gammaWord);
  await page.getByRole('button', { name: 'Show answer' }).click();
  await expect(page.getByTestId('answer-key').locator('dd')).toHaveText('1');

  // Practise it: a one-question practice quiz with this stem.
  await page.getByRole('button', { name: 'Practise this question' }).click();
  await expect(page.locator('.question')).toContainText(stems.gammaWord);
  const open = await callApi(app, 'getOpenQuiz');
  expect(open?.mode).toBe('practice');
  expect(open?.items).toHaveLength(1);
});

test('the answer is refused while an exam runs, and the page says why', async ({ page, app }) => {
  await openApp(page, app);
  await goTo(page, 'Bank');
  await search(page, 'osprey');
  await expectRows(page, [stems.gammaLatex, stems.gammaWord, stems.shift]);
  await rows(page).first().getByRole('button').click();
  await expect(page.getByTestId('preview')).toContainText(stems.gammaLatex);

  // An exam starts elsewhere (another window) while the preview is open.
  const exam = await callApi(app, 'startQuiz', {
    mode: 'exam',
    selection: 'topics',
    topics: [topic.id],
    count: 2,
    durationMinutes: 30,
  });
  await page.getByRole('button', { name: 'Show answer' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('An exam is running');
  await expect(alert).toContainText(
    `Keys and worked solutions stay hidden while the exam "${exam.title}" is running. Finish the exam first.`,
  );
  await expect(page.getByTestId('answer-key')).toHaveCount(0);
  await expect(page.getByText('PyTorch starts')).toHaveCount(0);
});
