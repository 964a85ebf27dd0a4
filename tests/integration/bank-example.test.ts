/**
 * The documented example pack: the copy in docs/bank-format.md and docs/example-bank.json agree,
 * it validates, imports through the CLI and the service, and exports back unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import type { CliIo } from '../../cli/io';
import { exportPack } from '../../db/bank/export';
import { bankPackSchema } from '../../db/bank/schema';
import { tempDir } from '../../db/bank/test-fixtures';
import { parsePackText } from '../../db/bank/validate';
import { openDatabase } from '../../db/connection';
import { ensureBuiltinBank } from '../../db/bank/builtin';
import { bankUseCases } from '../../electron/service/bank';

const docs = join(import.meta.dirname, '..', '..', 'docs');
const exampleFile = join(docs, 'example-bank.json');
const exampleText = readFileSync(exampleFile, 'utf8');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdin: (async function* () {})(),
    out: (t) => (out += t),
    err: (t) => (err += t),
  };
  return { code: await runCli(argv, io), out, err };
}

describe('docs/example-bank.json', () => {
  it('is the example printed in docs/bank-format.md', () => {
    const markdown = readFileSync(join(docs, 'bank-format.md'), 'utf8');
    const blocks = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    const example = blocks.find((b) => b.includes('"items"'));
    expect(example).toBeDefined();
    expect(JSON.parse(example ?? '')).toEqual(JSON.parse(exampleText));
  });

  it('points editors at the generated schema beside it', () => {
    expect(JSON.parse(exampleText).$schema).toBe('./bank-pack.schema.json');
  });

  it('validates and imports with the CLI, and exports back equal (without $schema)', async () => {
    expect(await cli('bank', 'validate', exampleFile)).toEqual({
      code: 0,
      out: 'ok: 6 items, 3 topics\n',
      err: '',
    });
    const dir = tempDir();
    const db = join(dir, 'app.db');
    expect((await cli('bank', 'import', exampleFile, '--db', db)).out).toBe(
      'imported bank demo-institute-week5: 6 added, 0 updated, 0 unchanged, 0 retired\n',
    );
    const out = join(dir, 'export.json');
    expect((await cli('bank', 'export', '--db', db, '--out', out)).code).toBe(0);
    const { $schema: _, ...expected } = bankPackSchema.parse(JSON.parse(exampleText));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(expected);
  });

  it('imports through the app next to the built-in bank, and every item previews', async () => {
    const file = join(tempDir(), 'app.db');
    const db = openDatabase(file);
    ensureBuiltinBank(db);
    const api = bankUseCases({
      db,
      clock: { now: () => 0 },
      nextSeed: () => 1,
      learnerId: 1,
      dbPath: file,
      mode: 'browser',
      version: 'test',
      productName: 'DeepDrill',
      lockdown: { hideImport: false, examOnly: false, fixedMsqRule: null },
    });
    const report = await api.importBank({ fileName: 'example-bank.json', content: exampleText });
    expect(report).toMatchObject({ ok: true, added: 6 });
    const validation = parsePackText(exampleText);
    expect(validation.ok).toBe(true);
    const pack = exportPack(db, 'demo-institute-week5');
    expect(pack.items).toHaveLength(6);
    const ids = db
      .prepare(`SELECT id FROM questions WHERE bank_id = 'demo-institute-week5' ORDER BY id`)
      .pluck()
      .all() as number[];
    for (const questionId of ids) {
      const preview = await api.previewQuestion({ questionId });
      expect(preview.view.stem.length).toBeGreaterThan(0);
      expect(preview.view.feedback).toBeNull();
    }
    db.close();
  });
});
