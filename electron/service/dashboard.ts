/**
 * The dashboard and the topic list, built only from the aggregate tables (mastery, review cards,
 * misconception counts, daily activity): their cost does not grow with the number of attempts.
 */
import { BKT, masteryLevel } from '../../core/mastery';
import { previousDay } from '../../core/calendar-day';
import {
  countDueReviews,
  listDailyActivity,
  latestStudiedDay,
  listTopicProgress,
  topMisconceptions,
  type TopicProgressRecord,
} from '../../db/queries/progress';
import type { Dashboard, DayActivity, QuizSummary, TopicMastery } from '../contract';
import type { ServiceDeps } from './deps';

/** Days of activity the dashboard shows, today included. */
export const ACTIVITY_DAYS = 30;
/**
 * Due reviews are counted up to this many (a UI shows "999+"): counting every overdue card of a
 * long-absent learner would make the dashboard's cost grow with history.
 */
export const REVIEWS_DUE_CAP = 999;
/** Misconceptions the dashboard lists, most frequent first. */
export const TOP_MISCONCEPTIONS = 5;

/**
 * The local calendar day (`YYYY-MM-DD`, the machine's time zone) of a time in ms. Every day key
 * of `daily_activity` is made with this function, from the service's clock.
 */
export function localDayKey(ms: number): string {
  const d = new Date(ms);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

/**
 * Days in a row with answers, from the learner's latest day with answers and its stored streak:
 * the streak ends today, or yesterday while nothing is answered yet today (it lives until today
 * is over); older, it has ended.
 */
export function currentStreak(
  latest: { readonly day: string; readonly streak: number } | undefined,
  today: string,
): number {
  if (latest === undefined) return 0;
  return latest.day === today || latest.day === previousDay(today) ? latest.streak : 0;
}

/** The `count` local days ending with the day of `now`, oldest first. */
export function lastLocalDays(now: number, count: number): string[] {
  const today = new Date(now);
  const days: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    // Noon avoids DST edges when stepping whole days in local time.
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back, 12);
    days.push(localDayKey(d.getTime()));
  }
  return days;
}

/** Every topic with the learner's mastery, in bank order. */
export function listTopicMastery(deps: ServiceDeps): TopicMastery[] {
  return toTopicMastery(listTopicProgress(deps.db, deps.learnerId));
}

function toTopicMastery(records: readonly TopicProgressRecord[]): TopicMastery[] {
  return records.map((t) => {
    const attempts = t.mastery?.attempts ?? 0;
    const pKnown = t.mastery?.pKnown ?? BKT.pInit;
    return {
      topicId: t.topicId,
      title: t.title,
      questionCount: t.questionCount,
      pKnown,
      level: masteryLevel(pKnown, attempts, t.mastery?.scoreSum ?? 0),
      attempts,
      correct: t.mastery?.correct ?? 0,
      scoreSum: t.mastery?.scoreSum ?? 0,
    };
  });
}

/**
 * The dashboard at `deps.clock.now()`: topics with mastery, the last {@link ACTIVITY_DAYS} local
 * days (empty days included), reviews due (up to {@link REVIEWS_DUE_CAP}), top misconceptions,
 * totals (from the mastery rows), the streak of days studied (one row: each day stores its
 * own) and the open quizzes the caller found.
 */
export function buildDashboard(deps: ServiceDeps, openQuizzes: readonly QuizSummary[]): Dashboard {
  const now = deps.clock.now();
  const records = listTopicProgress(deps.db, deps.learnerId);
  const topics = toTopicMastery(records);
  let answered = 0;
  let scoreSum = 0;
  for (const row of records) {
    answered += row.mastery?.attempts ?? 0;
    scoreSum += row.mastery?.scoreSum ?? 0;
  }
  const days = lastLocalDays(now, ACTIVITY_DAYS);
  const today = days[days.length - 1];
  const stored = new Map(
    listDailyActivity(deps.db, deps.learnerId, days[0]).map((d) => [d.day, d]),
  );
  const activity: DayActivity[] = days.map((day) => {
    const row = stored.get(day);
    return row === undefined
      ? { day, answered: 0, accuracy: 0 }
      : {
          day,
          answered: row.answered,
          accuracy: row.answered === 0 ? 0 : row.scoreSum / row.answered,
        };
  });
  return {
    topics,
    activity,
    reviewsDue: countDueReviews(deps.db, deps.learnerId, now, REVIEWS_DUE_CAP),
    misconceptions: topMisconceptions(deps.db, deps.learnerId, TOP_MISCONCEPTIONS).map((m) => ({
      id: m.id,
      label: m.label,
      count: m.count,
    })),
    totals: { answered, accuracy: answered === 0 ? 0 : scoreSum / answered },
    streakDays: currentStreak(latestStudiedDay(deps.db, deps.learnerId, today), today),
    openQuizzes,
  };
}
