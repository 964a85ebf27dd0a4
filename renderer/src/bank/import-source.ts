/**
 * Where a bank file to import comes from. The panel does not care: browser mode uses a file
 * input; the desktop app can plug in a component that opens the native dialog. A source renders
 * its own control and calls `onpick` with the file's name and text.
 */
import type { Component } from 'svelte';

export interface PickedFile {
  readonly fileName: string;
  readonly content: string;
}

export interface ImportSourceProps {
  readonly disabled: boolean;
  readonly onpick: (file: PickedFile) => void;
  /** Called when reading the file failed (message fit for the learner). */
  readonly onerror: (message: string) => void;
}

export type ImportSource = Component<ImportSourceProps>;

/**
 * The file's bytes as text, or null when they are not UTF-8 (the CLI refuses such a file too:
 * decoding it leniently would turn every accented letter into U+FFFD and import that). A UTF-8
 * byte-order mark is dropped.
 */
export function decodeUtf8(bytes: ArrayBuffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}
