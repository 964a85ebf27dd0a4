/**
 * What the page may see of a quiz, and what it sends back. Options are shown in the item's
 * stored order (`core/option-order`) under opaque ids; keys, explanations, steps and
 * misconceptions go out only for checked practice items and for finished quizzes, never for an
 * exam that is still running.
 */
import { advanceExamTime, effectiveDeadline, remainingTime } from '../../../core/exam-clock';
import { displayTextAnswer, formatNumericKey, matchingTextAnswer } from '../../../core/grading';
import { evidenceWeight } from '../../../core/mastery';
import {
  presentOptions,
  toStoredIds,
  toViewIds,
  type PresentedOption,
} from '../../../core/option-order';
import type { ResolvedQuestion, Response } from '../../../core/types';
import { getReviewCard } from '../../../db/queries/progress';
import {
  listItems,
  listPartResponses,
  listSessionAttempts,
  type AttemptRecord,
  type PartResponseRecord,
  type QuizItemRecord,
  type QuizSessionRecord,
} from '../../../db/queries/quiz';
import type {
  ItemFeedback,
  LearnerResponse,
  Outcome,
  QuizItemView,
  QuizReview,
  QuizState,
  QuizSummary,
  TopicScore,
  TutorView,
} from '../../contract';
import type { ServiceDeps } from '../deps';
import { ServiceError } from '../errors';
import { examTimeOf } from './lifecycle';
import { resolveItem, type ResolvedItem } from './questions';

/** How a score reads: full credit, some credit (multiple select, partial rule), none. */
export function outcomeOf(score: number, correct: boolean): Outcome {
  if (correct) return 'correct';
  return score > 0 ? 'partial' : 'wrong';
}

/** The options of an item as the learner sees them (empty for numeric questions). */
export function itemOptions(
  question: ResolvedQuestion,
  optionSeed: number | null,
): PresentedOption[] {
  return presentOptions(question.options ?? [], optionSeed);
}

function toLearnerResponse(
  presented: readonly PresentedOption[],
  response: Response | null,
): LearnerResponse | null {
  if (response === null) return null;
  return response.kind === 'choice'
    ? { kind: 'choice', optionIds: toViewIds(presented, response.optionIds) }
    : { kind: response.kind, text: response.text };
}

/**
 * What review shows of a short answer's key: Moodle's "correct answer" (the first full-credit
 * answer, wildcards as spaces), every accepted answer with its credit, and the feedback of the
 * one the response matched.
 */
function shortAnswerFeedback(
  resolved: ResolvedQuestion,
  response: Response | null,
): Pick<
  ItemFeedback,
  'correctValue' | 'acceptedAnswers' | 'answerFeedback' | 'caseSensitive'
> | null {
  const key = resolved.text;
  if (key === undefined) return null;
  const full = key.answers.find((a) => a.weight >= 1);
  const matched =
    response?.kind === 'text' ? matchingTextAnswer(key, response.text)?.feedback : undefined;
  return {
    correctValue: full === undefined ? null : displayTextAnswer(full.value),
    acceptedAnswers: key.answers.map((a) => ({
      text: a.value,
      percent: Number((a.weight * 100).toFixed(5)),
    })),
    ...(matched === undefined ? {} : { answerFeedback: matched }),
    caseSensitive: key.caseSensitive,
  };
}

