import type { Db } from '../../db/connection';
import type { Settings } from '../contract';
import { msqRuleSchema, themeSchema, type settingsPatchSchema } from '../contract';

const defaults: Settings = { theme: 'system', defaultTimerMinutes: 20, defaultMsqRule: 'partial' };

const statements = new WeakMap<Db, { all: () => { key: string; value: string }[] }>();

function readAll(db: Db): Map<string, string> {
  let cached = statements.get(db);
  if (!cached) {
    const stmt = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    cached = { all: () => stmt.all() };
    statements.set(db, cached);
  }
  return new Map(cached.all().map((row) => [row.key, row.value]));
}

/** The learner's settings, each falling back to its default when unset or unreadable. */
export function getSettings(db: Db): Settings {
  const stored = readAll(db);
  const theme = themeSchema.safeParse(stored.get('theme'));
  const timer = Number(stored.get('defaultTimerMinutes'));
  const rule = msqRuleSchema.safeParse(stored.get('defaultMsqRule'));
  return {
    theme: theme.success ? theme.data : defaults.theme,
    defaultTimerMinutes:
      Number.isInteger(timer) && timer >= 1 && timer <= 600 ? timer : defaults.defaultTimerMinutes,
    defaultMsqRule: rule.success ? rule.data : defaults.defaultMsqRule,
  };
}

/** Applies a validated patch in one transaction and returns the new settings. */
export function updateSettings(
  db: Db,
  patch: ReturnType<typeof settingsPatchSchema.parse>,
): Settings {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, String(value));
    }
  })();
  return getSettings(db);
}
