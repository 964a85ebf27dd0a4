/**
 * Exporting a bank as a pack: the current versions of its non-retired items, in the order they
 * were first imported, such that importing the export changes nothing and exporting an import
 * gives back the pack (answers listed in option order, the order import stores). Hints and parts
 * are written only for items that have them, so packs without them export as before.
 */
import type { Statement } from 'better-sqlite3';
import { unreachable, type ChoiceOption } from '../../core/types';
import type { Db } from '../connection';
import {
  groupByQuestion,
  toChoiceOptions,
  type HintRow,
  type OptionRow,
  type PartRow,
  type TextAnswerRow,
} from '../queries/questions';
import type { BankItem, BankPack, BankQuestionPart } from './schema';

type BankOption = Extract<BankItem, { type: 'mcq' | 'msq' }>['options'][number];

/** The bank to export does not exist, or none / several could be meant. */
export class BankExportError extends Error {
  override name = 'BankExportError';
}

type BankRow = Readonly<{ id: string; title: string; license: string; description: string | null }>;
type ItemRow = Readonly<{
  id: number;
  item_id: string;
  topic_id: string;
  type: BankItem['type'];
  difficulty: number;
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
type ItemOptionRow = OptionRow & Readonly<{ question_id: number }>;

/** What an item has besides its version row. */
interface ItemChildren {
  readonly options: readonly OptionRow[];
  readonly textAnswers: readonly TextAnswerRow[];
  readonly hints: readonly string[];
  readonly parts: readonly PartRow[];
}

interface Statements {
  bank: Statement<[string], BankRow>;
  banks: Statement<[], { id: string; title: string }>;
  topics: Statement<[string], { id: string; title: string }>;
  items: Statement<[string], ItemRow>;
  options: Statement<[string], ItemOptionRow>;
  textAnswers: Statement<[string], TextAnswerRow>;
  hints: Statement<[string], HintRow>;
  parts: Statement<[string], PartRow>;
}

const cache = new WeakMap<Db, Statements>();

/**
 * The SQL reading a per-version child table (`columns` after `question_id`) for the current
 * versions of a bank's non-retired items, by question and then `order`.
 */
function currentChildRows(table: string, columns: string, order: string): string {
  return `
    SELECT c.question_id, ${columns}
    FROM questions q
    JOIN ${table} c ON c.question_id = q.id AND c.version = q.current_version
    WHERE q.bank_id = ? AND q.retired = 0
    ORDER BY c.question_id, c.${order}`;
}

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      bank: db.prepare(`SELECT id, title, license, description FROM banks WHERE id = ?`),
      banks: db.prepare(`SELECT id, title FROM banks ORDER BY id`),
      topics: db.prepare(
        `SELECT id, title FROM topics WHERE bank_id = ? AND position >= 0 ORDER BY position`,
      ),
      items: db.prepare(`
        SELECT q.id, q.item_id, q.topic_id, q.type, q.difficulty, v.stem, v.explanation,
               v.source, v.tags, v.answer_format, v.numeric_value, v.tolerance_abs,
               v.tolerance_rel, v.template_id, v.template_form, v.template_params,
               v.case_sensitive
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        WHERE q.bank_id = ? AND q.retired = 0
        ORDER BY q.id`),
      options: db.prepare(
        currentChildRows(
          'question_options',
          `option_id, text, feedback, correct, misconception_id, misconception_label, pin, weight`,
          'position',
        ),
      ),
      textAnswers: db.prepare(
        currentChildRows('question_text_answers', 'value, weight, feedback', 'position'),
      ),
      hints: db.prepare(currentChildRows('question_hints', 'text', 'rung')),
      parts: db.prepare(
        currentChildRows(
          'question_parts',
          `part_id, prompt, numeric_value, tolerance_abs, tolerance_rel, answer_format, hint`,
          'position',
        ),
      ),
    };
    cache.set(db, s);
  }
  return s;
}

/** The banks installed in the database, by id. */
export function listBanks(db: Db): { id: string; title: string }[] {
  return statements(db).banks.all();
}

function toOption(o: ChoiceOption): BankOption {
  return {
    id: o.id,
    text: o.text,
    ...(o.feedback !== undefined ? { feedback: o.feedback } : {}),
    ...(o.misconception !== undefined ? { misconception: { ...o.misconception } } : {}),
    ...(o.pin === true ? { pin: true } : {}),
    ...(o.weight !== undefined ? { weight: o.weight } : {}),
  };
}

function toTolerance(abs: number | null, rel: number | null): { abs?: number; rel?: number } {
  return { ...(abs !== null ? { abs } : {}), ...(rel !== null ? { rel } : {}) };
}

