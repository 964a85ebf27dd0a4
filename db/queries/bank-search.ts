/**
 * The bank browser's paged search. Without search words it is one indexed SQL query. With them,
 * every non-retired question's text (stem, item id, tags, topic title, template title) is folded
 * once by `core/search-fold` into an in-memory index per connection, and the folded query is
 * looked for in it: British/American spellings, Greek letters and their LaTeX names, case and
 * accents all match. The index is rebuilt when the bank may have changed: a bank import or a
 * restore (the data epoch), a commit from another connection (the import worker:
 * `PRAGMA data_version`), a new question id.
 */
import type { Statement } from 'better-sqlite3';
import { foldSearchText, searchMatcher } from '../../core/search-fold';
import type { Db } from '../connection';
import { dataEpoch } from '../data-epoch';
import { summarizeStem, type StoredQuestionType } from './questions';

/** One row of the bank browser (structurally the contract's `QuestionListItem`). */
export interface QuestionSummary {
  readonly questionId: number;
  readonly itemId: string;
  readonly bankId: string;
  readonly topicId: string;
  readonly topicTitle: string;
  readonly type: StoredQuestionType;
  readonly difficulty: number;
  /** First line of the stem as plain text, or the template title. */
  readonly summary: string;
}

/** One page of matches plus their total (structurally the contract's `QuestionPage`). */
export interface QuestionSummaryPage {
  readonly total: number;
  readonly items: readonly QuestionSummary[];
}

/** Filter of {@link searchQuestions} (the contract's `listQuestions` input). */
export interface QuestionSearch {
  /**
   * Words looked for in the stem, the item id, the tags, the topic title and the template
   * title, folded as `core/search-fold` says; empty matches everything.
   */
  readonly search?: string;
  readonly topic?: string;
  readonly type?: StoredQuestionType;
  readonly difficulty?: number;
  readonly limit?: number;
  readonly offset?: number;
}

/** Names template items (the service passes the core template registry's titles). */
export type TemplateTitle = (templateId: string) => string | undefined;

type ListRow = Readonly<{
  id: number;
  item_id: string;
  bank_id: string;
  topic_id: string;
  topic_title: string;
  type: StoredQuestionType;
  difficulty: number;
  stem: string | null;
  template_id: string | null;
}>;

type IndexRow = Readonly<{
  id: number;
  item_id: string;
  topic_id: string;
  topic_title: string;
  type: StoredQuestionType;
  difficulty: number;
  stem: string | null;
  tags: string;
  template_id: string | null;
}>;

interface FilterParams {
  topic: string | null;
  type: string | null;
  difficulty: number | null;
}

interface Statements {
  page: Statement<[FilterParams & { limit: number; offset: number }], ListRow>;
  count: Statement<[FilterParams], number>;
  byIds: Statement<[string], ListRow>;
  indexRows: Statement<[], IndexRow>;
  maxId: Statement<[], number | null>;
}

const listColumns = `
  q.id, q.item_id, q.bank_id, q.topic_id, t.title AS topic_title, q.type, q.difficulty, v.stem,
  v.template_id`;

