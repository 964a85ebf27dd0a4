/**
 * Importing a bank pack: all or nothing, in one transaction. New items get version 1; an item
 * whose content changed gets a new version (older versions, and the attempts that point at them,
 * stay: an attempt always shows the text the learner saw); items missing from the new pack are
 * retired, never deleted. Built for bulk: statements prepared once per connection, the existing
 * bank read once into a map, options, hints and parts inserted several rows per statement.
 */
import type { Statement } from 'better-sqlite3';
import { builtinBankId } from '../builtin/id';
import type { Db } from '../connection';
import { groupByQuestion } from '../queries/questions';
import type { BankItem, BankPack, BankQuestionPart, ShortItem } from './schema';
import { validatePack, type PackProblem } from './validate';

/** Outcome of an import (structurally the contract's `ImportReport`, plus `retired`). */
export interface BankImportReport {
  readonly ok: boolean;
  readonly bankId: string | null;
  /** Items new to the database. */
  readonly added: number;
  /** Items whose content, topic or difficulty changed, or that came back after retirement. */
  readonly updated: number;
  readonly unchanged: number;
  /** Items of the bank that the pack no longer has (kept for history, no longer asked). */
  readonly retired: number;
  readonly problems: readonly PackProblem[];
}

/** Options of {@link importPack}. */
export interface ImportOptions {
  /** Timestamp stored as `imported_at` / `created_at` (ms since epoch); default `Date.now()`. */
  readonly now?: number;
  /**
   * Base name of the file the pack was read from, stored with the bank. A bank last imported
   * from another file is replaced only with {@link replace}; the same name is the normal update
   * path. Left out, the check is skipped and the stored name kept.
   */
  readonly sourceFile?: string;
  /** Replace a bank that was imported from another file (`bank import --replace`). */
  readonly replace?: boolean;
  /** Only the built-in seeding: allows the reserved id {@link builtinBankId}. */
  readonly builtin?: boolean;
}

/** The base name of a file path, `/` or `\\` separated (what {@link ImportOptions.sourceFile} stores). */
export const sourceFileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Position given to a bank's topics that its latest pack no longer lists. */
export const DROPPED_TOPIC_POSITION = -1;

interface Existing {
  readonly id: number;
  readonly type: BankItem['type'];
  readonly topicId: string;
  readonly difficulty: number;
  readonly version: number;
  readonly retired: boolean;
  readonly content: string;
}

/**
 * The columns of one `question_versions` row plus its options, hint ladder and parts, as bound to
 * the statements.
 */
interface VersionColumns {
  readonly stem: string | null;
  readonly explanation: string | null;
  readonly source: string;
  readonly tags: string;
  readonly answerFormat: string | null;
  readonly numericValue: string | null;
  readonly toleranceAbs: number | null;
  readonly toleranceRel: number | null;
  readonly templateId: string | null;
  readonly templateForm: 'mcq' | 'numeric' | null;
  readonly templateParams: string | null;
  /** Short answers: 1 when letter case counts, 0 when not; null for other types. */
  readonly caseSensitive: 0 | 1 | null;
  /**
   * `[option_id, text, feedback, correct, misconception_id, misconception_label, pin, weight]`
   * each.
   */
  readonly options: readonly OptionTuple[];
  /** Short answers: `[value, weight, feedback]` each, in order. */
  readonly textAnswers: readonly TextAnswerTuple[];
  /** The rungs' texts, least help first (`question_hints.rung` is the index). */
  readonly hints: readonly string[];
  /** `[part_id, prompt, numeric_value, tolerance_abs, tolerance_rel, answer_format, hint]` each. */
  readonly parts: readonly PartTuple[];
}

type OptionTuple = readonly [
  string,
  string,
  string | null,
  0 | 1,
  string | null,
  string | null,
  0 | 1,
  number | null,
];

type TextAnswerTuple = readonly [string, number, string | null];

