/**
 * Results for instructors: every graded answer in a DeepDrill database as CSV (RFC 4180, one row
 * per answer) or as xAPI statements (JSON lines, one statement per answer plus one per finished
 * quiz), ready for a spreadsheet or a learning record store. Both are produced page by page
 * (keyset pagination on the attempts' primary key), so memory stays flat on large databases and
 * the CLI can write them as a stream.
 */
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { presentOptions } from '../../core/option-order';
import { resolveQuestion } from '../../core/resolve';
import { unreachable, type ChoiceOption } from '../../core/types';
import type { Db } from '../connection';
import { loadQuestion, type StoredQuestion } from '../queries/questions';
import { describeInteraction, type InteractionKey } from './xapi-interaction';

/** Which answers to export; absent fields do not filter. Times are ms since the epoch. */
export interface AttemptFilter {
  /** Learner name (exact). */
  readonly learner?: string;
  readonly sessionId?: number;
  readonly bankId?: string;
  /** Answered at or after. */
  readonly from?: number;
  /** Answered before. */
  readonly to?: number;
}

/** Options of the xAPI export. */
export interface XapiOptions extends AttemptFilter {
  /**
   * The institution's web address (absolute http(s) IRI): the `homePage` of learner accounts and
   * the base of every activity IRI (`<homePage>/deepdrill/banks/<bank>/items/<item>`).
   */
  readonly homePage: string;
}

/** A bad export option (e.g. a home page that is not an absolute http(s) address). */
export class ResultsExportError extends Error {
  override name = 'ResultsExportError';
}

type AttemptRow = Readonly<{
  id: number;
  learner: string;
  /** The learner's xAPI account name (stable across renames of the profile). */
  account: string;
  session_id: number;
  quiz_title: string;
  quiz_started: number;
  position: number;
  bank_id: string;
  item_id: string;
  question_id: number;
  question_version: number;
  type: 'mcq' | 'msq' | 'numeric' | 'template';
  topic_id: string;
  topic_title: string;
  response: string;
  score: number;
  correct: number;
  answered_at: number;
  duration_ms: number;
  variant_seed: number | null;
  /** The seed of the option order the learner saw (null: stored order, or no quiz item). */
  option_seed: number | null;
  /** The misconception a wrong answer showed, with its label (null: none named). */
  misconception_id: string | null;
  misconception_label: string | null;
}>;

type SessionRow = Readonly<{
  id: number;
  learner: string;
  account: string;
  title: string;
  mode: string;
  created_at: number;
  finished_at: number | null;
  finish_reason: string | null;
  score: number | null;
  max_score: number | null;
  answered: number;
}>;

interface FilterParams {
  after: number;
  limit: number;
  learner: string | null;
  session: number | null;
  bank: string | null;
  from: number | null;
  to: number | null;
}

interface Statements {
  attempts: Statement<[FilterParams], AttemptRow>;
  sessions: Statement<[FilterParams], SessionRow>;
  sessionAttempts: Statement<[number], AttemptRow>;
  session: Statement<[number], SessionRow>;
}

const ATTEMPT_COLUMNS = `
        SELECT a.id, l.name AS learner, coalesce(l.xapi_account, l.name) AS account, a.session_id, s.title AS quiz_title,
               s.created_at AS quiz_started, a.position, q.bank_id, q.item_id, a.question_id,
               a.question_version, q.type, a.topic_id, t.title AS topic_title, a.response,
               a.score, a.correct, a.answered_at, a.duration_ms, a.variant_seed, i.option_seed,
               a.misconception_id, mc.label AS misconception_label
        FROM attempts a
        JOIN learners l ON l.id = a.learner_id
        JOIN quiz_sessions s ON s.id = a.session_id
        JOIN questions q ON q.id = a.question_id
        JOIN topics t ON t.id = a.topic_id
        LEFT JOIN quiz_items i
          ON i.session_id = a.session_id AND i.position = a.position
          AND i.question_id = a.question_id
        LEFT JOIN misconception_counts mc
          ON mc.learner_id = a.learner_id AND mc.misconception_id = a.misconception_id`;

const SESSION_COLUMNS = `
        SELECT s.id, l.name AS learner, coalesce(l.xapi_account, l.name) AS account, s.title, s.mode, s.created_at, s.finished_at,
               s.finish_reason, s.score, s.max_score,
               (SELECT count(*) FROM attempts a WHERE a.session_id = s.id) AS answered
        FROM quiz_sessions s
        JOIN learners l ON l.id = s.learner_id`;

