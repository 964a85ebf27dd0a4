/** What the Assignments screen says: status chips, dates, attempts, scores and the standing. */
import type {
  AssignmentStatus,
  AssignmentView,
  CourseStanding,
  LatePolicy,
} from '../../../electron/contract';
import { percent, plural } from '../lib/format';

/** Formats a time for the learner (their locale and time zone in the app). */
export type FormatTime = (ms: number) => string;

/** The learner's local date and time, e.g. "Wed 27 Jan, 23:59". */
export function localTimeFormat(options: { timeZone?: string; locale?: string } = {}): FormatTime {
  const format = new Intl.DateTimeFormat(options.locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: options.timeZone,
  });
  return (ms) => format.format(ms);
}

/** Assignments by week, weeks in order, each week's in the course's order. */
export function byWeek(
  assignments: readonly AssignmentView[],
): { week: number; assignments: AssignmentView[] }[] {
  const weeks = new Map<number, AssignmentView[]>();
  for (const a of assignments) weeks.set(a.week, [...(weeks.get(a.week) ?? []), a]);
  return [...weeks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([week, list]) => ({ week, assignments: list }));
}

/** The chip of a status: its words and its badge class. */
export function statusChip(status: AssignmentStatus): { label: string; tone: string } {
  switch (status) {
    case 'upcoming':
      return { label: 'Upcoming', tone: '' };
    case 'open':
      return { label: 'Open', tone: 'badge-accent' };
    case 'submitted':
      return { label: 'Submitted', tone: 'badge-ok' };
    case 'late':
      return { label: 'Late', tone: 'badge-warn' };
    case 'closed':
      return { label: 'Closed', tone: '' };
    case 'missed':
      return { label: 'Missed', tone: 'badge-danger' };
    default:
      throw new Error(`unknown status ${JSON.stringify(status satisfies never)}`);
  }
}

/**
 * Marks with at most two decimals, cut (never rounded up: 9.996 shows as 9.99, not a pass
 * of 10), trailing zeros dropped: 18.125 → "18.12", 10 → "10".
 */
export function marks(value: number): string {
  return String(Math.floor(value * 100 + 1e-9) / 100);
}

/** "1 of 2 attempts used". */
export function attemptsText(a: AssignmentView): string {
  return `${a.attemptsUsed} of ${plural(a.attemptsAllowed, 'attempt')} used`;
}

/** The best score, or what stands in for it (nothing before it opens). */
export function scoreLabel(a: AssignmentView): string | null {
  if (a.best !== null) return `Best ${percent(a.best)}`;
  if (a.openSessionId !== null) return 'In progress';
  if (a.status === 'upcoming') return null;
  return a.status === 'missed' ? 'Score 0%' : 'No score yet';
}

/** When it opens or is due (and until when late work is taken). */
export function whenText(a: AssignmentView, now: number, format: FormatTime): string {
  if (now < a.opensAt) return `Opens ${format(a.opensAt)} · due ${format(a.dueAt)}`;
  const due = `Due ${format(a.dueAt)}`;
  if (now >= a.dueAt && a.closesAt !== null && now < a.closesAt) {
    return `${due} · late work until ${format(a.closesAt)}`;
  }
  return due;
}

/** What the learner can do with an assignment now. */
export type AssignmentAction =
  | { readonly kind: 'resume'; readonly sessionId: number }
  | { readonly kind: 'start'; readonly label: string; readonly note: string | null }
  | { readonly kind: 'none'; readonly reason: string };

export function actionOf(a: AssignmentView, now: number): AssignmentAction {
  if (a.openSessionId !== null) return { kind: 'resume', sessionId: a.openSessionId };
  switch (a.cannotStart) {
    case null: {
      // An attempt ends when the course stops taking work: say so when that cuts it short.
      const left = a.closesAt === null ? Infinity : a.closesAt - now;
      const short = left < (a.durationMinutes ?? Infinity) * 60_000;
      const note = short
        ? `Closes in ${plural(Math.max(1, Math.floor(left / 60_000)), 'minute')}: the attempt ends then`
        : a.latePenaltyPercent > 0
          ? `Late: ${a.latePenaltyPercent}% off if handed in now`
          : a.status === 'late'
            ? 'Late, accepted without penalty'
            : null;
      return { kind: 'start', label: a.attemptsUsed > 0 ? 'Try again' : 'Start', note };
    }
    case 'not-open':
      // When it opens is said beside its title.
      return { kind: 'none', reason: 'Not open yet' };
    case 'attempts-used':
      return { kind: 'none', reason: 'All attempts used' };
    case 'late-refused':
      return { kind: 'none', reason: 'Late work is not accepted' };
    case 'late-over':
      return { kind: 'none', reason: 'Closed for late work' };
    case 'in-progress':
      return { kind: 'none', reason: 'In progress' };
    default:
      throw new Error(`unknown refusal ${JSON.stringify(a.cannotStart satisfies never)}`);
  }
}

/** The course's late rule in one sentence. */
export function latePolicyText(policy: LatePolicy): string {
  const window = (days: number | undefined) =>
    days === undefined ? '' : ` for up to ${plural(days, 'day')} after the due time`;
  switch (policy.kind) {
    case 'refuse':
      return 'Late work is not accepted: an attempt ends at the due time at the latest.';
    case 'accept':
      return `Late work is accepted without penalty${window(policy.maxDaysLate)}.`;
    case 'penalty':
      return `Late work loses ${policy.percentPerDay}% per day late, at most ${policy.maxPercent}%${window(policy.maxDaysLate)}.`;
    default:
      throw new Error(`unknown late policy ${JSON.stringify(policy satisfies never)}`);
  }
}

/** The standing's parts and what it takes to pass, in words. */
export function standingText(standing: CourseStanding): {
  readonly assignments: string;
  readonly exam: string;
  readonly certificate: string;
  readonly projected: string;
} {
  const a = standing.assignments;
  const e = standing.exam;
  const assignments =
    a.status === 'passed'
      ? `Passed: ${marks(a.score)} / ${a.weight} is at least the ${a.passAt} needed.`
      : a.status === 'failed'
        ? `${a.passAt} / ${a.weight} is out of reach: full marks on what is left would give ${marks(a.maxReachable)}.`
        : `To reach ${a.passAt} / ${a.weight}: score at least ${percent(Math.ceil((a.neededAverage ?? 0) * 100) / 100)} on each of the ${plural(a.remaining, 'assignment')} still to do.`;
  const neededShare = percent(Math.ceil((e.needed / e.weight) * 100) / 100);
  const exam =
    e.status === 'failed' && !e.counted
      ? `The exam cannot make up for the assignments: it would need ${marks(e.needed)} / ${e.weight}.`
      : `The final exam needs at least ${marks(e.needed)} / ${e.weight} (${neededShare} of its marks).`;
  const certificate =
    standing.certificate === 'passed'
      ? 'Certificate earned.'
      : standing.certificate === 'failed'
        ? 'No certificate this term: a part can no longer be passed.'
        : `A certificate needs both: assignments ≥ ${a.passAt} / ${a.weight} and exam ≥ ${e.passAt} / ${e.weight}.`;
  const projected =
    standing.projectedTotal === null
      ? `Take a mock final to see what your course score would be.`
      : standing.projectedPass
        ? 'With this mock final score you would pass.'
        : 'With this mock final score you would not pass yet.';
  return { assignments, exam, certificate, projected };
}
