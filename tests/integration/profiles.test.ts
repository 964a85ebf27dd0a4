/**
 * Learner profiles on one install, through the real app start (`startApp`: the database file,
 * the restored current profile) and `dispatch`, as the page reaches them: each profile sees only
 * its own dashboard, history, reviews and mastery; a PIN is asked for and checked, five wrong
 * ones make PIN entry wait 30 s; a switch is refused while an exam runs; deleting a profile
 * removes exactly its rows; each profile's xAPI statements carry its own actor.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillOutbox } from '../../db/outbox';
import { startApp, type RunningApp } from '../../electron/bootstrap';
import type { ApiMethod, ApiResult, AppApi, ProfilesState } from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import { FakeClock, fixturePack, tempDbFile } from './quiz-helpers';

// 2025-03-03 09:00 UTC.
const START = Date.UTC(2025, 2, 3, 9, 0, 0);
const apps: RunningApp[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.stop();
});

function start(file: string, clock: FakeClock): RunningApp {
  const bank = join(dirname(file), 'fixture.json');
  writeFileSync(bank, JSON.stringify(fixturePack));
  const app = startApp({
    dbPath: file,
    mode: 'browser',
    clock,
    includeBuiltinBank: false,
    bundledBanks: [bank],
    sweepIntervalMs: 3_600_000,
    backupCheckIntervalMs: 3_600_000,
  });
  apps.push(app);
  return app;
}

/** One call as the page makes it: parsed by the contract's schema, errors as values. */
async function call<M extends ApiMethod>(
  app: RunningApp,
  method: M,
  input?: unknown,
): Promise<ApiResult<Awaited<ReturnType<AppApi[M]>>>> {
  return (await dispatch(app.service, method, input)) as ApiResult<Awaited<ReturnType<AppApi[M]>>>;
}

