/**
 * A bank written as a file in one of the formats DeepDrill exports: its own JSON pack (which
 * keeps everything, templates included), GIFT or Moodle XML (which hold only what maps; template
 * items as a chosen number of fixed variants). One function, so that `bank export` and the
 * app's Export… write the same bytes and count what was left out the same way.
 */
import type { BankPack } from '../bank/schema';
import { packToGift, packToMoodleXml } from './export';

/** The formats a bank is exported in. */
export const BANK_FILE_FORMATS = ['json', 'gift', 'moodle-xml'] as const;
export type BankFileFormat = (typeof BANK_FILE_FORMATS)[number];

/** File name extension and media type of each format. */
export const BANK_FILE_TYPES: Readonly<
  Record<BankFileFormat, { readonly extension: string; readonly mimeType: string }>
> = {
  json: { extension: 'json', mimeType: 'application/json;charset=utf-8' },
  gift: { extension: 'gift', mimeType: 'text/plain;charset=utf-8' },
  'moodle-xml': { extension: 'xml', mimeType: 'application/xml;charset=utf-8' },
};

/** A bank as the text of a file, with what went in and what did not. */
export interface BankFile {
  readonly text: string;
  /** Items of the bank. */
  readonly items: number;
  /** Items written (a template item written as variants counts once). */
  readonly exported: number;
  /** Questions in the file (a template item counts once per variant; JSON: the items). */
  readonly questions: number;
  /** Template items written as fixed variants, and the variants of each (JSON: 0, 0). */
  readonly templates: number;
  readonly variants: number;
  /** Items not written, each with why (JSON: none). */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

/**
 * `pack` as a file in `format`; `variants` fixed questions per template item for GIFT and
 * Moodle XML (see `template-variants.ts`; default there). Throws `RangeError` for a variant
 * count out of range.
 */
export function bankFile(pack: BankPack, format: BankFileFormat, variants?: number): BankFile {
  const items = pack.items.length;
  switch (format) {
    case 'json':
      return {
        text: `${JSON.stringify(pack, null, 2)}\n`,
        items,
        exported: items,
        questions: items,
        templates: 0,
        variants: 0,
        skipped: [],
      };
    case 'gift':
    case 'moodle-xml': {
      const options = variants === undefined ? {} : { variants };
      const out = format === 'gift' ? packToGift(pack, options) : packToMoodleXml(pack, options);
      return {
        text: out.text,
        items,
        exported: items - out.skipped.length,
        questions: out.questions,
        templates: out.templates,
        variants: out.variants,
        skipped: out.skipped,
      };
    }
    default:
      throw new Error(`unknown bank file format ${String(format satisfies never)}`);
  }
}
