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
  await goTo(page, 'Practice');
  await expect(page.getByRole('heading', { level: 1, name: 'Practice' })).toBeFocused();
  await expect(page.getByRole('checkbox', { name: new RegExp(topics[0].title) })).toBeVisible();
  await goTo(page, 'Bank');
  await expect(page.getByRole('heading', { level: 1, name: 'Question bank' })).toBeVisible();
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