function feedbackFor(
  resolved: ResolvedQuestion,
  presented: readonly PresentedOption[],
  attempt: AttemptRecord | undefined,
): ItemFeedback {
  const short = shortAnswerFeedback(resolved, attempt?.response ?? null);
  const optionFeedback: Record<string, string> = {};
  const optionMisconceptions: Record<string, { id: string; label: string }> = {};
  for (const { viewId, option } of presented) {
    if (option.feedback !== undefined) optionFeedback[viewId] = option.feedback;
    if (option.misconception !== undefined) {
      optionMisconceptions[viewId] = {
        id: option.misconception.id,
        label: option.misconception.label,
      };
    }
  }
  let misconception: ItemFeedback['misconception'] = null;
  if (attempt?.misconceptionId != null) {
    const id = attempt.misconceptionId;
    const picked = presented.find((p) => p.option.misconception?.id === id)?.option;
    const typed = resolved.misconceptionKeys?.find((m) => m.misconception.id === id);
    const label = picked?.misconception?.label ?? typed?.misconception.label ?? id;
    const feedback = picked?.feedback ?? typed?.feedback;
    misconception = { id, label, ...(feedback === undefined ? {} : { feedback }) };
  }
  const score = attempt?.score ?? 0;
  const correct = attempt?.correct ?? false;
  return {
    attemptId: attempt?.id ?? null,
    correct,
    score,
    outcome: outcomeOf(score, correct),
    correctOptionIds: presented.filter((p) => p.option.correct).map((p) => p.viewId),
    correctValue: resolved.numeric === undefined ? null : formatNumericKey(resolved.numeric),
    ...short,
    explanation: resolved.explanation,
    steps: [...(resolved.steps ?? [])],
    ...(resolved.solutionFigure === undefined ? {} : { solutionFigure: resolved.solutionFigure }),
    optionFeedback,
    optionMisconceptions,
    misconception,
  };
}

/**
 * The tutoring a practice item offers (hint ladder, parts, credit), or null where it has none.
 * `previousAnswers`: how often the learner answered this question before this item.
 */
function tutorView(
  item: QuizItemRecord,
  question: ResolvedQuestion,
  parts: ReadonlyMap<string, PartResponseRecord>,
  checked: boolean,
  previousAnswers: number,
): TutorView | null {
  const ladder = question.hints ?? [];
  const questionParts = question.parts ?? [];
  if (ladder.length === 0 && questionParts.length === 0) return null;
  const shown = Math.min(item.hintsUsed, ladder.length);
  return {
    hints: ladder.slice(0, shown),
    hintsLeft: ladder.length - shown,
    parts: questionParts.map((part) => {
      const entry = parts.get(part.id);
      return {
        id: part.id,
        prompt: part.prompt,
        answerFormat: part.answerFormat,
        response: entry?.response ?? null,
        correct: entry?.correct ?? null,
        correctValue: entry?.correct === true || checked ? formatNumericKey(part.key) : null,
        hint: part.hint ?? null,
      };
    }),
    tries: item.tries,
    creditPercent: Math.round(100 * evidenceWeight(previousAnswers, item.hintsUsed, item.tries)),
  };
}

/** One question as the page sees it; `attempt` (its feedback) only when it may be revealed. */
export function itemView(
  item: Pick<QuizItemRecord, 'position' | 'questionId' | 'optionSeed' | 'response' | 'marked'>,
  resolved: ResolvedItem,
  reveal: { readonly attempt: AttemptRecord | undefined } | null,
  tutor: TutorView | null = null,
): QuizItemView {
  const q = resolved.question;
  const presented = itemOptions(q, item.optionSeed);
  return {
    position: item.position,
    questionId: item.questionId,
    topicId: resolved.stored.topicId,
    topicTitle: resolved.stored.topicTitle,
    kind: q.kind,
    stem: q.stem,
    // Only an opaque id and the text: keys, feedback and misconceptions stay here.
    options: presented.map((p) => ({ id: p.viewId, text: p.option.text })),
    answerFormat: q.answerFormat ?? null,
    ...(q.figure === undefined ? {} : { figure: q.figure }),
    fromTemplate: resolved.stored.type === 'template',
    response: toLearnerResponse(presented, item.response),
    marked: item.marked,
    feedback: reveal === null ? null : feedbackFor(q, presented, reveal.attempt),
    tutor,
  };
}

/** Time left and the deadline it implies at `now` (exams), by the session's stored time. */
function examClockView(
  session: QuizSessionRecord,
  now: number,
): { remainingMs: number | null; deadlineAt: number | null } {
  const time = examTimeOf(session);
  if (time === null) return { remainingMs: null, deadlineAt: null };
  if (session.status === 'finished') return { remainingMs: 0, deadlineAt: session.finishedAt };
  const advanced = advanceExamTime(time, now);
  return { remainingMs: remainingTime(advanced), deadlineAt: effectiveDeadline(advanced) };
}

/**
 * The state the page gets. Feedback is included for checked practice items and, once finished,
 * for every item; never for an unfinished exam.
 */
