/**
 * A small database of learners' answers for the results-export tests (unit, CLI, integration):
 * rows inserted directly with SQL so the tests depend on the schema only. Times are fixed.
 */
import type { Db } from '../connection';

/** 2025-03-03T09:00:00.000Z, when the first quiz started. */
export const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);

/** Learner names, chosen to exercise CSV quoting and formula-injection guarding. */
export const LEARNERS = ['Ada Lovelace', '=HYPERLINK("http://x")', 'Bob, "the builder"'] as const;

/**
 * Inserts one bank with two topics; questions of every type (an mcq with two versions whose keys
 * differ, an msq, numerics with absolute, relative and vector keys, a numeric and an mcq
 * template item); three learners; two finished quiz sessions and an active one; eight attempts.
 */
export function seedResults(db: Db): void {
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
  db.transaction(() => {
    run(
      `INSERT INTO banks (id, title, license, description, imported_at) VALUES (?, ?, ?, NULL, ?)`,
      'dl-week11',
      'DL week 11',
      'CC-BY-4.0',
      T0,
    );
    run(
      `INSERT INTO topics (id, title, bank_id, position) VALUES (?, ?, ?, ?)`,
      'dl.bn',
      'Batch norm',
      'dl-week11',
      0,
    );
    run(
      `INSERT INTO topics (id, title, bank_id, position) VALUES (?, ?, ?, ?)`,
      'dl.tconv',
      'Transposed convolution',
      'dl-week11',
      1,
    );
    const questions: [number, string, string, string, number][] = [
      [1, 'bn-eval', 'dl.bn', 'mcq', 2],
      [2, 'sparse', 'dl.bn', 'msq', 1],
      [3, 'tconv-len', 'dl.tconv', 'numeric', 1],
      [4, 'lr-rel', 'dl.tconv', 'numeric', 1],
      [5, 'conv-size', 'dl.tconv', 'template', 1],
      [6, 'axes', 'dl.bn', 'template', 1],
      [7, 'vec', 'dl.tconv', 'numeric', 1],
    ];
    for (const [id, item, topic, type, version] of questions) {
      run(
        `INSERT INTO questions (id, bank_id, item_id, topic_id, type, difficulty, current_version) VALUES (?, 'dl-week11', ?, ?, ?, 3, ?)`,
        id,
        item,
        topic,
        type,
        version,
      );
    }
    const version = (
      q: number,
      v: number,
      stem: string | null,
      numeric: { value: string; abs: number | null; rel: number | null } | null,
      template: { id: string; form: 'mcq' | 'numeric' } | null,
    ) =>
      run(
        `INSERT INTO question_versions (question_id, version, stem, explanation, source, tags, numeric_value, tolerance_abs, tolerance_rel, template_id, template_form, created_at)
       VALUES (?, ?, ?, ?, 'test', '[]', ?, ?, ?, ?, ?, ?)`,
        q,
        v,
        stem,
        stem === null ? null : 'Because.',
        numeric?.value ?? null,
        numeric?.abs ?? null,
        numeric?.rel ?? null,
        template?.id ?? null,
        template?.form ?? null,
        T0,
      );
    version(1, 1, 'Which statistics does batch norm use at test time? (v1)', null, null);
    version(1, 2, 'In evaluation mode, batch norm normalises with which statistics?', null, null);
    version(2, 1, 'Which penalties give sparse weights?', null, null);
    version(
      3,
      1,
      'Output length of a stride-2, kernel-3 transposed convolution on 4 inputs?',
      { value: '9', abs: 0.5, rel: null },
      null,
    );
    version(4, 1, 'Steps per epoch for 200 batches?', { value: '200', abs: null, rel: 0.01 }, null);
    version(5, 1, null, null, { id: 'conv-output-size', form: 'numeric' });
    version(6, 1, null, null, { id: 'norm-axes', form: 'mcq' });
    version(7, 1, 'Mean of each channel?', { value: '[1,2]', abs: 0.1, rel: null }, null);
    const option = (
      q: number,
      v: number,
      position: number,
      id: string,
      text: string,
      correct: boolean,
    ) =>
      run(
        `INSERT INTO question_options (question_id, version, position, option_id, text, correct) VALUES (?, ?, ?, ?, ?, ?)`,
        q,
        v,
        position,
        id,
        text,
        correct ? 1 : 0,
      );
    option(1, 1, 0, 'a', 'Running averages', true);
    option(1, 1, 1, 'b', 'Batch statistics', false);
    option(1, 2, 0, 'a', 'Batch statistics', false);
    option(1, 2, 1, 'b', 'Running averages from training', true);
    option(1, 2, 2, 'c', 'None', false);
    option(2, 1, 0, 'a', 'L1', true);
    option(2, 1, 1, 'b', 'L2', false);
    option(2, 1, 2, 'c', 'Elastic net', true);
    option(2, 1, 3, 'd', 'Dropout', false);

    LEARNERS.forEach((name, i) =>
      run(`INSERT INTO learners (id, name, created_at) VALUES (?, ?, ?)`, i + 1, name, T0),
    );
    run(
      `INSERT INTO quiz_sessions (id, learner_id, mode, status, msq_rule, title, created_at, duration_ms, finished_at, finish_reason, score, max_score)
         VALUES (1, 1, 'exam', 'finished', 'partial', 'Week 11 practice', ?, 1200000, ?, 'submitted', 2.5, 4)`,
      T0,
      T0 + 600_000,
    );
    run(
      `INSERT INTO quiz_sessions (id, learner_id, mode, status, msq_rule, title, created_at) VALUES (2, 2, 'practice', 'active', 'all-or-nothing', '+SUM(A1:A9)', ?)`,
      T0 + 3_600_000,
    );
    run(
      `INSERT INTO quiz_sessions (id, learner_id, mode, status, msq_rule, title, created_at, finished_at, finish_reason, score, max_score)
         VALUES (3, 3, 'practice', 'finished', 'all-or-nothing', 'Quiz, with "quotes"\nand a newline', ?, ?, 'expired', 1, 2)`,
      T0 + 7_200_000,
      T0 + 7_200_000 + 3_723_450,
    );
    const attempt = (
      id: number,
      learner: number,
      session: number,
      position: number,
      question: number,
      qVersion: number,
      seed: number | null,
      topic: string,
      response: object,
      score: number,
      correct: boolean,
      answeredAt: number,
      durationMs: number,
    ) =>
      run(
        `INSERT INTO attempts (id, learner_id, session_id, position, question_id, question_version, variant_seed, topic_id, response, score, correct, answered_at, duration_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        learner,
        session,
        position,
        question,
        qVersion,
        seed,
        topic,
        JSON.stringify(response),
        score,
        correct ? 1 : 0,
        answeredAt,
        durationMs,
      );
    attempt(
      1,
      1,
      1,
      0,
      1,
      2,
      null,
      'dl.bn',
      { kind: 'choice', optionIds: ['b'] },
      1,
      true,
      T0 + 12_500,
      12_500,
    );
    attempt(
      2,
      1,
      1,
      1,
      2,
      1,
      null,
      'dl.bn',
      { kind: 'choice', optionIds: ['a', 'b'] },
      0,
      false,
      T0 + 40_000,
      27_500,
    );
    attempt(
      3,
      1,
      1,
      2,
      3,
      1,
      null,
      'dl.tconv',
      { kind: 'numeric', text: '9.2' },
      1,
      true,
      T0 + 101_000,
      61_000,
    );
    attempt(
      4,
      1,
      1,
      3,
      5,
      1,
      7,
      'dl.tconv',
      { kind: 'numeric', text: '-3+2' },
      0,
      false,
      T0 + 130_000,
      29_000,
    );
    attempt(
      5,
      2,
      2,
      0,
      4,
      1,
      null,
      'dl.tconv',
      { kind: 'numeric', text: '=1+1' },
      0,
      false,
      T0 + 3_610_000,
      10_000,
    );
    attempt(
      6,
      2,
      2,
      1,
      6,
      1,
      3,
      'dl.bn',
      { kind: 'choice', optionIds: ['a'] },
      1,
      true,
      T0 + 3_620_000,
      10_000,
    );
    attempt(
      7,
      3,
      3,
      0,
      7,
      1,
      null,
      'dl.tconv',
      { kind: 'numeric', text: '1, 2' },
      1,
      true,
      T0 + 7_200_000 + 3_723_450,
      3_723_450,
    );
    attempt(
      8,
      3,
      3,
      1,
      1,
      1,
      null,
      'dl.bn',
      { kind: 'choice', optionIds: [] },
      0,
      false,
      T0 + 7_200_000 + 3_723_450,
      0,
    );
  })();
}

/**
 * A small RFC 4180 reader for checking the CSV export independently of the writer: fields
 * separated by commas, records by CRLF, quoted fields may hold commas, quotes (doubled) and line
 * breaks. Throws on a malformed file (a quote inside an unquoted field, an unclosed quote).
 */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') {
          throw new Error(`character after a closing quote at ${i}`);
        }
      } else {
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"') {
      if (!fieldStart) throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      fieldStart = false;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      fieldStart = true;
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStart = true;
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break at ${i} (records end in CRLF)`);
    } else {
      field += c;
      fieldStart = false;
      i++;
    }
  }
  if (quoted) throw new Error('unclosed quote');
  if (!fieldStart || record.length > 0) throw new Error('last record does not end in CRLF');
  return records;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const isoDuration =
  /^P(?!$)(\d+(?:\.\d+)?Y)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?W)?(\d+(?:\.\d+)?D)?(T(?=\d)(\d+(?:\.\d+)?H)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?S)?)?$/;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const interactionTypes = new Set([
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
]);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isAbsoluteIri(x: unknown): boolean {
  if (typeof x !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(x)) return false;
  try {
    new URL(x);
    return true;
  } catch {
    return false;
  }
}

