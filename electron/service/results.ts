/**
 * The learner's results as a file to save from Settings: CSV or xAPI JSON lines, written by the
 * very code of `results export` (`db/interop/results`), so the two never disagree. The page
 * downloads the returned text; nothing is written here.
 */
import {
  ResultsExportError,
  writeResults,
  type WriteResultsOptions,
} from '../../db/interop/results';
import { outboxHomePageOr } from '../../db/outbox';
import { DEFAULT_XAPI_HOME_PAGE, type AppApi } from '../contract';
import type { ServiceDeps } from './deps';
import { ServiceError } from './errors';
import { requireNoRunningExam } from './quiz/lifecycle';

const formats = {
  csv: { extension: 'csv', mimeType: 'text/csv;charset=utf-8' },
  xapi: { extension: 'jsonl', mimeType: 'application/x-ndjson;charset=utf-8' },
} as const;

/** `YYYY-MM-DD` of `ms`, the local day (the learner's own calendar). */
function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function resultsUseCases(deps: ServiceDeps): Pick<AppApi, 'exportResults'> {
  const learnerName = deps.db
    .prepare<[number], string>('SELECT name FROM learners WHERE id = ?')
    .pluck();
  return {
    async exportResults({ format, bom, homePage }) {
      // A running exam's answers would come out with their scores, i.e. its keys.
      requireNoRunningExam(deps, 'Results cannot be exported');
      const learner = learnerName.get(deps.learnerId);
      const options: WriteResultsOptions = {
        ...(learner !== undefined ? { learner } : {}),
        ...(format === 'csv'
          ? { bom: bom === true }
          : { homePage: homePage ?? outboxHomePageOr(deps.db, DEFAULT_XAPI_HOME_PAGE) }),
      };
      const chunks: string[] = [];
      let records: number;
      try {
        records = writeResults(deps.db, format, options, (chunk) => chunks.push(chunk));
      } catch (error) {
        if (error instanceof ResultsExportError) {
          throw new ServiceError('invalid-input', error.message);
        }
        throw error;
      }
      const { extension, mimeType } = formats[format];
      return {
        fileName: `deepdrill-results-${localDay(deps.clock.now())}.${extension}`,
        mimeType,
        content: chunks.join(''),
        records,
      };
    },
  };
}
