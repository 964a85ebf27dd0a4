/**
 * Planning quizzes: which questions a topic, recommended or due-review quiz asks (adaptive
 * selection from `core/selection` over indexed samples), how many would match, and writing a
 * new session with its items, each with its own seeded option order.
 */
import { BKT } from '../../../core/mastery';
import {
  difficultySearchOrder,
  pickCandidate,
  planRecommendedQuiz,
  planTopicQuiz,
  Rng,
  targetDifficulty,
  type Candidate,
  type DifficultyRange,
  type QuizSlot,
  type TopicStanding,
} from '../../../core/selection';
import { unreachable, type MsqRule, type QuizMode } from '../../../core/types';
import { listDueReviews, listMastery, questionCountsByTopic } from '../../../db/queries/progress';
import { loadCurrentQuestions, type StoredQuestion } from '../../../db/queries/questions';
import {
  countTopicQuestionsCapped,
  insertItem,
  insertSession,
  listTopicQuestionIds,
  maxQuestionId,
  sampleTopicQuestions,
} from '../../../db/queries/quiz';
import type { ParsedInput } from '../../contract';
import { listTopicMastery } from '../dashboard';
import type { ServiceDeps } from '../deps';
import { ServiceError } from '../errors';
import { planMisconceptionQuiz } from './misconception-plan';
import { freshSeed, prepareQuestion } from './questions';

/** Candidates fetched per difficulty when filling a slot. */
const CANDIDATES_PER_QUERY = 6;
/** Questions counted per topic when telling the setup screen how many match. */
const MATCH_COUNT_CAP = 10_000;

export type StartInput = ParsedInput<'startQuiz'>;

/** A question chosen for a new quiz. */
export interface PlannedItem {
  readonly questionId: number;
  readonly version: number;
  readonly seed: number | null;
  readonly topicTitle: string;
}

function topicStandings(
  deps: ServiceDeps,
  topicIds: readonly string[],
  range: DifficultyRange,
  cap: number,
): TopicStanding[] {
  const mastery = new Map(listMastery(deps.db, deps.learnerId).map((m) => [m.topicId, m]));
  // Without a difficulty filter the memoised per-topic counts do; with one, count up to `cap`.
  const all = range.min <= 1 && range.max >= 5 ? questionCountsByTopic(deps.db) : null;
  return topicIds.map((topicId) => {
    const m = mastery.get(topicId);
    return {
      topicId,
      pKnown: m?.pKnown ?? BKT.pInit,
      attempts: m?.attempts ?? 0,
      questionCount:
        all === null
          ? countTopicQuestionsCapped(deps.db, topicId, range, cap)
          : Math.min(cap, all.get(topicId) ?? 0),
    };
  });
}

/** Fills a `new` slot with an indexed sample around its target difficulty. */
export function fillNewSlot(
  deps: ServiceDeps,
  slot: { topicId: string; targetDifficulty: number },
  range: DifficultyRange,
  used: ReadonlySet<number>,
  rng: Rng,
  maxId: number,
): number | null {
  let fallback: Candidate | null = null;
  for (const difficulty of difficultySearchOrder(slot.targetDifficulty, range)) {
    const candidates = sampleTopicQuestions(deps.db, {
      learnerId: deps.learnerId,
      topicId: slot.topicId,
      difficulty,
      pivot: rng.int(0, maxId),
      limit: CANDIDATES_PER_QUERY,
    });
    const pick = pickCandidate(candidates, slot.targetDifficulty, used, rng);
    if (pick === null) continue;
    if (!pick.seen) return pick.id;
    fallback ??= pick;
  }
  return fallback?.id ?? null;
}

/**
 * The questions of a new quiz: `input.count` of them whenever that many match (sampling first,
 * then an exhaustive pass over each topic), never a question twice.
 */
