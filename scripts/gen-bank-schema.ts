/**
 * Writes `docs/bank-pack.schema.json` from the zod pack schema (`npx tsx scripts/gen-bank-schema.ts`;
 * `--check` exits 1 instead when the committed file is stale). Formatted with the project's
 * Prettier config so `prettier --check` agrees with the generator.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BANK_SCHEMA_PATH, bankPackJsonSchemaText } from '../db/bank/json-schema';

/** The generated file's text, exactly as committed. */
export async function generateBankSchemaFile(file: string): Promise<string> {
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(bankPackJsonSchemaText(), { ...config, filepath: file, parser: 'json' });
}

async function main(): Promise<number> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const file = join(root, BANK_SCHEMA_PATH);
  const text = await generateBankSchemaFile(file);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      process.stderr.write(
        `${BANK_SCHEMA_PATH} is stale: run npx tsx scripts/gen-bank-schema.ts\n`,
      );
      return 1;
    }
    return 0;
  }
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
  process.stdout.write(`wrote ${BANK_SCHEMA_PATH}\n`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
