/**
 * Typed queries behind "practise my misconceptions": the questions that can show a learner a
 * misconception again. Fixed items carry it on an option of their current version; template
 * items name a template whose mistaken rules produce it. Connection first; statements cached
 * per connection; the id lists go in as one JSON array parameter.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';

/** A question that can show one of the misconceptions asked about. */
export interface MisconceptionQuestionRecord {
  readonly questionId: number;
  readonly topicId: string;
  /** The option's misconception (fixed items) or the item's template id (template items). */
  readonly via: string;
  readonly retired: boolean;
}

/** Rows read per query: enough to sample from, bounded on a huge bank. */
const ROW_CAP = 5000;

type Row = Readonly<{ id: number; topic_id: string; via: string; retired: number }>;
type RangeArgs = [string, number, number, number];

interface Statements {
  byOption: Statement<RangeArgs, Row>;
  byTemplate: Statement<RangeArgs, Row>;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      byOption: db.prepare(`
        SELECT DISTINCT q.id, q.topic_id, o.misconception_id AS via, q.retired
        FROM question_options o
        JOIN questions q ON q.id = o.question_id AND o.version = q.current_version
        WHERE o.misconception_id IN (SELECT value FROM json_each(?))
          AND q.difficulty BETWEEN ? AND ?
        ORDER BY q.id LIMIT ?`),
      byTemplate: db.prepare(`
        SELECT q.id, q.topic_id, v.template_id AS via, q.retired
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        WHERE q.type = 'template' AND v.template_id IN (SELECT value FROM json_each(?))
          AND q.difficulty BETWEEN ? AND ?
        ORDER BY q.id LIMIT ?`),
    };
    cache.set(db, s);
  }
  return s;
}

function toRecords(rows: readonly Row[]): MisconceptionQuestionRecord[] {
  return rows.map((r) => ({
    questionId: r.id,
    topicId: r.topic_id,
    via: r.via,
    retired: r.retired === 1,
  }));
}

/**
 * Fixed questions (retired ones included, flagged) whose current version has an option carrying
 * one of `misconceptionIds`, in `difficulty`; one row per question and misconception.
 */
export function questionsWithOptionMisconceptions(
  db: Db,
  misconceptionIds: readonly string[],
  difficulty: { readonly min: number; readonly max: number },
): MisconceptionQuestionRecord[] {
  const args: RangeArgs = [
    JSON.stringify(misconceptionIds),
    difficulty.min,
    difficulty.max,
    ROW_CAP,
  ];
  return toRecords(statements(db).byOption.all(...args));
}

/** Template questions (retired ones included, flagged) of one of `templateIds`, in `difficulty`. */
export function questionsOfTemplates(
  db: Db,
  templateIds: readonly string[],
  difficulty: { readonly min: number; readonly max: number },
): MisconceptionQuestionRecord[] {
  const args: RangeArgs = [JSON.stringify(templateIds), difficulty.min, difficulty.max, ROW_CAP];
  return toRecords(statements(db).byTemplate.all(...args));
}
