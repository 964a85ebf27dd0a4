import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { attemptsToCsv, attemptsToXapi } from '../../db/interop/results';
import { readCsv, seedResults, validateXapiStatement } from '../../db/interop/test-fixtures';
import { UsageError, type CliIo } from '../io';
import { resultsCommand } from './results';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdin: (async function* () {})(),
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  };
  return { value, out, err };
}

let dir: string;
let dbFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepdrill-results-cli-'));
  dbFile = join(dir, 'learners.db');
  const db = openDatabase(dbFile);
  seedResults(db);
  db.close();
});

const run = (args: string[]) => {
  const capture = io();
  return { promise: resultsCommand(args, capture.value), ...capture };
};

describe('results export', () => {
  it('writes the CSV export atomically and says how many answers it wrote', async () => {
    const out = join(dir, 'answers.csv');
    writeFileSync(out, 'old content');
    const { promise, out: stdout } = run([
      'export',
      '--db',
      dbFile,
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(await promise).toBe(0);
    const text = readFileSync(out, 'utf8');
    const db = openDatabase(dbFile, { readonly: true });
    expect(text).toBe(attemptsToCsv(db));
    db.close();
    expect(readCsv(text)).toHaveLength(9);
    expect(stdout.join('')).toBe(`exported 8 answers to ${out}\n`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes valid xAPI statements as JSON lines', async () => {
    const out = join(dir, 'statements.jsonl');
    const { promise, out: stdout } = run([
      'export',
      '--db',
      dbFile,
      '--format',
      'xapi',
      '--out',
      out,
      '--home-page',
      'https://lms.example.edu',
    ]);
    expect(await promise).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(validateXapiStatement(JSON.parse(line))).toEqual([]);
    const db = openDatabase(dbFile, { readonly: true });
    expect(readFileSync(out, 'utf8')).toBe(
      attemptsToXapi(db, { homePage: 'https://lms.example.edu' }),
    );
    db.close();
    expect(stdout.join('')).toBe(`exported 10 xAPI statements to ${out}\n`);
  });

  it('filters by learner', async () => {
    const out = join(dir, 'ada.csv');
    const { promise } = run([
      'export',
      '--db',
      dbFile,
      '--format',
      'csv',
      '--out',
      out,
      '--learner',
      'Ada Lovelace',
    ]);
    expect(await promise).toBe(0);
    expect(
      readCsv(readFileSync(out, 'utf8'))
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(Array(4).fill('Ada Lovelace'));
  });

  const refused: [string, (d: string) => string[], RegExp][] = [
    ['no subcommand', () => [], /^usage: results export/],
    ['an unknown subcommand', () => ['import'], /unknown results command "import"/],
    [
      'a missing --db',
      (d) => ['export', '--format', 'csv', '--out', join(d, 'x.csv')],
      /missing --db/,
    ],
    ['a missing --out', () => ['export', '--db', dbFile, '--format', 'csv'], /missing --out/],
    [
      'an unknown format',
      (d) => ['export', '--db', dbFile, '--format', 'pdf', '--out', join(d, 'x')],
      /--format must be csv or xapi, got "pdf"/,
    ],
    [
      '--bom with xapi',
      (d) => [
        'export',
        '--db',
        dbFile,
        '--format',
        'xapi',
        '--home-page',
        'https://lms.example.edu',
        '--bom',
        '--out',
        join(d, 'x'),
      ],
      /--bom is for --format csv only/,
    ],
    [
      'xapi without a home page',
      (d) => ['export', '--db', dbFile, '--format', 'xapi', '--out', join(d, 'x')],
      /--format xapi needs --home-page/,
    ],
    [
      'a bad home page',
      (d) => [
        'export',
        '--db',
        dbFile,
        '--format',
        'xapi',
        '--out',
        join(d, 'x'),
        '--home-page',
        'lms',
      ],
      /--home-page must be an absolute http\(s\) address/,
    ],
    [
      'a missing database',
      (d) => ['export', '--db', join(d, 'none.db'), '--format', 'csv', '--out', join(d, 'x')],
      /cannot open/,
    ],
    [
      'a file that is not a database',
      (d) => {
        writeFileSync(join(d, 'notes.txt'), 'hello, this is not SQLite at all'.repeat(40));
        return ['export', '--db', join(d, 'notes.txt'), '--format', 'csv', '--out', join(d, 'x')];
      },
      /not a DeepDrill database|not a database/,
    ],
    [
      'an output folder that does not exist',
      (d) => [
        'export',
        '--db',
        dbFile,
        '--format',
        'csv',
        '--out',
        join(d, 'no', 'such', 'dir', 'x.csv'),
      ],
      /cannot write/,
    ],
    [
      'the database as output',
      () => ['export', '--db', dbFile, '--format', 'csv', '--out', dbFile],
      /must not be the database/,
    ],
    [
      'a stray argument',
      (d) => ['export', 'extra', '--db', dbFile, '--format', 'csv', '--out', join(d, 'x')],
      /unexpected argument "extra"/,
    ],
  ];
  for (const [name, args, message] of refused) {
    it(`refuses ${name} with a one-line usage error`, async () => {
      const d = mkdtempSync(join(tmpdir(), 'deepdrill-results-cli-bad-'));
      const { promise } = run(args(d));
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
      expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  }
});
