/**
 * The bank screen's search and preview through the real service (`dispatch`, as the page calls
 * it) on a real SQLite file: spelling-forgiving search over stems and topic titles, Greek
 * letters found by symbol, the key and worked solution on request, "practise this question",
 * and the key refused while an exam runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ApiMethod,
  ApiResult,
  QuestionPage,
  QuestionPreview,
  QuizState,
} from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import { SECRET, setupQuiz } from './quiz-helpers';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function setup() {
  const quiz = setupQuiz();
  opened.push(quiz.db);
  const call = (method: ApiMethod, input?: unknown) =>
    dispatch(quiz.api, method, input) as Promise<ApiResult<unknown>>;
  async function value<T>(method: ApiMethod, input?: unknown): Promise<T> {
    const result = await call(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  }
  const itemIds = async (search: string, extra: object = {}) =>
    (await value<QuestionPage>('listQuestions', { search, ...extra })).items.map((i) => i.itemId);
  const idOf = (itemId: string): number =>
    quiz.db.prepare('SELECT id FROM questions WHERE item_id = ?').pluck().get(itemId) as number;
  return { ...quiz, call, value, itemIds, idOf };
}

/** A pack whose stems write Greek letters as symbols, LaTeX and words. */
const greekPack = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'greek',
  title: 'Greek letters',
  license: 'CC0-1.0',
  topics: [{ id: 'greek-bn', title: 'Scale and shift' }],
  items: [
    ['gamma-latex', 'Batch norm multiplies by $\\gamma$ after normalising.'],
    ['gamma-symbol', 'Set γ = 2: what does the output become?'],
    ['gamma-word', 'The parameter gamma is learned per channel.'],
    ['sigma-latex', 'What is $\\sigma$ of 1, 2 and 3?'],
  ].map(([id, stem]) => ({
    id,
    topic: 'greek-bn',
    type: 'mcq',
    stem,
    options: [
      { id: 'a', text: 'one' },
      { id: 'b', text: 'two' },
    ],
    answer: ['a'],
    explanation: 'Worked out.',
    difficulty: 2,
    tags: [],
    source: 'test',
  })),
};

describe('bank search through the service', () => {
  it('forgives British and American spelling and searches topic titles', async () => {
    const { itemIds } = setup();
    // The fixture writes "batch normalisation normalises" in bn-test-time's stem and
    // "Batch normalisation" as the topic of bn-mean and tpl-bn-stats (their stems do not say it).
    expect(await itemIds('normalization')).toEqual(['bn-test-time', 'bn-mean', 'tpl-bn-stats']);
    expect(await itemIds('NORMALISATION')).toEqual(['bn-test-time', 'bn-mean', 'tpl-bn-stats']);
    // "Regularisation" is the topic of three items; only l1-sparsity's stem says it.
    expect(await itemIds('regularization')).toEqual(['l1-sparsity', 'dropout-test', 'capacity']);
    // A topic-title word no stem has: "metrics" (Segmentation metrics).
    expect(await itemIds('metrics')).toEqual(['dice-value', 'dice-vector']);
    // Filters still apply to the matches.
    expect(await itemIds('regularization', { type: 'msq' })).toEqual(['l1-sparsity']);
  });

  it('finds a Greek letter by symbol in a bank imported through the service', async () => {
    const { value, itemIds } = setup();
    expect(await itemIds('γ')).toEqual([]);
    const report = await value<{ ok: boolean }>('importBank', {
      fileName: 'greek.json',
      content: JSON.stringify(greekPack),
    });
    expect(report.ok).toBe(true);
    expect(await itemIds('γ')).toEqual(['gamma-latex', 'gamma-symbol', 'gamma-word']);
    expect(await itemIds('σ')).toEqual(['sigma-latex']);
    expect(await itemIds('\\sigma')).toEqual(['sigma-latex']);
  });
});

describe('bank preview through the service', () => {
  it('shows the key and explanation only when asked', async () => {
    const { value, idOf } = setup();
    const questionId = idOf('bn-test-time');
    const plain = await value<QuestionPreview>('previewQuestion', { questionId });
    expect(plain.view.feedback).toBeNull();
    expect(JSON.stringify(plain)).not.toContain(SECRET.bnExplanation);
    const shown = await value<QuestionPreview>('previewQuestion', { questionId, withAnswer: true });
    // The fixture's key is option b, "the running averages from training", shown second.
    expect(shown.view.options[1].text).toBe('the running averages from training');
    expect(shown.view.feedback?.correctOptionIds).toEqual(['o2']);
    expect(shown.view.feedback?.explanation).toBe(SECRET.bnExplanation);
    expect(shown.view.feedback?.optionFeedback.o1).toBe(SECRET.bnWrongFeedback);
    const numeric = await value<QuestionPreview>('previewQuestion', {
      questionId: idOf('dice-value'),
      withAnswer: true,
    });
    // 2·4 / (6 + 4) = 0.8.
    expect(numeric.view.feedback?.correctValue).toBe('0.8');
  });

  it('practises exactly the previewed question', async () => {
    const { value, idOf } = setup();
    const questionId = idOf('dice-value');
    const quiz = await value<QuizState>('startQuiz', {
      mode: 'practice',
      selection: 'questions',
      questionIds: [questionId],
      count: 1,
    });
    expect(quiz.mode).toBe('practice');
    expect(quiz.items.map((i) => i.questionId)).toEqual([questionId]);
    expect(quiz.items[0].stem).toContain('overlap in 4 pixels');
  });

  it('refuses the key while an exam runs, with a message that says why', async () => {
    const { value, call, idOf } = setup();
    const questionId = idOf('bn-test-time');
    const exam = await value<QuizState>('startQuiz', {
      mode: 'exam',
      selection: 'topics',
      topics: ['normalization'],
      count: 3,
      durationMinutes: 30,
    });
    const refused = await call('previewQuestion', { questionId, withAnswer: true });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'exam-running',
        message: `Keys and worked solutions stay hidden while the exam "${exam.title}" is running. Finish the exam first.`,
      },
    });
    expect(JSON.stringify(refused)).not.toContain(SECRET.bnExplanation);
    // Practising a question is refused too: the exam has to be finished first.
    const practice = await call('startQuiz', {
      mode: 'practice',
      selection: 'questions',
      questionIds: [questionId],
      count: 1,
    });
    expect(practice).toMatchObject({ ok: false, error: { code: 'open-quiz' } });
    // Once the exam is finished the key is there again.
    await value('finishQuiz', { sessionId: exam.sessionId });
    const after = await value<QuestionPreview>('previewQuestion', { questionId, withAnswer: true });
    expect(after.view.feedback?.explanation).toBe(SECRET.bnExplanation);
  });
});
