import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../io';
import { classCommand } from './class';

const HOME = 'https://lms.example.edu';
const HOSTILE = '<script>alert(document.cookie)</script>';

function io() {
  const out: string[] = [];
  const value: CliIo = {
    stdin: (async function* () {})(),
    out: (t) => out.push(t),
    err: () => {},
  };
  return { value, out };
}

const answer = (n: number, learner: string, right: boolean, response: string) => ({
  id: `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`,
  actor: { name: learner, account: { homePage: HOME, name: learner } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
  object: {
    id: `${HOME}/deepdrill/banks/b/items/q1`,
    definition: {
      name: { 'en-US': HOSTILE },
      interactionType: 'choice',
      correctResponsesPattern: ['a'],
      choices: [
        { id: 'a', description: { 'en-US': 'running averages' } },
        { id: 'b', description: { 'en-US': 'batch statistics' } },
      ],
    },
  },
  result: { score: { scaled: right ? 1 : 0 }, success: right, response },
  context: { extensions: { [`${HOME}/deepdrill/xapi/extensions/topic`]: 'norm' } },
});

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepdrill-class-cli-'));
  file = join(dir, 'statements.jsonl');
  // P right, Q wrong (b), R right, R wrong (b): facility 2/4; a picked 2, b 2.
  const lines = [
    answer(1, 'P', true, 'a'),
    answer(2, 'Q', false, 'b'),
    answer(3, 'R', true, 'a'),
    answer(4, 'R', false, 'b'),
  ];
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
});

describe('class report --html', () => {
  it('replaces the page atomically with the figures of the statements, escaped', async () => {
    const out = join(dir, 'report.html');
    writeFileSync(out, 'an older report');
    const capture = io();
    expect(await classCommand(['report', file, '--html', out], capture.value)).toBe(0);
    expect(capture.out.join('')).toMatch(
      /^3 learners, 4 answers, 0 quizzes[\s\S]*\nwrote .*report\.html\n$/,
    );
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'statements.jsonl']);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('<script');
    const items = html.slice(html.indexOf('<h2 id="h-items">'));
    expect(items).toContain(
      '<tr><td>&lt;script&gt;alert(document.cookie)&lt;/script&gt;</td><td>norm</td><td>choice</td>' +
        '<td class="n">4</td><td class="n">0.50</td>',
    );
    const options = [...items.matchAll(/<\/svg><span>(.*?)<\/span>/g)].map((m) => m[1]);
    expect(options.slice(0, 2)).toEqual([
      'a (key): running averages — 2 (50%)',
      'b: batch statistics — 2 (50%)',
    ]);
    expect(html).toMatch(
      /<p class="sub">4 statements from 1 file \(statements\.jsonl\), \d{4}-\d\d-\d\d \d\d:\d\d UTC<\/p>/,
    );
  });

  it('prints only the JSON with --json and refuses a folder that does not exist', async () => {
    const capture = io();
    const out = join(dir, 'both.html');
    expect(await classCommand(['report', file, '--json', '--html', out], capture.value)).toBe(0);
    expect((JSON.parse(capture.out.join('')) as { totals: unknown }).totals).toEqual({
      learners: 3,
      answers: 4,
      quizzes: 0,
    });
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const missing = join(dir, 'no-such-folder', 'r.html');
    await expect(classCommand(['report', file, '--html', missing], io().value)).rejects.toThrow(
      UsageError,
    );
    await expect(classCommand(['report', file, '--html'], io().value)).rejects.toThrow(
      '--html needs a value',
    );
  });
});

describe('class report reading', () => {
  it('reads CRLF lines, blank lines and a long line across 1 MiB blocks, UTF-8 intact', async () => {
    const name = `Zoë ${'é'.repeat(700_000)}`; // 1.4 MB of two-byte letters: crosses a block edge
    const big = {
      ...answer(10, 'S', true, 'a'),
      actor: { name, account: { homePage: HOME, name } },
    };
    const crlf = join(dir, 'crlf.jsonl');
    writeFileSync(
      crlf,
      `${JSON.stringify(answer(11, 'T', false, 'b'))}\r\n\r\n   \r\n${JSON.stringify(big)}\r\n` +
        JSON.stringify(answer(12, 'T', true, 'a')), // no newline at the end
    );
    const capture = io();
    expect(await classCommand(['report', crlf, '--json'], capture.value)).toBe(0);
    const report = JSON.parse(capture.out.join('')) as {
      statements: number;
      learners: { name: string; answers: number }[];
    };
    expect(report.statements).toBe(3);
    expect(report.learners.map((l) => [l.name, l.answers])).toEqual([
      ['T', 2],
      [name, 1],
    ]);
  });

  it('names the file and line of a line that is not JSON, and a file it cannot read', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(answer(20, 'U', true, 'a'))}\n\n{"id": oops}\n`);
    await expect(classCommand(['report', bad], io().value)).rejects.toThrow(
      `${bad}:3: not a JSON statement (the file must be JSON lines)`,
    );
    await expect(classCommand(['report', dir], io().value)).rejects.toThrow(
      new RegExp(`^cannot read ${dir}: EISDIR`),
    );
    await expect(classCommand(['report', join(dir, 'none.jsonl')], io().value)).rejects.toThrow(
      /^cannot read .*none\.jsonl: ENOENT/,
    );
  });
});
