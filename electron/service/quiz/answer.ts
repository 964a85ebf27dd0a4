/**
 * Answering: save a response (picks and drafts save themselves), submit one (save and, in
 * practice, grade in ONE fully synced transaction), move between questions (no fsync: nothing
 * the learner entered changes), mark for review.
 */
import { gradeNumeric, numericEntryProblem, type GradeResult } from '../../../core/grading';
import { transactionWithoutFsync } from '../../../db/connection';
import {
  getAttempt,
  getItem,
  getSession,
  insertItem,
  markItemShown,
  savePartResponse,
  saveItemResponse,
  setCurrentPosition,
  setItemHints,
  setItemMarked,
  shiftItemsAfter,
  type NewQuizItem,
  type QuizItemRecord,
  type QuizSessionRecord,
} from '../../../db/queries/quiz';
import type { LearnerResponse } from '../../contract';
import type { ServiceDeps } from '../deps';
import { ServiceError } from '../errors';
import { loadSession, requireActive, requireItem, requireNoRunningExam } from './lifecycle';
import { resolveItem } from './questions';
import { recordAttempt } from './record';
import { responseFromPage } from './views';

type ItemInput = { readonly sessionId: number; readonly position: number };
type AnswerInput = ItemInput & { readonly response: LearnerResponse };

/** Saves (or clears) a response; refuses checked items. Call inside a transaction. */
function saveInTransaction(
  deps: ServiceDeps,
  session: QuizSessionRecord,
  item: QuizItemRecord,
  response: LearnerResponse,
  now: number,
): QuizItemRecord {
  if (item.attemptId !== null) {
    throw new ServiceError(
      'conflict',
      "This answer was already checked and can't be changed. Try a similar question instead.",
    );
  }
  const question = resolveItem(deps.db, item).question;
  const stored = responseFromPage(question, item.optionSeed, response);
  saveItemResponse(deps.db, session.id, item.position, stored, now);
  if (session.currentPosition !== item.position)
    setCurrentPosition(deps.db, session.id, item.position);
  markItemShown(deps.db, session.id, item.position, now);
  return { ...item, response: stored, savedAt: now };
}

/** The open session and item an answer goes to. */
function answerTarget(
  deps: ServiceDeps,
  input: ItemInput,
): { session: QuizSessionRecord; item: QuizItemRecord } {
  const session = loadSession(deps, input.sessionId);
  requireActive(session);
  return { session, item: requireItem(deps, session, input.position) };
}

/** Saves a response without grading it, committed with a full fsync. */
export function saveAnswer(deps: ServiceDeps, input: AnswerInput): QuizSessionRecord {
  const { session, item } = answerTarget(deps, input);
  const now = deps.clock.now();
  deps.db.transaction(() => saveInTransaction(deps, session, item, input.response, now))();
  return getSession(deps.db, session.id)!;
}

/** Outcome of {@link submitAnswer}: the session after the commit and, in practice, the grade. */
export interface SubmitOutcome {
  readonly session: QuizSessionRecord;
  readonly attemptId: number | null;
  readonly grade: GradeResult | null;
}

/**
 * The answer path. Practice: save and grade in one transaction (attempt, mastery, review card,
 * counts), committed with `synchronous = FULL` before it returns. A running exam: save only (it
 * is graded when it finishes). Refused in practice while an exam runs (it would show a key).
 */
export function submitAnswer(deps: ServiceDeps, input: AnswerInput): SubmitOutcome {
  const { session, item } = answerTarget(deps, input);
  const now = deps.clock.now();
  if (session.mode === 'exam') {
    deps.db.transaction(() => saveInTransaction(deps, session, item, input.response, now))();
    return { session: getSession(deps.db, session.id)!, attemptId: null, grade: null };
  }
  requireNoRunningExam(deps, 'Answers are not checked');
  const question = resolveItem(deps.db, item).question;
  if (question.numeric !== undefined && input.response.kind === 'numeric') {
    // Not gradable as typed (wrong count, not numbers): said, not counted against the learner.
    const problem = numericEntryProblem(question.numeric, input.response.text);
    if (problem !== null && input.response.text.trim() !== '') {
      throw new ServiceError('invalid-input', `${problem} Nothing was counted; try again.`);
    }
  }
  if (item.attemptId !== null) {
    throw new ServiceError(
      'conflict',
      'This answer was already checked. Try a similar question instead.',
    );
  }
  const recorded = deps.db.transaction(() => {
    // Re-read inside the transaction: an item is graded at most once.
    const current = getItem(deps.db, session.id, item.position);
    if (current === undefined || current.attemptId !== null) {
      throw new ServiceError('conflict', 'This answer was already checked.');
    }
    const saved = saveInTransaction(deps, session, current, input.response, now);
    if (saved.response === null) {
      throw new ServiceError('invalid-input', 'Answer the question before checking it.');
    }
    return recordAttempt(deps, session, saved, now);
  })();
  return {
    session: getSession(deps.db, session.id)!,
    attemptId: recorded.attemptId,
    grade: recorded.grade,
  };
}

