/**
 * Course rules: weekly assignments with open and due dates, what happens to late work, and a
 * grading scheme (NPTEL's by default: the best 8 of 12 assignments give 25 marks, the final
 * exam 75; a certificate needs at least 10/25 and 30/75). Pure functions over plain data; times
 * are ms since the epoch, dates in the configuration ISO 8601 strings with an offset.
 */
import { unreachable } from './types';

/** A draw of questions for an assignment: variants of one template, or from topics. */
export type AssignmentDraw =
  | { readonly template: string; readonly count: number }
  | { readonly topics: readonly string[]; readonly count: number };

/** One weekly assignment as the institute configures it. */
export interface Assignment {
  /** Stable id (`week-3`); attempts are stored under it. */
  readonly id: string;
  readonly title: string;
  readonly week: number;
  /** ISO 8601 date-time with an offset, e.g. `2027-01-20T00:00:00+05:30`. */
  readonly opensAt: string;
  /** ISO 8601 date-time with an offset; after `opensAt`. */
  readonly dueAt: string;
  /** Bank items asked as they are, by the pack's item id (`bank:item` when two banks share it). */
  readonly items: readonly string[];
  /** Questions drawn afresh for each attempt. */
  readonly draws: readonly AssignmentDraw[];
  readonly attemptsAllowed: number;
  /** Time allowed per attempt; the learner's default exam timer when absent. */
  readonly durationMinutes?: number;
}

/**
 * What happens to work handed in after the due time: `refuse` it; `accept` it as if on time;
 * or take a `penalty` of `percentPerDay` per started day late, at most `maxPercent`. Late work
 * is taken for `maxDaysLate` days after the due time (no limit when absent).
 */
export type LatePolicy =
  | { readonly kind: 'refuse' }
  | { readonly kind: 'accept'; readonly maxDaysLate?: number }
  | {
      readonly kind: 'penalty';
      readonly percentPerDay: number;
      readonly maxPercent: number;
      readonly maxDaysLate?: number;
    };

/**
 * How the course score out of 100 is made: the mean of the best `bestOf` assignment scores
 * times `assignmentWeight`, plus the exam's fraction times `examWeight` (the weights sum to
 * 100). A certificate needs the assignment part ≥ `assignmentPassAt`, the exam part ≥
 * `examPassAt` and, when given, the total ≥ `passTotal`.
 */
export interface GradingScheme {
  readonly assignmentWeight: number;
  readonly bestOf: number;
  readonly examWeight: number;
  readonly assignmentPassAt: number;
  readonly examPassAt: number;
  readonly passTotal?: number;
}

/** NPTEL's scheme: best 8 assignments → 25, exam → 75, pass at ≥ 10/25 and ≥ 30/75. */
export const NPTEL_GRADING: GradingScheme = {
  assignmentWeight: 25,
  bestOf: 8,
  examWeight: 75,
  assignmentPassAt: 10,
  examPassAt: 30,
};

/** The final exam's rules, which a mock final follows. All topics when `topics` is empty. */
export interface FinalExamRules {
  readonly count: number;
  readonly durationMinutes: number;
  readonly topics: readonly string[];
}

/** A course as `institute.json` describes it. */
export interface Course {
  readonly title: string;
  readonly assignments: readonly Assignment[];
  readonly latePolicy: LatePolicy;
  readonly grading: GradingScheme;
  readonly finalExam: FinalExamRules;
}

/** One attempt at an assignment (a finished or running exam session). */
export interface AssignmentAttempt {
  readonly attempt: number;
  readonly startedAt: number;
  /** Null while it runs. */
  readonly finishedAt: number | null;
  /** Score over maximum, 0–1, once finished. */
  readonly fraction: number | null;
}

/**
 * Where an assignment is for the learner: `upcoming` (not open yet), `open` (open, nothing
 * handed in), `submitted` (handed in, still open or late work still taken), `late` (past due,
 * nothing handed in, late work still taken), `closed` (over, handed in), `missed` (over, nothing
 * handed in).
 */
export type AssignmentStatus = 'upcoming' | 'open' | 'submitted' | 'late' | 'closed' | 'missed';

/** An assignment's times in ms: `closesAt` is when no more work is taken (null: never). */
export interface AssignmentWindow {
  readonly opensAt: number;
  readonly dueAt: number;
  readonly closesAt: number | null;
}

export const DAY_MS = 86_400_000;

/** When an assignment opens, is due, and stops taking work under `policy`. */
export function assignmentWindow(assignment: Assignment, policy: LatePolicy): AssignmentWindow {
  const opensAt = Date.parse(assignment.opensAt);
  const dueAt = Date.parse(assignment.dueAt);
  if (policy.kind === 'refuse') return { opensAt, dueAt, closesAt: dueAt };
  return {
    opensAt,
    dueAt,
    closesAt: policy.maxDaysLate === undefined ? null : dueAt + policy.maxDaysLate * DAY_MS,
  };
}

