/**
 * `doctor --db DB [--json]`: checks a database without changing it — SQLite's own integrity and
 * foreign keys, then the app's invariants (aggregates agree with the attempts, every attempt is
 * linked from its quiz item, no orphans, every session finished or resumable).
 */
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { openDatabase, type Db } from '../../db/connection';
import { DatabaseFromFutureError, latestSchemaVersion, schemaVersion } from '../../db/migrations';
import { parseArgs, requireFlag, UsageError, type Command } from '../io';

/** What `doctor --json` prints. */
export interface DoctorReport {
  readonly ok: boolean;
  /** `ok`, or SQLite's integrity messages joined by "; ". */
  readonly integrity: string;
  readonly schemaVersion: number;
  readonly attempts: number;
  /** One sentence per problem found. */
  readonly problems: readonly string[];
  /** Said when the database is in a folder DeepDrill cannot write to (checked on a copy). */
  readonly note?: string;
}

/** Problems listed per check at most (a broken database could otherwise print millions). */
const MAX_PER_CHECK = 20;

type Row = Record<string, unknown>;

function limited(db: Db, sql: string): Row[] {
  return db.prepare(`${sql} LIMIT ${MAX_PER_CHECK}`).all() as Row[];
}

/** The app's invariants, each as a query returning the offending rows and how to describe one. */
const invariants: readonly { sql: string; describe: (row: Row) => string }[] = [
  {
    // Mastery counts are maintained per answer; they must equal what the attempts say.
    sql: `
      WITH counted AS (
        SELECT learner_id, topic_id, count(*) AS attempts, sum(correct) AS correct
        FROM attempts GROUP BY learner_id, topic_id)
      SELECT c.learner_id, c.topic_id, c.attempts AS expected_attempts, c.correct AS expected_correct,
             m.attempts, m.correct
      FROM counted c LEFT JOIN mastery m ON m.learner_id = c.learner_id AND m.topic_id = c.topic_id
      WHERE m.attempts IS NOT c.attempts OR m.correct IS NOT c.correct
      UNION ALL
      SELECT m.learner_id, m.topic_id, 0, 0, m.attempts, m.correct
      FROM mastery m
      WHERE m.attempts > 0 AND NOT EXISTS (
        SELECT 1 FROM attempts a WHERE a.learner_id = m.learner_id AND a.topic_id = m.topic_id)`,
    describe: (r) =>
      `mastery of learner ${String(r.learner_id)} on topic ${String(r.topic_id)} says ${String(r.attempts ?? 'nothing')} attempts / ${String(r.correct ?? 0)} correct, the attempts table has ${String(r.expected_attempts)} / ${String(r.expected_correct)}`,
  },
  {
    sql: `
      SELECT a.learner_id, a.n, d.n AS days
      FROM (SELECT learner_id, count(*) AS n FROM attempts GROUP BY learner_id) a
      LEFT JOIN (SELECT learner_id, sum(answered) AS n FROM daily_activity GROUP BY learner_id) d
        ON d.learner_id = a.learner_id
      WHERE d.n IS NOT a.n`,
    describe: (r) =>
      `daily activity of learner ${String(r.learner_id)} counts ${String(r.days ?? 0)} answers, the attempts table has ${String(r.n)}`,
  },
  {
    sql: `
      SELECT a.id, a.session_id, a.position, i.attempt_id
      FROM attempts a
      LEFT JOIN quiz_items i ON i.session_id = a.session_id AND i.position = a.position
      WHERE i.attempt_id IS NOT a.id`,
    describe: (r) =>
      r.attempt_id === undefined || r.attempt_id === null
        ? `attempt ${String(r.id)} (quiz ${String(r.session_id)}, position ${String(r.position)}) is not linked from its quiz item`
        : `attempt ${String(r.id)} sits at quiz ${String(r.session_id)} position ${String(r.position)}, whose item links attempt ${String(r.attempt_id)}`,
  },
  {
    sql: `
      SELECT i.session_id, i.position, i.attempt_id
      FROM quiz_items i JOIN attempts a ON a.id = i.attempt_id
      WHERE a.session_id <> i.session_id OR a.position <> i.position OR a.question_id <> i.question_id
         OR a.variant_seed IS NOT i.variant_seed`,
    describe: (r) =>
      `quiz ${String(r.session_id)} position ${String(r.position)} links attempt ${String(r.attempt_id)}, which belongs to another item`,
  },
  {
    sql: `
      SELECT a.id, a.learner_id, s.learner_id AS session_learner
      FROM attempts a JOIN quiz_sessions s ON s.id = a.session_id
      WHERE s.learner_id <> a.learner_id`,
    describe: (r) =>
      `attempt ${String(r.id)} is by learner ${String(r.learner_id)} but its quiz belongs to learner ${String(r.session_learner)}`,
  },
  {
    sql: `SELECT s.id FROM quiz_sessions s WHERE NOT EXISTS (SELECT 1 FROM quiz_items i WHERE i.session_id = s.id)`,
    describe: (r) => `quiz ${String(r.id)} has no questions`,
  },
  {
    sql: `
      SELECT id, mode, status, deadline_at, finished_at, finish_reason FROM quiz_sessions
      WHERE (status = 'finished' AND (finished_at IS NULL OR finish_reason IS NULL OR score IS NULL))
         OR (status <> 'finished' AND (finished_at IS NOT NULL OR finish_reason IS NOT NULL))
         OR (mode = 'exam' AND deadline_at IS NULL)
         OR (mode = 'exam' AND status = 'paused')`,
    describe: (r) =>
      `quiz ${String(r.id)} (${String(r.mode)}, ${String(r.status)}) is neither properly finished nor resumable`,
  },
  {
    // A finished quiz has graded every saved response (the service saves only while time is left).
    sql: `
      SELECT i.session_id, i.position FROM quiz_items i JOIN quiz_sessions s ON s.id = i.session_id
      WHERE s.status = 'finished' AND i.response IS NOT NULL AND i.attempt_id IS NULL`,
    describe: (r) =>
      `quiz ${String(r.session_id)} is finished but its answer at position ${String(r.position)} was never graded`,
  },
  {
    sql: `
      SELECT i.session_id, i.position FROM quiz_items i
      WHERE i.variant_seed IS NULL AND EXISTS (
        SELECT 1 FROM question_versions v
        WHERE v.question_id = i.question_id AND v.version = i.question_version AND v.template_id IS NOT NULL)`,
    describe: (r) =>
      `quiz ${String(r.session_id)} position ${String(r.position)} is a template item without a variant seed`,
  },
  {
    sql: `
      SELECT q.id FROM questions q
      WHERE NOT EXISTS (SELECT 1 FROM question_versions v WHERE v.question_id = q.id AND v.version = q.current_version)`,
    describe: (r) => `question ${String(r.id)} has no row for its current version`,
  },
];

