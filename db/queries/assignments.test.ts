/**
 * Migration 60 and the course-work queries: from version 50 the migration adds
 * `course_sessions` without touching existing sessions; the table refuses an assignment attempt
 * without its assignment and a repeated attempt number of one learner; attempts are counted per
 * learner and assignment; and the reads use their index (EXPLAIN QUERY PLAN).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection';
import { updateToVersion } from '../migrations';
import {
  courseSql,
  insertCourseSession,
  listCourseSessions,
  nextAttemptNumber,
} from './assignments';
import { ensureLearner } from './learners';
import { finishSession, insertSession } from './quiz';

const file = (name: string) => join(mkdtempSync(join(tmpdir(), 'deepdrill-course-db-')), name);

describe('migration 60 (course_sessions)', () => {
  it('adds the table to a version-50 database, keeping its sessions', () => {
    const db = new Database(file('v50.db'));
    updateToVersion(db, 50);
    db.prepare("INSERT INTO learners (name, created_at) VALUES ('old', 1)").run();
    db.prepare(
      `INSERT INTO quiz_sessions (learner_id, mode, status, msq_rule, title, created_at)
       VALUES (1, 'exam', 'finished', 'partial', 'Old exam', 2)`,
    ).run();
    expect(updateToVersion(db, 60)).toEqual([60]);
    expect(db.prepare('SELECT title FROM quiz_sessions').pluck().all()).toEqual(['Old exam']);
    expect(db.prepare('SELECT count(*) FROM course_sessions').pluck().get()).toBe(0);
    db.close();
  });
});

describe('course-work queries', () => {
  const setup = () => {
    const db = openDatabase(file('course.db'));
    const learner = ensureLearner(db, 'a', 0);
    const other = ensureLearner(db, 'b', 0);
    const session = (learnerId: number, title: string) =>
      insertSession(db, {
        learnerId,
        mode: 'exam',
        msqRule: 'partial',
        title,
        createdAt: 1000,
        durationMs: 60_000,
        deadlineAt: 61_000,
      });
    return { db, learner, other, session };
  };

  it('numbers attempts per learner and assignment, and lists them with their sessions', () => {
    const { db, learner, other, session } = setup();
    expect(nextAttemptNumber(db, learner, 'assignment', 'week-1')).toBe(1);
    const first = session(learner, 'Week 1');
    insertCourseSession(db, {
      sessionId: first,
      learnerId: learner,
      kind: 'assignment',
      assignmentId: 'week-1',
      attempt: 1,
    });
    finishSession(db, first, { finishedAt: 5000, reason: 'submitted', score: 1.5, maxScore: 2 });
    const mock = session(learner, 'Mock');
    insertCourseSession(db, {
      sessionId: mock,
      learnerId: learner,
      kind: 'mock-final',
      assignmentId: null,
      attempt: 1,
    });
    expect(nextAttemptNumber(db, learner, 'assignment', 'week-1')).toBe(2);
    expect(nextAttemptNumber(db, learner, 'assignment', 'week-2')).toBe(1);
    expect(nextAttemptNumber(db, learner, 'mock-final', null)).toBe(2);
    // The other learner has done nothing.
    expect(nextAttemptNumber(db, other, 'assignment', 'week-1')).toBe(1);
    expect(listCourseSessions(db, other)).toEqual([]);
    expect(listCourseSessions(db, learner)).toEqual([
      {
        sessionId: first,
        kind: 'assignment',
        assignmentId: 'week-1',
        attempt: 1,
        status: 'finished',
        createdAt: 1000,
        finishedAt: 5000,
        score: 1.5,
        maxScore: 2,
      },
      {
        sessionId: mock,
        kind: 'mock-final',
        assignmentId: null,
        attempt: 1,
        status: 'active',
        createdAt: 1000,
        finishedAt: null,
        score: null,
        maxScore: null,
      },
    ]);
  });

  it('refuses an attempt without its assignment, and the same attempt number twice', () => {
    const { db, learner, session } = setup();
    const id = session(learner, 'x');
    expect(() =>
      insertCourseSession(db, {
        sessionId: id,
        learnerId: learner,
        kind: 'assignment',
        assignmentId: null,
        attempt: 1,
      }),
    ).toThrow(/CHECK constraint failed/);
    insertCourseSession(db, {
      sessionId: id,
      learnerId: learner,
      kind: 'assignment',
      assignmentId: 'w',
      attempt: 1,
    });
    const again = session(learner, 'y');
    expect(() =>
      insertCourseSession(db, {
        sessionId: again,
        learnerId: learner,
        kind: 'assignment',
        assignmentId: 'w',
        attempt: 1,
      }),
    ).toThrow(/UNIQUE constraint failed/);
  });

  it('reads a learner’s course work by index', () => {
    const { db } = setup();
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(courseSql.listForLearner, 1)).toMatch(
      /SEARCH c USING (COVERING )?INDEX course_sessions_by_learner \(learner_id=\?\)/,
    );
    expect(plan(courseSql.listForLearner, 1)).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
    // Already in the index's order: no sort.
    expect(plan(courseSql.listForLearner, 1)).not.toMatch(/TEMP B-TREE/);
    expect(
      plan(courseSql.lastAttempt, { learnerId: 1, kind: 'assignment', assignmentId: 'w' }),
    ).toMatch(
      /SEARCH course_sessions USING COVERING INDEX course_sessions_by_learner \(learner_id=\? AND kind=\? AND assignment_id=\?\)/,
    );
  });
});