/** The assignment's status at `now`, given the learner's attempts. */
export function assignmentStatus(
  assignment: Assignment,
  policy: LatePolicy,
  attempts: readonly AssignmentAttempt[],
  now: number,
): AssignmentStatus {
  const window = assignmentWindow(assignment, policy);
  if (now < window.opensAt) return 'upcoming';
  const handedIn = attempts.some((a) => a.finishedAt !== null);
  if (now < window.dueAt) return handedIn ? 'submitted' : 'open';
  if (window.closesAt === null || now < window.closesAt) return handedIn ? 'submitted' : 'late';
  return handedIn ? 'closed' : 'missed';
}

/**
 * The late penalty, in percent, of work handed in at `at`: 0 on time (at or before the due
 * time); under `penalty`, `percentPerDay` × ⌈days late⌉ capped at `maxPercent`; 100 for work
 * the policy does not take (`refuse`, or after `maxDaysLate`).
 */
export function latePenaltyPercent(assignment: Assignment, policy: LatePolicy, at: number): number {
  const window = assignmentWindow(assignment, policy);
  if (at <= window.dueAt) return 0;
  if (window.closesAt !== null && at > window.closesAt) return 100;
  switch (policy.kind) {
    case 'refuse':
      return 100;
    case 'accept':
      return 0;
    case 'penalty': {
      const daysLate = Math.ceil((at - window.dueAt) / DAY_MS);
      return Math.min(policy.maxPercent, policy.percentPerDay * daysLate);
    }
    default:
      throw unreachable(policy);
  }
}

/** A finished attempt's score, 0–1, after the late penalty; null while it runs. */
export function attemptScore(
  assignment: Assignment,
  policy: LatePolicy,
  attempt: AssignmentAttempt,
): number | null {
  if (attempt.finishedAt === null || attempt.fraction === null) return null;
  const penalty = latePenaltyPercent(assignment, policy, attempt.finishedAt);
  return attempt.fraction * (1 - penalty / 100);
}

/** The best score over the learner's finished attempts (the one that counts), or null. */
export function bestAttemptScore(
  assignment: Assignment,
  policy: LatePolicy,
  attempts: readonly AssignmentAttempt[],
): number | null {
  let best: number | null = null;
  for (const attempt of attempts) {
    const score = attemptScore(assignment, policy, attempt);
    if (score !== null && (best === null || score > best)) best = score;
  }
  return best;
}

/** Why an attempt cannot start now. */
export type StartRefusal =
  | { readonly reason: 'not-open'; readonly opensAt: number }
  | { readonly reason: 'attempts-used'; readonly attemptsAllowed: number }
  | { readonly reason: 'late-refused'; readonly dueAt: number }
  | { readonly reason: 'late-over'; readonly closesAt: number };

/**
 * Whether a new attempt may start at `now`: open (or late work still taken) and attempts left
 * (a running attempt counts as used). A late start says the penalty it would take if handed in
 * now, and `closesAt` is the latest the attempt may run to (null: no limit).
 */
export function checkAssignmentStart(
  assignment: Assignment,
  policy: LatePolicy,
  attempts: readonly AssignmentAttempt[],
  now: number,
):
  | {
      readonly ok: true;
      readonly late: boolean;
      readonly penaltyPercent: number;
      readonly closesAt: number | null;
    }
  | ({ readonly ok: false } & StartRefusal) {
  const window = assignmentWindow(assignment, policy);
  if (now < window.opensAt) return { ok: false, reason: 'not-open', opensAt: window.opensAt };
  if (attempts.length >= assignment.attemptsAllowed) {
    return { ok: false, reason: 'attempts-used', attemptsAllowed: assignment.attemptsAllowed };
  }
  if (now >= window.dueAt) {
    if (policy.kind === 'refuse') return { ok: false, reason: 'late-refused', dueAt: window.dueAt };
    if (window.closesAt !== null && now >= window.closesAt) {
      return { ok: false, reason: 'late-over', closesAt: window.closesAt };
    }
  }
  return {
    ok: true,
    late: now >= window.dueAt,
    penaltyPercent: latePenaltyPercent(assignment, policy, now),
    closesAt: window.closesAt,
  };
}

/** Where a part of the course score stands: met, out of reach, or still open. */
export type PartStatus = 'passed' | 'failed' | 'pending';

/** One assignment's result as the standing needs it. */
export interface AssignmentResult {
  /** Best score after penalties, 0–1; null when nothing counts yet. */
  readonly best: number | null;
  /** Not scored yet and can still be done (upcoming, open, or late work still taken). */
  readonly remaining: boolean;
}

