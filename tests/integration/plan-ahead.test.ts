/**
 * The recommended quiz planned ahead in idle time (`electron/service/quiz/plan-ahead.ts`): the
 * click uses it only while everything it was made from holds. Each case makes a plan that would
 * be visibly wrong if it were used — questions just answered asked again as new, reviews that
 * came due left out, retired questions asked — and checks the quiz the learner gets.
 *
 * One topic of 200 single-answer questions. A recommended quiz of 10 gives due reviews three of
 * its slots (core/selection REVIEW_SHARE 0.3) and fills the rest with new questions, unseen ones
 * first; so whether the ten questions a learner missed are in it (at least three) or not (at
 * most one, by the sampling's chance) shows whether the quiz was planned with them due.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { importPack } from '../../db/bank/import';
import type { BankPackInput } from '../../db/bank/schema';
import { openDatabase, type Db } from '../../db/connection';
import type { AppApi, QuizState } from '../../electron/contract';
import { createService, planRecommendedAhead } from '../../electron/service';
import type { ServiceDeps } from '../../electron/service/deps';
import { resolveQuizItem } from '../../electron/service/quiz';
import { FakeClock, makeDeps, tempDbFile } from './quiz-helpers';

const DAY = 86_400_000;

function pack(count: number): BankPackInput {
  return {
    format: 'deepdrill-bank',
    version: 1,
    id: 'plan-ahead',
    title: 'Plan-ahead bank',
    license: 'CC0-1.0',
    topics: [{ id: 'optim', title: 'Optimisation' }],
    items: Array.from({ length: count }, (_, i) => ({
      id: `q${i}`,
      topic: 'optim',
      type: 'mcq' as const,
      stem: `Question number ${i}: which learning rate diverges?`,
      options: [
        { id: 'right', text: `A rate far too large (${i})` },
        { id: 'wrong', text: `A rate far too small (${i})` },
      ],
      answer: ['right'],
      explanation: 'A step larger than the curvature allows overshoots.',
      difficulty: 3,
      tags: [],
      source: 'DeepDrill test',
    })),
  };
}

const recommended: Parameters<AppApi['startQuiz']>[0] = {
  mode: 'practice',
  selection: 'recommended',
  topics: [],
  count: 10,
};

let db: Db | undefined;
afterEach(() => db?.close());

function setup() {
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 9));
  db = openDatabase(tempDbFile('plan-ahead.db'));
  const report = importPack(db, pack(200), { now: clock.now() });
  if (!report.ok) throw new Error(JSON.stringify(report.problems));
  let seeds = 0;
  let next = 5000;
  const deps = makeDeps(db, clock, () => {
    seeds++;
    return next++;
  });
  return { clock, db, deps, api: createService(deps), seedsUsed: () => seeds };
}

/** The bank ids (`q0` … `q19`) of a quiz's questions, from the stem the learner reads. */
function askedIds(state: QuizState): string[] {
  return state.items.map((item) => `q${/Question number (\d+)/.exec(item.stem)?.[1] ?? '?'}`);
}

/** Answers every question of a quiz (right or wrong) and finishes it. */
async function answerAll(
  api: AppApi,
  deps: ServiceDeps,
  state: QuizState,
  right: boolean,
): Promise<void> {
  for (let position = 0; position < state.items.length; position++) {
    const stored = resolveQuizItem(deps, state.sessionId, position).question.options ?? [];
    const text = stored.find((o) => o.id === (right ? 'right' : 'wrong'))!.text;
    const view = state.items[position].options.find((o) => o.text === text)!;
    await api.submitAnswer({
      sessionId: state.sessionId,
      position,
      response: { kind: 'choice', optionIds: [view.id] },
    });
  }
  await api.finishQuiz({ sessionId: state.sessionId });
}

