/**
 * `simulate --db DB --learners N --answers M --seed S`: simulated learners take recommended
 * practice quizzes through the service's `dispatch` (the path the window and browser mode take),
 * answering with a seeded skill model; each answer goes in with `submitAnswer` and is
 * acknowledged (`ack <attemptId>`) only once that call has returned, i.e. committed. Used to fill
 * databases for demos and benchmarks, and by the crash test (kill -9 at any moment must lose no
 * acknowledged attempt).
 */
import { displayTextAnswer, formatNumericKey } from '../../core/grading';
import { toViewIds } from '../../core/option-order';
import { Rng } from '../../core/selection';
import type { ResolvedQuestion, Response } from '../../core/types';
import { ensureBuiltinBank } from '../../db/bank/builtin';
import { DatabaseOpenError, openDatabase, type Db } from '../../db/connection';
import { DatabaseFromFutureError } from '../../db/migrations';
import { ensureLearner } from '../../db/queries/learners';
import type { QuizState } from '../../electron/contract';
import { DispatchError, dispatchingClient } from '../../electron/dispatch';
import { createService } from '../../electron/service';
import { systemClock, type ServiceDeps } from '../../electron/service/deps';
import { ServiceError } from '../../electron/service/errors';
import { resolveQuizItem } from '../../electron/service/quiz';
import { parseArgs, requireFlag, UsageError, type Command } from '../io';

/** Questions per simulated quiz. */
const QUIZ_LENGTH = 10;

function intFlag(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/**
 * A simulated learner: P(right) = sigmoid(ability + topic bonus + 0.15·(answers on the topic so
 * far) − 0.7·(difficulty − 3)), so learners differ, topics differ per learner, and practice helps.
 */
class SimulatedLearner {
  private readonly topicBonus = new Map<string, number>();
  private readonly practised = new Map<string, number>();
  readonly ability: number;

  constructor(private readonly rng: Rng) {
    this.ability = rng.next() * 3 - 1.5;
  }

  answersRight(topicId: string, difficulty: number): boolean {
    let bonus = this.topicBonus.get(topicId);
    if (bonus === undefined) {
      bonus = this.rng.next() * 2 - 1;
      this.topicBonus.set(topicId, bonus);
    }
    const practised = this.practised.get(topicId) ?? 0;
    this.practised.set(topicId, practised + 1);
    const logit = this.ability + bonus + 0.15 * practised - 0.7 * (difficulty - 3);
    return this.rng.next() < 1 / (1 + Math.exp(-logit));
  }

  respond(question: ResolvedQuestion, right: boolean): Response {
    const options = question.options ?? [];
    switch (question.kind) {
      case 'mcq': {
        const wrong = options.filter((o) => !o.correct);
        const pick =
          right || wrong.length === 0 ? options.find((o) => o.correct) : this.rng.pick(wrong);
        return { kind: 'choice', optionIds: pick === undefined ? [] : [pick.id] };
      }
      case 'msq': {
        const keyIds = options.filter((o) => o.correct).map((o) => o.id);
        if (right) return { kind: 'choice', optionIds: keyIds };
        // Flip one option: miss a correct one or add a wrong one.
        const flip = this.rng.pick(options).id;
        const ids = keyIds.includes(flip) ? keyIds.filter((id) => id !== flip) : [...keyIds, flip];
        if (ids.length > 0) return { kind: 'choice', optionIds: ids };
        const wrong = options.filter((o) => !o.correct);
        return { kind: 'choice', optionIds: wrong.length > 0 ? [this.rng.pick(wrong).id] : keyIds };
      }
      case 'numeric': {
        const key = question.numeric;
        if (key === undefined) return { kind: 'numeric', text: '0' };
        if (right) return { kind: 'numeric', text: formatNumericKey(key) };
        const values = typeof key.value === 'number' ? [key.value] : [...key.value];
        values[0] = values[0] * 1.5 + 1;
        return { kind: 'numeric', text: values.join(', ') };
      }
      case 'short': {
        const full = question.text?.answers.find((a) => a.weight >= 1);
        return {
          kind: 'text',
          text: right && full !== undefined ? displayTextAnswer(full.value) : 'no idea',
        };
      }
      default:
        throw new Error(`unknown question kind ${String(question.kind)}`);
    }
  }
}

function openForSimulation(file: string): Db {
  try {
    return openDatabase(file);
  } catch (error) {
    if (error instanceof DatabaseFromFutureError || error instanceof DatabaseOpenError) {
      throw new UsageError(`simulate: ${error.message}`);
    }
    throw error;
  }
}

/** `simulate --db DB --learners N --answers M --seed S` (M answers per learner). */
export const simulateCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['db', 'learners', 'answers', 'seed']);
  if (parsed.positional.length > 0)
    throw new UsageError(`simulate: unexpected argument "${parsed.positional[0]}"`);
  const file = requireFlag(parsed, 'db');
  const learners = intFlag(requireFlag(parsed, 'learners'), 'learners', 1, 10_000);
  const answers = intFlag(requireFlag(parsed, 'answers'), 'answers', 0, 10_000_000);
  const seed = intFlag(requireFlag(parsed, 'seed'), 'seed', 0, 0xffffffff);

  const db = openForSimulation(file);
  try {
    await simulate(db, file, { learners, answers, seed }, io.out);
  } catch (error) {
    if (error instanceof ServiceError || error instanceof DispatchError)
      throw new UsageError(`simulate: ${error.message}`);
    throw error;
  } finally {
    db.close();
  }
  return 0;
};

