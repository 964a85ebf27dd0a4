// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { AppApi, LearnerResponse, QuizItemView, QuizState } from '../../../electron/contract';
import { ApiError } from '../lib/api';
import { numericProblem, QuizSession } from './quiz-session.svelte';

function item(position: number, kind: QuizItemView['kind'] = 'mcq'): QuizItemView {
  return {
    position,
    questionId: 100 + position,
    topicId: 'dropout',
    topicTitle: 'Dropout',
    kind,
    stem: `Question ${position}`,
    options:
      kind === 'numeric'
        ? []
        : [
            { id: 'a', text: 'A' },
            { id: 'b', text: 'B' },
          ],
    answerFormat: null,
    fromTemplate: false,
    response: null,
    marked: false,
    feedback: null,
  };
}

function state(items: QuizItemView[], extra: Partial<QuizState> = {}): QuizState {
  return {
    sessionId: 7,
    title: 'Test',
    mode: 'exam',
    status: 'active',
    msqRule: 'partial',
    currentPosition: 0,
    deadlineAt: null,
    remainingMs: null,
    serverNow: Date.now(),
    items,
    finishReason: null,
    ...extra,
  };
}

/** A fake main process: keeps responses per position. */
function fakeApi(initial: QuizState) {
  let current = initial;
  const withResponse = (position: number, response: LearnerResponse | null) => {
    current = {
      ...current,
      items: current.items.map((i) => (i.position === position ? { ...i, response } : i)),
    };
    return current;
  };
  const api = {
    saveAnswer: vi.fn(
      async ({ position, response }: { position: number; response: LearnerResponse }) =>
        withResponse(
          position,
          response.kind === 'choice' && response.optionIds.length === 0 ? null : response,
        ),
    ),
    goTo: vi.fn(
      async ({ position }: { position: number }) =>
        (current = { ...current, currentPosition: position }),
    ),
    finishQuiz: vi.fn(async () => ({ quiz: current, score: 0, maxScore: 1, byTopic: [] })),
  };
  return { api: api as unknown as AppApi, calls: api };
}

describe('QuizSession', () => {
  it('keeps a draft until saved, then shows the saved answer', async () => {
    const quiz = state([item(0), item(1)]);
    const { api, calls } = fakeApi(quiz);
    const session = new QuizSession(api, quiz, { finished: vi.fn(), switched: vi.fn() });
    session.pick(1);
    expect(session.response).toEqual({ kind: 'choice', optionIds: ['b'] });
    expect(session.unsaved.has(0)).toBe(true);
    await session.save();
    expect(calls.saveAnswer).toHaveBeenCalledWith({
      sessionId: 7,
      position: 0,
      response: { kind: 'choice', optionIds: ['b'] },
    });
    expect(session.unsaved.size).toBe(0);
    expect(session.quiz.items[0].response).toEqual({ kind: 'choice', optionIds: ['b'] });
  });

  it('saves a changed answer when moving to another question', async () => {
    const quiz = state([item(0), item(1)]);
    const { api, calls } = fakeApi(quiz);
    const session = new QuizSession(api, quiz, { finished: vi.fn(), switched: vi.fn() });
    session.pick(0);
    await session.next();
    expect(calls.saveAnswer).toHaveBeenCalledTimes(1);
    expect(calls.goTo).toHaveBeenCalledWith({ sessionId: 7, position: 1 });
    expect(session.position).toBe(1);
    await session.next();
    expect(session.position).toBe(1);
  });

  it('does not send an unreadable number, and says why', async () => {
    const quiz = state([item(0, 'numeric')]);
    const { api, calls } = fakeApi(quiz);
    const session = new QuizSession(api, quiz, { finished: vi.fn(), switched: vi.fn() });
    expect(await session.save()).toBe(false);
    expect(session.numericError).toBe('Enter a number.');
    session.setText('0,5x');
    expect(session.numericError).toMatch(/"x" is not part of a number/);
    expect(await session.save()).toBe(false);
    session.setText(' 0.5 ');
    expect(session.numericError).toBeNull();
    expect(await session.save()).toBe(true);
    expect(calls.saveAnswer).toHaveBeenCalledTimes(1);
  });

  it('goes to the results when the deadline has passed', async () => {
    const quiz = state([item(0)]);
    const { api, calls } = fakeApi(quiz);
    calls.saveAnswer.mockRejectedValueOnce(new ApiError('deadline-passed', 'Time is up.'));
    const finished = vi.fn();
    const session = new QuizSession(api, quiz, { finished, switched: vi.fn() });
    session.pick(0);
    await session.save();
    await vi.waitFor(() => expect(finished).toHaveBeenCalledWith(7, expect.anything()));
    expect(session.ended).toBe(true);
    expect(session.error).toBeNull();
  });

  it('shows other errors as readable messages', async () => {
    const quiz = state([item(0)]);
    const { api, calls } = fakeApi(quiz);
    calls.saveAnswer.mockRejectedValueOnce(
      new ApiError('conflict', 'This quiz is paused. Resume it to continue.'),
    );
    const session = new QuizSession(api, quiz, { finished: vi.fn(), switched: vi.fn() });
    session.pick(0);
    await session.save();
    expect(session.error).toBe('This quiz is paused. Resume it to continue.');
    expect(session.unsaved.has(0)).toBe(true);
  });

  it('starts at the position the main process remembered', () => {
    const quiz = state([item(0), item(1), item(2)], { currentPosition: 2 });
    const { api } = fakeApi(quiz);
    expect(new QuizSession(api, quiz, { finished: vi.fn(), switched: vi.fn() }).position).toBe(2);
  });
});

describe('numericProblem', () => {
  it('accepts what the grader accepts', () => {
    expect(numericProblem('0.786')).toBeNull();
    expect(numericProblem('[1, 2; 3, 4]')).toBeNull();
    expect(numericProblem('abc')).not.toBeNull();
  });
});
