/**
 * The worker side of a bank import (see `import-worker.ts`): reads and validates the file,
 * then writes it in one transaction on its own connection to the same database file. Runs off
 * the service's thread, so the app keeps answering while a large file is read; reports its
 * phase as it goes. Only data crosses the thread boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { importValidatedPack, sourceFileName } from '../../db/bank/import';
import { readBankText } from '../../db/bank/read-file';
import { openDatabase } from '../../db/connection';
import { droppedOf } from './bank';
import type { ImportJobInput, ImportJobMessage } from './import-worker';

function post(message: ImportJobMessage): void {
  parentPort?.postMessage(message);
}

function run(input: ImportJobInput): void {
  post({ type: 'progress', phase: 'reading', questions: null });
  const reading = readBankText(input.fileName, input.content);
  if (!reading.ok) {
    post({
      type: 'done',
      report: {
        ok: false,
        bankId: null,
        added: 0,
        updated: 0,
        unchanged: 0,
        retired: 0,
        problems: reading.problems,
        unsupported: reading.unsupported,
        unsupportedCount: reading.unsupportedCount,
      },
    });
    return;
  }
  post({ type: 'progress', phase: 'writing', questions: reading.pack.items.length });
  const db = openDatabase(input.dbPath, { nativeBinding: input.nativeBinding });
  try {
    const report = importValidatedPack(db, reading.pack, {
      now: input.now,
      sourceFile: sourceFileName(input.fileName),
      replace: input.replace === true,
    });
    post({
      type: 'done',
      report: {
        ...report,
        unsupported: reading.unsupported,
        unsupportedCount: reading.unsupportedCount,
        ...droppedOf(reading),
      },
    });
  } finally {
    db.close();
  }
}

try {
  run(workerData as ImportJobInput);
} catch (error) {
  const code = (error as { code?: unknown }).code;
  post({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
    code: typeof code === 'string' ? code : null,
  });
}
