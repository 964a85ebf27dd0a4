/** The practice-setup form: defaults from settings and lock-down, and the `startQuiz` input. */
import type { Lockdown, MsqRule, ParsedInput, Settings } from '../../../electron/contract';

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
export const recommendedCount = 10;

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
      form.durationMinutes <= 0 ||
      form.durationMinutes > 600)
  ) {
    errors.durationMinutes = 'Give a duration between 0.1 and 600 minutes.';
  }
  if (form.difficultyMin > form.difficultyMax) {
    errors.difficultyMin = 'The easiest level must not be above the hardest.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const allLevels = form.difficultyMin === 1 && form.difficultyMax === 5;
  return {
    ok: true,
    input: {
      mode,
      selection: 'topics',
      topics: [...form.topics],
      count: form.count,
      difficulty: allLevels ? undefined : { min: form.difficultyMin, max: form.difficultyMax },
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
