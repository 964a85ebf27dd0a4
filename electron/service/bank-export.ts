/**
 * The bank screen's Export…: an installed bank as a file to save, written by the very code of
 * `bank export` (`db/bank/export` reads the bank, `db/interop/bank-file` writes the format), so
 * the two never disagree, with the items the format cannot hold listed with why. The page
 * downloads the returned text; nothing is written here.
 */
import { BankExportError, exportPack, listBanks } from '../../db/bank/export';
import { BANK_FILE_TYPES, bankFile } from '../../db/interop/bank-file';
import type { AppApi, BankSummary } from '../contract';
import type { ServiceDeps } from './deps';
import { ServiceError } from './errors';
import { requireNoRunningExam } from './quiz/lifecycle';

export function bankExportUseCases(deps: ServiceDeps): Pick<AppApi, 'listBanks' | 'exportBank'> {
  const counts = deps.db.prepare<[], { bank_id: string; n: number }>(
    'SELECT bank_id, count(*) AS n FROM questions WHERE retired = 0 GROUP BY bank_id',
  );
  return {
    async listBanks(): Promise<BankSummary[]> {
      const byBank = new Map(counts.all().map((r) => [r.bank_id, r.n]));
      return listBanks(deps.db).map((b) => ({
        id: b.id,
        title: b.title,
        questionCount: byBank.get(b.id) ?? 0,
      }));
    },
    async exportBank({ bankId, format, variants }) {
      // The file holds every key and worked solution.
      requireNoRunningExam(deps, 'Banks cannot be exported');
      let pack;
      try {
        pack = exportPack(deps.db, bankId);
      } catch (error) {
        if (error instanceof BankExportError) throw new ServiceError('not-found', error.message);
        throw error;
      }
      if (format === 'json' && variants !== undefined) {
        throw new ServiceError(
          'invalid-input',
          'variants are for GIFT and Moodle XML; a JSON pack keeps its templates',
        );
      }
      const file = bankFile(pack, format, variants);
      const { extension, mimeType } = BANK_FILE_TYPES[format];
      return {
        fileName: `${bankId}.${extension}`,
        mimeType,
        content: file.text,
        items: file.items,
        exported: file.exported,
        questions: file.questions,
        templates: file.templates,
        variants: file.variants,
        notExported: file.skipped,
      };
    },
  };
}
