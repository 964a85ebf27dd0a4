import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { builtinPack } from '../../db/builtin';
import { DatabaseOpenError, openDatabase, type Db } from '../../db/connection';
import { DatabaseFromFutureError } from '../../db/migrations';
import { BankExportError, exportPack, listBanks } from '../../db/bank/export';
import { importPack, importValidatedPack, sourceFileName } from '../../db/bank/import';
import { readBankText, type BankFileReading } from '../../db/bank/read-file';
import { DEFAULT_EXPORT_VARIANTS, MAX_EXPORT_VARIANTS } from '../../db/interop';
import { bankFile } from '../../db/interop/bank-file';
import { MAX_PACK_BYTES, type PackProblem } from '../../db/bank/validate';
import type { BankPack } from '../../db/bank/schema';
import { UsageError, parseArgs, requireFlag, type CliIo, type Command } from '../io';

const usage =
  'usage: bank validate FILE | bank import FILE --db DB [--replace] | bank export (--db DB [--bank ID] | --builtin) --out FILE [--format json|gift|moodle-xml [--variants N]] [--json]\n' +
  '  FILE: a DeepDrill pack (.json), GIFT (.gift) or Moodle XML (.xml)\n' +
  '  --replace: replace a bank of the same id imported from another file\n' +
  `  --variants N: fixed questions written per template item (seeds 0..N-1; default ${DEFAULT_EXPORT_VARIANTS}, 0 leaves templates out)`;

function printProblems(io: CliIo, problems: readonly PackProblem[]): void {
  for (const p of problems) io.err(`${p.path}: ${oneLine(p.message)}\n`);
}

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ');

/** Reads and checks a pack file; problems about the file itself name the file. */
function readPack(file: string): BankFileReading {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  if (size > MAX_PACK_BYTES) {
    const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
    return {
      ok: false,
      unsupported: [],
      unsupportedCount: 0,
      problems: [
        {
          path: file,
          message: `the file is ${mb(size)}; bank packs are limited to ${mb(MAX_PACK_BYTES)}`,
        },
      ],
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      unsupported: [],
      unsupportedCount: 0,
      problems: [{ path: file, message: 'not UTF-8 text; save the pack as UTF-8 JSON' }],
    };
  }
  return readBankText(file, text);
}

