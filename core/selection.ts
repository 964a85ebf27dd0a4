/**
 * Quiz policy: which topics and difficulties a quiz asks, as a plan of slots the service fills
 * with indexed queries (so no call ever loads the whole bank), and the choice among the few
 * candidates each query returns. Pure and deterministic given a seed.
 */
import { BKT } from './mastery';
import { Rng, hashString } from './templates/rng';

export { Rng } from './templates/rng';

/** Where the learner stands on one topic (from the mastery aggregate). */
export interface TopicStanding {
  readonly topicId: string;
  /** BKT P(known); {@link BKT.pInit} for a topic never answered. */
  readonly pKnown: number;
  readonly attempts: number;
  /** Questions available on the topic (non-retired, within the difficulty filter if any). */
  readonly questionCount: number;
}

/** A question whose spaced review is due, oldest due first. */
export interface DueReview {
  readonly questionId: number;
  readonly topicId: string;
}

/** One position of a planned quiz: a due review, or a new question of a topic near a difficulty. */
export type QuizSlot =
  | { readonly kind: 'review'; readonly questionId: number; readonly topicId: string }
  | { readonly kind: 'new'; readonly topicId: string; readonly targetDifficulty: number };

/** Inclusive difficulty range, 1–5. */
export interface DifficultyRange {
  readonly min: number;
  readonly max: number;
}

/** Share of a recommended quiz given to due reviews, at most (rounded up). */
export const REVIEW_SHARE = 0.3;

/**
 * The difficulty (1–5) that suits P(known) p: `1 + round(4p)`, so an unseen topic
 * (p = 0.15) asks difficulty 2, p ≈ 0.5 asks 3, and p ≥ 0.875 asks 5.
 */
export function targetDifficulty(pKnown: number): number {
  const p = Number.isFinite(pKnown) ? Math.min(1, Math.max(0, pKnown)) : BKT.pInit;
  return 1 + Math.round(4 * p);
}

function clampRange(d: number, range: DifficultyRange): number {
  return Math.min(range.max, Math.max(range.min, d));
}

/** A small seeded spread around the target: −1 w.p. 1/4, 0 w.p. 1/2, +1 w.p. 1/4. */
function jitter(rng: Rng): number {
  const r = rng.next();
  return r < 0.25 ? -1 : r < 0.75 ? 0 : 1;
}

/**
 * Difficulties to try for a target, nearest first (ties: the easier one first), within the range:
 * target 3 in 1–5 gives `[3, 2, 4, 1, 5]`.
 */
export function difficultySearchOrder(
  target: number,
  range: DifficultyRange = { min: 1, max: 5 },
): number[] {
  const t = clampRange(Math.round(target), range);
  const order = [t];
  for (let step = 1; step <= range.max - range.min; step++) {
    if (t - step >= range.min) order.push(t - step);
    if (t + step <= range.max) order.push(t + step);
  }
  return order;
}

/**
 * Allocates `count` slots over topics, weakest first: each slot goes to the topic with the
 * largest `(1 − pKnown) / (1 + slots already given)` among topics that still have unused
 * questions (ties broken by a seeded order). So the weakest topic gets the first slot, and a
 * topic needs to be clearly weaker than another to get a second slot before the other's first.
 */
function allocateByWeakness(
  topics: readonly TopicStanding[],
  count: number,
  rng: Rng,
): TopicStanding[] {
  const pool = rng
    .shuffle(topics.filter((t) => t.questionCount > 0))
    .map((topic) => ({ topic, given: 0, weakness: Math.max(1e-6, 1 - clampP(topic.pKnown)) }));
  const out: TopicStanding[] = [];
  while (out.length < count) {
    let best: (typeof pool)[number] | undefined;
    let bestValue = -Infinity;
    for (const entry of pool) {
      if (entry.given >= entry.topic.questionCount) continue;
      const value = entry.weakness / (1 + entry.given);
      if (value > bestValue) {
        bestValue = value;
        best = entry;
      }
    }
    if (best === undefined) break;
    best.given++;
    out.push(best.topic);
  }
  return out;
}

function clampP(p: number): number {
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : BKT.pInit;
}

/** Input of {@link planRecommendedQuiz}. */
export interface RecommendedPlanInput {
  readonly topics: readonly TopicStanding[];
  /** Due reviews, oldest due first; the first ones are taken. */
  readonly due: readonly DueReview[];
  readonly count: number;
  readonly seed: number;
  readonly difficulty?: DifficultyRange;
}

