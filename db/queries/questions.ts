/**
 * Typed reads of the question bank: one stored question (any version), the lightweight rows the
 * quiz engine picks from, and the stem summaries the bank browser lists (its search is
 * `bank-search.ts`). Statements are prepared once per connection and reused.
 */
import { imagesAsAltText } from '../../core/embedded-image';
import type { Statement } from 'better-sqlite3';
import type {
  ChoiceOption,
  NumericKey,
  QuestionPart,
  TextAnswer,
  TextKey,
  Tolerance,
} from '../../core/types';
import type { Db } from '../connection';

/** Stored item type (`template` items resolve to mcq or numeric per generated variant). */
export type StoredQuestionType = 'mcq' | 'msq' | 'numeric' | 'template' | 'short';

/** Template parameters as stored (the pack's `params`). */
export type StoredTemplateParams = Readonly<Record<string, number | string | boolean>>;

/** One version of a stored question, with its key (options' `correct`, the numeric value). */
export interface StoredQuestion {
  readonly id: number;
  readonly bankId: string;
  readonly itemId: string;
  readonly topicId: string;
  readonly topicTitle: string;
  readonly type: StoredQuestionType;
  readonly difficulty: number;
  /** The version loaded (the current one unless asked otherwise). */
  readonly version: number;
  /** The version learners get now. */
  readonly currentVersion: number;
  readonly retired: boolean;
  /** Markdown; null only for template items without an intro. */
  readonly stem: string | null;
  /** Markdown; null only for template items without an addendum. */
  readonly explanation: string | null;
  readonly source: string;
  readonly tags: readonly string[];
  readonly answerFormat: string | null;
  /** Choice options in display order (mcq/msq), empty otherwise. */
  readonly options: readonly ChoiceOption[];
  readonly numeric: NumericKey | null;
  /** Short answers: the accepted answers and whether case counts; null otherwise. */
  readonly text: TextKey | null;
  readonly template: {
    readonly id: string;
    readonly form: 'mcq' | 'numeric';
    /** Null when the pack fixed no params (kept apart from `{}` so export round-trips). */
    readonly params: StoredTemplateParams | null;
  } | null;
  /** The item's hint ladder, least help first; empty when the pack gave none. */
  readonly hints: readonly string[];
  /**
   * Checkable steps (numeric items), in order; empty when none. A part without its own
   * `answerFormat` gets {@link defaultPartAnswerFormat}.
   */
  readonly parts: readonly QuestionPart[];
}

/** What the quiz engine picks from: a non-retired question and its current version. */
export interface QuestionPick {
  readonly id: number;
  readonly topicId: string;
  readonly difficulty: number;
  readonly type: StoredQuestionType;
  readonly version: number;
}

/** Filter of {@link listQuestionIds}; absent fields do not filter. */
export interface QuestionPickFilter {
  readonly topics?: readonly string[];
  readonly difficultyMin?: number;
  readonly difficultyMax?: number;
}

type VersionRow = Readonly<{
  id: number;
  bank_id: string;
  item_id: string;
  topic_id: string;
  topic_title: string;
  type: StoredQuestionType;
  difficulty: number;
  current_version: number;
  retired: number;
  version: number;
  stem: string | null;
  explanation: string | null;
  source: string;
  tags: string;
  answer_format: string | null;
  numeric_value: string | null;
  tolerance_abs: number | null;
  tolerance_rel: number | null;
  template_id: string | null;
  template_form: 'mcq' | 'numeric' | null;
  template_params: string | null;
  case_sensitive: number | null;
}>;

/** A stored option row, as read by this module and by import (canonical comparison). */
export type OptionRow = Readonly<{
  option_id: string;
  text: string;
  feedback: string | null;
  correct: number;
  misconception_id: string | null;
  misconception_label: string | null;
  pin: number;
  weight: number | null;
}>;

/** A stored accepted answer of a short-answer question, as read by this module and by export. */
export type TextAnswerRow = Readonly<{
  question_id: number;
  value: string;
  weight: number;
  feedback: string | null;
}>;

/** A stored rung of a hint ladder, as read by this module and by export. */
export type HintRow = Readonly<{ question_id: number; text: string }>;

