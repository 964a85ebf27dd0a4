/**
 * Issue 15's "tried as an institute would", end to end on the real parts: the documented
 * institute.json (12 weekly assignments, NPTEL grading) loaded from its file, the app started as
 * the desktop app starts it (`startApp`: built-in bank, profiles, timers, background sync) on a
 * real SQLite file, two learner profiles on that one database taking week 1 through `dispatch`,
 * their results synced to a real learning record store on loopback (Learning Locker's statement
 * service), pulled back with `results pull`, and a class report made of them with
 * `class report`. Each learner's numbers are known from how the test answers: Asha answers every
 * question rightly, Ravi every one wrongly.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../cli/run-captured';
import { formatNumericKey } from '../../core/grading';
import { toViewIds } from '../../core/option-order';
import type { ClassReport } from '../../core/class-report';
import { startApp, type RunningApp } from '../../electron/bootstrap';
import type { AppApi, LearnerResponse, QuizState } from '../../electron/contract';
import { dispatchingClient } from '../../electron/dispatch';
import { loadInstitute } from '../../electron/institute';
import { resolveQuizItem } from '../../electron/service/quiz';
import { startLrs, type TestLrs } from './lrs';
import { FakeClock } from './quiz-helpers';

const cli = runCliCaptured;

/** The right response (from the main process's key), or a wrong one of the same shape. */
function responseFor(app: RunningApp, state: QuizState, position: number, right: boolean) {
  const { question, options } = resolveQuizItem(app.deps, state.sessionId, position);
  if (question.kind === 'numeric') {
    const key = question.numeric!;
    // Wrong: every value off by far more than any tolerance (and never equal to the key, as
    // v·1.5 + 1 is at v = −2), so no part of a vector earns partial credit.
    const values = (typeof key.value === 'number' ? [key.value] : [...key.value]).map((v) =>
      right ? v : v + 10 * (Math.abs(v) + 1),
    );
    return { kind: 'numeric', text: formatNumericKey({ ...key, value: values }) } as const;
  }
  const all = question.options ?? [];
  // Wrong: a single-answer question gets one wrong option; a multiple-select one every wrong
  // option and none of the right ones (nothing for partial credit).
  const wrong = all.filter((o) => !o.correct).map((o) => o.id);
  const stored = right
    ? all.filter((o) => o.correct).map((o) => o.id)
    : question.kind === 'msq'
      ? wrong
      : wrong.slice(0, 1);
  return { kind: 'choice', optionIds: toViewIds(options, stored) } satisfies LearnerResponse;
}

/** Takes week 1 as the current profile, every answer right or every one wrong. */
async function takeWeek1(app: RunningApp, api: AppApi, right: boolean): Promise<number> {
  const state = await api.startAssignment({ assignmentId: 'week-1' });
  for (const item of state.items) {
    await api.submitAnswer({
      sessionId: state.sessionId,
      position: item.position,
      response: responseFor(app, state, item.position, right),
    });
  }
  await api.finishQuiz({ sessionId: state.sessionId });
  return state.items.length;
}

let lrs: TestLrs;
let app: RunningApp;
let api: AppApi;
const dir = mkdtempSync(join(tmpdir(), 'deepdrill-institute-'));

beforeAll(async () => {
  lrs = await startLrs();
}, 30_000);

afterAll(async () => {
  app?.stop();
  await lrs?.stop();
});

