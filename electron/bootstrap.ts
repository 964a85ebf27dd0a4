import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Course } from '../core/course';
import { AutoBackup } from '../db/backup';
import { deferCheckpoints } from '../db/checkpoint';
import { ensureBuiltinBank } from '../db/bank/builtin';
import { importPack, sourceFileName } from '../db/bank/import';
import { parsePackText } from '../db/bank/validate';
import { openDatabase, type Db } from '../db/connection';
import type { AppApi, Lockdown } from './contract';
import { idleMaintenance, SearchWarmup } from './idle';
import { defaultInstitute, parseInstitute, type InstituteConfig } from './institute';
import {
  packagedBankPath,
  packagedInstituteFile,
  sealKey,
  sha256,
  type InstituteSeal,
} from './packaging';
import type { ImportWorkerEntry } from './service/import-worker';
import {
  createService,
  followProfile,
  openLockdown,
  planRecommendedAhead,
  randomSeed,
  restoreCurrentProfile,
  ResultsSync,
  sweepExpiredQuizzes,
  systemClock,
  type Clock,
  type InstituteLrs,
  type ServiceDeps,
  type SyncTiming,
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
  /** Where a failed timer tick is reported (default: the console); the timer keeps running. */
  readonly onTimerError?: (error: unknown) => void;
  /**
   * Bank pack files shipped by an institute, imported on first run (when their bank is new):
   * paths, or files already read (and checked against the build's seal).
   */
  readonly bundledBanks?: readonly (string | BundledBank)[];
  /** Load the built-in bank on first run (institutes may ship only their own). */
  readonly includeBuiltinBank?: boolean;
  /** How often an automatic backup is considered (it is made at most every 30 minutes). */
  readonly backupCheckIntervalMs?: number;
  /** Run bank imports in a worker thread from this entry (default: on the service's thread). */
  readonly importWorker?: ImportWorkerEntry;
  /** The institute's course rules (institute.json `course`): the Assignments screen. */
  readonly course?: Course;
  /** institute.json's learning record store (else the one set in Settings, if any). */
  readonly lrs?: InstituteLrs;
  /** When the background sync of results tries (tests shorten it). */
  readonly syncTiming?: Partial<SyncTiming>;
}

/** A bundled bank file read by {@link loadPackagedInstitute}: its path and its checked text. */
export interface BundledBank {
  readonly file: string;
  readonly text: string;
}

/** What a packaged build starts with: its institute configuration and its banks' texts. */
export interface PackagedInstitute {
  readonly institute: InstituteConfig & { readonly lockdown: Lockdown };
  readonly bundledBanks: readonly BundledBank[];
}

/**
 * Reads a packaged build's institute configuration from inside the app (`appRoot`, the ASAR;
 * `read` is Electron's ASAR-aware fs in the app) and checks it against the seal that
 * `npm run dist` wrote into the packaged package.json: every sealed file present with its
 * SHA-256, banks at their {@link packagedBankPath}. A missing, edited or unsealed
 * configuration stops the start with a message naming the file, never a silent start without
 * the institute's lock-down.
 */
