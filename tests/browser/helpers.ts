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

/** Axe (WCAG 2 A and AA): no serious or critical violations on what is shown now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
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

/** Navigates the shell with its nav buttons. */
export async function goTo(page: Page, label: 'Dashboard' | 'Practice' | 'Bank' | 'Settings') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }).click();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }),
  ).toHaveAttribute('aria-current', 'page');
}
