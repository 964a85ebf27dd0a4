import type { Db } from '../../db/connection';
import { readSettings, setSetting } from '../../db/queries/settings';
import type { Settings } from '../contract';
import { MAX_DAILY_GOAL } from '../../core/types';
import { msqRuleSchema, themeSchema, type settingsPatchSchema } from '../contract';

const defaults: Settings = {
  theme: 'system',
  defaultTimerMinutes: 20,
  defaultMsqRule: 'partial',
  tourSeen: false,
  dailyGoal: 10,
};

/** The learner's settings, each falling back to its default when unset or unreadable. */
export function getSettings(db: Db): Settings {
  const stored = readSettings(db);
  const theme = themeSchema.safeParse(stored.get('theme'));
  const timer = Number(stored.get('defaultTimerMinutes'));
  const rule = msqRuleSchema.safeParse(stored.get('defaultMsqRule'));
  const goal = Number(stored.get('dailyGoal') ?? Number.NaN);
  return {
    theme: theme.success ? theme.data : defaults.theme,
    defaultTimerMinutes:
      Number.isInteger(timer) && timer >= 1 && timer <= 600 ? timer : defaults.defaultTimerMinutes,
    defaultMsqRule: rule.success ? rule.data : defaults.defaultMsqRule,
    // Stored as String(boolean); anything else is "not seen", so the tour is offered again.
    tourSeen: stored.get('tourSeen') === 'true',
    dailyGoal:
      Number.isInteger(goal) && goal >= 0 && goal <= MAX_DAILY_GOAL ? goal : defaults.dailyGoal,
  };
}

/** Applies a validated patch in one transaction and returns the new settings. */
export function updateSettings(
  db: Db,
  patch: ReturnType<typeof settingsPatchSchema.parse>,
): Settings {
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) setSetting(db, key, String(value));
    }
  })();
  return getSettings(db);
}