export function planItems(deps: ServiceDeps, input: StartInput, seed: number): PlannedItem[] {
  const range: DifficultyRange = input.difficulty ?? { min: 1, max: 5 };
  const allTopics = listTopicMastery(deps);
  const titles = new Map(allTopics.map((t) => [t.topicId, t.title]));
  const unknown = input.topics.find((t) => !titles.has(t));
  if (unknown !== undefined) {
    throw new ServiceError('invalid-input', `There is no topic "${unknown}" in the question bank.`);
  }
  if (allTopics.length === 0) {
    throw new ServiceError(
      'invalid-input',
      'The question bank is empty: import a bank before starting a quiz.',
    );
  }
  let chosen =
    input.topics.length > 0 ? [...new Set(input.topics)] : allTopics.map((t) => t.topicId);
  const chosenSet = new Set(chosen);
  const now = deps.clock.now();
  let slots: QuizSlot[];
  switch (input.selection) {
    case 'topics':
      slots = planTopicQuiz({
        topics: topicStandings(deps, chosen, range, input.count),
        count: input.count,
        seed,
        difficulty: range,
      });
      break;
    case 'recommended': {
      const due = listDueReviews(deps.db, deps.learnerId, now, input.count * 4).filter((d) =>
        chosenSet.has(d.topicId),
      );
      slots = planRecommendedQuiz({
        topics: topicStandings(deps, chosen, range, input.count),
        due,
        count: input.count,
        seed,
        difficulty: range,
      });
      break;
    }
    case 'due': {
      const due = listDueReviews(deps.db, deps.learnerId, now, 1000)
        .filter((d) => chosenSet.has(d.topicId))
        .slice(0, input.count);
      if (due.length === 0) {
        throw new ServiceError(
          'invalid-input',
          'No reviews are due right now. Reviews come due after you answer questions; try a recommended quiz instead.',
        );
      }
      slots = due.map((d) => ({ kind: 'review', questionId: d.questionId, topicId: d.topicId }));
      break;
    }
    case 'questions':
      slots = chosenQuestions(deps, input.questionIds ?? []);
      break;
    case 'misconceptions': {
      const plan = planMisconceptionQuiz(deps, input, range, seed);
      slots = plan.slots;
      // Too few questions show them: the rest comes from the topics of those that do.
      chosen = plan.topics.filter((t) => titles.has(t));
      break;
    }
    default:
      throw unreachable(input.selection);
  }
  const rng = new Rng(seed, 0x5e1ec7);
  const maxId = maxQuestionId(deps.db);
  const used = new Set<number>();
  const planned: PlannedItem[] = [];
  const add = (questionId: number | null, preloaded?: StoredQuestion): boolean => {
    if (questionId === null) return false;
    used.add(questionId);
    const prepared = prepareQuestion(deps, questionId, preloaded);
    if (prepared === null) return false;
    planned.push({
      questionId,
      version: prepared.version,
      seed: prepared.seed,
      topicTitle: prepared.resolved.stored.topicTitle,
    });
    return true;
  };
  // Pick every slot's question first, then load them all in two queries.
  const picked: number[] = [];
  for (const slot of slots) {
    const id =
      slot.kind === 'review' ? slot.questionId : fillNewSlot(deps, slot, range, used, rng, maxId);
    if (id === null || used.has(id)) continue;
    used.add(id);
    picked.push(id);
  }
  const loaded = loadCurrentQuestions(deps.db, picked);
  for (const id of picked) {
    const stored = loaded.get(id);
    if (stored !== undefined) add(id, stored);
  }
  // Top up when slots could not be filled (a topic's questions already used, …): weakest first.
  if (
    planned.length < input.count &&
    input.selection !== 'due' &&
    input.selection !== 'questions'
  ) {
    const pKnown = new Map(listMastery(deps.db, deps.learnerId).map((m) => [m.topicId, m.pKnown]));
    const byWeakness = [...chosen].sort(
      (a, b) => (pKnown.get(a) ?? BKT.pInit) - (pKnown.get(b) ?? BKT.pInit),
    );
    let progress = true;
    while (planned.length < input.count && progress) {
      progress = false;
      for (const topicId of byWeakness) {
        if (planned.length >= input.count) break;
        const target = targetDifficulty(pKnown.get(topicId) ?? BKT.pInit);
        const id =
          fillNewSlot(deps, { topicId, targetDifficulty: target }, range, used, rng, maxId) ??
          unusedTopicQuestion(deps, topicId, range, used, rng);
        // Used up either way: a template that cannot generate is not tried again.
        if (id !== null && !used.has(id)) {
          add(id);
          progress = true;
        }
      }
    }
  }
  if (planned.length === 0) {
    const where = input.topics.length > 0 ? `the chosen topics (${chosen.join(', ')})` : 'the bank';
    const level = input.difficulty === undefined ? '' : ` at difficulty ${range.min}–${range.max}`;
    throw new ServiceError(
      'invalid-input',
      `No questions match: ${where} have no questions${level}.`,
    );
  }
  return planned;
}

