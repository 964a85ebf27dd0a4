import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';

interface Statements {
  all: Statement<[], { key: string; value: string }>;
  one: Statement<[string], string>;
  upsert: Statement<[string, string]>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      all: db.prepare('SELECT key, value FROM settings'),
      one: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
      upsert: db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
    cache.set(db, s);
  }
  return s;
}

/** Every stored key/value setting (app settings and internal markers such as the bank hash). */
export function readSettings(db: Db): Map<string, string> {
  return new Map(
    statements(db)
      .all.all()
      .map((row) => [row.key, row.value]),
  );
}

/** One stored setting, or undefined when unset. */
export function getSetting(db: Db, key: string): string | undefined {
  return statements(db).one.get(key);
}

/** Stores a setting, replacing any previous value (call inside a transaction to group several). */
export function setSetting(db: Db, key: string, value: string): void {
  statements(db).upsert.run(key, value);
}
