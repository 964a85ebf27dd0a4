import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../bank/import';
import { samplePack, syntheticPack, tempDir } from '../bank/test-fixtures';
import { openDatabase, type Db } from '../connection';
import { bumpDataEpoch } from '../data-epoch';
import { prepareSearchIndex, searchIndexRowsFolded, searchQuestions } from './bank-search';

let db: Db;
beforeAll(() => {
  db = openDatabase(join(tempDir(), 'bank-search.db'));
  importPack(db, samplePack());
  importPack(db, syntheticPack(30, 'syn'));
});
afterAll(() => db.close());

describe('searchQuestions', () => {
  it('matches stem, item id and tags, case-insensitively, with a total', () => {
    expect(searchQuestions(db, { search: 'BATCH NORM' }).items.map((i) => i.itemId)).toEqual([
      'bn-test-time',
      'bn-mean',
    ]);
    expect(searchQuestions(db, { search: 'tconv' }).items.map((i) => i.itemId)).toEqual([
      'tconv-out',
    ]);
    expect(searchQuestions(db, { search: 'upsampling' }).total).toBe(1);
    expect(searchQuestions(db, { search: '' }).total).toBe(36);
  });

  it('treats % and _ literally', () => {
    expect(searchQuestions(db, { search: '%' }).total).toBe(0);
    expect(searchQuestions(db, { search: 'group_1' }).total).toBe(0);
    expect(searchQuestions(db, { search: 'group-1' }).total).toBeGreaterThan(0);
  });

  it('filters by topic, type and difficulty and pages with limit/offset', () => {
    const page = searchQuestions(db, { topic: 'syn-t0', limit: 2, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.itemId)).toEqual(['q10', 'q20']);
    expect(searchQuestions(db, { type: 'template' }).items.map((i) => i.itemId)).toEqual([
      'conv-size-numeric',
      'conv-size-mcq',
    ]);
    expect(searchQuestions(db, { difficulty: 5, search: 'q' }).total).toBe(6);
  });

  it('summarises stems as plain text and names stem-less template items by title', () => {
    const page = searchQuestions(db, { type: 'template' }, (id) =>
      id === 'conv-output-size' ? 'Convolution output size' : undefined,
    );
    expect(page.items.map((i) => i.summary)).toEqual([
      'Mind the padding.',
      'Convolution output size',
    ]);
    expect(searchQuestions(db, { search: 'bn-test-time' }).items[0].summary).toBe(
      'At test time, which statistics does batch norm use? $\\mu$ and $\\sigma^2$ of…',
    );
  });

  it('leaves retired questions out', () => {
    const other = openDatabase(join(tempDir(), 'retired.db'));
    importPack(other, samplePack());
    const pack = samplePack();
    pack.items = pack.items.slice(1);
    importPack(other, pack);
    expect(searchQuestions(other, { search: 'bn-test-time' }).total).toBe(0);
    other.close();
  });
});

/** A pack whose stems spell things in the ways learners search for them. */
function spellingPack() {
  const item = (id: string, topic: string, stem: string, tags: string[] = []) => ({
    id,
    topic,
    type: 'mcq' as const,
    stem,
    options: [
      { id: 'a', text: 'yes' },
      { id: 'b', text: 'no' },
    ],
    answer: ['a'],
    explanation: 'Because.',
    difficulty: 2,
    tags,
    source: 'test',
  });
  return {
    format: 'deepdrill-bank',
    version: 1,
    id: 'spelling',
    title: 'Spelling bank',
    license: 'CC0-1.0',
    topics: [
      { id: 'sp-norm', title: 'Batch normalisation' },
      { id: 'sp-init', title: 'Weight initialization' },
    ],
    items: [
      item('sp-bn-gamma', 'sp-norm', 'After normalising, batch norm scales by $\\gamma$.'),
      item('sp-bn-name', 'sp-norm', 'The learned scale gamma starts at one.'),
      item('sp-bn-symbol', 'sp-norm', 'With γ = 1 and β = 0, what is the output?'),
      item('sp-ln-z', 'sp-norm', 'Layer normalization computes statistics per sample.'),
      item('sp-var', 'sp-norm', 'What is $\\sigma^2$ of the batch?'),
      item('sp-init-he', 'sp-init', 'He init keeps the variance of activations.', ['fan-in']),
      item('sp-fid', 'sp-init', 'The Fréchet distance compares two Gaussians.'),
      item('sp-pixel', 'sp-init', 'Which pixel does the colour jitter change?'),
    ],
  };
}