/** The message of whatever SQLite (or anything else) threw. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one step of the diagnosis; a failure of the step is itself a problem found. */
function attempt<T>(problems: string[], what: string, fallback: T, step: () => T): T {
  try {
    return step();
  } catch (error) {
    problems.push(`${what}: ${messageOf(error)}`);
    return fallback;
  }
}

/**
 * Checks an open database: `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, then the
 * invariants above (only when the schema is the one this build knows). Reads only. A damaged
 * file makes some of these fail; each failure is reported as a problem, never thrown.
 */
export function diagnoseDatabase(db: Db): DoctorReport {
  const problems: string[] = [];
  const version = attempt(problems, 'the schema version cannot be read', 0, () =>
    schemaVersion(db),
  );
  let integrity: string;
  try {
    const rows = db.pragma(`integrity_check(${MAX_PER_CHECK})`) as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    integrity = messages.length === 1 && messages[0] === 'ok' ? 'ok' : messages.join('; ');
  } catch (error) {
    // So damaged that the check itself cannot run: SQLite's message is the verdict.
    integrity = messageOf(error);
  }
  if (integrity !== 'ok') problems.push(`SQLite integrity check: ${integrity}`);
  const foreignKeys = attempt(problems, 'the foreign-key check failed', [], () =>
    (
      db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[]
    ).slice(0, MAX_PER_CHECK),
  );
  for (const fk of foreignKeys) {
    problems.push(
      `${fk.table} row ${String(fk.rowid ?? '?')} points at a missing ${fk.parent} row`,
    );
  }
  if (version !== latestSchemaVersion) {
    if (version > 0) {
      problems.push(
        `schema version ${version} is older than ${latestSchemaVersion}: opening the database in DeepDrill migrates it`,
      );
    }
    return { ok: false, integrity, schemaVersion: version, attempts: 0, problems };
  }
  for (const check of invariants) {
    const rows = attempt(problems, 'an invariant could not be checked', [] as Row[], () =>
      limited(db, check.sql),
    );
    for (const row of rows) problems.push(check.describe(row));
  }
  const attempts = attempt(
    problems,
    'the attempts cannot be counted',
    0,
    () => db.prepare<[], number>('SELECT count(*) FROM attempts').pluck().get() ?? 0,
  );
  // A damaged page fails several checks with the same message: list it once.
  const distinct = [...new Set(problems)];
  return {
    ok: distinct.length === 0,
    integrity,
    schemaVersion: version,
    attempts,
    problems: distinct,
  };
}