const cache = new WeakMap<Db, Statements>();

// Optional filters as `(@x IS NULL OR …)` keep one cached statement for every combination; the
// page walks the attempts' primary key, so each page is an index range scan.
function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      attempts: db.prepare(`${ATTEMPT_COLUMNS}
        WHERE a.id > @after
          AND (@learner IS NULL OR l.name = @learner)
          AND (@session IS NULL OR a.session_id = @session)
          AND (@bank IS NULL OR q.bank_id = @bank)
          AND (@from IS NULL OR a.answered_at >= @from)
          AND (@to IS NULL OR a.answered_at < @to)
        ORDER BY a.id
        LIMIT @limit`),
      sessions: db.prepare(`${SESSION_COLUMNS}
        WHERE s.status = 'finished' AND s.id > @after
          AND (@learner IS NULL OR l.name = @learner)
          AND (@session IS NULL OR s.id = @session)
          AND (@from IS NULL OR s.finished_at >= @from)
          AND (@to IS NULL OR s.finished_at < @to)
          AND (@bank IS NULL OR EXISTS (
                SELECT 1 FROM attempts a JOIN questions q ON q.id = a.question_id
                WHERE a.session_id = s.id AND q.bank_id = @bank))
        ORDER BY s.id
        LIMIT @limit`),
      // The attempts of one quiz (through `attempts_by_session`), for the outbox.
      sessionAttempts: db.prepare(`${ATTEMPT_COLUMNS}
        WHERE a.session_id = ?
        ORDER BY a.id`),
      session: db.prepare(`${SESSION_COLUMNS}
        WHERE s.id = ? AND s.status = 'finished'`),
    };
    cache.set(db, s);
  }
  return s;
}

const PAGE = 2000;

