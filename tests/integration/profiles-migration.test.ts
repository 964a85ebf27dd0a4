/**
 * Migration 0070 (profiles) on a database from before it: the app's one learner `local` becomes
 * the profile "Learner" whose xAPI account stays `local`, so its statements keep the actor and
 * the ids they had (checked against a UUID v5 computed here, by hand, from RFC 4122 §4.3).
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { importPack } from '../../db/bank/import';
import { latestSchemaVersion, migrate, updateToVersion } from '../../db/migrations';
import { XAPI_UUID_NAMESPACE } from '../../db/interop/results';
import { createService } from '../../electron/service';
import { FakeClock, fixturePack, seedSource, tempDbFile } from './quiz-helpers';

const START = Date.UTC(2025, 2, 3, 9, 0, 0);
const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

/** RFC 4122 version-5 UUID: SHA-1 of namespace bytes ‖ name, version nibble 5, variant 10. */
function rfc4122v5(name: string): string {
  const bytes = [
    ...createHash('sha1')
      .update(Buffer.from(XAPI_UUID_NAMESPACE.split('-').join(''), 'hex'))
      .update(name)
      .digest()
      .subarray(0, 16),
  ];
  bytes[6] = 0x50 + (bytes[6] % 16);
  bytes[8] = 0x80 + (bytes[8] % 64);
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return /^(.{8})(.{4})(.{4})(.{4})(.{12})$/.exec(hex)!.slice(1).join('-');
}

function oldDatabase(learners: readonly string[]) {
  const db = new Database(tempDbFile('old.db'));
  dbs.push(db);
  db.pragma('foreign_keys = ON');
  updateToVersion(db, 50);
  const insert = db.prepare('INSERT INTO learners (name, created_at) VALUES (?, ?)');
  for (const name of learners) insert.run(name, START - 86_400_000);
  migrate(db, 'old.db');
  expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
  return db;
}

describe('migration 0070 (profiles)', () => {
  it('renames the app learner `local` to "Learner" and keeps `local` as its xAPI account', async () => {
    const db = oldDatabase(['local', 'sim-1-1']);
    expect(
      db
        .prepare('SELECT name, xapi_account, pin_hash, last_used_at FROM learners ORDER BY id')
        .all(),
    ).toEqual([
      { name: 'Learner', xapi_account: 'local', pin_hash: null, last_used_at: START - 86_400_000 },
      {
        name: 'sim-1-1',
        xapi_account: 'sim-1-1',
        pin_hash: null,
        last_used_at: START - 86_400_000,
      },
    ]);

    // An answer of that learner is exported with the actor and id it would have had before.
    expect(importPack(db, fixturePack, { now: START }).ok).toBe(true);
    const clock = new FakeClock(START);
    const api = createService({
      db,
      clock,
      nextSeed: seedSource(),
      learnerId: 1,
      dbPath: ':test:',
      mode: 'desktop',
      version: '0.0.0-test',
      productName: 'DeepDrill',
      lockdown: { hideImport: false, examOnly: false, fixedMsqRule: null },
    });
    const questionId = db
      .prepare("SELECT id FROM questions WHERE item_id = 'dice-value'")
      .pluck()
      .get() as number;
    const quiz = await api.startQuiz({
      mode: 'practice',
      selection: 'questions',
      topics: [],
      questionIds: [questionId],
      count: 1,
    });
    clock.advance(5_000);
    await api.submitAnswer({
      sessionId: quiz.sessionId,
      position: 0,
      response: { kind: 'numeric', text: '0.8' },
    });
    const file = await api.exportResults({ format: 'xapi', homePage: 'https://lms.example.edu' });
    const answered = JSON.parse(file.content.split('\n')[0]) as {
      id: string;
      actor: unknown;
    };
    expect(answered.actor).toEqual({
      objectType: 'Agent',
      name: 'Learner',
      account: { homePage: 'https://lms.example.edu', name: 'local' },
    });
    const attemptId = db.prepare('SELECT id FROM attempts').pluck().get() as number;
    expect(answered.id).toBe(
      rfc4122v5(`answered|https://lms.example.edu|local|${attemptId}|${START + 5_000}`),
    );
  });

  it('leaves `local` as it is when a learner is already called "learner"', () => {
    const db = oldDatabase(['local', 'learner']);
    expect(db.prepare('SELECT name, xapi_account FROM learners ORDER BY id').all()).toEqual([
      { name: 'local', xapi_account: 'local' },
      { name: 'learner', xapi_account: 'learner' },
    ]);
  });
});
