import { resolveQuestion } from '../../core/resolve';
import { TemplateError, listTemplates } from '../../core/templates';
import { importValidatedPack, sourceFileName } from '../../db/bank/import';
import { readBankText } from '../../db/bank/read-file';
import { searchQuestions } from '../../db/queries/bank-search';
import { loadQuestion, summarizeStem, type StoredQuestion } from '../../db/queries/questions';
import type {
  AppApi,
  ImportProgress,
  ImportReport,
  QuestionListItem,
  QuestionPreview,
  QuizItemView,
} from '../contract';
import { bumpDataEpoch } from '../../db/data-epoch';
import type { ServiceDeps } from './deps';
import { requireNoRunningExam } from './quiz/lifecycle';
import { itemView } from './quiz/views';
import { ServiceError } from './errors';
import { importInWorker, ImportJobError } from './import-worker';
import { storageProblem } from './storage-errors';

type BankUseCases = Pick<
  AppApi,
  'listQuestions' | 'previewQuestion' | 'importBank' | 'getImportProgress'
>;

/** Problems and left-out questions listed in a report at most (the counts are complete). */
export const importListLimit = 200;

/** The report with its lists capped and their full lengths counted. */
function capped(report: ImportReport): ImportReport {
  return {
    ...report,
    problems: report.problems.slice(0, importListLimit),
    unsupported: report.unsupported.slice(0, importListLimit),
    problemCount: report.problems.length,
    unsupportedCount: report.unsupportedCount ?? report.unsupported.length,
    ...(report.dropped === undefined
      ? {}
      : {
          dropped: report.dropped.slice(0, importListLimit),
          droppedCount: report.droppedCount ?? report.dropped.length,
        }),
  };
}

/** What the read file's questions lost, for the report (nothing when nothing was dropped). */
export function droppedOf(
  reading: Pick<ImportReport, 'dropped' | 'droppedCount'>,
): Pick<ImportReport, 'dropped' | 'droppedCount'> {
  return reading.dropped === undefined
    ? {}
    : { dropped: reading.dropped, droppedCount: reading.droppedCount };
}

/** The file's text read, validated and written here, on the calling thread. */
function importHere(
  deps: ServiceDeps,
  fileName: string,
  content: string,
  replace: boolean,
): ImportReport {
  const reading = readBankText(fileName, content);
  if (!reading.ok) {
    return {
      ok: false,
      bankId: null,
      added: 0,
      updated: 0,
      unchanged: 0,
      retired: 0,
      problems: reading.problems,
      unsupported: reading.unsupported,
      unsupportedCount: reading.unsupportedCount,
    };
  }
  const report = importValidatedPack(deps.db, reading.pack, {
    now: deps.clock.now(),
    sourceFile: sourceFileName(fileName),
    replace,
  });
  return {
    ...report,
    unsupported: reading.unsupported,
    unsupportedCount: reading.unsupportedCount,
    ...droppedOf(reading),
  };
}

/** Seed of the variant a template item is previewed with. */
const PREVIEW_SEED = 0;

let templateTitles: ReadonlyMap<string, string> | undefined;
const templateTitle = (id: string): string | undefined => {
  templateTitles ??= new Map(listTemplates().map((t) => [t.id, t.title]));
  return templateTitles.get(id);
};

function listItem(q: StoredQuestion): QuestionListItem {
  return {
    questionId: q.id,
    itemId: q.itemId,
    bankId: q.bankId,
    topicId: q.topicId,
    topicTitle: q.topicTitle,
    type: q.type,
    difficulty: q.difficulty,
    summary:
      q.stem !== null
        ? summarizeStem(q.stem)
        : (templateTitle(q.template?.id ?? '') ?? `template ${q.template?.id ?? ''}`),
  };
}

/**
 * What a learner would see of the question (template items as their seed-0 variant): options
 * in stored order under opaque ids; no key, no feedback, no misconceptions. `withAnswer` adds
 * the key, the options' feedback, the explanation and the worked solution, as after a Check.
 */
function learnerView(q: StoredQuestion, withAnswer: boolean): QuizItemView {
  let resolved;
  try {
    resolved = { stored: q, question: resolveQuestion(q, PREVIEW_SEED) };
  } catch (error) {
    if (error instanceof TemplateError) throw new ServiceError('internal', error.message);
    throw error;
  }
  return itemView(
    { position: 0, questionId: q.id, optionSeed: null, response: null, marked: false },
    resolved,
    withAnswer ? { attempt: undefined } : null,
  );
}

/**
 * The bank browser and import: search the installed questions, preview one as the learner would
 * see it (template items as their seed-0 variant), with its key and worked solution on request
 * (never while an exam runs), and import a pack file's text. A bad file is reported as problems
 * in the `ImportReport`, never thrown.
 */
export function bankUseCases(deps: ServiceDeps): BankUseCases {
  let progress: ImportProgress | null = null;
  return {
    async listQuestions(input) {
      return searchQuestions(deps.db, input, templateTitle);
    },
    async previewQuestion({ questionId, withAnswer }): Promise<QuestionPreview> {
      // The key first: a page that showed the question before the exam began says why not.
      if (withAnswer) requireNoRunningExam(deps, 'Keys and worked solutions stay hidden');
      requireNoRunningExam(deps, 'Bank previews are closed');
      const question = loadQuestion(deps.db, questionId);
      if (question === undefined) {
        throw new ServiceError('not-found', `question ${questionId} does not exist`);
      }
      return { item: listItem(question), view: learnerView(question, withAnswer === true) };
    },
    async importBank({ fileName, content, replace }): Promise<ImportReport> {
      if (deps.lockdown.hideImport) {
        throw new ServiceError('forbidden', 'importing banks is turned off on this installation');
      }
      if (progress !== null) {
        throw new ServiceError(
          'conflict',
          `“${progress.fileName}” is still being imported; wait until it has finished.`,
        );
      }
      progress = { fileName, phase: 'reading', questions: null, startedAt: deps.clock.now() };
      try {
        const worker = deps.importWorker;
        const report =
          worker === undefined
            ? importHere(deps, fileName, content, replace === true)
            : await importInWorker(
                worker,
                {
                  dbPath: deps.dbPath,
                  fileName,
                  content,
                  now: deps.clock.now(),
                  replace: replace === true,
                  nativeBinding: deps.nativeBinding,
                },
                (phase, questions) => {
                  if (progress !== null) progress = { ...progress, phase, questions };
                },
              );
        if (report.ok) bumpDataEpoch(deps.db);
        return capped(report);
      } catch (error) {
        if (!(error instanceof ImportJobError)) throw error;
        const storage = storageProblem(error);
        if (storage !== null) throw new ServiceError('storage', storage);
        throw new Error(`bank import failed: ${error.message}`, { cause: error });
      } finally {
        progress = null;
      }
    },
    async getImportProgress() {
      return progress;
    },
  };
}
