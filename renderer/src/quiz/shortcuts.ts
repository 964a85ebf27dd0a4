/**
 * Keyboard shortcuts of the quiz runner, as a pure mapping from a key press to an action so the
 * rules (what is never hijacked) are testable without a page.
 */

export type ShortcutAction =
  | { readonly kind: 'pick'; readonly index: number }
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'mark' }
  | { readonly kind: 'save' }
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

const letters = 'abcde';

/**
 * The action for a key press, or null to let the browser handle it. Never taken over: keys with
 * Ctrl/Cmd/Alt, typing in a text field (except Enter, which saves, and Escape, which leaves the
 * field), and Enter on a button or
 * link (which activates it). Space is left to the browser: it toggles the focused checkbox or
 * selects the focused radio button.
 */
export function shortcutFor(press: KeyPress, optionCount: number): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Enter') return press.target === 'control' ? null : { kind: 'save' };
  if (press.target === 'text') return press.key === 'Escape' ? { kind: 'leave-field' } : null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    return index < optionCount ? { kind: 'pick', index } : null;
  }
  const letter = letters.indexOf(key);
  if (key.length === 1 && letter >= 0)
    return letter < optionCount ? { kind: 'pick', index: letter } : null;
  switch (key) {
    case 'n':
      return { kind: 'next' };
    case 'p':
      return { kind: 'previous' };
    case 'm':
      return { kind: 'mark' };
    case 's':
      return { kind: 'submit' };
    case '?':
      return { kind: 'help' };
    default:
      return null;
  }
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

/** The list shown in the "Keyboard shortcuts" help. */
export const shortcutHelp: readonly {
  readonly keys: readonly string[];
  readonly action: string;
}[] = [
  { keys: ['1', '–', '9'], action: 'Pick option 1 to 9' },
  { keys: ['A', '–', 'E'], action: 'Pick option A to E' },
  { keys: ['Space'], action: 'Toggle the focused checkbox or choose the focused option' },
  {
    keys: ['Enter'],
    action: 'Save the answer now (answers also save themselves; works in the number field too)',
  },
  { keys: ['Esc'], action: 'Leave the number field, so the letter shortcuts work again' },
  { keys: ['N'], action: 'Next question' },
  { keys: ['P'], action: 'Previous question' },
  { keys: ['M'], action: 'Mark or unmark for review' },
  { keys: ['S'], action: 'Submit (asks first)' },
  { keys: ['?'], action: 'Show these shortcuts' },
];
