/**
 * Shared setup of the quiz engine's integration tests: a tiny bank pack with every item type,
 * a movable clock, seeded variant seeds, and a service over a real SQLite file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPack } from '../../db/bank/import';
import { openDatabase, type Db } from '../../db/connection';
import { ensureLearner } from '../../db/queries/learners';
import type { BankPackInput } from '../../db/bank/schema';
import type { AppApi, LearnerResponse, QuizState } from '../../electron/contract';
import { createService } from '../../electron/service';
import type { ServiceDeps } from '../../electron/service/deps';
import { resolveQuizItem } from '../../electron/service/quiz';

/** Markers that must never reach the page before an exam is finished. */
export const SECRET = {
  bnExplanation: 'EXPLANATION-bn-running-stats',
  bnCorrectFeedback: 'FEEDBACK-correct-running-mean',
  bnWrongFeedback: 'FEEDBACK-wrong-batch-mean',
  l1Explanation: 'EXPLANATION-l1-sparsity',
  diceExplanation: 'EXPLANATION-dice-formula',
  templateAddendum: 'ADDENDUM-template-note',
} as const;

const source = 'DeepDrill test fixture';

/** Three topics; mcq, msq, numeric (scalar and vector) and template items. */
export const fixturePack: BankPackInput = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'fixture',
  title: 'Fixture bank',
  license: 'CC0-1.0',
  topics: [
    { id: 'normalization', title: 'Batch normalisation' },
    { id: 'regularization', title: 'Regularisation' },
    { id: 'segmentation', title: 'Segmentation metrics' },
  ],
  items: [
    {
      id: 'bn-test-time',
      topic: 'normalization',
      type: 'mcq',
      stem: 'At test time, batch normalisation normalises each channel with…',
      options: [
        {
          id: 'a',
          text: 'the statistics of the current test batch',
          feedback: SECRET.bnWrongFeedback,
          misconception: { id: 'bn-test-batch-stats', label: 'Uses batch statistics at test time' },
        },
        { id: 'b', text: 'the running averages from training', feedback: SECRET.bnCorrectFeedback },
        { id: 'c', text: 'no statistics at all' },
      ],
      answer: ['b'],
      explanation: SECRET.bnExplanation,
      difficulty: 1,
      tags: ['batchnorm'],
      source,
    },
    {
      id: 'bn-mean',
      topic: 'normalization',
      type: 'numeric',
      stem: 'A batch has values 1, 2 and 6 in one channel. What is the batch mean?',
      answer: { value: 3, tolerance: { abs: 0.01 } },
      explanation: 'The mean is (1 + 2 + 6) / 3 = 3.',
      difficulty: 2,
      tags: ['batchnorm'],
      source,
    },
    {
      id: 'tpl-bn-stats',
      topic: 'normalization',
      type: 'template',
      template: 'batchnorm-train-stats',
      form: 'mcq',
      params: { level: 1 },
      explanation: SECRET.templateAddendum,
      difficulty: 3,
      tags: ['template'],
      source,
    },
    {
      id: 'l1-sparsity',
      topic: 'regularization',
      type: 'msq',
      stem: 'Which statements about L1 regularisation are true?',
      options: [
        { id: 'a', text: 'It drives many weights to exactly zero.' },
        {
          id: 'b',
          text: 'It is the sum of squared weights.',
          misconception: { id: 'l1-is-l2', label: 'Confuses L1 with L2' },
        },
        { id: 'c', text: 'Its gradient has constant magnitude away from zero.' },
        { id: 'd', text: 'It always improves training accuracy.' },
      ],
      answer: ['a', 'c'],
      explanation: SECRET.l1Explanation,
      difficulty: 2,
      tags: ['l1'],
      source,
    },
    {
      id: 'dropout-test',
      topic: 'regularization',
      type: 'mcq',
      stem: 'With inverted dropout, what changes at test time?',
      options: [
        { id: 'a', text: 'Nothing: no units are dropped and no rescaling is needed.' },
        { id: 'b', text: 'Activations are multiplied by the keep probability.' },
      ],
      answer: ['a'],
      explanation: 'Inverted dropout rescales during training.',
      difficulty: 2,
      tags: ['dropout'],
      source,
    },
    {
      id: 'capacity',
      topic: 'regularization',
      type: 'mcq',
      stem: 'A model underfits. Which change helps most?',
      options: [
        { id: 'a', text: 'More capacity.' },
        { id: 'b', text: 'More dropout.' },
      ],
      answer: ['a'],
      explanation: 'Underfitting calls for more capacity.',
      difficulty: 3,
      tags: ['capacity'],
      source,
    },
    {
      id: 'dice-value',
      topic: 'segmentation',
      type: 'numeric',
      stem: 'Prediction and mask overlap in 4 pixels; the prediction has 6 and the mask 4. Dice?',
      answer: { value: 0.8, tolerance: { abs: 0.005 } },
      explanation: SECRET.diceExplanation,
      difficulty: 2,
      tags: ['dice'],
      source,
    },
    {
      id: 'dice-vector',
      topic: 'segmentation',
      type: 'numeric',
      stem: 'Give the per-class Dice of two classes.',
      answer: { value: [0.5, 1], tolerance: { abs: 0.01 } },
      explanation: 'Per class.',
      difficulty: 4,
      tags: ['dice'],
      source,
    },
  ],
};

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Seeds 1000, 1001, … (deterministic, and never repeating within a test). */
export function seedSource(start = 1000): () => number {
  let next = start;
  return () => next++;
}

