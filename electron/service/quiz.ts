/**
 * The quiz engine's use cases: start (topic, recommended or due-review quizzes), navigate, save,
 * mark, check (practice), try a similar question, pause/resume (practice), finish, review,
 * history, dashboard; plus the expiry sweep of timed exams that the app runs at start and on a
 * timer. Every state change is one transaction; every answer updates the aggregates in O(1).
 */
import { formatNumericKey, gradeResponse, type GradeResult } from '../../core/grading';
import { scheduleReview, updateMastery, BKT } from '../../core/mastery';
import { resolveQuestion } from '../../core/resolve';
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
} from '../../core/selection';
import { TemplateError } from '../../core/templates/types';
import { unreachable, type MsqRule, type ResolvedQuestion, type Response } from '../../core/types';
import {
  addDailyActivity,
  bumpMisconception,
  getMastery,
  getReviewCard,
  listDueReviews,
  listMastery,
  questionCountsByTopic,
  upsertMastery,
  upsertReviewCard,
} from '../../db/queries/progress';
import { transactionWithoutFsync } from '../../db/connection';
import {
  loadCurrentQuestions,
  loadQuestion,
  type StoredQuestion,
} from '../../db/queries/questions';
import {
  countTopicQuestionsCapped,
  finishSession,
  getItem,
  getSession,
  insertAttempt,
  insertItem,
  insertSession,
  listExpiredExamIds,
  listItems,
  listOpenSessions,
  listSessionAttempts,
  listSessionHistory,
  markItemShown,
  maxQuestionId,
  sampleTopicQuestions,
  saveItemResponse,
  setCurrentPosition,
  setItemAttempt,
  setItemMarked,
  setSessionStatus,
  shiftItemsAfter,
  type AttemptRecord,
  type FinishReason,
  type QuizItemRecord,
  type QuizSessionRecord,
} from '../../db/queries/quiz';
import type {
  AppApi,
  ItemFeedback,
  LearnerResponse,
  ParsedInput,
  QuizItemView,
  QuizReview,
  QuizState,
  QuizSummary,
  TopicScore,
} from '../contract';
import { buildDashboard, listTopicMastery, localDayKey } from './dashboard';
import type { ServiceDeps } from './deps';
import { ServiceError } from './errors';
import { getSettings } from './settings';

type QuizUseCases = Pick<
  AppApi,
  | 'getDashboard'
  | 'listTopics'
  | 'startQuiz'
  | 'getQuiz'
  | 'getOpenQuiz'
  | 'goTo'
  | 'saveAnswer'
  | 'markForReview'
  | 'checkAnswer'
  | 'trySimilar'
  | 'pauseQuiz'
  | 'resumeQuiz'
  | 'finishQuiz'
  | 'getReview'
  | 'listHistory'
>;

/** Sessions listed by `listHistory`, newest first. */
export const HISTORY_LIMIT = 100;
/** Candidates fetched per difficulty when filling a slot. */
const CANDIDATES_PER_QUERY = 6;
/** Template seeds tried before a question is given up for this quiz. */
const SEED_TRIES = 3;

// ---------------------------------------------------------------------------------------------
// Resolution (cached: a question version plus a seed always resolves to the same thing)

interface ResolvedItem {
  readonly stored: StoredQuestion;
  readonly question: ResolvedQuestion;
}

const RESOLVE_CACHE_SIZE = 512;
const resolveCaches = new WeakMap<ServiceDeps['db'], Map<string, ResolvedItem>>();

