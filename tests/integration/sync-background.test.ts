/**
 * The app's background sync of results (`electron/service/sync.ts`) against a real learning
 * record store on loopback (Learning Locker's statement service, `./lrs`), with the learner's
 * quizzes going through the real service (`dispatch`) into a real SQLite file. The scheduler's
 * waits are shortened (start 50 ms, backoff 200 ms doubling to 800 ms); everything else is the
 * app's own code: the same `syncResults` that `results sync` runs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { attemptsToXapi } from '../../db/interop/results';
import type { AppApi, SyncStatus } from '../../electron/contract';
import { dispatch, dispatchingClient } from '../../electron/dispatch';
import { loadInstitute } from '../../electron/institute';
import { createService } from '../../electron/service';
import type { ServiceDeps } from '../../electron/service/deps';
import { ResultsSync, backoffDelay, defaultSyncTiming } from '../../electron/service/sync';
import { lrsStatements, startLrs, type TestLrs } from './lrs';
import { FakeClock, choose, makeDeps, openFixtureDb, seedSource, tempDbFile } from './quiz-helpers';

/** The service on the wall clock, like the app (the scheduler's waits are real time). */
class WallClock extends FakeClock {
  override now(): number {
    return Date.now();
  }
}

const timing = {
  startDelayMs: 50,
  afterQuizMs: 50,
  intervalMs: 60_000,
  backoffInitialMs: 200,
  backoffMaxMs: 800,
  requestTimeoutMs: 5_000,
};

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 20));
    last = await probe();
  }
  return last;
}

interface Setup {
  db: Db;
  deps: ServiceDeps;
  api: AppApi;
  sync: ResultsSync;
}

function setup(institute?: ConstructorParameters<typeof ResultsSync>[0]['institute']): Setup {
  const file = tempDbFile('sync.db');
  const db = openFixtureDb(file, Date.now());
  const base = makeDeps(db, new WallClock(0), seedSource());
  const sync = new ResultsSync({ db, institute, timing });
  const deps: ServiceDeps = { ...base, sync };
  return { db, deps, sync, api: dispatchingClient(createService(deps)) };
}

/** A practice quiz of the two fixed normalisation items answered and handed in: 2 answers. */
async function finishQuiz(s: Setup): Promise<number> {
  const state = await s.api.startQuiz({
    mode: 'practice',
    selection: 'questions',
    topics: [],
    questionIds: s.db
      .prepare<[], number>(
        "SELECT id FROM questions WHERE item_id IN ('bn-test-time', 'bn-mean') ORDER BY item_id DESC",
      )
      .pluck()
      .all(),
    count: 2,
  });
  await s.api.saveAnswer({
    sessionId: state.sessionId,
    position: 0,
    response: choose(s.deps, state, 0, 'b'),
  });
  await s.api.saveAnswer({
    sessionId: state.sessionId,
    position: 1,
    response: { kind: 'numeric', text: '3' },
  });
  await s.api.finishQuiz({ sessionId: state.sessionId });
  return state.sessionId;
}

/** The statement ids `results export --format xapi` gives one quiz, for the same home page. */
function exportedIds(s: Setup, sessionId: number, homePage: string): string[] {
  return attemptsToXapi(s.db, { homePage, sessionId })
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id)
    .sort();
}

const ids = (statements: readonly Record<string, unknown>[]) =>
  statements.map((st) => st.id as string).sort();