// Optional filters as `(@x IS NULL OR …)` keep one cached statement for every combination.
const filterWhere = `
  q.retired = 0
  AND (@topic IS NULL OR q.topic_id = @topic)
  AND (@type IS NULL OR q.type = @type)
  AND (@difficulty IS NULL OR q.difficulty = @difficulty)`;

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s === undefined) {
    s = {
      page: db.prepare(`
        SELECT ${listColumns}
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        JOIN topics t ON t.id = q.topic_id
        WHERE ${filterWhere}
        ORDER BY q.id
        LIMIT @limit OFFSET @offset`),
      count: db
        .prepare<[FilterParams], number>(`SELECT count(*) FROM questions q WHERE ${filterWhere}`)
        .pluck(),
      byIds: db.prepare(`
        SELECT ${listColumns}
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        JOIN topics t ON t.id = q.topic_id
        WHERE q.id IN (SELECT value FROM json_each(?))
        ORDER BY q.id`),
      indexRows: db.prepare(`
        SELECT q.id, q.item_id, q.topic_id, t.title AS topic_title, q.type, q.difficulty,
               v.stem, v.tags, v.template_id
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        JOIN topics t ON t.id = q.topic_id
        WHERE q.retired = 0
        ORDER BY q.id`),
      maxId: db.prepare<[], number | null>('SELECT max(id) FROM questions').pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

/** The folded text of every non-retired question, in id order, with what the filters need. */
interface SearchIndex {
  readonly key: string;
  readonly ids: Int32Array;
  readonly difficulties: Uint8Array;
  readonly topics: readonly string[];
  readonly types: readonly StoredQuestionType[];
  readonly texts: readonly string[];
}

const indexes = new WeakMap<Db, SearchIndex>();

// Between the fields, so a query never matches across two of them.
const FIELD_SEPARATOR = ' \u0001 ';

function indexKey(db: Db): string {
  const s = statements(db);
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  return `${dataEpoch(db)}/${dataVersion}/${s.maxId.get() ?? 0}`;
}

function searchIndex(db: Db, templateTitle: TemplateTitle): SearchIndex {
  const key = indexKey(db);
  const cached = indexes.get(db);
  if (cached !== undefined && cached.key === key) return cached;
  const rows = statements(db).indexRows.all();
  const index: SearchIndex = {
    key,
    ids: Int32Array.from(rows, (r) => r.id),
    difficulties: Uint8Array.from(rows, (r) => r.difficulty),
    topics: rows.map((r) => r.topic_id),
    types: rows.map((r) => r.type),
    texts: rows.map((r) =>
      foldSearchText(
        [
          r.stem ?? '',
          r.template_id === null ? '' : (templateTitle(r.template_id) ?? r.template_id),
          r.item_id,
          r.tags,
          r.topic_title,
        ].join(FIELD_SEPARATOR),
      ),
    ),
  };
  indexes.set(db, index);
  return index;
}

function toSummary(r: ListRow, templateTitle: TemplateTitle): QuestionSummary {
  return {
    questionId: r.id,
    itemId: r.item_id,
    bankId: r.bank_id,
    topicId: r.topic_id,
    topicTitle: r.topic_title,
    type: r.type,
    difficulty: r.difficulty,
    summary:
      r.stem !== null
        ? summarizeStem(r.stem)
        : (templateTitle(r.template_id ?? '') ?? `template ${r.template_id ?? ''}`),
  };
}

/**
 * One page of the bank browser: non-retired questions (current versions) matching `search`
 * (see the module comment), filtered by topic, type and difficulty, in id order, plus the total
 * number of matches. `templateTitle` names template items without a stem and is searched too.
 * Changes to the bank through this connection other than a bank import or a restore must call
 * `bumpDataEpoch`, as for every cache of questions.
 */
export function searchQuestions(
  db: Db,
  filter: QuestionSearch,
  templateTitle: TemplateTitle = () => undefined,
): QuestionSummaryPage {
  const s = statements(db);
  const params: FilterParams = {
    topic: filter.topic ?? null,
    type: filter.type ?? null,
    difficulty: filter.difficulty ?? null,
  };
  const limit = filter.limit ?? 50;
  const offset = filter.offset ?? 0;
  const matches = searchMatcher(filter.search ?? '');
  if (matches === null) {
    return {
      total: s.count.get(params) ?? 0,
      items: s.page.all({ ...params, limit, offset }).map((r) => toSummary(r, templateTitle)),
    };
  }
  const index = searchIndex(db, templateTitle);
  const page: number[] = [];
  let total = 0;
  for (let i = 0; i < index.ids.length; i++) {
    if (params.topic !== null && index.topics[i] !== params.topic) continue;
    if (params.type !== null && index.types[i] !== params.type) continue;
    if (params.difficulty !== null && index.difficulties[i] !== params.difficulty) continue;
    if (!matches(index.texts[i])) continue;
    if (total >= offset && page.length < limit) page.push(index.ids[i]);
    total++;
  }
  const items =
    page.length === 0
      ? []
      : s.byIds.all(JSON.stringify(page)).map((r) => toSummary(r, templateTitle));
  return { total, items };
}