describe('an institute: course, two profiles, results to the LRS, a class report', () => {
  it('runs from institute.json to the instructor’s report', async () => {
    const institute = loadInstitute(join(process.cwd(), 'docs/examples/institute-course.json'));
    const week1 = institute.course!.assignments.find((a) => a.id === 'week-1')!;
    const clock = new FakeClock(Date.parse(week1.opensAt) + 3_600_000);
    app = startApp({
      dbPath: join(dir, 'lab-pc.db'),
      mode: 'browser',
      clock,
      course: institute.course,
      lockdown: institute.lockdown,
      includeBuiltinBank: institute.includeBuiltinBank,
      lrs: { endpoint: lrs.endpoint, homePage: 'https://lms.example.ac.in' },
      // No sync before the test asks for one: what is pending is then known.
      syncTiming: { startDelayMs: 3_600_000, afterQuizMs: 3_600_000, intervalMs: 3_600_000 },
    });
    api = dispatchingClient(app.service);

    // Two learners share the lab PC; Ravi's profile has a PIN.
    let profiles = await api.createProfile({ name: 'Asha' });
    profiles = await api.createProfile({ name: 'Ravi', pin: '4821' });
    const id = (name: string) => profiles.profiles.find((p) => p.name === name)!.id;
    await api.switchProfile({ profileId: id('Asha') });
    const asked = await takeWeek1(app, api, true);
    await expect(api.switchProfile({ profileId: id('Ravi'), pin: '0000' })).rejects.toThrow(/PIN/);
    await api.switchProfile({ profileId: id('Ravi'), pin: '4821' });
    // Ravi sees week 1 open, not Asha's submission.
    const ravisView = (await api.getCourse())!;
    expect(ravisView.assignments.find((a) => a.id === 'week-1')!.status).toBe('open');
    expect(await takeWeek1(app, api, false)).toBe(asked);

    // Standing per profile: Asha 100% on 1 of the best 8 → 1/8 × 25 = 3.125; Ravi 0.
    expect((await api.getCourse())!.standing.assignments.score).toBe(0);
    await api.switchProfile({ profileId: id('Asha') });
    expect((await api.getCourse())!.standing.assignments.score).toBeCloseTo(3.125, 6);

    // Each answer and each finished assignment waits for the LRS, then is sent once.
    const before = await api.getSyncStatus();
    expect(before.configuredBy).toBe('institute');
    expect(before.pending).toBe(2 * asked + 2);
    const after = await api.syncNow();
    expect(after.pending).toBe(0);
    expect(after.lastError ?? null).toBeNull();
    expect((await api.syncNow()).pending).toBe(0);

    // The instructor pulls what the LRS holds and makes the class report of it.
    const pulled = join(dir, 'pulled.jsonl');
    const pull = await cli(['results', 'pull', '--endpoint', lrs.endpoint, '--out', pulled]);
    expect(pull.code, pull.err).toBe(0);
    const statements = readFileSync(pulled, 'utf8').trimEnd().split('\n');
    expect(statements).toHaveLength(2 * asked + 2);
    const report = await cli(['class', 'report', pulled, '--json']);
    expect(report.code, report.err).toBe(0);
    const parsed = JSON.parse(report.out) as ClassReport;
    expect(parsed.duplicates).toBe(0);
    expect(parsed.totals).toEqual({ learners: 2, answers: 2 * asked, quizzes: 2 });
    const byName = new Map(parsed.learners.map((l) => [l.name, l]));
    expect(byName.get('Asha')).toMatchObject({ answers: asked, correct: asked, meanScore: 1 });
    expect(byName.get('Ravi')).toMatchObject({ answers: asked, correct: 0, meanScore: 0 });
    // Items are bank items (a template item is one item whatever its variant). Week 1's fixed
    // questions were asked of both learners once, right by Asha and wrong by Ravi: facility 0.5.
    expect(parsed.items.reduce((sum, item) => sum + item.answers, 0)).toBe(2 * asked);
    for (const fixed of week1.items) {
      const item = parsed.items.find((i) => i.id.endsWith(`/items/${fixed}`));
      expect(item, fixed).toMatchObject({ answers: 2, facility: 0.5 });
    }
    // Over all items, the right answers are Asha's: one for each question asked.
    const right = parsed.items.reduce((sum, item) => sum + item.facility * item.answers, 0);
    expect(right).toBeCloseTo(asked, 9);
  }, 120_000);
});
