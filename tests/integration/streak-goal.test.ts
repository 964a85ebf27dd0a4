/**
 * The dashboard's "Today": the days-studied streak, from answers recorded through `dispatch` on
 * a real SQLite file with a clock the test moves, and the daily goal stored with the settings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppApi, Dashboard, QuizState } from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import Database from 'better-sqlite3';
import { previousDay } from '../../core/calendar-day';
import { migrate, updateToVersion } from '../../db/migrations';
import { currentStreak } from '../../electron/service/dashboard';
import { setupQuiz, tempDbFile } from './quiz-helpers';

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

  it('steps back over calendar days, across daylight-saving changes, month, leap-year and year ends', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      // Clocks went forward on 30 March 2025 (a 23-hour day) and back on 26 October.
      expect(previousDay('2025-03-31')).toBe('2025-03-30');
      expect(previousDay('2025-03-30')).toBe('2025-03-29');
      expect(previousDay('2025-10-27')).toBe('2025-10-26');
      expect(previousDay('2025-03-01')).toBe('2025-02-28');
      expect(previousDay('2024-03-01')).toBe('2024-02-29');
      expect(previousDay('2026-01-01')).toBe('2025-12-31');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    // Today studied, or yesterday: the stored streak stands; older, it has ended.
    expect(currentStreak({ day: '2025-03-30', streak: 4 }, '2025-03-30')).toBe(4);
    expect(currentStreak({ day: '2025-12-31', streak: 2 }, '2026-01-01')).toBe(2);
    expect(currentStreak({ day: '2025-05-01', streak: 9 }, '2025-05-03')).toBe(0);
    expect(currentStreak(undefined, '2025-05-03')).toBe(0);
  });
});

describe('migration 0090 (streaks)', () => {
  it('gives the days stored before it the streaks recording them would have set', () => {
    const db = new Database(tempDbFile('old.db'));
    opened.push(db);
    db.pragma('foreign_keys = ON');
    updateToVersion(db, 80);
    const learner = db.prepare('INSERT INTO learners (name, created_at) VALUES (?, 0)');
    const first = Number(learner.run('first').lastInsertRowid);
    const second = Number(learner.run('second').lastInsertRowid);
    const day = db.prepare(
      'INSERT INTO daily_activity (learner_id, day, answered, score_sum) VALUES (?, ?, 1, 1)',
    );
    // Runs by hand: 20 Feb alone; 27 Feb → 2 Mar over the month end (4 days); then a gap.
    for (const d of ['2025-02-20', '2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02'])
      day.run(first, d);
    day.run(first, '2025-03-05');
    // Over a leap day and a year end, for another learner, whose runs are their own.
    for (const d of ['2023-12-31', '2024-01-01', '2024-02-28', '2024-02-29', '2024-03-01'])
      day.run(second, d);
    migrate(db, 'old.db');
    const streaks = db
      .prepare('SELECT learner_id, day, streak FROM daily_activity ORDER BY learner_id, day')
      .all();
    expect(streaks).toEqual([
      { learner_id: first, day: '2025-02-20', streak: 1 },
      { learner_id: first, day: '2025-02-27', streak: 1 },
      { learner_id: first, day: '2025-02-28', streak: 2 },
      { learner_id: first, day: '2025-03-01', streak: 3 },
      { learner_id: first, day: '2025-03-02', streak: 4 },
      { learner_id: first, day: '2025-03-05', streak: 1 },
      { learner_id: second, day: '2023-12-31', streak: 1 },
      { learner_id: second, day: '2024-01-01', streak: 2 },
      { learner_id: second, day: '2024-02-28', streak: 1 },
      { learner_id: second, day: '2024-02-29', streak: 2 },
      { learner_id: second, day: '2024-03-01', streak: 3 },
    ]);
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

  it('a stored value the settings would refuse reads as the default; a valid one as stored', async () => {
    const { api, db } = setupQuiz();
    opened.push(db);
    const store = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
    for (const [timer, goal] of [
      ['abc', 'x'],
      ['9999', '501'],
      ['2.5', '-1'],
      ['0', '3.5'],
    ]) {
      store.run('defaultTimerMinutes', timer);
      store.run('dailyGoal', goal);
      expect(await dispatch(api, 'getSettings', undefined), `${timer} ${goal}`).toMatchObject({
        ok: true,
        value: { defaultTimerMinutes: 20, dailyGoal: 10 },
      });
    }
    store.run('defaultTimerMinutes', '35');
    store.run('dailyGoal', '0');
    expect(await dispatch(api, 'getSettings', undefined)).toMatchObject({
      ok: true,
      value: { defaultTimerMinutes: 35, dailyGoal: 0 },
    });
  });
});