function toPart(row: PartRow): BankQuestionPart {
  return {
    id: row.part_id,
    prompt: row.prompt,
    answer: {
      value: JSON.parse(row.numeric_value) as number | number[],
      tolerance: toTolerance(row.tolerance_abs, row.tolerance_rel),
    },
    ...(row.answer_format !== null ? { answerFormat: row.answer_format } : {}),
    ...(row.hint !== null ? { hint: row.hint } : {}),
  };
}

/**
 * One item in a readable key order: what it is, the question, the key, the explanation and its
 * tutoring (hints, parts), then the metadata.
 */
function toItem(row: ItemRow, children: ItemChildren): BankItem {
  const head = { id: row.item_id, topic: row.topic_id };
  const hints = children.hints.length > 0 ? { hints: [...children.hints] } : {};
  const tail = {
    difficulty: row.difficulty,
    tags: JSON.parse(row.tags) as string[],
    source: row.source,
  };
  switch (row.type) {
    case 'mcq':
    case 'msq': {
      const options = toChoiceOptions(children.options);
      return {
        ...head,
        type: row.type,
        stem: row.stem ?? '',
        options: options.map(toOption),
        answer: options.filter((o) => o.correct).map((o) => o.id),
        explanation: row.explanation ?? '',
        ...hints,
        ...tail,
      };
    }
    case 'numeric':
      return {
        ...head,
        type: 'numeric',
        stem: row.stem ?? '',
        answer: {
          value: JSON.parse(row.numeric_value ?? 'null') as number | number[],
          tolerance: toTolerance(row.tolerance_abs, row.tolerance_rel),
        },
        ...(row.answer_format !== null ? { answerFormat: row.answer_format } : {}),
        explanation: row.explanation ?? '',
        ...hints,
        ...(children.parts.length > 0 ? { parts: children.parts.map(toPart) } : {}),
        ...tail,
      };
    case 'short':
      return {
        ...head,
        type: 'short',
        stem: row.stem ?? '',
        answer: {
          // Weight 1 is the default and feedback optional: written only when they say something.
          text: children.textAnswers.map((a) => ({
            value: a.value,
            ...(a.weight !== 1 ? { weight: a.weight } : {}),
            ...(a.feedback !== null ? { feedback: a.feedback } : {}),
          })),
          ...(row.case_sensitive === 1 ? { caseSensitive: true } : {}),
        },
        explanation: row.explanation ?? '',
        ...hints,
        ...tail,
      };
    case 'template':
      return {
        ...head,
        type: 'template',
        template: row.template_id ?? '',
        form: row.template_form ?? 'mcq',
        ...(row.template_params !== null
          ? { params: JSON.parse(row.template_params) as Record<string, number | string | boolean> }
          : {}),
        ...(row.stem !== null ? { stem: row.stem } : {}),
        ...(row.explanation !== null ? { explanation: row.explanation } : {}),
        ...hints,
        ...tail,
      };
    default:
      throw unreachable(row.type);
  }
}

/**
 * The pack of bank `bankId` as it stands: bank fields, the topics of its latest import in pack
 * order, and the current versions of its non-retired items in the order they were first
 * imported (items added by a later import come after the earlier ones). Throws
 * {@link BankExportError} for an unknown bank.
 */
export function exportPack(db: Db, bankId: string): BankPack {
  const s = statements(db);
  const bank = s.bank.get(bankId);
  if (bank === undefined) {
    const ids = s.banks.all().map((b) => b.id);
    throw new BankExportError(
      `no bank "${bankId}" in the database (installed: ${ids.length === 0 ? 'none' : ids.join(', ')})`,
    );
  }
  const questionId = (row: { question_id: number }) => row.question_id;
  const optionsById = groupByQuestion(s.options.iterate(bankId), questionId, (o) => o);
  const answersById = groupByQuestion(s.textAnswers.iterate(bankId), questionId, (a) => a);
  const hintsById = groupByQuestion(s.hints.iterate(bankId), questionId, (h) => h.text);
  const partsById = groupByQuestion(s.parts.iterate(bankId), questionId, (p) => p);
  return {
    format: 'deepdrill-bank',
    version: 1,
    id: bank.id,
    title: bank.title,
    license: bank.license,
    ...(bank.description !== null ? { description: bank.description } : {}),
    topics: s.topics.all(bankId).map((t) => ({ id: t.id, title: t.title })),
    items: s.items.all(bankId).map((row) =>
      toItem(row, {
        options: optionsById.get(row.id) ?? [],
        textAnswers: answersById.get(row.id) ?? [],
        hints: hintsById.get(row.id) ?? [],
        parts: partsById.get(row.id) ?? [],
      }),
    ),
  };
}
