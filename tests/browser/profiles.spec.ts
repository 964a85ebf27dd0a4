/**
 * Learner profiles in the page: a second profile with a PIN made in Settings, a switch through
 * the header menu and "Who's studying?" (a wrong PIN says so), an answer as that profile, and
 * back: each profile's dashboard shows only its own answers. Picker and menu are checked with
 * axe and shot in both themes, at 800×600 too.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  answerTopic,
  expectAccessible,
  goTo,
  importAnswerPack,
  openApp,
  showQuestion,
  shootEach,
  sizes,
} from './helpers';

const small = { width: 800, height: 600 } as const;
const menuButton = (page: Page) => page.getByRole('button', { name: /^Studying: / });
const answeredTotal = (page: Page) => page.getByTestId('answered-total');

/** One practice question answered right through the page: "Type twelve and a half." → 12.5. */
async function answerTwelveAndAHalf(page: Page): Promise<void> {
  await goTo(page, 'Practice');
  await page.getByRole('checkbox', { name: new RegExp(answerTopic.title) }).check();
  await page.getByLabel('Number of questions').fill('3');
  await page.getByRole('button', { name: 'Start practice' }).click();
  await showQuestion(page, 'Type twelve and a half');
  await page.getByLabel('Your answer').fill('12.5');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByText('Twelve plus one half.')).toBeVisible();
}

test('two profiles keep separate dashboards; a PIN is asked for and a wrong one refused', async ({
  page,
  app,
}) => {
  await importAnswerPack(app);
  await openApp(page, app);
  // One profile without a PIN: no picker, its name in the header.
  await expect(menuButton(page)).toHaveText(/Learner/);
  await expect(answeredTotal(page)).toHaveText('0');

  // Settings → Profiles: a second profile with a PIN.
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Profiles' });
  await section.getByLabel('Name', { exact: true }).fill('Asha Rao');
  await section.getByLabel('PIN (optional)').fill('2468');
  await section.getByRole('button', { name: 'Create profile' }).click();
  await expect(section.getByText('Asha Rao created.')).toBeVisible();
  await expect(section.getByRole('listitem').filter({ hasText: 'Asha Rao' })).toContainText('PIN');
  await expectAccessible(page, 'Settings with the profiles section');

  // The header menu: Asha has a PIN, so the picker asks for it.
  await menuButton(page).click();
  const menu = page.locator('#profile-menu-panel');
  await expect(menu).toBeVisible();
  await expectAccessible(page, 'the profile menu');
  // The window as seen (a full-page shot would draw the sticky header mid-page).
  await shootEach(
    page,
    'profiles-menu',
    [
      ['light', sizes.large],
      ['dark', sizes.large],
      ['dark', small],
      ['light', small],
    ],
    false,
  );
  await page.setViewportSize(sizes.large);
  // Escape closes it and gives focus back to its button.
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await menu.getByRole('button', { name: /Asha Rao/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: "Who's studying?" })).toBeVisible();
  const pin = page.getByLabel('PIN for Asha Rao');
  await expect(pin).toBeFocused();
  await pin.fill('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(
    'Wrong PIN for "Asha Rao". 4 tries left before a 30-second wait.',
  );
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, "Who's studying? with a wrong PIN");
  await shootEach(page, 'profiles-picker', [
    ['light', sizes.large],
    ['dark', sizes.large],
    ['light', small],
    ['dark', small],
  ]);
  await page.setViewportSize(sizes.large);
  await pin.fill('2468');
  await page.getByRole('button', { name: 'Open Asha Rao' }).click();

  // Asha's own dashboard: nothing answered yet. She answers one question.
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(menuButton(page)).toHaveText(/Asha Rao/);
  await expect(answeredTotal(page)).toHaveText('0');
  await answerTwelveAndAHalf(page);
  await goTo(page, 'Dashboard');
  await expect(answeredTotal(page)).toHaveText('1');

  // Back to Learner (no PIN: straight from the menu): still nothing answered there.
  await menuButton(page).click();
  await menu.getByRole('button', { name: /Learner/ }).click();
  await expect(menuButton(page)).toHaveText(/Learner/);
  await expect(answeredTotal(page)).toHaveText('0');
  await goTo(page, 'Practice');
  await goTo(page, 'Dashboard');
  await expect(answeredTotal(page)).toHaveText('0');

  // Lock: the picker, with no data of anyone behind it; Asha's PIN opens hers again.
  await menuButton(page).click();
  await menu.getByRole('button', { name: /^Lock/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Who's studying?" })).toBeVisible();
  await expect(menuButton(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Back to/ })).toHaveCount(0);
  await page.getByRole('button', { name: /Asha Rao/ }).click();
  await page.getByLabel('PIN for Asha Rao').fill('2468');
  await page.keyboard.press('Enter');
  await expect(answeredTotal(page)).toHaveText('1');

  // A reload of the page is the same app: still Asha, no picker (a restart asks again, as the
  // integration test shows).
  await page.reload();
  await expect(menuButton(page)).toHaveText(/Asha Rao/);
  await expect(answeredTotal(page)).toHaveText('1');
});

test('deleting a profile says what goes, needs its PIN, and leaves the other intact', async ({
  page,
  app,
}) => {
  await importAnswerPack(app);
  await openApp(page, app);
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Profiles' });
  await section.getByLabel('Name', { exact: true }).fill('Visitor');
  await section.getByLabel('PIN (optional)').fill('9090');
  await section.getByRole('button', { name: 'Create profile' }).click();
  await expect(section.getByText('Visitor created.')).toBeVisible();

  // The only-profile case is covered by the service; here: delete the visitor.
  await section.getByRole('button', { name: 'Delete Visitor' }).click();
  await expect(
    section.getByText("removes all of Visitor's quizzes, answers, mastery"),
  ).toBeVisible();
  await section.getByLabel('PIN of Visitor', { exact: true }).fill('0000');
  await section.getByRole('button', { name: 'Delete Visitor and all its data' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'Wrong PIN for "Visitor". 4 tries left before a 30-second wait.',
  );
  await expectAccessible(page, 'the delete confirmation');
  await section.getByLabel('PIN of Visitor', { exact: true }).fill('9090');
  await section.getByRole('button', { name: 'Delete Visitor and all its data' }).click();
  await expect(section.getByText('Visitor was deleted.')).toBeVisible();
  await expect(section.getByRole('listitem')).toHaveCount(1);
  await expect(section.getByRole('button', { name: 'Delete Learner' })).toBeDisabled();
});
