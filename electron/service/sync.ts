/**
 * Results to the institute's learning record store in the background: a scheduler around the
 * very send code of `results sync` (`syncResults` in `db/outbox`). When an endpoint is
 * configured (institute.json's `lrs`, else the learner's in Settings) it sends what is pending
 * shortly after start, soon after each finished quiz and every few minutes, backing off
 * exponentially while the LRS cannot be reached (30 s doubling to 30 min, reset by a success).
 * Runs never overlap; the HTTP is asynchronous and the database work between requests is a
 * few small transactions, so the learner's answers are never held up. `stop()` ends it.
 */
import type { Db } from '../../db/connection';
import { LrsError, syncResults, type LrsEndpoint } from '../../db/outbox';
import { pendingCount, unqueuedStatementCount } from '../../db/queries/outbox';
import { getSetting, setSetting } from '../../db/queries/settings';
import { ResultsExportError } from '../../db/interop/results';
import type { AppApi, SyncErrorReason, SyncStatus } from '../contract';
import type { ServiceDeps } from './deps';
import { ServiceError } from './errors';

/** The LRS block of institute.json (see `electron/institute.ts`). */
export interface InstituteLrs {
  readonly endpoint: string;
  readonly username?: string;
  readonly password?: string;
  readonly homePage?: string;
}

/** When the scheduler tries (all in ms). */
export interface SyncTiming {
  /** After start. */
  readonly startDelayMs: number;
  /** After a quiz is finished (or the endpoint is set). */
  readonly afterQuizMs: number;
  /** Between attempts while all goes well. */
  readonly intervalMs: number;
  /** The first wait after a failure; each further failure doubles it… */
  readonly backoffInitialMs: number;
  /** …up to this. */
  readonly backoffMaxMs: number;
  /** Per-request timeout. */
  readonly requestTimeoutMs: number;
}

export const defaultSyncTiming: SyncTiming = {
  startDelayMs: 5_000,
  afterQuizMs: 3_000,
  intervalMs: 5 * 60_000,
  backoffInitialMs: 30_000,
  backoffMaxMs: 30 * 60_000,
  requestTimeoutMs: 30_000,
};

/** The wait after `failures` (≥ 1) failures in a row: initial · 2^(failures − 1), capped. */
export function backoffDelay(failures: number, timing: SyncTiming = defaultSyncTiming): number {
  const doublings = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(timing.backoffInitialMs * 2 ** doublings, timing.backoffMaxMs);
}

const KEY = {
  endpoint: 'lrs.endpoint',
  username: 'lrs.username',
  password: 'lrs.password',
  lastSuccessAt: 'lrs.lastSuccessAt',
} as const;

/** Where results go now, and who said so. */
interface Target {
  readonly endpoint: LrsEndpoint;
  readonly homePage?: string;
  readonly configuredBy: 'institute' | 'settings';
}

/** The address with any user name or password in it removed (never shown, never stored). */
function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/**
 * Checks an LRS address typed by a learner; returns it trimmed, or throws `invalid-input`
 * saying what is wrong.
 */
export function checkEndpointAddress(text: string): string {
  const trimmed = text.trim();
  const example = 'such as https://lrs.example.edu/xAPI';
  if (trimmed === '') throw new ServiceError('invalid-input', `Give the address, ${example}.`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ServiceError(
      'invalid-input',
      `"${trimmed}" is not a web address; give one ${example}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ServiceError(
      'invalid-input',
      `The address must start with http:// or https:// (${url.protocol} cannot be used), ${example}.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new ServiceError(
      'invalid-input',
      'Put the user name and password in their own fields, not in the address.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ServiceError(
      'invalid-input',
      `The address must not have a query (?…) or fragment (#…), ${example}.`,
    );
  }
  return trimmed;
}

type LastError = NonNullable<SyncStatus['lastError']>;