type PartTuple = readonly [
  string,
  string,
  string,
  number | null,
  number | null,
  string | null,
  string | null,
];

const OPTION_COLUMNS = 11;
const TEXT_ANSWER_COLUMNS = 6;
const HINT_COLUMNS = 4;
const PART_COLUMNS = 10;

interface Statements {
  upsertBank: Statement<[string, string, string, string | null, number, string | null]>;
  bankSource: Statement<[string], { source_file: string | null }>;
  topicOwners: Statement<[string], { id: string; bank_id: string }>;
  upsertTopic: Statement<[string, string, string, number]>;
  dropTopics: Statement<[number, string, string]>;
  /** Raw rows: `[id, item_id, topic_id, type, difficulty, current_version, retired, …content]`. */
  existing: Statement<[string], unknown[]>;
  /** Raw rows: `[question_id, …OptionTuple]`. */
  existingOptions: Statement<[string], unknown[]>;
  /** Raw rows: `[question_id, …TextAnswerTuple]` in answer order. */
  existingTextAnswers: Statement<[string], unknown[]>;
  /** Raw rows: `[question_id, text]` in rung order. */
  existingHints: Statement<[string], unknown[]>;
  /** Raw rows: `[question_id, …PartTuple]` in part order. */
  existingParts: Statement<[string], unknown[]>;
  insertQuestion: Statement<[string, string, string, string, number]>;
  insertVersion: Statement<unknown[]>;
  /** Multi-row INSERTs keyed by `${table}:${rows}`. */
  insertRows: Map<string, Statement<unknown[]>>;
  updateQuestion: Statement<[string, number, number, number]>;
  retire: Statement<[number]>;
}

const cache = new WeakMap<Db, Statements>();

/**
 * The SQL reading a per-version child table (`question_id`, then `columns`) for the current
 * versions of every item of a bank, retired ones too, by question and then `order`.
 */
