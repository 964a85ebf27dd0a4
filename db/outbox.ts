/**
 * Results to the institute's learning record store (xAPI 1.0.3): the outbox is filled with the
 * statements of every finished quiz ({@link fillOutbox}), then drained by posting what is pending
 * to `<endpoint>/statements` ({@link syncOutbox}); {@link pullStatements} reads an LRS's
 * statements back, following its `more` links.
 *
 * Nothing is lost if the process dies mid-sync: a batch is marked as tried before it is posted
 * and as sent only after the LRS answered, each in its own committed transaction. A row left
 * tried but not sent is in doubt; the next sync asks the LRS for that statement id and counts it
 * as `already` when the LRS has it, posts it otherwise. Statement ids are stable (those of
 * `results export --format xapi`), and the LRS answers 409 Conflict to an id it holds with other
 * content: such rows count as `already`, never as new.
 */
import { sessionXapiStatements, checkXapiHomePage } from './interop/results';
import type { Db } from './connection';
import {
  markFailed,
  markSent,
  markTried,
  markUntried,
  outboxHomePage,
  pendingCount,
  pendingStatements,
  queueStatements,
  unqueuedSessions,
  type PendingStatement,
} from './queries/outbox';

/** Where and as whom to reach the LRS. */
export interface LrsEndpoint {
  /** The LRS's xAPI base (`https://lrs.example.edu/xAPI`); `/statements` is added to it. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Per-request timeout (default 30 s). */
  readonly timeoutMs?: number;
}

/** What one sync did: posted now, found already there, refused by the LRS, still waiting. */
export interface SyncCounts {
  readonly sent: number;
  readonly already: number;
  readonly failed: number;
  readonly pending: number;
}

/**
 * Why a sync stopped, for a learner-facing message: the LRS could not be reached (or did not
 * answer in time), refused the credentials, failed (5xx), refused the request otherwise, or the
 * sync's own settings are wrong (endpoint, home page).
 */
export type LrsErrorReason = 'unreachable' | 'credentials' | 'server' | 'refused' | 'settings';

/** The LRS could not be reached or refused the whole sync; the outbox keeps everything pending. */
export class LrsError extends Error {
  override name = 'LrsError';
  constructor(
    message: string,
    readonly reason: LrsErrorReason = 'settings',
  ) {
    super(message);
  }
}

/** The xAPI version DeepDrill speaks. */
export const XAPI_VERSION = '1.0.3';

