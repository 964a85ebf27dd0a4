/**
 * `class report FILE... [--json]`: a class report for instructors over xAPI statement files
 * (JSON lines, as `results export --format xapi` and `results pull` write them): learners,
 * attempts, mastery per topic, misconception frequencies and item analysis (`core/class-report`).
 * Files are read line by line, so the statements are never all in memory; a statement in two
 * files (a learner's export and an LRS pull) counts once.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createClassReportBuilder, type ClassReport } from '../../core/class-report';
import { UsageError, parseArgs, type CliIo, type Command } from '../io';

const usage = 'usage: class report FILE... [--json]';

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

/** `class report …` (see the module comment). */
export const classCommand: Command = async (args, io: CliIo) => {
  const [sub, ...rest] = args;
  if (sub !== 'report') {
    throw new UsageError(sub === undefined ? usage : `unknown class command "${sub}"; ${usage}`);
  }
  const parsed = parseArgs(rest, [], ['json']);
  if (parsed.positional.length === 0) throw new UsageError(`no statement files; ${usage}`);
  const builder = createClassReportBuilder();
  for (const file of parsed.positional) await readInto(file, (s) => builder.add(s));
  const report = builder.finish();
  io.out(parsed.flags.get('json') === true ? `${JSON.stringify(report)}\n` : text(report));
  return 0;
};
