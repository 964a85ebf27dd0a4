/**
 * A quiz session's life: loading it for the learner, exam time that a clock moved back cannot
 * extend, expiry, finishing (grading what was saved), and the guards every use case applies —
 * including the rule that nothing shows a key while an exam runs.
 */
import {
  advanceExamTime,
  effectiveDeadline,
  remainingTime,
  type ExamTime,
} from '../../../core/exam-clock';
import type { FinishReason } from '../../../core/types';
import { transactionWithoutFsync } from '../../../db/connection';
import {
  finishSession,
  getItem,
  getSession,
  listItems,
  listOpenExamIds,
  listOpenSessions,
  listSessionAttempts,
  setExamTime,
  setSessionStatus,
  type QuizItemRecord,
  type QuizSessionRecord,
} from '../../../db/queries/quiz';
import type { OpenQuizChoice } from '../../contract';
import type { ServiceDeps } from '../deps';
import { ServiceError } from '../errors';
import { recordAttempt } from './record';

/** The stored time of an exam session; null for practice. */
export function examTimeOf(session: QuizSessionRecord): ExamTime | null {
  if (session.durationMs === null) return null;
  return {
    durationMs: session.durationMs,
    elapsedMs: session.elapsedMs,
    seenAt: session.clockSeenAt ?? session.createdAt,
  };
}

/** Is the session still open (neither finished nor discarded)? */
export function isOpen(session: QuizSessionRecord): boolean {
  return session.status === 'active' || session.status === 'paused';
}

/**
 * Finishes a session in one transaction: grades every saved, ungraded response (the service
 * accepts a save only while an exam has time left, so every saved response counts), stores the
 * total, and marks it finished. A session finished meanwhile is left as it is.
 */
export function finishInTransaction(
  deps: ServiceDeps,
  sessionId: number,
  reason: FinishReason,
  finishedAt: number,
): void {
  const now = deps.clock.now();
  deps.db.transaction(() => {
    const current = getSession(deps.db, sessionId);
    if (current === undefined || !isOpen(current)) return;
    const items = listItems(deps.db, sessionId);
    for (const item of items) {
      if (item.response !== null && item.attemptId === null)
        recordAttempt(deps, current, item, now);
    }
    let score = 0;
    for (const attempt of listSessionAttempts(deps.db, sessionId)) score += attempt.score;
    finishSession(deps.db, sessionId, { finishedAt, reason, score, maxScore: items.length });
  })();
}

/**
 * An open exam's time advanced to now and stored (without an fsync: losing it on a power cut
 * costs at most the time since the last save); finished as `expired` once no time is left.
 * Returns the session as it now is; other sessions are returned unchanged.
 */
export function expireIfDue(deps: ServiceDeps, session: QuizSessionRecord): QuizSessionRecord {
  const time = examTimeOf(session);
  if (session.mode !== 'exam' || !isOpen(session) || time === null) return session;
  const now = deps.clock.now();
  const advanced = advanceExamTime(time, now);
  if (remainingTime(advanced) > 0) {
    const deadlineAt = effectiveDeadline(advanced);
    transactionWithoutFsync(deps.db, () => setExamTime(deps.db, session.id, advanced, deadlineAt));
    return { ...session, elapsedMs: advanced.elapsedMs, clockSeenAt: now, deadlineAt };
  }
  // Ran out: it ended when the time left at the last reading was used up (never after now).
  const endedAt = Math.min(now, effectiveDeadline(time));
  transactionWithoutFsync(deps.db, () => setExamTime(deps.db, session.id, advanced, endedAt));
  finishInTransaction(deps, session.id, 'expired', endedAt);
  return getSession(deps.db, session.id) ?? session;
}

/** The learner's session (expired exams finished first), or 'not-found'. */
export function loadSession(deps: ServiceDeps, sessionId: number): QuizSessionRecord {
  const session = getSession(deps.db, sessionId);
  if (
    session === undefined ||
    session.learnerId !== deps.learnerId ||
    session.status === 'discarded'
  ) {
    throw new ServiceError('not-found', `There is no quiz number ${sessionId}.`);
  }
  return expireIfDue(deps, session);
}

