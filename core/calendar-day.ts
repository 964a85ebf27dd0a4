/** Calendar days as `YYYY-MM-DD` strings (the keys of `daily_activity`), without time zones. */

/** The calendar day before `day` (`YYYY-MM-DD`): "2025-03-01" → "2025-02-28". */
export function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  // Whole calendar days in UTC: no daylight-saving change can make a day 23 or 25 hours.
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}
