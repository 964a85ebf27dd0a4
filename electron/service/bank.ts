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
import type { ServiceDeps } from './deps';
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

/** What a learner would see of the question: no key, no feedback, no misconceptions. */
function learnerView(q: StoredQuestion): QuizItemView {
  const base = {
    position: 0,
    questionId: q.id,
    topicId: q.topicId,
    topicTitle: q.topicTitle,
    response: null,
    marked: false,
    feedback: null,
  };
  if (q.type === 'template') {
    let question;
    try {
      question = resolveQuestion(q, PREVIEW_SEED);
    } catch (error) {
      if (error instanceof TemplateError) throw new ServiceError('internal', error.message);
      throw error;
    }
    return {
      ...base,
      kind: question.kind,
      stem: question.stem,
      options: (question.options ?? []).map((o) => ({ id: o.id, text: o.text })),
      answerFormat: question.answerFormat ?? null,
      fromTemplate: true,
    };
  }
  return {
    ...base,
    kind: q.type,
    stem: q.stem ?? '',
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
    answerFormat: q.answerFormat,
    fromTemplate: false,
  };
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
      return { ...report, unsupported: reading.unsupported };
    },
  };
}
