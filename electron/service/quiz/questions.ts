/**
 * Questions as a quiz asks them: a stored question version plus, for template items, a variant
 * seed, resolved once and cached. The cache key includes the connection's data epoch, so after a
 * restore or an import nothing resolved before is served again.
 */
import { resolveQuestion } from '../../../core/resolve';
import { TemplateError } from '../../../core/templates/types';
import type { ResolvedQuestion } from '../../../core/types';
import { dataEpoch } from '../../../db/data-epoch';
import { loadQuestion, type StoredQuestion } from '../../../db/queries/questions';
import type { QuizItemRecord } from '../../../db/queries/quiz';
import type { ServiceDeps } from '../deps';
import { ServiceError } from '../errors';

/** A stored question version and what it resolved to. */
export interface ResolvedItem {
  readonly stored: StoredQuestion;
  readonly question: ResolvedQuestion;
}

/** A question ready to be put into a quiz. */
export interface PreparedQuestion {
  readonly questionId: number;
  readonly version: number;
  readonly seed: number | null;
  readonly resolved: ResolvedItem;
}

/**
 * Enough for the largest quiz (100 items) and a review beside it; small enough that an entry
 * dies young instead of being promoted to the old generation by the scavenges it outlives.
 */
const RESOLVE_CACHE_SIZE = 128;
/** Template seeds tried before a question is given up for this quiz. */
const SEED_TRIES = 3;
const resolveCaches = new WeakMap<ServiceDeps['db'], Map<string, ResolvedItem>>();

/** One question version resolved with `seed` (LRU-cached per connection and data epoch). */
export function resolveStored(
  db: ServiceDeps['db'],
  questionId: number,
  version: number,
  seed: number | null,
  loaded?: StoredQuestion,
): ResolvedItem {
  let cache = resolveCaches.get(db);
  if (cache === undefined) {
    cache = new Map();
    resolveCaches.set(db, cache);
  }
  const key = `${dataEpoch(db)}:${questionId}:${version}:${seed ?? ''}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Refresh recency (Map keeps insertion order).
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const stored =
    loaded?.id === questionId && loaded.version === version
      ? loaded
      : loadQuestion(db, questionId, version);
  if (stored === undefined) {
    throw new ServiceError(
      'internal',
      `question ${questionId} version ${version} is missing from the bank`,
    );
  }
  const entry: ResolvedItem = { stored, question: resolveQuestion(stored, seed) };
  cache.set(key, entry);
  if (cache.size > RESOLVE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return entry;
}

/** The question of a quiz item as it was asked. */
export function resolveItem(db: ServiceDeps['db'], item: QuizItemRecord): ResolvedItem {
  return resolveStored(db, item.questionId, item.questionVersion, item.variantSeed);
}

/** A seed (template variant, option order): an unsigned 32-bit integer from the injected source. */
export function freshSeed(deps: ServiceDeps): number {
  const seed = deps.nextSeed();
  return Math.abs(Math.trunc(seed)) % 0x1_0000_0000;
}

/**
 * A question's current version ready to be asked: for template items a fresh seed that
 * generates (a few tries), null when it cannot be asked.
 */
export function prepareQuestion(
  deps: ServiceDeps,
  questionId: number,
  /** The question's current version when the caller already loaded it. */
  preloaded?: StoredQuestion,
): PreparedQuestion | null {
  const stored = preloaded ?? loadQuestion(deps.db, questionId);
  if (stored === undefined || stored.retired) return null;
  const tries = stored.type === 'template' ? SEED_TRIES : 1;
  for (let i = 0; i < tries; i++) {
    const seed = stored.type === 'template' ? freshSeed(deps) : null;
    try {
      const resolved = resolveStored(deps.db, stored.id, stored.version, seed, stored);
      return { questionId: stored.id, version: stored.version, seed, resolved };
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
    }
  }
  return null;
}