/**
 * The recommended quiz: up to `ceil(count × {@link REVIEW_SHARE})` due reviews (oldest first),
 * the rest new questions allocated weakest topic first (see `allocateByWeakness`, each topic's
 * question count reduced by its reviews in this quiz; topics never
 * answered count with the prior P(known), i.e. as weak), each at the learner's level on that
 * topic ({@link targetDifficulty}, spread by ±1 at random, clamped to the difficulty filter).
 * The slots are shuffled so reviews are mixed in. Fewer than `count` slots come back when the
 * topics run out of questions. Same input, same plan.
 */
export function planRecommendedQuiz(input: RecommendedPlanInput): QuizSlot[] {
  const rng = new Rng(input.seed, hashString('recommended'));
  const range = input.difficulty ?? { min: 1, max: 5 };
  const reviewCount = Math.min(input.due.length, Math.ceil(input.count * REVIEW_SHARE));
  const seenReview = new Set<number>();
  const slots: QuizSlot[] = [];
  for (const review of input.due) {
    if (slots.length >= reviewCount) break;
    if (seenReview.has(review.questionId)) continue;
    seenReview.add(review.questionId);
    slots.push({ kind: 'review', questionId: review.questionId, topicId: review.topicId });
  }
  // A topic's due reviews use up some of its questions.
  const reviewsPerTopic = new Map<string, number>();
  for (const slot of slots)
    reviewsPerTopic.set(slot.topicId, (reviewsPerTopic.get(slot.topicId) ?? 0) + 1);
  const remaining = input.topics.map((t) => ({
    ...t,
    questionCount: Math.max(0, t.questionCount - (reviewsPerTopic.get(t.topicId) ?? 0)),
  }));
  for (const topic of allocateByWeakness(remaining, input.count - slots.length, rng)) {
    const target = clampRange(targetDifficulty(topic.pKnown) + jitter(rng), range);
    slots.push({ kind: 'new', topicId: topic.topicId, targetDifficulty: target });
  }
  return rng.shuffle(slots);
}

/** Input of {@link planTopicQuiz}. */
export interface TopicPlanInput {
  /** The chosen topics with the learner's standing. */
  readonly topics: readonly TopicStanding[];
  readonly count: number;
  readonly seed: number;
  readonly difficulty?: DifficultyRange;
}

/**
 * A quiz on chosen topics: slots dealt round-robin over the topics (in a seeded order, each
 * capped by its question count), each at the learner's level on that topic spread by ±1 and
 * clamped to the difficulty filter. Same input, same plan.
 */
export function planTopicQuiz(input: TopicPlanInput): QuizSlot[] {
  const rng = new Rng(input.seed, hashString('topics'));
  const range = input.difficulty ?? { min: 1, max: 5 };
  const topics = rng.shuffle(input.topics.filter((t) => t.questionCount > 0));
  const given = new Map<string, number>();
  const slots: QuizSlot[] = [];
  let progress = true;
  while (slots.length < input.count && progress) {
    progress = false;
    for (const topic of topics) {
      if (slots.length >= input.count) break;
      const n = given.get(topic.topicId) ?? 0;
      if (n >= topic.questionCount) continue;
      given.set(topic.topicId, n + 1);
      progress = true;
      const target = clampRange(targetDifficulty(topic.pKnown) + jitter(rng), range);
      slots.push({ kind: 'new', topicId: topic.topicId, targetDifficulty: target });
    }
  }
  return rng.shuffle(slots);
}

/** A question a slot could take, as an indexed query returned it. */
export interface Candidate {
  readonly id: number;
  readonly difficulty: number;
  /** The learner has answered it before (has a review card). */
  readonly seen: boolean;
}

/**
 * Chooses among candidates for a slot: never one in `exclude` (no repeats within a quiz);
 * unseen questions before seen ones, then the nearest difficulty to `target`, then a seeded
 * random one. Null when every candidate is excluded.
 */
export function pickCandidate(
  candidates: readonly Candidate[],
  target: number,
  exclude: ReadonlySet<number>,
  rng: Rng,
): Candidate | null {
  let best: Candidate[] = [];
  let bestKey = Infinity;
  for (const c of candidates) {
    if (exclude.has(c.id)) continue;
    const key = (c.seen ? 10 : 0) + Math.abs(c.difficulty - target);
    if (key < bestKey) {
      bestKey = key;
      best = [c];
    } else if (key === bestKey && !best.some((b) => b.id === c.id)) {
      best.push(c);
    }
  }
  return best.length === 0 ? null : rng.pick(best);
}
