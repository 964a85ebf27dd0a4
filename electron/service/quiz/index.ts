/**
 * The quiz part of `AppApi`, one short handler each: start (topic, recommended or due-review
 * quizzes), answer, navigate, try a similar question, pause/resume (practice), finish, discard,
 * review, history, dashboard. Rooms, bottom up: `questions` (resolution) → `record` (grade and
 * persist an attempt) → `lifecycle` (load, exam time, expire, finish, guards) → `views` (what
 * the page sees and sends) → `plan` (start, similar) and `answer` (save, submit, move, mark).
 */
import { MIN_EXAM_MINUTES } from '../../../core/exam-clock';
import { presentOptions, type PresentedOption } from '../../../core/option-order';
import { Rng } from '../../../core/selection';
import type { MsqRule, ResolvedQuestion } from '../../../core/types';
import { transactionWithoutFsync } from '../../../db/connection';
import type { StoredQuestion } from '../../../db/queries/questions';
import {
  getSession,
  listItems,
  listSessionHistory,
  maxQuestionId,
  setSessionStatus,
  type QuizSessionRecord,
} from '../../../db/queries/quiz';
import type { AppApi, QuizState, QuizSummary } from '../../contract';
import { buildDashboard, listTopicMastery } from '../dashboard';
import type { ServiceDeps } from '../deps';
import { ServiceError } from '../errors';
import { getSettings } from '../settings';
import {
  checkPart,
  goTo,
  insertItemAfter,
  markForReview,
  revealHint,
  saveAnswer,
  submitAnswer,
  tryAgain,
} from './answer';
import {
  finishInTransaction,
  loadSession,
  openSessionsAfterExpiry,
  requireActive,
  requireItem,
  requireNoRunningExam,
  settleOpenQuizzes,
} from './lifecycle';
import { countMatching, fillNewSlot, insertPlannedSession, planItems, quizTitle } from './plan';
import { takePlannedAhead } from './plan-ahead';
import { freshSeed, prepareQuestion, resolveItem, type PreparedQuestion } from './questions';
import { buildReview, buildState, summaryOf } from './views';

export { sweepExpiredQuizzes } from './lifecycle';
export { planRecommendedAhead } from './plan-ahead';

type QuizUseCases = Pick<
  AppApi,
  | 'getDashboard'
  | 'listTopics'
  | 'startQuiz'
  | 'getQuiz'
  | 'getOpenQuiz'
  | 'listOpenQuizzes'
  | 'countMatching'
  | 'goTo'
  | 'saveAnswer'
  | 'submitAnswer'
  | 'markForReview'
  | 'trySimilar'
  | 'tryAgain'
  | 'revealHint'
  | 'checkPart'
  | 'pauseQuiz'
  | 'resumeQuiz'
  | 'finishQuiz'
  | 'discardQuiz'
  | 'getReview'
  | 'listHistory'
>;

/** Sessions listed by `listHistory`, newest first. */
export const HISTORY_LIMIT = 100;

/**
 * The question at a quiz position as resolved in the main process, key included, with its
 * options as shown: for tools that play the learner (the simulator, benchmarks, crash tests).
 * Never send it to the page.
 */
export function resolveQuizItem(
  deps: ServiceDeps,
  sessionId: number,
  position: number,
): {
  readonly stored: StoredQuestion;
  readonly question: ResolvedQuestion;
  readonly options: readonly PresentedOption[];
} {
  const session = loadSession(deps, sessionId);
  const item = requireItem(deps, session, position);
  const { stored, question } = resolveItem(deps.db, item);
  return { stored, question, options: presentOptions(question.options ?? [], item.optionSeed) };
}

function summarize(deps: ServiceDeps, session: QuizSessionRecord): QuizSummary {
  const items = listItems(deps.db, session.id);
  return summaryOf(session, {
    itemCount: items.length,
    answeredCount: items.filter((i) => i.response !== null).length,
  });
}

