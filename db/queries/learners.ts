import type { Db } from '../connection';

/**
 * The id of the learner named `name`, created on first use. The desktop app has one local
 * learner; the simulator and benchmarks create many.
 */
export function ensureLearner(db: Db, name: string, now: number): number {
  db.prepare(
    'INSERT INTO learners (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
  ).run(name, now);
  return db.prepare<[string], number>('SELECT id FROM learners WHERE name = ?').pluck().get(name)!;
}
