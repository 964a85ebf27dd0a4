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
 * Non-finite inputs are treated as the prior / as 0; the result is clamped to [0, 1].
 */
export function updateMastery(p: number, score: number): number {
  const prior = Number.isFinite(p) ? clamp01(p) : BKT.pInit;
  const s = Number.isFinite(score) ? clamp01(score) : 0;
  const right = updateBinary(prior, true);
  const wrong = updateBinary(prior, false);
  return clamp01(s * right + (1 - s) * wrong);
}

/**
 * The level shown for a topic:
 * `not-started` with no answers; else `mastered` when P(known) ≥ 0.9 and at least
 * {@link MASTERED_MIN_ATTEMPTS} answers; `proficient` when P(known) ≥ 0.7; `familiar` when
 * ≥ 0.4; otherwise `attempted`.
 */
export function masteryLevel(pKnown: number, attempts: number): MasteryLevel {
  if (attempts <= 0) return 'not-started';
  if (pKnown >= LEVEL_THRESHOLDS.mastered && attempts >= MASTERED_MIN_ATTEMPTS) return 'mastered';
  if (pKnown >= LEVEL_THRESHOLDS.proficient) return 'proficient';
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
const scheduler = fsrs(generatorParameters({ enable_fuzz: false }));

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
  const next = scheduler.next(current, at, correct ? Rating.Good : Rating.Again).card;
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
