import { expect, test } from './fixtures';
import { callApi, goTo, openApp } from './helpers';

test('theme switch sets data-theme and persists; defaults are saved', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, app);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await goTo(page, 'Settings');
  await expect(page.getByTestId('db-path')).toHaveText(app.dbPath);

  await page.getByRole('radio', { name: /Dark/ }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByText('Theme saved.')).toBeVisible();

  await page.getByLabel('Default exam length (minutes)').fill('35');
  await page.getByLabel('Default exam length (minutes)').blur();
  await expect(page.getByText('Default timer saved.')).toBeVisible();
  await page.getByRole('radio', { name: /All or nothing/ }).check();
  await expect(page.getByText('Scoring rule saved.')).toBeVisible();

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await callApi(app, 'getSettings')).toEqual({
    theme: 'dark',
    defaultTimerMinutes: 35,
    defaultMsqRule: 'all-or-nothing',
    tourSeen: false,
    dailyGoal: 10,
  });
  await goTo(page, 'Practice');
  await page.getByRole('radio', { name: /Timed exam/ }).check();
  await expect(page.getByLabel('Duration (minutes)')).toHaveValue('35');
  await expect(page.getByRole('radio', { name: /All or nothing/ })).toBeChecked();

  // "System" follows the OS again.
  await goTo(page, 'Settings');
  await page.getByRole('radio', { name: /System/ }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
});

test('back up now, then restore: the data and settings go back', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, app);
  await goTo(page, 'Settings');
  await page.getByRole('radio', { name: /Dark/ }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/Backup made/)).toBeVisible();
  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups.getByRole('button', { name: /^Restore the backup from/ })).toHaveCount(1);

  await page.getByRole('radio', { name: /Light/ }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await backups.getByRole('button', { name: /^Restore the backup from/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByText(/Restored the backup from/)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: /Dark/ })).toBeChecked();
  // The data from before the restore was kept as a backup too.
  await expect(backups.getByText('Before a restore')).toBeVisible();
});
