import { describe, expect, it } from 'vitest';
import {
  assignmentStatus,
  attemptScore,
  bestAttemptScore,
  bestOfScore,
  checkAssignmentStart,
  courseStanding,
  latePenaltyPercent,
  neededAverage,
  NPTEL_GRADING,
  type Assignment,
  type AssignmentAttempt,
  type AssignmentResult,
  type LatePolicy,
} from './course';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Week 3: opens 2027-02-03 00:00 IST, due 2027-02-12 23:59 IST (18:29 UTC). */
const week3: Assignment = {
  id: 'week-3',
  title: 'Week 3: regularisation',
  week: 3,
  opensAt: '2027-02-03T00:00:00+05:30',
  dueAt: '2027-02-12T23:59:00+05:30',
  items: ['l1-sparsity'],
  draws: [],
  attemptsAllowed: 2,
};
const opens = Date.UTC(2027, 1, 2, 18, 30);
const due = Date.UTC(2027, 1, 12, 18, 29);

const refuse: LatePolicy = { kind: 'refuse' };
const accept: LatePolicy = { kind: 'accept', maxDaysLate: 3 };
const penalty: LatePolicy = { kind: 'penalty', percentPerDay: 10, maxPercent: 30 };

const finished = (attempt: number, at: number, fraction: number): AssignmentAttempt => ({
  attempt,
  startedAt: at - HOUR,
  finishedAt: at,
  fraction,
});
const running = (attempt: number, at: number): AssignmentAttempt => ({
  attempt,
  startedAt: at,
  finishedAt: null,
  fraction: null,
});

describe('assignment status', () => {
  it('reads the offset of the configured dates (00:00 IST is 18:30 UTC the day before)', () => {
    expect(assignmentStatus(week3, refuse, [], opens - 1)).toBe('upcoming');
    expect(assignmentStatus(week3, refuse, [], opens)).toBe('open');
  });

  it('goes open → submitted while open, and closed once over', () => {
    const done = [finished(1, opens + DAY, 0.5)];
    expect(assignmentStatus(week3, refuse, [], due - 1)).toBe('open');
    expect(assignmentStatus(week3, refuse, done, due - 1)).toBe('submitted');
    expect(assignmentStatus(week3, refuse, done, due)).toBe('closed');
    // A running attempt hands nothing in yet.
    expect(assignmentStatus(week3, refuse, [running(1, opens + DAY)], due - 1)).toBe('open');
  });

  it('is missed at the due time when late work is refused', () => {
    expect(assignmentStatus(week3, refuse, [], due)).toBe('missed');
  });

  it('is late while late work is taken, missed after maxDaysLate', () => {
    expect(assignmentStatus(week3, accept, [], due)).toBe('late');
    expect(assignmentStatus(week3, accept, [], due + 3 * DAY - 1)).toBe('late');
    expect(assignmentStatus(week3, accept, [], due + 3 * DAY)).toBe('missed');
    // No maxDaysLate: late work is taken for good.
    expect(assignmentStatus(week3, penalty, [], due + 400 * DAY)).toBe('late');
    expect(assignmentStatus(week3, accept, [finished(1, due + DAY, 1)], due + 3 * DAY + 1)).toBe(
      'closed',
    );
  });
});

describe('late penalty and scores', () => {
  it('takes 10% per started day, at most 30%', () => {
    expect(latePenaltyPercent(week3, penalty, due)).toBe(0);
    expect(latePenaltyPercent(week3, penalty, due + 1)).toBe(10); // 1 ms late: day 1 started
    expect(latePenaltyPercent(week3, penalty, due + DAY)).toBe(10);
    expect(latePenaltyPercent(week3, penalty, due + DAY + 1)).toBe(20);
    expect(latePenaltyPercent(week3, penalty, due + 10 * DAY)).toBe(30);
  });

  it('scores late work as the policy says', () => {
    const late = finished(1, due + 2 * HOUR, 0.8);
    expect(attemptScore(week3, accept, late)).toBe(0.8);
    // 0.8 × (1 − 10/100) = 0.72
    expect(attemptScore(week3, penalty, late)).toBeCloseTo(0.72, 12);
    expect(attemptScore(week3, refuse, late)).toBe(0);
    expect(attemptScore(week3, accept, finished(1, due + 4 * DAY, 0.8))).toBe(0);
    expect(attemptScore(week3, refuse, running(1, due - HOUR))).toBeNull();
  });

  it('keeps the best of the attempts', () => {
    // On time 0.6; a late retry 0.9 × (1 − 0.2) = 0.72 beats it; the running one counts nothing.
    const attempts = [
      finished(1, due - DAY, 0.6),
      finished(2, due + DAY + HOUR, 0.9),
      running(3, due + 2 * DAY),
    ];
    expect(bestAttemptScore(week3, penalty, attempts)).toBeCloseTo(0.72, 12);
    // Under accept (3 days) the late retry counts in full.
    expect(bestAttemptScore(week3, accept, attempts)).toBe(0.9);
    expect(bestAttemptScore(week3, refuse, [running(1, opens)])).toBeNull();
  });
});