/** `<url>/statements`, whether or not the URL given already ends in `/statements`. */
export function statementsUrl(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new LrsError(
      `--endpoint must be an http(s) address such as https://lrs.example.edu/xAPI, got "${endpoint}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LrsError(`--endpoint must be an http(s) address, got "${endpoint}"`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/statements') ? path : `${path}/statements`;
  url.search = '';
  return url;
}

function headers(endpoint: LrsEndpoint, json: boolean): Record<string, string> {
  const h: Record<string, string> = {
    'X-Experience-API-Version': XAPI_VERSION,
    Accept: 'application/json',
  };
  if (json) h['Content-Type'] = 'application/json';
  if (endpoint.username !== undefined) {
    const token = Buffer.from(`${endpoint.username}:${endpoint.password ?? ''}`, 'utf8');
    h.Authorization = `Basic ${token.toString('base64')}`;
  }
  return h;
}

const refusedBeforeSending = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** A failed fetch: the error's code (`ECONNREFUSED`, …) or its message. */
function networkReason(error: unknown): { reason: string; notSent: boolean } {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if ((error as Error).name === 'TimeoutError')
    return { reason: 'no answer (timed out)', notSent: false };
  return {
    reason: code ?? (typeof cause?.message === 'string' ? cause.message : (error as Error).message),
    notSent: code !== undefined && refusedBeforeSending.has(code),
  };
}

async function request(
  endpoint: LrsEndpoint,
  url: URL,
  init: { method: 'GET' | 'POST'; body?: string },
): Promise<Response> {
  return fetch(url, {
    method: init.method,
    headers: headers(endpoint, init.body !== undefined),
    body: init.body,
    signal: AbortSignal.timeout(endpoint.timeoutMs ?? 30_000),
  });
}

/** The home page to fill the outbox with, checked against the one it already holds. */
function checkOutboxHomePage(db: Db, homePage: string): string {
  const checked = checkXapiHomePage(homePage);
  const existing = outboxHomePage(db);
  if (existing !== undefined && existing !== checked) {
    throw new LrsError(
      `the outbox holds statements for home page ${existing}; sync with --home-page ${existing} (a second home page would split each learner in two)`,
    );
  }
  return checked;
}

/**
 * Queues the statements of every finished quiz not queued yet, built for `homePage` (the same
 * statements and ids as `results export --format xapi --home-page <homePage>`). The outbox keeps
 * one home page: a different one is refused, since the LRS would see each learner twice.
 * Returns how many statements were added.
 */
export function fillOutbox(db: Db, homePage: string, now = Date.now()): number {
  const checked = checkOutboxHomePage(db, homePage);
  let added = 0;
  for (const sessionId of unqueuedSessions(db)) {
    added += queueStatements(db, checked, sessionXapiStatements(db, checked, sessionId), now);
  }
  return added;
}

/** Quizzes queued per slice by {@link syncResults} before it lets other work run. */
const FILL_SLICE = 10;

/**
 * What `results sync` and the app's background sync do, one piece of code: queue the
 * statements of every finished quiz not queued yet ({@link fillOutbox}'s statements, a few
 * quizzes per slice with the event loop free between slices, so an app answering its learner
 * is never held up by a long backlog), then post what is pending ({@link syncOutbox}). The home
 * page is `homePage` when given, else the one the outbox was filled with, else the LRS's origin.
 */
export async function syncResults(
  db: Db,
  endpoint: LrsEndpoint,
  homePage?: string,
): Promise<SyncCounts> {
  const origin = statementsUrl(endpoint.url).origin;
  const checked = checkOutboxHomePage(db, homePage ?? outboxHomePageOr(db, origin));
  const sessions = unqueuedSessions(db);
  for (let i = 0; i < sessions.length; i += FILL_SLICE) {
    for (const sessionId of sessions.slice(i, i + FILL_SLICE)) {
      queueStatements(db, checked, sessionXapiStatements(db, checked, sessionId), Date.now());
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return syncOutbox(db, endpoint);
}

/** The home page the outbox uses: the one it was filled with, else `fallback`. */
export function outboxHomePageOr(db: Db, fallback: string): string {
  return outboxHomePage(db) ?? fallback;
}

interface Tally {
  sent: number;
  already: number;
  failed: number;
}

async function checkInDoubt(
  db: Db,
  endpoint: LrsEndpoint,
  rows: PendingStatement[],
  tally: Tally,
): Promise<void> {
  for (const row of rows) {
    const url = statementsUrl(endpoint.url);
    url.searchParams.set('statementId', row.statementId);
    const response = await send(endpoint, url, { method: 'GET' }, []);
    await response.arrayBuffer();
    if (response.ok) tally.already += markSent(db, [row.id], 'already', Date.now());
    else if (response.status === 404) markUntried(db, [row.id]);
    else throw refusal(endpoint, response.status);
  }
}

const KEPT = 'every unsent result is kept';

function refusal(
  endpoint: LrsEndpoint,
  status: number,
  consequence = `nothing more was sent, ${KEPT}`,
): LrsError {
  const why =
    status === 401 || status === 403
      ? 'refused the credentials'
      : status >= 500
        ? 'failed'
        : 'refused the request';
  return new LrsError(
    `the learning record store at ${endpoint.url} ${why} (HTTP ${status}); ${consequence}`,
    status === 401 || status === 403 ? 'credentials' : status >= 500 ? 'server' : 'refused',
  );
}

/** One request; a network failure becomes an {@link LrsError} naming the endpoint. */
async function send(
  endpoint: LrsEndpoint,
  url: URL,
  init: { method: 'GET' | 'POST'; body?: string },
  rowsInFlight: readonly number[],
  db?: Db,
  consequence = KEPT,
): Promise<Response> {
  try {
    return await request(endpoint, url, init);
  } catch (error) {
    const { reason, notSent } = networkReason(error);
    if (notSent && db !== undefined) markUntried(db, rowsInFlight);
    throw new LrsError(
      `cannot reach the learning record store at ${endpoint.url} (${reason}); ${consequence}`,
      'unreachable',
    );
  }
}

/**
 * With nothing to send, asks the LRS's About resource (`<base>/about`) anyway, so a sync against
 * a wrong or unreachable endpoint fails rather than reporting success.
 */
async function checkReachable(endpoint: LrsEndpoint): Promise<void> {
  const url = statementsUrl(endpoint.url);
  url.pathname = url.pathname.replace(/\/statements$/, '/about');
  const response = await send(endpoint, url, { method: 'GET' }, []);
  await response.arrayBuffer();
  if (response.status === 401 || response.status === 403 || response.status >= 500) {
    throw refusal(endpoint, response.status);
  }
}

/** Posts `rows` one by one (after a batch was refused), sorting out conflicts and bad ones. */
async function postEach(
  db: Db,
  endpoint: LrsEndpoint,
  rows: readonly PendingStatement[],
  tally: Tally,
): Promise<void> {
  for (const row of rows) {
    const response = await send(
      endpoint,
      statementsUrl(endpoint.url),
      { method: 'POST', body: `[${row.json}]` },
      [row.id],
      db,
    );
    const text = await response.text();
    if (response.ok) tally.sent += markSent(db, [row.id], 'sent', Date.now());
    else if (response.status === 409)
      tally.already += markSent(db, [row.id], 'already', Date.now());
    else if (response.status === 400 || response.status === 413) {
      markFailed(db, row.id, `HTTP ${response.status}: ${text}`);
      tally.failed++;
    } else {
      if (response.status === 401 || response.status === 403) markUntried(db, [row.id]);
      throw refusal(endpoint, response.status);
    }
  }
}

/**
 * Posts every pending statement to the LRS in batches of `batchSize` (oldest first) and returns
 * the counts. Throws {@link LrsError} when the LRS cannot be reached, refuses the credentials or
 * fails (5xx): what was sent before stays sent, the rest stays pending. Statements the LRS
 * rejects as invalid (400) count as `failed` and stay pending with the LRS's reason stored. With
 * nothing pending it still checks that the LRS answers (its About resource).
 */
export async function syncOutbox(
  db: Db,
  endpoint: LrsEndpoint,
  batchSize = 100,
): Promise<SyncCounts> {
  statementsUrl(endpoint.url);
  const tally: Tally = { sent: 0, already: 0, failed: 0 };
  let after = 0;
  let contacted = false;
  for (;;) {
    const batch = pendingStatements(db, after, batchSize);
    if (batch.length === 0) break;
    contacted = true;
    after = batch[batch.length - 1].id;
    await checkInDoubt(
      db,
      endpoint,
      batch.filter((r) => r.inDoubt),
      tally,
    );
    const rows = pendingStatements(db, batch[0].id - 1, batch.length).filter((r) => r.id <= after);
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id);
    markTried(db, ids, Date.now());
    const response = await send(
      endpoint,
      statementsUrl(endpoint.url),
      { method: 'POST', body: `[${rows.map((r) => r.json).join(',')}]` },
      ids,
      db,
    );
    await response.arrayBuffer();
    if (response.ok) tally.sent += markSent(db, ids, 'sent', Date.now());
    else if (response.status === 409 || response.status === 400 || response.status === 413) {
      await postEach(db, endpoint, rows, tally);
    } else {
      if (response.status === 401 || response.status === 403) markUntried(db, ids);
      throw refusal(endpoint, response.status);
    }
  }
  if (!contacted) await checkReachable(endpoint);
  return { ...tally, pending: pendingCount(db) };
}

/**
 * Reads every statement of the LRS, page by page (`GET <endpoint>/statements`, then each `more`
 * link until it is empty), and hands each one to `onStatement`. Returns how many it read. A
 * `more` link to another origin is refused (the credentials go to the endpoint's origin only).
 */
export async function pullStatements(
  endpoint: LrsEndpoint,
  onStatement: (statement: unknown) => void,
): Promise<number> {
  let url: URL | null = statementsUrl(endpoint.url);
  let count = 0;
  const seen = new Set<string>();
  const origin = url.origin;
  const nothing = 'nothing was written';
  while (url !== null) {
    if (seen.has(url.href))
      throw new LrsError(
        `the learning record store at ${endpoint.url} sent a "more" link back to a page already read; ${nothing}`,
        'refused',
      );
    seen.add(url.href);
    if (url.origin !== origin) {
      throw new LrsError(
        `the learning record store at ${endpoint.url} sent a "more" link to another address (${url.origin}); ${nothing}`,
        'refused',
      );
    }
    const response = await send(endpoint, url, { method: 'GET' }, [], undefined, nothing);
    if (!response.ok) throw refusal(endpoint, response.status, nothing);
    const body = (await response.json()) as { statements?: unknown; more?: unknown };
    if (!Array.isArray(body.statements)) {
      throw new LrsError(
        `the learning record store at ${endpoint.url} answered without a statements list; ${nothing}`,
        'refused',
      );
    }
    for (const statement of body.statements) onStatement(statement);
    count += body.statements.length;
    url = typeof body.more === 'string' && body.more !== '' ? new URL(body.more, url) : null;
  }
  return count;
}
