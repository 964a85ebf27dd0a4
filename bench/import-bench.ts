/**
 * Bank import throughput: `importPack` (validation + import, one transaction) of the synthetic
 * pack into a fresh database, against a bare better-sqlite3 loop inserting the same rows into the
 * same tables (questions, question_versions, question_options) with prepared statements in one
 * transaction, in the same run and on the same disk. Both databases are opened with
 * `openDatabase` (WAL, synchronous = FULL).
 */
import { join } from 'node:path';
import { importPack, importValidatedPack } from '../db/bank/import';
import type { BankPackInput } from '../db/bank/schema';
import { validatePack } from '../db/bank/validate';
import { openDatabase } from '../db/connection';
import { removeDb } from './generate';
import { log, round } from './stats';

/** Results of the import benchmark (rates in questions per second). */
export interface ImportResult {
  readonly import_rate: number;
  readonly raw_insert_rate: number;
  readonly import_vs_raw: number;
  /** Breakdown of one extra run: zod + cross-field validation, then the database part. */
  readonly import_breakdown_ms: {
    readonly validate: number;
    readonly write: number;
    readonly total_import: number;
    readonly raw_insert: number;
  };
}

type Row = readonly unknown[];

interface RawRows {
  readonly questions: Row[];
  readonly versions: Row[];
  /** Options of question i are `options[i]`, one row each (question id bound at run time). */
  readonly options: Row[][];
}

/** The rows `importPack` writes for a fresh bank, as plain arrays (built outside the timing). */
function rawRows(pack: BankPackInput, now: number): RawRows {
  const questions: Row[] = [];
  const versions: Row[] = [];
  const options: Row[][] = [];
  for (const item of pack.items) {
    questions.push([pack.id, item.id, item.topic, item.type, item.difficulty]);
    const tags = JSON.stringify(item.tags);
    switch (item.type) {
      case 'mcq':
      case 'msq': {
        const correct = new Set(item.answer);
        versions.push([
          item.stem,
          item.explanation,
          item.source,
          tags,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          now,
        ]);
        options.push(
          item.options.map((o, k) => [
            k,
            o.id,
            o.text,
            o.feedback ?? null,
            correct.has(o.id) ? 1 : 0,
            o.misconception?.id ?? null,
            o.misconception?.label ?? null,
          ]),
        );
        break;
      }
      case 'numeric':
        versions.push([
          item.stem,
          item.explanation,
          item.source,
          tags,
          item.answerFormat ?? null,
          JSON.stringify(item.answer.value),
          item.answer.tolerance.abs ?? null,
          item.answer.tolerance.rel ?? null,
          null,
          null,
          null,
          now,
        ]);
        options.push([]);
        break;
      case 'template':
        versions.push([
          item.stem ?? null,
          item.explanation ?? null,
          item.source,
          tags,
          null,
          null,
          null,
          null,
          item.template,
          item.form ?? 'mcq',
          item.params === undefined ? null : JSON.stringify(item.params),
          now,
        ]);
        options.push([]);
        break;
    }
  }
  return { questions, versions, options };
}

/** The bare loop: one transaction, one prepared statement per table, row by row. */
function rawInsert(file: string, pack: BankPackInput, rows: RawRows, now: number): number {
  removeDb(file);
  const db = openDatabase(file);
  const bank = db.prepare(
    'INSERT INTO banks (id, title, license, description, imported_at) VALUES (?, ?, ?, ?, ?)',
  );
  const topic = db.prepare('INSERT INTO topics (id, title, bank_id, position) VALUES (?, ?, ?, ?)');
  const question = db.prepare(`
    INSERT INTO questions (bank_id, item_id, topic_id, type, difficulty, current_version, retired)
    VALUES (?, ?, ?, ?, ?, 1, 0)`);
  const version = db.prepare(`
    INSERT INTO question_versions (question_id, version, stem, explanation, source, tags,
      answer_format, numeric_value, tolerance_abs, tolerance_rel, template_id, template_form,
      template_params, created_at)
    VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const option = db.prepare(`
    INSERT INTO question_options (question_id, version, position, option_id, text, feedback,
      correct, misconception_id, misconception_label)
    VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)`);
  const t0 = performance.now();
  db.transaction(() => {
    bank.run(pack.id, pack.title, pack.license, pack.description ?? null, now);
    pack.topics.forEach((t, i) => topic.run(t.id, t.title, pack.id, i));
    for (let i = 0; i < rows.questions.length; i++) {
      const id = question.run(...rows.questions[i]).lastInsertRowid;
      version.run(id, ...rows.versions[i]);
      for (const o of rows.options[i]) option.run(id, ...o);
    }
  }).immediate();
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

function timedImport(file: string, pack: BankPackInput, now: number): number {
  removeDb(file);
  const db = openDatabase(file);
  const t0 = performance.now();
  const report = importPack(db, pack, { now });
  const ms = performance.now() - t0;
  db.close();
  if (!report.ok || report.added !== pack.items.length) {
    throw new Error(`import failed: ${JSON.stringify(report).slice(0, 500)}`);
  }
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs import and the raw loop `runs` times each, alternating, on fresh files in `dir`; rates
 * from the median times.
 */
export function benchImport(pack: BankPackInput, dir: string, runs: number): ImportResult {
  const now = Date.UTC(2026, 0, 1);
  const questions = pack.items.length;
  const rows = rawRows(pack, now);
  const importFile = join(dir, 'import.db');
  const rawFile = join(dir, 'raw.db');
  const importMs: number[] = [];
  const rawMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    importMs.push(timedImport(importFile, pack, now));
    rawMs.push(rawInsert(rawFile, pack, rows, now));
    log(
      `import run ${run + 1}/${runs}: importPack ${importMs[run].toFixed(0)} ms, raw loop ${rawMs[run].toFixed(0)} ms (${questions} questions)`,
    );
  }
  // Breakdown: validation alone, then the database part alone, on one more fresh file.
  const t0 = performance.now();
  const validation = validatePack(pack);
  const validateMs = performance.now() - t0;
  if (!validation.ok) throw new Error('synthetic pack does not validate');
  removeDb(importFile);
  const db = openDatabase(importFile);
  const t1 = performance.now();
  importValidatedPack(db, validation.pack, { now });
  const writeMs = performance.now() - t1;
  db.close();
  removeDb(importFile);
  removeDb(rawFile);
  const importRate = questions / (median(importMs) / 1000);
  const rawRate = questions / (median(rawMs) / 1000);
  return {
    import_rate: Math.round(importRate),
    raw_insert_rate: Math.round(rawRate),
    import_vs_raw: round(importRate / rawRate),
    import_breakdown_ms: {
      validate: round(validateMs, 1),
      write: round(writeMs, 1),
      total_import: round(median(importMs), 1),
      raw_insert: round(median(rawMs), 1),
    },
  };
}
