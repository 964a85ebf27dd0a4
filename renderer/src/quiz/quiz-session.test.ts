// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  AppApi,
  ItemFeedback,
  LearnerResponse,
  QuizItemView,
  QuizState,
} from '../../../electron/contract';
import { ApiError } from '../lib/api';
import { DRAFT_DELAY_MS, numericProblem, QuizSession } from './quiz-session.svelte';

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
            { id: 'o1', text: 'A' },
            { id: 'o2', text: 'B' },
            { id: 'o3', text: 'C' },
          ],
    answerFormat: null,
    fromTemplate: false,
    response: null,
    marked: false,
    feedback: null,
    tutor: null,
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
    durationMs: null,
    deadlineAt: null,
    remainingMs: null,
    serverNow: Date.now(),
    items,
    finishReason: null,
    ...extra,
  };
}

const text = (t: string): LearnerResponse => ({ kind: 'numeric', text: t });
const picked = (...optionIds: string[]): LearnerResponse => ({ kind: 'choice', optionIds });
const empty = (r: LearnerResponse) =>
  r.kind === 'choice' ? r.optionIds.length === 0 : r.text.trim() === '';

/** A fake main process: keeps responses per position and logs every call in order. */
function fakeApi(initial: QuizState) {
  let current = initial;
  const log: string[] = [];
  const withResponse = (position: number, response: LearnerResponse | null) => {
    current = {
      ...current,
      items: current.items.map((i) => (i.position === position ? { ...i, response } : i)),
    };
    return current;
  };
  const api = {
    saveAnswer: vi.fn(
      async ({ position, response }: { position: number; response: LearnerResponse }) => {
        log.push(`save ${position} ${JSON.stringify(response)}`);
        return withResponse(position, empty(response) ? null : response);
      },
    ),
    submitAnswer: vi.fn(
      async ({ position, response }: { position: number; response: LearnerResponse }) => {
        log.push(`submit ${position}`);
        withResponse(position, response);
        const feedback = { outcome: 'partial', score: 0.5, correct: false } as ItemFeedback;
        current = {
          ...current,
          items: current.items.map((i) => (i.position === position ? { ...i, feedback } : i)),
        };
        return current;
      },
    ),
    goTo: vi.fn(async ({ position }: { position: number }) => {
      log.push(`goTo ${position}`);
      return (current = { ...current, currentPosition: position });
    }),
    finishQuiz: vi.fn(async () => {
      log.push('finish');
      return { quiz: current, score: 0, maxScore: 1, byTopic: [] };
    }),
  };
  return { api: api as unknown as AppApi, calls: api, log };
}

function open(quiz: QuizState) {
  const fake = fakeApi(quiz);
  const events = { finished: vi.fn(), switched: vi.fn() };
  const session = new QuizSession(fake.api, quiz, events);
  return { ...fake, events, session };
}

