import { existsSync, readFileSync } from 'node:fs';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { tempDbPath } from './fixtures';

// The Electron binary is downloaded on first use; machines without a network (like CI here)
// have none, and then these tests cannot run. Everything they drive is covered under Node and
// in Chromium through browser mode.
const pathFile = 'node_modules/electron/path.txt';
const binary = existsSync(pathFile)
  ? `node_modules/electron/dist/${readFileSync(pathFile, 'utf8').trim()}`
  : null;
const built = existsSync('build/electron/main.cjs');
const reason =
  binary === null
    ? 'Electron binary not installed (node_modules/electron/path.txt missing: no network to download it)'
    : 'the app is not built (build/electron/main.cjs missing: run npm run build)';
if (binary === null || !built) console.log(`electron tests skipped: ${reason}`);

function launch(userData: string): Promise<ElectronApplication> {
  return electron.launch({ executablePath: binary!, args: ['.', `--user-data-dir=${userData}`] });
}

test.describe('desktop app (Electron)', () => {
  test.skip(binary === null || !built, reason);

  test('opens the shell on a fresh database with the topics from SQLite, isolated from Node', async () => {
    const app = await launch(tempDbPath('userdata'));
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation')).toBeVisible();
    await expect(window.getByText('Batch and layer normalisation').first()).toBeVisible();
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    );
    expect(window.url()).toMatch(/^deepdrill:\/\/app\//);
    await app.close();
  });

  test('answers three questions, quits, relaunches and finds them kept', async () => {
    const userData = tempDbPath('userdata');
    const first = await launch(userData);
    const page = await first.firstWindow();
    await expect(page.getByRole('navigation')).toBeVisible();
    const answered = await page.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          api: Record<string, (i?: unknown) => Promise<{ ok: boolean; value: never }>>;
        }
      ).api;
      const quiz = (
        await api.startQuiz({ mode: 'practice', selection: 'topics', topics: [], count: 3 })
      ).value as {
        sessionId: number;
        items: { position: number; kind: string; options: { id: string }[] }[];
      };
      for (const item of quiz.items) {
        const response =
          item.kind === 'numeric'
            ? { kind: 'numeric', text: '1' }
            : { kind: 'choice', optionIds: [item.options[0].id] };
        await api.submitAnswer({ sessionId: quiz.sessionId, position: item.position, response });
      }
      return quiz.items.length;
    });
    expect(answered).toBe(3);
    await first.close();

    const second = await launch(userData);
    const again = await second.firstWindow();
    await expect(again.getByRole('navigation')).toBeVisible();
    const totals = await again.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          api: Record<string, () => Promise<{ value: { totals: { answered: number } } }>>;
        }
      ).api;
      return (await api.getDashboard()).value.totals;
    });
    expect(totals.answered).toBe(3);
    await second.close();
  });
});
