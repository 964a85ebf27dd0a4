/**
 * Countdown arithmetic for timed exams. The deadline is set by the main process, so the page
 * measures the offset between its clock and the main process' clock once per state it receives
 * and counts down against that, never against its own idea of when the quiz started.
 */

/** Remaining-time thresholds announced to screen readers, largest first. */
export const warningThresholdsMs = [5 * 60_000, 60_000] as const;
export type WarningThreshold = (typeof warningThresholdsMs)[number];

/** Time left at which everything entered is saved at once, so it is in before the deadline. */
export const flushBeforeExpiryMs = 2_000;

/** Server clock minus page clock, from a state stamped `serverNow` that arrived at `clientNow`. */
export function clockOffset(serverNow: number, clientNow: number): number {
  return serverNow - clientNow;
}

/** Milliseconds left before `deadlineAt` (server clock) at page time `clientNow`; never negative. */
export function remainingMs(deadlineAt: number, clientNow: number, offsetMs: number): number {
  return Math.max(0, deadlineAt - (clientNow + offsetMs));
}

/**
 * `mm:ss` (or `h:mm:ss` from an hour up). Seconds are rounded up, so the clock shows 00:00 only
 * once time is really up.
 */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The remaining time in words, e.g. "4 minutes 5 seconds" (for the timer's accessible name). */
export function spokenRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (hours > 0) parts.push(part(hours, 'hour'));
  if (minutes > 0) parts.push(part(minutes, 'minute'));
  if (seconds > 0 || parts.length === 0) parts.push(part(seconds, 'second'));
  return parts.join(' ');
}

/**
 * The threshold crossed between two readings of the remaining time, or null. Crossing both at
 * once (a long sleep) reports only the smaller one; starting below a threshold does not count as
 * crossing it, so a resumed quiz is not announced twice.
 */
export function crossedWarning(previousMs: number, currentMs: number): WarningThreshold | null {
  let crossed: WarningThreshold | null = null;
  for (const threshold of warningThresholdsMs) {
    if (previousMs > threshold && currentMs <= threshold && currentMs > 0) crossed = threshold;
  }
  return crossed;
}

/** What the live region says when a threshold is crossed. */
export function warningMessage(threshold: WarningThreshold): string {
  return threshold === 60_000
    ? 'One minute left. The exam is submitted with your answers when time runs out.'
    : 'Five minutes left.';
}

/** How the visible clock is styled (icon and colour; the text says the same). */
export function urgency(ms: number): 'calm' | 'warning' | 'critical' {
  if (ms <= 60_000) return 'critical';
  if (ms <= 5 * 60_000) return 'warning';
  return 'calm';
}