function isLanguageMap(x: unknown): boolean {
  return (
    isRecord(x) &&
    Object.keys(x).length > 0 &&
    Object.entries(x).every(
      ([k, v]) => /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$/.test(k) && typeof v === 'string',
    )
  );
}

/**
 * Structural check of one xAPI 1.0.3 statement (the parts DeepDrill writes): required properties,
 * absolute IRIs, one agent identifier, language maps, interaction definitions, score ranges,
 * ISO 8601 durations and timestamps, UUIDs. Returns the problems found (empty when valid).
 */
export function validateXapiStatement(statement: unknown): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  if (!isRecord(statement)) return ['statement is not an object'];
  const allowed = new Set([
    'id',
    'actor',
    'verb',
    'object',
    'result',
    'context',
    'timestamp',
    'stored',
    'authority',
    'version',
    'attachments',
  ]);
  for (const key of Object.keys(statement)) if (!allowed.has(key)) fail(`unknown property ${key}`);
  if (typeof statement.id !== 'string' || !uuid.test(statement.id)) fail('id is not a UUID');
  const actor = statement.actor;
  if (!isRecord(actor)) fail('actor missing');
  else {
    if (actor.objectType !== 'Agent') fail('actor.objectType is not Agent');
    const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => k in actor);
    if (ifis.length !== 1) fail(`actor has ${ifis.length} identifiers, expected exactly 1`);
    const account = actor.account;
    if (
      !isRecord(account) ||
      !isAbsoluteIri(account.homePage) ||
      typeof account.name !== 'string' ||
      account.name === ''
    ) {
      fail('actor.account needs an absolute homePage IRI and a name');
    }
    if (actor.name !== undefined && typeof actor.name !== 'string')
      fail('actor.name is not a string');
  }
  const verb = statement.verb;
  if (!isRecord(verb) || !isAbsoluteIri(verb.id)) fail('verb.id is not an absolute IRI');
  else if (verb.display !== undefined && !isLanguageMap(verb.display))
    fail('verb.display is not a language map');
  const object = statement.object;
  if (!isRecord(object)) fail('object missing');
  else {
    if (object.objectType !== undefined && object.objectType !== 'Activity')
      fail('object is not an Activity');
    if (!isAbsoluteIri(object.id)) fail('object.id is not an absolute IRI');
    const d = object.definition;
    if (d !== undefined) {
      if (!isRecord(d)) fail('object.definition is not an object');
      else {
        if (d.type !== undefined && !isAbsoluteIri(d.type))
          fail('definition.type is not an absolute IRI');
        if (d.name !== undefined && !isLanguageMap(d.name))
          fail('definition.name is not a language map');
        if (d.description !== undefined && !isLanguageMap(d.description))
          fail('definition.description is not a language map');
        if (d.interactionType !== undefined && !interactionTypes.has(d.interactionType as string)) {
          fail(`unknown interactionType ${String(d.interactionType)}`);
        }
        if (d.correctResponsesPattern !== undefined) {
          if (d.interactionType === undefined)
            fail('correctResponsesPattern without interactionType');
          if (
            !Array.isArray(d.correctResponsesPattern) ||
            !d.correctResponsesPattern.every((p) => typeof p === 'string')
          ) {
            fail('correctResponsesPattern is not an array of strings');
          }
        }
        if (d.choices !== undefined) {
          if (d.interactionType !== 'choice' && d.interactionType !== 'sequencing')
            fail('choices on a non-choice interaction');
          if (
            !Array.isArray(d.choices) ||
            !d.choices.every(
              (c) =>
                isRecord(c) &&
                typeof c.id === 'string' &&
                c.id !== '' &&
                isLanguageMap(c.description),
            )
          ) {
            fail('choices are not {id, description} components');
          } else if (
            new Set(d.choices.map((c) => (c as { id: string }).id)).size !== d.choices.length
          ) {
            fail('choice ids are not unique');
          }
        }
      }
    }
  }
  const result = statement.result;
  if (result !== undefined) {
    if (!isRecord(result)) fail('result is not an object');
    else {
      const score = result.score;
      if (score !== undefined) {
        if (!isRecord(score)) fail('result.score is not an object');
        else {
          const { scaled, raw, min, max } = score as Record<string, unknown>;
          if (scaled !== undefined && !(typeof scaled === 'number' && scaled >= -1 && scaled <= 1))
            fail('score.scaled outside [-1, 1]');
          if (typeof min === 'number' && typeof max === 'number' && min > max)
            fail('score.min > score.max');
          if (typeof raw === 'number') {
            if (typeof min === 'number' && raw < min) fail('score.raw < score.min');
            if (typeof max === 'number' && raw > max) fail('score.raw > score.max');
          }
        }
      }
      if (result.success !== undefined && typeof result.success !== 'boolean')
        fail('result.success is not a boolean');
      if (result.completion !== undefined && typeof result.completion !== 'boolean')
        fail('result.completion is not a boolean');
      if (result.response !== undefined && typeof result.response !== 'string')
        fail('result.response is not a string');
      if (
        result.duration !== undefined &&
        !(typeof result.duration === 'string' && isoDuration.test(result.duration))
      ) {
        fail(`result.duration ${String(result.duration)} is not an ISO 8601 duration`);
      }
    }
  }
  const context = statement.context;
  if (context !== undefined) {
    if (!isRecord(context)) fail('context is not an object');
    else {
      if (
        context.registration !== undefined &&
        !(typeof context.registration === 'string' && uuid.test(context.registration))
      ) {
        fail('context.registration is not a UUID');
      }
      if (context.contextActivities !== undefined) {
        if (!isRecord(context.contextActivities)) fail('contextActivities is not an object');
        else {
          for (const [key, list] of Object.entries(context.contextActivities)) {
            if (!['parent', 'grouping', 'category', 'other'].includes(key))
              fail(`unknown contextActivities.${key}`);
            if (!Array.isArray(list) || !list.every((a) => isRecord(a) && isAbsoluteIri(a.id))) {
              fail(`contextActivities.${key} is not an array of activities`);
            }
          }
        }
      }
      if (context.extensions !== undefined) {
        if (
          !isRecord(context.extensions) ||
          !Object.keys(context.extensions).every(isAbsoluteIri)
        ) {
          fail('context extension keys are not absolute IRIs');
        }
      }
    }
  }
  if (statement.timestamp !== undefined) {
    if (
      typeof statement.timestamp !== 'string' ||
      !isoTimestamp.test(statement.timestamp) ||
      Number.isNaN(Date.parse(statement.timestamp))
    ) {
      fail('timestamp is not ISO 8601');
    }
  }
  return problems;
}
