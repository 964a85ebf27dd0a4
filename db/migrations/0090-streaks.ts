import type { Migration } from './types';

/**
 * `daily_activity.streak`: the days in a row with answers that end with that day, set when the
 * day's first answer is recorded (one more than the day before's, or 1), so the dashboard reads
 * a learner's streak from one row instead of walking back through their days. Existing days get
 * theirs from the runs of consecutive days already stored ("gaps and islands": within a run, a
 * day's Julian number minus its rank is the same).
 */
export const migration0090: Migration = {
  version: 90,
  name: 'streaks',
  up: `
ALTER TABLE daily_activity ADD COLUMN streak INTEGER NOT NULL DEFAULT 1 CHECK (streak >= 1);

UPDATE daily_activity AS d SET streak = s.streak
FROM (
  SELECT learner_id, day,
    row_number() OVER (PARTITION BY learner_id, island ORDER BY day) AS streak
  FROM (
    SELECT learner_id, day,
      julianday(day) - row_number() OVER (PARTITION BY learner_id ORDER BY day) AS island
    FROM daily_activity
  )
) AS s
WHERE d.learner_id = s.learner_id AND d.day = s.day;
`,
};