async function ok<M extends ApiMethod>(
  app: RunningApp,
  method: M,
  input?: unknown,
): Promise<Awaited<ReturnType<AppApi[M]>>> {
  const result = await call(app, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function refused(app: RunningApp, method: ApiMethod, input?: unknown) {
  const result = await call(app, method, input);
  if (result.ok) throw new Error(`${method} was not refused`);
  return result.error;
}

const byName = (state: ProfilesState, name: string) => {
  const profile = state.profiles.find((p) => p.name === name);
  if (profile === undefined) throw new Error(`no profile ${name}`);
  return profile.id;
};

const questionId = (app: RunningApp, itemId: string): number =>
  app.db.prepare('SELECT id FROM questions WHERE item_id = ?').pluck().get(itemId) as number;

/** A finished practice quiz of the Dice question (2·4 / (6 + 4) = 0.8), answered `text`. */
async function answerDice(app: RunningApp, clock: FakeClock, text: string): Promise<number> {
  const state = await ok(app, 'startQuiz', {
    mode: 'practice',
    selection: 'questions',
    questionIds: [questionId(app, 'dice-value')],
    count: 1,
  });
  clock.advance(10_000);
  await ok(app, 'submitAnswer', {
    sessionId: state.sessionId,
    position: 0,
    response: { kind: 'numeric', text },
  });
  await ok(app, 'finishQuiz', { sessionId: state.sessionId });
  return state.sessionId;
}

/** What a learner sees of their own progress, from the page's calls. */
async function progress(app: RunningApp) {
  const dashboard = await ok(app, 'getDashboard');
  const history = await ok(app, 'listFinishedQuizzes', {});
  const dice = dashboard.topics.find((t) => t.topicId === 'segmentation')!;
  return {
    answered: dashboard.totals.answered,
    finished: history.total,
    recent: (await ok(app, 'listHistory')).length,
    diceAttempts: dice.attempts,
    diceCorrect: dice.correct,
    reviewsDue: dashboard.reviewsDue,
  };
}

/** Rows per table of one learner (sessions' children through their sessions). */
function rowsOf(app: RunningApp, learnerId: number): Record<string, number> {
  const count = (sql: string) => app.db.prepare(sql).pluck().get(learnerId) as number;
  const sessions = 'SELECT id FROM quiz_sessions WHERE learner_id = ?';
  return {
    learners: count('SELECT count(*) FROM learners WHERE id = ?'),
    quiz_sessions: count('SELECT count(*) FROM quiz_sessions WHERE learner_id = ?'),
    quiz_items: count(`SELECT count(*) FROM quiz_items WHERE session_id IN (${sessions})`),
    attempts: count('SELECT count(*) FROM attempts WHERE learner_id = ?'),
    mastery: count('SELECT count(*) FROM mastery WHERE learner_id = ?'),
    review_cards: count('SELECT count(*) FROM review_cards WHERE learner_id = ?'),
    misconception_counts: count('SELECT count(*) FROM misconception_counts WHERE learner_id = ?'),
    daily_activity: count('SELECT count(*) FROM daily_activity WHERE learner_id = ?'),
  };
}

describe('learner profiles', () => {
  it('keeps two learners apart: dashboard, history, reviews and mastery are per profile', async () => {
    const file = tempDbFile('profiles.db');
    const clock = new FakeClock(START);
    const app = start(file, clock);

    // A new install has one profile, open at once (no picker for a single learner without PIN).
    const first = await ok(app, 'listProfiles');
    expect(first.profiles.map((p) => p.name)).toEqual(['Learner']);
    expect(first.locked).toBe(false);
    const learner = first.currentId;

    const created = await ok(app, 'createProfile', { name: '  Asha  ', pin: '2468' });
    const asha = byName(created, 'Asha');
    expect(created.currentId).toBe(learner);
    expect(created.profiles.find((p) => p.id === asha)?.hasPin).toBe(true);

    // Learner answers the Dice question right: one answer, one finished quiz, a review card.
    await answerDice(app, clock, '0.8');
    expect(await progress(app)).toMatchObject({
      answered: 1,
      finished: 1,
      recent: 1,
      diceAttempts: 1,
      diceCorrect: 1,
    });

    // Asha's PIN is asked for and checked.
    expect((await refused(app, 'switchProfile', { profileId: asha })).message).toBe(
      '"Asha" has a PIN: enter it to continue.',
    );
    const wrong = await refused(app, 'switchProfile', { profileId: asha, pin: '1357' });
    expect(wrong.code).toBe('forbidden');
    expect(wrong.message).toBe('Wrong PIN for "Asha". 4 tries left before a 30-second wait.');
    expect((await ok(app, 'listProfiles')).currentId).toBe(learner);
    const switched = await ok(app, 'switchProfile', { profileId: asha, pin: '2468' });
    expect(switched).toMatchObject({ currentId: asha, locked: false });

    // Nothing of Learner's shows for Asha.
    expect(await progress(app)).toEqual({
      answered: 0,
      finished: 0,
      recent: 0,
      diceAttempts: 0,
      diceCorrect: 0,
      reviewsDue: 0,
    });
    // Asha answers it wrong (0.4 = 4 / 10, the overlap over the total); that stays hers.
    await answerDice(app, clock, '0.4');
    expect(await progress(app)).toMatchObject({ answered: 1, diceAttempts: 1, diceCorrect: 0 });

    // A day later both review cards are due: each profile counts its own one.
    clock.advance(3 * 86_400_000);
    expect((await progress(app)).reviewsDue).toBe(1);
    await ok(app, 'switchProfile', { profileId: learner });
    expect(await progress(app)).toMatchObject({
      answered: 1,
      finished: 1,
      diceAttempts: 1,
      diceCorrect: 1,
      reviewsDue: 1,
    });
    const due = await ok(app, 'startQuiz', { mode: 'practice', selection: 'due', count: 5 });
    expect(due.items).toHaveLength(1);
    await ok(app, 'discardQuiz', { sessionId: due.sessionId });

    // Restart: two profiles, so nobody is chosen until the picker says who; the last one
    // chosen is offered first, and no learner's data is given out meanwhile.
    app.stop();
    apps.splice(apps.indexOf(app), 1);
    const again = start(file, clock);
    const restored = await ok(again, 'listProfiles');
    expect(restored).toMatchObject({ currentId: learner, locked: true });
    expect(restored.profiles.map((p) => p.name)).toEqual(['Learner', 'Asha']);
    const locked = await refused(again, 'getDashboard');
    expect(locked).toEqual({ code: 'locked', message: "Choose who's studying first." });
    expect((await refused(again, 'listFinishedQuizzes', {})).code).toBe('locked');
    await ok(again, 'switchProfile', { profileId: learner });
    expect((await progress(again)).answered).toBe(1);

    // Lock goes back to the picker; Asha's PIN again opens hers.
    expect((await ok(again, 'lockProfile')).locked).toBe(true);
    expect((await refused(again, 'getDashboard')).code).toBe('locked');
    await ok(again, 'switchProfile', { profileId: asha, pin: '2468' });
    expect(await progress(again)).toMatchObject({ answered: 1, diceCorrect: 0 });
  });

  it('a profile with a PIN is locked at start even alone, and five wrong PINs make it wait 30 s', async () => {
    const file = tempDbFile('pin.db');
    const clock = new FakeClock(START);
    const app = start(file, clock);
    const { currentId: me } = await ok(app, 'listProfiles');
    // Setting a PIN needs no current PIN (there is none); changing it later does.
    await ok(app, 'setProfilePin', { profileId: me, pin: '0042' });
    expect(
      (await refused(app, 'setProfilePin', { profileId: me, pin: '1111', currentPin: '9999' }))
        .message,
    ).toBe('Wrong PIN for "Learner". 4 tries left before a 30-second wait.');
    expect((await refused(app, 'setProfilePin', { profileId: me, pin: '12a4' })).message).toBe(
      'A PIN is 4 to 12 digits (0–9).',
    );
    app.stop();
    apps.splice(0);

    const again = start(file, clock);
    expect(await ok(again, 'listProfiles')).toMatchObject({ currentId: me, locked: true });
    expect((await refused(again, 'getDashboard')).code).toBe('locked');

    // The wrong try above counted: three more leave one, the fifth starts the wait.
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) {
      messages.push(
        (await refused(again, 'switchProfile', { profileId: me, pin: '4200' })).message,
      );
    }
    expect(messages).toEqual([
      'Wrong PIN for "Learner". 3 tries left before a 30-second wait.',
      'Wrong PIN for "Learner". 2 tries left before a 30-second wait.',
      'Wrong PIN for "Learner". 1 try left before a 30-second wait.',
      'Wrong PIN for "Learner", 5 times in a row: wait 30 seconds before trying again.',
    ]);
    // Even the right PIN is refused during the wait, and the wait survives a restart.
    clock.advance(12_000);
    expect((await refused(again, 'switchProfile', { profileId: me, pin: '0042' })).message).toBe(
      'Too many wrong PINs for "Learner": try again in 18 seconds.',
    );
    again.stop();
    apps.splice(0);
    const third = start(file, clock);
    expect((await refused(third, 'switchProfile', { profileId: me, pin: '0042' })).message).toBe(
      'Too many wrong PINs for "Learner": try again in 18 seconds.',
    );
    clock.advance(18_000);
    expect(await ok(third, 'switchProfile', { profileId: me, pin: '0042' })).toMatchObject({
      locked: false,
    });
    // The right PIN starts the count afresh.
    await ok(third, 'lockProfile');
    expect((await refused(third, 'switchProfile', { profileId: me, pin: '1' })).message).toBe(
      'Wrong PIN for "Learner". 4 tries left before a 30-second wait.',
    );
    // Removing the PIN needs it; then the profile opens without one.
    await ok(third, 'switchProfile', { profileId: me, pin: '0042' });
    await ok(third, 'setProfilePin', { profileId: me, currentPin: '0042', pin: null });
    third.stop();
    apps.splice(0);
    expect(await ok(start(file, clock), 'listProfiles')).toMatchObject({ locked: false });
  });

  it('checks names: trimmed, 1–40 characters, unique ignoring case', async () => {
    const clock = new FakeClock(START);
    const app = start(tempDbFile('names.db'), clock);
    const { currentId: me } = await ok(app, 'listProfiles');
    expect((await refused(app, 'createProfile', { name: '   ' })).message).toBe(
      'Give the profile a name.',
    );
    const long = 'Ä'.repeat(41);
    expect((await refused(app, 'createProfile', { name: long })).message).toBe(
      `A profile name is at most 40 characters; "${'Ä'.repeat(20)}…" has 41.`,
    );
    await ok(app, 'createProfile', { name: 'Ä'.repeat(40) });
    await ok(app, 'createProfile', { name: 'Zoë' });
    expect(await refused(app, 'createProfile', { name: ' ZOË ' })).toEqual({
      code: 'conflict',
      message: 'There is already a profile called "Zoë".',
    });
    expect((await refused(app, 'renameProfile', { profileId: me, name: 'zoë' })).code).toBe(
      'conflict',
    );
    // Renaming to itself in another case is fine.
    const renamed = await ok(app, 'renameProfile', { profileId: me, name: 'LEARNER  one' });
    expect(renamed.profiles.find((p) => p.id === me)?.name).toBe('LEARNER one');
    expect((await refused(app, 'createProfile', { name: 'Kim', pin: '12' })).message).toBe(
      'A PIN is 4 to 12 digits (0–9).',
    );
    expect((await ok(app, 'listProfiles')).profiles).toHaveLength(3);
  });

  it('refuses a switch or a lock-out of the exam while it runs, and allows it once finished', async () => {
    const clock = new FakeClock(START);
    const app = start(tempDbFile('exam.db'), clock);
    const { currentId: me } = await ok(app, 'listProfiles');
    const other = byName(await ok(app, 'createProfile', { name: 'Ravi' }), 'Ravi');
    const exam = await ok(app, 'startQuiz', {
      mode: 'exam',
      selection: 'topics',
      topics: ['segmentation'],
      count: 1,
      durationMinutes: 10,
    });
    const refusal = await refused(app, 'switchProfile', { profileId: other });
    expect(refusal.code).toBe('exam-running');
    expect(refusal.message).toBe(
      `Profiles cannot be switched while Learner's exam "${exam.title}" is running. Finish the exam first (or let its time run out).`,
    );
    // Locked during the exam, still nobody else gets in; the exam's owner does.
    await ok(app, 'lockProfile');
    expect((await refused(app, 'switchProfile', { profileId: other })).code).toBe('exam-running');
    await ok(app, 'switchProfile', { profileId: me });
    expect((await refused(app, 'deleteProfile', { profileId: me })).code).toBe('exam-running');
    // Time runs out: the exam is finished by the clock, and the switch goes through.
    clock.advance(10 * 60_000 + 1);
    expect((await ok(app, 'switchProfile', { profileId: other })).currentId).toBe(other);
    expect((await ok(app, 'getDashboard')).openQuizzes).toEqual([]);
  });

  it('deletes exactly that profile and all its rows, with its PIN, never the last one', async () => {
    const clock = new FakeClock(START);
    const file = tempDbFile('delete.db');
    const app = start(file, clock);
    const { currentId: keep } = await ok(app, 'listProfiles');
    await answerDice(app, clock, '0.8');
    const gone = byName(
      await ok(app, 'createProfile', { name: 'Leaving', pin: '8080' }),
      'Leaving',
    );
    await ok(app, 'switchProfile', { profileId: gone, pin: '8080' });
    await answerDice(app, clock, '0.4');
    await answerDice(app, clock, '0.8');
    const kept = rowsOf(app, keep);
    expect(kept).toEqual({
      learners: 1,
      quiz_sessions: 1,
      quiz_items: 1,
      attempts: 1,
      mastery: 1,
      review_cards: 1,
      misconception_counts: 0,
      daily_activity: 1,
    });
    expect(rowsOf(app, gone)).toMatchObject({ quiz_sessions: 2, attempts: 2, review_cards: 1 });

    expect((await refused(app, 'deleteProfile', { profileId: gone })).code).toBe('forbidden');
    expect((await refused(app, 'deleteProfile', { profileId: gone, pin: '0000' })).message).toBe(
      'Wrong PIN for "Leaving". 4 tries left before a 30-second wait.',
    );
    expect(rowsOf(app, gone).attempts).toBe(2);
    const after = await ok(app, 'deleteProfile', { profileId: gone, pin: '8080' });
    // It was the current profile: the picker comes back with the other one first.
    expect(after).toMatchObject({ currentId: keep, locked: true });
    expect(after.profiles.map((p) => p.id)).toEqual([keep]);
    expect(Object.values(rowsOf(app, gone)).every((n) => n === 0)).toBe(true);
    expect(rowsOf(app, keep)).toEqual(kept);
    expect(app.db.pragma('foreign_key_check')).toEqual([]);
    await ok(app, 'switchProfile', { profileId: keep });
    expect((await progress(app)).answered).toBe(1);

    expect(await refused(app, 'deleteProfile', { profileId: keep })).toEqual({
      code: 'conflict',
      message: '"Learner" is the only profile: create another one before deleting it.',
    });
    expect((await refused(app, 'deleteProfile', { profileId: 999 })).code).toBe('not-found');
  });

  it('gives each profile its own xAPI actor, kept across a rename; queued statements keep theirs', async () => {
    const clock = new FakeClock(START);
    const app = start(tempDbFile('xapi.db'), clock);
    const { currentId: a } = await ok(app, 'listProfiles');
    await answerDice(app, clock, '0.8');
    const b = byName(await ok(app, 'createProfile', { name: 'Bea' }), 'Bea');
    await ok(app, 'switchProfile', { profileId: b });
    await answerDice(app, clock, '0.4');

    type Actor = { objectType: string; name: string; account: { homePage: string; name: string } };
    const actors = async () => {
      const file = await ok(app, 'exportResults', {
        format: 'xapi',
        homePage: 'https://lms.example.edu',
      });
      return file.content
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { actor: Actor }).actor);
    };
    const bActors = await actors();
    await ok(app, 'switchProfile', { profileId: a });
    const aActors = await actors();
    // One answered + one completed statement each, every one with its profile's actor.
    expect(aActors).toHaveLength(2);
    expect(bActors).toHaveLength(2);
    expect(new Set(aActors.map((x) => JSON.stringify(x))).size).toBe(1);
    expect(new Set(bActors.map((x) => JSON.stringify(x))).size).toBe(1);
    expect(aActors[0]).toMatchObject({ objectType: 'Agent', name: 'Learner' });
    expect(bActors[0]).toMatchObject({ objectType: 'Agent', name: 'Bea' });
    expect(aActors[0].account.homePage).toBe('https://lms.example.edu');
    expect(aActors[0].account.name).toMatch(/^deepdrill-[0-9a-f-]{36}$/);
    expect(bActors[0].account.name).toMatch(/^deepdrill-[0-9a-f-]{36}$/);
    expect(aActors[0].account.name).not.toBe(bActors[0].account.name);

    // The outbox holds both learners' statements, each with its actor.
    fillOutbox(app.db, 'https://lms.example.edu', clock.now());
    const queued = () =>
      (
        app.db.prepare('SELECT statement FROM xapi_outbox ORDER BY id').pluck().all() as string[]
      ).map((json) => (JSON.parse(json) as { actor: Actor }).actor);
    const before = queued();
    expect(before.map((x) => x.name)).toEqual(['Learner', 'Learner', 'Bea', 'Bea']);

    // A rename changes the actor's display name only: same account, same statement ids.
    const idsBefore = (
      await ok(app, 'exportResults', { format: 'xapi', homePage: 'https://lms.example.edu' })
    ).content
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    await ok(app, 'renameProfile', { profileId: a, name: 'Ana' });
    const renamedFile = await ok(app, 'exportResults', {
      format: 'xapi',
      homePage: 'https://lms.example.edu',
    });
    const renamed = renamedFile.content
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; actor: Actor });
    expect(renamed.map((s) => s.id)).toEqual(idsBefore);
    expect(renamed[0].actor).toEqual({ ...aActors[0], name: 'Ana' });
    // What was queued is sent as it was built.
    expect(queued()).toEqual(before);
  });
});
