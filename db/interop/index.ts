/**
 * Interoperability with what institutes already use: question banks in GIFT and Moodle XML
 * (read into DeepDrill packs, and written from them) and learners' results as CSV or xAPI.
 * `convertForeignBank` is the entry the bank import uses to route `.gift` / `.xml` files here.
 */
import { basename, extname } from 'node:path';
import { slugify, type ForeignImport } from './foreign';
import { looksLikeGift, parseGift } from './gift';
import { parseMoodleXml } from './moodle-xml';

export { parseGift, looksLikeGift, unescapeGift, optionId } from './gift';
export { parseMoodleXml } from './moodle-xml';
export { packToGift, packToMoodleXml, escapeGift, type ForeignExport } from './export';
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
  ForeignImport,
  ForeignImportOptions,
  ForeignProblem,
  UnsupportedQuestion,
} from './foreign';

/**
 * Reads a foreign bank file by its name: `.gift` as GIFT, `.txt` as GIFT when it looks like GIFT
 * (answer braces, `::titles::` or `$CATEGORY:` lines), `.xml` as Moodle XML. Null for any other
 * file, which the caller reads as a DeepDrill JSON pack. The pack's id is the file name as a slug
 * (so importing the same file again updates that bank) and its title the file name. Never
 * throws: an unexpected failure is returned as a problem.
 */
export function convertForeignBank(fileName: string, text: string): ForeignImport | null {
  const name = basename(fileName);
  const extension = extname(name).toLowerCase();
  const stem = name.slice(0, name.length - extension.length);
  const options = {
    bankId: slugify(stem, 80) || 'imported-bank',
    title: stem.trim() || name,
    fileName: name,
  };
  try {
    switch (extension) {
      case '.gift':
        return parseGift(text, options);
      case '.txt':
        return looksLikeGift(text) ? parseGift(text, options) : null;
      case '.xml':
        return parseMoodleXml(text, options);
      default:
        return null;
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
    };
  }
}
