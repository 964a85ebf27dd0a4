import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPack } from '../builtin';
import { openDatabase } from '../connection';
import { ensureBuiltinBank } from './builtin';
import { exportPack } from './export';
import { importPack } from './import';
import { bankPackSchema } from './schema';
import { samplePack, tempDir } from './test-fixtures';
import { validatePack } from './validate';

describe('the built-in bank', () => {
  it('validates, including its template items and params', () => {
    const result = validatePack(builtinPack);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('is imported on first run only, and round-trips', () => {
    const db = openDatabase(join(tempDir(), 'first-run.db'));
    const report = ensureBuiltinBank(db, 1000);
    expect(report).toMatchObject({ ok: true, bankId: builtinPack.id });
    expect(report?.added).toBe(builtinPack.items.length);
    expect(ensureBuiltinBank(db)).toBeNull();
    expect(exportPack(db, builtinPack.id)).toEqual(bankPackSchema.parse(builtinPack));
    db.close();
  });

  it('is imported beside an institute bank, and again only after this build changed it', () => {
    const db = openDatabase(join(tempDir(), 'institute.db'));
    importPack(db, samplePack());
    expect(ensureBuiltinBank(db)?.added).toBe(builtinPack.items.length);
    expect(db.prepare('SELECT id FROM banks ORDER BY id').pluck().all()).toEqual([
      builtinPack.id,
      'sample-bank',
    ]);
    // A database that saw an older built-in pack (different fingerprint) gets the update.
    db.prepare(`UPDATE settings SET value = 'older' WHERE key = 'builtinBankHash'`).run();
    const update = ensureBuiltinBank(db);
    expect(update).toMatchObject({ ok: true, added: 0, unchanged: builtinPack.items.length });
    expect(ensureBuiltinBank(db)).toBeNull();
    db.close();
  });

  it('brings a new option order in as new versions on upgrade, keeping the old ones', () => {
    const db = openDatabase(join(tempDir(), 'reordered.db'));
    // A database that was seeded by a build storing every choice item's options reversed.
    const older = structuredClone(builtinPack);
    let choiceItems = 0;
    for (const item of older.items) {
      if (item.type !== 'mcq' && item.type !== 'msq') continue;
      item.options.reverse();
      choiceItems++;
    }
    expect(importPack(db, older, { builtin: true })).toMatchObject({ ok: true });
    const update = ensureBuiltinBank(db);
    expect(update).toMatchObject({
      ok: true,
      added: 0,
      updated: choiceItems,
      unchanged: builtinPack.items.length - choiceItems,
    });
    expect(exportPack(db, builtinPack.id)).toEqual(bankPackSchema.parse(builtinPack));
    expect(
      db.prepare('SELECT count(*) FROM question_versions WHERE version = 2').pluck().get(),
    ).toBe(choiceItems);
    db.close();
  });
});