describe('QuizSession: answers save themselves', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves a pick at once, without a save step', async () => {
    const { session, calls } = open(state([item(0), item(1)]));
    session.pick(1);
    expect(session.response).toEqual(picked('o2'));
    expect(session.shownItems[0].response).toEqual(picked('o2'));
    expect(session.saveState).toBe('saving');
    await vi.waitFor(() => expect(session.saveState).toBe('saved'));
    expect(calls.saveAnswer).toHaveBeenCalledWith({
      sessionId: 7,
      position: 0,
      response: picked('o2'),
    });
    expect(session.quiz.items[0].response).toEqual(picked('o2'));
  });

  it('saves typed text once typing pauses, as typed even when it is not a number yet', async () => {
    const { session, calls } = open(state([item(0, 'numeric')]));
    session.setText('0');
    session.setText('0,');
    session.setText('0,5x');
    expect(session.numericError).toMatch(/"x" is not part of a number.*cannot be marked right/);
    await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS - 50);
    expect(calls.saveAnswer).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.saveAnswer).toHaveBeenCalledTimes(1);
    expect(calls.saveAnswer).toHaveBeenCalledWith(
      expect.objectContaining({ response: text('0,5x') }),
    );
    await vi.waitFor(() => expect(session.saveState).toBe('saved'));
  });

  it('saves typed text when the field loses focus', async () => {
    const { session, calls } = open(state([item(0, 'numeric')]));
    session.setText('0.25');
    session.commitText();
    await vi.waitFor(() => expect(calls.saveAnswer).toHaveBeenCalledTimes(1));
    await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS * 2);
    expect(calls.saveAnswer).toHaveBeenCalledTimes(1);
  });

  it('keeps saves in order: the last pick is the one that stays', async () => {
    const { session, calls } = open(state([item(0, 'msq')]));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = calls.saveAnswer.getMockImplementation()!;
    calls.saveAnswer.mockImplementationOnce(async (input) => {
      await gate;
      return real(input);
    });
    session.pick(0);
    await vi.waitFor(() => expect(calls.saveAnswer).toHaveBeenCalledTimes(1));
    // While the first save is on its way, two more picks: they go after it, as one save.
    session.pick(2);
    session.pick(0);
    release();
    await vi.waitFor(() => expect(session.saveState).toBe('saved'));
    const sent = calls.saveAnswer.mock.calls.map(([input]) => input.response);
    expect(sent).toEqual([picked('o1'), picked('o3')]);
    expect(session.quiz.items[0].response).toEqual(picked('o3'));
  });

  it('saves the answer on the way to another question', async () => {
    const { session, log } = open(state([item(0, 'numeric'), item(1)]));
    session.setText('3');
    await session.next();
    expect(log).toEqual(['save 0 {"kind":"numeric","text":"3"}', 'goTo 1']);
    expect(session.position).toBe(1);
  });

  it('flushes a typed draft before handing in', async () => {
    const { session, log, events } = open(state([item(0, 'numeric')]));
    session.setText('42');
    expect(await session.submit()).toBe(true);
    expect(log).toEqual(['save 0 {"kind":"numeric","text":"42"}', 'finish']);
    await vi.waitFor(() => expect(events.finished).toHaveBeenCalled());
  });

  it('counts what was typed last when the time runs out', async () => {
    const { session, log, events } = open(state([item(0, 'numeric')]));
    session.setText('7');
    await session.expire();
    expect(log).toEqual(['save 0 {"kind":"numeric","text":"7"}', 'finish']);
    expect(events.finished).toHaveBeenCalledWith(7, expect.anything());
  });

  it('saves every keystroke at once in the last seconds of an exam', async () => {
    const { session, calls } = open(state([item(0, 'numeric')]));
    session.hurry();
    session.setText('1');
    await vi.waitFor(() => expect(calls.saveAnswer).toHaveBeenCalledTimes(1));
  });

  it('says honestly when a save failed, and saves again on retry', async () => {
    const { session, calls } = open(state([item(0)]));
    calls.saveAnswer.mockRejectedValueOnce(new ApiError('network', 'DeepDrill is not reachable.'));
    session.pick(0);
    await vi.waitFor(() => expect(session.saveState).toBe('failed'));
    expect(session.saveError).toBe('DeepDrill is not reachable.');
    expect(session.response).toEqual(picked('o1'));
    await session.retrySaving();
    expect(session.saveState).toBe('saved');
    expect(session.saveError).toBeNull();
  });

  it('does not hand in while an answer cannot be saved', async () => {
    const { session, calls } = open(state([item(0)]));
    calls.saveAnswer.mockRejectedValue(new ApiError('network', 'DeepDrill is not reachable.'));
    session.pick(0);
    expect(await session.submit()).toBe(false);
    expect(calls.finishQuiz).not.toHaveBeenCalled();
    expect(session.saveState).toBe('failed');
  });

  it('saves what was entered when the learner leaves, and then changes nothing on screen', async () => {
    const { session, calls, events } = open(state([item(0, 'numeric')]));
    session.setText('5');
    session.leave();
    await vi.waitFor(() => expect(calls.saveAnswer).toHaveBeenCalledTimes(1));
    expect(events.finished).not.toHaveBeenCalled();
  });

  it('goes to the results when the deadline has passed', async () => {
    const { session, calls, events } = open(state([item(0)]));
    calls.saveAnswer.mockRejectedValueOnce(new ApiError('deadline-passed', 'Time is up.'));
    session.pick(0);
    await vi.waitFor(() => expect(events.finished).toHaveBeenCalledWith(7, expect.anything()));
    expect(session.ended).toBe(true);
    expect(session.problem).toBeNull();
  });

  it('starts at the position the main process remembered', () => {
    const { session } = open(state([item(0), item(1), item(2)], { currentPosition: 2 }));
    expect(session.position).toBe(2);
  });
});

