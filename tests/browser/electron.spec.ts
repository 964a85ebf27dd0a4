import { existsSync, readFileSync } from 'node:fs';
import { _electron as electron, expect, test } from '@playwright/test';
import { tempDbPath } from './fixtures';

// The Electron binary is downloaded on first use; machines without a network (like CI here)
// have none, and then this smoke test cannot run. Everything it drives is covered under Node.
const pathFile = 'node_modules/electron/path.txt';
const binary = existsSync(pathFile)
  ? `node_modules/electron/dist/${readFileSync(pathFile, 'utf8').trim()}`
  : null;
const reason =
  'Electron binary not installed (node_modules/electron/path.txt missing: no network to download it)';
if (binary === null) console.log(`electron smoke test skipped: ${reason}`);

test.describe('desktop app (Electron)', () => {
  test.skip(binary === null || !existsSync('build/electron/main.cjs'), reason);

  test('opens the shell on a fresh database with the topics from SQLite', async () => {
    const userData = tempDbPath('userdata');
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.', `--user-data-dir=${userData}`],
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation')).toBeVisible();
    await expect(window.getByText('Batch and layer normalisation').first()).toBeVisible();
    expect(
      await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined');
    await app.close();
  });
});
