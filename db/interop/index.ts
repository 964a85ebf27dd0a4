/**
 * Interoperability with what institutes already use: question banks in GIFT and Moodle XML
 * (read into DeepDrill packs, and written from them) and learners' results as CSV or xAPI.
 * `convertForeignBank` is the entry the bank import uses to route `.gift` / `.xml` files here.
 */
import { basename, extname } from 'node:path';
import { slugify, type ForeignImport } from './foreign';
import { looksLikeAiken, parseAiken } from './aiken';
import { looksLikeGift, parseGift } from './gift';
import { parseMoodleXml } from './moodle-xml';

export { parseGift, looksLikeGift, unescapeGift, optionId } from './gift';
export { parseMoodleXml } from './moodle-xml';
export { parseAiken, looksLikeAiken } from './aiken';
export {
  packToGift,
  packToMoodleXml,
  escapeGift,
  type ForeignExport,
  type ForeignExportOptions,
} from './export';
export { DEFAULT_EXPORT_VARIANTS, MAX_EXPORT_VARIANTS } from './template-variants';
export {
  attemptsToCsv,
  attemptsToXapi,
  attemptCsvChunks,
  attemptXapiChunks,
  csvField,
  uuidV5,
  xapiDuration,
  CSV_COLUMNS,
  XAPI_UUID_NAMESPACE,
  ResultsExportError,
  type AttemptFilter,
  type XapiOptions,
} from './results';
export type {
  DroppedContent,
  ForeignImport,
  ForeignImportOptions,
  ForeignProblem,
  UnsupportedQuestion,
} from './foreign';

/** The foreign formats DeepDrill reads. */
export type ForeignFormat = 'gift' | 'moodle-xml' | 'aiken';

const SUPPORTED =
  'DeepDrill reads DeepDrill bank packs (.json), GIFT (.gift, or .txt), Moodle XML (.xml) and Aiken (.txt)';

/**
 * The foreign format a bank file is read as: `.gift` GIFT; `.txt` GIFT when it looks like GIFT
 * (answer braces, `::titles::` or `$CATEGORY:` lines), else Aiken when it looks like Aiken
 * (`A.` option lines and `ANSWER: A`); `.xml` Moodle XML. Null for any other file, which is read
 * as a DeepDrill JSON pack.
 */
export function foreignFormatOf(fileName: string, text: string): ForeignFormat | null {
  switch (extname(basename(fileName)).toLowerCase()) {
    case '.gift':
      return 'gift';
    case '.txt':
      return looksLikeGift(text) ? 'gift' : looksLikeAiken(text) ? 'aiken' : null;
    case '.xml':
      return 'moodle-xml';
    default:
      return null;
  }
}

/**
 * What a file that is neither a DeepDrill pack nor a format read here looks like (QTI, Aiken,
 * CSV, …), as a message that also says what is supported; null when it may be a JSON pack
 * (it starts like JSON, or is a `.json` file that looks like no other format).
 */
export function unreadableFormatMessage(fileName: string, text: string): string | null {
  const sample = text
    .slice(0, 20_000)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (sample.startsWith('{') || sample.startsWith('[')) return null;
  const name = basename(fileName);
  let looks: string;
  if (sample.startsWith('PK\u0003\u0004'))
    looks = 'a ZIP archive (an IMS content package or QTI export?)';
  else if (/<(?:questestinterop|assessmentItem|assessmentTest)\b/.test(sample))
    looks = 'an IMS QTI file';
  else if (/<quiz\b/.test(sample)) looks = 'Moodle XML (give it the .xml extension)';
  else if (looksLikeGift(sample)) looks = 'GIFT (give it the .gift extension)';
  else if (looksLikeAiken(sample)) looks = 'Aiken (give it the .txt extension)';
  else if (/^\s*</.test(sample)) looks = 'an XML or HTML file that is not Moodle XML';
  else if (looksLikeDelimited(sample)) looks = 'a spreadsheet export (CSV)';
  // A .json file that looks like nothing else is a broken pack: the JSON reader says where.
  else if (extname(name).toLowerCase() === '.json') return null;
  else looks = 'plain text in no question format DeepDrill knows';
  return `${name} looks like ${looks}, not a bank DeepDrill reads; ${SUPPORTED}`;
}

