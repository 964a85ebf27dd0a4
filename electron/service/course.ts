/**
 * The course part of `AppApi`: the institute's weekly assignments with their status and the
 * learner's standing (`getCourse`), an attempt at an assignment (`startAssignment`) and a mock
 * final (`startMockFinal`). Both are exams (keys hidden until finished), planned by the quiz
 * planner and stored with their course link (`course_sessions`) in the session's transaction.
 */
import {
  assignmentStatus,
  assignmentWindow,
  bestAttemptScore,
  checkAssignmentStart,
  courseStanding,
  type Assignment,
  type AssignmentAttempt,
  type Course,
  type StartRefusal,
} from '../../core/course';
import { MIN_EXAM_MINUTES } from '../../core/exam-clock';
import { Rng } from '../../core/selection';
import { transactionWithoutFsync } from '../../db/connection';
import {
  findItemQuestions,
  insertCourseSession,
  listCourseSessions,
  listTemplateQuestionIds,
  nextAttemptNumber,
  type CourseSessionKind,
  type CourseSessionRecord,
} from '../../db/queries/assignments';
import { getSession } from '../../db/queries/quiz';
import type { AppApi, AssignmentView, CourseView, OpenQuizChoice, QuizState } from '../contract';
import type { ServiceDeps } from './deps';
import { ServiceError } from './errors';
import { openSessionsAfterExpiry, settleOpenQuizzes } from './quiz/lifecycle';
import { insertPlannedSession, planItems, type PlannedItem } from './quiz/plan';
import { freshSeed, prepareQuestion } from './quiz/questions';
import { buildState } from './quiz/views';
import { getSettings } from './settings';

type CourseUseCases = Pick<AppApi, 'getCourse' | 'startAssignment' | 'startMockFinal'>;

/** Template seeds tried per drawn variant before the draw is given up. */
const DRAW_TRIES = 5;

const isOpenStatus = (s: CourseSessionRecord): boolean =>
  s.status === 'active' || s.status === 'paused';

/** A course session as an attempt of core's course rules (discarded ones are not asked for). */
function toAttempt(s: CourseSessionRecord): AssignmentAttempt {
  const finished = s.status === 'finished';
  return {
    attempt: s.attempt,
    startedAt: s.createdAt,
    finishedAt: finished ? (s.finishedAt ?? s.createdAt) : null,
    fraction: !finished
      ? null
      : s.maxScore !== null && s.maxScore > 0
        ? (s.score ?? 0) / s.maxScore
        : 0,
  };
}

/** The learner's course sessions that count (not discarded), grouped by assignment id. */
function courseWork(deps: ServiceDeps): {
  readonly byAssignment: Map<string, CourseSessionRecord[]>;
  readonly mockFinals: CourseSessionRecord[];
} {
  // Overdue exams are finished first, so their scores count and their status is right.
  openSessionsAfterExpiry(deps);
  const byAssignment = new Map<string, CourseSessionRecord[]>();
  const mockFinals: CourseSessionRecord[] = [];
  for (const s of listCourseSessions(deps.db, deps.learnerId)) {
    if (s.status === 'discarded') continue;
    if (s.kind === 'mock-final') mockFinals.push(s);
    else if (s.assignmentId !== null) {
      const list = byAssignment.get(s.assignmentId) ?? [];
      list.push(s);
      byAssignment.set(s.assignmentId, list);
    }
  }
  return { byAssignment, mockFinals };
}

function questionCount(assignment: Assignment): number {
  return assignment.items.length + assignment.draws.reduce((sum, d) => sum + d.count, 0);
}