/** A stored part, as read by this module and by export. */
export type PartRow = Readonly<{
  question_id: number;
  part_id: string;
  prompt: string;
  numeric_value: string;
  tolerance_abs: number | null;
  tolerance_rel: number | null;
  answer_format: string | null;
  hint: string | null;
}>;

type PickRow = Readonly<{
  id: number;
  topic_id: string;
  difficulty: number;
  type: StoredQuestionType;
  current_version: number;
}>;

interface Statements {
  version: Statement<[number, number], VersionRow>;
  current: Statement<[number], VersionRow>;
  currentMany: Statement<[string], VersionRow>;
  optionsMany: Statement<[string], OptionRow & Readonly<{ question_id: number }>>;
  options: Statement<[number, number], OptionRow>;
  hints: Statement<[number, number], HintRow>;
  hintsMany: Statement<[string], HintRow>;
  parts: Statement<[number, number], PartRow>;
  partsMany: Statement<[string], PartRow>;
  textAnswers: Statement<[number, number], TextAnswerRow>;
  textAnswersMany: Statement<[string], TextAnswerRow>;
  picksAll: Statement<[number, number], PickRow>;
  picksByTopic: Statement<[string, number, number], PickRow>;
}

const versionColumns = `
  q.id, q.bank_id, q.item_id, q.topic_id, t.title AS topic_title, q.type, q.difficulty,
  q.current_version, q.retired, v.version, v.stem, v.explanation, v.source, v.tags,
  v.answer_format, v.numeric_value, v.tolerance_abs, v.tolerance_rel, v.template_id,
  v.template_form, v.template_params, v.case_sensitive`;

const partColumns = `
  question_id, part_id, prompt, numeric_value, tolerance_abs, tolerance_rel, answer_format, hint`;

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      version: db.prepare(`
        SELECT ${versionColumns}
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id
        JOIN topics t ON t.id = q.topic_id
        WHERE q.id = ? AND v.version = ?`),
      current: db.prepare(`
        SELECT ${versionColumns}
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        JOIN topics t ON t.id = q.topic_id
        WHERE q.id = ?`),
      options: db.prepare(`
        SELECT option_id, text, feedback, correct, misconception_id, misconception_label, pin,
               weight
        FROM question_options
        WHERE question_id = ? AND version = ?
        ORDER BY position`),
      hints: db.prepare(`
        SELECT question_id, text
        FROM question_hints
        WHERE question_id = ? AND version = ?
        ORDER BY rung`),
      hintsMany: db.prepare(`
        SELECT h.question_id, h.text
        FROM questions q
        JOIN question_hints h ON h.question_id = q.id AND h.version = q.current_version
        WHERE q.id IN (SELECT value FROM json_each(?))
        ORDER BY h.question_id, h.rung`),
      parts: db.prepare(`
        SELECT ${partColumns}
        FROM question_parts
        WHERE question_id = ? AND version = ?
        ORDER BY position`),
      partsMany: db.prepare(`
        SELECT ${partColumns}
        FROM questions q
        JOIN question_parts ON question_id = q.id AND version = q.current_version
        WHERE q.id IN (SELECT value FROM json_each(?))
        ORDER BY question_id, position`),
      textAnswers: db.prepare(`
        SELECT question_id, value, weight, feedback
        FROM question_text_answers
        WHERE question_id = ? AND version = ?
        ORDER BY position`),
      textAnswersMany: db.prepare(`
        SELECT a.question_id, a.value, a.weight, a.feedback
        FROM questions q
        JOIN question_text_answers a ON a.question_id = q.id AND a.version = q.current_version
        WHERE q.id IN (SELECT value FROM json_each(?))
        ORDER BY a.question_id, a.position`),
      currentMany: db.prepare(`
        SELECT ${versionColumns}
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        JOIN topics t ON t.id = q.topic_id
        WHERE q.id IN (SELECT value FROM json_each(?))`),
      optionsMany: db.prepare(`
        SELECT o.question_id, o.option_id, o.text, o.feedback, o.correct, o.misconception_id,
               o.misconception_label, o.pin, o.weight
        FROM questions q
        JOIN question_options o ON o.question_id = q.id AND o.version = q.current_version
        WHERE q.id IN (SELECT value FROM json_each(?))
        ORDER BY o.question_id, o.position`),
      picksAll: db.prepare(`
        SELECT id, topic_id, difficulty, type, current_version
        FROM questions
        WHERE retired = 0 AND difficulty BETWEEN ? AND ?
        ORDER BY id`),
      picksByTopic: db.prepare(`
        SELECT id, topic_id, difficulty, type, current_version
        FROM questions
        WHERE retired = 0
          AND topic_id IN (SELECT value FROM json_each(?))
          AND difficulty BETWEEN ? AND ?
        ORDER BY id`),
    };
    cache.set(db, s);
  }
  return s;
}