/** The slots of a quiz of exactly these questions, in order; each must be in the bank. */
function chosenQuestions(deps: ServiceDeps, questionIds: readonly number[]): QuizSlot[] {
  if (questionIds.length === 0) {
    throw new ServiceError('invalid-input', 'Choose the questions to practise.');
  }
  const ids = [...new Set(questionIds)];
  const found = loadCurrentQuestions(deps.db, ids);
  return ids.map((questionId) => {
    const stored = found.get(questionId);
    if (stored === undefined || stored.retired) {
      throw new ServiceError(
        'not-found',
        `Question ${questionId} is not in the question bank (it may have been retired).`,
      );
    }
    return { kind: 'review', questionId, topicId: stored.topicId };
  });
}

/** The title a quiz is listed under. */
export function quizTitle(input: StartInput, planned: readonly PlannedItem[]): string {
  const kind = input.mode === 'exam' ? 'Exam' : 'Practice';
  if (input.selection === 'recommended') return `${kind}: recommended`;
  if (input.selection === 'due') return `${kind}: due reviews`;
  if (input.selection === 'misconceptions') return `${kind}: misconceptions seen most`;
  const titles = [...new Set(planned.map((p) => p.topicTitle))];
  const shown = titles.slice(0, 2).join(', ');
  return titles.length > 2
    ? `${kind}: ${shown} and ${titles.length - 2} more`
    : `${kind}: ${shown}`;
}

/** A random question of `topicId` in `range` that is not in `used`: an exhaustive, indexed pass. */
function unusedTopicQuestion(
  deps: ServiceDeps,
  topicId: string,
  range: DifficultyRange,
  used: ReadonlySet<number>,
  rng: Rng,
): number | null {
  const free = listTopicQuestionIds(deps.db, topicId, range, used.size + 64).filter(
    (id) => !used.has(id),
  );
  return free.length === 0 ? null : rng.pick(free);
}

/**
 * How many questions a topic quiz over `topics` (all when empty) in `difficulty` can draw from,
 * counted up to {@link MATCH_COUNT_CAP} per topic.
 */
export function countMatching(deps: ServiceDeps, input: ParsedInput<'countMatching'>): number {
  const range: DifficultyRange = input.difficulty ?? { min: 1, max: 5 };
  const topics =
    input.topics.length > 0
      ? [...new Set(input.topics)]
      : listTopicMastery(deps).map((t) => t.topicId);
  return topicStandings(deps, topics, range, MATCH_COUNT_CAP).reduce(
    (sum, t) => sum + t.questionCount,
    0,
  );
}

/**
 * Writes a new active session with `planned` items; each item gets a fresh option-order seed.
 * The first item is marked shown at `now`. Call inside a transaction.
 */
export function insertPlannedSession(
  deps: ServiceDeps,
  session: {
    readonly mode: QuizMode;
    readonly msqRule: MsqRule;
    readonly title: string;
    readonly now: number;
    readonly durationMs: number | null;
  },
  planned: readonly Pick<PlannedItem, 'questionId' | 'version' | 'seed'>[],
): number {
  const id = insertSession(deps.db, {
    learnerId: deps.learnerId,
    mode: session.mode,
    msqRule: session.msqRule,
    title: session.title,
    createdAt: session.now,
    durationMs: session.durationMs,
    deadlineAt: session.durationMs === null ? null : session.now + session.durationMs,
  });
  planned.forEach((p, position) =>
    insertItem(deps.db, {
      sessionId: id,
      position,
      questionId: p.questionId,
      questionVersion: p.version,
      variantSeed: p.seed,
      optionSeed: freshSeed(deps),
      shownAt: position === 0 ? session.now : null,
    }),
  );
  return id;
}