function assignmentView(
  course: Course,
  assignment: Assignment,
  sessions: readonly CourseSessionRecord[],
  now: number,
): AssignmentView {
  const attempts = sessions.map(toAttempt);
  const window = assignmentWindow(assignment, course.latePolicy);
  const open = sessions.find(isOpenStatus);
  const finished = sessions.filter((s) => s.status === 'finished');
  const check = checkAssignmentStart(assignment, course.latePolicy, attempts, now);
  return {
    id: assignment.id,
    title: assignment.title,
    week: assignment.week,
    opensAt: window.opensAt,
    dueAt: window.dueAt,
    closesAt: window.closesAt,
    status: assignmentStatus(assignment, course.latePolicy, attempts, now),
    questionCount: questionCount(assignment),
    durationMinutes: assignment.durationMinutes ?? null,
    attemptsUsed: attempts.length,
    attemptsAllowed: assignment.attemptsAllowed,
    best: bestAttemptScore(assignment, course.latePolicy, attempts),
    openSessionId: open?.sessionId ?? null,
    lastFinishedSessionId: finished.at(-1)?.sessionId ?? null,
    cannotStart: open !== undefined ? 'in-progress' : check.ok ? null : check.reason,
    latePenaltyPercent: check.ok ? check.penaltyPercent : 0,
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** What the learner is told when an attempt cannot start. */
function refusalMessage(assignment: Assignment, refusal: StartRefusal): string {
  const title = `"${assignment.title}"`;
  switch (refusal.reason) {
    case 'not-open':
      return `${title} is not open yet: it opens at ${assignment.opensAt}.`;
    case 'attempts-used':
      return `You have used all ${refusal.attemptsAllowed} attempt${refusal.attemptsAllowed === 1 ? '' : 's'} of ${title}.`;
    case 'late-refused':
      return `${title} was due at ${assignment.dueAt}; this course does not accept late work.`;
    case 'late-over':
      return `${title} is closed: late work was taken until ${iso(refusal.closesAt)}.`;
    default:
      throw new Error(`unknown refusal ${JSON.stringify(refusal satisfies never)}`);
  }
}

function requireCourse(deps: ServiceDeps): Course {
  if (deps.course === undefined) {
    throw new ServiceError(
      'not-found',
      'This installation has no course: its institute.json sets no course rules.',
    );
  }
  return deps.course;
}

/** The question a fixed item reference (`item` or `bank:item`) names; refused when unclear. */
function itemQuestionId(deps: ServiceDeps, assignment: Assignment, ref: string): number {
  const colon = ref.indexOf(':');
  const matches =
    colon < 0
      ? findItemQuestions(deps.db, ref)
      : findItemQuestions(deps.db, ref.slice(colon + 1), ref.slice(0, colon));
  if (matches.length === 0) {
    throw new ServiceError(
      'invalid-input',
      `"${assignment.title}" asks for the item "${ref}", which no question bank here holds.`,
    );
  }
  if (matches.length > 1) {
    const banks = matches.map((m) => `${m.bankId}:${ref}`).join(', ');
    throw new ServiceError(
      'invalid-input',
      `"${assignment.title}" asks for the item "${ref}", which several banks hold: name one of ${banks}.`,
    );
  }
  return matches[0].questionId;
}

/** `count` fresh variants of `template`, taken in turn from the bank's items of that template. */
function templateDraw(
  deps: ServiceDeps,
  assignment: Assignment,
  template: string,
  count: number,
): PlannedItem[] {
  const ids = listTemplateQuestionIds(deps.db, template);
  if (ids.length === 0) {
    throw new ServiceError(
      'invalid-input',
      `"${assignment.title}" draws from the template "${template}", which no question bank here uses.`,
    );
  }
  const rng = new Rng(freshSeed(deps), 0x7e3a1a7e);
  const planned: PlannedItem[] = [];
  for (let i = 0; i < count; i++) {
    let prepared = null;
    for (let t = 0; t < DRAW_TRIES && prepared === null; t++) {
      prepared = prepareQuestion(deps, ids.length === 1 ? ids[0] : rng.pick(ids));
    }
    if (prepared === null) {
      throw new ServiceError(
        'invalid-input',
        `"${assignment.title}" could not generate a question of the template "${template}".`,
      );
    }
    planned.push({
      questionId: prepared.questionId,
      version: prepared.version,
      seed: prepared.seed,
      topicTitle: prepared.resolved.stored.topicTitle,
    });
  }
  return planned;
}

/**
 * The questions of one attempt, in the order the assignment lists them: its fixed items, then
 * each draw (a topic draw picks as a topic quiz does, never a question already in the attempt).
 */
function planAssignment(deps: ServiceDeps, assignment: Assignment): PlannedItem[] {
  const planned: PlannedItem[] = [];
  if (assignment.items.length > 0) {
    const questionIds = assignment.items.map((ref) => itemQuestionId(deps, assignment, ref));
    planned.push(
      ...planItems(
        deps,
        {
          mode: 'exam',
          selection: 'questions',
          topics: [],
          questionIds,
          count: questionIds.length,
        },
        freshSeed(deps),
      ),
    );
  }
  for (const draw of assignment.draws) {
    if ('template' in draw) {
      planned.push(...templateDraw(deps, assignment, draw.template, draw.count));
      continue;
    }
    const used = new Set(planned.map((p) => p.questionId));
    const picked = planItems(
      deps,
      {
        mode: 'exam',
        selection: 'topics',
        topics: [...draw.topics],
        count: Math.min(100, draw.count + used.size),
      },
      freshSeed(deps),
    ).filter((p) => !used.has(p.questionId));
    planned.push(...picked.slice(0, draw.count));
  }
  return planned;
}

/** Prefixes a planning refusal with the assignment it is about. */
function aboutAssignment<T>(assignment: Assignment, plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (error instanceof ServiceError && !error.message.includes(assignment.title)) {
      throw new ServiceError(error.code, `"${assignment.title}" cannot start: ${error.message}`);
    }
    throw error;
  }
}

/** Writes a course exam (session, items, course link) in one transaction and returns its state. */
function startCourseExam(
  deps: ServiceDeps,
  exam: {
    readonly planned: readonly PlannedItem[];
    readonly title: string;
    readonly durationMs: number;
    readonly kind: CourseSessionKind;
    readonly assignmentId: string | null;
    readonly attempt: number;
    readonly openQuizzes: OpenQuizChoice | undefined;
  },
): QuizState {
  settleOpenQuizzes(deps, exam.openQuizzes);
  const msqRule = deps.lockdown.fixedMsqRule ?? getSettings(deps.db).defaultMsqRule;
  const now = deps.clock.now();
  const learnerId = deps.learnerId;
  // As a practice start: a power cut right after loses at most this start (and its attempt).
  const sessionId = transactionWithoutFsync(deps.db, () => {
    const id = insertPlannedSession(
      deps,
      { mode: 'exam', msqRule, title: exam.title, now, durationMs: exam.durationMs },
      exam.planned,
    );
    insertCourseSession(deps.db, {
      sessionId: id,
      learnerId,
      kind: exam.kind,
      assignmentId: exam.assignmentId,
      attempt: exam.attempt,
    });
    return id;
  });
  return buildState(deps, getSession(deps.db, sessionId)!);
}

const minutesToMs = (minutes: number): number =>
  Math.round(Math.max(MIN_EXAM_MINUTES, minutes) * 60_000);

/** The course part of `AppApi` over `deps` (reads `deps.learnerId` at every call). */
export function courseUseCases(deps: ServiceDeps): CourseUseCases {
  return {
    async getCourse(): Promise<CourseView | null> {
      const course = deps.course;
      if (course === undefined) return null;
      const { byAssignment, mockFinals } = courseWork(deps);
      const now = deps.clock.now();
      const assignments = course.assignments.map((a) =>
        assignmentView(course, a, byAssignment.get(a.id) ?? [], now),
      );
      const lastMock = mockFinals.filter((s) => s.status === 'finished').at(-1);
      const mockFraction = lastMock === undefined ? null : toAttempt(lastMock).fraction;
      const standing = courseStanding(
        course.grading,
        assignments.map((a) => ({
          best: a.best,
          remaining:
            a.best === null &&
            (a.status === 'upcoming' || a.status === 'open' || a.status === 'late'),
        })),
        mockFraction === null ? null : { fraction: mockFraction, counted: false },
      );
      return {
        title: course.title,
        assignments,
        latePolicy: course.latePolicy,
        grading: course.grading,
        finalExam: course.finalExam,
        standing,
        mockFinal:
          lastMock === undefined || mockFraction === null
            ? null
            : {
                sessionId: lastMock.sessionId,
                fraction: mockFraction,
                finishedAt: lastMock.finishedAt ?? lastMock.createdAt,
              },
        openMockFinalSessionId: mockFinals.find(isOpenStatus)?.sessionId ?? null,
        serverNow: now,
      };
    },

    async startAssignment({ assignmentId, openQuizzes }) {
      const course = requireCourse(deps);
      const assignment = course.assignments.find((a) => a.id === assignmentId);
      if (assignment === undefined) {
        throw new ServiceError('not-found', `This course has no assignment "${assignmentId}".`);
      }
      const sessions = courseWork(deps).byAssignment.get(assignment.id) ?? [];
      const running = sessions.find(isOpenStatus);
      if (running !== undefined) {
        throw new ServiceError(
          'conflict',
          `Attempt ${running.attempt} of "${assignment.title}" is still running: resume it.`,
        );
      }
      const now = deps.clock.now();
      const check = checkAssignmentStart(
        assignment,
        course.latePolicy,
        sessions.map(toAttempt),
        now,
      );
      if (!check.ok) throw new ServiceError('forbidden', refusalMessage(assignment, check));
      const planned = aboutAssignment(assignment, () => planAssignment(deps, assignment));
      const minutes = assignment.durationMinutes ?? getSettings(deps.db).defaultTimerMinutes;
      // An attempt never runs past the time the course stops taking the work.
      const durationMs =
        check.closesAt === null
          ? minutesToMs(minutes)
          : Math.min(minutesToMs(minutes), check.closesAt - now);
      const attempt = nextAttemptNumber(deps.db, deps.learnerId, 'assignment', assignment.id);
      return startCourseExam(deps, {
        planned,
        title:
          assignment.attemptsAllowed > 1
            ? `${assignment.title} (attempt ${attempt} of ${assignment.attemptsAllowed})`
            : assignment.title,
        durationMs,
        kind: 'assignment',
        assignmentId: assignment.id,
        attempt,
        openQuizzes,
      });
    },

    async startMockFinal({ openQuizzes }) {
      const course = requireCourse(deps);
      const { finalExam } = course;
      const planned = planItems(
        deps,
        {
          mode: 'exam',
          selection: 'topics',
          topics: [...finalExam.topics],
          count: finalExam.count,
        },
        freshSeed(deps),
      );
      return startCourseExam(deps, {
        planned,
        title: `Mock final exam: ${course.title}`,
        durationMs: minutesToMs(finalExam.durationMinutes),
        kind: 'mock-final',
        assignmentId: null,
        attempt: nextAttemptNumber(deps.db, deps.learnerId, 'mock-final', null),
        openQuizzes,
      });
    },
  };
}
