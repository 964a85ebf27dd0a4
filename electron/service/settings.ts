import type { Db } from '../../db/connection';
import { readSettings, setSetting } from '../../db/queries/settings';
import type { Settings } from '../contract';
import { msqRuleSchema, settingsPatchSchema, themeSchema } from '../contract';

const defaults: Settings = {
  theme: 'system',
  defaultTimerMinutes: 20,
  defaultMsqRule: 'partial',
  tourSeen: false,
  dailyGoal: 10,
};

/**
 * A numeric setting as stored (as `String(n)`), if the settings schema accepts it, the same
 * check a new value passes; else its default.
 */
function storedNumber(
  stored: ReadonlyMap<string, string>,
  key: 'defaultTimerMinutes' | 'dailyGoal',
): number {
  const parsed = settingsPatchSchema.shape[key].safeParse(Number(stored.get(key)));
  return parsed.success && parsed.data !== undefined ? parsed.data : defaults[key];
}

/** The learner's settings, each falling back to its default when unset or unreadable. */
export function getSettings(db: Db): Settings {
  const stored = readSettings(db);
  const theme = themeSchema.safeParse(stored.get('theme'));
  const rule = msqRuleSchema.safeParse(stored.get('defaultMsqRule'));
  return {
    theme: theme.success ? theme.data : defaults.theme,
    defaultTimerMinutes: storedNumber(stored, 'defaultTimerMinutes'),
    defaultMsqRule: rule.success ? rule.data : defaults.defaultMsqRule,
    // Stored as String(boolean); anything else is "not seen", so the tour is offered again.
    tourSeen: stored.get('tourSeen') === 'true',
    dailyGoal: storedNumber(stored, 'dailyGoal'),
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
