/**
 * The dashboard's "Today": the days-studied streak, from answers recorded through `dispatch` on
 * a real SQLite file with a clock the test moves, and the daily goal stored with the settings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppApi, Dashboard, QuizState } from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import { currentStreak } from '../../electron/service/dashboard';
import { setupQuiz } from './quiz-helpers';

const HOUR = 3_600_000;
const opened: { close(): void; open: boolean }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

async function dashboard(api: AppApi): Promise<Dashboard> {
  const result = await dispatch(api, 'getDashboard', undefined);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Dashboard;
}

describe('days-studied streak', () => {
  it('counts days in a row with an answer; it lives through a day not yet studied, then ends', async () => {
    // 09:00 UTC on 3 March 2025; the machine's local day is what counts.
    const { api, db, clock } = setupQuiz();
    opened.push(db);
    // A one-question practice quiz, any option, finished: what counts is that an answer was
    // recorded, through the page's own calls.
    async function answerOne() {
      const started = await dispatch(api, 'startQuiz', {
        mode: 'practice',
        selection: 'topics',
        topics: ['regularization'],
        count: 1,
      });
      if (!started.ok) throw new Error(started.error.message);
      const quiz = started.value as QuizState;
      const [item] = quiz.items;
      const sessionId = quiz.sessionId;
      const response = { kind: 'choice', optionIds: [item.options[0].id] } as const;
      expect(
        await dispatch(api, 'submitAnswer', { sessionId, position: 0, response }),
      ).toMatchObject({ ok: true });
      expect(await dispatch(api, 'finishQuiz', { sessionId })).toMatchObject({ ok: true });
    }

    expect((await dashboard(api)).streakDays).toBe(0);
    await answerOne();
    expect((await dashboard(api)).streakDays).toBe(1);
    // A second answer the same day does not make a second day.
    await answerOne();
    expect((await dashboard(api)).streakDays).toBe(1);

    clock.advance(24 * HOUR);
    // The next morning, before any answer: yesterday's streak still stands.
    expect((await dashboard(api)).streakDays).toBe(1);
    await answerOne();
    expect((await dashboard(api)).streakDays).toBe(2);
    clock.advance(24 * HOUR);
    await answerOne();
    const third = await dashboard(api);
    expect(third.streakDays).toBe(3);
    expect(third.activity.at(-1)?.answered).toBe(1);

    // A whole day without an answer ends it; the next answer starts again at one.
    clock.advance(48 * HOUR);
    expect((await dashboard(api)).streakDays).toBe(0);
    await answerOne();
    expect((await dashboard(api)).streakDays).toBe(1);
  });

  it('steps back over local calendar days, across a daylight-saving change and month ends', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      // Clocks went forward on 30 March 2025 (a 23-hour day) and back on 26 October.
      expect(
        currentStreak(['2025-03-31', '2025-03-30', '2025-03-29', '2025-03-27'], '2025-03-31'),
      ).toBe(3);
      expect(currentStreak(['2025-10-27', '2025-10-26', '2025-10-25'], '2025-10-27')).toBe(3);
      // Across a month and a year end; today not studied yet.
      expect(currentStreak(['2025-12-31', '2025-12-30', '2025-11-30'], '2026-01-01')).toBe(2);
      expect(currentStreak(['2025-03-01', '2025-02-28'], '2025-03-01')).toBe(2);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    // Nothing yesterday or today: no streak, whatever came before.
    expect(currentStreak(['2025-05-01', '2025-04-30'], '2025-05-03')).toBe(0);
    expect(currentStreak([], '2025-05-03')).toBe(0);
  });
});

describe('daily goal', () => {
  it('is ten questions until the learner sets another; 0 sets none; out of range is refused, naming it', async () => {
    const { api, db } = setupQuiz();
    opened.push(db);
    expect(await dispatch(api, 'getSettings', undefined)).toMatchObject({
      ok: true,
      value: { dailyGoal: 10 },
    });
    expect(await dispatch(api, 'updateSettings', { dailyGoal: 25 })).toMatchObject({
      ok: true,
      value: { dailyGoal: 25 },
    });
    expect(await dispatch(api, 'updateSettings', { dailyGoal: 0 })).toMatchObject({
      ok: true,
      value: { dailyGoal: 0 },
    });
    for (const bad of [-1, 501, 2.5, '5']) {
      const refused = await dispatch(api, 'updateSettings', { dailyGoal: bad });
      expect(refused, String(bad)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      if (!refused.ok) expect(refused.error.message).toMatch(/dailyGoal/);
    }
    // Nothing refused was stored.
    expect(await dispatch(api, 'getSettings', undefined)).toMatchObject({
      ok: true,
      value: { dailyGoal: 0 },
    });
  });
});
