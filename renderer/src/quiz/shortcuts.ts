/**
 * Keyboard shortcuts of the quiz runner, as a pure mapping from a key press to an action so the
 * rules (what is never hijacked, which letters belong to options) are testable without a page.
 */

export type ShortcutAction =
  | { readonly kind: 'pick'; readonly index: number }
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'mark' }
  | { readonly kind: 'save' }
  | { readonly kind: 'check' }
  | { readonly kind: 'hint' }
  | { readonly kind: 'try-again' }
  | { readonly kind: 'similar' }
  | { readonly kind: 'submit' }
  | { readonly kind: 'leave-field' }
  | { readonly kind: 'help' };

/** Where the key was pressed, as far as shortcuts care. */
export type KeyTarget = 'text' | 'choice' | 'control' | 'other';

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
  readonly target: KeyTarget;
}

/** What the current question offers, as far as shortcuts care. */
export interface KeyContext {
  /** Options shown (0 for a number question). */
  readonly optionCount: number;
  /** Practice: Enter checks, and the tutoring keys (hint, try again, similar) exist. */
  readonly practice: boolean;
}

/**
 * Option letters. A question has at most 12 options (the pack format's limit), so A–L are
 * always option letters and every command key lies outside them: option C, F or H is never
 * taken by a command.
 */
export const OPTION_LETTERS = 'abcdefghijkl';

/** Command keys, each outside {@link OPTION_LETTERS}. */
const commands: ReadonlyMap<string, ShortcutAction> = new Map<string, ShortcutAction>([
  ['n', { kind: 'next' }],
  ['p', { kind: 'previous' }],
  ['m', { kind: 'mark' }],
  ['s', { kind: 'submit' }],
  ['t', { kind: 'hint' }],
  ['r', { kind: 'try-again' }],
  ['v', { kind: 'similar' }],
  ['?', { kind: 'help' }],
]);
const practiceOnly: ReadonlySet<ShortcutAction['kind']> = new Set(['hint', 'try-again', 'similar']);

/**
 * The action for a key press, or null to let the browser handle it. Never taken over: keys with
 * Ctrl/Cmd/Alt, typing in a text field (except Enter and Escape, which leaves the field), and
 * Enter on a button, link or disclosure (which activates it). Enter checks the answer in
 * practice and saves it now in an exam; the same in the number field, so typing a number and
 * pressing Enter checks it. Space is left to the browser: it toggles the focused checkbox or
 * selects the focused radio button.
 */
export function shortcutFor(press: KeyPress, context: KeyContext): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Enter') {
    if (press.target === 'control') return null;
    return context.practice ? { kind: 'check' } : { kind: 'save' };
  }
  if (press.target === 'text') return press.key === 'Escape' ? { kind: 'leave-field' } : null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    return index < context.optionCount ? { kind: 'pick', index } : null;
  }
  const letter = key.length === 1 ? OPTION_LETTERS.indexOf(key) : -1;
  if (letter >= 0) return letter < context.optionCount ? { kind: 'pick', index: letter } : null;
  const action = commands.get(key);
  if (action === undefined || (practiceOnly.has(action.kind) && !context.practice)) return null;
  return action;
}

/** Classifies the element a key event was aimed at. */
export function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof Element)) return 'other';
  if (target instanceof HTMLInputElement) {
    return target.type === 'radio' || target.type === 'checkbox' ? 'choice' : 'text';
  }
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return 'text';
  if (target instanceof HTMLElement && target.isContentEditable) return 'text';
  if (target.closest('button, a[href], summary, [role="button"]')) return 'control';
  return 'other';
}

/** "A–F" for six options, "A" for one, "" for none: the letters the question shows. */
export function letterRange(optionCount: number): string {
  const count = Math.min(optionCount, OPTION_LETTERS.length);
  if (count <= 0) return '';
  const last = OPTION_LETTERS[count - 1].toUpperCase();
  return count === 1 ? 'A' : `A–${last}`;
}

export interface ShortcutEntry {
  readonly keys: readonly string[];
  readonly action: string;
}

/** The list shown in the "Keyboard shortcuts" help; `practice` adds the tutoring keys. */
export function shortcutHelp(practice: boolean): readonly ShortcutEntry[] {
  const entries: (ShortcutEntry | false)[] = [
    { keys: ['1', '–', '9'], action: 'Pick option 1 to 9' },
    { keys: ['A', '–', 'L'], action: 'Pick the option with that letter (as many as are shown)' },
    { keys: ['Space'], action: 'Toggle the focused checkbox or choose the focused option' },
    practice
      ? {
          keys: ['Enter'],
          action:
            'Check the answer (also in the number field; in a step-by-step field, check that part)',
        }
      : {
          keys: ['Enter'],
          action: 'Save the answer now (answers also save themselves; works in the number field)',
        },
    {
      keys: ['Esc'],
      action: 'Leave the number field, so the letter shortcuts work again',
    },
    practice && { keys: ['T'], action: 'Show the next hint (each hint lowers the credit)' },
    practice && { keys: ['R'], action: 'After a wrong check: try the same question again' },
    practice && { keys: ['V'], action: 'After a check: try a similar question (new numbers)' },
    { keys: ['N'], action: 'Next question' },
    { keys: ['P'], action: 'Previous question' },
    { keys: ['M'], action: 'Mark or unmark for review' },
    { keys: ['S'], action: 'Submit (asks first)' },
    { keys: ['?'], action: 'Show these shortcuts' },
  ];
  return entries.filter((entry): entry is ShortcutEntry => entry !== false);
}
