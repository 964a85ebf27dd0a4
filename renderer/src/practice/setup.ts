/** The practice-setup form: defaults from settings and lock-down, and the `startQuiz` input. */
import { MIN_EXAM_MINUTES } from '../../../core/exam-clock';
import { RECOMMENDED_QUIZ_SIZE } from '../../../core/types';
import type { Lockdown, MsqRule, ParsedInput, Settings } from '../../../electron/contract';
import { plural } from '../lib/format';

export { MIN_EXAM_MINUTES };
/** Longest exam the service starts. */
export const MAX_EXAM_MINUTES = 600;

export type StartQuizInput = ParsedInput<'startQuiz'>;

export interface SetupForm {
  topics: string[];
  count: number;
  mode: 'practice' | 'exam';
  durationMinutes: number;
  difficultyMin: number;
  difficultyMax: number;
  msqRule: MsqRule;
}

export type SetupErrors = Partial<Record<keyof SetupForm, string>>;

/** The quiz a recommended start gives: ten questions from weak topics and due reviews. */
export const recommendedCount = RECOMMENDED_QUIZ_SIZE;

/** Exam-only lock-down turns every quiz into a timed exam. */
export function allowedModes(lockdown: Lockdown): readonly ('practice' | 'exam')[] {
  return lockdown.examOnly ? ['exam'] : ['practice', 'exam'];
}

/** The form as first shown. */
export function defaultForm(
  settings: Settings,
  lockdown: Lockdown,
  preselected: readonly string[] = [],
): SetupForm {
  return {
    topics: [...preselected],
    count: recommendedCount,
    mode: lockdown.examOnly ? 'exam' : 'practice',
    durationMinutes: settings.defaultTimerMinutes,
    difficultyMin: 1,
    difficultyMax: 5,
    msqRule: lockdown.fixedMsqRule ?? settings.defaultMsqRule,
  };
}

/** Checks the form; returns the input for `startQuiz` or a message per field. */
export function buildStartInput(
  form: SetupForm,
  lockdown: Lockdown,
): { ok: true; input: StartQuizInput } | { ok: false; errors: SetupErrors } {
  const errors: SetupErrors = {};
  if (form.topics.length === 0) errors.topics = 'Choose at least one topic.';
  if (!Number.isInteger(form.count) || form.count < 1 || form.count > 100) {
    errors.count = 'Choose between 1 and 100 questions.';
  }
  const mode = lockdown.examOnly ? 'exam' : form.mode;
  if (
    mode === 'exam' &&
    (!Number.isFinite(form.durationMinutes) ||
      form.durationMinutes < MIN_EXAM_MINUTES ||
      form.durationMinutes > MAX_EXAM_MINUTES)
  ) {
    errors.durationMinutes = `Give a duration between ${MIN_EXAM_MINUTES} and ${MAX_EXAM_MINUTES} minutes.`;
  }
  if (form.difficultyMin > form.difficultyMax) {
    errors.difficultyMin = 'The easiest level must not be above the hardest.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      mode,
      selection: 'topics',
      topics: [...form.topics],
      count: form.count,
      difficulty: difficultyFilter(form),
      durationMinutes: mode === 'exam' ? form.durationMinutes : undefined,
      msqRule: lockdown.fixedMsqRule ?? form.msqRule,
    },
  };
}

/** The one-click quiz of the dashboard ("Start recommended quiz") or of due reviews. */
export function quickQuizInput(
  selection: 'recommended' | 'due',
  count: number,
  settings: Settings,
  lockdown: Lockdown,
): StartQuizInput {
  const mode = lockdown.examOnly ? 'exam' : 'practice';
  return {
    mode,
    selection,
    topics: [],
    count: Math.max(1, Math.min(100, count)),
    durationMinutes: mode === 'exam' ? settings.defaultTimerMinutes : undefined,
    msqRule: lockdown.fixedMsqRule ?? settings.defaultMsqRule,
  };
}

/** The difficulty filter of the form (none when every level is allowed). */
function difficultyFilter(
  form: Pick<SetupForm, 'difficultyMin' | 'difficultyMax'>,
): { min: number; max: number } | undefined {
  const allLevels = form.difficultyMin === 1 && form.difficultyMax === 5;
  return allLevels ? undefined : { min: form.difficultyMin, max: form.difficultyMax };
}

/** What `countMatching` is asked for the form, or null when there is nothing to count yet. */
export function matchQuery(
  form: Pick<SetupForm, 'topics' | 'difficultyMin' | 'difficultyMax'>,
): ParsedInput<'countMatching'> | null {
  if (form.topics.length === 0 || form.difficultyMin > form.difficultyMax) return null;
  return { topics: [...form.topics].sort(), difficulty: difficultyFilter(form) };
}

/** How the matching count reads next to the requested number of questions. */
export function matchMessage(
  matching: number,
  requested: number,
): { readonly text: string; readonly tone: 'ok' | 'short' | 'none' } {
  if (matching === 0) {
    return {
      text: 'No questions match these topics and difficulty. Choose more topics or widen the difficulty.',
      tone: 'none',
    };
  }
  const match = `${plural(matching, 'question')} ${matching === 1 ? 'matches' : 'match'}`;
  if (Number.isInteger(requested) && requested > matching) {
    return {
      text: `Only ${match} these topics and difficulty, so the quiz will have ${plural(matching, 'question')}, not ${requested}.`,
      tone: 'short',
    };
  }
  return { text: `${match} these topics and difficulty.`, tone: 'ok' };
}