/** Expires the learner's overdue exams; returns the sessions still open (exams first). */
export function openSessionsAfterExpiry(deps: ServiceDeps): QuizSessionRecord[] {
  return listOpenSessions(deps.db, deps.learnerId)
    .map((s) => expireIfDue(deps, s))
    .filter(isOpen);
}

/**
 * Deals with the quizzes still open before another starts: refuses (`open-quiz`) when the
 * learner has not said what to do with them, else finishes or discards them. A running exam
 * can be finished, never discarded.
 */
export function settleOpenQuizzes(deps: ServiceDeps, choice: OpenQuizChoice | undefined): void {
  const open = openSessionsAfterExpiry(deps);
  if (open.length === 0) return;
  const exam = open.find((s) => s.mode === 'exam');
  if (choice === undefined) {
    const first = open[0];
    throw new ServiceError(
      'open-quiz',
      exam !== undefined
        ? `The exam "${exam.title}" is still running. Resume it, or finish it to start another quiz.`
        : `"${first.title}" is not finished${open.length > 1 ? ` (nor ${open.length - 1} more)` : ''}. Resume it, finish it, or discard it to start another quiz.`,
    );
  }
  if (choice === 'discard' && exam !== undefined) {
    throw new ServiceError(
      'forbidden',
      `An exam can't be discarded: finish "${exam.title}" or let its time run out.`,
    );
  }
  const now = deps.clock.now();
  for (const session of open) {
    if (choice === 'finish') finishInTransaction(deps, session.id, 'submitted', now);
    else deps.db.transaction(() => setSessionStatus(deps.db, session.id, 'discarded'))();
  }
}

/** The learner's running exam, if any (expired ones are finished first). */
export function runningExam(deps: ServiceDeps): QuizSessionRecord | undefined {
  return openSessionsAfterExpiry(deps).find((s) => s.mode === 'exam');
}

/**
 * Refuses `what` while an exam runs (other than `allowedSessionId`): checks, similar questions,
 * reviews, previews and restores would all show keys the exam asks for.
 */
export function requireNoRunningExam(
  deps: ServiceDeps,
  what: string,
  allowedSessionId?: number,
): void {
  const exam = runningExam(deps);
  if (exam !== undefined && exam.id !== allowedSessionId) {
    throw new ServiceError(
      'exam-running',
      `${what} while the exam "${exam.title}" is running. Finish the exam first.`,
    );
  }
}

/**
 * Advances every open exam's time (any learner) and finishes those out of time. The app runs it
 * at start and every second, so an exam expires with no window open and a clock moved back is
 * noticed at once. Returns how many exams were finished.
 */
export function sweepExpiredQuizzes(deps: ServiceDeps): number {
  let finished = 0;
  for (const id of listOpenExamIds(deps.db)) {
    const session = getSession(deps.db, id);
    if (session === undefined) continue;
    if (expireIfDue(deps, session).status === 'finished') finished++;
  }
  return finished;
}

const formatTime = (ms: number): string => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** The session must accept changes: not finished (expired exams: 'deadline-passed'), not paused. */
export function requireActive(session: QuizSessionRecord): void {
  if (session.status === 'finished') {
    if (session.finishReason === 'expired') {
      const at = session.finishedAt === null ? '' : ` at ${formatTime(session.finishedAt)}`;
      throw new ServiceError(
        'deadline-passed',
        `Time is up: the exam ended${at} and was submitted with the answers saved before then. This answer was not saved.`,
      );
    }
    throw new ServiceError('conflict', 'This quiz is already finished; you can open its review.');
  }
  if (session.status === 'paused') {
    throw new ServiceError('conflict', 'This quiz is paused. Resume it to continue.');
  }
}

/** The item at `position`, or 'not-found'. */
export function requireItem(
  deps: ServiceDeps,
  session: QuizSessionRecord,
  position: number,
): QuizItemRecord {
  const item = getItem(deps.db, session.id, position);
  if (item === undefined) {
    throw new ServiceError('not-found', `This quiz has no question ${position + 1}.`);
  }
  return item;
}
