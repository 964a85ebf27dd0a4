/**
 * Model-based test of the quiz state machine: random sequences of start (with the open-quiz
 * choice) / save / mark / check / similar / pause / resume / go-to / finish / discard / clock
 * advance and rewind / restart / sweep run against the
 * real service (SQLite file, fake clock) and a small in-memory model. Every call's outcome
 * (success or error code) must match the model, and after every step the quiz the page would
 * see must agree with it (status, answers, marks, feedback only when allowed, remaining time),
 * as must the number of stored attempts. The fast-check seed is logged for replay.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseDatabase } from '../../cli/commands/doctor';
import type { Db } from '../../db/connection';
import type { QuizState } from '../../electron/contract';
import { ServiceError } from '../../electron/service/errors';
import { createService } from '../../electron/service';
import { sweepExpiredQuizzes } from '../../electron/service/quiz';
import { FakeClock, makeDeps, openFixtureDb, seedSource, tempDbFile } from './quiz-helpers';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
const MIN = 60_000;

type Command =
  | {
      op: 'start';
      mode: 'practice' | 'exam';
      count: number;
      minutes: number;
      open: 'finish' | 'discard' | undefined;
    }
  | { op: 'save'; position: number }
  | { op: 'clear'; position: number }
  | { op: 'mark'; position: number; marked: boolean }
  | { op: 'check'; position: number }
  | { op: 'similar'; position: number }
  | { op: 'goto'; position: number }
  | { op: 'pause' }
  | { op: 'resume' }
  | { op: 'finish' }
  | { op: 'discard' }
  | { op: 'advance'; ms: number }
  | { op: 'rewind'; ms: number }
  | { op: 'restart' }
  | { op: 'sweep' };

const position = fc.nat({ max: 5 });
const startArb = fc.record({
  op: fc.constant('start' as const),
  mode: fc.constantFrom('practice' as const, 'exam' as const),
  count: fc.integer({ min: 1, max: 4 }),
  minutes: fc.integer({ min: 1, max: 5 }),
  open: fc.constantFrom(undefined, 'finish' as const, 'discard' as const),
});
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: startArb },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('save' as const), position }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const), position }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('mark' as const), position, marked: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('check' as const), position }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('similar' as const), position }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('goto' as const), position }) },
  { weight: 1, arbitrary: fc.constant({ op: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'resume' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'finish' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'discard' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('rewind' as const),
      ms: fc.integer({ min: 1, max: 3 * 60 * MIN }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('advance' as const),
      ms: fc.integer({ min: 0, max: 3 * MIN }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'sweep' as const }) },
);

interface ModelItem {
  answered: boolean;
  graded: boolean;
  marked: boolean;
}

interface ModelSession {
  id: number;
  mode: 'practice' | 'exam';
  status: 'active' | 'paused' | 'finished' | 'discarded';
  finishReason: 'submitted' | 'expired' | null;
  deadlineAt: number | null;
  items: ModelItem[];
  currentPosition: number;
}

type Outcome = 'ok' | ServiceError['code'];

class Model {
  sessions: ModelSession[] = [];
  constructor(private readonly clock: FakeClock) {}

  get current(): ModelSession | undefined {
    return this.sessions.at(-1);
  }

  finish(s: ModelSession, reason: 'submitted' | 'expired'): void {
    s.status = 'finished';
    s.finishReason = reason;
    for (const item of s.items) if (item.answered) item.graded = true;
  }

  /** The service finishes an overdue exam whenever it touches it. */
  expire(s: ModelSession): number {
    if (
      s.mode === 'exam' &&
      (s.status === 'active' || s.status === 'paused') &&
      s.deadlineAt !== null &&
      this.clock.now() >= s.deadlineAt
    ) {
      this.finish(s, 'expired');
      return 1;
    }
    return 0;
  }

  open(): ModelSession[] {
    return this.sessions.filter((x) => x.status === 'active' || x.status === 'paused');
  }

  examRunning(): boolean {
    return this.open().some((x) => x.mode === 'exam');
  }

  expireAll(): number {
    return this.sessions.reduce((n, s) => n + this.expire(s), 0);
  }

  /** What requireActive says about a session. */
  activeError(s: ModelSession): Outcome | null {
    if (s.status === 'discarded') return 'not-found';
    if (s.status === 'finished')
      return s.finishReason === 'expired' ? 'deadline-passed' : 'conflict';
    if (s.status === 'paused') return 'conflict';
    return null;
  }

  attempts(): number {
    return this.sessions.reduce((n, s) => n + s.items.filter((i) => i.graded).length, 0);
  }
}

