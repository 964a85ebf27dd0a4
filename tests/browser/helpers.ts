/** Shared steps of the browser tests: open the app, call the API directly, check a11y, shoot. */
import { mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { ApiInput, ApiMethod, ApiResult, AppApi } from '../../electron/contract';
import type { AppServer } from './fixtures';
import { expect } from './fixtures';

/** Opens the app and waits for the shell and the first screen. */
export async function openApp(page: Page, app: AppServer): Promise<void> {
  await page.goto(app.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

/** Calls the API from the test (setup only; the flows under test go through the page). */
export async function callApi<M extends ApiMethod>(
  app: AppServer,
  method: M,
  input?: ApiInput<M>,
): Promise<Awaited<ReturnType<AppApi[M]>>> {
  const response = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-deepdrill-token': app.token },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const result = (await response.json()) as ApiResult<Awaited<ReturnType<AppApi[M]>>>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** A raw HTTP request with a chosen Host header (fetch does not let tests set it). */
export function rawRequest(
  app: AppServer,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const url = new URL(app.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: 'POST', headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('');
  });
}

/**
 * Makes the page's calls of `method` fail with `message` (an `internal` error, as the service
 * would send it) until the returned function is called.
 */
export async function failCalls(
  page: Page,
  method: ApiMethod,
  message: string,
): Promise<() => void> {
  let failing = true;
  await page.route(`**/api/${method}`, (route) =>
    failing
      ? route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ ok: false, error: { code: 'internal', message } }),
        })
      : route.continue(),
  );
  return () => (failing = false);
}

/** Axe (WCAG 2.1 A and AA, and axe's best practices): no violation of any impact on what is shown now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations;
  const report = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
        .join('\n'),
  );
  expect(report, `accessibility of ${screen}`).toEqual([]);
}

export const screenshotDir = 'test-results/screenshots';

/** A full-page screenshot into test-results/screenshots (for people to look at). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
}

export type Theme = 'light' | 'dark';
export type Size = { readonly width: number; readonly height: number };
/** The two window sizes screenshots are looked at in. */
export const sizes = {
  large: { width: 1280, height: 800 },
  small: { width: 1024, height: 640 },
} as const satisfies Record<string, Size>;

/**
 * Screenshots of what is shown now in each theme and window size, named
 * `<name>-<theme>-<W>x<H>.png`: of the whole page (`fullPage`) or of the window as seen.
 * The mouse is moved out of the way first, so no hover state is mistaken for a selection.
 * Ends in the light theme.
 */
export async function shootEach(
  page: Page,
  name: string,
  shots: readonly (readonly [Theme, Size])[],
  fullPage = true,
): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.mouse.move(0, 0);
  for (const [theme, size] of shots) {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({
      path: `${screenshotDir}/${name}-${theme}-${size.width}x${size.height}.png`,
      fullPage,
    });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Answers the current question with the mouse: first option, or a number. */
export async function answerWithMouse(page: Page, value = '1'): Promise<void> {
  const numeric = page.getByLabel('Your answer');
  if (await numeric.isVisible()) {
    await numeric.click();
    await numeric.fill(value);
  } else {
    await page.locator('.question .option').first().click();
  }
}

/**
 * Answers the current practice question with the mouse and checks it, until the feedback
 * shows: a template may ask for several numbers (the field says how many), and that many are
 * then typed and checked again.
 */
export async function answerAndCheck(page: Page, value = '0.5'): Promise<void> {
  await answerWithMouse(page, value);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const count = page.getByText(/^Expected (\d+) numbers/);
  const feedback = page.locator('.question-card .feedback');
  await expect(feedback.or(count)).toBeVisible();
  if (await count.isVisible()) {
    await expect(page.getByLabel('Your answer')).toHaveAttribute('aria-invalid', 'true');
    const n = Number(/Expected (\d+)/.exec((await count.textContent()) ?? '')?.[1]);
    await page.getByLabel('Your answer').fill(Array.from({ length: n }, () => '1').join(', '));
    await page.getByRole('button', { name: 'Check', exact: true }).click();
  }
  await expect(feedback).toBeVisible();
}

/** Navigates the shell with its nav buttons. */
export async function goTo(page: Page, label: 'Dashboard' | 'Practice' | 'Bank' | 'Settings') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }).click();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }),
  ).toHaveAttribute('aria-current', 'page');
}

/** Topic of {@link answerPack}: one single-answer, one multiple-select, one numeric question. */
export const answerTopic = { id: 'answer-topic', title: 'Answer path topic' } as const;

/**
 * A small pack whose questions the tests can tell apart by their stems: "Pick the even
 * number" (MCQ), "Which are regularisers?" (MSQ, two of four right: one right pick earns
 * half), "Type twelve and a half" (numeric, 12.5).
 */
export const answerPack = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'answer-path-pack',
  title: 'Answer path pack',
  license: 'CC0-1.0',
  topics: [answerTopic],
  items: [
    {
      id: 'even',
      topic: answerTopic.id,
      type: 'mcq',
      stem: 'Pick the even number.',
      options: [
        { id: 'three', text: 'Three' },
        { id: 'four', text: 'Four' },
        { id: 'five', text: 'Five' },
      ],
      answer: ['four'],
      explanation: 'Four is divisible by two.',
      difficulty: 1,
      tags: [],
      source: 'browser test',
    },
    {
      id: 'regularisers',
      topic: answerTopic.id,
      type: 'msq',
      stem: 'Which are regularisers?',
      options: [
        { id: 'dropout', text: 'Dropout' },
        { id: 'l2', text: 'Weight decay' },
        { id: 'wider', text: 'A wider layer' },
        { id: 'lr', text: 'A larger learning rate' },
      ],
      answer: ['dropout', 'l2'],
      explanation: 'Dropout and weight decay both regularise.',
      difficulty: 1,
      tags: [],
      source: 'browser test',
    },
    {
      id: 'twelve-half',
      topic: answerTopic.id,
      type: 'numeric',
      stem: 'Type twelve and a half.',
      answer: { value: 12.5, tolerance: { abs: 0.001 } },
      explanation: 'Twelve plus one half.',
      difficulty: 1,
      tags: [],
      source: 'browser test',
    },
  ],
};

/** Imports {@link answerPack} (setup through the API). */
export async function importAnswerPack(app: AppServer): Promise<void> {
  const report = await callApi(app, 'importBank', {
    fileName: 'answer-path.json',
    content: JSON.stringify(answerPack),
  });
  expect(report.ok, JSON.stringify(report.problems)).toBe(true);
}

/** Clicks through the palette until the question whose stem contains `stem` is shown. */
export async function showQuestion(page: Page, stem: string): Promise<void> {
  const cells = page.getByRole('navigation', { name: 'Questions' }).getByRole('button');
  await expect(cells.first()).toBeVisible();
  const count = await cells.count();
  for (let i = 0; i < count; i++) {
    await cells.nth(i).click();
    await expect(page.locator('#question-heading')).toContainText(`Question ${i + 1} `);
    if (((await page.locator('.question .stem').textContent()) ?? '').includes(stem)) return;
  }
  throw new Error(`no question "${stem}" in this quiz`);
}

/** The option of the current question whose text is `text` (options are shuffled). */
export function option(page: Page, text: string) {
  return page.locator('.question .option').filter({ hasText: text });
}
