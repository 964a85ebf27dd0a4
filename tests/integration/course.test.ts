/**
 * Course rules as an institute uses them: an institute.json with 12 weekly assignments and
 * NPTEL's grading, loaded from a file, over the real service (`createService`, some calls
 * through `dispatch`) on a real SQLite file, with a clock the test moves week by week. The
 * learner's standing is checked against numbers worked out by hand in the comments.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Course } from '../../core/course';
import type { AppApi, CourseView, QuizState } from '../../electron/contract';
import { dispatch } from '../../electron/dispatch';
import { loadInstitute } from '../../electron/institute';
import { createService } from '../../electron/service';
import type { ServiceDeps } from '../../electron/service/deps';
import { resolveQuizItem } from '../../electron/service/quiz';
import {
  choose,
  FakeClock,
  makeDeps,
  openFixtureDb,
  SECRET,
  seedSource,
  tempDbFile,
} from './quiz-helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** Week 1 opens at 2027-01-20 00:00 IST (2027-01-19 18:30 UTC). */
const T0 = Date.UTC(2027, 0, 19, 18, 30);
const ist = (ms: number) => `${new Date(ms + 5.5 * HOUR).toISOString().slice(0, 19)}+05:30`;

/** The fixture's choice items: the stored option ids that are right and a wrong pick. */
const KEYS: Record<string, { right: string[]; wrong: string[] }> = {
  'bn-test-time': { right: ['b'], wrong: ['a'] },
  capacity: { right: ['a'], wrong: ['b'] },
  'dropout-test': { right: ['a'], wrong: ['b'] },
  'l1-sparsity': { right: ['a', 'c'], wrong: ['b'] },
};

/** institute.json with 12 weekly assignments of two fixture questions each, NPTEL grading. */
function writeInstitute(course: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'deepdrill-course-'));
  const file = join(dir, 'institute.json');
  writeFileSync(
    file,
    JSON.stringify({
      productName: 'DeepDrill — Course test',
      appId: 'org.example.course',
      includeBuiltinBank: false,
      course: {
        title: 'Deep Learning (test run)',
        assignments: Array.from({ length: 12 }, (_, i) => ({
          id: `week-${i + 1}`,
          title: `Week ${i + 1}`,
          week: i + 1,
          opensAt: ist(T0 + i * WEEK),
          dueAt: ist(T0 + (i + 1) * WEEK),
          items: ['bn-test-time', 'capacity'],
          attemptsAllowed: 2,
          durationMinutes: 30,
        })),
        latePolicy: { kind: 'refuse' },
        finalExam: { count: 3, durationMinutes: 20, topics: ['regularization'] },
        ...course,
      },
    }),
  );
  return file;
}

function setup(course: Course | undefined, file = tempDbFile()) {
  const clock = new FakeClock(T0 - HOUR);
  const db = openFixtureDb(file, clock.now());
  const deps: ServiceDeps = { ...makeDeps(db, clock, seedSource()), course };
  return { clock, db, deps, api: createService(deps), file };
}

/** Answers every question of a running exam: the first `right` correctly, the rest wrongly. */
async function answer(
  api: AppApi,
  deps: ServiceDeps,
  state: QuizState,
  right: number,
): Promise<void> {
  for (const item of state.items) {
    const itemId = resolveQuizItem(deps, state.sessionId, item.position).stored.itemId;
    const key = KEYS[itemId];
    const stored = item.position < right ? key.right : key.wrong;
    await api.submitAnswer({
      sessionId: state.sessionId,
      position: item.position,
      response: choose(deps, state, item.position, ...stored),
    });
  }
}

async function takeAssignment(
  api: AppApi,
  deps: ServiceDeps,
  assignmentId: string,
  right: number,
): Promise<number> {
  const state = await api.startAssignment({ assignmentId });
  await answer(api, deps, state, right);
  const review = await api.finishQuiz({ sessionId: state.sessionId });
  return review.score;
}

const byId = (course: CourseView, id: string) => course.assignments.find((a) => a.id === id)!;