function describeFailure(error: unknown, at: number): LastError {
  if (error instanceof LrsError) return { reason: error.reason, message: error.message, at };
  if (error instanceof ResultsExportError)
    return { reason: 'settings', message: error.message, at };
  return { reason: 'settings', message: `the sync failed: ${(error as Error).message}`, at };
}

export interface ResultsSyncOptions {
  readonly db: Db;
  /** institute.json's LRS: when set it wins over Settings, which cannot change it. */
  readonly institute?: InstituteLrs;
  readonly timing?: Partial<SyncTiming>;
  readonly now?: () => number;
  /** Where an unexpected failure is logged (it is also shown as the status's error). */
  readonly onError?: (error: unknown) => void;
}

/** The background sync of one database. Nothing runs until {@link ResultsSync.start}. */
export class ResultsSync {
  private readonly db: Db;
  private readonly institute: InstituteLrs | undefined;
  private readonly timing: SyncTiming;
  private readonly now: () => number;
  private readonly onError: (error: unknown) => void;
  private started = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nextAttemptAt: number | null = null;
  private running: Promise<void> | null = null;
  /** A quiz finished (or the endpoint changed) while a run was under way: go again soon. */
  private again = false;
  private failures = 0;
  private lastError: LastError | null = null;
  private lastRun: SyncStatus['lastRun'] = null;

