/**
 * The built-in bank: imported on first run (a database without banks), so the app is useful
 * before any institute pack is installed.
 */
import type { Db } from '../connection';
import { builtinPack } from '../builtin';
import { importPack, type BankImportReport } from './import';

/**
 * Imports {@link builtinPack} when the database has no bank yet; does nothing (returns null)
 * otherwise, so calling it on every start is safe. A built-in pack that does not validate is a
 * bug of this build, thrown as an error naming the first problems.
 */
export function ensureBuiltinBank(db: Db, now?: number): BankImportReport | null {
  const banks = db.prepare<[], number>('SELECT count(*) FROM banks').pluck().get() ?? 0;
  if (banks > 0) return null;
  const report = importPack(db, builtinPack, { now });
  if (!report.ok) {
    const first = report.problems
      .slice(0, 5)
      .map((p) => `${p.path}: ${p.message}`)
      .join('; ');
    throw new Error(`the built-in bank does not validate: ${first}`);
  }
  return report;
}
