/**
 * The class-report benchmark: `class report FILE... --json --html OUT` over xAPI statement files
 * as learners export them (one JSON-lines file per learner), run as its own CLI process the way
 * `npm run -s cli` runs it (node with tsx's loader on `cli/main.ts`). Timed: the process from
 * spawn to exit. Memory: the process's peak resident set (`process.resourceUsage().maxRSS`,
 * written at exit by a `--require`d hook), so nothing of the bench's own heap is counted.
 *
 * The statements are generated deterministically from the seed, shaped like
 * `results export --format xapi` writes them (description, choices, key, registration,
 * extensions with topic, position, question version and the misconception a wrong option shows).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../core/templates/rng';
import { log, round } from './stats';

/** Sizes of a run. */
export interface ClassReportParams {
  readonly learners: number;
  readonly answersPerLearner: number;
  readonly items: number;
  readonly topics: number;
  readonly seed: number;
}

/** What the section reports. */
export interface ClassReportResult {
  readonly class_report_seconds: number;
  readonly class_report_peak_rss_mb: number;
  readonly details: Record<string, number>;
}

const HOME = 'https://lms.example.edu';
const BASE = `${HOME}/deepdrill`;
const ext = (name: string) => `${BASE}/xapi/extensions/${name}`;
const WORDS = 'batch mean variance layer gradient stride kernel dropout weight decay loss'.split(
  ' ',
);

interface BenchItem {
  readonly topic: string;
  readonly choice: boolean;
  readonly difficulty: number;
  /** `"object":{…}` of the statement, already JSON. */
  readonly objectJson: string;
  readonly options: readonly string[];
  readonly misconceptions: readonly string[];
}