/**
 * Opens `file` read-only for diagnosis. A missing file or one from a newer DeepDrill is a usage
 * error; a file SQLite cannot read as a database at all is damage, returned as its report.
 */
export function openForDiagnosis(file: string): Db | DoctorReport {
  if (!existsSync(file)) throw new UsageError(`doctor: there is no database at ${file}`);
  let db: Db;
  try {
    db = openDatabase(file, { readonly: true });
  } catch (error) {
    // Not a database, a damaged header, no permission: all of it is what doctor reports.
    return {
      ok: false,
      integrity: messageOf(error),
      schemaVersion: 0,
      attempts: 0,
      problems: [`the file cannot be opened as a database: ${messageOf(error)}`],
    };
  }
  const version = attempt([], 'schema version', 0, () => schemaVersion(db));
  if (version > latestSchemaVersion) {
    db.close();
    throw new UsageError(
      `doctor: ${new DatabaseFromFutureError(file, version, latestSchemaVersion).message}`,
    );
  }
  return db;
}

/** Can this process create files in `folder` (SQLite's journal and WAL index go beside the database)? */
function writableFolder(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function diagnoseOpened(file: string): DoctorReport {
  const opened = openForDiagnosis(file);
  if (!('prepare' in opened)) return opened;
  try {
    return diagnoseDatabase(opened);
  } finally {
    opened.close();
  }
}

/**
 * Diagnoses the database at `file`: its report, whatever state the file is in. In a read-only
 * folder SQLite cannot open a WAL database even to read it, so the file (with its WAL, if any)
 * is checked as a copy in a temporary folder, and the report says so.
 */
export function diagnoseFile(file: string): DoctorReport {
  const folder = dirname(file);
  if (!existsSync(file) || writableFolder(folder)) return diagnoseOpened(file);
  const scratch = mkdtempSync(join(tmpdir(), 'deepdrill-doctor-'));
  try {
    const copy = join(scratch, basename(file));
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    return {
      ...diagnoseOpened(copy),
      note: `the folder ${folder} is read-only: DeepDrill can read this database but cannot save to it there; a copy was checked`,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `doctor --db DB [--json]`: exit 0 when everything is fine, 1 otherwise. */
export const doctorCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['db'], ['json']);
  if (parsed.positional.length > 0)
    throw new UsageError(`doctor: unexpected argument "${parsed.positional[0]}"`);
  const report = diagnoseFile(requireFlag(parsed, 'db'));
  if (parsed.flags.has('json')) {
    io.out(`${JSON.stringify(report)}\n`);
  } else {
    const lines = [
      `integrity: ${report.integrity}`,
      `schema version: ${report.schemaVersion}`,
      `attempts: ${report.attempts}`,
      report.problems.length === 0 ? 'no problems found' : `${report.problems.length} problem(s):`,
      ...report.problems.map((p) => `  - ${p}`),
      ...(report.note === undefined ? [] : [`note: ${report.note}`]),
    ];
    io.out(`${lines.join('\n')}\n`);
  }
  return report.ok ? 0 : 1;
};
