/**
 * The lowest step of the answer path: grade one saved response and record the attempt with
 * every aggregate it moves. Everything above (answering, finishing, expiry) calls this; it calls
 * nothing above it.
 */
import { gradeResponse, type GradeResult } from '../../../core/grading';
import { BKT, evidenceWeight, scheduleReview, updateMastery } from '../../../core/mastery';
import {
  addDailyActivity,
  bumpMisconception,
  getMastery,
  getReviewCard,
  upsertMastery,
  upsertReviewCard,
} from '../../../db/queries/progress';
import {
  insertAttempt,
  setItemAttempt,
  type QuizItemRecord,
  type QuizSessionRecord,
} from '../../../db/queries/quiz';
import { localDayKey } from '../dashboard';
import type { ServiceDeps } from '../deps';
import { resolveItem } from './questions';

/**
 * Grades `item` (which must hold a response) and records the attempt plus every aggregate:
 * mastery (BKT, weighted by `evidenceWeight`: repeats, hints and retries count less), the
 * question's review card (FSRS: Good if right, Again otherwise), the
 * misconception count and the day's activity. O(1) statements; call inside a transaction.
 */
export function recordAttempt(
  deps: ServiceDeps,
  session: QuizSessionRecord,
  item: QuizItemRecord,
  now: number,
): { attemptId: number; grade: GradeResult } {
  if (item.response === null) throw new Error('recordAttempt needs a response');
  const resolved = resolveItem(deps.db, item);
  const grade = gradeResponse(resolved.question, item.response, session.msqRule);
  const answeredAt = item.savedAt ?? now;
  const topicId = resolved.stored.topicId;
  const attemptId = insertAttempt(deps.db, {
    learnerId: session.learnerId,
    sessionId: session.id,
    position: item.position,
    questionId: item.questionId,
    questionVersion: item.questionVersion,
    variantSeed: item.variantSeed,
    topicId,
    response: item.response,
    score: grade.score,
    correct: grade.correct,
    misconceptionId: grade.misconception?.id ?? null,
    answeredAt,
    durationMs: Math.max(0, answeredAt - (item.shownAt ?? session.createdAt)),
  });
  setItemAttempt(deps.db, session.id, item.position, attemptId);
  const before = getMastery(deps.db, session.learnerId, topicId);
  const card = getReviewCard(deps.db, session.learnerId, item.questionId);
  const weight = evidenceWeight(card?.reps ?? 0, item.hintsUsed, item.tries);
  upsertMastery(deps.db, {
    learnerId: session.learnerId,
    topicId,
    pKnown: updateMastery(before?.pKnown ?? BKT.pInit, grade.score, weight),
    attempts: (before?.attempts ?? 0) + 1,
    correct: (before?.correct ?? 0) + (grade.correct ? 1 : 0),
    scoreSum: (before?.scoreSum ?? 0) + grade.score,
    updatedAt: now,
  });
  upsertReviewCard(
    deps.db,
    session.learnerId,
    item.questionId,
    scheduleReview(card, now, grade.correct),
  );
  if (grade.misconception !== null)
    bumpMisconception(deps.db, session.learnerId, grade.misconception, now);
  addDailyActivity(deps.db, session.learnerId, localDayKey(answeredAt), grade.score);
  return { attemptId, grade };
}