function currentChildRows(
  table: keyof typeof CHILD_TABLES,
  columns: string,
  order: string,
): string {
  return `
    SELECT c.question_id, ${columns}
    FROM questions q
    JOIN ${table} c ON c.question_id = q.id AND c.version = q.current_version
    WHERE q.bank_id = ?
    ORDER BY c.question_id, c.${order}`;
}

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      upsertBank: db.prepare(`
        INSERT INTO banks (id, title, license, description, imported_at, source_file)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET
          title = excluded.title, license = excluded.license,
          description = excluded.description, imported_at = excluded.imported_at,
          source_file = coalesce(excluded.source_file, banks.source_file)`),
      bankSource: db.prepare(`SELECT source_file FROM banks WHERE id = ?`),
      topicOwners: db.prepare(
        `SELECT id, bank_id FROM topics WHERE id IN (SELECT value FROM json_each(?))`,
      ),
      upsertTopic: db.prepare(`
        INSERT INTO topics (id, title, bank_id, position) VALUES (?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, position = excluded.position`),
      dropTopics: db.prepare(`
        UPDATE topics SET position = ?
        WHERE bank_id = ? AND id NOT IN (SELECT value FROM json_each(?))`),
      existing: db
        .prepare<[string], unknown[]>(
          `
        SELECT q.id, q.item_id, q.topic_id, q.type, q.difficulty, q.current_version, q.retired,
               v.stem, v.explanation, v.source, v.tags, v.answer_format, v.numeric_value,
               v.tolerance_abs, v.tolerance_rel, v.template_id, v.template_form, v.template_params,
               v.case_sensitive
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        WHERE q.bank_id = ?`,
        )
        .raw(),
      existingOptions: db
        .prepare<[string], unknown[]>(
          currentChildRows(
            'question_options',
            `option_id, text, feedback, correct, misconception_id, misconception_label, pin, weight`,
            'position',
          ),
        )
        .raw(),
      existingTextAnswers: db
        .prepare<[string], unknown[]>(
          currentChildRows('question_text_answers', 'value, weight, feedback', 'position'),
        )
        .raw(),
      existingHints: db
        .prepare<[string], unknown[]>(currentChildRows('question_hints', 'text', 'rung'))
        .raw(),
      existingParts: db
        .prepare<[string], unknown[]>(
          currentChildRows(
            'question_parts',
            `part_id, prompt, numeric_value, tolerance_abs, tolerance_rel, answer_format, hint`,
            'position',
          ),
        )
        .raw(),
      insertQuestion: db.prepare(`
        INSERT INTO questions (bank_id, item_id, topic_id, type, difficulty, current_version, retired)
        VALUES (?, ?, ?, ?, ?, 1, 0)`),
      insertVersion: db.prepare(`
        INSERT INTO question_versions (question_id, version, stem, explanation, source, tags,
          answer_format, numeric_value, tolerance_abs, tolerance_rel, template_id, template_form,
          template_params, case_sensitive, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertRows: new Map(),
      updateQuestion: db.prepare(`
        UPDATE questions SET topic_id = ?, difficulty = ?, current_version = ?, retired = 0
        WHERE id = ?`),
      retire: db.prepare(`UPDATE questions SET retired = 1 WHERE id = ?`),
    };
    cache.set(db, s);
  }
  return s;
}

/** The column lists of the per-version child tables, in the order the values are bound. */
const CHILD_TABLES = {
  question_options: `question_id, version, position, option_id, text, feedback, correct,
    misconception_id, misconception_label, pin, weight`,
  question_text_answers: 'question_id, version, position, value, weight, feedback',
  question_hints: 'question_id, version, rung, text',
  question_parts: `question_id, version, position, part_id, prompt, numeric_value, tolerance_abs,
    tolerance_rel, answer_format, hint`,
} as const;

/**
 * One multi-row INSERT per table and row count (options 2–12, accepted answers 1–50, hints 1–3,
 * parts 2–8): a quarter
 * of the statement runs of row-by-row.
 */
function insertRowsStatement(
  db: Db,
  s: Statements,
  table: keyof typeof CHILD_TABLES,
  columns: number,
  count: number,
): Statement<unknown[]> {
  const key = `${table}:${count}`;
  let statement = s.insertRows.get(key);
  if (statement === undefined) {
    const row = `(${Array(columns).fill('?').join(', ')})`;
    statement = db.prepare(
      `INSERT INTO ${table} (${CHILD_TABLES[table]}) VALUES ${Array(count).fill(row).join(', ')}`,
    );
    s.insertRows.set(key, statement);
  }
  return statement;
}

/**
 * Binds `rows` (each `[...values]` after the key) as `(question_id, version, index, ...values)`
 * and runs one INSERT for all of them.
 */
function insertChildRows(
  db: Db,
  s: Statements,
  table: keyof typeof CHILD_TABLES,
  columns: number,
  questionId: number,
  version: number,
  rows: readonly (readonly unknown[])[],
): void {
  const count = rows.length;
  if (count === 0) return;
  const values: unknown[] = new Array(count * columns);
  for (let k = 0; k < count; k++) {
    const row = rows[k];
    const at = k * columns;
    values[at] = questionId;
    values[at + 1] = version;
    values[at + 2] = k;
    for (let c = 0; c < row.length; c++) values[at + 3 + c] = row[c];
  }
  insertRowsStatement(db, s, table, columns, count).run(...values);
}

function partTuple(part: BankQuestionPart): PartTuple {
  return [
    part.id,
    part.prompt,
    JSON.stringify(part.answer.value),
    part.answer.tolerance.abs ?? null,
    part.answer.tolerance.rel ?? null,
    part.answerFormat ?? null,
    part.hint ?? null,
  ];
}

/** A short answer's accepted answers as stored: trimmed (as Moodle saves them), weight 1 by default. */
function textAnswerTuples(item: ShortItem): TextAnswerTuple[] {
  return item.answer.text.map((a) => [a.value.trim(), a.weight ?? 1, a.feedback ?? null]);
}

function sortedParams(params: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The columns an item type does not use: each type below sets its own. */
const UNUSED_COLUMNS = {
  answerFormat: null,
  numericValue: null,
  toleranceAbs: null,
  toleranceRel: null,
  templateId: null,
  templateForm: null,
  templateParams: null,
  caseSensitive: null,
  options: [],
  textAnswers: [],
  parts: [],
} as const satisfies Partial<VersionColumns>;

/** The stored columns of an item's version (what import writes and what a re-import compares). */
function versionColumns(item: BankItem): VersionColumns {
  const shared = {
    ...UNUSED_COLUMNS,
    source: item.source,
    tags: JSON.stringify(item.tags),
    hints: item.hints ?? [],
  };
  switch (item.type) {
    case 'mcq':
    case 'msq': {
      const correct = new Set(item.answer);
      return {
        ...shared,
        stem: item.stem,
        explanation: item.explanation,
        options: item.options.map((o): OptionTuple => [
          o.id,
          o.text,
          o.feedback ?? null,
          correct.has(o.id) ? 1 : 0,
          o.misconception?.id ?? null,
          o.misconception?.label ?? null,
          o.pin === true ? 1 : 0,
          o.weight ?? null,
        ]),
      };
    }
    case 'short':
      return {
        ...shared,
        stem: item.stem,
        explanation: item.explanation,
        caseSensitive: item.answer.caseSensitive === true ? 1 : 0,
        textAnswers: textAnswerTuples(item),
      };
    case 'numeric':
      return {
        ...shared,
        stem: item.stem,
        explanation: item.explanation,
        answerFormat: item.answerFormat ?? null,
        numericValue: JSON.stringify(item.answer.value),
        toleranceAbs: item.answer.tolerance.abs ?? null,
        toleranceRel: item.answer.tolerance.rel ?? null,
        parts: (item.parts ?? []).map(partTuple),
      };
    case 'template':
      return {
        ...shared,
        stem: item.stem ?? null,
        explanation: item.explanation ?? null,
        templateId: item.template,
        templateForm: item.form,
        templateParams: item.params === undefined ? null : JSON.stringify(item.params),
      };
  }
}

/**
 * A version's stored columns in table order: stem, explanation, source, tags, answer_format,
 * numeric_value, tolerance_abs, tolerance_rel, template_id, template_form, template_params,
 * case_sensitive.
 */
type StoredContent = readonly [
  string | null,
  string | null,
  string,
  string,
  string | null,
  string | null,
  number | null,
  number | null,
  string | null,
  string | null,
  string | null,
  number | null,
];

function storedContent(v: VersionColumns): StoredContent {
  return [
    v.stem,
    v.explanation,
    v.source,
    v.tags,
    v.answerFormat,
    v.numericValue,
    v.toleranceAbs,
    v.toleranceRel,
    v.templateId,
    v.templateForm,
    v.templateParams,
    v.caseSensitive,
  ];
}

/** What a version holds besides its own row: options, accepted answers, hint ladder and parts. */
interface Children {
  readonly options: readonly OptionTuple[];
  readonly textAnswers: readonly TextAnswerTuple[];
  readonly hints: readonly string[];
  readonly parts: readonly PartTuple[];
}

const NO_CHILDREN: Children = { options: [], textAnswers: [], hints: [], parts: [] };

/**
 * Canonical text of a version's content: equal exactly when a learner would see the same
 * question with the same key, hints and parts (template params compared regardless of key
 * order).
 */
function canonical(content: StoredContent, children: Children): string {
  const rest = [children.options, children.textAnswers, children.hints, children.parts];
  const params = content[10];
  if (params === null) return JSON.stringify([content, ...rest]);
  const sorted = sortedParams(JSON.parse(params) as Record<string, unknown>);
  return JSON.stringify([content.slice(0, 10), sorted, content.slice(11), ...rest]);
}

/** The question id of a raw child row (its first column). */
const rawQuestionId = (row: unknown[]): number => row[0] as number;

/**
 * The bank's items as installed, keyed by item id, with the canonical text of their current
 * version: five queries for the whole bank (raw rows, no per-item SELECT).
 */
function loadExisting(s: Statements, bankId: string): Map<string, Existing> {
  const optionsById = groupByQuestion(
    s.existingOptions.iterate(bankId),
    rawQuestionId,
    (row) => row.slice(1) as unknown as OptionTuple,
  );
  const answersById = groupByQuestion(
    s.existingTextAnswers.iterate(bankId),
    rawQuestionId,
    (row) => row.slice(1) as unknown as TextAnswerTuple,
  );
  const hintsById = groupByQuestion(
    s.existingHints.iterate(bankId),
    rawQuestionId,
    (row) => row[1] as string,
  );
  const partsById = groupByQuestion(
    s.existingParts.iterate(bankId),
    rawQuestionId,
    (row) => row.slice(1) as unknown as PartTuple,
  );
  const existing = new Map<string, Existing>();
  for (const row of s.existing.iterate(bankId)) {
    const id = row[0] as number;
    existing.set(row[1] as string, {
      id,
      topicId: row[2] as string,
      type: row[3] as BankItem['type'],
      difficulty: row[4] as number,
      version: row[5] as number,
      retired: row[6] === 1,
      content: canonical(row.slice(7) as unknown as StoredContent, {
        options: optionsById.get(id) ?? NO_CHILDREN.options,
        textAnswers: answersById.get(id) ?? NO_CHILDREN.textAnswers,
        hints: hintsById.get(id) ?? NO_CHILDREN.hints,
        parts: partsById.get(id) ?? NO_CHILDREN.parts,
      }),
    });
  }
  return existing;
}

function insertVersion(
  db: Db,
  s: Statements,
  questionId: number,
  version: number,
  v: VersionColumns,
  now: number,
): void {
  s.insertVersion.run(
    questionId,
    version,
    v.stem,
    v.explanation,
    v.source,
    v.tags,
    v.answerFormat,
    v.numericValue,
    v.toleranceAbs,
    v.toleranceRel,
    v.templateId,
    v.templateForm,
    v.templateParams,
    v.caseSensitive,
    now,
  );
  insertChildRows(db, s, 'question_options', OPTION_COLUMNS, questionId, version, v.options);
  insertChildRows(
    db,
    s,
    'question_text_answers',
    TEXT_ANSWER_COLUMNS,
    questionId,
    version,
    v.textAnswers,
  );
  insertChildRows(
    db,
    s,
    'question_hints',
    HINT_COLUMNS,
    questionId,
    version,
    v.hints.map((text) => [text]),
  );
  insertChildRows(db, s, 'question_parts', PART_COLUMNS, questionId, version, v.parts);
}

const failed = (bankId: string | null, problems: PackProblem[]): BankImportReport => ({
  ok: false,
  bankId,
  added: 0,
  updated: 0,
  unchanged: 0,
  retired: 0,
  problems,
});

/**
 * Why `pack` may not take its bank id, or null: the built-in id is reserved, and a bank last
 * imported from another file is replaced only when asked to.
 */
function idProblem(s: Statements, pack: BankPack, options: ImportOptions): PackProblem | null {
  if (pack.id === builtinBankId && options.builtin !== true) {
    return {
      path: 'id',
      message: `"${builtinBankId}" is the built-in bank's id; give your bank its own id`,
    };
  }
  const from = options.sourceFile;
  if (from === undefined || options.replace === true) return null;
  const stored = s.bankSource.get(pack.id)?.source_file ?? null;
  if (stored === null || stored === from) return null;
  return {
    path: 'id',
    message: `bank "${pack.id}" is already installed from the file "${stored}", not "${from}"; to replace it with this file, import again with --replace (bank import FILE --db DB --replace), or give this bank its own id`,
  };
}

