import type { Course } from '../../core/course';
import type { Db } from '../../db/connection';
import type { Lockdown } from '../contract';
import type { ImportWorkerEntry } from './import-worker';
import type { ResultsSync } from './sync';
import type { CurrentProfile } from './profiles-current';

/** The time source; injected so tests (and the quiz state-machine model) can move it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Everything a use case may touch. No Electron, no transport. */
export interface ServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** Fresh template-variant seeds (seeded in tests and the simulator). */
  readonly nextSeed: () => number;
  /**
   * The learner whose progress is shown: in the app a getter over {@link profile} (it follows a
   * switch of profile; reading it while locked refuses the call); in `simulate`, one per client.
   */
  readonly learnerId: number;
  /** Who is studying; `createService` makes one fixed on `learnerId` when absent. */
  readonly profile?: CurrentProfile;
  readonly dbPath: string;
  readonly mode: 'desktop' | 'browser';
  readonly version: string;
  readonly productName: string;
  readonly lockdown: Lockdown;
  /** Folder of backups (`backups/` beside the database); absent where backups make no sense. */
  readonly backupDir?: string;
  /**
   * Where bank imports run: in a worker thread started from this entry (the app and browser
   * mode), or on the calling thread when absent (the CLI, most tests).
   */
  readonly importWorker?: ImportWorkerEntry;
  /** The background sync of results to the LRS the app started (absent: sends only when asked). */
  readonly sync?: ResultsSync;
  /** The better-sqlite3 addon the worker loads (the Electron build's, in the desktop app). */
  readonly nativeBinding?: string;
  /** The institute's course rules (institute.json `course`); no Assignments screen without. */
  readonly course?: Course;
}

/** Seeds from `Math.random`, 32-bit non-negative integers. */
export const randomSeed = (): number => Math.floor(Math.random() * 0x1_0000_0000);

/** No institute lock-down: every feature available. */
export const openLockdown: Lockdown = { hideImport: false, examOnly: false, fixedMsqRule: null };