async function outcomeOf(action: () => Promise<unknown>): Promise<Outcome> {
  try {
    await action();
    return 'ok';
  } catch (error) {
    if (error instanceof ServiceError) return error.code;
    throw error;
  }
}

function verify(state: QuizState, s: ModelSession, now: number): void {
  expect(state.status).toBe(s.status);
  if (s.mode === 'exam') expect(state.remainingMs).toBeLessThanOrEqual(state.durationMs!);
  expect(state.finishReason).toBe(s.finishReason);
  expect(state.items.map((i) => i.response !== null)).toEqual(s.items.map((i) => i.answered));
  expect(state.items.map((i) => i.marked)).toEqual(s.items.map((i) => i.marked));
  const finished = s.status === 'finished';
  expect(state.items.map((i) => i.feedback !== null)).toEqual(
    s.items.map((i) => finished || (s.mode === 'practice' && i.graded)),
  );
  if (s.mode === 'exam') {
    expect(state.remainingMs).toBe(finished ? 0 : s.deadlineAt! - now);
    if (!finished) {
      const json = JSON.stringify(state);
      for (const word of ['explanation', 'correctOptionIds', 'misconception', '"steps"'])
        expect(json).not.toContain(word);
    }
  } else {
    expect(state.remainingMs).toBeNull();
  }
  expect(state.currentPosition).toBe(s.currentPosition);
}

const databases: Db[] = [];
afterAll(() => {
  for (const db of databases) if (db.open) db.close();
});

