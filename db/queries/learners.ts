import type { Db } from '../connection';

/**
 * The id of the learner named `name`, created on first use (its xAPI account is its name, as
 * before profiles). The simulator, benchmarks and tests create learners this way; the app's
 * profiles are made by `insertProfile` (db/queries/profiles).
 */
export function ensureLearner(db: Db, name: string, now: number): number {
  db.prepare(
    `INSERT INTO learners (name, xapi_account, created_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO NOTHING`,
  ).run(name, name, now);
  return db.prepare<[string], number>('SELECT id FROM learners WHERE name = ?').pluck().get(name)!;
}
