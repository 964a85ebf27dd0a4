/**
 * What the profile screens show, as plain functions: the letters on a profile's badge, when it
 * was last used, whether "Who's studying?" is on screen, and what deleting a profile removes.
 */
import type { ProfileSummary, ProfilesState } from '../../../electron/contract';

/** Up to two letters for a profile's badge: the first of its first two words ("Asha Rao" → "AR"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => [...w][0] ?? '');
  return letters.join('').toLocaleUpperCase();
}

const DAY = 86_400_000;

/** "Last used today", "yesterday", "3 days ago", or the date; "Not used yet" before the first use. */
export function lastUsedLabel(lastUsedAt: number | null, now: number): string {
  if (lastUsedAt === null) return 'Not used yet';
  const startOfDay = (ms: number) => {
    const d = new Date(ms);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  };
  const days = Math.round((startOfDay(now) - startOfDay(lastUsedAt)) / DAY);
  if (days <= 0) return 'Last used today';
  if (days === 1) return 'Last used yesterday';
  if (days < 7) return `Last used ${days} days ago`;
  const date = new Date(lastUsedAt).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year:
      new Date(lastUsedAt).getFullYear() === new Date(now).getFullYear() ? undefined : 'numeric',
  });
  return `Last used ${date}`;
}

/** The profile studying now (undefined only while the list is not loaded). */
export function currentProfile(state: ProfilesState | null): ProfileSummary | undefined {
  return state?.profiles.find((p) => p.id === state.currentId);
}

/**
 * What deleting `name` does, as the confirmation says it (the service deletes exactly this, in
 * one transaction).
 */
export function deleteConsequence(name: string): string {
  return (
    `Deleting ${name} removes all of ${name}'s quizzes, answers, mastery, reviews and ` +
    'misconception counts from this computer. It cannot be undone. Results already queued for ' +
    "your institute's learning record store are still sent."
  );
}

/** A PIN as typed, before it is sent: 4 to 12 digits (the service checks it again). */
export function pinProblem(pin: string): string | null {
  return /^[0-9]{4,12}$/.test(pin) ? null : 'A PIN is 4 to 12 digits (0–9).';
}
