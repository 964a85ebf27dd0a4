import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentOptions } from '../../core/option-order';
import { generateVariant } from '../../core/templates/registry';
import { importPack } from '../bank/import';
import { openDatabase, type Db } from '../connection';
import { loadQuestion } from '../queries/questions';
import {
  CSV_COLUMNS,
  ResultsExportError,
  attemptCsvChunks,
  attemptsToCsv,
  attemptsToXapi,
  csvField,
  uuidV5,
  writeResults,
  xapiDuration,
} from './results';
import { LEARNERS, T0, readCsv, seedResults, validateXapiStatement } from './test-fixtures';

let db: Db;

beforeAll(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'deepdrill-results-')), 'results.db'));
  seedResults(db);
});

afterAll(() => db.close());

type Statement = {
  id: string;
  verb: { id: string };
  object: {
    id: string;
    definition: {
      interactionType?: string;
      correctResponsesPattern?: string[];
      choices?: { id: string }[];
    };
  };
  result: { score: { scaled: number }; success?: boolean; duration: string; response?: string };
  context: { registration: string; extensions: Record<string, unknown> };
  timestamp: string;
};

const homePage = 'https://lms.example.edu';
const parseLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Statement);

describe('csvField', () => {
  it('quotes fields holding commas, quotes or line breaks and doubles the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('guards against formula injection but leaves plain numbers alone', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('=HYPERLINK("x", "y")')).toBe(`"'=HYPERLINK(""x"", ""y"")"`);
    expect(csvField('-3.5')).toBe('-3.5');
    expect(csvField('0.25')).toBe('0.25');
  });
});

describe('attemptsToCsv', () => {
  it('writes a header and one row per answer that an RFC 4180 reader reads back', () => {
    const rows = readCsv(attemptsToCsv(db));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const count = db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number };
    expect(rows.length - 1).toBe(count.n);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('fills each column from the joined tables', () => {
    const rows = readCsv(attemptsToCsv(db));
    const byColumn = (row: string[]) =>
      Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]])) as Record<
        (typeof CSV_COLUMNS)[number],
        string
      >;
    const first = byColumn(rows[1]);
    expect(first).toEqual({
      learner: 'Ada Lovelace',
      quiz_session: '1',
      quiz_title: 'Week 11 practice',
      quiz_started: '2025-03-03T09:00:00.000Z',
      bank: 'dl-week11',
      item: 'bn-eval',
      version: '2',
      topic: 'dl.bn',
      topic_title: 'Batch norm',
      question_type: 'mcq',
      answer: 'b',
      score: '1',
      correct: 'true',
      time_taken_s: '12.5',
      answered_at: new Date(T0 + 12_500).toISOString(),
    });
    expect(byColumn(rows[2]).answer).toBe('a, b');
    expect(byColumn(rows[3])).toMatchObject({
      answer: '9.2',
      time_taken_s: '61',
      item: 'tconv-len',
    });
    expect(byColumn(rows[8])).toMatchObject({ answer: '', correct: 'false', version: '1' });
    // The quiz title with a comma, quotes and a newline survives quoting.
    expect(byColumn(rows[7]).quiz_title).toBe('Quiz, with "quotes"\nand a newline');
    expect(byColumn(rows[7]).learner).toBe(LEARNERS[2]);
  });

  it('never lets a cell start a formula', () => {
    const rows = readCsv(attemptsToCsv(db)).slice(1);
    for (const row of rows) {
      for (const cell of row) {
        if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-?\d+(\.\d+)?$/);
      }
    }
    const learnerCells = rows.map((r) => r[0]);
    expect(learnerCells).toContain(`'${LEARNERS[1]}`);
    const answers = rows.map((r) => r[10]);
    expect(answers).toContain("'=1+1");
    expect(answers).toContain("'-3+2");
    expect(rows.map((r) => r[2])).toContain("'+SUM(A1:A9)");
  });

  it('filters by learner, session and time', () => {
    expect(readCsv(attemptsToCsv(db, { learner: 'Ada Lovelace' })).length - 1).toBe(4);
    expect(readCsv(attemptsToCsv(db, { sessionId: 2 })).length - 1).toBe(2);
    expect(
      readCsv(attemptsToCsv(db, { from: T0 + 3_600_000, to: T0 + 7_000_000 })).length - 1,
    ).toBe(2);
    expect(readCsv(attemptsToCsv(db, { learner: 'nobody' }))).toEqual([[...CSV_COLUMNS]]);
  });

  it('streams in chunks that join to the whole export, and counts its rows', () => {
    const chunks = [...attemptCsvChunks(db)];
    expect(chunks[0]).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(chunks.join('')).toBe(attemptsToCsv(db));
    let written = '';
    expect(writeResults(db, 'csv', {}, (c) => (written += c))).toBe(8);
    expect(written).toBe(attemptsToCsv(db));
  });
});