  constructor(options: ResultsSyncOptions) {
    this.db = options.db;
    this.institute = options.institute;
    this.timing = { ...defaultSyncTiming, ...options.timing };
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => {});
  }

  /** Starts the timers: the first attempt after `startDelayMs`. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.schedule(this.timing.startDelayMs);
  }

  /** Stops for good: no further attempt; resolves once a run under way has settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running;
  }

  /** A quiz was finished: send its results soon (unless backing off after failures). */
  quizFinished(): void {
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.failures === 0) this.schedule(this.timing.afterQuizMs, true);
  }

  /** Sends now (or joins the run under way) and returns the status after it. */
  async syncNow(): Promise<SyncStatus> {
    if (this.running === null) this.run();
    await this.running;
    return this.status();
  }

  /** Stores the learner's endpoint (or removes it with null) and tries it soon. */
  setEndpoint(input: { endpoint: string; username?: string; password?: string } | null): void {
    if (this.institute !== undefined) {
      throw new ServiceError(
        'forbidden',
        'Your institute has set where results are sent; it cannot be changed here.',
      );
    }
    let stored: { endpoint: string; username: string; password: string };
    if (input === null) stored = { endpoint: '', username: '', password: '' };
    else {
      const endpoint = checkEndpointAddress(input.endpoint);
      const username = input.username?.trim() ?? '';
      if (input.password !== undefined && input.password !== '' && username === '') {
        throw new ServiceError('invalid-input', 'A password needs a user name.');
      }
      const sameUser =
        username !== '' &&
        username === (getSetting(this.db, KEY.username) ?? '') &&
        endpoint === (getSetting(this.db, KEY.endpoint) ?? '');
      // Leaving the password out keeps the saved one, for the same endpoint and user only.
      const password =
        input.password ?? (sameUser ? (getSetting(this.db, KEY.password) ?? '') : '');
      stored = { endpoint, username, password: username === '' ? '' : password };
    }
    this.db.transaction(() => {
      setSetting(this.db, KEY.endpoint, stored.endpoint);
      setSetting(this.db, KEY.username, stored.username);
      setSetting(this.db, KEY.password, stored.password);
    })();
    this.failures = 0;
    this.lastError = null;
    this.lastRun = null;
    if (stored.endpoint === '') this.clearTimer();
    else if (this.running !== null) this.again = true;
    else if (this.started) this.schedule(0, true);
  }

  /** Where results go, institute first. */
  private target(): Target | null {
    if (this.institute !== undefined) {
      const { endpoint, username, password, homePage } = this.institute;
      return {
        endpoint: {
          url: endpoint,
          ...(username !== undefined ? { username, password: password ?? '' } : {}),
          timeoutMs: this.timing.requestTimeoutMs,
        },
        ...(homePage !== undefined ? { homePage } : {}),
        configuredBy: 'institute',
      };
    }
    const url = getSetting(this.db, KEY.endpoint) ?? '';
    if (url === '') return null;
    const username = getSetting(this.db, KEY.username) ?? '';
    return {
      endpoint: {
        url,
        ...(username !== '' ? { username, password: getSetting(this.db, KEY.password) ?? '' } : {}),
        timeoutMs: this.timing.requestTimeoutMs,
      },
      configuredBy: 'settings',
    };
  }

  /** What the sync is doing, for Settings and the pending indicator. */
  status(): SyncStatus {
    const target = this.target();
    const stored = Number(getSetting(this.db, KEY.lastSuccessAt));
    const state =
      target === null
        ? 'off'
        : this.running !== null
          ? 'sending'
          : this.failures > 0
            ? 'waiting'
            : 'idle';
    return {
      endpoint: target === null ? null : withoutCredentials(target.endpoint.url),
      username: target?.endpoint.username ?? null,
      hasPassword: (target?.endpoint.password ?? '') !== '',
      configuredBy: target?.configuredBy ?? null,
      pending: pendingCount(this.db) + unqueuedStatementCount(this.db),
      lastSuccessAt: Number.isFinite(stored) && stored > 0 ? stored : null,
      lastRun: this.lastRun,
      lastError: this.lastError,
      nextAttemptAt: target === null || this.running !== null ? null : this.nextAttemptAt,
      state,
    };
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.nextAttemptAt = null;
  }

  /** Plans the next attempt in `delayMs`; `sooner` keeps an earlier one already planned. */
  private schedule(delayMs: number, sooner = false): void {
    if (this.stopped || !this.started) return;
    const at = this.now() + delayMs;
    if (sooner && this.nextAttemptAt !== null && this.nextAttemptAt <= at) return;
    this.clearTimer();
    this.nextAttemptAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.nextAttemptAt = null;
      if (this.running === null) this.run();
    }, delayMs);
    this.timer.unref?.();
  }

  private run(): void {
    this.clearTimer();
    this.again = false;
    this.running = this.attempt().finally(() => {
      this.running = null;
    });
  }

  private async attempt(): Promise<void> {
    const target = this.target();
    if (target === null) return;
    try {
      const counts = await syncResults(this.db, target.endpoint, target.homePage);
      if (this.stopped) return;
      const at = this.now();
      setSetting(this.db, KEY.lastSuccessAt, String(at));
      this.failures = 0;
      this.lastRun = { sent: counts.sent, already: counts.already, failed: counts.failed };
      this.lastError =
        counts.failed > 0
          ? {
              reason: 'rejected' satisfies SyncErrorReason,
              message: `the learning record store refused ${counts.failed} statement(s) as invalid; they are kept and tried again`,
              at,
            }
          : null;
      this.schedule(this.again ? this.timing.afterQuizMs : this.timing.intervalMs);
    } catch (error) {
      if (this.stopped) return;
      if (!(error instanceof LrsError)) this.onError(error);
      this.failures++;
      this.lastError = describeFailure(error, this.now());
      this.schedule(backoffDelay(this.failures, this.timing));
    }
  }
}

/** The sync use cases over `sync` (the app's running scheduler, or an idle one). */
export function syncUseCases(
  sync: ResultsSync,
): Pick<AppApi, 'getSyncStatus' | 'syncNow' | 'setSyncEndpoint'> {
  return {
    async getSyncStatus() {
      return sync.status();
    },
    async syncNow() {
      return sync.syncNow();
    },
    async setSyncEndpoint(input) {
      sync.setEndpoint(input);
      return sync.status();
    },
  };
}

/** The scheduler the app started (`deps.sync`), else one that only sends when asked. */
export function resultsSyncOf(deps: ServiceDeps): ResultsSync {
  return deps.sync ?? new ResultsSync({ db: deps.db });
}
