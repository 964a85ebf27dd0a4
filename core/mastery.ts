/**
 * What the learner knows: Bayesian Knowledge Tracing per topic (the dashboard's mastery and the
 * input of adaptive selection) and FSRS spaced-review scheduling per question. Pure functions.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card } from 'ts-fsrs';
import type { MasteryLevel } from './types';

/**
 * Bayesian Knowledge Tracing parameters (Corbett & Anderson, 1995), one set for every topic:
 *
 * - `pInit` 0.15 — P(known) before any answer: most learners start out not knowing a topic;
 * - `pTransit` 0.10 — P(learning the skill at an answer opportunity);
 * - `pSlip` 0.10 — P(a wrong answer although the skill is known): careless arithmetic, misreads;
 * - `pGuess` 0.25 — P(a right answer although unknown): one in four options of our MCQs
 *   (numeric entry is harder to guess, so this errs on the cautious side).
 */
export const BKT = { pInit: 0.15, pTransit: 0.1, pSlip: 0.1, pGuess: 0.25 } as const;

/** A topic's mastery is `mastered` only with P(known) ≥ 0.9 and at least this many answers. */
export const MASTERED_MIN_ATTEMPTS = 5;
/** …and `proficient` only with P(known) ≥ 0.7 and at least this many answers. */
export const PROFICIENT_MIN_ATTEMPTS = 3;

/** Lower P(known) bounds of the levels (see {@link masteryLevel}). */
export const LEVEL_THRESHOLDS = { familiar: 0.4, proficient: 0.7, mastered: 0.9 } as const;

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** BKT update for a fully right (`correct`) or fully wrong answer. */
function updateBinary(p: number, correct: boolean): number {
  const { pTransit: t, pSlip: s, pGuess: g } = BKT;
  const posterior = correct
    ? (p * (1 - s)) / (p * (1 - s) + (1 - p) * g)
    : (p * s) / (p * s + (1 - p) * (1 - g));
  return posterior + (1 - posterior) * t;
}

/**
 * One BKT step after an answer with `score` in [0, 1].
 *
 * For a right answer the posterior is `p(1−s) / (p(1−s) + (1−p)g)`, for a wrong one
 * `p·s / (p·s + (1−p)(1−g))`; then learning: `p' = post + (1 − post)·t`.
 * A partial score (MSQ under the partial rule) interpolates linearly between the two updates:
 * `p' = score·p'_right + (1 − score)·p'_wrong`. Since `1 − s > g`, `p'_right ≥ p ≥ post_wrong`,
 * so p' grows with the score and a right answer never lowers mastery.
 *
 * Worked example from the prior 0.15: right → post = 0.135 / (0.135 + 0.2125) = 0.388489,
 * p' = 0.388489 + 0.611511·0.1 = 0.449640; wrong → post = 0.015 / (0.015 + 0.6375) = 0.022989,
 * p' = 0.022989 + 0.977011·0.1 = 0.120690.
 * With `weight` w < 1 (repeated, hinted or retried evidence, see {@link evidenceWeight}) the
 * step is shortened: `p + w·(p' − p)`.
 * Non-finite inputs are treated as the prior / as 0 (weight: as 1); the result is in [0, 1].
 */
export function updateMastery(p: number, score: number, weight = 1): number {
  const prior = Number.isFinite(p) ? clamp01(p) : BKT.pInit;
  const s = Number.isFinite(score) ? clamp01(score) : 0;
  const w = Number.isFinite(weight) ? clamp01(weight) : 1;
  const right = updateBinary(prior, true);
  const wrong = updateBinary(prior, false);
  const full = s * right + (1 - s) * wrong;
  // Weighted evidence moves P(known) only that fraction of the way: p + w·(p'_full − p).
  return clamp01(prior + w * (full - prior));
}

/** How much less each revealed hint makes an answer count (down to {@link MIN_HINT_FACTOR}). */
export const HINT_PENALTY = 0.25;
/** The least an answer counts however many hints were used. */
export const MIN_HINT_FACTOR = 0.25;
/** Each earlier try of the same variant halves what the next one counts. */
export const RETRY_FACTOR = 0.5;

/**
 * The weight an answer's evidence gets in the mastery update (`updateMastery`'s `weight`):
 *
 * `w = 1/(1 + n) · max(0.25, 1 − 0.25·h) · 0.5^t`
 *
 * where `n` is how often the learner answered this question before (for a template: any of its
 * variants — so ten variants of one template do not prove a topic), `h` the hints revealed and
 * `t` the earlier tries of the same variant. Worked: first answer, no help → 1; the second
 * variant of a template with one hint → ½ · ¾ = 0.375; a retry after one wrong try → 0.5.
 */
export function evidenceWeight(previousAnswers: number, hintsUsed: number, tries: number): number {
  const seen = 1 / (1 + Math.max(0, previousAnswers));
  const hints = Math.max(MIN_HINT_FACTOR, 1 - HINT_PENALTY * Math.max(0, hintsUsed));
  return seen * hints * RETRY_FACTOR ** Math.max(0, tries);
}

/** One-sided 95 % normal quantile of the accuracy bound (Wilson score interval). */
const ACCURACY_Z = 1.645;
/** Lower accuracy bounds of the levels, on top of P(known) (see {@link masteryLevel}). */
export const ACCURACY_FLOORS = { proficient: 0.6, mastered: 0.7 } as const;

/**
 * Wilson score lower bound of an accuracy of `scoreSum` out of `attempts` (one-sided 95 %):
 * `(p̂ + z²/2n − z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)`, z = 1.645. Worked: 3 of 3 right →
 * (1 + 0.4510 − 1.645·0.2742)/1.9020 = 0.5258; 5 of 5 → 1/1.5412 = 0.6488.
 */
