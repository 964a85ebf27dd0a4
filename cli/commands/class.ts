/**
 * `class report FILE... [--json] [--html OUT.html]`: a class report for instructors over xAPI
 * statement files (JSON lines, as `results export --format xapi` and `results pull` write them):
 * learners, attempts, mastery per topic, misconception frequencies and item analysis
 * (`core/class-report`), printed as text or JSON, and with `--html` also written as one
 * self-contained page (`core/class-report-html`), atomically (a temporary file, then a rename).
 * Files are read line by line, so the statements are never all in memory; a statement in two
 * files (a learner's export and an LRS pull) counts once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClassReportBuilder, type ClassReport } from '../../core/class-report';
import { classReportHtml } from '../../core/class-report-html';
import { UsageError, parseArgs, type CliIo, type Command } from '../io';

const usage = 'usage: class report FILE... [--json] [--html OUT.html]';

async function readInto(file: string, add: (statement: unknown) => void): Promise<void> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let statement: unknown;
    try {
      statement = JSON.parse(text);
    } catch {
      stream.destroy();
      throw new UsageError(`${file}:${line}: not a JSON statement (the file must be JSON lines)`);
    }
    add(statement);
  }
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
  for (const file of parsed.positional) await readInto(file, (s) => builder.add(s));
  const report = builder.finish();
  const html = parsed.flags.get('html');
  if (typeof html === 'string') {
    const files = parsed.positional.map((f) => basename(f));
    const shown =
      files.length > 5
        ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more`
        : files.join(', ');
    const subtitle = `${report.statements} statements from ${files.length} file${files.length === 1 ? '' : 's'} (${shown}), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    writeAtomically(html, classReportHtml(report, { sha256Base64, subtitle }));
  }
  if (parsed.flags.get('json') === true) io.out(`${JSON.stringify(report)}\n`);
  else io.out(`${text(report)}${typeof html === 'string' ? `wrote ${html}\n` : ''}`);
  return 0;
};
