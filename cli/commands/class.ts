/**
 * `class report FILE... [--json] [--html OUT.html]`: a class report for instructors over xAPI
 * statement files (JSON lines, as `results export --format xapi` and `results pull` write them):
 * learners, attempts, mastery per topic, misconception frequencies and item analysis
 * (`core/class-report`), printed as text or JSON, and with `--html` also written as one
 * self-contained page (`core/class-report-html`), atomically (a temporary file, then a rename).
 * Files are read block by block and line by line, so the statements are never all in memory; a statement in two
 * files (a learner's export and an LRS pull) counts once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createClassReportBuilder, type ClassReport } from '../../core/class-report';
import { classReportHtml } from '../../core/class-report-html';
import { UsageError, parseArgs, type CliIo, type Command } from '../io';

const usage = 'usage: class report FILE... [--json] [--html OUT.html]';

const BLOCK = 1 << 20;

/**
 * Calls `onLine` with each line of `file` (without its `\n` or `\r\n`) and its number, reading
 * it in blocks of 1 MiB, so a file of any size costs one block plus its longest line. A line
 * split across blocks is joined before it is decoded (UTF-8, as a stream would decode it).
 */
function forEachLine(file: string, onLine: (text: string, line: number) => void): void {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    let buffer = Buffer.allocUnsafe(BLOCK);
    let filled = 0;
    let line = 0;
    const emit = (view: Buffer, start: number, end: number) => {
      line++;
      onLine(
        view.toString('utf8', start, end > start && view[end - 1] === 13 ? end - 1 : end),
        line,
      );
    };
    for (;;) {
      if (filled === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      let read: number;
      try {
        read = readSync(fd, buffer, filled, buffer.length - filled, null);
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
      }
      const view = buffer.subarray(0, filled + read);
      let start = 0;
      for (let newline = view.indexOf(10); newline !== -1; newline = view.indexOf(10, start)) {
        emit(view, start, newline);
        start = newline + 1;
      }
      if (read === 0) {
        if (start < view.length) emit(view, start, view.length);
        return;
      }
      buffer.copy(buffer, 0, start, view.length);
      filled = view.length - start;
    }
  } finally {
    closeSync(fd);
  }
}

function readInto(file: string, add: (statement: unknown) => void): void {
  forEachLine(file, (text, line) => {
    const first = text.charCodeAt(0); // NaN for ''; trim() also removes U+00A0, U+FEFF, …
    if (!(first > 32 && first < 0xa0) && text.trim() === '') return;
    let statement: unknown;
    try {
      statement = JSON.parse(text);
    } catch {
      throw new UsageError(`${file}:${line}: not a JSON statement (the file must be JSON lines)`);
    }
    add(statement);
  });
}

const percent = (x: number) => `${(100 * x).toFixed(0)}%`;

function text(report: ClassReport): string {
  const lines = [
    `${report.totals.learners} learners, ${report.totals.answers} answers, ${report.totals.quizzes} quizzes` +
      ` (${report.statements} statements, ${report.duplicates} duplicates, ${report.ignored} ignored)`,
    'topics (mastery, accuracy, answers):',
    ...report.topics.map(
      (t) => `  ${t.topic}: ${percent(t.mastery)}, ${percent(t.accuracy)}, ${t.answers}`,
    ),
    'items (facility, discrimination, answers):',
    ...report.items.map(
      (i) =>
        `  ${i.name}: ${percent(i.facility)}, ${i.discrimination === null ? '-' : i.discrimination.toFixed(2)}, ${i.answers}`,
    ),
  ];
  if (report.misconceptions.length > 0) {
    lines.push(
      'misconceptions (answers, learners):',
      ...report.misconceptions.map((m) => `  ${m.label}: ${m.answers}, ${m.learners}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
function writeAtomically(file: string, text: string): void {
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    writeFileSync(temp, text, { flag: 'wx', mode: 0o644 });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

const sha256Base64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** `class report …` (see the module comment). */
export const classCommand: Command = async (args, io: CliIo) => {
  const [sub, ...rest] = args;
  if (sub !== 'report') {
    throw new UsageError(sub === undefined ? usage : `unknown class command "${sub}"; ${usage}`);
  }
  const parsed = parseArgs(rest, ['html'], ['json']);
  if (parsed.positional.length === 0) throw new UsageError(`no statement files; ${usage}`);
  const builder = createClassReportBuilder();
  for (const file of parsed.positional) readInto(file, (s) => builder.add(s));
  const report = builder.finish();
  const html = parsed.flags.get('html');
  if (typeof html === 'string') {
    const files = parsed.positional.map((f) => basename(f));
    const shown =
      files.length > 5
        ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more`
        : files.join(', ');
    const subtitle = `${report.statements.toLocaleString('en-US')} statements from ${files.length} file${files.length === 1 ? '' : 's'} (${shown}), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    writeAtomically(html, classReportHtml(report, { sha256Base64, subtitle }));
  }
  if (parsed.flags.get('json') === true) io.out(`${JSON.stringify(report)}\n`);
  else io.out(`${text(report)}${typeof html === 'string' ? `wrote ${html}\n` : ''}`);
  return 0;
};
