/** The first-run tour's "seen" flag, stored with the settings through `dispatch`. */
import { afterEach, expect, it } from 'vitest';
import { dispatch } from '../../electron/dispatch';
import { createService } from '../../electron/service';
import { makeDeps, openFixtureDb, seedSource, setupQuiz } from './quiz-helpers';

const opened: { close(): void; open: boolean }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

it('the tour is offered on first run and stays seen once skipped, after a restart too', async () => {
  const { api, db, file, clock } = setupQuiz();
  opened.push(db);
  expect(await dispatch(api, 'getSettings', undefined)).toMatchObject({
    ok: true,
    value: { tourSeen: false },
  });
  expect(await dispatch(api, 'updateSettings', { tourSeen: true })).toMatchObject({
    ok: true,
    value: { tourSeen: true, theme: 'system' },
  });
  const refused = await dispatch(api, 'updateSettings', { tourSeen: 'yes' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  db.close();

  const reopened = openFixtureDb(file, clock.now());
  opened.push(reopened);
  const again = createService(makeDeps(reopened, clock, seedSource()));
  expect(await dispatch(again, 'getSettings', undefined)).toMatchObject({
    ok: true,
    value: { tourSeen: true },
  });
});
