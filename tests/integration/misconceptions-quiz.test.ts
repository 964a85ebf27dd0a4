/**
 * "Practise my misconceptions" through `dispatch` on a real SQLite file: a learner who picked
 * the same named mistake twice gets a quiz whose questions can show that mistake again, topped
 * up from its topic, and is told when there is nothing to practise yet.
 */
import { describe, expect, it } from 'vitest';
import { importPack } from '../../db/bank/import';
import type { BankPackInput } from '../../db/bank/schema';
import { openDatabase } from '../../db/connection';
import type { AppApi, QuizState } from '../../electron/contract';
import { dispatch, dispatchingClient } from '../../electron/dispatch';
import { createService } from '../../electron/service';
import { FakeClock, makeDeps, seedSource, tempDbFile } from './quiz-helpers';

const source = 'DeepDrill test fixture';
/** The misconception the learner shows twice: a template id of core's registry as well. */
const X = { id: 'used-batch-stats-at-test', label: 'Normalised with the last mini-batch stats' };
const X_OPTION = 'the mean and variance of the last training mini-batch';

const pack: BankPackInput = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'misc',
  title: 'Misconceptions fixture',
  license: 'CC0-1.0',
  topics: [
    { id: 'normalization', title: 'Batch normalisation' },
    { id: 'segmentation', title: 'Segmentation metrics' },
  ],
  items: [
    {
      id: 'bn-x',
      topic: 'normalization',
      type: 'mcq',
      stem: 'At test time, batch norm normalises with…',
      options: [
        { id: 'a', text: X_OPTION, misconception: X },
        { id: 'b', text: 'the running averages kept during training' },
        { id: 'c', text: 'no statistics at all' },
      ],
      answer: ['b'],
      explanation: 'Running averages.',
      difficulty: 1,
      tags: [],
      source,
    },
    {
      id: 'bn-y',
      topic: 'normalization',
      type: 'mcq',
      stem: 'Batch norm divides by…',
      options: [
        { id: 'a', text: 'the standard deviation plus epsilon, square-rooted' },
        {
          id: 'b',
          text: 'the variance',
          misconception: { id: 'divided-by-variance', label: 'Divided by the variance' },
        },
      ],
      answer: ['a'],
      explanation: 'sqrt(var + eps).',
      difficulty: 2,
      tags: [],
      source,
    },
    {
      id: 'bn-plain',
      topic: 'normalization',
      type: 'mcq',
      stem: 'Batch norm has learnable…',
      options: [
        { id: 'a', text: 'scale and shift' },
        { id: 'b', text: 'nothing' },
      ],
      answer: ['a'],
      explanation: 'gamma and beta.',
      difficulty: 2,
      tags: [],
      source,
    },
    // core/templates/batchnorm-inference.ts lists `used-batch-stats-at-test` among its wrong rules.
    {
      id: 'tpl-bn-inference',
      topic: 'normalization',
      type: 'template',
      template: 'batchnorm-inference',
      form: 'mcq',
      params: { level: 1 },
      difficulty: 3,
      tags: [],
      source,
    },
    {
      id: 'dice-x-free',
      topic: 'segmentation',
      type: 'mcq',
      stem: 'Dice of identical masks?',
      options: [
        { id: 'a', text: '1' },
        {
          id: 'b',
          text: '0.5',
          misconception: { id: 'iou-dice-confused', label: 'Confused IoU with Dice' },
        },
      ],
      answer: ['a'],
      explanation: 'Identical masks give 1.',
      difficulty: 1,
      tags: [],
      source,
    },
  ],
};

function setup() {
  const file = tempDbFile('misconceptions.db');
  const clock = new FakeClock(Date.UTC(2025, 5, 2, 9, 0, 0));
  const db = openDatabase(file);
  const report = importPack(db, pack, { now: clock.now() });
  if (!report.ok) throw new Error(JSON.stringify(report.problems));
  const deps = makeDeps(db, clock, seedSource());
  const api: AppApi = dispatchingClient(createService(deps));
  const idOf = (itemId: string) =>
    (db.prepare('SELECT id FROM questions WHERE item_id = ?').get(itemId) as { id: number }).id;
  return { api, service: createService(deps), clock, idOf };
}

/** Practises bn-x alone and picks the option that shows X (matched by its text). */
async function pickX(api: AppApi, questionId: number): Promise<QuizState> {
  const quiz = await api.startQuiz({
    mode: 'practice',
    selection: 'questions',
    questionIds: [questionId],
    topics: [],
    count: 1,
    openQuizzes: 'finish',
  });
  const option = quiz.items[0].options.find((o) => o.text === X_OPTION)!;
  const graded = await api.submitAnswer({
    sessionId: quiz.sessionId,
    position: 0,
    response: { kind: 'choice', optionIds: [option.id] },
  });
  await api.finishQuiz({ sessionId: quiz.sessionId });
  return graded;
}

describe('practise my misconceptions', () => {
  it('before any misconception is seen, the quiz is refused with a reason', async () => {
    const { service } = setup();
    const result = await dispatch(service, 'startQuiz', {
      mode: 'practice',
      selection: 'misconceptions',
      count: 5,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!result.ok) expect(result.error.message).toContain('No misconception has been seen yet');
  });

  it('X picked twice: the quiz asks the questions that can show X first, then its topic', async () => {
    const { api, idOf } = setup();
    const first = await pickX(api, idOf('bn-x'));
    expect(first.items[0].feedback?.misconception?.id).toBe(X.id);
    await pickX(api, idOf('bn-x'));
    const dashboard = await api.getDashboard();
    expect(dashboard.misconceptions).toEqual([{ id: X.id, label: X.label, count: 2 }]);

    // Two questions: exactly the two that can show X — bn-x (its option a, by the pack) and the
    // batchnorm-inference template item (that template's wrong rules name X).
    const quiz = await api.startQuiz({
      mode: 'practice',
      selection: 'misconceptions',
      topics: [],
      count: 2,
    });
    expect(quiz.title).toBe('Practice: misconceptions seen most');
    expect(new Set(quiz.items.map((i) => i.questionId))).toEqual(
      new Set([idOf('bn-x'), idOf('tpl-bn-inference')]),
    );
    const fixed = quiz.items.find((i) => i.questionId === idOf('bn-x'))!;
    expect(fixed.options.map((o) => o.text)).toContain(X_OPTION);

    // Five asked: the two that show X, then the rest of batch normalisation; never segmentation.
    const wide = await api.startQuiz({
      mode: 'practice',
      selection: 'misconceptions',
      topics: [],
      count: 5,
      openQuizzes: 'discard',
    });
    const ids = wide.items.map((i) => i.questionId);
    expect(new Set(ids.slice(0, 2))).toEqual(new Set([idOf('bn-x'), idOf('tpl-bn-inference')]));
    expect(new Set(ids)).toEqual(
      new Set(['bn-x', 'tpl-bn-inference', 'bn-y', 'bn-plain'].map(idOf)),
    );
    expect(wide.items.every((i) => i.topicId === 'normalization')).toBe(true);
  });

  it('a misconceptions quiz while another is open asks first (open-quiz)', async () => {
    const { api, service, idOf } = setup();
    await pickX(api, idOf('bn-x'));
    await api.startQuiz({ mode: 'practice', selection: 'topics', topics: [], count: 1 });
    const result = await dispatch(service, 'startQuiz', {
      mode: 'practice',
      selection: 'misconceptions',
      count: 3,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'open-quiz' } });
  });
});
