import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { Lockdown } from './contract';

/**
 * An institute's customisation, without touching code: `institute.json`, read by `npm run dist`
 * (product name, app id, banks to bundle) and, shipped as an extra resource, by the packaged
 * app at start (title, lock-down, banks to import on first run).
 */
export const instituteSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Window title and installer name, e.g. "DeepDrill — Example Institute". */
  productName: z.string().min(1).max(100),
  /** Reverse-DNS application id, e.g. "org.example.deepdrill". */
  appId: z
    .string()
    .regex(/^[a-zA-Z][\w-]*(\.[a-zA-Z][\w-]*)+$/, 'reverse-DNS id like org.example.deepdrill'),
  /** Bank pack files (relative to this file) bundled with the app and imported on first run. */
  banks: z.array(z.string().min(1)).default([]),
  /** Also load DeepDrill's built-in bank. */
  includeBuiltinBank: z.boolean().default(true),
  lockdown: z
    .strictObject({
      /** Hide bank import in the app (learners use only the bundled banks). */
      hideImport: z.boolean().default(false),
      /** Only timed exams; no practice mode. */
      examOnly: z.boolean().default(false),
      /** Multiple-select scoring fixed by the institute; learners cannot change it. */
      fixedMsqRule: z.enum(['all-or-nothing', 'partial']).nullable().default(null),
    })
    .default({ hideImport: false, examOnly: false, fixedMsqRule: null }),
});

export type InstituteConfig = z.output<typeof instituteSchema>;

/** The configuration of a plain DeepDrill build. */
export const defaultInstitute: InstituteConfig = instituteSchema.parse({
  productName: 'DeepDrill',
  appId: 'org.deepdrill.app',
});

/** Reads and checks `institute.json`; errors name the field. Bank paths come back absolute. */
export function loadInstitute(file: string): InstituteConfig & { readonly lockdown: Lockdown } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = instituteSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(root)'}: ${i.message}`,
    );
    throw new Error(`${file}: ${problems.join('; ')}`);
  }
  const base = dirname(file);
  return {
    ...parsed.data,
    banks: parsed.data.banks.map((bank) => (isAbsolute(bank) ? bank : join(base, bank))),
  };
}
