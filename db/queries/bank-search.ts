/**
 * The bank browser's paged search. Without search words it is one indexed SQL query. With them,
 * every non-retired question's text (stem, item id, tags, topic title) is folded once by
 * `core/search-fold` into an in-memory index per connection, and the folded query is looked for
 * in it (and in the folded title of a template item's template): British/American spellings,
 * Greek letters and their LaTeX names, case and accents all match.
 *
 * Building the index folds every question (seconds on a 100k-question bank), so the app builds
 * it in idle time, in slices ({@link prepareSearchIndex} with a time budget, from
 * `electron/idle.ts`), after start and after every change; a search finds it ready. The index
 * is stale, and is built again, when the bank may have changed: a bank import or a restore (the
 * data epoch), a commit from another connection (the import worker: `PRAGMA data_version`), a
 * new question id. A search never uses a stale index: it finishes (or restarts) the build
 * first.
 */
import type { Statement } from 'better-sqlite3';
import { imagesAsAltText } from '../../core/embedded-image';
import { foldSearchText, searchMatcher } from '../../core/search-fold';
import type { Db } from '../connection';
import { dataChangeKey } from '../data-epoch';
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
  indexChunk: Statement<[{ after: number; limit: number }], IndexRow>;
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
      indexChunk: db.prepare(`
        SELECT q.id, q.item_id, q.topic_id, t.title AS topic_title, q.type, q.difficulty,
               v.stem, v.tags, v.template_id
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
        JOIN topics t ON t.id = q.topic_id
        WHERE q.retired = 0 AND q.id > @after
        ORDER BY q.id
        LIMIT @limit`),
      maxId: db.prepare<[], number | null>('SELECT max(id) FROM questions').pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * The folded text of every non-retired question, in id order, with what the filters need; built
 * in chunks of rows by id, `complete` once the last chunk was read.
 */
interface SearchIndex {
  readonly key: string;
  readonly ids: number[];
  readonly difficulties: number[];
  readonly topics: string[];
  readonly types: StoredQuestionType[];
  readonly templates: (string | null)[];
  readonly texts: string[];
  lastId: number;
  complete: boolean;
}

const indexes = new WeakMap<Db, SearchIndex>();
const foldedRows = new WeakMap<Db, number>();

/** Rows read per chunk of an index build (a few milliseconds of folding). */
const INDEX_CHUNK_ROWS = 500;

// Between the fields, so a query never matches across two of them.
const FIELD_SEPARATOR = ' \u0001 ';

function indexKey(db: Db): string {
  const s = statements(db);
  return `${dataChangeKey(db)}/${s.maxId.get() ?? 0}`;
}

function emptyIndex(key: string): SearchIndex {
  return {
    key,
    ids: [],
    difficulties: [],
    topics: [],
    types: [],
    templates: [],
    texts: [],
    lastId: 0,
    complete: false,
  };
}

/** Folds the next chunk of rows into `index`. */
function foldChunk(db: Db, index: SearchIndex): void {
  const rows = statements(db).indexChunk.all({ after: index.lastId, limit: INDEX_CHUNK_ROWS });
  for (const r of rows) {
    index.ids.push(r.id);
    index.difficulties.push(r.difficulty);
    index.topics.push(r.topic_id);
    index.types.push(r.type);
    index.templates.push(r.template_id);
    index.texts.push(
      foldSearchText(
        [imagesAsAltText(r.stem ?? ''), r.item_id, r.tags, r.topic_title].join(FIELD_SEPARATOR),
      ),
    );
  }
  foldedRows.set(db, (foldedRows.get(db) ?? 0) + rows.length);
  if (rows.length > 0) index.lastId = rows[rows.length - 1].id;
  if (rows.length < INDEX_CHUNK_ROWS) index.complete = true;
}

/**
 * The current index, built on until it is complete or `deadline` (performance.now()) passed,
 * one chunk at least unless `deadline` is null (then nothing is folded: a probe).
 */
function advanceIndex(db: Db, deadline: number | null): SearchIndex {
  for (let chunks = 0; ; chunks++) {
    // Checked before every chunk: a commit from another connection between two chunks changes
    // the key, and the build starts over.
    const key = indexKey(db);
    let index = indexes.get(db);
    if (index === undefined || index.key !== key) {
      index = emptyIndex(key);
      indexes.set(db, index);
    }
    if (index.complete || deadline === null || (chunks > 0 && performance.now() >= deadline)) {
      return index;
    }
    foldChunk(db, index);
  }
}

/**
 * Builds the connection's search index, or goes on building it, for about `budgetMs`
 * milliseconds (one chunk of rows at least; a budget of 0 only asks); true when it is
 * complete and current. Idle time calls it with a small budget until it returns true; a search
 * finishes whatever is left. A build that the bank changed under (see the module comment)
 * starts again.
 */
export function prepareSearchIndex(db: Db, budgetMs: number): boolean {
  return advanceIndex(db, budgetMs > 0 ? performance.now() + budgetMs : null).complete;
}

/**
 * How many question rows this connection has folded into search indexes since it opened: what
 * building them cost. A search on a prepared index folds none.
 */
export function searchIndexRowsFolded(db: Db): number {
  return foldedRows.get(db) ?? 0;
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
  const index = advanceIndex(db, Infinity);
  // A template item also matches by its template's title (folded once per search).
  const titleMatches = new Map<string, boolean>();
  const templateMatches = (templateId: string): boolean => {
    let hit = titleMatches.get(templateId);
    if (hit === undefined) {
      hit = matches(foldSearchText(templateTitle(templateId) ?? templateId));
      titleMatches.set(templateId, hit);
    }
    return hit;
  };
  const page: number[] = [];
  let total = 0;
  for (let i = 0; i < index.ids.length; i++) {
    if (params.topic !== null && index.topics[i] !== params.topic) continue;
    if (params.type !== null && index.types[i] !== params.type) continue;
    if (params.difficulty !== null && index.difficulties[i] !== params.difficulty) continue;
    const template = index.templates[i];
    if (!matches(index.texts[i]) && (template === null || !templateMatches(template))) continue;
    if (total >= offset && page.length < limit) page.push(index.ids[i]);
    total++;
  }
  const items =
    page.length === 0
      ? []
      : s.byIds.all(JSON.stringify(page)).map((r) => toSummary(r, templateTitle));
  return { total, items };
}