function* pages<T extends { id: number }>(
  statement: Statement<[FilterParams], T>,
  filter: AttemptFilter,
): Generator<T[]> {
  let after = 0;
  for (;;) {
    const rows = statement.all({
      after,
      limit: PAGE,
      learner: filter.learner ?? null,
      session: filter.sessionId ?? null,
      bank: filter.bankId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

type StoredResponse =
  | { readonly kind: 'choice'; readonly optionIds: readonly string[] }
  | { readonly kind: 'numeric' | 'text'; readonly text: string };

/** The stored response JSON, or null when it is not one DeepDrill writes. */
function parseResponse(text: string): StoredResponse | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const r = value as { kind?: unknown; optionIds?: unknown; text?: unknown };
    if (
      r.kind === 'choice' &&
      Array.isArray(r.optionIds) &&
      r.optionIds.every((x) => typeof x === 'string')
    ) {
      return { kind: 'choice', optionIds: r.optionIds as string[] };
    }
    if ((r.kind === 'numeric' || r.kind === 'text') && typeof r.text === 'string')
      return { kind: r.kind, text: r.text };
    return null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Columns of the CSV export, in order. */
export const CSV_COLUMNS = [
  'learner',
  'quiz_session',
  'quiz_title',
  'quiz_started',
  'bank',
  'item',
  'version',
  'topic',
  'topic_title',
  'question_type',
  'answer',
  'score',
  'correct',
  'time_taken_s',
  'answered_at',
] as const;

const plainNumber = /^-?\d+(?:\.\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Against formula injection, a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'` (spreadsheets then show it as text), unless it is a plain number.
 */
export function csvField(value: string): string {
  let cell = value;
  if (/^[=+\-@\t\r]/.test(cell) && !plainNumber.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** The answer as an instructor reads it: the option ids picked, or the text typed. */
function readableAnswer(stored: string): string {
  const response = parseResponse(stored);
  if (response === null) return stored;
  return response.kind === 'choice' ? response.optionIds.join(', ') : response.text;
}

function csvRow(row: AttemptRow): string {
  return [
    row.learner,
    String(row.session_id),
    row.quiz_title,
    iso(row.quiz_started),
    row.bank_id,
    row.item_id,
    String(row.question_version),
    row.topic_id,
    row.topic_title,
    row.type,
    readableAnswer(row.response),
    String(Number(row.score.toFixed(4))),
    row.correct === 1 ? 'true' : 'false',
    String(Number((row.duration_ms / 1000).toFixed(3))),
    iso(row.answered_at),
  ]
    .map(csvField)
    .join(',');
}

/**
 * The CSV export in chunks: the header row, then one chunk per page of answers. Rows end in
 * CRLF (RFC 4180); times are ISO 8601 in UTC; the time taken is in seconds.
 */
export function* attemptCsvChunks(db: Db, filter: AttemptFilter = {}): Generator<string> {
  for (const chunk of csvPages(db, filter)) yield chunk.text;
}

function* csvPages(db: Db, filter: AttemptFilter): Generator<{ text: string; rows: number }> {
  yield { text: `${CSV_COLUMNS.join(',')}\r\n`, rows: 0 };
  for (const page of pages(statements(db).attempts, filter)) {
    yield { text: `${page.map(csvRow).join('\r\n')}\r\n`, rows: page.length };
  }
}

/** The whole CSV export as one string (see {@link attemptCsvChunks}). */
export function attemptsToCsv(db: Db, filter: AttemptFilter = {}): string {
  return [...attemptCsvChunks(db, filter)].join('');
}

// ---------------------------------------------------------------------------------------------
// xAPI

/** Namespace of DeepDrill's name-based (v5) UUIDs. */
export const XAPI_UUID_NAMESPACE = '0b7e4f52-9d3a-4c61-8e2f-5a1c7d9b3e04';

/** RFC 4122 name-based UUID, version 5 (SHA-1), of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = XAPI_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** ISO 8601 duration with 0.01 s precision (xAPI's): `PT12.5S`, `PT1M3S`, `PT2H0M0.25S`. */
export function xapiDuration(ms: number): string {
  const centis = Math.max(0, Math.round((Number.isFinite(ms) ? ms : 0) / 10));
  const hours = Math.floor(centis / 360_000);
  const minutes = Math.floor((centis % 360_000) / 6000);
  const seconds = (centis % 6000) / 100;
  const s = `${String(Number(seconds.toFixed(2)))}S`;
  if (hours > 0) return `PT${hours}H${minutes}M${s}`;
  if (minutes > 0) return `PT${minutes}M${s}`;
  return `PT${s}`;
}

const VERB_ANSWERED = {
  id: 'http://adlnet.gov/expapi/verbs/answered',
  display: { 'en-US': 'answered' },
} as const;
const VERB_COMPLETED = {
  id: 'http://adlnet.gov/expapi/verbs/completed',
  display: { 'en-US': 'completed' },
} as const;
const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
const ASSESSMENT = 'http://adlnet.gov/expapi/activities/assessment';

/** Versions already loaded, by `questionId:version` (null: no such version). */
type VersionCache = Map<string, StoredQuestion | null>;

function resolveKey(db: Db, row: AttemptRow, versions: VersionCache): InteractionKey | null {
  const cacheKey = `${row.question_id}:${row.question_version}`;
  let stored = versions.get(cacheKey);
  if (stored === undefined) {
    stored = loadQuestion(db, row.question_id, row.question_version) ?? null;
    if (versions.size >= 10_000) versions.clear();
    versions.set(cacheKey, stored);
  }
  if (stored === null) return null;
  const shown = (options: readonly ChoiceOption[] | undefined) =>
    options === undefined || options.length === 0
      ? null
      : presentOptions(options, row.option_seed).map((p) => p.option);
  if (row.type !== 'template') {
    return { options: shown(stored.options), numeric: stored.numeric, description: stored.stem };
  }
  if (row.variant_seed === null) return null;
  try {
    const resolved = resolveQuestion(stored, row.variant_seed);
    return {
      options: shown(resolved.options),
      numeric: resolved.numeric ?? null,
      description: resolved.stem,
    };
  } catch {
    // A template that no longer generates (renamed, removed): the statement goes without a key.
    return null;
  }
}

function checkHomePage(homePage: string): string {
  let url: URL;
  try {
    url = new URL(homePage.trim());
  } catch {
    throw new ResultsExportError(
      `--home-page must be an absolute http(s) address such as https://lms.example.edu, got "${homePage}"`,
    );
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ResultsExportError(
      `--home-page must be an absolute http(s) address such as https://lms.example.edu, got "${homePage}"`,
    );
  }
  return homePage.trim();
}

const truncate = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** The home page, base IRI and key cache of one export (or one outbox fill). */
interface XapiContext {
  readonly homePage: string;
  readonly base: string;
  readonly versions: VersionCache;
}

function xapiContext(homePage: string): XapiContext {
  const checked = checkHomePage(homePage);
  return { homePage: checked, base: checked.replace(/\/+$/, ''), versions: new Map() };
}

const ext = (ctx: XapiContext, name: string) => `${ctx.base}/deepdrill/xapi/extensions/${name}`;
// Each profile its own actor: `name` is the profile's name now, `account.name` its xAPI account,
// which a rename never changes (nor the ids built from it); learners from before profiles have
// their name as account, so their actors and ids are what they were.
const actor = (ctx: XapiContext, row: { learner: string; account: string }) => ({
  objectType: 'Agent',
  name: row.learner,
  account: { homePage: ctx.homePage, name: row.account },
});
const registration = (ctx: XapiContext, account: string, sessionId: number, createdAt: number) =>
  uuidV5(`registration|${ctx.base}|${account}|${sessionId}|${createdAt}`);
const quizIri = (ctx: XapiContext, reg: string) => `${ctx.base}/deepdrill/quizzes/${reg}`;

/** One xAPI statement as DeepDrill writes it: its id, what it reports, and its JSON. */
export interface BuiltStatement {
  readonly id: string;
  /** The attempt an `answered` statement reports (null for a quiz's `completed`). */
  readonly attemptId: number | null;
  readonly sessionId: number;
  readonly json: string;
}

function answeredStatement(db: Db, ctx: XapiContext, row: AttemptRow): BuiltStatement {
  const seg = encodeURIComponent;
  const reg = registration(ctx, row.account, row.session_id, row.quiz_started);
  const response = parseResponse(row.response);
  const key = resolveKey(db, row, ctx.versions);
  // The interaction's type, key pattern, plain-text description and choices: xapi-interaction.
  const interaction = describeInteraction(row.type, key, response, row.response);
  const definition = {
    type: INTERACTION,
    name: { 'en-US': `${row.bank_id}/${row.item_id}` },
    ...interaction.definition,
  };
  const statement = {
    id: uuidV5(`answered|${ctx.base}|${row.account}|${row.id}|${row.answered_at}`),
    actor: actor(ctx, row),
    verb: VERB_ANSWERED,
    object: {
      objectType: 'Activity',
      id: `${ctx.base}/deepdrill/banks/${seg(row.bank_id)}/items/${seg(row.item_id)}`,
      definition,
    },
    result: {
      score: { scaled: row.score, raw: row.score, min: 0, max: 1 },
      success: row.correct === 1,
      completion: true,
      duration: xapiDuration(row.duration_ms),
      response: interaction.response,
    },
    context: {
      registration: reg,
      platform: 'DeepDrill',
      contextActivities: {
        parent: [{ objectType: 'Activity', id: quizIri(ctx, reg) }],
        grouping: [
          { objectType: 'Activity', id: `${ctx.base}/deepdrill/banks/${seg(row.bank_id)}` },
        ],
      },
      extensions: {
        [ext(ctx, 'question-version')]: row.question_version,
        [ext(ctx, 'position')]: row.position,
        [ext(ctx, 'topic')]: row.topic_id,
        ...(row.variant_seed !== null ? { [ext(ctx, 'variant-seed')]: row.variant_seed } : {}),
        ...(row.misconception_id !== null
          ? {
              [ext(ctx, 'misconception')]: {
                id: row.misconception_id,
                label: row.misconception_label ?? row.misconception_id,
              },
            }
          : {}),
      },
    },
    timestamp: iso(row.answered_at),
  };
  return {
    id: statement.id,
    attemptId: row.id,
    sessionId: row.session_id,
    json: JSON.stringify(statement),
  };
}

function completedStatement(ctx: XapiContext, row: SessionRow): BuiltStatement {
  const reg = registration(ctx, row.account, row.id, row.created_at);
  const finished = row.finished_at ?? row.created_at;
  const max = row.max_score ?? row.answered;
  const raw = Math.min(Math.max(row.score ?? 0, 0), max);
  const statement = {
    id: uuidV5(`completed|${ctx.base}|${row.account}|${row.id}|${row.created_at}`),
    actor: actor(ctx, row),
    verb: VERB_COMPLETED,
    object: {
      objectType: 'Activity',
      id: quizIri(ctx, reg),
      definition: {
        type: ASSESSMENT,
        name: { 'en-US': truncate(row.title, 500) },
      },
    },
    result: {
      score: { scaled: max > 0 ? raw / max : 0, raw, min: 0, max },
      completion: true,
      duration: xapiDuration(finished - row.created_at),
    },
    context: {
      registration: reg,
      platform: 'DeepDrill',
      extensions: {
        [ext(ctx, 'mode')]: row.mode,
        [ext(ctx, 'answered')]: row.answered,
        ...(row.finish_reason !== null ? { [ext(ctx, 'finish-reason')]: row.finish_reason } : {}),
      },
    },
    timestamp: iso(finished),
  };
  return { id: statement.id, attemptId: null, sessionId: row.id, json: JSON.stringify(statement) };
}

/**
 * The xAPI export in chunks: JSON lines, one `answered` statement per answer (in answer order)
 * then one `completed` statement per finished quiz. A choice interaction lists its `choices` in
 * the order the learner saw them: the quiz item's option order (its `option_seed`, pinned
 * options in place), the stored order for quizzes from before options were shuffled. The
 * misconception a wrong answer showed is the `misconception` extension (`{id, label}`).
 *
 * Statement ids and registrations are UUID v5 (SHA-1, namespace {@link XAPI_UUID_NAMESPACE}) of
 * the home page, the learner's xAPI account, the attempt or session id and its timestamp: exporting the
 * same database twice gives the same ids (a record store then recognises statements it already
 * has), and two laptops' databases, whose row ids overlap, still give distinct ids.
 */
export function* attemptXapiChunks(db: Db, options: XapiOptions): Generator<string> {
  const ctx = xapiContext(options.homePage);
  const s = statements(db);
  for (const page of pages(s.attempts, options)) {
    yield `${page.map((row) => answeredStatement(db, ctx, row).json).join('\n')}\n`;
  }
  for (const page of pages(s.sessions, options)) {
    yield `${page.map((row) => completedStatement(ctx, row).json).join('\n')}\n`;
  }
}

/**
 * The statements of one finished quiz, exactly as {@link attemptXapiChunks} writes them for the
 * same home page (same ids, same JSON): its `answered` statements in answer order, then its
 * `completed` one. Empty when the quiz is not finished.
 */
export function sessionXapiStatements(
  db: Db,
  homePage: string,
  sessionId: number,
): BuiltStatement[] {
  const ctx = xapiContext(homePage);
  const s = statements(db);
  const session = s.session.get(sessionId);
  if (session === undefined) return [];
  return [
    ...s.sessionAttempts.all(sessionId).map((row) => answeredStatement(db, ctx, row)),
    completedStatement(ctx, session),
  ];
}

/** Checks an xAPI home page (an absolute http(s) address); returns it trimmed. */
export function checkXapiHomePage(homePage: string): string {
  return checkHomePage(homePage);
}

/** The whole xAPI export as one string of JSON lines (see {@link attemptXapiChunks}). */
export function attemptsToXapi(db: Db, options: XapiOptions): string {
  return [...attemptXapiChunks(db, options)].join('');
}

/** A results export format. */
export type ResultsFormat = 'csv' | 'xapi';

/**
 * The UTF-8 byte order mark: Excel reads a CSV file as UTF-8 (accents and all) only when it
 * starts with one; other tools ignore it.
 */
export const UTF8_BOM = '\uFEFF';

/** Options of {@link writeResults}. */
export interface WriteResultsOptions extends AttemptFilter {
  /** Required for `xapi`. */
  readonly homePage?: string;
  /** CSV only: start with {@link UTF8_BOM} (for Excel). */
  readonly bom?: boolean;
}

/**
 * Streams the export in `format` to `write`, chunk by chunk, and returns how many records it
 * wrote (CSV rows, or xAPI statements). `options.homePage` is required for `xapi`.
 */
export function writeResults(
  db: Db,
  format: ResultsFormat,
  options: WriteResultsOptions,
  write: (chunk: string) => void,
): number {
  let records = 0;
  switch (format) {
    case 'csv': {
      if (options.bom === true) write(UTF8_BOM);
      for (const chunk of csvPages(db, options)) {
        write(chunk.text);
        records += chunk.rows;
      }
      return records;
    }
    case 'xapi': {
      if (options.homePage === undefined) {
        throw new ResultsExportError('the xAPI export needs a home page (--home-page URL)');
      }
      for (const chunk of attemptXapiChunks(db, { ...options, homePage: options.homePage })) {
        write(chunk);
        for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) records++;
      }
      return records;
    }
    default:
      throw unreachable(format);
  }
}
