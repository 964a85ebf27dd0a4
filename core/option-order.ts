/**
 * The order a learner sees a choice question's options in, and the ids the page knows them by.
 * The order is drawn per quiz item from a stored seed, so the quiz, its review, the palette, the
 * keyboard letters and the results export all agree; pinned options ("All of the above") keep
 * their stored place. The page never sees stored option ids (an id such as `correct` would give
 * the key away): it sees `o1`, `o2`, … by display position, which say nothing about the key.
 */
import { Rng } from './templates/rng';
import type { ChoiceOption } from './types';

/** One option as presented: its page-facing id and the stored option behind it. */
export interface PresentedOption {
  readonly viewId: string;
  readonly option: ChoiceOption;
}

/** Separates the option stream from the other users of an item's seed. */
const OPTION_STREAM = 0x0b7105;

/**
 * Stored indexes in display order: a Fisher–Yates shuffle (seeded, mulberry32) of the unpinned
 * options over the unpinned places; each pinned option stays at its stored index. A null seed
 * keeps the stored order (quizzes started before options were shuffled).
 */
export function optionOrder(
  options: readonly Pick<ChoiceOption, 'pin'>[],
  seed: number | null,
): number[] {
  const identity = options.map((_, i) => i);
  if (seed === null) return identity;
  const free = identity.filter((i) => options[i].pin !== true);
  const shuffled = new Rng(seed, OPTION_STREAM).shuffle(free);
  let next = 0;
  return identity.map((i) => (options[i].pin === true ? i : shuffled[next++]));
}

/** The page-facing id of the option shown at `displayIndex` (0-based). */
export function optionViewId(displayIndex: number): string {
  return `o${displayIndex + 1}`;
}

/** The options in display order with their page-facing ids. */
export function presentOptions(
  options: readonly ChoiceOption[],
  seed: number | null,
): PresentedOption[] {
  return optionOrder(options, seed).map((stored, shown) => ({
    viewId: optionViewId(shown),
    option: options[stored],
  }));
}

/**
 * Stored option ids for page-facing ones, or the first id that names no option. Duplicates are
 * dropped and the result is in display order, so equal sets are stored equally.
 */
export function toStoredIds(
  presented: readonly PresentedOption[],
  viewIds: readonly string[],
): { readonly ids: string[] } | { readonly unknown: string } {
  const wanted = new Set(viewIds);
  const known = new Set(presented.map((p) => p.viewId));
  for (const id of wanted) if (!known.has(id)) return { unknown: id };
  return { ids: presented.filter((p) => wanted.has(p.viewId)).map((p) => p.option.id) };
}

/** Page-facing ids for stored ones (ids the question no longer has are left out). */
export function toViewIds(
  presented: readonly PresentedOption[],
  storedIds: readonly string[],
): string[] {
  const wanted = new Set(storedIds);
  return presented.filter((p) => wanted.has(p.option.id)).map((p) => p.viewId);
}
