/**
 * Exporting a bank as a pack: the current versions of its non-retired items, in the order they
 * were first imported, such that importing the export changes nothing and exporting an import
 * gives back the pack (answers listed in option order, the order import stores).
 */
import type { Statement } from 'better-sqlite3';
import { unreachable, type ChoiceOption } from '../../core/types';
import type { Db } from '../connection';
import { toChoiceOptions, type OptionRow } from '../queries/questions';
import type { BankItem, BankPack } from './schema';

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
}>;
type ItemOptionRow = OptionRow & Readonly<{ question_id: number }>;

interface Statements {
  bank: Statement<[string], BankRow>;
  banks: Statement<[], { id: string; title: string }>;
  topics: Statement<[string], { id: string; title: string }>;
  items: Statement<[string], ItemRow>;
  options: Statement<[string], ItemOptionRow>;
}

const cache = new WeakMap<Db, Statements>();

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
               v.tolerance_rel, v.template_id, v.template_form, v.template_params
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        WHERE q.bank_id = ? AND q.retired = 0
        ORDER BY q.id`),
      options: db.prepare(`
        SELECT o.question_id, o.option_id, o.text, o.feedback, o.correct, o.misconception_id,
               o.misconception_label, o.pin
        FROM questions q
        JOIN question_options o ON o.question_id = q.id AND o.version = q.current_version
        WHERE q.bank_id = ? AND q.retired = 0
        ORDER BY o.question_id, o.position`),
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
  };
}

/** One item in a readable key order: what it is, the question, the key, then the metadata. */
function toItem(row: ItemRow, optionRows: readonly OptionRow[]): BankItem {
  const head = { id: row.item_id, topic: row.topic_id };
  const tail = {
    difficulty: row.difficulty,
    tags: JSON.parse(row.tags) as string[],
    source: row.source,
  };
  switch (row.type) {
    case 'mcq':
    case 'msq': {
      const options = toChoiceOptions(optionRows);
      return {
        ...head,
        type: row.type,
        stem: row.stem ?? '',
        options: options.map(toOption),
        answer: options.filter((o) => o.correct).map((o) => o.id),
        explanation: row.explanation ?? '',
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
          tolerance: {
            ...(row.tolerance_abs !== null ? { abs: row.tolerance_abs } : {}),
            ...(row.tolerance_rel !== null ? { rel: row.tolerance_rel } : {}),
          },
        },
        ...(row.answer_format !== null ? { answerFormat: row.answer_format } : {}),
        explanation: row.explanation ?? '',
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
  const optionsById = new Map<number, OptionRow[]>();
  for (const o of s.options.iterate(bankId)) {
    let list = optionsById.get(o.question_id);
    if (list === undefined) optionsById.set(o.question_id, (list = []));
    list.push(o);
  }
  return {
    format: 'deepdrill-bank',
    version: 1,
    id: bank.id,
    title: bank.title,
    license: bank.license,
    ...(bank.description !== null ? { description: bank.description } : {}),
    topics: s.topics.all(bankId).map((t) => ({ id: t.id, title: t.title })),
    items: s.items.all(bankId).map((row) => toItem(row, optionsById.get(row.id) ?? [])),
  };
}
