/**
 * Narrow windows and zoom: at 800×600, and at 1280×800 with the page zoomed to 200% (a 640×400
 * CSS-pixel viewport, which is what Chromium lays out at that zoom), no screen scrolls sideways,
 * topic titles keep a readable width, and the quiz puts its palette under the question.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callApi, goTo, openApp, shoot } from './helpers';

const narrow = [
  { name: '800x600', viewport: { width: 800, height: 600 } },
  { name: 'zoom200-1280x800', viewport: { width: 640, height: 400 } },
] as const;

/** How far the page is wider than the window, in CSS pixels (0 when nothing scrolls sideways). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;
}

/** The innermost elements that stick out of the window on the right, to name in a failure. */
function widest(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.body.querySelectorAll('*')].filter(
      (e) => e.getBoundingClientRect().right > width + 0.5 &&
        ![...e.children].some((c) => c.getBoundingClientRect().right > width + 0.5),
    );
    return out.slice(0, 5).map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') +
      ' ' + Math.round(e.getBoundingClientRect().right));
  })()`) as Promise<string[]>;
}

async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  await page.waitForTimeout(150);
  const overflow = await sidewaysOverflow(page);
  const culprits = overflow > 0 ? (await widest(page)).join(', ') : '';
  expect(overflow, `${screen} scrolls sideways: ${culprits}`).toBeLessThanOrEqual(0);
}

for (const { name, viewport } of narrow) {
  test(`at ${name}: every screen in one column, nothing scrolls sideways`, async ({
    page,
    app,
  }) => {
    test.setTimeout(90_000);
    const finished = await callApi(app, 'startQuiz', {
      mode: 'practice',
      selection: 'recommended',
      count: 4,
    });
    await callApi(app, 'finishQuiz', { sessionId: finished.sessionId });
    await page.setViewportSize(viewport);
    await openApp(page, app);

    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    // The topic column was 5 px wide below 900 px: one word per line, text over the bars.
    const titles = page.locator('.topic-title');
    for (const box of await titles.evaluateAll((all) =>
      all.map((e) => e.getBoundingClientRect().width),
    )) {
      expect(box).toBeGreaterThan(140);
    }
    await expectNoSidewaysScroll(page, 'dashboard');
    await shoot(page, `narrow-dashboard-${name}`);

    await goTo(page, 'Practice');
    await expect(page.getByRole('button', { name: 'Start practice' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'practice setup');
    await shoot(page, `narrow-practice-${name}`);

    await goTo(page, 'Bank');
    await page.locator('ul.results > li').first().getByRole('button').click();
    await expect(page.getByTestId('preview')).toBeVisible();
    await expectNoSidewaysScroll(page, 'bank');
    await shoot(page, `narrow-bank-${name}`);

    await goTo(page, 'Settings');
    await expectNoSidewaysScroll(page, 'settings');
    await shoot(page, `narrow-settings-${name}`);

    await goTo(page, 'Practice');
    await page.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Start practice' }).click();
    const card = page.locator('.question-card');
    await expect(card).toBeVisible();
    const palette = page.getByRole('navigation', { name: /Questions/ });
    const cardBox = (await card.boundingBox())!;
    const paletteBox = (await palette.boundingBox())!;
    // One column: the palette sits below the question, not squeezed beside it.
    expect(paletteBox.y).toBeGreaterThanOrEqual(cardBox.y + cardBox.height - 1);
    await expectNoSidewaysScroll(page, 'quiz');
    await shoot(page, `narrow-quiz-${name}`);

    await goTo(page, 'Dashboard');
    await page.getByRole('region', { name: 'Recent quizzes' }).getByRole('button').first().click();
    await expect(
      page.getByRole('heading', { name: 'Questions and worked solutions' }),
    ).toBeVisible();
    await expectNoSidewaysScroll(page, 'review');
    await shoot(page, `narrow-review-${name}`);
  });
}
