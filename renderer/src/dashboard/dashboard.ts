/** Plain logic of the dashboard: labels, the activity chart's geometry and its text summary. */
import type { DayActivity, MasteryLevel, TopicMastery } from '../../../electron/contract';
import { percent, plural, shortDay } from '../lib/format';

/** A mastery level in words. */
export function levelLabel(level: MasteryLevel): string {
  switch (level) {
    case 'not-started':
      return 'Not started';
    case 'attempted':
      return 'Attempted';
    case 'familiar':
      return 'Familiar';
    case 'proficient':
      return 'Proficient';
    case 'mastered':
      return 'Mastered';
    default:
      throw new Error(`unknown mastery level ${String(level satisfies never)}`);
  }
}

/**
 * A topic's record in words: right answers, and the credit partly right multiple-select
 * answers earned on top ("3 of 5 answers correct, 3.5 with partial credit").
 */
export function topicRecord(
  topic: Pick<TopicMastery, 'attempts' | 'correct' | 'scoreSum' | 'questionCount'>,
): string {
  if (topic.attempts === 0) return `${plural(topic.questionCount, 'question')} · not tried yet`;
  const record = `${topic.correct} of ${plural(topic.attempts, 'answer')} correct`;
  const credit = Math.round(topic.scoreSum * 100) / 100;
  return credit > topic.correct ? `${record}, ${credit} with partial credit` : record;
}

/** Filled steps of the five-step level indicator (shape, not only colour, shows the level). */
export function levelSteps(level: MasteryLevel): number {
  const order: readonly MasteryLevel[] = [
    'not-started',
    'attempted',
    'familiar',
    'proficient',
    'mastered',
  ];
  return order.indexOf(level);
}

/** Smallest "nice" axis maximum (1, 2, 5, 10, 20, 50…) that holds `value`. */
export function niceMax(value: number): number {
  if (value <= 0) return 5;
  const exponent = Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    const candidate = step * 10 ** exponent;
    if (candidate >= value) return Math.max(candidate, 5);
  }
  return 10 ** (exponent + 1);
}

export interface ChartBar {
  readonly day: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly answered: number;
  readonly accuracy: number;
}

export interface ChartGeometry {
  readonly bars: readonly ChartBar[];
  /** Accuracy points (days with answers only), on the same x as the bars. */
  readonly accuracy: readonly { readonly x: number; readonly y: number }[];
  readonly maxAnswered: number;
}

/** Bars of answers per day and accuracy points, in a `width` × `height` plot area. */
export function chartGeometry(
  activity: readonly DayActivity[],
  width: number,
  height: number,
): ChartGeometry {
  const maxAnswered = niceMax(Math.max(0, ...activity.map((d) => d.answered)));
  const slot = activity.length > 0 ? width / activity.length : width;
  const barWidth = Math.max(2, slot * 0.62);
  const bars = activity.map((d, i) => {
    const barHeight = (d.answered / maxAnswered) * height;
    return {
      day: d.day,
      x: i * slot + (slot - barWidth) / 2,
      y: height - barHeight,
      width: barWidth,
      height: barHeight,
      answered: d.answered,
      accuracy: d.accuracy,
    };
  });
  const accuracy = activity.flatMap((d, i) =>
    d.answered > 0 ? [{ x: i * slot + slot / 2, y: height - d.accuracy * height }] : [],
  );
  return { bars, accuracy, maxAnswered };
}

/** What the chart shows, in one or two sentences (its accessible description). */
export function activitySummary(activity: readonly DayActivity[]): string {
  const active = activity.filter((d) => d.answered > 0);
  if (active.length === 0) {
    return `No answers in the last ${activity.length || 30} days yet. Start a quiz to see your progress here.`;
  }
  const answered = active.reduce((sum, d) => sum + d.answered, 0);
  const credit = active.reduce((sum, d) => sum + d.accuracy * d.answered, 0);
  const busiest = active.reduce((best, d) => (d.answered > best.answered ? d : best));
  const first = active.slice(0, Math.max(1, Math.floor(active.length / 2)));
  const last = active.slice(first.length);
  let trend = '';
  if (last.length > 0) {
    const mean = (days: readonly DayActivity[]) =>
      days.reduce((s, d) => s + d.accuracy * d.answered, 0) /
      days.reduce((s, d) => s + d.answered, 0);
    const change = mean(last) - mean(first);
    trend =
      Math.abs(change) < 0.05
        ? ' Your score is steady.'
        : change > 0
          ? ' Your score is improving.'
          : ' Your score has dropped recently.';
  }
  return (
    `In the last ${activity.length} days you answered ${plural(answered, 'question')} on ` +
    `${plural(active.length, 'day')}, average score ${percent(credit / answered)} ` +
    `(partial credit counted). ` +
    `Busiest day: ${shortDay(busiest.day)} (${plural(busiest.answered, 'answer')}).${trend}`
  );
}

/** Today's answers against the daily goal ("4 of 10 questions"; without a goal, "4 questions"). */
export function goalText(answeredToday: number, goal: number): string {
  if (goal <= 0) return `${plural(answeredToday, 'question')} answered today`;
  const of = `${answeredToday} of ${plural(goal, 'question')}`;
  return answeredToday >= goal ? `Goal reached: ${of} today` : `${of} today`;
}

/**
 * The days-studied streak in words: the days in a row (see `Dashboard.streakDays`), and what
 * keeps it going when today has no answer yet.
 */
export function streakText(days: number, studiedToday: boolean): string {
  if (days <= 0) return 'Answer a question to start a streak of days studied.';
  const count = plural(days, 'day');
  if (studiedToday) {
    return days === 1
      ? 'Studied today: day 1 of a new streak.'
      : `Studied ${count} in a row, today included.`;
  }
  return `Studied ${count} in a row up to yesterday. Answer a question today to keep it going.`;
}
