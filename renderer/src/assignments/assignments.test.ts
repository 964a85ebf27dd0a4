import { describe, expect, it } from 'vitest';
import type { AssignmentView, CourseStanding } from '../../../electron/contract';
import {
  actionOf,
  attemptsText,
  byWeek,
  latePolicyText,
  localTimeFormat,
  marks,
  scoreLabel,
  standingText,
  statusChip,
  whenText,
} from './assignments';

const HOUR = 3_600_000;
/** 2027-01-20 00:00 IST = 2027-01-19 18:30 UTC. */
const opens = Date.UTC(2027, 0, 19, 18, 30);
const due = opens + 7 * 24 * HOUR + 23 * HOUR + 59 * 60_000;
const inKolkata = localTimeFormat({ timeZone: 'Asia/Kolkata', locale: 'en-GB' });

const assignment = (over: Partial<AssignmentView> = {}): AssignmentView => ({
  id: 'week-1',
  title: 'Week 1',
  week: 1,
  opensAt: opens,
  dueAt: due,
  closesAt: due,
  status: 'open',
  questionCount: 4,
  durationMinutes: 30,
  attemptsUsed: 0,
  attemptsAllowed: 2,
  best: null,
  openSessionId: null,
  lastFinishedSessionId: null,
  cannotStart: null,
  latePenaltyPercent: 0,
  ...over,
});

describe('assignment rows', () => {
  it('shows dates in the learner’s time zone', () => {
    // 18:30 UTC is midnight in India; due a week later at 23:59.
    expect(whenText(assignment(), opens + HOUR, inKolkata)).toBe('Due Wed 27 Jan, 23:59');
    expect(whenText(assignment(), opens - HOUR, inKolkata)).toBe(
      'Opens Wed 20 Jan, 00:00 · due Wed 27 Jan, 23:59',
    );
    const late = assignment({ closesAt: due + 3 * 24 * HOUR, status: 'late' });
    expect(whenText(late, due + HOUR, inKolkata)).toBe(
      'Due Wed 27 Jan, 23:59 · late work until Sat 30 Jan, 23:59',
    );
  });

  it('groups by week in week order', () => {
    const weeks = byWeek([
      assignment({ id: 'b', week: 2 }),
      assignment({ id: 'a', week: 1 }),
      assignment({ id: 'c', week: 2 }),
    ]);
    expect(weeks.map((w) => [w.week, w.assignments.map((a) => a.id)])).toEqual([
      [1, ['a']],
      [2, ['b', 'c']],
    ]);
  });

  it('names each status', () => {
    expect(statusChip('missed')).toEqual({ label: 'Missed', tone: 'badge-danger' });
    expect(statusChip('late').label).toBe('Late');
    expect(statusChip('submitted').tone).toBe('badge-ok');
  });

  it('offers start, try again, resume, or says why not', () => {
    expect(actionOf(assignment(), opens + HOUR)).toEqual({
      kind: 'start',
      label: 'Start',
      note: null,
    });
    expect(actionOf(assignment({ attemptsUsed: 1, best: 0.5 }), opens + HOUR)).toMatchObject({
      label: 'Try again',
    });
    expect(
      actionOf(assignment({ openSessionId: 7, cannotStart: 'in-progress' }), opens + HOUR),
    ).toEqual({
      kind: 'resume',
      sessionId: 7,
    });
    expect(actionOf(assignment({ cannotStart: 'not-open' }), opens + HOUR)).toEqual({
      kind: 'none',
      reason: 'Not open yet',
    });
    expect(
      actionOf(assignment({ status: 'late', latePenaltyPercent: 20 }), opens + HOUR),
    ).toMatchObject({
      note: 'Late: 20% off if handed in now',
    });
    // Due in 10 minutes, 30 allowed: the attempt would be cut short.
    expect(actionOf(assignment(), due - 10 * 60_000)).toMatchObject({
      note: 'Closes in 10 minutes: the attempt ends then',
    });
    expect(actionOf(assignment({ cannotStart: 'late-refused' }), opens + HOUR)).toMatchObject({
      reason: 'Late work is not accepted',
    });
  });

  it('says attempts and scores', () => {
    expect(attemptsText(assignment({ attemptsUsed: 1 }))).toBe('1 of 2 attempts used');
    expect(attemptsText(assignment({ attemptsAllowed: 1 }))).toBe('0 of 1 attempt used');
    expect(scoreLabel(assignment({ best: 0.75 }))).toBe('Best 75%');
    expect(scoreLabel(assignment({ status: 'missed' }))).toBe('Score 0%');
    expect(scoreLabel(assignment({ openSessionId: 3 }))).toBe('In progress');
    expect(scoreLabel(assignment({ status: 'upcoming' }))).toBeNull();
  });
});

describe('marks and standing', () => {
  it('cuts marks to two decimals, never rounding up to a pass', () => {
    expect(marks(18.125)).toBe('18.12');
    expect(marks(9.996)).toBe('9.99');
    expect(marks(10)).toBe('10');
    expect(marks(21.875)).toBe('21.87');
  });

  const standing = (over: Partial<CourseStanding['assignments']> = {}): CourseStanding => ({
    assignments: {
      score: 3.75,
      weight: 25,
      bestOf: 8,
      total: 12,
      scored: 6,
      remaining: 6,
      passAt: 10,
      status: 'pending',
      neededAverage: 2.3 / 6,
      maxReachable: 21.5625,
      ...over,
    },
    exam: { weight: 75, passAt: 30, score: null, counted: false, status: 'pending', needed: 30 },
    projectedTotal: null,
    projectedPass: null,
    certificate: 'pending',
  });

  it('says what it takes, rounding the needed share up', () => {
    // 2.3 / 6 = 38.33 %: 38 % would not be enough, so it says 39 %.
    const text = standingText(standing());
    expect(text.assignments).toBe(
      'To reach 10 / 25: score at least 39% on each of the 6 assignments still to do.',
    );
    // 30 of 75 is 40 % of the exam's marks.
    expect(text.exam).toBe('The final exam needs at least 30 / 75 (40% of its marks).');
    expect(text.projected).toBe('Take a mock final to see what your course score would be.');
    expect(standingText(standing({ status: 'passed', score: 18.125 })).assignments).toBe(
      'Passed: 18.12 / 25 is at least the 10 needed.',
    );
    expect(
      standingText(standing({ status: 'failed', maxReachable: 6.25, neededAverage: null }))
        .assignments,
    ).toBe('10 / 25 is out of reach: full marks on what is left would give 6.25.');
  });

  it('describes the late rule', () => {
    expect(latePolicyText({ kind: 'refuse' })).toBe(
      'Late work is not accepted: an attempt ends at the due time at the latest.',
    );
    expect(
      latePolicyText({ kind: 'penalty', percentPerDay: 10, maxPercent: 30, maxDaysLate: 5 }),
    ).toBe('Late work loses 10% per day late, at most 30% for up to 5 days after the due time.');
  });
});
