/** Plain logic of the bank browser and the import panel. */
import type { ImportReport, QuestionListItem } from '../../../electron/contract';
import { plural } from '../lib/format';

export const pageSize = 25;

/** "26–50 of 143", and whether there are pages before and after. */
export function pageInfo(offset: number, shown: number, total: number) {
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + shown);
  return {
    label: total === 0 ? 'No questions' : `${from}–${to} of ${total}`,
    hasPrevious: offset > 0,
    hasNext: offset + shown < total,
  };
}

/** The bank browser's filters as the page holds them ('' = not filtering). */
export interface BankFilters {
  readonly search: string;
  readonly topic: string;
  readonly type: string;
  readonly difficulty: string;
}

/** Filters that filter nothing. */
export const noFilters: BankFilters = { search: '', topic: '', type: '', difficulty: '' };

/** Does any filter narrow the list? (White space alone does not search.) */
export function filtersActive(filters: BankFilters): boolean {
  return (
    filters.search.trim() !== '' ||
    filters.topic !== '' ||
    filters.type !== '' ||
    filters.difficulty !== ''
  );
}

/** "1 question matches", "143 questions match". */
export function matchCount(total: number): string {
  return `${plural(total, 'question')} ${total === 1 ? 'matches' : 'match'}`;
}

/** A question type in words. */
export function typeLabel(type: QuestionListItem['type']): string {
  switch (type) {
    case 'mcq':
      return 'Single answer';
    case 'msq':
      return 'Multiple select';
    case 'numeric':
      return 'Numeric';
    case 'template':
      return 'Generated';
    case 'short':
      return 'Short answer';
    default:
      throw new Error(`unknown question type ${String(type satisfies never)}`);
  }
}

/** The outcome of an import in one sentence. */
export function importSummary(report: ImportReport): string {
  if (!report.ok) {
    const problems = report.problemCount ?? report.problems.length;
    return `Nothing was imported: ${plural(problems, 'problem')} found. Fix them and import the file again.`;
  }
  const bank = report.bankId ? ` into bank “${report.bankId}”` : '';
  const retired = report.retired > 0 ? `, ${report.retired} retired` : '';
  const leftOut = report.unsupportedCount ?? report.unsupported.length;
  const skipped =
    leftOut > 0
      ? ` ${plural(leftOut, 'question')} of a type DeepDrill cannot ask ${leftOut === 1 ? 'was' : 'were'} left out.`
      : '';
  return `Imported${bank}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged${retired}.${skipped}`;
}

/** Problems beyond this many are summarised as "and N more". */
export const problemDisplayLimit = 100;
