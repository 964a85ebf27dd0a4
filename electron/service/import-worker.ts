/**
 * Bank imports off the service's thread. Reading, parsing and validating a large file (up to the
 * 50 MB limit) takes seconds; on the service's thread it blocked every other call — a learner's
 * answer, the exam timer — until it was done. Here the work runs in a worker thread
 * (`import-job.ts`), which writes through its own connection in one transaction, as before all
 * or nothing. The service keeps answering meanwhile and reports the import's phase.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportProgress, ImportReport } from '../contract';

/** How to start the worker: the bundled script (desktop app) or the TypeScript entry (tsx). */
export type ImportWorkerEntry =
  { readonly kind: 'script'; readonly path: string } | { readonly kind: 'typescript' };

/** What the worker is given. */
export interface ImportJobInput {
  readonly dbPath: string;
  readonly fileName: string;
  readonly content: string;
  readonly now: number;
  /** Replace a bank of the same id imported from another file. */
  readonly replace?: boolean;
  readonly nativeBinding?: string;
}

/** What the worker says. */
export type ImportJobMessage =
  | {
      readonly type: 'progress';
      readonly phase: ImportProgress['phase'];
      readonly questions: number | null;
    }
  | { readonly type: 'done'; readonly report: ImportReport }
  | { readonly type: 'failed'; readonly message: string; readonly code: string | null };

/** The worker failed (not a problem of the file, which comes back as a report). */
export class ImportJobError extends Error {
  override name = 'ImportJobError';
  constructor(
    message: string,
    /** SQLite's or the OS's error code, so a full disk is reported as one. */
    readonly code: string | null,
  ) {
    super(message);
  }
}

function startWorker(entry: ImportWorkerEntry, input: ImportJobInput): Worker {
  if (entry.kind === 'script') return new Worker(entry.path, { workerData: input });
  // Under tsx (browser mode, tests): load the TypeScript entry through tsx's own API.
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const job = new URL('./import-job.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(job)}, ${JSON.stringify(job)}))`,
    { eval: true, workerData: input },
  );
}

/** Runs one import in a worker; `onProgress` hears each phase. */
export function importInWorker(
  entry: ImportWorkerEntry,
  input: ImportJobInput,
  onProgress: (phase: ImportProgress['phase'], questions: number | null) => void,
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(entry, input);
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
      void worker.terminate();
    };
    worker.on('message', (message: ImportJobMessage) => {
      if (message.type === 'progress') onProgress(message.phase, message.questions);
      else if (message.type === 'done') settle(() => resolve(message.report));
      else settle(() => reject(new ImportJobError(message.message, message.code)));
    });
    worker.on('error', (error) => settle(() => reject(new ImportJobError(error.message, null))));
    worker.on('exit', (code) =>
      settle(() =>
        reject(new ImportJobError(`the import worker stopped (exit code ${code})`, null)),
      ),
    );
  });
}