describe('a course of 12 weekly assignments under NPTEL grading', () => {
  const institute = loadInstitute(writeInstitute());

  it('reads the course from institute.json with NPTEL grading by default', () => {
    expect(institute.course?.assignments).toHaveLength(12);
    expect(institute.course?.grading).toEqual({
      assignmentWeight: 25,
      bestOf: 8,
      examWeight: 75,
      assignmentPassAt: 10,
      examPassAt: 30,
    });
  });

  it('runs the term: statuses, attempts, best scores, standing and a mock final', async () => {
    const { clock, deps, api, db } = setup(institute.course);

    let course = (await api.getCourse())!;
    expect(course.assignments.map((a) => a.status)).toEqual(Array(12).fill('upcoming'));
    // Nothing yet: the best-8 sum must reach 10/25 × 8 = 3.2, i.e. 3.2 / 8 = 40 % on each of
    // eight remaining assignments.
    expect(course.standing.assignments.score).toBe(0);
    expect(course.standing.assignments.neededAverage).toBeCloseTo(0.4, 12);
    expect(course.standing.exam.needed).toBe(30);
    await expect(api.startAssignment({ assignmentId: 'week-1' })).rejects.toThrow(
      /"Week 1" is not open yet: it opens at 2027-01-20T00:00:00\+05:30/,
    );

    // Weeks 1–10, a day after each opens: right answers out of 2 as listed.
    const right = [2, 2, 1, 2, 0, 1, 2, 1, 0, 2];
    for (const [i, r] of right.entries()) {
      clock.t = T0 + i * WEEK + DAY;
      expect(await takeAssignment(api, deps, `week-${i + 1}`, r)).toBe(r);
      if (i === 2) {
        // Week 3 again (2 attempts allowed): both right this time; the best attempt counts.
        expect(await takeAssignment(api, deps, 'week-3', 2)).toBe(2);
        await expect(api.startAssignment({ assignmentId: 'week-3' })).rejects.toThrow(
          'You have used all 2 attempts of "Week 3".',
        );
      }
    }

    // Week 11 passes untouched; a day into week 12.
    clock.t = T0 + 11 * WEEK + DAY;
    course = (await api.getCourse())!;
    expect(byId(course, 'week-1')).toMatchObject({ status: 'closed', best: 1, attemptsUsed: 1 });
    expect(byId(course, 'week-3')).toMatchObject({ status: 'closed', best: 1, attemptsUsed: 2 });
    expect(byId(course, 'week-5')).toMatchObject({ status: 'closed', best: 0 });
    expect(byId(course, 'week-11')).toMatchObject({
      status: 'missed',
      best: null,
      cannotStart: 'late-refused',
    });
    expect(byId(course, 'week-12')).toMatchObject({ status: 'open', cannotStart: null });
    await expect(api.startAssignment({ assignmentId: 'week-11' })).rejects.toThrow(
      /"Week 11" was due at .*; this course does not accept late work\./,
    );

    // Best scores: weeks 1 2 3 4 7 10 → 1, weeks 6 8 → 0.5, weeks 5 9 → 0, 11 missed.
    // Best 8: six 1s + two 0.5s = 7 → 7 / 8 × 25 = 21.875 (≥ 10: the part is passed).
    const standing = course.standing;
    expect(standing.assignments.score).toBeCloseTo(21.875, 12);
    expect(standing.assignments.status).toBe('passed');
    expect(standing.assignments.scored).toBe(10);
    expect(standing.assignments.remaining).toBe(1);
    // Full marks in week 12 would replace a 0.5: seven 1s + 0.5 = 7.5 → 23.4375.
    expect(standing.assignments.maxReachable).toBeCloseTo(23.4375, 12);
    expect(standing.projectedTotal).toBeNull();

    // Mock final: the three regularisation questions (the rules' topics and count), two right.
    const mock = await api.startMockFinal({});
    expect(mock.mode).toBe('exam');
    expect(mock.items).toHaveLength(3);
    expect(mock.durationMs).toBe(20 * 60_000);
    for (const item of mock.items) {
      const itemId = resolveQuizItem(deps, mock.sessionId, item.position).stored.itemId;
      const key = itemId === 'l1-sparsity' ? KEYS[itemId].wrong : KEYS[itemId].right;
      await api.submitAnswer({
        sessionId: mock.sessionId,
        position: item.position,
        response: choose(deps, mock, item.position, ...key),
      });
    }
    await api.finishQuiz({ sessionId: mock.sessionId });
    course = (await api.getCourse())!;
    // 2 of 3 → 2/3 × 75 = 50; projected 21.875 + 50 = 71.875; a mock never counts.
    expect(course.mockFinal?.fraction).toBeCloseTo(2 / 3, 12);
    expect(course.standing.exam.score).toBeCloseTo(50, 12);
    expect(course.standing.exam.counted).toBe(false);
    expect(course.standing.projectedTotal).toBeCloseTo(71.875, 12);
    expect(course.standing.projectedPass).toBe(true);
    expect(course.standing.certificate).toBe('pending');
    // Nor does it change the assignment part.
    expect(course.standing.assignments.score).toBeCloseTo(21.875, 12);

    // Week 12 started 10 minutes before it is due: the attempt ends at the due time, not 30
    // minutes later, and is handed in by expiry with what was saved.
    const due12 = T0 + 12 * WEEK;
    clock.t = due12 - 10 * 60_000;
    const late = await api.startAssignment({ assignmentId: 'week-12' });
    expect(late.durationMs).toBe(10 * 60_000);
    expect(late.deadlineAt).toBe(due12);
    await answer(api, deps, { ...late, items: late.items.slice(0, 1) }, 1);
    course = (await api.getCourse())!;
    expect(byId(course, 'week-12')).toMatchObject({
      status: 'open',
      openSessionId: late.sessionId,
      cannotStart: 'in-progress',
    });
    await expect(api.startAssignment({ assignmentId: 'week-12' })).rejects.toThrow(
      'Attempt 1 of "Week 12" is still running: resume it.',
    );
    clock.t = due12 + 60_000;
    course = (await api.getCourse())!;
    // 1 of 2 → 0.5: replaces nothing among the best 8 (six 1s, two 0.5s): still 21.875.
    expect(byId(course, 'week-12')).toMatchObject({ status: 'closed', best: 0.5 });
    const expired = db
      .prepare('SELECT finish_reason, finished_at FROM quiz_sessions WHERE id = ?')
      .get(late.sessionId);
    expect(expired).toEqual({ finish_reason: 'expired', finished_at: due12 });
    expect(course.standing.assignments.remaining).toBe(0);

    // Everything is per learner: another profile on the same database has done nothing.
    const other = createService({
      ...makeDeps(db, clock, seedSource(5000), 'second-learner'),
      course: institute.course,
    });
    const theirs = (await other.getCourse())!;
    expect(theirs.assignments.every((a) => a.attemptsUsed === 0 && a.best === null)).toBe(true);
    expect(theirs.standing.assignments.score).toBe(0);
    expect(theirs.standing.assignments.status).toBe('failed');
    expect(theirs.mockFinal).toBeNull();
  });

  it('keeps keys hidden while an assignment runs, in its state and in the course view', async () => {
    const { clock, api } = setup(institute.course);
    clock.t = T0 + HOUR;
    const state = await api.startAssignment({ assignmentId: 'week-1' });
    expect(state.mode).toBe('exam');
    expect(state.items.map((i) => i.feedback)).toEqual([null, null]);
    const answered = await api.submitAnswer({
      sessionId: state.sessionId,
      position: 0,
      response: { kind: 'choice', optionIds: [state.items[0].options[0].id] },
    });
    const course = await api.getCourse();
    for (const text of [JSON.stringify(answered), JSON.stringify(course)]) {
      expect(text).not.toContain(SECRET.bnExplanation);
      expect(text).not.toContain(SECRET.bnCorrectFeedback);
      expect(text).not.toContain(SECRET.bnWrongFeedback);
      expect(text).not.toContain('"correct"');
    }
    expect(answered.items[0].feedback).toBeNull();
    // The review (keys) only once it is finished.
    await expect(api.getReview({ sessionId: state.sessionId })).rejects.toThrow(
      'The review is available once the quiz is finished.',
    );
  });

  it('asks for a decision when another quiz is open, through dispatch', async () => {
    const { clock, api } = setup(institute.course);
    clock.t = T0 + HOUR;
    await api.startQuiz({ mode: 'practice', selection: 'topics', topics: [], count: 2 });
    const refused = await dispatch(api, 'startAssignment', { assignmentId: 'week-1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'open-quiz' } });
    const started = await dispatch(api, 'startAssignment', {
      assignmentId: 'week-1',
      openQuizzes: 'discard',
    });
    expect(started).toMatchObject({
      ok: true,
      value: { mode: 'exam', title: 'Week 1 (attempt 1 of 2)' },
    });
    const bad = await dispatch(api, 'startAssignment', { assignment: 'week-1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await dispatch(api, 'startAssignment', { assignmentId: 'week-13' });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'This course has no assignment "week-13".' },
    });
  });
});

describe('late work under a penalty', () => {
  it('takes 10 % per started day late, and the best attempt after penalties counts', async () => {
    const institute = loadInstitute(
      writeInstitute({ latePolicy: { kind: 'penalty', percentPerDay: 10, maxPercent: 30 } }),
    );
    const { clock, deps, api } = setup(institute.course);
    const due1 = T0 + WEEK;
    // On time, 1 of 2 right: 0.5.
    clock.t = due1 - DAY;
    await takeAssignment(api, deps, 'week-1', 1);
    // 36 hours late (day 2 started), both right: 1 × (1 − 20 %) = 0.8 beats 0.5.
    clock.t = due1 + 36 * HOUR;
    let course = (await api.getCourse())!;
    expect(byId(course, 'week-1')).toMatchObject({
      status: 'submitted',
      cannotStart: null,
      latePenaltyPercent: 20,
      closesAt: null,
    });
    await takeAssignment(api, deps, 'week-1', 2);
    course = (await api.getCourse())!;
    expect(byId(course, 'week-1').best).toBeCloseTo(0.8, 12);
    // Week 2 never started, a day after its due time: late, still to do.
    clock.t = T0 + 2 * WEEK + DAY;
    course = (await api.getCourse())!;
    expect(byId(course, 'week-2')).toMatchObject({ status: 'late', latePenaltyPercent: 10 });
    // Only week 1 counts: 0.8 / 8 × 25 = 2.5.
    expect(course.standing.assignments.score).toBeCloseTo(2.5, 12);
  });
});

describe('what an assignment asks', () => {
  it('asks its fixed items, template variants and topic draws without repeating a question', async () => {
    const { clock, api, deps } = setup({
      title: 'Draws',
      latePolicy: { kind: 'refuse' },
      grading: {
        assignmentWeight: 25,
        bestOf: 1,
        examWeight: 75,
        assignmentPassAt: 10,
        examPassAt: 30,
      },
      finalExam: { count: 2, durationMinutes: 10, topics: [] },
      assignments: [
        {
          id: 'mixed',
          title: 'Mixed draws',
          week: 1,
          opensAt: ist(T0),
          dueAt: ist(T0 + WEEK),
          items: ['capacity'],
          draws: [
            { template: 'batchnorm-train-stats', count: 2 },
            { topics: ['regularization'], count: 2 },
          ],
          attemptsAllowed: 1,
        },
        {
          id: 'broken',
          title: 'Broken',
          week: 2,
          opensAt: ist(T0),
          dueAt: ist(T0 + WEEK),
          items: ['no-such-item'],
          draws: [],
          attemptsAllowed: 1,
        },
        {
          id: 'no-template',
          title: 'No template',
          week: 3,
          opensAt: ist(T0),
          dueAt: ist(T0 + WEEK),
          items: [],
          draws: [{ template: 'iou', count: 1 }],
          attemptsAllowed: 1,
        },
      ],
    });
    clock.t = T0 + HOUR;
    const state = await api.startAssignment({ assignmentId: 'mixed' });
    const asked = state.items.map((i) => resolveQuizItem(deps, state.sessionId, i.position));
    const itemIds = asked.map((a) => a.stored.itemId);
    // capacity; two variants of the template item; the other two regularisation questions.
    expect(itemIds.slice(0, 3)).toEqual(['capacity', 'tpl-bn-stats', 'tpl-bn-stats']);
    expect(itemIds.slice(3).sort()).toEqual(['dropout-test', 'l1-sparsity']);
    expect(asked[1].question.stem).not.toBe(asked[2].question.stem);
    await api.finishQuiz({ sessionId: state.sessionId });

    await expect(api.startAssignment({ assignmentId: 'broken' })).rejects.toThrow(
      '"Broken" asks for the item "no-such-item", which no question bank here holds.',
    );
    await expect(api.startAssignment({ assignmentId: 'no-template' })).rejects.toThrow(
      '"No template" draws from the template "iou", which no question bank here uses.',
    );
    // Nothing was written by the refusals.
    const course = (await api.getCourse())!;
    expect(byId(course, 'broken').attemptsUsed).toBe(0);
  });

  it('has no Assignments without a course', async () => {
    const { api } = setup(undefined);
    expect(await api.getCourse()).toBeNull();
    await expect(api.startMockFinal({})).rejects.toThrow(
      'This installation has no course: its institute.json sets no course rules.',
    );
  });
});

describe('institute.json course rules are checked', () => {
  const problems = (course: Record<string, unknown>): string => {
    try {
      loadInstitute(writeInstitute(course));
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };
  const week = (over: Record<string, unknown>) => ({
    id: 'w1',
    title: 'W1',
    week: 1,
    opensAt: '2027-01-20T00:00:00+05:30',
    dueAt: '2027-01-27T23:59:00+05:30',
    items: ['capacity'],
    ...over,
  });

  it('names the path of what is wrong', () => {
    expect(problems({ assignments: [week({ dueAt: '2027-01-19T00:00:00+05:30' })] })).toContain(
      'course.assignments.0.dueAt: must be after opensAt (2027-01-20T00:00:00+05:30)',
    );
    expect(problems({ assignments: [week({ opensAt: '2027-02-30T00:00:00Z' })] })).toContain(
      'course.assignments.0.opensAt: an ISO 8601 date and time with its offset',
    );
    expect(problems({ assignments: [week({ opensAt: '2027-01-20' })] })).toContain(
      'course.assignments.0.opensAt',
    );
    expect(problems({ assignments: [week({}), week({})] })).toContain(
      'course.assignments.1.id: "w1" is also the id of assignments.0',
    );
    // 12 assignments (the default file) but best 13.
    expect(problems({ grading: { bestOf: 13 } })).toContain(
      'course.grading.bestOf: best 13 of 12 assignments: bestOf must not exceed their number',
    );
    expect(problems({ grading: { examWeight: 70 } })).toContain(
      'course.grading.examWeight: assignmentWeight + examWeight must be 100 (they are 25 + 70)',
    );
    expect(
      problems({ assignments: [week({ draws: [{ template: 'iou', topics: ['x'], count: 1 }] })] }),
    ).toContain('course.assignments.0.draws.0: give either template or topics (one of them)');
    expect(problems({ assignments: [week({ items: [] })] })).toContain(
      'course.assignments.0.items: an assignment needs questions: items, draws or both',
    );
    expect(problems({ latePolicy: { kind: 'sometimes' } })).toContain('course.latePolicy.kind');
    expect(problems({ assignments: [week({ attempts: 2 })] })).toContain('course.assignments.0');
  });

  it('accepts the documented example (docs/examples/institute-course.json)', () => {
    const example = loadInstitute(join(process.cwd(), 'docs/examples/institute-course.json'));
    expect(example.course?.assignments).toHaveLength(12);
    expect(example.course?.grading.bestOf).toBe(8);
  });
});
