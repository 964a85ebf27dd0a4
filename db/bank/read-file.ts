/**
 * Reads a bank file of any supported format into a validated pack: DeepDrill JSON packs, GIFT
 * (`.gift`, or `.txt` that looks like GIFT), Aiken (`.txt` that looks like Aiken) and Moodle XML
 * (`.xml`). Questions of types DeepDrill
 * cannot represent come back in `unsupported` (by position and type) so the import report can
 * list them; they are never silently dropped.
 */
import {
  convertForeignBank,
  foreignFormatOf,
  type DroppedContent,
  type UnsupportedQuestion,
} from '../interop';
import type { BankPack } from './schema';
import { parsePackText, validatePack, type PackProblem } from './validate';

export type { DroppedContent, UnsupportedQuestion };

export type BankFileReading =
  | {
      readonly ok: true;
      readonly pack: BankPack;
      readonly format: 'deepdrill' | 'gift' | 'moodle-xml' | 'aiken';
      readonly unsupported: readonly UnsupportedQuestion[];
      /** All questions left out; `unsupported` lists the first of them. */
      readonly unsupportedCount: number;
      /** What kept questions lost (audio, large images, …); absent when nothing. */
      readonly dropped?: readonly DroppedContent[];
      readonly droppedCount?: number;
    }
  | {
      readonly ok: false;
      readonly problems: readonly PackProblem[];
      readonly unsupported: readonly UnsupportedQuestion[];
      readonly unsupportedCount: number;
    };

/** Parses and validates the text of a bank file named `fileName`. */
export function readBankText(fileName: string, text: string): BankFileReading {
  const foreign = convertForeignBank(fileName, text);
  if (foreign === null) {
    const parsed = parsePackText(text, fileName);
    return parsed.ok
      ? { ok: true, pack: parsed.pack, format: 'deepdrill', unsupported: [], unsupportedCount: 0 }
      : { ok: false, problems: parsed.problems, unsupported: [], unsupportedCount: 0 };
  }
  const { unsupported, unsupportedCount } = foreign;
  if (foreign.pack === null) {
    return { ok: false, problems: foreign.problems, unsupported, unsupportedCount };
  }
  const validated = validatePack(foreign.pack);
  if (!validated.ok)
    return { ok: false, problems: validated.problems, unsupported, unsupportedCount };
  return {
    ok: true,
    pack: validated.pack,
    format: foreignFormatOf(fileName, text) ?? 'gift',
    unsupported,
    unsupportedCount,
    ...(foreign.dropped === undefined
      ? {}
      : { dropped: foreign.dropped, droppedCount: foreign.droppedCount }),
  };
}
