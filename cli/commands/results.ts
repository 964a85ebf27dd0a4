/**
 * `results export --db DB --format csv|xapi --out FILE [--home-page URL] [--learner NAME]`:
 * learners' answers for instructors, as CSV (one row per answer) or xAPI statements (JSON lines).
 * The file is written atomically: streamed to a temporary file beside it, flushed to disk, then
 * renamed over FILE, so a failed export never leaves a half-written file behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DatabaseOpenError, openDatabase, type Db } from '../../db/connection';
import { ResultsExportError, writeResults, type ResultsFormat } from '../../db/interop/results';
import { UsageError, parseArgs, requireFlag, type Command } from '../io';

const usage =
  'usage: results export --db DB --format csv|xapi --out FILE [--home-page URL] [--learner NAME]';

/** Writes `produce`'s chunks to `out` through a temporary file and a rename. */
function writeAtomically(out: string, produce: (write: (chunk: string) => void) => number): number {
  const temp = join(
    dirname(out),
    `.${basename(out)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o644);
  } catch (error) {
    throw new UsageError(`cannot write ${out}: ${(error as Error).message}`);
  }
  let done = false;
  try {
    const count = produce((chunk) => {
      writeSync(fd, chunk, null, 'utf8');
    });
    fsyncSync(fd);
    closeSync(fd);
    done = true;
    renameSync(temp, out);
    return count;
  } catch (error) {
    if (!done) closeSync(fd);
    rmSync(temp, { force: true });
    if (error instanceof UsageError || error instanceof ResultsExportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new UsageError(`cannot write ${out}: ${(error as Error).message}`);
    }
    throw error;
  }
}

/** `results export …` (see the module comment). */
export const resultsCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub !== 'export') {
    throw new UsageError(sub === undefined ? usage : `unknown results command "${sub}"; ${usage}`);
  }
  const parsed = parseArgs(rest, ['db', 'format', 'out', 'home-page', 'learner']);
  if (parsed.positional.length > 0) {
    throw new UsageError(`unexpected argument "${parsed.positional[0]}"; ${usage}`);
  }
  const dbFile = requireFlag(parsed, 'db');
  const out = requireFlag(parsed, 'out');
  const format = requireFlag(parsed, 'format');
  if (format !== 'csv' && format !== 'xapi') {
    throw new UsageError(`--format must be csv or xapi, got "${format}"`);
  }
  const homePage = parsed.flags.get('home-page');
  const learner = parsed.flags.get('learner');
  if (format === 'xapi' && typeof homePage !== 'string') {
    throw new UsageError(
      "--format xapi needs --home-page URL (your institution's address, e.g. https://lms.example.edu)",
    );
  }
  if (resolve(out) === resolve(dbFile)) {
    throw new UsageError('--out must not be the database file');
  }

  let db: Db;
  try {
    db = openDatabase(dbFile, { readonly: true });
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new UsageError(error.message);
    throw error;
  }
  try {
    const tables = db
      .prepare<[], number>(
        `SELECT count(*) FROM sqlite_master
         WHERE type = 'table' AND name IN ('attempts', 'quiz_sessions', 'learners', 'questions')`,
      )
      .pluck()
      .get();
    if (tables !== 4) {
      throw new UsageError(`${dbFile} is not a DeepDrill database (it has no attempts table)`);
    }
    const options = {
      ...(typeof homePage === 'string' ? { homePage } : {}),
      ...(typeof learner === 'string' ? { learner } : {}),
    };
    const count = writeAtomically(out, (write) =>
      writeResults(db, format satisfies ResultsFormat, options, write),
    );
    const what = format === 'csv' ? 'answers' : 'xAPI statements';
    io.out(`exported ${count} ${what} to ${out}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ResultsExportError) throw new UsageError(error.message);
    throw error;
  } finally {
    db.close();
  }
};
