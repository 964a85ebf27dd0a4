/**
 * The documented course (docs/examples/institute-course.json) against the built-in bank, as an
 * institute would try it: every one of its 12 weekly assignments starts on the day it opens,
 * asks the questions it lists (fixed items, template variants, topic draws) as an exam, and a
 * mock final follows the final exam's rules.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuiltinBank } from '../../db/bank/builtin';
import { openDatabase } from '../../db/connection';
import { loadInstitute } from '../../electron/institute';
import { createService } from '../../electron/service';
import { resolveQuizItem } from '../../electron/service/quiz';
import { FakeClock, makeDeps, seedSource, tempDbFile } from './quiz-helpers';

describe('the example course on the built-in bank', () => {
  it('starts each of its 12 assignments with the questions it names', async () => {
    const { course } = loadInstitute(join(process.cwd(), 'docs/examples/institute-course.json'));
    expect(course).toBeDefined();
    const clock = new FakeClock(Date.parse('2027-01-19T00:00:00Z'));
    const db = openDatabase(tempDbFile('example.db'));
    ensureBuiltinBank(db);
    const deps = { ...makeDeps(db, clock, seedSource()), course };
    const api = createService(deps);

    for (const assignment of course!.assignments) {
      clock.t = Date.parse(assignment.opensAt) + 60_000;
      const state = await api.startAssignment({ assignmentId: assignment.id });
      const count = assignment.items.length + assignment.draws.reduce((sum, d) => sum + d.count, 0);
      expect(state.items, assignment.id).toHaveLength(count);
      expect(state.mode).toBe('exam');
      expect(state.durationMs).toBe(30 * 60_000);
      const itemIds = state.items.map(
        (i) => resolveQuizItem(deps, state.sessionId, i.position).stored.itemId,
      );
      expect(itemIds.slice(0, assignment.items.length)).toEqual(assignment.items);
      await api.finishQuiz({ sessionId: state.sessionId });
    }

    const view = (await api.getCourse())!;
    // Each is due a week and a day after it opens: week 11 is still open when week 12 opens.
    expect(view.assignments.map((a) => a.status)).toEqual([
      ...Array(10).fill('closed'),
      'submitted',
      'submitted',
    ]);
    // Nothing answered: every assignment handed in with 0, so 0/25 and nothing left to do.
    expect(view.standing.assignments.score).toBe(0);
    expect(view.standing.assignments.status).toBe('failed');

    const mock = await api.startMockFinal({});
    expect(mock.items).toHaveLength(50);
    expect(mock.durationMs).toBe(180 * 60_000);
    expect(mock.title).toBe('Mock final exam: Deep Learning (NPTEL, January 2027)');
  });
});