describe('the recommended quiz planned ahead in idle time', () => {
  it('is what the click starts when nothing changed: no planning at the click', async () => {
    const { deps, api, seedsUsed } = setup();
    expect(planRecommendedAhead(deps)).toBe(true);
    // A second idle tick with nothing changed keeps the plan instead of making another.
    expect(planRecommendedAhead(deps)).toBe(false);
    const before = seedsUsed();
    const quiz = await api.startQuiz(recommended);
    expect(quiz.items).toHaveLength(10);
    expect(new Set(askedIds(quiz)).size).toBe(10);
    // Ten option orders drawn and nothing else: planning at the click would draw a plan seed too.
    expect(seedsUsed() - before).toBe(10);
    await api.finishQuiz({ sessionId: quiz.sessionId });
    // Used once: the next start plans at the click.
    const again = seedsUsed();
    await api.startQuiz({ ...recommended, openQuizzes: 'discard' });
    expect(seedsUsed() - again).toBe(11);
  });

  it('is not used after answers: reviews just answered are not asked again', async () => {
    const { clock, deps, api } = setup();
    const first = await api.startQuiz(recommended);
    await answerAll(api, deps, first, false);
    clock.advance(DAY);
    // Planned with the ten missed questions due: three of them are in the plan as reviews.
    expect(planRecommendedAhead(deps)).toBe(true);
    // The learner reviews all ten instead, rightly: none is due any more.
    const due = await api.startQuiz({ ...recommended, selection: 'due' });
    expect(due.items).toHaveLength(10);
    await answerAll(api, deps, due, true);
    const second = await api.startQuiz(recommended);
    const reviewed = new Set(askedIds(first));
    // Planned at the click: new questions from 190 unseen ones, none of the reviewed (a plan
    // made before the reviews would ask at least three of them).
    expect(askedIds(second).filter((id) => reviewed.has(id)).length).toBeLessThanOrEqual(1);
  });

  it('is not used once a review has come due since it was made', async () => {
    const { clock, deps, api } = setup();
    const first = await api.startQuiz(recommended);
    await answerAll(api, deps, first, false);
    // Planned right after the wrong answers, before any of them is due: new questions, from the
    // 190 unseen ones.
    clock.advance(1_000);
    expect(planRecommendedAhead(deps)).toBe(true);
    clock.advance(DAY);
    const second = await api.startQuiz(recommended);
    const missed = new Set(askedIds(first));
    // The reviews now due get up to 30 % of the quiz (core/selection REVIEW_SHARE): 3 of 10.
    expect(askedIds(second).filter((id) => missed.has(id)).length).toBeGreaterThanOrEqual(3);
  });

  it('is not used after an import retired questions it chose', async () => {
    const { clock, db, deps, api } = setup();
    expect(planRecommendedAhead(deps)).toBe(true);
    // The institute's new version of the bank keeps q0 … q9 and drops the rest (retired).
    clock.advance(60_000);
    const report = importPack(db, pack(10), { now: clock.now() });
    expect(report.ok).toBe(true);
    const quiz = await api.startQuiz(recommended);
    expect(askedIds(quiz).sort()).toEqual(
      pack(10)
        .items.map((i) => i.id)
        .sort(),
    );
  });

  it('is not used when the clock went back before it was made', async () => {
    const { clock, deps, api } = setup();
    const first = await api.startQuiz(recommended);
    await answerAll(api, deps, first, false);
    clock.advance(DAY);
    // Planned with the wrong answers due: it asks some of them again.
    expect(planRecommendedAhead(deps)).toBe(true);
    clock.advance(-DAY);
    // Back before they were due, the quiz is new questions from the 190 unseen ones.
    const second = await api.startQuiz(recommended);
    const missed = new Set(askedIds(first));
    expect(askedIds(second).filter((id) => missed.has(id)).length).toBeLessThanOrEqual(1);
  });

  it('does nothing on an empty bank', () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 9));
    db = openDatabase(tempDbFile('empty.db'));
    const deps = makeDeps(db, clock, () => 1);
    expect(planRecommendedAhead(deps)).toBe(false);
  });
});
