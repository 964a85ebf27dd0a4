/**
 * `npm run -s cli -- <command> …`: the headless entry point over the same service, db and core
 * the desktop app uses. Exit 0 on success, 1 on user error (one line per problem on stderr).
 */
import { storageProblem } from '../electron/service/storage-errors';
import { UsageError, type CliIo, type Command } from './io';
import { bankCommand } from './commands/bank';
import { classCommand } from './commands/class';
import { computeCommand } from './commands/compute';
import { doctorCommand } from './commands/doctor';
import { resultsCommand } from './commands/results';
import { generateCommand, templatesCommand } from './commands/templates';
import { simulateCommand } from './commands/simulate';

const commands: Readonly<Record<string, Command>> = {
  bank: bankCommand,
  class: classCommand,
  compute: computeCommand,
  doctor: doctorCommand,
  generate: generateCommand,
  results: resultsCommand,
  simulate: simulateCommand,
  templates: templatesCommand,
};

const usage = `usage: deepdrill <command> [options]
commands:
  compute [OP 'JSON-ARGS']            numeric ops; JSON lines on stdin without OP
  templates [--json] | templates check --seeds N [--template ID]
  generate TEMPLATE --seed N [--form mcq|numeric] [--param k=v ...] [--json]
  bank validate FILE | bank import FILE --db DB [--replace]
                                      FILE: .json pack, .gift, Moodle .xml or Aiken .txt
  bank export (--db DB [--bank ID] | --builtin) --out FILE [--format json|gift|moodle-xml]
              [--variants N] [--json] N fixed variants per template item (default 3, 0-50)
  results export --db DB --format csv|xapi --out FILE [--home-page URL] [--learner NAME] [--bom]
  results sync --db DB --endpoint URL [--username U --password P] [--home-page URL] [--json]
  results pull --endpoint URL --out FILE [--username U --password P]
  class report FILE... [--json] [--html OUT.html]   class report over xAPI statement files
  simulate --db DB --learners N --answers M --seed S
  doctor --db DB [--json]`;

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === 'help') {
    io.out(usage + '\n');
    return name === undefined ? 1 : 0;
  }
  // Own keys only: `constructor`, `__proto__`, `toString` are not commands.
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    io.err(`unknown command "${name}"\n${usage}\n`);
    return 1;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    const storage = storageProblem(error);
    if (storage !== null) {
      io.err(`${name}: ${storage}\n`);
      return 1;
    }
    io.err(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli/main.ts')) {
  const exitCode = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
  process.exitCode = exitCode;
}
