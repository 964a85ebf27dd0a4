/**
 * The first-run tour of the dashboard: a few steps, each pointing at one part of the screen
 * (marked with `data-tour` in the dashboard and the header) and saying what it is for.
 */
import { durationText, type ReviewSchedule } from './help';

export interface TourStep {
  /** The `data-tour` value of the part of the screen the step is about. */
  readonly target: 'next' | 'mastery' | 'reviews' | 'practice';
  readonly title: string;
  readonly text: string;
}

/** The steps, with the review times `schedule` gives (the app's own, from `AppInfo`). */
export const tourSteps = (schedule: ReviewSchedule): readonly TourStep[] => [
  {
    target: 'next',
    title: 'Start here',
    text:
      'The recommended quiz picks questions from your weakest topics and the reviews that are ' +
      'due, with a worked solution after each answer. It is the quickest way to get going.',
  },
  {
    target: 'mastery',
    title: 'Your level in each topic',
    text:
      'Each bar is how sure DeepDrill is that you know the topic, from Attempted through ' +
      'Familiar and Proficient to Mastered. “How mastery works” gives the exact thresholds.',
  },
  {
    target: 'reviews',
    title: 'Questions that come back',
    text:
      `Every question you answer comes back for review: a missed one after ` +
      `${durationText(schedule.firstWrong)}, a right one after ` +
      `${durationText(schedule.firstRight)} and then days apart. This card says how many are ` +
      'due now.',
  },
  {
    target: 'practice',
    title: 'Choose your own quiz',
    text:
      'Practice lets you pick topics and difficulty, or take a timed exam with no help until ' +
      'it ends. Your past quizzes and their reviews are under History; Help explains it all.',
  },
];

/** "Step 2 of 4". */
export function stepLabel(index: number, count: number): string {
  return `Step ${index + 1} of ${count}`;
}
