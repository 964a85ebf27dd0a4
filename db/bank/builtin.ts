/**
 * The built-in bank: imported on first run, so the app is useful before any institute pack is
 * installed, and re-imported after an upgrade that changed it (changed questions get a new
 * version; attempts keep the version the learner saw).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../connection';
import { getSetting, setSetting } from '../queries/settings';
import { builtinPack } from '../builtin';
import { importPack, type BankImportReport } from './import';

const hashKey = 'builtinBankHash';

/** Fingerprint of this build's built-in pack. */
export function builtinBankHash(): string {
  return createHash('sha256').update(JSON.stringify(builtinPack)).digest('hex');
}

/**
 * Imports {@link builtinPack} when this database has not seen this exact version of it (first
 * run, or an upgrade that changed it); otherwise does nothing and returns null, so calling it on
 * every start is cheap. A built-in pack that does not validate is a bug of this build, thrown as
 * an error naming the first problems.
 */
export function ensureBuiltinBank(db: Db, now?: number): BankImportReport | null {
  const hash = builtinBankHash();
  if (getSetting(db, hashKey) === hash) return null;
  const report = importPack(db, builtinPack, { now, builtin: true });
  if (!report.ok) {
    const first = report.problems
      .slice(0, 5)
      .map((p) => `${p.path}: ${p.message}`)
      .join('; ');
    throw new Error(`the built-in bank does not validate: ${first}`);
  }
  setSetting(db, hashKey, hash);
  return report;
}