describe('starting an attempt', () => {
  it('refuses before it opens, with the opening time', () => {
    expect(checkAssignmentStart(week3, refuse, [], opens - 1)).toEqual({
      ok: false,
      reason: 'not-open',
      opensAt: opens,
    });
  });

  it('counts a running attempt as used', () => {
    const attempts = [finished(1, opens + HOUR, 0.2), running(2, opens + 2 * HOUR)];
    expect(checkAssignmentStart(week3, refuse, attempts, opens + 3 * HOUR)).toEqual({
      ok: false,
      reason: 'attempts-used',
      attemptsAllowed: 2,
    });
  });

  it('refuses late work under refuse, and after maxDaysLate', () => {
    expect(checkAssignmentStart(week3, refuse, [], due)).toMatchObject({
      ok: false,
      reason: 'late-refused',
    });
    expect(checkAssignmentStart(week3, accept, [], due + 3 * DAY)).toMatchObject({
      ok: false,
      reason: 'late-over',
      closesAt: due + 3 * DAY,
    });
  });

  it('allows a late start with the penalty it would take and the time it must end by', () => {
    expect(checkAssignmentStart(week3, refuse, [], due - 1)).toEqual({
      ok: true,
      late: false,
      penaltyPercent: 0,
      closesAt: due,
    });
    expect(checkAssignmentStart(week3, penalty, [], due + 30 * HOUR)).toEqual({
      ok: true,
      late: true,
      penaltyPercent: 20,
      closesAt: null,
    });
  });
});

