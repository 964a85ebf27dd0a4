import { readFileSync } from 'node:fs';
import { ensureBuiltinBank } from '../db/bank/builtin';
import { openDatabase, type Db } from '../db/connection';
import { ensureLearner } from '../db/queries/learners';
import type { AppApi, Lockdown } from './contract';
import {
  createService,
  openLockdown,
  randomSeed,
  sweepExpiredQuizzes,
  systemClock,
  type Clock,
  type ServiceDeps,
} from './service';

/** A running application core: database, service and the expiry timer. */
export interface RunningApp {
  readonly db: Db;
  readonly deps: ServiceDeps;
  readonly service: AppApi;
  /** Stops the timer and closes the database (after a WAL checkpoint). */
  stop(): void;
}

export interface StartAppOptions {
  readonly dbPath: string;
  readonly mode: 'desktop' | 'browser';
  readonly nativeBinding?: string;
  readonly clock?: Clock;
  readonly lockdown?: Lockdown;
  readonly productName?: string;
  /** App version shown in Settings (the desktop app passes `app.getVersion()`). */
  readonly version?: string;
  /** How often unfinished exams are checked for expiry, in ms. */
  readonly sweepIntervalMs?: number;
}

const packageVersion = (): string => {
  try {
    const url = new URL('../package.json', import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
};

/**
 * Opens the database (creating, migrating and seeding the built-in bank on first run), finishes
 * exams that expired while the app was closed, and keeps finishing them on a timer so expiry is
 * enforced here even when no window is open. Used by the desktop main process and browser mode.
 */
export function startApp(options: StartAppOptions): RunningApp {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(options.dbPath, { nativeBinding: options.nativeBinding });
  try {
    ensureBuiltinBank(db);
    const learnerId = ensureLearner(db, 'local', clock.now());
    const deps: ServiceDeps = {
      db,
      clock,
      nextSeed: randomSeed,
      learnerId,
      dbPath: options.dbPath,
      mode: options.mode,
      version: options.version ?? packageVersion(),
      productName: options.productName ?? 'DeepDrill',
      lockdown: options.lockdown ?? openLockdown,
    };
    const service = createService(deps);
    sweepExpiredQuizzes(deps);
    const timer = setInterval(() => sweepExpiredQuizzes(deps), options.sweepIntervalMs ?? 1000);
    timer.unref();
    return {
      db,
      deps,
      service,
      stop() {
        clearInterval(timer);
        if (db.open) {
          db.pragma('wal_checkpoint(TRUNCATE)');
          db.close();
        }
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