export function accuracyLowerBound(scoreSum: number, attempts: number): number {
  if (attempts <= 0) return 0;
  const n = attempts;
  const p = clamp01(scoreSum / n);
  const z2 = ACCURACY_Z * ACCURACY_Z;
  const centre = p + z2 / (2 * n);
  const spread = ACCURACY_Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return (centre - spread) / (1 + z2 / n);
}

/**
 * The level shown for a topic, from P(known) (BKT), the number of answers and their score sum:
 *
 * - `not-started`: no answers;
 * - `mastered`: P(known) ≥ 0.9, at least {@link MASTERED_MIN_ATTEMPTS} answers and an accuracy
 *   whose lower bound ({@link accuracyLowerBound}) is ≥ 0.7;
 * - `proficient`: P(known) ≥ 0.7, at least {@link PROFICIENT_MIN_ATTEMPTS} answers and an
 *   accuracy lower bound ≥ 0.6;
 * - `familiar`: P(known) ≥ 0.4; otherwise `attempted`.
 *
 * BKT alone lets a lucky guesser's streak through; the accuracy bound does not. On simulated
 * learners (`mastery.test.ts`): one who answers 90 % right is proficient after a median of 5
 * answers and within 26 in 99 % of runs; a guesser at 25 % almost never is (under 0.5 % of runs
 * over 200 answers).
 */
export function masteryLevel(pKnown: number, attempts: number, scoreSum: number): MasteryLevel {
  if (attempts <= 0) return 'not-started';
  const bound = accuracyLowerBound(scoreSum, attempts);
  if (
    pKnown >= LEVEL_THRESHOLDS.mastered &&
    attempts >= MASTERED_MIN_ATTEMPTS &&
    bound >= ACCURACY_FLOORS.mastered
  )
    return 'mastered';
  if (
    pKnown >= LEVEL_THRESHOLDS.proficient &&
    attempts >= PROFICIENT_MIN_ATTEMPTS &&
    bound >= ACCURACY_FLOORS.proficient
  )
    return 'proficient';
  if (pKnown >= LEVEL_THRESHOLDS.familiar) return 'familiar';
  return 'attempted';
}

// ---------------------------------------------------------------------------------------------
// Spaced review (FSRS)

/** The FSRS state of one question for one learner; times in ms since the epoch. */
export interface ReviewCard {
  readonly due: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly elapsedDays: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  /** ts-fsrs `State`: 0 new, 1 learning, 2 review, 3 relearning. */
  readonly state: number;
  readonly lastReview: number | null;
}

// Fuzz off: the same answers at the same times always give the same schedule.
let scheduler: ReturnType<typeof fsrs> | undefined;
// Made on first use: the renderer imports this module for the mastery rules and should not
// carry the scheduler it never runs.
const reviewScheduler = (): ReturnType<typeof fsrs> =>
  (scheduler ??= fsrs(generatorParameters({ enable_fuzz: false })));

/**
 * The card after answering at `now`: FSRS (ts-fsrs defaults, no fuzz) with rating `Good` for a
 * right answer and `Again` for anything else. `null` means the question was never answered
 * (a new card is created at `now`).
 */
export function scheduleReview(card: ReviewCard | null, now: number, correct: boolean): ReviewCard {
  const at = new Date(now);
  const current: Card =
    card === null
      ? createEmptyCard(at)
      : {
          due: new Date(card.due),
          stability: card.stability,
          difficulty: card.difficulty,
          elapsed_days: card.elapsedDays,
          scheduled_days: card.scheduledDays,
          learning_steps: card.learningSteps,
          reps: card.reps,
          lapses: card.lapses,
          state: card.state,
          last_review: card.lastReview === null ? undefined : new Date(card.lastReview),
        };
  const next = reviewScheduler().next(current, at, correct ? Rating.Good : Rating.Again).card;
  return {
    due: next.due.getTime(),
    stability: next.stability,
    difficulty: next.difficulty,
    elapsedDays: next.elapsed_days,
    scheduledDays: next.scheduled_days,
    learningSteps: next.learning_steps,
    reps: next.reps,
    lapses: next.lapses,
    state: next.state,
    lastReview: next.last_review === undefined ? null : next.last_review.getTime(),
  };
}

/** How long until a question is due again after a run of answers, each given when it was due. */
export interface ReviewSchedule {
  /** After a first answer that is right. */
  readonly firstRight: number;
  /** After a first answer that is wrong. */
  readonly firstWrong: number;
  /** After each of several right answers in a row, each given when due. */
  readonly rightInARow: readonly number[];
  /** After a wrong answer that follows {@link ReviewSchedule.rightInARow}'s run. */
  readonly wrongAfterRun: number;
}

/** Intervals after a sequence of answers (true: right), each answered exactly when due. */
export function intervalsAfter(answers: readonly boolean[], start = 0): number[] {
  let card: ReviewCard | null = null;
  let now = start;
  const intervals: number[] = [];
  for (const right of answers) {
    card = scheduleReview(card, now, right);
    intervals.push(card.due - now);
    now = card.due;
  }
  return intervals;
}

/**
 * The schedule {@link scheduleReview} really gives, for the help screen and the tour (the service
 * sends it in `AppInfo`, so the page explains reviews without carrying the scheduler).
 */
export function reviewSchedule(runLength = 4): ReviewSchedule {
  const run = Array.from({ length: runLength }, () => true);
  return {
    firstRight: intervalsAfter([true])[0],
    firstWrong: intervalsAfter([false])[0],
    rightInARow: intervalsAfter(run),
    wrongAfterRun: intervalsAfter([...run, false])[runLength],
  };
}