describe('background sync against a real LRS', () => {
  let lrs: TestLrs;
  let s: Setup;

  beforeAll(async () => {
    lrs = await startLrs();
    s = setup();
  }, 30_000);
  afterAll(async () => {
    await s.sync.stop();
    await lrs.stop();
    s.db.close();
  });

  it('is off without an endpoint, then sends a finished quiz in the background', async () => {
    s.sync.start();
    const off = await s.api.getSyncStatus();
    expect(off).toMatchObject({ state: 'off', endpoint: null, configuredBy: null });

    const first = await finishQuiz(s);
    // Two answers and the quiz's completion: 3 statements wait, none sent (no endpoint).
    expect((await s.api.getSyncStatus()).pending).toBe(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(await lrsStatements(lrs)).toHaveLength(0);

    const set = await s.api.setSyncEndpoint({
      endpoint: lrs.endpoint,
      username: 'teacher',
      password: 'secret-pw',
    });
    expect(set).toMatchObject({
      endpoint: lrs.endpoint,
      username: 'teacher',
      hasPassword: true,
      configuredBy: 'settings',
    });
    expect(JSON.stringify(set)).not.toContain('secret-pw');

    const done = await until(
      'the background run',
      () => s.api.getSyncStatus(),
      (st) => st.pending === 0 && st.state === 'idle' && st.lastSuccessAt !== null,
    );
    expect(done.lastError).toBeNull();
    expect(done.lastRun).toEqual({ sent: 3, already: 0, failed: 0 });
    // The next attempt is the periodic one (no backoff after a success).
    expect(done.nextAttemptAt! - done.lastSuccessAt!).toBeGreaterThanOrEqual(
      timing.intervalMs - 50,
    );
    const held = await lrsStatements(lrs);
    expect(ids(held)).toEqual(exportedIds(s, first, `http://127.0.0.1:${lrs.port}`));
  }, 30_000);

  it('keeps results while the LRS is away, backing off 200 → 400 → 800 ms, and says why', async () => {
    const port = lrs.port;
    await lrs.stop();
    const second = await finishQuiz(s);
    expect((await s.api.getSyncStatus()).pending).toBe(3);

    // Watch the status: each failure is a new lastError.at; its wait is nextAttemptAt − at.
    const waits: number[] = [];
    let seen = 0;
    await until(
      'four failures',
      () => s.api.getSyncStatus(),
      (st: SyncStatus) => {
        if (st.state === 'waiting' && st.lastError !== null && st.lastError.at !== seen) {
          seen = st.lastError.at;
          expect(st.lastError.reason).toBe('unreachable');
          expect(st.lastError.message).toContain('cannot reach the learning record store');
          expect(st.pending).toBe(3);
          if (st.nextAttemptAt !== null) waits.push(st.nextAttemptAt - st.lastError.at);
        }
        return waits.length >= 4;
      },
    );
    // 200 · 2^(n−1), capped at 800 (allowing the couple of ms between the two clock reads).
    const expected = [200, 400, 800, 800];
    waits.forEach((w, i) => expect(Math.abs(w - expected[i])).toBeLessThanOrEqual(5));

    // Back on the same port: exactly the second quiz's 3 statements arrive, once.
    lrs = await startLrs(port);
    const back = await until(
      'the retry after the LRS is back',
      () => s.api.getSyncStatus(),
      (st) => st.pending === 0 && st.state === 'idle',
    );
    expect(back.lastError).toBeNull();
    expect(back.lastRun).toEqual({ sent: 3, already: 0, failed: 0 });
    const held = await lrsStatements(lrs);
    expect(held).toHaveLength(3);
    expect(ids(held)).toEqual(exportedIds(s, second, `http://127.0.0.1:${lrs.port}`));
    const answered = held.filter(
      (st) => (st.verb as { id: string }).id === 'http://adlnet.gov/expapi/verbs/answered',
    );
    const attempts = s.db
      .prepare<[number], number>('SELECT count(*) FROM attempts WHERE session_id = ?')
      .pluck()
      .get(second);
    expect(answered).toHaveLength(attempts!);
  }, 30_000);

  it('Send now joins a run under way instead of starting a second one', async () => {
    await finishQuiz(s);
    const [a, b] = await Promise.all([s.api.syncNow(), s.api.syncNow()]);
    expect(a.pending).toBe(0);
    expect(b.pending).toBe(0);
    expect(await lrsStatements(lrs)).toHaveLength(6);
  }, 30_000);

  it('sends nothing after stop', async () => {
    await s.sync.stop();
    await finishQuiz(s);
    await new Promise((r) => setTimeout(r, 400));
    const st = await s.api.getSyncStatus();
    expect(st.pending).toBe(3);
    expect(st.nextAttemptAt).toBeNull();
    expect(await lrsStatements(lrs)).toHaveLength(6);
  }, 30_000);
});

describe('runs never overlap', () => {
  it('one request at a time even when quizzes finish and Send now is pressed during a run', async () => {
    const lrs = await startLrs();
    // A loopback proxy in front of the LRS that holds each request 150 ms and counts how many
    // are in flight at once.
    let inFlight = 0;
    let maxInFlight = 0;
    let requests = 0;
    const proxy: Server = createServer((req, res) => {
      inFlight++;
      requests++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const body: Buffer[] = [];
      req.on('data', (c: Buffer) => body.push(c));
      req.on('end', () => {
        setTimeout(() => {
          const up = request(
            {
              host: '127.0.0.1',
              port: lrs.port,
              path: req.url,
              method: req.method,
              headers: req.headers,
            },
            (upRes) => {
              res.writeHead(upRes.statusCode ?? 502, upRes.headers);
              upRes.pipe(res);
              upRes.on('end', () => inFlight--);
            },
          );
          up.end(Buffer.concat(body));
        }, 150);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const proxyPort = (proxy.address() as AddressInfo).port;
    const s = setup({ endpoint: `http://127.0.0.1:${proxyPort}/xAPI` });
    try {
      s.sync.start();
      await finishQuiz(s);
      await finishQuiz(s);
      const results = await Promise.all([s.api.syncNow(), s.api.syncNow(), finishQuiz(s)]);
      expect(results[0].configuredBy).toBe('institute');
      await until(
        'everything sent',
        () => s.api.getSyncStatus(),
        (st) => st.pending === 0 && st.state === 'idle',
      );
      expect(maxInFlight).toBe(1);
      expect(requests).toBeGreaterThan(0);
      // Three quizzes of 2 answers and a completion each, each statement once.
      const held = await lrsStatements(lrs);
      expect(held).toHaveLength(9);
      expect(new Set(ids(held)).size).toBe(9);
    } finally {
      await s.sync.stop();
      s.db.close();
      await new Promise((r) => proxy.close(r));
      await lrs.stop();
    }
  }, 30_000);
});

describe('setting the endpoint', () => {
  const s = setup();
  afterAll(() => s.db.close());
  const call = (input: unknown) => dispatch(createService(s.deps), 'setSyncEndpoint', input);

  it.each([
    ['ftp://lrs.example.edu/xAPI', 'must start with http:// or https://'],
    ['lrs.example.edu', 'is not a web address'],
    ['', 'Give the address'],
    ['https://teacher:pw@lrs.example.edu/xAPI', 'in their own fields'],
  ])('refuses %j with a message saying what is wrong', async (endpoint, words) => {
    const r = await call({ endpoint });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-input');
      expect(r.error.message).toContain(words);
    }
    expect((await s.api.getSyncStatus()).state).toBe('off');
  });

  it('refuses a password without a user name, keeps a saved password, and removes it all with null', async () => {
    const r = await call({ endpoint: 'https://lrs.example.edu/xAPI', password: 'x' });
    expect(r.ok ? '' : r.error.message).toBe('A password needs a user name.');
    await s.api.setSyncEndpoint({
      endpoint: 'https://lrs.example.edu/xAPI',
      username: 'me',
      password: 'pw',
    });
    const kept = await s.api.setSyncEndpoint({
      endpoint: 'https://lrs.example.edu/xAPI',
      username: 'me',
    });
    expect(kept.hasPassword).toBe(true);
    const cleared = await s.api.setSyncEndpoint(null);
    expect(cleared).toMatchObject({ state: 'off', endpoint: null, hasPassword: false });
  });

  it('is refused when institute.json names the LRS, which is shown without its password', async () => {
    const inst = setup({
      endpoint: 'https://lrs.example.edu/xAPI',
      username: 'inst',
      password: 'inst-secret',
    });
    const r = await dispatch(createService(inst.deps), 'setSyncEndpoint', null);
    expect(r.ok ? '' : r.error.code).toBe('forbidden');
    const st = await inst.api.getSyncStatus();
    expect(st).toMatchObject({
      configuredBy: 'institute',
      endpoint: 'https://lrs.example.edu/xAPI',
      username: 'inst',
      hasPassword: true,
      state: 'idle',
    });
    expect(JSON.stringify(st)).not.toContain('inst-secret');
    inst.db.close();
  });
});

describe('backoff', () => {
  it('waits 30 s after the first failure, doubling to at most 30 min', () => {
    // 30, 60, 120, 240, 480, 960 s, then 1 920 s would pass 1 800 s (30 min): capped.
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, defaultSyncTiming) / 1000)).toEqual(
      [30, 60, 120, 240, 480, 960, 1800, 1800],
    );
  });
});

describe("institute.json's lrs block", () => {
  const write = (lrs: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'deepdrill-lrs-institute-')), 'institute.json');
    writeFileSync(file, JSON.stringify({ productName: 'X', appId: 'org.example.x', lrs }));
    return file;
  };

  it('is read with its fields', () => {
    const inst = loadInstitute(
      write({ endpoint: 'https://lrs.example.edu/xAPI', username: 'u', password: 'p' }),
    );
    expect(inst.lrs).toEqual({
      endpoint: 'https://lrs.example.edu/xAPI',
      username: 'u',
      password: 'p',
    });
  });

  it.each([
    [{ endpoint: 'ftp://lrs.example.edu/xAPI' }, 'lrs.endpoint: an http(s) address'],
    [{ endpoint: 'https://lrs.example.edu', secret: 'x' }, 'lrs: Unrecognized key'],
    [{ endpoint: 'https://lrs.example.edu', homePage: 'lms' }, 'lrs.homePage: an http(s) address'],
  ])('refuses %j naming the field', (lrs, words) => {
    expect(() => loadInstitute(write(lrs))).toThrow(words);
  });
});
