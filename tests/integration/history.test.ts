/**
 * The full quiz history (`listFinishedQuizzes`) as the page calls it, through `dispatch`, on a
 * real SQLite file: every finished quiz a page at a time, newest first, filtered by topic and
 * mode; open and discarded quizzes are not in it; an exam whose time ran out is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput, AppApi, HistoryPage, ParsedInput } from '../../electron/contract';
import { dispatch, dispatchingClient } from '../../electron/dispatch';
import { setupQuiz } from './quiz-helpers';

const MIN = 60_000;
const opened: { close(): void; open: boolean }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

/**
 * Seeds, one minute apart: a segmentation quiz answered right (Dice of an overlap of 4 pixels,
 * prediction 6, mask 4: 2·4 / (6 + 4) = 0.8), a regularisation quiz handed in blank, seven more
 * segmentation quizzes answered wrong, an exam left to run out, then a discarded quiz and one
 * left open. Returns the finished sessions' ids in the order they were started.
 */
async function seed(api: AppApi, advance: () => void) {
  const segmentation: ParsedInput<'startQuiz'> = {
    mode: 'practice',
    selection: 'topics',
    topics: ['segmentation'],
    count: 1,
    // Difficulty 1–2 of the fixture's segmentation topic is the scalar Dice question only.
    difficulty: { min: 1, max: 2 },
  };
  const finished: number[] = [];
  const answerAndFinish = async (input: ParsedInput<'startQuiz'>, text: string | null) => {
    const quiz = await api.startQuiz(input);
    if (text !== null) {
      await api.saveAnswer({
        sessionId: quiz.sessionId,
        position: 0,
        response: { kind: 'numeric', text },
      });
    }
    await api.finishQuiz({ sessionId: quiz.sessionId });
    finished.push(quiz.sessionId);
    advance();
  };
  await answerAndFinish(segmentation, '0.8');
  await answerAndFinish(
    {
      mode: 'practice',
      selection: 'topics',
      topics: ['regularization'],
      count: 2,
      difficulty: { min: 2, max: 2 },
    },
    null,
  );
  for (let i = 0; i < 7; i++) await answerAndFinish(segmentation, '0.5');
  const exam = await api.startQuiz({
    mode: 'exam',
    selection: 'topics',
    topics: ['normalization'],
    count: 1,
    durationMinutes: 1,
  });
  return { finished, exam: exam.sessionId };
}

/** A call as the page makes it: the defaults (`limit`, `offset`) filled in by `dispatch`. */
function page(api: AppApi, input: ApiInput<'listFinishedQuizzes'> = {}): Promise<HistoryPage> {
  return api.listFinishedQuizzes(input as ParsedInput<'listFinishedQuizzes'>);
}

describe('the full quiz history', () => {
  it('lists every finished quiz newest first, a page at a time, with scores and topics', async () => {
    const { api: service, clock, db } = setupQuiz();
    opened.push(db);
    const api = dispatchingClient(service);
    const { finished, exam } = await seed(api, () => clock.advance(MIN));

    // While the exam runs it is not finished, so not listed; the nine practice quizzes are.
    const during = await page(api);
    expect(during.total).toBe(9);
    expect(during.items.map((q) => q.sessionId)).not.toContain(exam);

    // Two minutes later its one minute is over: it is finished as expired, and listed first.
    clock.advance(2 * MIN);
    const discarded = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: [],
      count: 1,
    });
    await api.discardQuiz({ sessionId: discarded.sessionId });
    const open = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: [],
      count: 1,
    });

    const newestFirst = [exam, ...finished.slice().reverse()];
    const first = await page(api, { limit: 4 });
    expect(first.total).toBe(10);
    expect(first.items.map((q) => q.sessionId)).toEqual(newestFirst.slice(0, 4));
    expect(first.items[0]).toMatchObject({
      mode: 'exam',
      status: 'finished',
      finishReason: 'expired',
      score: 0,
      questionCount: 1,
      answeredCount: 0,
      topics: [{ topicId: 'normalization', title: 'Batch normalisation' }],
    });
    const last = await page(api, { limit: 4, offset: 8 });
    expect(last.total).toBe(10);
    expect(last.items.map((q) => q.sessionId)).toEqual(newestFirst.slice(8));
    // The oldest: the Dice question answered 0.8, right.
    expect(last.items[1]).toMatchObject({
      sessionId: finished[0],
      mode: 'practice',
      finishReason: 'submitted',
      score: 1,
      questionCount: 1,
      answeredCount: 1,
      topics: [{ topicId: 'segmentation', title: 'Segmentation metrics' }],
    });
    // The blank regularisation quiz: two questions, none answered, nothing scored.
    expect(last.items[0]).toMatchObject({
      sessionId: finished[1],
      score: 0,
      questionCount: 2,
      answeredCount: 0,
      topics: [{ topicId: 'regularization', title: 'Regularisation' }],
    });
    const all = await page(api, { limit: 100 });
    const ids = all.items.map((q) => q.sessionId);
    expect(ids).not.toContain(discarded.sessionId);
    expect(ids).not.toContain(open.sessionId);
  });

  it('filters by topic and by mode, and counts the matches, not the page', async () => {
    const { api: service, clock, db } = setupQuiz();
    opened.push(db);
    const api = dispatchingClient(service);
    const { finished, exam } = await seed(api, () => clock.advance(MIN));
    clock.advance(2 * MIN);

    const segmentation = await page(api, { topic: 'segmentation', limit: 3 });
    expect(segmentation.total).toBe(8);
    expect(segmentation.items.map((q) => q.sessionId)).toEqual(
      [finished[0], ...finished.slice(2)].reverse().slice(0, 3),
    );
    const regularisation = await page(api, { topic: 'regularization' });
    expect(regularisation.items.map((q) => q.sessionId)).toEqual([finished[1]]);

    const exams = await page(api, { mode: 'exam' });
    expect(exams.total).toBe(1);
    expect(exams.items.map((q) => q.sessionId)).toEqual([exam]);
    expect((await page(api, { mode: 'practice' })).total).toBe(9);
    expect((await page(api, { mode: 'exam', topic: 'segmentation' })).total).toBe(0);
    expect(await page(api, { topic: 'no-such-topic' })).toEqual({ total: 0, items: [] });

    // A page past the end is empty, the total still right.
    expect(await page(api, { offset: 50 })).toEqual({ total: 10, items: [] });
  });

  it('refuses a bad page or an unknown filter at the boundary, naming it', async () => {
    const { api, db } = setupQuiz();
    opened.push(db);
    for (const [input, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ mode: 'quiz' }, 'mode'],
      [{ topics: ['segmentation'] }, 'topics'],
    ] as const) {
      const result = await dispatch(api, 'listFinishedQuizzes', input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid-input');
        expect(result.error.message).toContain(field);
      }
    }
  });
});