describe('quiz state machine against a model', () => {
  it('agrees with the model on every step of random sessions', async () => {
    console.log(`quiz model: fast-check seed ${seed} (set FC_SEED to replay)`);
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(startArb, fc.array(commandArb, { minLength: 10, maxLength: 60, size: 'max' })),
        async ([first, rest]) => {
          const commands: Command[] = [first, ...rest];
          const file = tempDbFile('model.db');
          const clock = new FakeClock(Date.UTC(2025, 4, 5, 8, 0));
          const seeds = seedSource(77);
          let db = openFixtureDb(file, clock.now());
          databases.push(db);
          let deps = makeDeps(db, clock, seeds);
          let api = createService(deps);
          const model = new Model(clock);

          for (const command of commands) {
            const s = model.current;
            const withItem = (pos: number): Outcome | null =>
              s !== undefined && pos < s.items.length ? null : 'not-found';
            let expected: Outcome;
            let actual: Outcome;
            switch (command.op) {
              case 'start': {
                model.expireAll();
                const open = model.open();
                expected =
                  open.length === 0
                    ? 'ok'
                    : command.open === undefined
                      ? 'open-quiz'
                      : command.open === 'discard' && model.examRunning()
                        ? 'forbidden'
                        : 'ok';
                let started: QuizState | null = null;
                actual = await outcomeOf(async () => {
                  started = await api.startQuiz({
                    mode: command.mode,
                    selection: 'topics',
                    topics: [],
                    count: command.count,
                    durationMinutes: command.minutes,
                    openQuizzes: command.open,
                  });
                });
                if (started !== null) {
                  for (const x of open) {
                    if (command.open === 'finish') model.finish(x, 'submitted');
                    else x.status = 'discarded';
                  }
                  const st: QuizState = started;
                  expect(st.items).toHaveLength(command.count);
                  model.sessions.push({
                    id: st.sessionId,
                    mode: command.mode,
                    status: 'active',
                    finishReason: null,
                    deadlineAt:
                      command.mode === 'exam' ? clock.now() + command.minutes * MIN : null,
                    items: st.items.map(() => ({ answered: false, graded: false, marked: false })),
                    currentPosition: 0,
                  });
                }
                break;
              }
              case 'save':
              case 'clear': {
                if (s === undefined) continue;
                model.expire(s);
                expected =
                  model.activeError(s) ??
                  withItem(command.position) ??
                  (s.items[command.position].graded ? 'conflict' : 'ok');
                const state = await api.getQuiz({ sessionId: s.id }).catch(() => null);
                const view = state?.items[command.position];
                const response =
                  command.op === 'clear'
                    ? view?.kind === 'numeric'
                      ? { kind: 'numeric' as const, text: '  ' }
                      : { kind: 'choice' as const, optionIds: [] }
                    : view?.kind === 'numeric'
                      ? // The fixture's per-class Dice takes two numbers; the rest one.
                        {
                          kind: 'numeric' as const,
                          text: view.stem.includes('per-class') ? '1, 1' : '1',
                        }
                      : {
                          kind: 'choice' as const,
                          optionIds: view === undefined ? [] : [view.options[0].id],
                        };
                actual = await outcomeOf(() =>
                  api.saveAnswer({ sessionId: s.id, position: command.position, response }),
                );
                if (expected === 'ok') {
                  s.items[command.position].answered = command.op === 'save';
                  s.currentPosition = command.position;
                }
                break;
              }
              case 'mark': {
                if (s === undefined) continue;
                model.expire(s);
                expected = model.activeError(s) ?? withItem(command.position) ?? 'ok';
                actual = await outcomeOf(() =>
                  api.markForReview({
                    sessionId: s.id,
                    position: command.position,
                    marked: command.marked,
                  }),
                );
                if (expected === 'ok') s.items[command.position].marked = command.marked;
                break;
              }
              case 'check': {
                if (s === undefined) continue;
                model.expire(s);
                const item = s.items[command.position];
                // Check submits what is saved: in a running exam that only saves it again.
                expected =
                  model.activeError(s) ??
                  withItem(command.position) ??
                  (s.mode === 'exam'
                    ? 'ok'
                    : model.examRunning()
                      ? 'exam-running'
                      : item.graded
                        ? 'conflict'
                        : item.answered
                          ? 'ok'
                          : 'invalid-input');
                const view =
                  s.status === 'discarded'
                    ? undefined
                    : (await api.getQuiz({ sessionId: s.id })).items[command.position];
                const response =
                  view?.response ??
                  (view?.kind === 'numeric'
                    ? { kind: 'numeric' as const, text: '' }
                    : { kind: 'choice' as const, optionIds: [] });
                actual = await outcomeOf(() =>
                  api.submitAnswer({ sessionId: s.id, position: command.position, response }),
                );
                if (expected === 'ok') {
                  if (s.mode === 'practice') item.graded = true;
                  s.currentPosition = command.position;
                }
                break;
              }
              case 'similar': {
                if (s === undefined) continue;
                model.expire(s);
                if (s.status === 'discarded') {
                  expected = 'not-found';
                  actual = await outcomeOf(() =>
                    api.trySimilar({ sessionId: s.id, position: command.position }),
                  );
                  break;
                }
                const finished = s.status === 'finished';
                // From a finished quiz: a new one-question practice. Never while an exam runs.
                expected = model.examRunning()
                  ? 'exam-running'
                  : finished
                    ? (withItem(command.position) ?? (model.open().length > 0 ? 'open-quiz' : 'ok'))
                    : (model.activeError(s) ?? withItem(command.position) ?? 'ok');
                const before = await api.getQuiz({ sessionId: s.id });
                let result: QuizState | null = null;
                actual = await outcomeOf(async () => {
                  result = await api.trySimilar({ sessionId: s.id, position: command.position });
                });
                // A bank item may have no other question left on its topic.
                if (
                  expected === 'ok' &&
                  actual === 'invalid-input' &&
                  !before.items[command.position].fromTemplate
                ) {
                  expected = 'invalid-input';
                }
                if (expected === 'ok' && actual === 'ok' && finished && result !== null) {
                  const st: QuizState = result;
                  expect(st.sessionId).not.toBe(s.id);
                  expect(st.items).toHaveLength(1);
                  model.sessions.push({
                    id: st.sessionId,
                    mode: 'practice',
                    status: 'active',
                    finishReason: null,
                    deadlineAt: null,
                    items: [{ answered: false, graded: false, marked: false }],
                    currentPosition: 0,
                  });
                } else if (expected === 'ok' && actual === 'ok') {
                  s.items.splice(command.position + 1, 0, {
                    answered: false,
                    graded: false,
                    marked: false,
                  });
                  s.currentPosition = command.position + 1;
                }
                break;
              }
              case 'goto': {
                if (s === undefined) continue;
                model.expire(s);
                expected = model.activeError(s) ?? withItem(command.position) ?? 'ok';
                actual = await outcomeOf(() =>
                  api.goTo({ sessionId: s.id, position: command.position }),
                );
                if (expected === 'ok') s.currentPosition = command.position;
                break;
              }
              case 'pause': {
                if (s === undefined) continue;
                model.expire(s);
                expected =
                  s.status === 'discarded'
                    ? 'not-found'
                    : s.mode === 'exam'
                      ? 'forbidden'
                      : s.status === 'active'
                        ? 'ok'
                        : 'conflict';
                actual = await outcomeOf(() => api.pauseQuiz({ sessionId: s.id }));
                if (expected === 'ok') s.status = 'paused';
                break;
              }
              case 'resume': {
                if (s === undefined) continue;
                model.expire(s);
                expected =
                  s.status === 'discarded'
                    ? 'not-found'
                    : s.mode === 'exam'
                      ? 'forbidden'
                      : s.status === 'paused'
                        ? 'ok'
                        : 'conflict';
                actual = await outcomeOf(() => api.resumeQuiz({ sessionId: s.id }));
                if (expected === 'ok') s.status = 'active';
                break;
              }
              case 'finish': {
                if (s === undefined) continue;
                model.expire(s);
                expected = s.status === 'discarded' ? 'not-found' : 'ok';
                actual = await outcomeOf(() => api.finishQuiz({ sessionId: s.id }));
                if (expected === 'ok' && s.status !== 'finished') model.finish(s, 'submitted');
                break;
              }
              case 'discard': {
                if (s === undefined) continue;
                model.expire(s);
                expected =
                  s.status === 'discarded'
                    ? 'not-found'
                    : s.mode === 'exam'
                      ? 'forbidden'
                      : s.status === 'finished'
                        ? 'conflict'
                        : 'ok';
                actual = await outcomeOf(() => api.discardQuiz({ sessionId: s.id }));
                if (expected === 'ok') s.status = 'discarded';
                break;
              }
              case 'rewind': {
                // The clock is set back: an open exam's time left stays what it was.
                clock.advance(-command.ms);
                for (const x of model.open()) if (x.deadlineAt !== null) x.deadlineAt -= command.ms;
                expected = 'ok';
                actual = 'ok';
                break;
              }
              case 'advance':
                // Then the step's check looks at the quiz, as the app's one-second sweep does:
                // time the service has seen pass is never given back by a later rewind.
                clock.advance(command.ms);
                expected = 'ok';
                actual = 'ok';
                break;
              case 'restart':
                db.close();
                db = openFixtureDb(file, clock.now());
                databases.push(db);
                deps = makeDeps(db, clock, seeds);
                api = createService(deps);
                continue;
              case 'sweep': {
                const due = model.expireAll();
                expect(sweepExpiredQuizzes(deps)).toBe(due);
                continue;
              }
              default:
                throw new Error(`unknown command ${JSON.stringify(command)}`);
            }
            expect(actual, `${JSON.stringify(command)} at t=${clock.now()}`).toBe(expected);
            const current = model.current;
            if (current !== undefined && current.status !== 'discarded') {
              model.expire(current);
              verify(await api.getQuiz({ sessionId: current.id }), current, clock.now());
            }
            expect(db.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(
              model.attempts(),
            );
          }
          const report = diagnoseDatabase(db);
          expect(report.problems).toEqual([]);
          db.close();
        },
      ),
      { seed, numRuns: 60 },
    );
  }, 120_000);
});
