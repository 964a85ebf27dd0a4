/**
 * Pictures through the real service on a real SQLite file with the built-in bank, called the way
 * the page calls it (`dispatchingClient`): a template item's stem figure arrives with its text
 * alternative; the solution figure comes with the feedback after Check in practice; during a
 * running exam no call carries a solution figure or anything drawn from it; the review does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ensureBuiltinBank } from '../../db/bank/builtin';
import { openDatabase, type Db } from '../../db/connection';
import type { AppApi, QuizState } from '../../electron/contract';
import { dispatchingClient } from '../../electron/dispatch';
import { createService } from '../../electron/service';
import type { ServiceDeps } from '../../electron/service/deps';
import { resolveQuizItem } from '../../electron/service/quiz';
import { FakeClock, makeDeps, seedSource, tempDbFile } from './quiz-helpers';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

function builtinApp(): { api: AppApi; deps: ServiceDeps } {
  const db = openDatabase(tempDbFile('figures.db'));
  opened.push(db);
  const clock = new FakeClock(Date.UTC(2026, 3, 7, 9));
  ensureBuiltinBank(db, clock.now());
  const deps = makeDeps(db, clock, seedSource(777));
  return { api: dispatchingClient(createService(deps)), deps };
}

describe('figures through the service', () => {
  it('practice: the stem figure arrives with its alt; the solution figure only after Check', async () => {
    const { api, deps } = builtinApp();
    const state = await api.startQuiz({
      mode: 'practice',
      selection: 'topics',
      topics: ['upsampling'],
      count: 100,
    });
    const pooling = state.items.find((i) => i.figure?.kind === 'pooling');
    if (pooling?.figure === undefined) throw new Error('no pooling item with a stem figure');
    // The map before pooling, stated in words with its numbers, but no switches yet.
    expect(pooling.figure.alt).toMatch(/^Feature map X: a 4 by 4 map/);
    expect(pooling.figure).not.toHaveProperty('switches');
    expect(pooling.feedback).toBeNull();

    const grid = state.items.find(
      (i) => i.kind === 'numeric' && i.stem.includes('ConvTranspose1d'),
    );
    if (grid === undefined) throw new Error('no numeric 1-D transposed convolution item');
    expect(JSON.stringify(grid)).not.toContain('conv-transpose-grid');
    const key = resolveQuizItem(deps, state.sessionId, grid.position).question.numeric?.value;
    if (!Array.isArray(key)) throw new Error('the 1-D transposed convolution key is a vector');
    const checked = await api.submitAnswer({
      sessionId: state.sessionId,
      position: grid.position,
      response: { kind: 'numeric', text: key.join(', ') },
    });
    const feedback = checked.items[grid.position].feedback;
    expect(feedback?.correct).toBe(true);
    const figure = feedback?.solutionFigure;
    if (figure?.kind !== 'conv-transpose-grid' || figure.dims !== 1) {
      throw new Error('the feedback after Check has no contribution grid');
    }
    // The grid's column sums, cropped, are the output the learner was graded on.
    expect(figure.sums.slice(figure.padding, figure.sums.length - figure.padding)).toEqual(key);
    expect(figure.alt).toContain('Column sums:');
  });

  it('exam: no call carries a solution figure before finishing; the review does', async () => {
    const { api, deps } = builtinApp();
    const seen: string[] = [];
    const record = <T>(value: T): T => {
      seen.push(JSON.stringify(value));
      return value;
    };
    const exam: QuizState = record(
      await api.startQuiz({
        mode: 'exam',
        selection: 'topics',
        topics: ['upsampling', 'normalization'],
        count: 100,
        durationMinutes: 60,
      }),
    );
    const sessionId = exam.sessionId;
    for (const item of exam.items) {
      record(await api.goTo({ sessionId, position: item.position }));
      record(
        await api.saveAnswer({
          sessionId,
          position: item.position,
          response:
            item.kind === 'numeric'
              ? { kind: 'numeric', text: '2' }
              : { kind: 'choice', optionIds: [item.options[0].id] },
        }),
      );
    }
    record(await api.markForReview({ sessionId, position: 0, marked: true }));
    record(await api.getQuiz({ sessionId }));
    record(await api.getOpenQuiz());

    const withSolution = exam.items.filter(
      (i) => resolveQuizItem(deps, sessionId, i.position).question.solutionFigure !== undefined,
    );
    // The bank's transposed-convolution, pooling and normalization templates all draw one.
    expect(withSolution.length).toBeGreaterThanOrEqual(20);
    for (const text of seen) {
      expect(text).not.toContain('solutionFigure');
      expect(text).not.toContain('"switches"');
      expect(text).not.toContain('conv-transpose-grid');
      expect(text).not.toContain('norm-axes');
    }
    for (const item of withSolution) {
      const alt = resolveQuizItem(deps, sessionId, item.position).question.solutionFigure?.alt;
      for (const text of seen) expect(text).not.toContain(JSON.stringify(alt));
    }

    const review = await api.finishQuiz({ sessionId });
    for (const item of withSolution) {
      const expected = resolveQuizItem(deps, sessionId, item.position).question.solutionFigure;
      const got = review.quiz.items[item.position].feedback?.solutionFigure;
      expect(got).toEqual(expected);
      expect(got?.alt.length).toBeGreaterThan(40);
    }
    const again = await api.getReview({ sessionId });
    expect(again.quiz.items[withSolution[0].position].feedback?.solutionFigure).toBeDefined();
  });
});