function items(p: ClassReportParams, rng: Rng): BenchItem[] {
  const list: BenchItem[] = [];
  for (let i = 0; i < p.items; i++) {
    const topic = `topic-${i % p.topics}`;
    const choice = rng.next() < 0.7;
    const stem = Array.from({ length: 40 }, () => WORDS[rng.nextUint32() % WORDS.length]).join(' ');
    const options = ['a', 'b', 'c', 'd'];
    const definition = choice
      ? {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          name: { 'en-US': `bench/item-${i}` },
          description: { 'en-US': `${stem}?` },
          interactionType: 'choice',
          correctResponsesPattern: ['a'],
          choices: options.map((id) => ({
            id,
            description: { 'en-US': `option ${id}: ${stem.slice(0, 60)}` },
          })),
        }
      : {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          name: { 'en-US': `bench/item-${i}` },
          description: { 'en-US': `${stem}?` },
          interactionType: 'numeric',
          correctResponsesPattern: ['2.95[:]3.05'],
        };
    const object = {
      objectType: 'Activity',
      id: `${BASE}/banks/bench/items/item-${i}`,
      definition,
    };
    list.push({
      topic,
      choice,
      difficulty: rng.next() * 2 - 1,
      objectJson: JSON.stringify(object),
      options,
      misconceptions: options.map((_, k) => `misconception-${(i * 3 + k) % 120}`),
    });
  }
  return list;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Writes one JSON-lines file per learner into `dir`; returns the files, their bytes and how many
 * answers were right (to check the report against).
 */
export function writeStatementFiles(
  dir: string,
  p: ClassReportParams,
): { files: string[]; bytes: number; correct: number } {
  const rng = new Rng(p.seed, 0xc1a55);
  const bank = items(p, rng);
  const files: string[] = [];
  let bytes = 0;
  let correct = 0;
  let serial = 0;
  const start = Date.UTC(2026, 8, 1);
  for (let l = 0; l < p.learners; l++) {
    const name = `learner-${String(l).padStart(4, '0')}`;
    const actor = JSON.stringify({ objectType: 'Agent', name, account: { homePage: HOME, name } });
    const ability = rng.next() * 3 - 1.5;
    const file = join(dir, `${name}.jsonl`);
    const fd = openSync(file, 'w');
    let chunk: string[] = [];
    for (let a = 0; a < p.answersPerLearner; a++) {
      const item = bank[rng.nextUint32() % bank.length];
      const right = rng.next() < 1 / (1 + Math.exp(item.difficulty - ability));
      if (right) correct++;
      const wrong = 1 + (rng.nextUint32() % 3);
      const response = item.choice ? (right ? 'a' : item.options[wrong]) : right ? '3' : '4.5';
      const id = `${hex(p.seed >>> 0, 8)}-0000-5000-8000-${hex(++serial, 12)}`;
      const reg = `${hex(l, 8)}-0000-5000-8000-${hex(Math.floor(a / 10), 12)}`;
      const misconception =
        !right && item.choice
          ? `,${JSON.stringify(ext('misconception'))}:{"id":"${item.misconceptions[wrong]}","label":"Bench misconception ${item.misconceptions[wrong]}"}`
          : '';
      chunk.push(
        `{"id":"${id}","actor":${actor},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered","display":{"en-US":"answered"}},` +
          `"object":${item.objectJson},` +
          `"result":{"score":{"scaled":${right ? 1 : 0},"raw":${right ? 1 : 0},"min":0,"max":1},"success":${right},"completion":true,"duration":"PT${5 + (a % 50)}S","response":"${response}"},` +
          `"context":{"registration":"${reg}","platform":"DeepDrill","contextActivities":{"parent":[{"objectType":"Activity","id":"${BASE}/quizzes/${reg}"}],"grouping":[{"objectType":"Activity","id":"${BASE}/banks/bench"}]},` +
          `"extensions":{"${ext('question-version')}":1,"${ext('position')}":${a % 10},"${ext('topic')}":"${item.topic}"${misconception}}},` +
          `"timestamp":"${new Date(start + serial * 1000).toISOString()}"}`,
      );
      if (chunk.length === 500) {
        bytes += writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) bytes += writeSync(fd, `${chunk.join('\n')}\n`);
    closeSync(fd);
    files.push(file);
  }
  return { files, bytes, correct };
}

const PEAK_HOOK = `process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.DEEPDRILL_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
`;

/** Generates the statements, runs the CLI over them and checks its totals. */
export function benchClassReport(workDir: string, p: ClassReportParams): ClassReportResult {
  const t0 = performance.now();
  const { files, bytes, correct } = writeStatementFiles(workDir, p);
  const generateMs = performance.now() - t0;
  const statements = p.learners * p.answersPerLearner;
  log(
    `class report: ${statements} statements in ${files.length} files (${round(bytes / 1e6, 0)} MB) written in ${round(generateMs / 1000, 1)} s`,
  );
  const hook = join(workDir, 'peak-rss.cjs');
  const peakFile = join(workDir, 'peak-rss.txt');
  const html = join(workDir, 'class-report.html');
  writeFileSync(hook, PEAK_HOOK);
  const args = ['--require', hook, '--import', 'tsx', 'cli/main.ts', 'class', 'report'];
  const started = performance.now();
  const run = spawnSync(process.execPath, [...args, ...files, '--json', '--html', html], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, DEEPDRILL_PEAK_FILE: peakFile },
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`class report exited ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    statements: number;
    totals: { learners: number; answers: number };
    learners: { correct: number }[];
    items: unknown[];
  };
  const reportedCorrect = report.learners.reduce((sum, l) => sum + l.correct, 0);
  if (
    report.statements !== statements ||
    report.totals.learners !== p.learners ||
    report.totals.answers !== statements ||
    reportedCorrect !== correct
  ) {
    throw new Error(
      `class report counted ${report.totals.learners} learners, ${report.totals.answers} answers, ${reportedCorrect} right; generated ${p.learners}, ${statements}, ${correct}`,
    );
  }
  const peakMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
  log(
    `class report: ${round(seconds, 1)} s, peak RSS ${round(peakMb, 0)} MB, ${round(statements / seconds, 0)} statements/s`,
  );
  return {
    class_report_seconds: round(seconds, 2),
    class_report_peak_rss_mb: round(peakMb, 1),
    details: {
      statements,
      files: files.length,
      items: report.items.length,
      input_mb: round(bytes / 1e6, 1),
      statements_per_s: round(statements / seconds, 0),
      generate_s: round(generateMs / 1000, 1),
      html_kb: round(statSync(html).size / 1000, 1),
    },
  };
}