/** A one-question practice session with a fresh variant (try-similar from a review). */
function startSimilarSession(
  deps: ServiceDeps,
  from: QuizSessionRecord,
  topicTitle: string,
  prepared: PreparedQuestion,
): number {
  return deps.db.transaction(() =>
    insertPlannedSession(
      deps,
      {
        mode: 'practice',
        msqRule: from.msqRule,
        title: `Similar question: ${topicTitle}`,
        now: deps.clock.now(),
        durationMs: null,
      },
      [prepared],
    ),
  )();
}

/** The quiz part of `AppApi` over `deps`. */
export function quizUseCases(deps: ServiceDeps): QuizUseCases {
  const { db } = deps;
  const state = (sessionId: number): QuizState => buildState(deps, getSession(db, sessionId)!);
  const refuseExamOnly = (): void => {
    if (deps.lockdown.examOnly) {
      throw new ServiceError('forbidden', 'This installation only allows exams.');
    }
  };
  /** A session the page may look at while an exam runs: only that exam. */
  const viewable = (sessionId: number): QuizSessionRecord => {
    const session = loadSession(deps, sessionId);
    requireNoRunningExam(deps, 'Other quizzes stay closed', session.id);
    return session;
  };

  return {
    async getDashboard() {
      return buildDashboard(
        deps,
        openSessionsAfterExpiry(deps).map((s) => summarize(deps, s)),
      );
    },

    async listTopics() {
      return listTopicMastery(deps);
    },

    async startQuiz(input) {
      if (input.mode === 'practice') refuseExamOnly();
      const settings = getSettings(db);
      const msqRule: MsqRule =
        deps.lockdown.fixedMsqRule ?? input.msqRule ?? settings.defaultMsqRule;
      const minutes = Math.max(
        MIN_EXAM_MINUTES,
        input.durationMinutes ?? settings.defaultTimerMinutes,
      );
      const durationMs = input.mode === 'exam' ? Math.round(minutes * 60_000) : null;
      // Plan first: a request that cannot be met is refused before any open quiz is touched.
      const planned = takePlannedAhead(deps, input) ?? planItems(deps, input, freshSeed(deps));
      settleOpenQuizzes(deps, input.openQuizzes);
      const now = deps.clock.now();
      // A power cut right after starting loses at most this start, nothing the learner answered;
      // an app crash loses nothing (WAL). Answers are always committed with a full fsync.
      const sessionId = transactionWithoutFsync(db, () =>
        insertPlannedSession(
          deps,
          { mode: input.mode, msqRule, title: quizTitle(input, planned), now, durationMs },
          planned,
        ),
      );
      return state(sessionId);
    },

    async getQuiz({ sessionId }) {
      return buildState(deps, viewable(sessionId));
    },

    async getOpenQuiz() {
      const open = openSessionsAfterExpiry(deps)[0];
      return open === undefined ? null : buildState(deps, open);
    },

    async listOpenQuizzes() {
      return openSessionsAfterExpiry(deps).map((s) => summarize(deps, s));
    },

    async countMatching(input) {
      return { matching: countMatching(deps, input) };
    },

    async goTo(input) {
      return buildState(deps, goTo(deps, input));
    },

    async saveAnswer(input) {
      return buildState(deps, saveAnswer(deps, input));
    },

    async submitAnswer(input) {
      return buildState(deps, submitAnswer(deps, input).session);
    },

    async markForReview(input) {
      return buildState(deps, markForReview(deps, input));
    },

    async trySimilar({ sessionId, position, openQuizzes }) {
      const session = loadSession(deps, sessionId);
      requireNoRunningExam(deps, 'Similar questions are for practice, not');
      const finished = session.status === 'finished';
      if (!finished) requireActive(session);
      const item = requireItem(deps, session, position);
      const resolved = resolveItem(db, item);
      let prepared: PreparedQuestion | null;
      if (resolved.stored.type === 'template') {
        prepared = prepareQuestion(deps, item.questionId);
      } else {
        const inQuiz = finished
          ? new Set([item.questionId])
          : new Set(listItems(db, sessionId).map((i) => i.questionId));
        const questionId = fillNewSlot(
          deps,
          { topicId: resolved.stored.topicId, targetDifficulty: resolved.stored.difficulty },
          { min: 1, max: 5 },
          inQuiz,
          new Rng(freshSeed(deps), 0x51a11a),
          maxQuestionId(db),
        );
        prepared = questionId === null ? null : prepareQuestion(deps, questionId);
      }
      if (prepared === null) {
        throw new ServiceError(
          'invalid-input',
          `There is no other question on ${resolved.stored.topicTitle} left for this quiz.`,
        );
      }
      if (finished) {
        // From a review: a new one-question practice, once the open quizzes are dealt with.
        refuseExamOnly();
        settleOpenQuizzes(deps, openQuizzes);
        return state(startSimilarSession(deps, session, resolved.stored.topicTitle, prepared));
      }
      insertItemAfter(deps, sessionId, position, {
        questionId: prepared.questionId,
        questionVersion: prepared.version,
        variantSeed: prepared.seed,
        optionSeed: freshSeed(deps),
      });
      return state(sessionId);
    },

    async tryAgain(input) {
      return buildState(deps, tryAgain(deps, input));
    },

    async revealHint(input) {
      return buildState(deps, revealHint(deps, input));
    },

    async checkPart(input) {
      return buildState(deps, checkPart(deps, input));
    },

    async pauseQuiz({ sessionId }) {
      const session = loadSession(deps, sessionId);
      if (session.mode === 'exam') {
        throw new ServiceError(
          'forbidden',
          "An exam can't be paused: its timer runs until the deadline.",
        );
      }
      if (session.status === 'paused')
        throw new ServiceError('conflict', 'This quiz is already paused.');
      requireActive(session);
      setSessionStatus(db, sessionId, 'paused');
      return state(sessionId);
    },

    async resumeQuiz({ sessionId }) {
      const session = loadSession(deps, sessionId);
      if (session.mode === 'exam') {
        throw new ServiceError(
          'forbidden',
          "An exam can't be paused or resumed: its timer runs until the deadline.",
        );
      }
      if (session.status === 'finished') {
        throw new ServiceError(
          'conflict',
          'This quiz is already finished; you can open its review.',
        );
      }
      if (session.status === 'active')
        throw new ServiceError('conflict', 'This quiz is not paused.');
      setSessionStatus(db, sessionId, 'active');
      return state(sessionId);
    },

    /** Idempotent: finishing a finished quiz (e.g. just expired) returns its review. */
    async finishQuiz({ sessionId }) {
      const session = viewable(sessionId);
      if (session.status !== 'finished') {
        finishInTransaction(deps, sessionId, 'submitted', deps.clock.now());
      }
      return buildReview(deps, getSession(db, sessionId)!);
    },

    async discardQuiz({ sessionId }) {
      const session = loadSession(deps, sessionId);
      if (session.mode === 'exam') {
        throw new ServiceError(
          'forbidden',
          "An exam can't be discarded: submit it or let its time run out.",
        );
      }
      if (session.status === 'finished') {
        throw new ServiceError(
          'conflict',
          'This quiz is already finished; it stays in your history.',
        );
      }
      const summary = summarize(deps, session);
      db.transaction(() => setSessionStatus(db, sessionId, 'discarded'))();
      return summary;
    },

    async getReview({ sessionId }) {
      const session = viewable(sessionId);
      if (session.status !== 'finished') {
        throw new ServiceError('conflict', 'The review is available once the quiz is finished.');
      }
      return buildReview(deps, session);
    },

    async listHistory() {
      openSessionsAfterExpiry(deps);
      return listSessionHistory(db, deps.learnerId, HISTORY_LIMIT).map((s) => summaryOf(s, s));
    },
  };
}
