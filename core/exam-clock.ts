/**
 * Exam time that a clock moved back can never extend. The session stores the time used so far
 * (`elapsedMs`, a high-water mark) and the wall-clock reading it was last advanced at
 * (`seenAt`). Advancing adds only forward movement of the clock: a clock set back adds nothing,
 * a clock set forward uses time up (never in the learner's favour). Time keeps running while
 * the app is closed, as it does for a paper exam.
 */

/** What a timed session stores about its time. */
export interface ExamTime {
  readonly durationMs: number;
  /** Time used so far, 0 ≤ elapsedMs ≤ durationMs. */
  readonly elapsedMs: number;
  /** Wall-clock ms at which `elapsedMs` was last advanced. */
  readonly seenAt: number;
}

/** The time of `exam` advanced to wall-clock `now`. */
export function advanceExamTime(exam: ExamTime, now: number): ExamTime {
  const forward = Math.max(0, now - exam.seenAt);
  return {
    durationMs: exam.durationMs,
    elapsedMs: Math.min(exam.durationMs, exam.elapsedMs + forward),
    seenAt: now,
  };
}

/** Time left, 0 ≤ remaining ≤ duration. */
export function remainingTime(exam: ExamTime): number {
  return Math.max(0, exam.durationMs - exam.elapsedMs);
}

/** The deadline by the current clock reading `seenAt`: when the remaining time runs out. */
export function effectiveDeadline(exam: ExamTime): number {
  return exam.seenAt + remainingTime(exam);
}

/** Shortest exam the service starts (an exam shorter than this is a misclick, not a test). */
export const MIN_EXAM_MINUTES = 1;
