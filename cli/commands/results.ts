/**
 * `results export --db DB --format csv|xapi --out FILE [--home-page URL] [--learner NAME] [--bom]`:
 * learners' answers for instructors, as CSV (one row per answer) or xAPI statements (JSON lines).
 * `--bom` starts a CSV file with the UTF-8 byte order mark, so Excel reads its accents.
 * The file is written atomically: streamed to a temporary file beside it, flushed to disk, then
 * renamed over FILE, so a failed export never leaves a half-written file behind.
 *
 * `results sync --db DB --endpoint URL [--username U --password P] [--home-page URL] [--json]`
 * queues the statements of every finished quiz in the database's outbox and posts what is
 * pending to the LRS (`db/outbox`). It prints the counts and exits 0; 1 when the LRS cannot be
 * reached or refuses the sync (one line on stderr, everything unsent kept) or refused some
 * statements as invalid (`failed` > 0, they stay pending).
 *
 * `results pull --endpoint URL --out FILE [--username U --password P]` writes every statement the
 * LRS holds as JSON lines (atomically, as export does), for `class report`.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DatabaseOpenError, openDatabase, type Db } from '../../db/connection';
import { ResultsExportError, writeResults, type ResultsFormat } from '../../db/interop/results';
import {
  LrsError,
  pullStatements,
  statementsUrl,
  syncResults,
  type LrsEndpoint,
} from '../../db/outbox';
import {
  UsageError,
  parseArgs,
  requireFlag,
  type CliIo,
  type Command,
  type ParsedArgs,
} from '../io';

const usage =
  'usage: results export --db DB --format csv|xapi --out FILE [--home-page URL] [--learner NAME] [--bom] | ' +
  'results sync --db DB --endpoint URL [--username U --password P] [--home-page URL] [--json] | ' +
  'results pull --endpoint URL --out FILE [--username U --password P]';

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

/**
 * Opens a DeepDrill database for results: refused with a one-line {@link UsageError} when the
 * file is missing, not SQLite, or has none of DeepDrill's tables (checked read-only first, so a
 * foreign SQLite file is never migrated).
 */
function openResultsDb(file: string, readonly: boolean): Db {
  // Opening read-write would create a missing file; read-only opening reports it.
  if (!readonly && !existsSync(file)) throw new UsageError(`no database at ${file}`);
  let db: Db;
  try {
    db = openDatabase(file, { readonly: true });
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
      throw new UsageError(`${file} is not a DeepDrill database (it has no attempts table)`);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  if (readonly) return db;
  db.close();
  try {
    return openDatabase(file);
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new UsageError(error.message);
    throw error;
  }
}

/** `results export|sync|pull …` (see the module comment). */
export const resultsCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === 'sync') return syncCommand(rest, io);
  if (sub === 'pull') return pullCommand(rest, io);
  if (sub !== 'export') {
    throw new UsageError(sub === undefined ? usage : `unknown results command "${sub}"; ${usage}`);
  }
  const parsed = parseArgs(rest, ['db', 'format', 'out', 'home-page', 'learner'], ['bom']);
  noPositional(parsed);
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
  const bom = parsed.flags.get('bom') === true;
  if (bom && format !== 'csv') throw new UsageError('--bom is for --format csv only');
  if (resolve(out) === resolve(dbFile)) {
    throw new UsageError('--out must not be the database file');
  }

  const db = openResultsDb(dbFile, true);
  try {
    const options = {
      ...(typeof homePage === 'string' ? { homePage } : {}),
      ...(typeof learner === 'string' ? { learner } : {}),
      bom,
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

function endpointOf(parsed: ParsedArgs): LrsEndpoint {
  const url = requireFlag(parsed, 'endpoint');
  const username = parsed.flags.get('username');
  const password = parsed.flags.get('password');
  if (typeof password === 'string' && typeof username !== 'string') {
    throw new UsageError('--password needs --username');
  }
  try {
    statementsUrl(url);
  } catch (error) {
    if (error instanceof LrsError) throw new UsageError(error.message);
    throw error;
  }
  return {
    url,
    ...(typeof username === 'string' ? { username } : {}),
    ...(typeof password === 'string' ? { password } : {}),
  };
}

function noPositional(parsed: ParsedArgs): void {
  if (parsed.positional.length > 0) {
    throw new UsageError(`unexpected argument "${parsed.positional[0]}"; ${usage}`);
  }
}

/** `results sync`: fill the outbox, post what is pending, print the counts. */
async function syncCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['db', 'endpoint', 'username', 'password', 'home-page'], ['json']);
  noPositional(parsed);
  const dbFile = requireFlag(parsed, 'db');
  const endpoint = endpointOf(parsed);
  const given = parsed.flags.get('home-page');
  const db = openResultsDb(dbFile, false);
  try {
    // Without --home-page: the one the outbox was filled with, else the LRS's own origin.
    const counts = await syncResults(db, endpoint, typeof given === 'string' ? given : undefined);
    io.out(
      parsed.flags.get('json') === true
        ? `${JSON.stringify(counts)}\n`
        : `sent ${counts.sent}, already there ${counts.already}, failed ${counts.failed}, pending ${counts.pending}\n`,
    );
    return counts.failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof LrsError || error instanceof ResultsExportError) {
      throw new UsageError(error.message);
    }
    throw error;
  } finally {
    db.close();
  }
}

/** `results pull`: the LRS's statements as JSON lines in FILE (written atomically). */
async function pullCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['endpoint', 'out', 'username', 'password']);
  noPositional(parsed);
  const endpoint = endpointOf(parsed);
  const out = requireFlag(parsed, 'out');
  const lines: string[] = [];
  let count: number;
  try {
    count = await pullStatements(endpoint, (statement) => lines.push(JSON.stringify(statement)));
  } catch (error) {
    if (error instanceof LrsError) throw new UsageError(error.message);
    throw error;
  }
  writeAtomically(out, (write) => {
    for (const line of lines) write(`${line}\n`);
    return count;
  });
  io.out(`pulled ${count} xAPI statements to ${out}\n`);
  return 0;
}