/** Moves to a question. Not fsynced: a lost move costs nothing the learner entered. */
export function goTo(deps: ServiceDeps, input: ItemInput): QuizSessionRecord {
  const { session } = answerTarget(deps, input);
  const now = deps.clock.now();
  transactionWithoutFsync(deps.db, () => {
    setCurrentPosition(deps.db, session.id, input.position);
    markItemShown(deps.db, session.id, input.position, now);
  });
  return getSession(deps.db, session.id)!;
}

/** Sets or clears the "marked for review" flag. */
export function markForReview(
  deps: ServiceDeps,
  input: ItemInput & { readonly marked: boolean },
): QuizSessionRecord {
  const { session } = answerTarget(deps, input);
  deps.db.transaction(() => setItemMarked(deps.db, session.id, input.position, input.marked))();
  return getSession(deps.db, session.id)!;
}

/** A practice item that tutoring may act on (exams never offer hints, parts or retries). */
function tutoringTarget(
  deps: ServiceDeps,
  input: ItemInput,
  what: string,
): { session: QuizSessionRecord; item: QuizItemRecord } {
  const target = answerTarget(deps, input);
  if (target.session.mode === 'exam') {
    throw new ServiceError('forbidden', `${what} are for practice; an exam offers none.`);
  }
  requireNoRunningExam(deps, `${what} are closed`);
  return target;
}

/** Reveals the next rung of the hint ladder of an unchecked practice item. */
export function revealHint(deps: ServiceDeps, input: ItemInput): QuizSessionRecord {
  const { session, item } = tutoringTarget(deps, input, 'Hints');
  if (item.attemptId !== null) {
    throw new ServiceError('conflict', 'This answer is already checked: the solution is shown.');
  }
  const ladder = resolveItem(deps.db, item).question.hints ?? [];
  if (item.hintsUsed >= ladder.length) {
    throw new ServiceError(
      'conflict',
      ladder.length === 0 ? 'This question has no hints.' : 'Every hint is already shown.',
    );
  }
  deps.db.transaction(() => setItemHints(deps.db, session.id, item.position, item.hintsUsed + 1))();
  return getSession(deps.db, session.id)!;
}

/** Checks one step-by-step part of a practice item at once and keeps the entry. */
export function checkPart(
  deps: ServiceDeps,
  input: ItemInput & { readonly partId: string; readonly text: string },
): QuizSessionRecord {
  const { session, item } = tutoringTarget(deps, input, 'Step-by-step parts');
  const part = resolveItem(deps.db, item).question.parts?.find((p) => p.id === input.partId);
  if (part === undefined) {
    throw new ServiceError('not-found', `This question has no part "${input.partId}".`);
  }
  const problem = numericEntryProblem(part.key, input.text);
  if (problem !== null) throw new ServiceError('invalid-input', `${problem} Nothing was counted.`);
  const correct = gradeNumeric(part.key, input.text).correct;
  const now = deps.clock.now();
  deps.db.transaction(() =>
    savePartResponse(deps.db, session.id, {
      position: item.position,
      partId: part.id,
      response: input.text,
      correct,
      checkedAt: now,
    }),
  )();
  return getSession(deps.db, session.id)!;
}

/**
 * After a wrong check in practice: the same variant (same numbers, same option order) again as
 * the next question, one try more, so its attempt counts less toward mastery.
 */
export function tryAgain(deps: ServiceDeps, input: ItemInput): QuizSessionRecord {
  const { session, item } = tutoringTarget(deps, input, 'Second tries');
  const attempt = item.attemptId === null ? undefined : getAttempt(deps.db, item.attemptId);
  if (attempt === undefined) {
    throw new ServiceError('conflict', 'Check your answer first; then you can try again.');
  }
  if (attempt.correct) {
    throw new ServiceError('conflict', 'This answer was right: try a similar question instead.');
  }
  insertItemAfter(deps, session.id, item.position, {
    questionId: item.questionId,
    questionVersion: item.questionVersion,
    variantSeed: item.variantSeed,
    optionSeed: item.optionSeed,
    tries: item.tries + 1,
  });
  return getSession(deps.db, session.id)!;
}

/**
 * Puts a question right after `position` (later items move one on), shown now, and makes it
 * the current one — in one transaction. "Try again" and "Try a similar one" both add this way.
 */
export function insertItemAfter(
  deps: ServiceDeps,
  sessionId: number,
  position: number,
  item: Omit<NewQuizItem, 'sessionId' | 'position' | 'shownAt'>,
): void {
  const now = deps.clock.now();
  deps.db.transaction(() => {
    shiftItemsAfter(deps.db, sessionId, position);
    insertItem(deps.db, { ...item, sessionId, position: position + 1, shownAt: now });
    setCurrentPosition(deps.db, sessionId, position + 1);
  })();
}
