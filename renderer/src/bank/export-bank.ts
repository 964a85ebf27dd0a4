/** Plain logic of the bank export panel: the formats offered and what an export says. */
import type { ExportedBank } from '../../../electron/contract';
import { plural } from '../lib/format';

export type BankExportFormat = 'json' | 'gift' | 'moodle-xml';

/** The formats, as the panel offers them. */
export const exportFormats: readonly {
  readonly value: BankExportFormat;
  readonly label: string;
}[] = [
  { value: 'json', label: 'DeepDrill pack (.json): everything, templates included' },
  { value: 'gift', label: 'GIFT (.gift), for Moodle' },
  { value: 'moodle-xml', label: 'Moodle XML (.xml)' },
];

/** Fixed variants written per template question when the learner does not change it. */
export const defaultVariants = 3;

/** Most variants (the contract's `MAX_BANK_EXPORT_VARIANTS`; tests/integration/bank-export checks). */
export const maxVariants = 50;

/**
 * The variants field as a count the service takes (0–50), or why it is not one. Only GIFT and
 * Moodle XML use it.
 */
export function parseVariants(text: string, max: number): number | string {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed) || Number(trimmed) > max) {
    return `Give a whole number of variants from 0 to ${max}.`;
  }
  return Number(trimmed);
}

/**
 * What an export wrote: "Saved small-bank.gift: 7 questions from 5 of 7 items (2 template
 * items as 2 fixed variants each)." and, when the format could not hold some items, how many.
 */
export function exportSummary(file: ExportedBank): { saved: string; left: string | null } {
  const templates =
    file.templates > 0
      ? ` (${plural(file.templates, 'template item')} as ${plural(file.variants, 'fixed variant')} each)`
      : '';
  const saved = `Saved ${file.fileName}: ${plural(file.questions, 'question')} from ${file.exported} of ${plural(file.items, 'item')}${templates}.`;
  const missing = file.notExported.length;
  const left =
    missing === 0
      ? null
      : `${plural(missing, 'item')} ${missing === 1 ? 'was' : 'were'} not exported: the format cannot hold ${missing === 1 ? 'it' : 'them'}.`;
  return { saved, left };
}
