/**
 * Which automatic backups to keep: a grandfather-father-son rotation over about a year.
 * Keeps the newest backup of each of the last `dailies` days, of each of the last `weeklies`
 * ISO-like weeks (7-day buckets counted back from now), and of each of the last `monthlies`
 * calendar months (UTC), and always the newest one. Pure: takes timestamps, returns the ones to keep.
 */
export interface RetentionPolicy {
  readonly dailies: number;
  readonly weeklies: number;
  readonly monthlies: number;
}

/** 7 dailies, 8 weeklies, 12 monthlies: roughly a year of history in ~27 files. */
export const defaultRetention: RetentionPolicy = { dailies: 7, weeklies: 8, monthlies: 12 };

const dayMs = 86_400_000;

/** Returns the subset of `times` (ms since epoch) to keep at `now`, newest first. */
export function backupsToKeep(
  times: readonly number[],
  now: number,
  policy: RetentionPolicy = defaultRetention,
): number[] {
  const newestFirst = [...times].sort((a, b) => b - a);
  const keep = new Set<number>();
  const today = Math.floor(now / dayMs);
  const nowDate = new Date(now);
  const monthIndex = (t: number) => {
    const d = new Date(t);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const currentMonth = nowDate.getUTCFullYear() * 12 + nowDate.getUTCMonth();
  // The most recent backup is always kept, however old it is.
  if (newestFirst.length > 0) keep.add(newestFirst[0]);
  const seen = { day: new Set<number>(), week: new Set<number>(), month: new Set<number>() };
  for (const t of newestFirst) {
    const daysAgo = today - Math.floor(t / dayMs);
    const weeksAgo = Math.floor(daysAgo / 7);
    const monthsAgo = currentMonth - monthIndex(t);
    if (daysAgo < policy.dailies && !seen.day.has(daysAgo)) {
      seen.day.add(daysAgo);
      keep.add(t);
    }
    if (weeksAgo < policy.weeklies && !seen.week.has(weeksAgo)) {
      seen.week.add(weeksAgo);
      keep.add(t);
    }
    if (monthsAgo < policy.monthlies && !seen.month.has(monthsAgo)) {
      seen.month.add(monthsAgo);
      keep.add(t);
    }
  }
  return newestFirst.filter((t) => keep.has(t));
}