export function loadPackagedInstitute(
  appRoot: string,
  read: (file: string) => Buffer = (file) => readFileSync(file),
): PackagedInstitute {
  const refuse = (problem: string): never => {
    throw new Error(
      `This build's institute configuration failed its check: ${problem}. Reinstall it from your institute.`,
    );
  };
  const readPart = (path: string): Buffer | null => {
    try {
      return read(join(appRoot, path));
    } catch {
      return null;
    }
  };
  const pkgBytes = readPart('package.json');
  const seal =
    pkgBytes === null
      ? undefined
      : (JSON.parse(pkgBytes.toString('utf8')) as Record<string, unknown>)[sealKey];
  if (seal === undefined || seal === null || typeof seal !== 'object') {
    return refuse(
      `package.json carries no ${sealKey} seal (the build was not made by npm run dist)`,
    );
  }
  const sealed = (seal as InstituteSeal).files;
  const checked = (path: string): string => {
    const bytes = readPart(path);
    if (bytes === null) return refuse(`${path} is missing`);
    const expected = sealed[path];
    if (expected === undefined) return refuse(`${path} is not part of the build`);
    if (sha256(bytes) !== expected) return refuse(`${path} was changed after the build`);
    return bytes.toString('utf8');
  };
  if (Object.keys(sealed).length === 0) {
    // A plain DeepDrill build: an institute.json put into it is refused, not ignored.
    if (readPart(packagedInstituteFile) !== null) checked(packagedInstituteFile);
    return { institute: defaultInstitute, bundledBanks: [] };
  }
  const institute = parseInstitute(checked(packagedInstituteFile), packagedInstituteFile);
  const paths = institute.banks.map((bank, i) => packagedBankPath(bank, i));
  const bundledBanks = paths.map((path) => ({ file: join(appRoot, path), text: checked(path) }));
  for (const path of Object.keys(sealed)) {
    if (path !== packagedInstituteFile && !paths.includes(path)) refuse(`${path} is not listed`);
  }
  return { institute: { ...institute, banks: bundledBanks.map((b) => b.file) }, bundledBanks };
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
 * Imports the bank files an institute shipped with the app. Runs at every start: a bank seen
 * before is re-imported, which changes nothing unless a newer release carries a newer version
 * (then changed questions get a new version and attempts keep theirs). A broken file stops the
 * start with a message naming the file and the problem, rather than running without it.
 */
export function importBundledBanks(db: Db, banks: readonly (string | BundledBank)[]): void {
  for (const bank of banks) {
    const file = typeof bank === 'string' ? bank : bank.file;
    let text: string;
    try {
      text = typeof bank === 'string' ? readFileSync(bank, 'utf8') : bank.text;
    } catch (error) {
      throw new Error(`bundled bank ${file} cannot be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const parsed = parsePackText(text, file);
    const report = parsed.ok
      ? importPack(db, parsed.pack, { sourceFile: sourceFileName(file) })
      : { ok: false, problems: parsed.problems };
    if (!report.ok) {
      const problems = report.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`);
      throw new Error(`bundled bank ${file} was not imported: ${problems.join('; ')}`);
    }
  }
}

/**
 * Opens the database (creating, migrating and seeding the built-in bank on first run), finishes
 * exams that expired while the app was closed, and keeps finishing them on a timer so expiry is
 * enforced here even when no window is open. Used by the desktop main process and browser mode.
 */
function logTimerError(error: unknown): void {
  console.error('deepdrill: timer tick failed, retrying at the next one:', error);
}

export function startApp(options: StartAppOptions): RunningApp {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(options.dbPath, { nativeBinding: options.nativeBinding });
  try {
    if (options.includeBuiltinBank ?? true) ensureBuiltinBank(db);
    importBundledBanks(db, options.bundledBanks ?? []);
    // The profile last chosen; locked (the page asks "Who's studying?") with 2+ profiles or a PIN.
    const profile = restoreCurrentProfile(db, clock.now());
    // Results go to the learning record store in the background, when one is configured.
    const sync = new ResultsSync({
      db,
      institute: options.lrs,
      timing: options.syncTiming,
      onError: (error) => console.error('deepdrill: results sync failed:', error),
    });
    const deps: ServiceDeps = followProfile(
      {
        db,
        clock,
        nextSeed: randomSeed,
        dbPath: options.dbPath,
        mode: options.mode,
        version: options.version ?? packageVersion(),
        productName: options.productName ?? 'DeepDrill',
        lockdown: options.lockdown ?? openLockdown,
        backupDir: join(dirname(options.dbPath), 'backups'),
        importWorker: options.importWorker,
        nativeBinding: options.nativeBinding,
        sync,
        course: options.course,
      },
      profile,
    );
    const service = createService(deps);
    try {
      sweepExpiredQuizzes(deps);
    } catch (error) {
      (options.onTimerError ?? logTimerError)(error);
    }
    // Checkpoint the WAL between the learner's actions, never inside an answer's commit.
    deferCheckpoints(db);
    // The bank search index is built in idle slices now, and again whenever an idle tick finds
    // it stale, so no search waits for it.
    const searchWarmup = new SearchWarmup(db);
    searchWarmup.start();
    let ticks = 0;
    // A failing tick (a full disk at a deadline, …) is logged and tried again at the next one;
    // it never ends the process.
    const timer = setInterval(() => {
      try {
        sweepExpiredQuizzes(deps);
        if (++ticks % 2 === 0) {
          // Plan first, so that the idle collection after it takes the planning's garbage.
          try {
            planRecommendedAhead(deps);
          } finally {
            if (!idleMaintenance(db).searchReady) searchWarmup.start();
          }
        }
      } catch (error) {
        (options.onTimerError ?? logTimerError)(error);
      }
    }, options.sweepIntervalMs ?? 1000);
    timer.unref();
    const autoBackup = new AutoBackup(db, deps.backupDir!);
    const backupTimer = setInterval(() => {
      autoBackup.tick(clock.now()).catch((error: unknown) => console.error(error));
    }, options.backupCheckIntervalMs ?? 60_000);
    backupTimer.unref();
    sync.start();
    return {
      db,
      deps,
      service,
      stop() {
        // A post under way is abandoned: its rows stay in doubt and are checked next time.
        void sync.stop();
        clearInterval(timer);
        clearInterval(backupTimer);
        searchWarmup.stop();
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