describe('QuizSession: Check in practice', () => {
  it('saves and grades in one call, and says partial credit as partial', async () => {
    const { session, calls, log } = open(state([item(0, 'msq')], { mode: 'practice' }));
    session.pick(0);
    session.pick(1);
    await session.check();
    expect(calls.submitAnswer).toHaveBeenCalledWith({
      sessionId: 7,
      position: 0,
      response: picked('o1', 'o2'),
    });
    // The picks saved themselves first; the check is one call after them.
    expect(log.at(-1)).toBe('submit 0');
    expect(log.filter((l) => l.startsWith('submit'))).toHaveLength(1);
    expect(session.status).toBe('Partly correct: score 0.5 of 1. The solution is shown.');
    expect(session.locked).toBe(true);
    expect(session.unsaved.size).toBe(0);
  });

  it('checks typed text without a separate save', async () => {
    const { session, log } = open(state([item(0, 'numeric')], { mode: 'practice' }));
    session.setText('0.5');
    await session.check();
    expect(log).toEqual(['submit 0']);
  });

  it('does not check an empty answer or an unreadable number', async () => {
    const { session, calls } = open(state([item(0, 'numeric')], { mode: 'practice' }));
    await session.check();
    expect(session.numericError).toBe('Enter a number.');
    session.setText('abc');
    await session.check();
    expect(session.problem?.message).toMatch(/Fix the number/);
    expect(calls.submitAnswer).not.toHaveBeenCalled();
  });

  it('tells at the field why a check refused the typed numbers', async () => {
    const { session, calls } = open(state([item(0, 'numeric')], { mode: 'practice' }));
    calls.submitAnswer.mockRejectedValueOnce(
      new ApiError('invalid-input', 'Expected 3 numbers, found 1. Nothing was counted; try again.'),
    );
    session.setText('0.5');
    await session.check();
    expect(session.problem).toBeNull();
    expect(session.numericError).toBe(
      'Expected 3 numbers, found 1. Nothing was counted; try again.',
    );
    session.setText('0.5, 1, 2');
    expect(session.numericError).toBeNull();
  });

  it('keeps the answer (saved) when the check is refused while an exam runs', async () => {
    const { session, calls } = open(state([item(0)], { mode: 'practice' }));
    calls.submitAnswer.mockRejectedValueOnce(
      new ApiError('exam-running', 'Answers are not checked while the exam "X" is running.'),
    );
    session.pick(0);
    await session.check();
    expect(session.problem).toEqual({
      message: 'Answers are not checked while the exam "X" is running.',
      code: 'exam-running',
    });
    await vi.waitFor(() => expect(session.saveState).toBe('saved'));
    expect(session.locked).toBe(false);
  });
});

/** A practice item with a two-rung hint ladder and two step-by-step parts. */
function tutored(position: number): QuizItemView {
  const partView = (id: string) => ({
    id,
    prompt: `Part ${id}`,
    answerFormat: 'a number',
    response: null,
    correct: null,
    correctValue: null,
    hint: `Hint for ${id}`,
  });
  return {
    ...item(position, 'numeric'),
    fromTemplate: true,
    tutor: {
      hints: [],
      hintsLeft: 2,
      parts: [partView('overlap'), partView('total')],
      tries: 0,
      creditPercent: 100,
    },
  };
}

/** The fake main process, plus tutoring: hints, parts (overlap = 7.2559) and try again. */
function openTutored(items: QuizItemView[]) {
  const fake = open(state(items, { mode: 'practice' }));
  let current = fake.session.quiz;
  const update = (position: number, change: (i: QuizItemView) => QuizItemView) =>
    (current = {
      ...current,
      items: current.items.map((i) => (i.position === position ? change(i) : i)),
    });
  const api = fake.api as unknown as Record<string, unknown>;
  const calls = {
    revealHint: vi.fn(async ({ position }: { position: number }) =>
      update(position, (i) => ({
        ...i,
        tutor: {
          ...i.tutor!,
          hints: [...i.tutor!.hints, `Rung ${i.tutor!.hints.length + 1}`],
          hintsLeft: i.tutor!.hintsLeft - 1,
          creditPercent: i.tutor!.creditPercent - 25,
        },
      })),
    ),
    checkPart: vi.fn(
      async ({ position, partId, text }: { position: number; partId: string; text: string }) => {
        if (text.includes(',')) {
          throw new ApiError(
            'invalid-input',
            'One number expected, you gave 2. Nothing was counted.',
          );
        }
        const correct = partId === 'overlap' && Number(text) === 7.2559;
        return update(position, (i) => ({
          ...i,
          tutor: {
            ...i.tutor!,
            parts: i.tutor!.parts.map((p) =>
              p.id === partId
                ? { ...p, response: text, correct, correctValue: correct ? '7.2559' : null }
                : p,
            ),
          },
        }));
      },
    ),
    tryAgain: vi.fn(async ({ position }: { position: number }) => {
      const items = current.items.flatMap((i) =>
        i.position < position
          ? [i]
          : i.position === position
            ? [i, { ...i, position: position + 1, feedback: null, response: null }]
            : [{ ...i, position: i.position + 1 }],
      );
      return (current = { ...current, items, currentPosition: position + 1 });
    }),
  };
  Object.assign(api, calls);
  return { ...fake, tutorCalls: calls };
}

