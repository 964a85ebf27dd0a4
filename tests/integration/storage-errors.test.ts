/**
 * A full disk and a read-only database reach the learner as what they are, with what to do —
 * not as "Something went wrong inside DeepDrill" — and nothing is half-saved. The failures are
 * SQLite's own: `max_page_count` makes it report SQLITE_FULL exactly as a full disk does, and a
 * read-only connection reports SQLITE_READONLY as a read-only folder does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { dispatch } from '../../electron/dispatch';
import { createService } from '../../electron/service';
import { makeDeps, FakeClock, seedSource, setupQuiz } from './quiz-helpers';
import type { QuizState } from '../../electron/contract';
import { diagnoseDatabase } from '../../cli/commands/doctor';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

describe('storage failures', () => {
  it('a full disk: refused with a message saying so, nothing half-written, and it saves once there is room', async () => {
    const s = setupQuiz();
    opened.push(s.db);
    const count = (table: string) =>
      s.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const fill = () => {
      // Take whatever room is left in the file's free pages.
      try {
        for (;;)
          s.db
            .prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
            .run(`pad-${count('settings')}`, 'x'.repeat(2000));
      } catch {
        // Full.
      }
    };
    s.db.pragma(`max_page_count = ${s.db.pragma('page_count', { simple: true }) as number}`);
    fill();
    // Keep practising until an answer or a start needs a page the "disk" does not have (the
    // attempts table's page fills after a few dozen answers).
    let refused: { method: string; message: string; retry: () => Promise<{ ok: boolean }> } | null =
      null;
    for (let round = 0; round < 30 && refused === null; round++) {
      const before = { attempts: count('attempts'), sessions: count('quiz_sessions') };
      const input = { mode: 'practice', selection: 'topics', count: 5, openQuizzes: 'finish' };
      const started = await dispatch(s.api, 'startQuiz', input);
      if (!started.ok) {
        expect(started.error.code).toBe('storage');
        expect(count('quiz_sessions')).toBe(before.sessions);
        refused = {
          method: 'startQuiz',
          message: started.error.message,
          retry: () => dispatch(s.api, 'startQuiz', input),
        };
        break;
      }
      const quiz = started.value as QuizState;
      for (const item of quiz.items.filter((i) => i.kind !== 'numeric')) {
        const answer = {
          sessionId: quiz.sessionId,
          position: item.position,
          response: { kind: 'choice', optionIds: ['o1'] },
        };
        const attemptsBefore = count('attempts');
        const result = await dispatch(s.api, 'submitAnswer', answer);
        if (!result.ok) {
          expect(result.error.code).toBe('storage');
          expect(count('attempts')).toBe(attemptsBefore); // all or nothing
          refused = {
            method: 'submitAnswer',
            message: result.error.message,
            retry: () => dispatch(s.api, 'submitAnswer', answer),
          };
          break;
        }
      }
    }
    expect(refused, 'the database never filled up').not.toBeNull();
    expect(refused!.message).toMatch(/^The disk is full, so DeepDrill could not save this/);
    expect(diagnoseDatabase(s.db).integrity).toBe('ok');
    // Room again: the same call succeeds.
    s.db.pragma('max_page_count = 1073741823');
    expect((await refused!.retry()).ok).toBe(true);
  });

  it('a read-only database: refused with a message saying so', async () => {
    const s = setupQuiz();
    s.db.close();
    const readonly = openDatabase(s.file, { readonly: true });
    opened.push(readonly);
    const clock = new FakeClock(Date.UTC(2025, 2, 3, 9, 0, 0));
    const deps = { ...makeDeps(openDatabase(s.file), clock, seedSource()), db: readonly };
    opened.push(deps.db);
    const api = createService(deps);
    const result = await dispatch(api, 'startQuiz', {
      mode: 'practice',
      selection: 'topics',
      count: 3,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('storage');
    expect(result.error.message).toMatch(/read-only/);
  });
});
