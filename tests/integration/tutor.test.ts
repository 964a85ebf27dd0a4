/**
 * Tutoring through the service on a real SQLite file: the hint ladder and the credit it costs,
 * step-by-step parts checked at once, "try again" on the same variant, and none of it in an
 * exam.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { importPack } from '../../db/bank/import';
import type { BankPackInput } from '../../db/bank/schema';
import type { Db } from '../../db/connection';
import { ServiceError } from '../../electron/service/errors';
import { setupQuiz } from './quiz-helpers';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

/** One numeric soft-Dice item on the source quiz's masks. */
const dicePack: BankPackInput = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'tutor',
  title: 'Tutor test',
  license: 'CC0-1.0',
  topics: [{ id: 'tutor-dice', title: 'Dice, step by step' }],
  items: [
    {
      id: 'dice-source',
      topic: 'tutor-dice',
      type: 'template',
      template: 'soft-dice',
      form: 'numeric',
      params: { preset: 'source' },
      difficulty: 2,
      tags: [],
      source: 'test',
    },
  ],
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ServiceError) return error.code;
    throw error;
  }
}

function setup() {
  const s = setupQuiz();
  opened.push(s.db);
  expect(importPack(s.db, dicePack, { now: s.clock.now() }).ok).toBe(true);
  return s;
}

const start = (mode: 'practice' | 'exam') => ({
  mode,
  selection: 'topics' as const,
  topics: ['tutor-dice'],
  count: 1,
  durationMinutes: 10,
  openQuizzes: 'finish' as const,
});

describe('tutoring in practice', () => {
  it('hints come one rung at a time and each lowers the credit the screen shows', async () => {
    const { api } = setup();
    const state = await api.startQuiz(start('practice'));
    expect(state.items[0].tutor).toMatchObject({ hints: [], hintsLeft: 3, creditPercent: 100 });
    const credits: number[] = [];
    let current = state;
    for (let rung = 1; rung <= 3; rung++) {
      current = await api.revealHint({ sessionId: state.sessionId, position: 0 });
      expect(current.items[0].tutor!.hints).toHaveLength(rung);
      credits.push(current.items[0].tutor!.creditPercent);
    }
    // 1 − 0.25·h: 75 %, 50 %, 25 % (never below a quarter).
    expect(credits).toEqual([75, 50, 25]);
    expect(current.items[0].tutor!.hints[2]).toContain('7.2559');
    expect(await codeOf(api.revealHint({ sessionId: state.sessionId, position: 0 }))).toBe(
      'conflict',
    );
  });

  it('parts are checked at once; a wrong count is refused; the key shows once answered right', async () => {
    const { api, db } = setup();
    const state = await api.startQuiz(start('practice'));
    const ref = { sessionId: state.sessionId, position: 0 };
    expect(state.items[0].tutor!.parts.map((p) => p.id)).toEqual(['overlap', 'total']);
    expect(await codeOf(api.checkPart({ ...ref, partId: 'overlap', text: '7.2559, 1' }))).toBe(
      'invalid-input',
    );
    // ΣA + ΣB by mistake for the overlap: stored, wrong, no key shown yet.
    const wrong = await api.checkPart({ ...ref, partId: 'overlap', text: '18.46' });
    expect(wrong.items[0].tutor!.parts[0]).toMatchObject({
      response: '18.46',
      correct: false,
      correctValue: null,
    });
    const right = await api.checkPart({ ...ref, partId: 'overlap', text: '7.2559' });
    expect(right.items[0].tutor!.parts[0]).toMatchObject({
      correct: true,
      correctValue: '7.2559',
    });
    expect(await codeOf(api.checkPart({ ...ref, partId: 'nope', text: '1' }))).toBe('not-found');
    // Parts are practice, not attempts: nothing graded yet.
    expect(db.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(0);
  });

  it('after a wrong check, try again gives the same numbers as the next question for half the credit', async () => {
    const { api, db } = setup();
    const state = await api.startQuiz(start('practice'));
    // 7.2559 / 18.46 = 0.393: the factor 2 dropped.
    const checked = await api.submitAnswer({
      sessionId: state.sessionId,
      position: 0,
      response: { kind: 'numeric', text: '0.393' },
    });
    expect(checked.items[0].feedback).toMatchObject({
      correct: false,
      misconception: { id: 'dropped-dice-factor-2' },
    });
    const again = await api.tryAgain({ sessionId: state.sessionId, position: 0 });
    expect(again.items).toHaveLength(2);
    expect(again.currentPosition).toBe(1);
    expect(again.items[1].stem).toBe(again.items[0].stem);
    expect(again.items[1].feedback).toBeNull();
    // Second answer of the question (1/2) on a second try (½): 25 %.
    expect(again.items[1].tutor).toMatchObject({ tries: 1, creditPercent: 25 });
    // 2 · 7.2559 / 18.46 = 0.78612 → 0.786.
    const second = await api.submitAnswer({
      sessionId: state.sessionId,
      position: 1,
      response: { kind: 'numeric', text: '0.786' },
    });
    expect(second.items[1].feedback).toMatchObject({ correct: true });
    expect(await codeOf(api.tryAgain({ sessionId: state.sessionId, position: 1 }))).toBe(
      'conflict',
    );
    expect(db.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(2);
  });

  it('an exam offers no hints, parts or second tries', async () => {
    const { api } = setup();
    const exam = await api.startQuiz(start('exam'));
    expect(exam.items[0].tutor).toBeNull();
    const ref = { sessionId: exam.sessionId, position: 0 };
    expect(await codeOf(api.revealHint(ref))).toBe('forbidden');
    expect(await codeOf(api.checkPart({ ...ref, partId: 'overlap', text: '7.2559' }))).toBe(
      'forbidden',
    );
    expect(await codeOf(api.tryAgain(ref))).toBe('forbidden');
    const json = JSON.stringify(await api.getQuiz({ sessionId: exam.sessionId }));
    expect(json).not.toContain('7.2559');
  });
});
