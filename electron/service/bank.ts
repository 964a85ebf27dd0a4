import { resolveQuestion } from '../../core/resolve';
import { TemplateError, listTemplates } from '../../core/templates';
import { importValidatedPack } from '../../db/bank/import';
import { readBankText } from '../../db/bank/read-file';
import {
  loadQuestion,
  searchQuestions,
  summarizeStem,
  type StoredQuestion,
} from '../../db/queries/questions';
import type {
  AppApi,
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

type BankUseCases = Pick<AppApi, 'listQuestions' | 'previewQuestion' | 'importBank'>;

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
 * in stored order under opaque ids; no key, no feedback, no misconceptions.
 */
function learnerView(q: StoredQuestion): QuizItemView {
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
    null,
  );
}

/**
 * The bank browser and import: search the installed questions, preview one as the learner would
 * see it (template items as their seed-0 variant), and import a pack file's text. A bad file is
 * reported as problems in the `ImportReport`, never thrown.
 */
export function bankUseCases(deps: ServiceDeps): BankUseCases {
  return {
    async listQuestions(input) {
      return searchQuestions(deps.db, input, templateTitle);
    },
    async previewQuestion({ questionId }): Promise<QuestionPreview> {
      requireNoRunningExam(deps, 'Bank previews are closed');
      const question = loadQuestion(deps.db, questionId);
      if (question === undefined) {
        throw new ServiceError('not-found', `question ${questionId} does not exist`);
      }
      return { item: listItem(question), view: learnerView(question) };
    },
    async importBank({ fileName, content }): Promise<ImportReport> {
      if (deps.lockdown.hideImport) {
        throw new ServiceError('forbidden', 'importing banks is turned off on this installation');
      }
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
        };
      }
      const report = importValidatedPack(deps.db, reading.pack, { now: deps.clock.now() });
      if (report.ok) bumpDataEpoch(deps.db);
      return { ...report, unsupported: reading.unsupported };
    },
  };
}
