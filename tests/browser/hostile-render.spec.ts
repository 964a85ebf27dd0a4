/**
 * The heaviest hostile question a bank can hold, shown where a learner meets it — the bank
 * preview with its answer, then a practice quiz with the worked solution after Check — in real
 * Chromium: no task blocks the window for a second or more, and nothing is pushed far outside
 * the page by spacing or raise commands.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callApi, goTo, openApp } from './helpers';

/**
 * An n×n matrix of fractions. KaTeX writes about 48 kB of HTML for a 6×6 one (the most one
 * formula may have) and 100 kB for a 9×9 one (shown as its source).
 */
function matrix(i: number, n = 6): string {
  const rows = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => `\\frac{${i}}{${r * n + c + 1}}`).join('&'),
  );
  return `\\begin{pmatrix}${rows.join('\\\\')}\\end{pmatrix}`;
}

/**
 * Far more heavy display formulas than one text may typeset, one too large to typeset, and
 * spacing that would throw text 9 000 em away unclamped.
 */
function heavy(tag: string): string {
  const shoves =
    `Shoved ${tag}: $\\kern-9000em A$ and $\\hspace{-9000em} B$ and ` +
    `$\\raisebox{9000em}{C}$ and $\\mkern-9000mu D$ and $x\\kern9000em y$.`;
  const formulas = Array.from({ length: 16 }, (_, i) => `$$${matrix(i)}$$`).join('\n\n');
  return `${shoves}\n\n$$${matrix(99, 9)}$$\n\n${formulas}\n\n${'word '.repeat(200)}`;
}

const STEM_MARK = 'Heaviest hostile question';

const pack = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'hostile-render',
  title: 'Hostile rendering',
  license: 'CC0-1.0',
  topics: [{ id: 'hostile-render-topic', title: 'Hostile rendering' }],
  items: [
    {
      id: 'heaviest',
      topic: 'hostile-render-topic',
      type: 'mcq',
      stem: `${STEM_MARK}. ${heavy('stem')}`,
      options: [
        { id: 'a', text: `$${matrix(100)}$ $\\kern-9000em a$`, feedback: heavy('feedback a') },
        { id: 'b', text: `$${matrix(101)}$`, feedback: heavy('feedback b') },
        { id: 'c', text: `$${matrix(102, 9)}$`, feedback: heavy('feedback c') },
      ],
      answer: ['b'],
      explanation: heavy('explanation'),
      difficulty: 3,
      tags: ['hostile'],
      source: 'hostile render test',
    },
  ],
};

/** Longest task seen since the page loaded, in ms (Chromium's long-task timing). */
function longestTask(page: Page): Promise<number> {
  return page.evaluate('Math.max(0, ...(window.__longTasks ?? []))') as Promise<number>;
}

/**
 * How far any element reaches beyond the document's left/right edges and its top, in px, and
 * the element that does (to name in a failure).
 */
function farthestOutside(page: Page): Promise<{ px: number; element: string }> {
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    let worst = { px: 0, element: '' };
    // KaTeX's MathML copy is for screen readers: clipped to nothing, never drawn.
    for (const e of document.querySelectorAll('main *:not(.katex-mathml, .katex-mathml *)')) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const px = Math.max(-r.left, r.right - width, -(r.top + window.scrollY));
      if (px > worst.px) {
        worst = { px, element: e.tagName.toLowerCase() + '.' + [...e.classList].join('.') +
          ' style="' + (e.getAttribute('style') ?? '') + '"' };
      }
    }
    return worst;
  })()`) as Promise<{ px: number; element: string }>;
}

async function expectInsidePage(page: Page, screen: string): Promise<void> {
  // Formulas past one task's budget are typeset in the next tasks: none is left waiting.
  await expect(
    page.locator('main code.math-pending'),
    `${screen}: formulas left waiting`,
  ).toHaveCount(0);
  await page.waitForTimeout(500);
  const outside = await farthestOutside(page);
  // Nor does the page itself grow sideways.
  expect(
    await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
    `${screen} scrolls sideways`,
  ).toBeLessThanOrEqual(0);
  expect(outside.px, `${screen}: ${outside.element} reaches outside the page`).toBeLessThan(1000);
}

test('the heaviest hostile question: no long task over 1 s, nothing thrown far outside the page', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.addInitScript(`
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  `);
  const report = await callApi(app, 'importBank', {
    fileName: 'hostile-render.json',
    content: JSON.stringify(pack),
  });
  expect(report.problems).toEqual([]);
  expect(report.added).toBe(1);
  await openApp(page, app);
  await goTo(page, 'Bank');
  await page.getByLabel('Search', { exact: true }).fill(STEM_MARK);
  const row = page.locator('ul.results > li').first();
  await expect(row).toContainText(STEM_MARK);
  await row.getByRole('button').click();
  const preview = page.getByTestId('preview');
  await expect(preview).toContainText(STEM_MARK);
  await page.getByRole('button', { name: 'Show answer' }).click();
  await expect(page.getByTestId('answer-key')).toContainText('explanation');
  // Over the budget, formulas are shown as their source with a note, not typeset.
  await expect(preview.locator('code.math-error').first()).toBeVisible();
  await expectInsidePage(page, 'bank preview');

  await page.getByRole('button', { name: 'Practise this question' }).click();
  await expect(page.locator('.question')).toContainText(STEM_MARK);
  // Picked with the quiz's own key, A: display formulas take their height as they come into
  // view (content-visibility), so a mouse click aimed before such a shift can land beside the
  // option; a learner clicks what is drawn, the test would click where it was.
  await expect(page.locator('main code.math-pending')).toHaveCount(0);
  await page.keyboard.press('a');
  await expect(page.locator('.question .option input').first()).toBeChecked();
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.locator('.question-card .feedback')).toContainText('explanation');
  await expectInsidePage(page, 'practice quiz');

  const longest = await longestTask(page);
  test.info().annotations.push({ type: 'longest task', description: `${Math.round(longest)} ms` });
  expect(longest, 'longest task (ms)').toBeLessThan(1000);
});