function resolveStored(
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
  const key = `${questionId}:${version}:${seed ?? ''}`;
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

function resolveItem(db: ServiceDeps['db'], item: QuizItemRecord): ResolvedItem {
  return resolveStored(db, item.questionId, item.questionVersion, item.variantSeed);
}

/** A template seed: an unsigned 32-bit integer from the injected source. */
function freshSeed(deps: ServiceDeps): number {
  const seed = deps.nextSeed();
  return Math.abs(Math.trunc(seed)) % 0x1_0000_0000;
}

/**
 * A question's current version ready to be asked: for template items a fresh seed that
 * generates (a few tries), null when it cannot be asked.
 */
function prepareQuestion(
  deps: ServiceDeps,
  questionId: number,
  /** The question's current version when the caller already loaded it. */
  preloaded?: StoredQuestion,
): { questionId: number; version: number; seed: number | null; resolved: ResolvedItem } | null {
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

// ---------------------------------------------------------------------------------------------
// Views

function toLearnerResponse(response: Response | null): LearnerResponse | null {
  if (response === null) return null;
  return response.kind === 'choice'
    ? { kind: 'choice', optionIds: [...response.optionIds] }
    : { kind: 'numeric', text: response.text };
}

function feedbackFor(resolved: ResolvedQuestion, attempt: AttemptRecord | undefined): ItemFeedback {
  const options = resolved.options ?? [];
  const optionFeedback: Record<string, string> = {};
  const optionMisconceptions: Record<string, { id: string; label: string }> = {};
  for (const option of options) {
    if (option.feedback !== undefined) optionFeedback[option.id] = option.feedback;
    if (option.misconception !== undefined) {
      optionMisconceptions[option.id] = {
        id: option.misconception.id,
        label: option.misconception.label,
      };
    }
  }
  let misconception: { id: string; label: string } | null = null;
  if (attempt?.misconceptionId != null) {
    const found = options.find(
      (o) => o.misconception?.id === attempt.misconceptionId,
    )?.misconception;
    misconception = { id: attempt.misconceptionId, label: found?.label ?? attempt.misconceptionId };
  }
  return {
    correct: attempt?.correct ?? false,
    score: attempt?.score ?? 0,
    correctOptionIds: options.filter((o) => o.correct).map((o) => o.id),
    correctValue: resolved.numeric === undefined ? null : formatNumericKey(resolved.numeric),
    explanation: resolved.explanation,
    steps: [...(resolved.steps ?? [])],
    optionFeedback,
    optionMisconceptions,
    misconception,
  };
}

function itemView(
  item: QuizItemRecord,
  resolved: ResolvedItem,
  feedback: ItemFeedback | null,
): QuizItemView {
  const q = resolved.question;
  return {
    position: item.position,
    questionId: item.questionId,
    topicId: resolved.stored.topicId,
    topicTitle: resolved.stored.topicTitle,
    kind: q.kind,
    stem: q.stem,
    // Only id and text: keys, feedback and misconceptions stay in the main process.
    options: (q.options ?? []).map((o) => ({ id: o.id, text: o.text })),
    answerFormat: q.answerFormat ?? null,
    fromTemplate: resolved.stored.type === 'template',
    response: toLearnerResponse(item.response),
    marked: item.marked,
    feedback,
  };
}

function remainingMs(session: QuizSessionRecord, now: number): number | null {
  if (session.deadlineAt === null) return null;
  if (session.status === 'finished') return 0;
  return Math.max(0, session.deadlineAt - now);
}

/**
 * The state the page gets. Feedback (keys, explanations, steps, misconceptions) is included for
 * checked practice items and, once finished, for every item; never for an unfinished exam.
 */
function buildState(deps: ServiceDeps, session: QuizSessionRecord): QuizState {
  const items = listItems(deps.db, session.id);
  const finished = session.status === 'finished';
  const reveal = finished || session.mode === 'practice';
  const attempts = new Map<number, AttemptRecord>();
  if (reveal && (finished || items.some((i) => i.attemptId !== null))) {
    for (const a of listSessionAttempts(deps.db, session.id)) attempts.set(a.id, a);
  }
  const views = items.map((item) => {
    const resolved = resolveItem(deps.db, item);
    const attempt = item.attemptId === null ? undefined : attempts.get(item.attemptId);
    const showFeedback = reveal && (finished || attempt !== undefined);
    return itemView(item, resolved, showFeedback ? feedbackFor(resolved.question, attempt) : null);
  });
  const now = deps.clock.now();
  return {
    sessionId: session.id,
    title: session.title,
    mode: session.mode,
    status: session.status,
    msqRule: session.msqRule,
    currentPosition: session.currentPosition,
    deadlineAt: session.deadlineAt,
    remainingMs: remainingMs(session, now),
    serverNow: now,
    items: views,
    finishReason: session.finishReason,
  };
}

function buildReview(deps: ServiceDeps, session: QuizSessionRecord): QuizReview {
  const quiz = buildState(deps, session);
  const byTopic = new Map<string, { topicId: string; title: string; score: number; max: number }>();
  let score = 0;
  for (const item of quiz.items) {
    const itemScore = item.feedback?.score ?? 0;
    score += itemScore;
    const entry = byTopic.get(item.topicId) ?? {
      topicId: item.topicId,
      title: item.topicTitle,
      score: 0,
      max: 0,
    };
    entry.score += itemScore;
    entry.max += 1;
    byTopic.set(item.topicId, entry);
  }
  const topics: TopicScore[] = [...byTopic.values()];
  return { quiz, score, maxScore: quiz.items.length, byTopic: topics };
}

function summaryOf(
  session: QuizSessionRecord,
  counts: { itemCount: number; answeredCount: number },
): QuizSummary {
  return {
    sessionId: session.id,
    title: session.title,
    mode: session.mode,
    status: session.status,
    createdAt: session.createdAt,
    finishedAt: session.finishedAt,
    finishReason: session.finishReason,
    questionCount: counts.itemCount,
    answeredCount: counts.answeredCount,
    score: session.status === 'finished' ? session.score : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Recording answers

/**
 * Grades `item` (which must hold a response) and records the attempt plus every aggregate:
 * mastery (BKT), the question's review card (FSRS: Good if right, Again otherwise), the
 * misconception count and the day's activity. O(1) statements; call inside a transaction.
 */
function recordAttempt(
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
  upsertMastery(deps.db, {
    learnerId: session.learnerId,
    topicId,
    pKnown: updateMastery(before?.pKnown ?? BKT.pInit, grade.score),
    attempts: (before?.attempts ?? 0) + 1,
    correct: (before?.correct ?? 0) + (grade.correct ? 1 : 0),
    scoreSum: (before?.scoreSum ?? 0) + grade.score,
    updatedAt: now,
  });
  const card = getReviewCard(deps.db, session.learnerId, item.questionId);
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

/**
 * Finishes a session in one transaction: grades every saved, ungraded response (for exams only
 * those saved before the deadline), stores the total, and marks it finished.
 */
function finishInTransaction(
  deps: ServiceDeps,
  session: QuizSessionRecord,
  reason: FinishReason,
  finishedAt: number,
): void {
  const now = deps.clock.now();
  deps.db.transaction(() => {
    const current = getSession(deps.db, session.id);
    if (current === undefined || current.status === 'finished') return;
    const items = listItems(deps.db, session.id);
    for (const item of items) {
      if (item.response === null || item.attemptId !== null) continue;
      if (
        current.deadlineAt !== null &&
        (item.savedAt === null || item.savedAt >= current.deadlineAt)
      )
        continue;
      recordAttempt(deps, current, item, now);
    }
    let score = 0;
    for (const attempt of listSessionAttempts(deps.db, session.id)) score += attempt.score;
    finishSession(deps.db, session.id, { finishedAt, reason, score, maxScore: items.length });
  })();
}

/** Finishes an exam whose deadline has passed; returns the session as it now is. */
function expireIfDue(deps: ServiceDeps, session: QuizSessionRecord): QuizSessionRecord {
  if (
    session.mode !== 'exam' ||
    session.status === 'finished' ||
    session.deadlineAt === null ||
    deps.clock.now() < session.deadlineAt
  ) {
    return session;
  }
  finishInTransaction(deps, session, 'expired', session.deadlineAt);
  return getSession(deps.db, session.id) ?? session;
}

/** Expires the learner's overdue exams; returns the sessions still open (exams first). */
function openSessionsAfterExpiry(deps: ServiceDeps): QuizSessionRecord[] {
  return listOpenSessions(deps.db, deps.learnerId)
    .map((s) => expireIfDue(deps, s))
    .filter((s) => s.status !== 'finished');
}

/**
 * Finishes every exam (any learner) whose deadline has passed, grading only what was saved
 * before the deadline. The app calls it at start and on a timer so an exam expires with no
 * window open. Returns how many exams were finished.
 */
export function sweepExpiredQuizzes(deps: ServiceDeps): number {
  let finished = 0;
  for (const id of listExpiredExamIds(deps.db, deps.clock.now())) {
    const session = getSession(deps.db, id);
    if (session === undefined) continue;
    if (expireIfDue(deps, session).status === 'finished') finished++;
  }
  return finished;
}

// ---------------------------------------------------------------------------------------------
// Guards

const formatTime = (ms: number): string => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** The learner's session (expired exams finished first), or 'not-found'. */
function loadSession(deps: ServiceDeps, sessionId: number): QuizSessionRecord {
  const session = getSession(deps.db, sessionId);
  if (session === undefined || session.learnerId !== deps.learnerId) {
    throw new ServiceError('not-found', `There is no quiz number ${sessionId}.`);
  }
  return expireIfDue(deps, session);
}

/** The session must accept changes: not finished (expired exams: 'deadline-passed'), not paused. */
function requireActive(session: QuizSessionRecord): void {
  if (session.status === 'finished') {
    if (session.finishReason === 'expired') {
      const at = session.deadlineAt === null ? '' : ` at ${formatTime(session.deadlineAt)}`;
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

function requireItem(
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

/**
 * Checks a response against the question's kind and options; returns the canonical response to
 * store, or null for an empty one (which clears the saved answer).
 */
function normalizeResponse(question: ResolvedQuestion, response: Response): Response | null {
  if (question.kind === 'numeric') {
    if (response.kind !== 'numeric') {
      throw new ServiceError('invalid-input', 'This question takes a number, not a choice.');
    }
    return response.text.trim() === '' ? null : { kind: 'numeric', text: response.text };
  }
  if (response.kind !== 'choice') {
    throw new ServiceError(
      'invalid-input',
      'This question is answered by picking options, not by typing a number.',
    );
  }
  const ids = [...new Set(response.optionIds)];
  const known = new Set((question.options ?? []).map((o) => o.id));
  const unknown = ids.find((id) => !known.has(id));
  if (unknown !== undefined) {
    throw new ServiceError('invalid-input', `This question has no option "${unknown}".`);
  }
  if (question.kind === 'mcq' && ids.length > 1) {
    throw new ServiceError(
      'invalid-input',
      'Pick only one option: this question has a single answer.',
    );
  }
  // Stored in display order so equal sets are stored equally.
  const order = (question.options ?? []).map((o) => o.id);
  ids.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return ids.length === 0 ? null : { kind: 'choice', optionIds: ids };
}

// ---------------------------------------------------------------------------------------------
// Starting a quiz

type StartInput = ParsedInput<'startQuiz'>;

interface PlannedItem {
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
function fillNewSlot(
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

function planItems(deps: ServiceDeps, input: StartInput, seed: number): PlannedItem[] {
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
  const chosen =
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
  if (planned.length < input.count && input.selection !== 'due') {
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
        const id = fillNewSlot(
          deps,
          { topicId, targetDifficulty: target },
          range,
          used,
          rng,
          maxId,
        );
        if (id !== null && !used.has(id) && add(id)) progress = true;
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

function quizTitle(input: StartInput, planned: readonly PlannedItem[]): string {
  const kind = input.mode === 'exam' ? 'Exam' : 'Practice';
  if (input.selection === 'recommended') return `${kind}: recommended`;
  if (input.selection === 'due') return `${kind}: due reviews`;
  const titles = [...new Set(planned.map((p) => p.topicTitle))];
  const shown = titles.slice(0, 2).join(', ');
  return titles.length > 2
    ? `${kind}: ${shown} and ${titles.length - 2} more`
    : `${kind}: ${shown}`;
}

// ---------------------------------------------------------------------------------------------
// Answering in practice

/** Outcome of {@link submitPracticeAnswer}. */
export interface PracticeAnswerResult {
  readonly attemptId: number;
  readonly score: number;
  readonly correct: boolean;
  readonly misconception: { id: string; label: string } | null;
}

function requirePracticeCheckable(
  deps: ServiceDeps,
  session: QuizSessionRecord,
  position: number,
): QuizItemRecord {
  if (session.mode === 'exam' && session.status !== 'finished') {
    throw new ServiceError('forbidden', 'Exam answers are checked when you submit the exam.');
  }
  requireActive(session);
  const item = requireItem(deps, session, position);
  if (item.attemptId !== null) {
    throw new ServiceError(
      'conflict',
      'This answer was already checked. Try a similar question instead.',
    );
  }
  return item;
}

/** Saves (or clears) a response; refuses checked items. Call inside a transaction. */
function saveInTransaction(
  deps: ServiceDeps,
  session: QuizSessionRecord,
  item: QuizItemRecord,
  response: Response,
  now: number,
): QuizItemRecord {
  if (item.attemptId !== null) {
    throw new ServiceError(
      'conflict',
      "This answer was already checked and can't be changed. Try a similar question instead.",
    );
  }
  const normalized = normalizeResponse(resolveItem(deps.db, item).question, response);
  saveItemResponse(deps.db, session.id, item.position, normalized, now);
  if (session.currentPosition !== item.position)
    setCurrentPosition(deps.db, session.id, item.position);
  markItemShown(deps.db, session.id, item.position, now);
  return { ...item, response: normalized, savedAt: now };
}

/**
 * Saves and checks one practice answer in a single transaction (the CLI simulator and the
 * benchmark answer this way); returns once it is committed. Same rules as `saveAnswer` then
 * `checkAnswer`.
 */
export function submitPracticeAnswer(
  deps: ServiceDeps,
  input: { sessionId: number; position: number; response: Response },
): PracticeAnswerResult {
  const session = loadSession(deps, input.sessionId);
  const item = requirePracticeCheckable(deps, session, input.position);
  const now = deps.clock.now();
  return deps.db.transaction(() => {
    const saved = saveInTransaction(deps, session, item, input.response, now);
    if (saved.response === null) {
      throw new ServiceError('invalid-input', 'Answer the question before checking it.');
    }
    const { attemptId, grade } = recordAttempt(deps, session, saved, now);
    return {
      attemptId,
      score: grade.score,
      correct: grade.correct,
      misconception: grade.misconception,
    };
  })();
}

/**
 * The question at a quiz position as resolved in the main process, key included: for tools (the
 * simulator, benchmarks) that play the learner. Never send it to the page.
 */
export function resolveQuizItem(
  deps: ServiceDeps,
  sessionId: number,
  position: number,
): { readonly stored: StoredQuestion; readonly question: ResolvedQuestion } {
  const session = getSession(deps.db, sessionId);
  if (session === undefined || session.learnerId !== deps.learnerId) {
    throw new ServiceError('not-found', `There is no quiz number ${sessionId}.`);
  }
  return resolveItem(deps.db, requireItem(deps, session, position));
}

// ---------------------------------------------------------------------------------------------
// The use cases

/** The quiz part of `AppApi` over `deps`. */
export function quizUseCases(deps: ServiceDeps): QuizUseCases {
  const { db } = deps;

  const openQuizSummary = (): QuizSummary | null => {
    const open = openSessionsAfterExpiry(deps)[0];
    if (open === undefined) return null;
    const items = listItems(db, open.id);
    return summaryOf(open, {
      itemCount: items.length,
      answeredCount: items.filter((i) => i.response !== null).length,
    });
  };

  return {
    async getDashboard() {
      return buildDashboard(deps, openQuizSummary());
    },

    async listTopics() {
      return listTopicMastery(deps);
    },

    async startQuiz(input) {
      if (deps.lockdown.examOnly && input.mode === 'practice') {
        throw new ServiceError('forbidden', 'This installation only allows exams.');
      }
      const openExam = openSessionsAfterExpiry(deps).find((s) => s.mode === 'exam');
      if (openExam !== undefined) {
        throw new ServiceError(
          'conflict',
          `The exam "${openExam.title}" is still running. Finish it before starting another quiz.`,
        );
      }
      const settings = getSettings(db);
      const msqRule: MsqRule =
        deps.lockdown.fixedMsqRule ?? input.msqRule ?? settings.defaultMsqRule;
      const now = deps.clock.now();
      const durationMs =
        input.mode === 'exam'
          ? Math.round((input.durationMinutes ?? settings.defaultTimerMinutes) * 60_000)
          : null;
      const planned = planItems(deps, input, freshSeed(deps));
      // A power cut right after starting loses at most this start, nothing the learner answered;
      // an app crash loses nothing (WAL). Answers are always committed with a full fsync.
      const sessionId = transactionWithoutFsync(db, () => {
        const id = insertSession(db, {
          learnerId: deps.learnerId,
          mode: input.mode,
          msqRule,
          title: quizTitle(input, planned),
          createdAt: now,
          durationMs,
          deadlineAt: durationMs === null ? null : now + durationMs,
        });
        planned.forEach((p, position) =>
          insertItem(db, {
            sessionId: id,
            position,
            questionId: p.questionId,
            questionVersion: p.version,
            variantSeed: p.seed,
            shownAt: position === 0 ? now : null,
          }),
        );
        return id;
      });
      return buildState(deps, getSession(db, sessionId)!);
    },

    async getQuiz({ sessionId }) {
      return buildState(deps, loadSession(deps, sessionId));
    },

    async getOpenQuiz() {
      const open = openSessionsAfterExpiry(deps)[0];
      return open === undefined ? null : buildState(deps, open);
    },

    async goTo({ sessionId, position }) {
      const session = loadSession(deps, sessionId);
      requireActive(session);
      requireItem(deps, session, position);
      const now = deps.clock.now();
      db.transaction(() => {
        setCurrentPosition(db, sessionId, position);
        markItemShown(db, sessionId, position, now);
      })();
      return buildState(deps, getSession(db, sessionId)!);
    },

    async saveAnswer({ sessionId, position, response }) {
      const session = loadSession(deps, sessionId);
      requireActive(session);
      const item = requireItem(deps, session, position);
      const now = deps.clock.now();
      db.transaction(() => saveInTransaction(deps, session, item, response, now))();
      return buildState(deps, getSession(db, sessionId)!);
    },

    async markForReview({ sessionId, position, marked }) {
      const session = loadSession(deps, sessionId);
      requireActive(session);
      requireItem(deps, session, position);
      setItemMarked(db, sessionId, position, marked);
      return buildState(deps, getSession(db, sessionId)!);
    },

    async checkAnswer({ sessionId, position }) {
      const session = loadSession(deps, sessionId);
      const item = requirePracticeCheckable(deps, session, position);
      if (item.response === null) {
        throw new ServiceError('invalid-input', 'Answer the question before checking it.');
      }
      const now = deps.clock.now();
      db.transaction(() => {
        // Re-read inside the transaction: the item is checked at most once.
        const current = getItem(db, sessionId, position);
        if (current === undefined || current.attemptId !== null) {
          throw new ServiceError('conflict', 'This answer was already checked.');
        }
        recordAttempt(deps, session, current, now);
      })();
      return buildState(deps, getSession(db, sessionId)!);
    },

    async trySimilar({ sessionId, position }) {
      const session = loadSession(deps, sessionId);
      const finished = session.status === 'finished';
      if (session.mode === 'exam' && !finished) {
        throw new ServiceError(
          'forbidden',
          'Similar questions are for practice; an exam keeps its questions until it is finished.',
        );
      }
      if (!finished) requireActive(session);
      const item = requireItem(deps, session, position);
      const resolved = resolveItem(db, item);
      let prepared: ReturnType<typeof prepareQuestion>;
      if (resolved.stored.type === 'template') {
        prepared = prepareQuestion(deps, item.questionId);
      } else {
        const inQuiz = finished
          ? new Set([item.questionId])
          : new Set(listItems(db, sessionId).map((i) => i.questionId));
        const rng = new Rng(freshSeed(deps), 0x51a11a);
        const questionId = fillNewSlot(
          deps,
          { topicId: resolved.stored.topicId, targetDifficulty: resolved.stored.difficulty },
          { min: 1, max: 5 },
          inQuiz,
          rng,
          maxQuestionId(db),
        );
        prepared = questionId === null ? null : prepareQuestion(deps, questionId);
      }
      if (prepared === null) {
        throw new ServiceError(
          'invalid-input',
          `There is no other question on ${resolved.stored.topicTitle} left for this quiz.`,
        );
      }
      const now = deps.clock.now();
      const added = prepared;
      if (finished) {
        // From a review: a new one-question practice with a fresh variant of the same question.
        if (deps.lockdown.examOnly) {
          throw new ServiceError('forbidden', 'This installation only allows exams.');
        }
        const openExam = openSessionsAfterExpiry(deps).find((s) => s.mode === 'exam');
        if (openExam !== undefined) {
          throw new ServiceError(
            'conflict',
            `The exam "${openExam.title}" is still running. Finish it before practising.`,
          );
        }
        const newId = db.transaction(() => {
          const id = insertSession(db, {
            learnerId: deps.learnerId,
            mode: 'practice',
            msqRule: session.msqRule,
            title: `Similar question: ${resolved.stored.topicTitle}`,
            createdAt: now,
            durationMs: null,
            deadlineAt: null,
          });
          insertItem(db, {
            sessionId: id,
            position: 0,
            questionId: added.questionId,
            questionVersion: added.version,
            variantSeed: added.seed,
            shownAt: now,
          });
          return id;
        })();
        return buildState(deps, getSession(db, newId)!);
      }
      db.transaction(() => {
        shiftItemsAfter(db, sessionId, position);
        insertItem(db, {
          sessionId,
          position: position + 1,
          questionId: added.questionId,
          questionVersion: added.version,
          variantSeed: added.seed,
          shownAt: now,
        });
        setCurrentPosition(db, sessionId, position + 1);
      })();
      return buildState(deps, getSession(db, sessionId)!);
    },

    async pauseQuiz({ sessionId }) {
      const session = loadSession(deps, sessionId);
      if (session.mode === 'exam') {
        throw new ServiceError(
          'forbidden',
          "An exam can't be paused: its timer runs until the deadline.",
        );
      }
      if (session.status === 'paused')
        throw new ServiceError('conflict', 'This quiz is already paused.');
      requireActive(session);
      setSessionStatus(db, sessionId, 'paused');
      return buildState(deps, getSession(db, sessionId)!);
    },

    async resumeQuiz({ sessionId }) {
      const session = loadSession(deps, sessionId);
      if (session.mode === 'exam') {
        throw new ServiceError(
          'forbidden',
          "An exam can't be paused or resumed: its timer runs until the deadline.",
        );
      }
      if (session.status === 'finished') {
        throw new ServiceError(
          'conflict',
          'This quiz is already finished; you can open its review.',
        );
      }
      if (session.status === 'active')
        throw new ServiceError('conflict', 'This quiz is not paused.');
      setSessionStatus(db, sessionId, 'active');
      return buildState(deps, getSession(db, sessionId)!);
    },

    /** Idempotent: finishing a finished quiz (e.g. just expired) returns its review. */
    async finishQuiz({ sessionId }) {
      const session = loadSession(deps, sessionId);
      if (session.status !== 'finished') {
        finishInTransaction(deps, session, 'submitted', deps.clock.now());
      }
      return buildReview(deps, getSession(db, sessionId)!);
    },

    async getReview({ sessionId }) {
      const session = loadSession(deps, sessionId);
      if (session.status !== 'finished') {
        throw new ServiceError('conflict', 'The review is available once the quiz is finished.');
      }
      return buildReview(deps, session);
    },

    async listHistory() {
      openSessionsAfterExpiry(deps);
      return listSessionHistory(db, deps.learnerId, HISTORY_LIMIT).map((s) => summaryOf(s, s));
    },
  };
}
