import { Worker } from 'node:worker_threads';

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
