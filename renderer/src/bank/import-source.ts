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