export function buildState(deps: ServiceDeps, session: QuizSessionRecord): QuizState {
  if (session.status === 'discarded') throw new Error('a discarded quiz has no state');
  const items = listItems(deps.db, session.id);
  const finished = session.status === 'finished';
  const reveal = finished || session.mode === 'practice';
  const attempts = new Map<number, AttemptRecord>();
  if (reveal && (finished || items.some((i) => i.attemptId !== null))) {
    for (const a of listSessionAttempts(deps.db, session.id)) attempts.set(a.id, a);
  }
  const practice = session.mode === 'practice';
  const parts = new Map<number, Map<string, PartResponseRecord>>();
  if (practice) {
    for (const part of listPartResponses(deps.db, session.id)) {
      let byId = parts.get(part.position);
      if (byId === undefined) parts.set(part.position, (byId = new Map()));
      byId.set(part.partId, part);
    }
  }
  const views = items.map((item) => {
    const attempt = item.attemptId === null ? undefined : attempts.get(item.attemptId);
    const show = reveal && (finished || attempt !== undefined);
    const resolved = resolveItem(deps.db, item);
    let tutor: TutorView | null = null;
    if (
      practice &&
      (resolved.question.hints !== undefined || resolved.question.parts !== undefined)
    ) {
      const reps = getReviewCard(deps.db, session.learnerId, item.questionId)?.reps ?? 0;
      const checked = item.attemptId !== null;
      tutor = tutorView(
        item,
        resolved.question,
        parts.get(item.position) ?? new Map(),
        checked || finished,
        Math.max(0, reps - (checked ? 1 : 0)),
      );
    }
    return itemView(item, resolved, show ? { attempt } : null, tutor);
  });
  const now = deps.clock.now();
  const clock = examClockView(session, now);
  return {
    sessionId: session.id,
    title: session.title,
    mode: session.mode,
    status: session.status,
    msqRule: session.msqRule,
    currentPosition: session.currentPosition,
    durationMs: session.durationMs,
    deadlineAt: clock.deadlineAt,
    remainingMs: clock.remainingMs,
    serverNow: now,
    items: views,
    finishReason: session.finishReason,
  };
}

/** A finished quiz with its score, in total and per topic (partial credit counted as given). */
export function buildReview(deps: ServiceDeps, session: QuizSessionRecord): QuizReview {
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

/** A session in a list (history, open quizzes). */
export function summaryOf(
  session: QuizSessionRecord,
  counts: { itemCount: number; answeredCount: number },
): QuizSummary {
  if (session.status === 'discarded') throw new Error('a discarded quiz is not listed');
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

/**
 * What the page sent, checked against the question as the learner sees it: the response to
 * store (stored option ids in display order), or null for an empty one (which clears the saved
 * answer). A wrong kind, an unknown option id or two picks for a single answer are refused.
 */
export function responseFromPage(
  question: ResolvedQuestion,
  optionSeed: number | null,
  response: LearnerResponse,
): Response | null {
  if (question.kind === 'numeric') {
    if (response.kind !== 'numeric') {
      throw new ServiceError('invalid-input', 'This question takes a number, not a choice.');
    }
    return response.text.trim() === '' ? null : { kind: 'numeric', text: response.text };
  }
  if (question.kind === 'short') {
    if (response.kind !== 'text') {
      throw new ServiceError(
        'invalid-input',
        'This question is answered by typing a word or phrase, not by picking options or typing a number.',
      );
    }
    return response.text.trim() === '' ? null : { kind: 'text', text: response.text };
  }
  if (response.kind !== 'choice') {
    throw new ServiceError(
      'invalid-input',
      `This question is answered by picking options, not by typing ${response.kind === 'numeric' ? 'a number' : 'text'}.`,
    );
  }
  const mapped = toStoredIds(itemOptions(question, optionSeed), response.optionIds);
  if ('unknown' in mapped) {
    throw new ServiceError('invalid-input', `This question has no option "${mapped.unknown}".`);
  }
  if (question.kind === 'mcq' && mapped.ids.length > 1) {
    throw new ServiceError(
      'invalid-input',
      'Pick only one option: this question has a single answer.',
    );
  }
  return mapped.ids.length === 0 ? null : { kind: 'choice', optionIds: mapped.ids };
}