describe('searchQuestions with folded text', () => {
  let sp: Db;
  beforeAll(() => {
    sp = openDatabase(join(tempDir(), 'spelling.db'));
    expect(importPack(sp, spellingPack()).ok).toBe(true);
  });
  afterAll(() => sp.close());
  const found = (search: string): string[] =>
    searchQuestions(sp, { search }).items.map((i) => i.itemId);

  it('finds British spellings with American ones and back', () => {
    // Stems: "normalising" (bn-gamma), "normalization" (ln-z); topic "Batch normalisation"
    // holds the five sp-norm items, so each spelling finds all five.
    const norm = ['sp-bn-gamma', 'sp-bn-name', 'sp-bn-symbol', 'sp-ln-z', 'sp-var'];
    expect(found('normalization')).toEqual(norm);
    expect(found('Normalisation')).toEqual(norm);
    expect(found('normalizing')).toEqual(['sp-bn-gamma']);
    expect(found('color')).toEqual(['sp-pixel']);
  });

  it('matches topic titles', () => {
    // Only the topic title says "initialisation" (American there); no stem does.
    expect(found('initialisation')).toEqual(['sp-init-he', 'sp-fid', 'sp-pixel']);
  });

  it('finds a Greek letter by symbol, LaTeX command or name', () => {
    const gamma = ['sp-bn-gamma', 'sp-bn-name', 'sp-bn-symbol'];
    expect(found('γ')).toEqual(gamma);
    expect(found('\\gamma')).toEqual(gamma);
    expect(found('Gamma')).toEqual(gamma);
    expect(found('σ')).toEqual(['sp-var']);
    // "pi" is a whole word only: "pixel" is not π.
    expect(found('π')).toEqual([]);
  });

  it('ignores accents and case', () => {
    expect(found('frechet')).toEqual(['sp-fid']);
    expect(found('FRÉCHET')).toEqual(['sp-fid']);
  });

  it('filters and pages the matches, with their total', () => {
    const page = searchQuestions(sp, { search: 'gamma', limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.itemId)).toEqual(['sp-bn-name']);
    expect(searchQuestions(sp, { search: 'normalisation', topic: 'sp-init' }).total).toBe(0);
  });
});

describe('the search index', () => {
  it('sees questions imported and retired after it was built', () => {
    const other = openDatabase(join(tempDir(), 'fresh.db'));
    const pack = spellingPack();
    const first = { ...pack, items: pack.items.slice(0, 1) };
    importPack(other, first);
    expect(searchQuestions(other, { search: 'gamma' }).total).toBe(1);
    importPack(other, pack);
    expect(searchQuestions(other, { search: 'gamma' }).total).toBe(3);
    // Retiring keeps every id: a bank import in the service bumps the data epoch.
    importPack(other, { ...pack, items: pack.items.slice(1) });
    bumpDataEpoch(other);
    expect(searchQuestions(other, { search: 'gamma' }).total).toBe(2);
    other.close();
  });
});

describe('building the search index in slices', () => {
  it('folds nothing on a zero budget, completes slice by slice, and a search then folds nothing', () => {
    const file = join(tempDir(), 'slices.db');
    const own = openDatabase(file);
    importPack(own, syntheticPack(3000, 'sl'));
    // Ids are read in chunks by primary key, never by scanning the table for each chunk.
    const plan = own
      .prepare(
        `EXPLAIN QUERY PLAN SELECT q.id FROM questions q
         JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version
         JOIN topics t ON t.id = q.topic_id
         WHERE q.retired = 0 AND q.id > 0 ORDER BY q.id LIMIT 500`,
      )
      .all()
      .map((r) => (r as { detail: string }).detail);
    expect(plan[0]).toMatch(/^SEARCH q USING INTEGER PRIMARY KEY \(rowid>\?\)$/);

    expect(prepareSearchIndex(own, 0)).toBe(false);
    expect(searchIndexRowsFolded(own)).toBe(0);
    let slices = 0;
    while (!prepareSearchIndex(own, 0.001)) slices++;
    // 3 000 rows in chunks of 500: every slice folds at least one chunk.
    expect(slices).toBeGreaterThan(0);
    expect(slices).toBeLessThanOrEqual(6);
    expect(searchIndexRowsFolded(own)).toBe(3000);
    // Tags hold "group-(i mod 7)": i ≡ 5 (mod 7) for i = 5, 12, …, 2 994 (5 + 7·427) is 428 items.
    expect(searchQuestions(own, { search: 'group-5' }).total).toBe(428);
    expect(searchIndexRowsFolded(own)).toBe(3000);

    // Half-way through a rebuild, another connection (the import worker) commits a new bank:
    // the build starts over and the search sees the new questions.
    bumpDataEpoch(own);
    expect(prepareSearchIndex(own, 0.001)).toBe(false);
    const worker = openDatabase(file);
    importPack(worker, spellingPack());
    worker.close();
    expect(searchQuestions(own, { search: 'gamma' }).total).toBe(3);
    expect(searchQuestions(own, { search: 'group-5' }).total).toBe(428);
    own.close();
  });
});
