import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseDatabase } from '../../cli/commands/doctor';
import { startApp, type RunningApp } from '../../electron/bootstrap';
import { resolveQuizItem } from '../../electron/service/quiz';

/** Answers every question of a new practice quiz with the first option / zeros of the key's size. */
async function answerQuiz(app: RunningApp, count: number): Promise<void> {
  const service = app.service;
  const quiz = await service.startQuiz({
    mode: 'practice',
    selection: 'topics',
    topics: [],
    count,
  });
  for (const item of quiz.items) {
    const key = resolveQuizItem(app.deps, quiz.sessionId, item.position).question.numeric?.value;
    const size = key === undefined ? 1 : typeof key === 'number' ? 1 : key.length;
    const response =
      item.kind === 'numeric'
        ? { kind: 'numeric' as const, text: Array(size).fill('0').join(', ') }
        : { kind: 'choice' as const, optionIds: [item.options[0].id] };
    await service.submitAnswer({ sessionId: quiz.sessionId, position: item.position, response });
  }
  await service.finishQuiz({ sessionId: quiz.sessionId });
}

describe('backup and restore through the service', () => {
  it('round-trips a database with attempts in it; doctor agrees before and after', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'deepdrill-restore-'));
    let now = Date.UTC(2026, 10, 27, 9);
    const app = startApp({
      dbPath: join(folder, 'deepdrill.db'),
      mode: 'browser',
      clock: { now: () => now },
    });
    const attempts = () => diagnoseDatabase(app.db).attempts;

    await answerQuiz(app, 5);
    expect(attempts()).toBe(5);
    const backup = await app.service.backupNow();
    const dashboardAtBackup = await app.service.getDashboard();

    now += 3_600_000;
    await answerQuiz(app, 4);
    expect(attempts()).toBe(9);

    await app.service.restoreBackup({ name: backup.name });
    const report = diagnoseDatabase(app.db);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, integrity: 'ok', attempts: 5 });
    // What the learner sees is back to the moment of the backup.
    expect((await app.service.getDashboard()).totals).toEqual(dashboardAtBackup.totals);
    // …and the state before the restore was kept, so the restore itself can be undone.
    const kinds = (await app.service.listBackups()).map((b) => b.kind);
    expect(kinds).toContain('pre-restore');

    // The app keeps working on the restored data.
    await answerQuiz(app, 2);
    expect(diagnoseDatabase(app.db)).toMatchObject({ ok: true, attempts: 7 });
    app.stop();
  });

  it('asks who is studying when the profile in use is not in the restored file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'deepdrill-restore-'));
    const app = startApp({ dbPath: join(folder, 'deepdrill.db'), mode: 'browser' });
    const backup = await app.service.backupNow();
    // Mina's profile is made after the backup and is studying when it is restored.
    const created = await app.service.createProfile({ name: 'Mina' });
    const mina = created.profiles.find((p) => p.name === 'Mina')!;
    await app.service.switchProfile({ profileId: mina.id });
    await answerQuiz(app, 2);
    await app.service.restoreBackup({ name: backup.name });
    const after = await app.service.listProfiles();
    expect(after.profiles.map((p) => p.name)).toEqual(['Learner']);
    expect(after.locked).toBe(true);
    // Nothing is shown for a learner that no longer exists; the one left can be chosen.
    await expect(app.service.getDashboard()).rejects.toThrow(/Choose who's studying/);
    await app.service.switchProfile({ profileId: after.profiles[0].id });
    expect((await app.service.getDashboard()).totals.answered).toBe(0);
    app.stop();
  });

  it('refuses an unknown backup name with a clear message', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'deepdrill-restore-'));
    const app = startApp({ dbPath: join(folder, 'deepdrill.db'), mode: 'browser' });
    await expect(
      app.service.restoreBackup({ name: 'deepdrill-manual-20260101T000000000Z.db' }),
    ).rejects.toThrow(/no backup named/);
    app.stop();
  });
});