/** Maps stored option rows to domain options (absent feedback/misconception/pin/weight left out). */
export function toChoiceOptions(rows: readonly OptionRow[]): ChoiceOption[] {
  return rows.map((row) => {
    const option: {
      id: string;
      text: string;
      correct: boolean;
      feedback?: string;
      misconception?: { id: string; label: string };
      pin?: boolean;
      weight?: number;
    } = { id: row.option_id, text: row.text, correct: row.correct === 1 };
    if (row.pin === 1) option.pin = true;
    if (row.weight !== null) option.weight = row.weight;
    if (row.feedback !== null) option.feedback = row.feedback;
    if (row.misconception_id !== null) {
      option.misconception = { id: row.misconception_id, label: row.misconception_label ?? '' };
    }
    return option;
  });
}

function toNumericKey(
  value: string,
  toleranceAbs: number | null,
  toleranceRel: number | null,
): NumericKey {
  const tolerance: { abs?: number; rel?: number } = {};
  if (toleranceAbs !== null) tolerance.abs = toleranceAbs;
  if (toleranceRel !== null) tolerance.rel = toleranceRel;
  return { value: JSON.parse(value) as number | number[], tolerance: tolerance as Tolerance };
}

/**
 * What a part asks to enter when the pack says nothing: "a number" for one number, "N numbers
 * separated by commas" for a vector.
 */
export function defaultPartAnswerFormat(value: number | readonly number[]): string {
  if (typeof value === 'number') return 'a number';
  return value.length === 1 ? 'one number' : `${value.length} numbers separated by commas`;
}

function toPart(row: PartRow): QuestionPart {
  const key = toNumericKey(row.numeric_value, row.tolerance_abs, row.tolerance_rel);
  return {
    id: row.part_id,
    prompt: row.prompt,
    key,
    answerFormat: row.answer_format ?? defaultPartAnswerFormat(key.value),
    ...(row.hint !== null ? { hint: row.hint } : {}),
  };
}

/** Maps stored accepted answers to a domain answer (absent feedback left out). */
export function toTextAnswer(row: TextAnswerRow): TextAnswer {
  return {
    value: row.value,
    weight: row.weight,
    ...(row.feedback === null ? {} : { feedback: row.feedback }),
  };
}

interface QuestionChildren {
  readonly options: readonly OptionRow[];
  readonly textAnswers: readonly TextAnswerRow[];
  readonly hints: readonly HintRow[];
  readonly parts: readonly PartRow[];
}

function toQuestion(row: VersionRow, children: QuestionChildren): StoredQuestion {
  const numeric =
    row.numeric_value === null
      ? null
      : toNumericKey(row.numeric_value, row.tolerance_abs, row.tolerance_rel);
  return {
    id: row.id,
    bankId: row.bank_id,
    itemId: row.item_id,
    topicId: row.topic_id,
    topicTitle: row.topic_title,
    type: row.type,
    difficulty: row.difficulty,
    version: row.version,
    currentVersion: row.current_version,
    retired: row.retired === 1,
    stem: row.stem,
    explanation: row.explanation,
    source: row.source,
    tags: JSON.parse(row.tags) as string[],
    answerFormat: row.answer_format,
    options: toChoiceOptions(children.options),
    numeric,
    text:
      row.type === 'short'
        ? {
            answers: children.textAnswers.map(toTextAnswer),
            caseSensitive: row.case_sensitive === 1,
          }
        : null,
    template:
      row.template_id === null
        ? null
        : {
            id: row.template_id,
            form: row.template_form ?? 'mcq',
            params:
              row.template_params === null
                ? null
                : (JSON.parse(row.template_params) as StoredTemplateParams),
          },
    hints: children.hints.map((h) => h.text),
    parts: children.parts.map(toPart),
  };
}

