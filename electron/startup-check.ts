import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { recoverFromLatestBackup, type BackupInfo } from '../db/backup';

/**
 * Runs SQLite's `PRAGMA quick_check` on the database file in a worker thread, so a large
 * database does not freeze the main process while it is checked at start. Resolves to "ok", or
 * the problems SQLite reported, or the reason the file could not be opened.
 */
export function quickCheckInWorker(
  dbPath: string,
  /** Resolved path of the better-sqlite3 package (`require.resolve('better-sqlite3')`). */
  sqliteModule: string,
  nativeBinding?: string,
): Promise<string> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    try {
      const Database = require(workerData.sqlite);
      const db = new Database(workerData.dbPath, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
      const rows = db.pragma('quick_check').map((row) => row.quick_check);
      db.close();
      parentPort.postMessage(rows.join('; '));
    } catch (error) {
      parentPort.postMessage('cannot open: ' + error.message);
    }`;
  return new Promise((resolve) => {
    const worker = new Worker(source, {
      eval: true,
      workerData: { dbPath, nativeBinding, sqlite: sqliteModule },
    });
    worker.once('message', (message: string) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', (error) => resolve(`cannot check: ${error.message}`));
  });
}

/** What the start-up check found and did. */
export type StartupCheck =
  | { readonly status: 'ok' }
  /** The learner chose not to recover: the app must not open the database. */
  | { readonly status: 'declined'; readonly problem: string }
  | {
      readonly status: 'recovered';
      readonly problem: string;
      /** The backup put in place, or null: a new database starts (the damaged one kept aside). */
      readonly used: BackupInfo | null;
      /** Newer backups that were damaged too and skipped. */
      readonly skipped: readonly string[];
    };

/**
 * The start-up check of the desktop app and of browser mode alike: the database (if there is
 * one) is checked in a worker; when it is damaged, `confirmRecovery` is asked (the desktop app
 * shows a dialog; browser mode recovers) and the damaged file is moved aside and the newest good
 * backup put in place. Runs before anything opens the database for writing.
 */
export async function checkAtStartup(options: {
  readonly dbPath: string;
  readonly backupDir: string;
  readonly sqliteModule: string;
  readonly nativeBinding?: string;
  readonly now: () => number;
  readonly confirmRecovery: (problem: string) => Promise<boolean>;
}): Promise<StartupCheck> {
  if (!existsSync(options.dbPath)) return { status: 'ok' };
  const problem = await quickCheckInWorker(
    options.dbPath,
    options.sqliteModule,
    options.nativeBinding,
  );
  if (problem === 'ok') return { status: 'ok' };
  if (!(await options.confirmRecovery(problem))) return { status: 'declined', problem };
  const { used, skipped } = recoverFromLatestBackup(
    options.dbPath,
    options.backupDir,
    options.now(),
  );
  return { status: 'recovered', problem, used, skipped };
}
