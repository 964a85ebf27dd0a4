/**
 * The JSON Schema of the bank pack format, generated from the zod schema (the single source of
 * truth) so editors can complete and check packs (`"$schema": "./bank-pack.schema.json"`).
 * `scripts/gen-bank-schema.ts` writes it to `docs/bank-pack.schema.json`; a test keeps the
 * committed file equal to a fresh generation.
 */
import { z } from 'zod';
import { bankPackSchema } from './schema';

/** Where the generated schema is committed, relative to the repository root. */
export const BANK_SCHEMA_PATH = 'docs/bank-pack.schema.json';

/**
 * The pack's JSON Schema (draft 2020-12) for what authors write: defaults are optional
 * (`io: 'input'`), unknown fields refused (`additionalProperties: false`). Rules across fields
 * (unique ids, answers among the options, known templates) are beyond JSON Schema; `bank
 * validate` checks them.
 */
export function bankPackJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(bankPackSchema, { io: 'input', target: 'draft-2020-12' });
  const { $schema, ...rest } = generated as Record<string, unknown>;
  return {
    $schema,
    title: 'DeepDrill bank pack',
    description:
      'A question bank for DeepDrill (format "deepdrill-bank", version 1). See docs/bank-format.md. ' +
      'Generated from db/bank/schema.ts by scripts/gen-bank-schema.ts; do not edit by hand.',
    ...rest,
  };
}

/** The schema as the text of a JSON file (2-space indent, trailing newline). */
export function bankPackJsonSchemaText(): string {
  return `${JSON.stringify(bankPackJsonSchema(), null, 2)}\n`;
}