function open(file: string, readonly = false): Db {
  try {
    return openDatabase(file, { readonly });
  } catch (error) {
    if (error instanceof DatabaseOpenError || error instanceof DatabaseFromFutureError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
function writeAtomically(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was created
    }
    throw new UsageError(
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** Questions a GIFT / Moodle XML file has that DeepDrill cannot represent: listed, not dropped silently. */
function printUnsupported(io: CliIo, reading: BankFileReading): void {
  for (const q of reading.unsupported) {
    io.err(`${q.position}: ${q.type} question "${q.title}" is not supported and was left out\n`);
  }
  const rest = reading.unsupportedCount - reading.unsupported.length;
  if (rest > 0)
    io.err(`… and ${rest} more questions of types DeepDrill does not support were left out\n`);
  if (!reading.ok) return;
  // Kept questions that lost something (audio, an image too large, …): a warning each.
  const dropped = reading.dropped ?? [];
  for (const d of dropped) {
    io.err(`warning: ${d.position}: question "${d.title}" was imported without ${d.what}\n`);
  }
  const more = (reading.droppedCount ?? dropped.length) - dropped.length;
  if (more > 0) io.err(`warning: … and ${more} more contents were dropped from questions\n`);
}

async function validate(args: readonly string[], io: CliIo): Promise<number> {
  const { positional } = parseArgs(args, []);
  if (positional.length !== 1) throw new UsageError(usage);
  const result = readPack(positional[0]);
  printUnsupported(io, result);
  if (!result.ok) {
    printProblems(io, result.problems);
    return 1;
  }
  io.out(`ok: ${result.pack.items.length} items, ${result.pack.topics.length} topics\n`);
  return 0;
}

async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['db'], ['replace']);
  if (parsed.positional.length !== 1) throw new UsageError(usage);
  const dbFile = requireFlag(parsed, 'db');
  // Checked before the database is even opened: a bad file never touches it.
  const result = readPack(parsed.positional[0]);
  printUnsupported(io, result);
  if (!result.ok) {
    printProblems(io, result.problems);
    return 1;
  }
  const db = open(dbFile);
  try {
    const report = importValidatedPack(db, result.pack, {
      sourceFile: sourceFileName(parsed.positional[0]),
      replace: parsed.flags.get('replace') === true,
    });
    if (!report.ok) {
      printProblems(io, report.problems);
      return 1;
    }
    io.out(
      `imported bank ${report.bankId}: ${report.added} added, ${report.updated} updated, ` +
        `${report.unchanged} unchanged, ${report.retired} retired\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}

async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['db', 'bank', 'out', 'format', 'variants'], ['builtin', 'json']);
  if (parsed.positional.length > 0) throw new UsageError(usage);
  const out = requireFlag(parsed, 'out');
  const format = parsed.flags.get('format') ?? 'json';
  if (format !== 'json' && format !== 'gift' && format !== 'moodle-xml') {
    throw new UsageError(`--format must be json, gift or moodle-xml, not ${String(format)}`);
  }
  const variants = variantsFlag(parsed.flags.get('variants'), format);
  const json = parsed.flags.get('json') === true;
  let pack: BankPack;
  if (parsed.flags.get('builtin') === true) {
    if (parsed.flags.has('db') || parsed.flags.has('bank')) {
      throw new UsageError('--builtin exports the pack shipped with DeepDrill; drop --db / --bank');
    }
    // Through an in-memory import: validated, and laid out exactly as a database export.
    const memory = openDatabase(':memory:');
    try {
      const report = importPack(memory, builtinPack, { builtin: true });
      if (!report.ok) {
        printProblems(io, report.problems);
        return 1;
      }
      pack = exportPack(memory, builtinPack.id);
    } finally {
      memory.close();
    }
  } else {
    const db = open(requireFlag(parsed, 'db'), true);
    try {
      let bankId = parsed.flags.get('bank');
      if (typeof bankId !== 'string') {
        const banks = listBanks(db).map((b) => b.id);
        const candidates = banks.filter((id) => id !== builtinPack.id);
        if (candidates.length !== 1) {
          throw new UsageError(
            candidates.length === 0
              ? `no imported bank in the database (installed: ${banks.join(', ') || 'none'}); use --bank ID or --builtin`
              : `several banks in the database; choose one with --bank: ${candidates.join(', ')}`,
          );
        }
        bankId = candidates[0];
      }
      try {
        pack = exportPack(db, bankId);
      } catch (error) {
        if (error instanceof BankExportError) throw new UsageError(error.message);
        throw error;
      }
    } finally {
      db.close();
    }
  }
  const file = bankFile(pack, format, variants);
  writeAtomically(out, file.text);
  if (format === 'json') {
    io.out(
      json
        ? `${JSON.stringify({ out, format, items: pack.items.length, topics: pack.topics.length, notExported: 0, skipped: [] })}\n`
        : `wrote ${out}: ${pack.items.length} items, ${pack.topics.length} topics\n`,
    );
    return 0;
  }
  // Moodle formats hold only the question types that map; the rest are counted, not dropped silently.
  const foreign = file;
  const notExported = foreign.skipped.length;
  if (notExported > 0) {
    const listed = foreign.skipped.slice(0, 10).map((s) => s.id);
    const more = notExported > listed.length ? `, … ${notExported - listed.length} more` : '';
    io.err(
      `${notExported} of ${pack.items.length} items not exported (${format} cannot hold them; --json says why each): ${listed.join(', ')}${more}\n`,
    );
  }
  const written = pack.items.length - notExported;
  io.out(
    json
      ? `${JSON.stringify({
          out,
          format,
          items: pack.items.length,
          exported: written,
          questions: foreign.questions,
          templates: foreign.templates,
          variants: foreign.variants,
          notExported,
          skipped: foreign.skipped,
        })}\n`
      : `wrote ${out}: ${foreign.questions} questions as ${format} from ${written} of ${pack.items.length} items` +
          (foreign.templates > 0
            ? ` (${foreign.templates} template items as ${foreign.variants} fixed variants each)`
            : '') +
          '\n',
  );
  return 0;
}

/** `--variants N`: a whole number of fixed variants per template item, for GIFT / Moodle XML only. */
function variantsFlag(value: string | true | undefined, format: string): number {
  if (value === undefined) return DEFAULT_EXPORT_VARIANTS;
  if (format === 'json') {
    throw new UsageError(
      '--variants is for --format gift or moodle-xml; a JSON pack keeps its templates',
    );
  }
  const n = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(n <= MAX_EXPORT_VARIANTS)) {
    throw new UsageError(
      `--variants must be a whole number from 0 to ${MAX_EXPORT_VARIANTS}, not ${String(value)}`,
    );
  }
  return n;
}

/** `bank validate FILE` · `bank import FILE --db DB` · `bank export … --out FILE`. */
export const bankCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'validate':
      return validate(rest, io);
    case 'import':
      return importCommand(rest, io);
    case 'export':
      return exportCommand(rest, io);
    default:
      throw new UsageError(sub === undefined ? usage : `unknown bank command "${sub}"; ${usage}`);
  }
};
