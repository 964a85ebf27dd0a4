import type { Migration } from './types';

/**
 * The base name of the file each bank was last imported from (NULL for the built-in bank and
 * for banks imported before this version), so a pack from another file that states the same
 * bank id replaces that bank only when asked to.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'bank-source',
  up: `
ALTER TABLE banks ADD COLUMN source_file TEXT;
`,
};
