import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBankSchemaFile } from '../../scripts/gen-bank-schema';
import { BANK_SCHEMA_PATH, bankPackJsonSchema } from './json-schema';

const root = join(import.meta.dirname, '..', '..');

describe('docs/bank-pack.schema.json', () => {
  it('equals a fresh generation from the zod schema (run scripts/gen-bank-schema.ts)', async () => {
    const file = join(root, BANK_SCHEMA_PATH);
    expect(readFileSync(file, 'utf8')).toBe(await generateBankSchemaFile(file));
  });

  it('describes what authors write: strict objects, the item types, optional template form', () => {
    const schema = bankPackJsonSchema() as {
      additionalProperties: boolean;
      required: string[];
      properties: { items: { items: { oneOf: { required: string[]; properties: object }[] } } };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(
      expect.arrayContaining(['format', 'version', 'id', 'title', 'license', 'topics', 'items']),
    );
    const branches = schema.properties.items.items.oneOf;
    // choice (mcq, msq), numeric, template, short.
    expect(branches).toHaveLength(4);
    const template = branches.find((b) => 'template' in b.properties);
    expect(template?.required).not.toContain('form');
  });
});