export function tempDbFile(name = 'quiz.db'): string {
  return join(mkdtempSync(join(tmpdir(), 'deepdrill-quiz-')), name);
}

/** Opens (creating and importing the fixture if needed) a database file. */
export function openFixtureDb(file: string, now: number): Db {
  const db = openDatabase(file);
  const hasBank = db.prepare('SELECT count(*) AS n FROM banks').get() as { n: number };
  if (hasBank.n === 0) {
    const report = importPack(db, fixturePack, { now });
    if (!report.ok) throw new Error(`fixture import failed: ${JSON.stringify(report.problems)}`);
  }
  return db;
}

export function makeDeps(
  db: Db,
  clock: FakeClock,
  nextSeed: () => number,
  learnerName = 'learner',
): ServiceDeps {
  return {
    db,
    clock,
    nextSeed,
    learnerId: ensureLearner(db, learnerName, clock.now()),
    dbPath: ':test:',
    mode: 'desktop',
    version: '0.0.0-test',
    productName: 'DeepDrill',
    lockdown: { hideImport: false, examOnly: false, fixedMsqRule: null },
  };
}

/** A service over a fresh fixture database. */
export function setupQuiz(options: { file?: string; start?: number } = {}) {
  const file = options.file ?? tempDbFile();
  const clock = new FakeClock(options.start ?? Date.UTC(2025, 2, 3, 9, 0, 0));
  const db = openFixtureDb(file, clock.now());
  const nextSeed = seedSource();
  const deps = makeDeps(db, clock, nextSeed);
  return { file, clock, db, deps, nextSeed, api: createService(deps) };
}

/**
 * The response that picks the options stored as `storedIds` (`'a'`, `'b'` of the fixture, or a
 * template's own ids), in the ids the page was given. Matched by option text, so the test does
 * not lean on the service's own id mapping.
 */
export function choose(
  deps: ServiceDeps,
  state: QuizState,
  position: number,
  ...storedIds: string[]
): LearnerResponse {
  const stored = resolveQuizItem(deps, state.sessionId, position).question.options ?? [];
  const shown = state.items[position].options;
  const optionIds = storedIds.map((id) => {
    const text = stored.find((o) => o.id === id)?.text;
    const view = shown.find((o) => o.text === text);
    if (text === undefined || view === undefined) throw new Error(`no option ${id} at ${position}`);
    return view.id;
  });
  return { kind: 'choice', optionIds };
}

/** The page-facing id of the option whose text contains `text`. */
export function optionWith(state: QuizState, position: number, text: string): string {
  const option = state.items[position].options.find((o) => o.text.includes(text));
  if (option === undefined) throw new Error(`no option "${text}" at ${position}`);
  return option.id;
}

/** Practice "Check" of what is saved at `position`: one `submitAnswer` with that response. */
export async function check(api: AppApi, sessionId: number, position: number): Promise<QuizState> {
  const saved = (await api.getQuiz({ sessionId })).items[position]?.response;
  return api.submitAnswer({
    sessionId,
    position,
    response: saved ?? { kind: 'choice', optionIds: [] },
  });
}
