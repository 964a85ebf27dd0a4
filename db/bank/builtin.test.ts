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

  it('is not imported into a database that already has a bank', () => {
    const db = openDatabase(join(tempDir(), 'institute.db'));
    importPack(db, samplePack());
    expect(ensureBuiltinBank(db)).toBeNull();
    expect(db.prepare('SELECT id FROM banks').pluck().all()).toEqual(['sample-bank']);
    db.close();
  });
});
