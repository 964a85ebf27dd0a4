import { expect, test } from './fixtures';
import { callApi, goTo, openApp, rawRequest } from './helpers';

test('the shell shows the topics stored in SQLite and navigates', async ({ page, app }) => {
  const topics = await callApi(app, 'listTopics');
  expect(topics.length).toBeGreaterThan(10);
  await openApp(page, app);
  await expect(page.getByRole('banner')).toContainText('DeepDrill');
  const mastery = page.getByRole('region', { name: 'Mastery by topic' });
  for (const topic of topics) {
    await expect(mastery.getByRole('meter', { name: `Mastery of ${topic.title}` })).toBeVisible();
  }
  await expect(page).toHaveTitle('Dashboard — DeepDrill');
  await goTo(page, 'Practice');
  await expect(page.getByRole('heading', { level: 1, name: 'Practice' })).toBeFocused();
  await expect(page).toHaveTitle('Practice — DeepDrill');
  await expect(page.getByRole('checkbox', { name: new RegExp(topics[0].title) })).toBeVisible();
  await goTo(page, 'Bank');
  await expect(page.getByRole('heading', { level: 1, name: 'Question bank' })).toBeVisible();
  await expect(page).toHaveTitle('Question bank — DeepDrill');
  await goTo(page, 'Settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // Routing is state: the token stays in the address, so a reload still works.
  expect(page.url()).toContain('#token=');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
});

test('the API refuses calls without the token and with a foreign Host', async ({ app }) => {
  const port = new URL(app.origin).port;
  const noToken = await rawRequest(app, '/api/listTopics', { host: `127.0.0.1:${port}` });
  expect(noToken.status).toBe(401);
  const wrongToken = await rawRequest(app, '/api/listTopics', {
    host: `127.0.0.1:${port}`,
    'x-deepdrill-token': 'not-the-token',
  });
  expect(wrongToken.status).toBe(401);
  const foreignHost = await rawRequest(app, '/api/listTopics', {
    host: `evil.example:${port}`,
    'x-deepdrill-token': app.token,
  });
  expect(foreignHost.status).toBe(403);
  const ok = await rawRequest(app, '/api/listTopics', {
    host: `127.0.0.1:${port}`,
    'x-deepdrill-token': app.token,
  });
  expect(ok.status).toBe(200);
});

test('a page opened without the token explains what is wrong and offers a retry', async ({
  page,
  app,
}) => {
  await page.goto(app.origin + '/');
  await expect(page.getByRole('alert')).toContainText(/token/i);
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('the app loads without a single CSP violation or console error, math fonts and favicon included', async ({
  page,
  app,
}) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await openApp(page, app);
  // Load every KaTeX font the stylesheet declares, as typesetting does: a font the CSP blocks
  // (an inlined data: URL) fails to load and logs a violation.
  // (A string: the tests' TypeScript has no DOM types.)
  const fonts = await page.evaluate<string[]>(`(async () => {
    const faces = [...document.fonts].filter((face) => face.family.replace(/"/g, '').startsWith('KaTeX'));
    await Promise.allSettled(faces.map((face) => face.load()));
    return faces.map((face) => face.family + ' ' + face.style + ' ' + face.weight + ': ' + face.status);
  })()`);
  expect(fonts.length).toBeGreaterThan(10);
  for (const font of fonts) expect(font).toMatch(/: loaded$/);
  await page.getByRole('button', { name: 'Start recommended quiz' }).click();
  await expect(page.locator('.question .stem')).toBeVisible();
  expect(problems).toEqual([]);
  const icon = await page.evaluate<{ status: number; type: string | null } | null>(`(async () => {
    const link = document.querySelector('link[rel="icon"]');
    if (link === null) return null;
    const response = await fetch(link.href);
    return { status: response.status, type: response.headers.get('content-type') };
  })()`);
  expect(icon).toEqual({ status: 200, type: 'image/svg+xml' });
});
