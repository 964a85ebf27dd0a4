/**
 * The dashboard's recommended quiz, planned ahead in idle time. Planning (mastery, due reviews,
 * indexed samples per slot, template variants) is most of what a start costs, and it depends
 * only on the learner's progress, the banks and which reviews are due. So the app's idle timer
 * plans the next recommended quiz while the learner reads the dashboard, and the click only
 * writes the session. A plan is used once, and only while everything it was made from is
 * unchanged: the same learner, no answer recorded since (the progress signature), no import or
 * restore (the data epoch, and SQLite's data version for other connections' commits), and no
 * review come due in between. Otherwise the start plans at the click, as it always did.
 */
import { RECOMMENDED_QUIZ_SIZE } from '../../../core/types';
import type { Db } from '../../../db/connection';
import { dataChangeKey } from '../../../db/data-epoch';
import { nextReviewDueAfter, progressSignature } from '../../../db/queries/progress';
import { startQuizSchema } from '../../contract';
import type { ServiceDeps } from '../deps';
import { ServiceError } from '../errors';
import { planItems, type PlannedItem, type StartInput } from './plan';
import { freshSeed } from './questions';

/** A plan older than this is made again, whatever else holds (bounds any staleness). */
const MAX_PLAN_AGE_MS = 10 * 60_000;

/** What the dashboard's "Start recommended quiz" asks for (mode does not change the plan). */
const recommendedInput: StartInput = startQuizSchema.parse({
  mode: 'practice',
  selection: 'recommended',
  count: RECOMMENDED_QUIZ_SIZE,
});

interface PlanAhead {
  readonly key: string;
  readonly plannedAt: number;
  readonly validUntil: number;
  readonly planned: readonly PlannedItem[];
}

const plans = new WeakMap<Db, PlanAhead>();
function planKey(deps: ServiceDeps): string {
  const { db, learnerId } = deps;
  return `${learnerId}/${dataChangeKey(db)}/${progressSignature(db, learnerId)}`;
}

/** True for a start the plan made ahead serves: the dashboard's recommended quiz. */
function servedAhead(input: StartInput): boolean {
  return (
    input.selection === 'recommended' &&
    input.topics.length === 0 &&
    input.difficulty === undefined &&
    input.questionIds === undefined &&
    input.count === RECOMMENDED_QUIZ_SIZE
  );
}

/**
 * Idle work: plans the next recommended quiz unless a plan that still holds exists. Returns true
 * when it planned. An empty bank (nothing to plan) is not an error here.
 */
export function planRecommendedAhead(deps: ServiceDeps): boolean {
  const now = deps.clock.now();
  const key = planKey(deps);
  const current = plans.get(deps.db);
  if (current !== undefined && holds(current, key, now)) return false;
  plans.delete(deps.db);
  let planned: PlannedItem[];
  try {
    planned = planItems(deps, recommendedInput, freshSeed(deps));
  } catch (error) {
    if (error instanceof ServiceError) return false;
    throw error;
  }
  const nextDue = nextReviewDueAfter(deps.db, deps.learnerId, now) ?? Number.POSITIVE_INFINITY;
  plans.set(deps.db, {
    key,
    plannedAt: now,
    validUntil: Math.min(nextDue, now + MAX_PLAN_AGE_MS),
    planned,
  });
  return true;
}

/**
 * The plan made ahead for `input`, taken (a plan serves one start), or null when there is none,
 * `input` asks for something else, or anything it was made from has changed since.
 */
export function takePlannedAhead(
  deps: ServiceDeps,
  input: StartInput,
): readonly PlannedItem[] | null {
  if (!servedAhead(input)) return null;
  const current = plans.get(deps.db);
  if (current === undefined) return null;
  plans.delete(deps.db);
  return holds(current, planKey(deps), deps.clock.now()) ? current.planned : null;
}

/** A clock moved back would bring reviews the plan counted as due back into the future. */
function holds(plan: PlanAhead, key: string, now: number): boolean {
  return plan.key === key && now >= plan.plannedAt && now < plan.validUntil;
}