/**
 * Imports an already validated pack (see {@link importPack}); the database-level rules (the
 * bank id reserved or installed from another file, topic ids owned by another bank, an item's
 * type changed) are checked inside the transaction before anything is written.
 */
export function importValidatedPack(
  db: Db,
  pack: BankPack,
  options: ImportOptions = {},
): BankImportReport {
  const now = options.now ?? Date.now();
  const s = statements(db);
  const run = db.transaction((): BankImportReport => {
    const taken = idProblem(s, pack, options);
    if (taken !== null) return failed(pack.id, [taken]);
    const problems: PackProblem[] = [];
    const topicIds = pack.topics.map((t) => t.id);
    for (const owner of s.topicOwners.all(JSON.stringify(topicIds))) {
      if (owner.bank_id !== pack.id) {
        problems.push({
          path: `topics[${topicIds.indexOf(owner.id)}].id`,
          message: `topic id "${owner.id}" already belongs to the installed bank "${owner.bank_id}"; expected an id of this bank's own`,
        });
      }
    }
    const existing = loadExisting(s, pack.id);
    pack.items.forEach((item, i) => {
      const before = existing.get(item.id);
      if (before !== undefined && before.type !== item.type) {
        problems.push({
          path: `items[${i}].type`,
          message: `item "${item.id}" is a ${before.type} item in the installed bank; changing the type of an item is not supported, expected "${before.type}" (or give the item a new id)`,
        });
      }
    });
    if (problems.length > 0) return failed(pack.id, problems);

    s.upsertBank.run(
      pack.id,
      pack.title,
      pack.license,
      pack.description ?? null,
      now,
      options.sourceFile ?? null,
    );
    pack.topics.forEach((topic, position) => {
      s.upsertTopic.run(topic.id, topic.title, pack.id, position);
    });
    s.dropTopics.run(DROPPED_TOPIC_POSITION, pack.id, JSON.stringify(topicIds));

    let added = 0;
    let updated = 0;
    let unchanged = 0;
    let retired = 0;
    const seen = new Set<number>();
    for (const item of pack.items) {
      const columns = versionColumns(item);
      const before = existing.get(item.id);
      if (before === undefined) {
        const id = Number(
          s.insertQuestion.run(pack.id, item.id, item.topic, item.type, item.difficulty)
            .lastInsertRowid,
        );
        insertVersion(db, s, id, 1, columns, now);
        added++;
        continue;
      }
      seen.add(before.id);
      const contentChanged = canonical(storedContent(columns), columns) !== before.content;
      if (
        contentChanged ||
        before.retired ||
        before.topicId !== item.topic ||
        before.difficulty !== item.difficulty
      ) {
        const version = contentChanged ? before.version + 1 : before.version;
        if (contentChanged) insertVersion(db, s, before.id, version, columns, now);
        s.updateQuestion.run(item.topic, item.difficulty, version, before.id);
        updated++;
      } else unchanged++;
    }
    for (const before of existing.values()) {
      if (!seen.has(before.id) && !before.retired) {
        s.retire.run(before.id);
        retired++;
      }
    }
    return { ok: true, bankId: pack.id, added, updated, unchanged, retired, problems: [] };
  });
  return run.immediate();
}

/**
 * Validates `input` (schema + cross-field rules) and imports it in ONE transaction: on any
 * problem nothing is written and the report lists the problems; a failure inside the
 * transaction rolls it back. Re-importing a bank (same `id`) versions changed items, retires
 * missing ones and leaves unchanged ones alone.
 */
export function importPack(db: Db, input: unknown, options: ImportOptions = {}): BankImportReport {
  const validation = validatePack(input);
  if (!validation.ok) {
    const id =
      typeof input === 'object' &&
      input !== null &&
      typeof (input as { id?: unknown }).id === 'string'
        ? (input as { id: string }).id
        : null;
    return failed(id, validation.problems);
  }
  return importValidatedPack(db, validation.pack, options);
}