/** Several lines with the same number (≥ 1) of commas, semicolons or tabs outside quotes. */
function looksLikeDelimited(sample: string): boolean {
  const lines = sample
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  if (lines.length < 2) return false;
  return [',', ';', '\t'].some((d) => {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, '').split(d).length - 1);
    return counts[0] > 0 && counts.every((c) => c === counts[0]);
  });
}

/** The suffix a foreign format adds to a bank id, so that files of one name do not collide. */
const ID_SUFFIX: Readonly<Record<ForeignFormat, string>> = {
  gift: 'gift',
  'moodle-xml': 'xml',
  aiken: 'aiken',
};

/**
 * The bank id stated in a file DeepDrill wrote: the first comment of its GIFT or Moodle XML
 * export (`// DeepDrill bank "ID": …`, `<!-- DeepDrill bank "ID": … -->`), or null.
 */
export function statedBankId(text: string): string | null {
  const head = text.slice(0, 4096);
  const m =
    /^(?:\uFEFF)?(?:<\?xml[^>]*>\s*<quiz>\s*<!--|\/\/) DeepDrill bank "([A-Za-z0-9][A-Za-z0-9._-]{0,80})"/.exec(
      head.trimStart(),
    );
  return m === null ? null : m[1];
}

/**
 * The id of the bank a foreign file becomes: the id its DeepDrill export states, else its file
 * name as a slug, followed by the format (`week1.gift` → `week1-gift`, `week1.xml` →
 * `week1-xml`). Importing the same file again (or a new version of it under the same name)
 * updates that bank in place; a file of the same name in another format is another bank; and an
 * exported bank read back never replaces the pack it came from (whose id has no suffix).
 */
export function foreignBankId(fileName: string, format: ForeignFormat, text: string): string {
  const name = basename(fileName);
  const stem = name.slice(0, name.length - extname(name).length);
  const base = statedBankId(text) ?? (slugify(stem, 80) || 'imported-bank');
  return `${base}-${ID_SUFFIX[format]}`;
}

/**
 * Reads a foreign bank file by its name (see {@link foreignFormatOf}). Null for a file that may
 * be a DeepDrill JSON pack, which the caller reads; a file that is not one and not in a format
 * read here gets a problem naming what it looks like. The pack's id is {@link foreignBankId} and
 * its title the file name. Never throws: an unexpected failure is returned as a problem.
 */
export function convertForeignBank(fileName: string, text: string): ForeignImport | null {
  const name = basename(fileName);
  const extension = extname(name).toLowerCase();
  const stem = name.slice(0, name.length - extension.length);
  try {
    const format = foreignFormatOf(name, text);
    const options = (read: ForeignFormat) => ({
      bankId: foreignBankId(name, read, text),
      title: stem.trim() || name,
      fileName: name,
    });
    switch (format) {
      case 'gift':
        return parseGift(text, options(format));
      case 'aiken':
        return parseAiken(text, options(format));
      case 'moodle-xml':
        return parseMoodleXml(text, options(format));
      case null: {
        const message = unreadableFormatMessage(name, text);
        return message === null
          ? null
          : {
              pack: null,
              problems: [{ path: '(file)', message }],
              unsupported: [],
              unsupportedCount: 0,
            };
      }
      default:
        throw new Error(`unknown format ${String(format satisfies never)}`);
    }
  } catch (error) {
    return {
      pack: null,
      problems: [
        {
          path: '(file)',
          message: `could not convert ${name}: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
      unsupported: [],
      unsupportedCount: 0,
    };
  }
}
