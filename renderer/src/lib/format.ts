/** Small formatting rules shared by the screens. */

/** 0.734 → "73%". */
export function percent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '0%';
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

/** A score such as 3.5 of 5: "3.5 / 5". Up to two decimals, trailing zeros dropped. */
export function scoreText(score: number, max: number): string {
  const round = (x: number) => String(Math.round(x * 100) / 100);
  return `${round(score)} / ${round(max)}`;
}

/** "1 question", "3 questions". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** `YYYY-MM-DD` → "3 Mar" (local calendar day, no time zone shift). */
export function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  if (!y || !m || !d) return day;
  return `${d} ${months[m - 1]}`;
}
