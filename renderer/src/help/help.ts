/**
 * "How DeepDrill works" in words, built from the code that does the work: review times from
 * core's own scheduler (`reviewSchedule`, sent by the service in `AppInfo`), exam limits from `core/exam-clock`, the draft delay
 * from the quiz page and the shortcuts from the quiz's own list, so the help cannot drift from
 * what the app does.
 */
import { MIN_EXAM_MINUTES } from '../../../core/exam-clock';
import type { ReviewSchedule } from '../../../core/mastery';
import { plural } from '../lib/format';
import { DRAFT_DELAY_MS } from '../quiz/quiz-session.svelte';
import { shortcutHelp, type ShortcutEntry } from '../quiz/shortcuts';

export type { ReviewSchedule };

/** The sections of the help screen, in order. */
export const helpSections = [
  { id: 'mastery', title: 'Mastery levels' },
  { id: 'reviews', title: 'Reviews and why a question is due' },
  { id: 'today', title: 'Daily goal and streak' },
  { id: 'exams', title: 'Exam rules' },
  { id: 'shortcuts', title: 'Keyboard shortcuts' },
  { id: 'tour', title: 'Tour of the dashboard' },
] as const;

export type HelpSection = (typeof helpSections)[number]['id'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A review interval in words: "1 minute", "10 minutes", "5 hours", "2 days" (rounded). */
export function durationText(ms: number): string {
  if (ms < HOUR) return plural(Math.max(1, Math.round(ms / MINUTE)), 'minute');
  if (ms < DAY) return plural(Math.round(ms / HOUR), 'hour');
  return plural(Math.round(ms / DAY), 'day');
}

/** The review rules, one paragraph each. */
export function reviewNotes(schedule: ReviewSchedule): readonly string[] {
  const run = schedule.rightInARow.map(durationText);
  return [
    'Every question you answer gets a review time (spaced repetition with the FSRS scheduler). ' +
      'A question is due once its review time has come; “reviews due” on the dashboard counts ' +
      'the questions that are due now. Questions left blank get no review time.',
    `A wrong answer brings the question back after ${durationText(schedule.firstWrong)}, a ` +
      `right first answer after ${durationText(schedule.firstRight)}. That is why the count ` +
      'jumps after a quiz: a little while after you finish, the questions you just answered ' +
      'are due once more, to check they stuck. A partly right answer counts as wrong here.',
    `Each right answer given when the question is due pushes the next review further out: ` +
      `${run.slice(0, -1).join(', ')} and then ${run[run.length - 1]}. A wrong answer brings ` +
      `it back after ${durationText(schedule.wrongAfterRun)} and the intervals grow again ` +
      'from there. So what you know well comes back rarely, and what you missed comes back soon.',
    'Due questions are asked by “Review due questions” and mixed into “Start recommended ' +
      'quiz” with questions from your weakest topics. Answers in an exam count too, once it is ' +
      'finished.',
  ];
}

/** The exam rules, one point each; `timerMinutes` is the learner's default exam length. */
export function examNotes(timerMinutes: number): readonly string[] {
  const draftSeconds = (DRAFT_DELAY_MS / 1000).toLocaleString(undefined, {
    maximumFractionDigits: 1,
  });
  return [
    `An exam is timed. You set its length on the Practice screen: at least ` +
      `${plural(MIN_EXAM_MINUTES, 'minute')}, ${plural(timerMinutes, 'minute')} unless you ` +
      'change it (the default is in Settings).',
    'The app keeps the time, not the page: it keeps running while the window is closed, as ' +
      'on paper, and setting the computer’s clock back gives no extra time.',
    'No help during an exam: no hints, no step-by-step parts, no Check, no second try and no ' +
      'similar question. Each question is graded once, when the exam ends.',
    `Answers save as you go: a picked option at once, a typed number about ${draftSeconds} s ` +
      'after you stop typing. You can change them until the time is up.',
    'When the time runs out the exam is handed in by itself: every answer saved by then ' +
      'counts, and a question without an answer scores 0. Nothing you entered is lost.',
    'While an exam runs nothing shows an answer key: other quizzes cannot be checked, ' +
      'reviews of finished quizzes and question previews stay closed, and backups cannot be ' +
      'restored until the exam is finished.',
    'A finished exam stays finished with its score. Its review, with the keys and the worked ' +
      'solutions, opens once it is over; it is listed in the quiz history.',
  ];
}

/** Where a shortcut works. */
export type ShortcutScope = 'both' | 'practice' | 'exam';

export interface ShortcutRow extends ShortcutEntry {
  readonly scope: ShortcutScope;
}

const sameEntry = (a: ShortcutEntry, b: ShortcutEntry) =>
  a.action === b.action && a.keys.join(' ') === b.keys.join(' ');

/**
 * The quiz's shortcut list (the same data its "Keyboard shortcuts" dialog shows) with where each
 * works: practice keys first in the quiz's order, then what only an exam has.
 */
export function shortcutRows(): readonly ShortcutRow[] {
  const practice = shortcutHelp(true);
  const exam = shortcutHelp(false);
  return [
    ...practice.map((entry) => ({
      ...entry,
      scope: exam.some((e) => sameEntry(e, entry)) ? ('both' as const) : ('practice' as const),
    })),
    ...exam
      .filter((entry) => !practice.some((p) => sameEntry(p, entry)))
      .map((entry) => ({ ...entry, scope: 'exam' as const })),
  ];
}

/** "Practice and exams", "Practice only", "Exams only". */
export function scopeLabel(scope: ShortcutScope): string {
  switch (scope) {
    case 'both':
      return 'Practice and exams';
    case 'practice':
      return 'Practice only';
    case 'exam':
      return 'Exams only';
    default:
      throw new Error(`unknown scope ${JSON.stringify(scope satisfies never)}`);
  }
}