describe('QuizSession: tutoring in practice', () => {
  it('reveals hints one by one and says what the answer now counts', async () => {
    const { session, tutorCalls } = openTutored([tutored(0)]);
    expect(await session.revealHint()).toBe(true);
    expect(session.item.tutor?.hints).toEqual(['Rung 1']);
    expect(session.status).toBe(
      'Hint 1 of 2 shown. This answer now counts 75% toward your mastery.',
    );
    await session.revealHint();
    expect(session.status).toMatch(/^Hint 2 of 2 shown\. .* 50%/);
    // No rung left: nothing is asked.
    expect(await session.revealHint()).toBe(false);
    expect(tutorCalls.revealHint).toHaveBeenCalledTimes(2);
  });

  it('checks a part at once and keeps the entry with its verdict', async () => {
    const { session, tutorCalls } = openTutored([tutored(0)]);
    session.setPartText('overlap', '7.2559');
    expect(session.partText('overlap')).toBe('7.2559');
    await session.checkPart('overlap');
    expect(tutorCalls.checkPart).toHaveBeenCalledWith({
      sessionId: 7,
      position: 0,
      partId: 'overlap',
      text: '7.2559',
    });
    expect(session.item.tutor?.parts[0]).toMatchObject({ correct: true, correctValue: '7.2559' });
    expect(session.status).toBe('Part 1 is right: 7.2559.');
    session.setPartText('total', '9.48');
    await session.checkPart('total');
    expect(session.status).toBe('Part 2 is not right yet. A hint is shown under it.');
  });

  it('tells a refused or unreadable part entry at its field, counting nothing', async () => {
    const { session, tutorCalls } = openTutored([tutored(0)]);
    await session.checkPart('overlap');
    expect(session.partRefusal('overlap')).toEqual({ text: '', message: 'Enter a number.' });
    session.setPartText('overlap', 'seven');
    await session.checkPart('overlap');
    expect(session.partRefusal('overlap')?.text).toBe('seven');
    expect(tutorCalls.checkPart).not.toHaveBeenCalled();

    session.setPartText('overlap', '7, 2');
    await session.checkPart('overlap');
    expect(session.partRefusal('overlap')).toEqual({
      text: '7, 2',
      message: 'One number expected, you gave 2. Nothing was counted.',
    });
    expect(session.problem).toBeNull();
    expect(session.item.tutor?.parts[0].correct).toBeNull();
  });

  it('tries again as the next question and keeps later answers with their questions', async () => {
    const { session, tutorCalls } = openTutored([tutored(0), item(1), tutored(2)]);
    // A part typed on question 3 and not checked: it must stay with question 3, now at 4.
    await session.goTo(2);
    session.setPartText('total', '18.46');
    await session.goTo(0);
    session.setText('0.393');
    await session.check();
    expect(await session.tryAgain()).toBe(true);
    expect(tutorCalls.tryAgain).toHaveBeenCalledWith({ sessionId: 7, position: 0 });
    expect(session.position).toBe(1);
    expect(session.item.feedback).toBeNull();
    expect(session.status).toMatch(/^Question 2: the same question again\. .*half as much/);
    expect(session.partDrafts[3]).toEqual({ total: '18.46' });
    expect(session.partDrafts[2]).toBeUndefined();
  });
});

describe('numericProblem', () => {
  it('accepts what the grader accepts', () => {
    expect(numericProblem('0.786')).toBeNull();
    expect(numericProblem('[1, 2; 3, 4]')).toBeNull();
    expect(numericProblem('abc')).not.toBeNull();
  });
});