describe('xapiDuration', () => {
  it('writes ISO 8601 durations with 0.01 s precision', () => {
    expect(xapiDuration(12_500)).toBe('PT12.5S');
    expect(xapiDuration(0)).toBe('PT0S');
    expect(xapiDuration(61_000)).toBe('PT1M1S');
    expect(xapiDuration(3_723_450)).toBe('PT1H2M3.45S');
    expect(xapiDuration(7_200_000)).toBe('PT2H0M0S');
    expect(xapiDuration(1)).toBe('PT0S');
    expect(xapiDuration(-5)).toBe('PT0S');
  });
});

describe('uuidV5', () => {
  it('matches the RFC 4122 example (DNS namespace, "www.example.com")', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('attemptsToXapi', () => {
  it('writes one valid answered statement per answer and one completed per finished quiz', () => {
    const statements = parseLines(attemptsToXapi(db, { homePage }));
    expect(statements).toHaveLength(8 + 2);
    for (const s of statements) expect(validateXapiStatement(s), JSON.stringify(s)).toEqual([]);
    expect(statements.filter((s) => s.verb.id.endsWith('/answered'))).toHaveLength(8);
    const completed = statements.filter((s) => s.verb.id.endsWith('/completed'));
    expect(completed).toHaveLength(2);
    expect(completed[0].result.score.scaled).toBeCloseTo(2.5 / 4);
    expect(completed[0].result.duration).toBe('PT10M0S');
  });

  it('describes each interaction with the key of the version and variant the learner saw', () => {
    const [mcqV2, msq, numeric, template, rel, templateMcq, vector] = parseLines(
      attemptsToXapi(db, { homePage }),
    );
    expect(mcqV2.object.id).toBe(`${homePage}/deepdrill/banks/dl-week11/items/bn-eval`);
    expect(mcqV2.object.definition).toMatchObject({
      interactionType: 'choice',
      correctResponsesPattern: ['b'],
    });
    expect(mcqV2.object.definition.choices?.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(mcqV2.result).toMatchObject({ response: 'b', success: true, duration: 'PT12.5S' });
    expect(msq.object.definition.correctResponsesPattern).toEqual(['a[,]c']);
    expect(msq.result.response).toBe('a[,]b');
    expect(numeric.object.definition).toMatchObject({
      interactionType: 'numeric',
      correctResponsesPattern: ['8.5[:]9.5'],
    });
    expect(rel.object.definition.correctResponsesPattern).toEqual(['198[:]202']);
    // Key [1, 2] ± 0.1, one step per number; the learner typed "1, 2".
    expect(vector.object.definition).toMatchObject({
      interactionType: 'performance',
      correctResponsesPattern: ['1[.]0.9[:]1.1[,]2[.]1.9[:]2.1'],
    });
    expect(vector.result.response).toBe('1[.]1[,]2[.]2');

    // Template items: the key is regenerated from the stored seed, independently here.
    const variant = generateVariant('conv-output-size', 7, { form: 'numeric' }).question;
    const key = variant.numeric!;
    const tol = Math.max(
      key.tolerance.abs ?? 0,
      (key.tolerance.rel ?? 0) * Math.abs(key.value as number),
    );
    const expected =
      tol === 0
        ? String(key.value)
        : `${Number(((key.value as number) - tol).toPrecision(12))}[:]${Number(((key.value as number) + tol).toPrecision(12))}`;
    expect(template.object.definition.correctResponsesPattern).toEqual([expected]);
    expect(template.context.extensions[`${homePage}/deepdrill/xapi/extensions/variant-seed`]).toBe(
      7,
    );
    const axes = generateVariant('norm-axes', 3, { form: 'mcq' }).question;
    expect(templateMcq.object.definition.correctResponsesPattern).toEqual([
      axes
        .options!.filter((o) => o.correct)
        .map((o) => o.id)
        .join('[,]'),
    ]);
  });

  it('groups statements of one quiz under one registration, and ids are stable', () => {
    const text = attemptsToXapi(db, { homePage });
    expect(attemptsToXapi(db, { homePage })).toBe(text);
    const statements = parseLines(text);
    const bySession = new Map<number, Set<string>>();
    statements.slice(0, 8).forEach((s, i) => {
      const session = [1, 1, 1, 1, 2, 2, 3, 3][i];
      if (!bySession.has(session)) bySession.set(session, new Set());
      bySession.get(session)!.add(s.context.registration);
    });
    for (const regs of bySession.values()) expect(regs.size).toBe(1);
    const all = [...bySession.values()].map((r) => [...r][0]);
    expect(new Set(all).size).toBe(3);
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    const other = parseLines(attemptsToXapi(db, { homePage: 'https://other.example.org/lms/' }));
    expect(other[0].id).not.toBe(statements[0].id);
    expect(other[0].object.id).toBe(
      'https://other.example.org/lms/deepdrill/banks/dl-week11/items/bn-eval',
    );
  });

  it('refuses a home page that is not an absolute http(s) address', () => {
    for (const bad of ['lms.example.edu', 'ftp://x.example', '', 'javascript:alert(1)']) {
      expect(() => attemptsToXapi(db, { homePage: bad })).toThrow(ResultsExportError);
    }
    expect(() => writeResults(db, 'xapi', {}, () => undefined)).toThrow(ResultsExportError);
  });
});

describe('xAPI choices in the order the learner saw them', () => {
  const letters = ['a', 'b', 'c', 'd'];
  /** Seeds of the quiz items that show question "five" (null: a quiz from before shuffling). */
  const seeds = [11, 22, 33, 44, 55, 66, null];
  let shuffled: Db;

  beforeAll(() => {
    shuffled = openDatabase(':memory:');
    const common = { topic: 'order.t', difficulty: 2, tags: [], source: 'test', explanation: 'E.' };
    const report = importPack(shuffled, {
      format: 'deepdrill-bank',
      version: 1,
      id: 'order',
      title: 'Order',
      license: 'CC0-1.0',
      topics: [{ id: 'order.t', title: 'T' }],
      items: [
        {
          ...common,
          id: 'five',
          type: 'mcq',
          stem: 'Which?',
          options: [
            ...letters.map((id) => ({ id, text: `Option ${id}` })),
            { id: 'none', text: 'None of these', pin: true },
          ],
          answer: ['c'],
        },
        {
          ...common,
          id: 'fixed',
          type: 'mcq',
          stem: 'In Moodle order?',
          options: ['x', 'y', 'z'].map((id) => ({ id, text: `Fixed ${id}`, pin: true })),
          answer: ['y'],
        },
      ],
    });
    expect(report.ok).toBe(true);
    const id = (item: string) =>
      shuffled.prepare('SELECT id FROM questions WHERE item_id = ?').pluck().get(item) as number;
    shuffled.exec(`
      INSERT INTO learners (id, name, created_at) VALUES (1, 'Ada', 0);
      INSERT INTO quiz_sessions (id, learner_id, mode, status, msq_rule, title, created_at)
        VALUES (1, 1, 'practice', 'active', 'partial', 'Order quiz', 0);`);
    const item = shuffled.prepare(
      `INSERT INTO quiz_items (session_id, position, question_id, question_version, option_seed)
       VALUES (1, ?, ?, 1, ?)`,
    );
    const attempt = shuffled.prepare(
      `INSERT INTO attempts (learner_id, session_id, position, question_id, question_version,
         topic_id, response, score, correct, answered_at, duration_ms)
       VALUES (1, 1, ?, ?, 1, 'order.t', '{"kind":"choice","optionIds":["c"]}', 1, 1, ?, 1000)`,
    );
    seeds.forEach((seed, position) => {
      item.run(position, id('five'), seed);
      attempt.run(position, id('five'), 1000 * (position + 1));
    });
    item.run(seeds.length, id('fixed'), 77);
    attempt.run(seeds.length, id('fixed'), 1000 * (seeds.length + 1));
  });

  afterAll(() => shuffled.close());

  const exported = () =>
    parseLines(attemptsToXapi(shuffled, { homePage }))
      .filter((st) => st.verb.id.endsWith('/answered'))
      .map((st) => st.object.definition.choices!.map((c) => c.id));

  it('lists every option once, the pinned one in its place, in orders that differ per quiz item', () => {
    const lists = exported();
    const five = lists.slice(0, seeds.length - 1);
    for (const list of five) {
      expect([...list].sort()).toEqual([...letters, 'none'].sort());
      expect(list[4]).toBe('none');
    }
    expect(new Set(five.map((l) => l.join())).size).toBeGreaterThan(1);
    expect(five.some((l) => l.join() !== [...letters, 'none'].join())).toBe(true);
  });

  it('is the order the page showed as o1, o2, … for that quiz item', () => {
    const lists = exported();
    const five = loadQuestion(shuffled, 1)!;
    expect(five.itemId).toBe('five');
    seeds.slice(0, -1).forEach((seed, position) => {
      const page = presentOptions(five.options, seed);
      expect(page.map((p) => p.viewId)).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
      expect(lists[position], `seed ${seed}`).toEqual(page.map((p) => p.option.id));
    });
  });

  it('keeps the stored order for a quiz from before shuffling and for an all-pinned item', () => {
    const lists = exported();
    expect(lists[seeds.length - 1]).toEqual([...letters, 'none']);
    expect(lists[seeds.length]).toEqual(['x', 'y', 'z']);
  });
});