/**
 * One question as stored: `version` if given (attempts point at the version the learner saw),
 * the current version otherwise. Retired questions load too (review of old attempts needs them).
 * Undefined when the question or that version does not exist.
 */
export function loadQuestion(
  db: Db,
  questionId: number,
  version?: number,
): StoredQuestion | undefined {
  const s = statements(db);
  const row =
    version === undefined ? s.current.get(questionId) : s.version.get(questionId, version);
  if (row === undefined) return undefined;
  return toQuestion(row, {
    options: s.options.all(row.id, row.version),
    textAnswers: row.type === 'short' ? s.textAnswers.all(row.id, row.version) : [],
    hints: s.hints.all(row.id, row.version),
    parts: s.parts.all(row.id, row.version),
  });
}

/**
 * Rows of a per-version child table (options, hints, parts) grouped by question id, each mapped
 * by `map`, in the order read (the queries order them by position within a question).
 */
export function groupByQuestion<R, T>(
  rows: Iterable<R>,
  questionId: (row: R) => number,
  map: (row: R) => T,
): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) {
    const id = questionId(row);
    let list = grouped.get(id);
    if (list === undefined) grouped.set(id, (list = []));
    list.push(map(row));
  }
  return grouped;
}

const questionIdOf = (row: { question_id: number }): number => row.question_id;
const asIs = <R>(row: R): R => row;

/**
 * The current versions of several questions in five queries (instead of four per question), by
 * id; ids that do not exist are absent. Used when a quiz is planned.
 */
export function loadCurrentQuestions(db: Db, ids: readonly number[]): Map<number, StoredQuestion> {
  const found = new Map<number, StoredQuestion>();
  if (ids.length === 0) return found;
  const s = statements(db);
  const list = JSON.stringify(ids);
  const optionsById = groupByQuestion(s.optionsMany.iterate(list), questionIdOf, asIs);
  const hintsById = groupByQuestion(s.hintsMany.iterate(list), questionIdOf, asIs);
  const partsById = groupByQuestion(s.partsMany.iterate(list), questionIdOf, asIs);
  const answersById = groupByQuestion(s.textAnswersMany.iterate(list), questionIdOf, asIs);
  for (const row of s.currentMany.all(list)) {
    found.set(
      row.id,
      toQuestion(row, {
        options: optionsById.get(row.id) ?? [],
        textAnswers: answersById.get(row.id) ?? [],
        hints: hintsById.get(row.id) ?? [],
        parts: partsById.get(row.id) ?? [],
      }),
    );
  }
  return found;
}

/**
 * The non-retired questions the quiz engine may pick from, in id order, filtered by topic (any of
 * `topics`; all topics when absent or empty) and an inclusive difficulty range. Uses the partial
 * index `questions_by_topic` when topics are given.
 */
export function listQuestionIds(db: Db, filter: QuestionPickFilter = {}): QuestionPick[] {
  const s = statements(db);
  const min = filter.difficultyMin ?? 1;
  const max = filter.difficultyMax ?? 5;
  const rows =
    filter.topics === undefined || filter.topics.length === 0
      ? s.picksAll.all(min, max)
      : s.picksByTopic.all(JSON.stringify(filter.topics), min, max);
  return rows.map((r) => ({
    id: r.id,
    topicId: r.topic_id,
    difficulty: r.difficulty,
    type: r.type,
    version: r.current_version,
  }));
}

const summaryLength = 160;

/**
 * Plain-text one-line summary of a Markdown stem: its first non-empty line without heading,
 * quote and list markers, emphasis, code ticks and math dollars, cut at 160 characters.
 */
export function summarizeStem(stem: string): string {
  const line =
    imagesAsAltText(stem)
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  const plain = line
    .replace(/^(#{1,6}|>|[-*+]|\d+[.)])\s+/, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= summaryLength) return plain;
  // Cut without leaving half a formula: an odd number of unescaped `$` means we are inside one.
  let cut = plain.slice(0, summaryLength - 1);
  const dollars = [...cut.matchAll(/(?<!\\)\$/g)].map((m) => m.index);
  if (dollars.length % 2 === 1) cut = cut.slice(0, dollars[dollars.length - 1]).trimEnd();
  return `${cut}…`;
}
