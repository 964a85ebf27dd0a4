// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { OpenQuizChoice, QuizState, QuizSummary } from '../../../electron/contract';
import { ApiError } from './api';
import { canDiscard, decisionLabels, startPastOpenQuizzes } from './open-quizzes';

const summary = (sessionId: number, mode: 'practice' | 'exam'): QuizSummary => ({
  sessionId,
  title: `Quiz ${sessionId}`,
  mode,
  status: 'active',
  createdAt: 0,
  finishedAt: null,
  finishReason: null,
  questionCount: 10,
  answeredCount: 3,
  score: null,
});
const started = { sessionId: 99 } as QuizState;
const refused = new ApiError('open-quiz', '"Quiz 1" is not finished.');

/** A start that is refused until it is told what to do with the open quizzes. */
function startRefusedOnce() {
  return vi.fn(async (choice?: OpenQuizChoice) => {
    if (choice === undefined) throw refused;
    return started;
  });
}

describe('startPastOpenQuizzes', () => {
  it('starts at once when nothing is open, without asking', async () => {
    const ask = vi.fn();
    const outcome = await startPastOpenQuizzes(async () => started, vi.fn(), ask);
    expect(outcome).toEqual({ kind: 'started', state: started });
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks, then starts again with "finish" or "discard"', async () => {
    for (const kind of ['finish', 'discard'] as const) {
      const start = startRefusedOnce();
      const ask = vi.fn(async () => ({ kind }));
      const outcome = await startPastOpenQuizzes(start, async () => [summary(1, 'practice')], ask);
      expect(outcome).toEqual({ kind: 'started', state: started });
      expect(start.mock.calls).toEqual([[], [kind]]);
      expect(ask).toHaveBeenCalledWith({
        quizzes: [summary(1, 'practice')],
        message: '"Quiz 1" is not finished.',
      });
    }
  });

  it('resumes or cancels without starting anything', async () => {
    const start = startRefusedOnce();
    const list = async () => [summary(1, 'practice')];
    expect(
      await startPastOpenQuizzes(start, list, async () => ({ kind: 'resume', sessionId: 1 })),
    ).toEqual({ kind: 'resume', sessionId: 1 });
    expect(await startPastOpenQuizzes(start, list, async () => ({ kind: 'cancel' }))).toEqual({
      kind: 'cancelled',
    });
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('passes other errors on', async () => {
    const error = new ApiError('invalid-input', 'No questions match.');
    await expect(
      startPastOpenQuizzes(
        async () => {
          throw error;
        },
        vi.fn(),
        vi.fn(),
      ),
    ).rejects.toBe(error);
  });
});

describe('the open-quiz dialog', () => {
  it('never offers to discard a running exam', () => {
    expect(canDiscard([summary(1, 'practice'), summary(2, 'practice')])).toBe(true);
    expect(canDiscard([summary(1, 'exam'), summary(2, 'practice')])).toBe(false);
    expect(decisionLabels([summary(1, 'exam')])).toMatchObject({
      title: 'An exam is still running',
      resume: 'Resume the exam',
      finish: 'Submit the exam and start',
    });
    expect(decisionLabels([summary(1, 'practice')])).toMatchObject({
      title: 'A quiz is not finished',
      resume: 'Resume it',
      finish: 'Finish it and start',
      discard: 'Discard it and start',
    });
    expect(decisionLabels([summary(1, 'practice'), summary(2, 'practice')]).finish).toBe(
      'Finish them and start',
    );
  });
});