async function simulate(
  db: Db,
  file: string,
  { learners, answers, seed }: { learners: number; answers: number; seed: number },
  out: (text: string) => void,
): Promise<void> {
  ensureBuiltinBank(db, systemClock.now());
  const seeds = new Rng(seed, 1);
  for (let l = 0; l < learners; l++) {
    const rng = new Rng(seed, 100 + l);
    const learner = new SimulatedLearner(rng);
    const deps: ServiceDeps = {
      db,
      clock: systemClock,
      nextSeed: () => seeds.nextUint32(),
      learnerId: ensureLearner(db, `sim-${seed}-${l + 1}`, systemClock.now()),
      dbPath: file,
      mode: 'desktop',
      version: 'simulate',
      productName: 'DeepDrill',
      lockdown: { hideImport: false, examOnly: false, fixedMsqRule: null },
    };
    const api = dispatchingClient(createService(deps));
    let answered = 0;
    while (answered < answers) {
      // A quiz left open by an interrupted run is resumed (an exam would be finished first).
      let quiz: QuizState | null = await api.getOpenQuiz();
      if (quiz !== null && quiz.mode === 'exam') {
        await api.finishQuiz({ sessionId: quiz.sessionId });
        quiz = null;
      }
      if (quiz !== null && quiz.status === 'paused')
        quiz = await api.resumeQuiz({ sessionId: quiz.sessionId });
      quiz ??= await api.startQuiz({
        mode: 'practice',
        selection: 'recommended',
        topics: [],
        count: Math.min(QUIZ_LENGTH, answers - answered),
      });
      for (const view of quiz.items) {
        if (answered >= answers) break;
        if (view.feedback !== null) continue;
        const { stored, question, options } = resolveQuizItem(deps, quiz.sessionId, view.position);
        const right = learner.answersRight(stored.topicId, stored.difficulty);
        const response = learner.respond(question, right);
        const state = await api.submitAnswer({
          sessionId: quiz.sessionId,
          position: view.position,
          response:
            response.kind === 'choice'
              ? { kind: 'choice', optionIds: toViewIds(options, response.optionIds) }
              : response,
        });
        // Committed: only now is the answer acknowledged.
        out(`ack ${state.items[view.position].feedback?.attemptId}\n`);
        answered++;
      }
      await api.finishQuiz({ sessionId: quiz.sessionId });
    }
  }
}