/** The learner's course standing: each part, the projected total, and what it takes to pass. */
export interface CourseStanding {
  readonly assignments: {
    /** Mean of the best `bestOf` scores (missing ones as 0) × weight. */
    readonly score: number;
    readonly weight: number;
    readonly bestOf: number;
    readonly total: number;
    /** Assignments with a score. */
    readonly scored: number;
    /** Assignments still to do. */
    readonly remaining: number;
    readonly passAt: number;
    readonly status: PartStatus;
    /**
     * The score, 0–1, to reach on every remaining assignment for the part to pass (null when
     * passed or out of reach).
     */
    readonly neededAverage: number | null;
    /** The part's score with full marks on every remaining assignment. */
    readonly maxReachable: number;
  };
  readonly exam: {
    readonly weight: number;
    readonly passAt: number;
    /** The exam's score out of `weight` (a mock final's is a projection), or null. */
    readonly score: number | null;
    /** True when `score` is the real exam's; a mock final's does not count. */
    readonly counted: boolean;
    readonly status: PartStatus;
    /** The exam score needed (out of `weight`) given the assignments so far. */
    readonly needed: number;
  };
  /** Assignment part + exam score, out of 100, when there is an exam score (real or mock). */
  readonly projectedTotal: number | null;
  /** Would that total earn a certificate (null without an exam score)? */
  readonly projectedPass: boolean | null;
  readonly certificate: PartStatus;
}

const EPSILON = 1e-9;

/** Sum of the `n` largest of `values` (all of them when fewer). */
function sumOfLargest(values: readonly number[], n: number): number {
  return [...values]
    .sort((a, b) => b - a)
    .slice(0, Math.max(0, n))
    .reduce((sum, v) => sum + v, 0);
}

/** Mean of the best `bestOf` of `scores` (0–1 each; missing ones count 0) × `weight`. */
export function bestOfScore(scores: readonly number[], bestOf: number, weight: number): number {
  return (sumOfLargest(scores, bestOf) / bestOf) * weight;
}

/**
 * The least score `a`, 0–1, that on each of `remaining` assignments brings the sum of the best
 * `bestOf` to `target`: with `k` of them among the best, `a` = (target − best (bestOf − k) of
 * `scores`) / k, least over k = 1…min(remaining, bestOf). 0 when already reached; null when
 * not reachable even with full marks.
 */
export function neededAverage(
  scores: readonly number[],
  remaining: number,
  bestOf: number,
  target: number,
): number | null {
  if (sumOfLargest(scores, bestOf) >= target - EPSILON) return 0;
  let least = Infinity;
  for (let k = 1; k <= Math.min(remaining, bestOf); k++) {
    least = Math.min(least, (target - sumOfLargest(scores, bestOf - k)) / k);
  }
  return least <= 1 + EPSILON ? Math.min(1, least) : null;
}

/**
 * The standing under `grading` from each assignment's result and the exam's fraction (0–1;
 * `counted` false for a mock final, which projects but never passes or fails the exam).
 */
export function courseStanding(
  grading: GradingScheme,
  results: readonly AssignmentResult[],
  exam: { readonly fraction: number; readonly counted: boolean } | null,
): CourseStanding {
  const scores = results.flatMap((r) => (r.best === null ? [] : [r.best]));
  const remaining = results.filter((r) => r.best === null && r.remaining).length;
  const score = bestOfScore(scores, grading.bestOf, grading.assignmentWeight);
  const target = (grading.assignmentPassAt / grading.assignmentWeight) * grading.bestOf;
  const needed = neededAverage(scores, remaining, grading.bestOf, target);
  const assignmentStatus: PartStatus =
    needed === 0 ? 'passed' : needed === null ? 'failed' : 'pending';
  const maxReachable = bestOfScore(
    [...scores, ...Array<number>(remaining).fill(1)],
    grading.bestOf,
    grading.assignmentWeight,
  );

  const examNeeded = Math.max(
    grading.examPassAt,
    grading.passTotal === undefined ? 0 : grading.passTotal - score,
  );
  const examScore = exam === null ? null : exam.fraction * grading.examWeight;
  const examPasses = examScore !== null && examScore >= examNeeded - EPSILON;
  const examStatus: PartStatus =
    exam === null || !exam.counted
      ? examNeeded > grading.examWeight + EPSILON
        ? 'failed'
        : 'pending'
      : examPasses
        ? 'passed'
        : 'failed';
  const projectedTotal = examScore === null ? null : score + examScore;
  const certificate: PartStatus =
    assignmentStatus === 'failed' || examStatus === 'failed'
      ? 'failed'
      : assignmentStatus === 'passed' && examStatus === 'passed'
        ? 'passed'
        : 'pending';
  return {
    assignments: {
      score,
      weight: grading.assignmentWeight,
      bestOf: grading.bestOf,
      total: results.length,
      scored: scores.length,
      remaining,
      passAt: grading.assignmentPassAt,
      status: assignmentStatus,
      neededAverage: assignmentStatus === 'pending' ? needed : null,
      maxReachable,
    },
    exam: {
      weight: grading.examWeight,
      passAt: grading.examPassAt,
      score: examScore,
      counted: exam?.counted ?? false,
      status: examStatus,
      needed: examNeeded,
    },
    projectedTotal,
    projectedPass:
      examScore === null ? null : score >= grading.assignmentPassAt - EPSILON && examPasses,
    certificate,
  };
}