describe('NPTEL grading', () => {
  it('takes the best 8 of 12 assignments for 25 marks', () => {
    // Scores (percent): 100 90 80 75 70 60 55 50 | 40 30 20 0. Best 8 sum to
    // 100+90+80+75+70+60+55+50 = 580, mean 72.5 %, × 25 = 18.125.
    const scores = [0.4, 1, 0.2, 0.9, 0, 0.8, 0.75, 0.3, 0.7, 0.6, 0.55, 0.5];
    expect(bestOfScore(scores, 8, 25)).toBeCloseTo(18.125, 12);
    const standing = courseStanding(
      NPTEL_GRADING,
      scores.map((best) => ({ best, remaining: false })),
      null,
    );
    expect(standing.assignments.score).toBeCloseTo(18.125, 12);
    expect(standing.assignments.status).toBe('passed');
    expect(standing.assignments.neededAverage).toBeNull();
    expect(standing.exam.needed).toBe(30);
    expect(standing.exam.status).toBe('pending');
    expect(standing.projectedTotal).toBeNull();
    expect(standing.certificate).toBe('pending');
  });

  it('counts missing assignments as 0 among the best 8', () => {
    // Five done at 100 %: 5 / 8 × 25 = 15.625.
    expect(bestOfScore([1, 1, 1, 1, 1], 8, 25)).toBeCloseTo(15.625, 12);
  });

  it('says the average needed on the remaining assignments', () => {
    // Six done: 50 40 30 0 0 0 (%); six to go. The part needs 10/25 of 8 = 3.2 in best-8 sum.
    // With all six remaining at a among the best 8: 0.5 + 0.4 + 6a ≥ 3.2 → a = 2.3 / 6 = 0.38333…
    // (five of them: 0.5 + 0.4 + 0.3 + 5a → a = 0.4; fewer need more), so 38.3 % on each.
    const results: AssignmentResult[] = [
      ...[0.5, 0.4, 0.3, 0, 0, 0].map((best) => ({ best, remaining: false })),
      ...Array.from({ length: 6 }, () => ({ best: null, remaining: true })),
    ];
    const standing = courseStanding(NPTEL_GRADING, results, null);
    // (0.5 + 0.4 + 0.3 + 0 × 5) / 8 × 25 = 3.75
    expect(standing.assignments.score).toBeCloseTo(3.75, 12);
    expect(standing.assignments.status).toBe('pending');
    expect(standing.assignments.neededAverage).toBeCloseTo(2.3 / 6, 12);
    expect(standing.assignments.remaining).toBe(6);
    // Full marks on the six: (1 × 6 + 0.5 + 0.4) / 8 × 25 = 21.5625
    expect(standing.assignments.maxReachable).toBeCloseTo(21.5625, 12);
  });

  it('is out of reach when even full marks cannot make 10/25', () => {
    // Ten missed, two left: best 8 sum at most 2 < 3.2.
    const results: AssignmentResult[] = [
      ...Array.from({ length: 10 }, () => ({ best: null, remaining: false })),
      { best: null, remaining: true },
      { best: null, remaining: true },
    ];
    const standing = courseStanding(NPTEL_GRADING, results, null);
    expect(standing.assignments.status).toBe('failed');
    expect(standing.assignments.neededAverage).toBeNull();
    // 2 / 8 × 25 = 6.25
    expect(standing.assignments.maxReachable).toBeCloseTo(6.25, 12);
    expect(standing.certificate).toBe('failed');
  });

  it('needs exactly 10/25: eight assignments at 40 % pass', () => {
    // 8 × 0.4 = 3.2 → 3.2 / 8 × 25 = 10.
    expect(neededAverage([0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4], 4, 8, 3.2)).toBe(0);
    const standing = courseStanding(
      NPTEL_GRADING,
      Array.from({ length: 8 }, () => ({ best: 0.4, remaining: false })),
      null,
    );
    expect(standing.assignments.score).toBeCloseTo(10, 12);
    expect(standing.assignments.status).toBe('passed');
  });

  it('projects the total from a mock final without passing or failing the exam', () => {
    // Assignments 18.125 (as above); mock 60 % → 0.6 × 75 = 45; total 63.125; 45 ≥ 30 passes.
    const scores = [0.4, 1, 0.2, 0.9, 0, 0.8, 0.75, 0.3, 0.7, 0.6, 0.55, 0.5];
    const results = scores.map((best) => ({ best, remaining: false }));
    const mock = courseStanding(NPTEL_GRADING, results, { fraction: 0.6, counted: false });
    expect(mock.exam.score).toBeCloseTo(45, 12);
    expect(mock.exam.status).toBe('pending');
    expect(mock.projectedTotal).toBeCloseTo(63.125, 12);
    expect(mock.projectedPass).toBe(true);
    expect(mock.certificate).toBe('pending');
    // The real exam at 36 % → 27/75 < 30: no certificate.
    const real = courseStanding(NPTEL_GRADING, results, { fraction: 0.36, counted: true });
    expect(real.exam.score).toBeCloseTo(27, 12);
    expect(real.exam.status).toBe('failed');
    expect(real.certificate).toBe('failed');
    // 40 % → exactly 30/75: passes, and with 18.125 the certificate is earned.
    const pass = courseStanding(NPTEL_GRADING, results, { fraction: 0.4, counted: true });
    expect(pass.certificate).toBe('passed');
  });

  it('asks more of the exam when a total pass mark is set', () => {
    // passTotal 50 with assignments at 15.625 (5 × 100 %, see above): exam needs 50 − 15.625
    // = 34.375 (more than its own 30).
    const standing = courseStanding(
      { ...NPTEL_GRADING, passTotal: 50 },
      Array.from({ length: 5 }, () => ({ best: 1, remaining: false })),
      { fraction: 0.44, counted: false },
    );
    expect(standing.exam.needed).toBeCloseTo(34.375, 12);
    // 0.44 × 75 = 33 < 34.375
    expect(standing.projectedPass).toBe(false);
  });
});
