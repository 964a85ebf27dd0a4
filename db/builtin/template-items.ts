import type { BankItemInput } from '../bank/schema';
import { AUTHORS } from './sources';

/** One presentation of a core template: its level (1–3) and whether it is shown as mcq or numeric. */
export interface TemplateVariant {
  readonly level: 1 | 2 | 3;
  readonly form: 'mcq' | 'numeric';
}

/** The presentations most templates get: an easy mcq, both forms at level 2, a hard numeric. */
export const STANDARD_VARIANTS: readonly TemplateVariant[] = [
  { level: 1, form: 'mcq' },
  { level: 2, form: 'mcq' },
  { level: 2, form: 'numeric' },
  { level: 3, form: 'numeric' },
];

/**
 * Template items for one core template, one per variant, with stable ids
 * `tpl-<template>-l<level>-<form>`. Difficulty is `base + level`, plus one for numeric entry
 * (typing the number is harder than recognising it), clamped to 1–5.
 */
export function templateItems(
  template: string,
  topic: string,
  options: {
    readonly base: number;
    readonly tags: readonly string[];
    readonly variants?: readonly TemplateVariant[];
  },
): BankItemInput[] {
  const variants = options.variants ?? STANDARD_VARIANTS;
  return variants.map(({ level, form }) => ({
    id: `tpl-${template}-l${level}-${form}`,
    topic,
    type: 'template' as const,
    template,
    form,
    params: { level },
    difficulty: Math.min(5, Math.max(1, options.base + level + (form === 'numeric' ? 1 : 0))),
    tags: ['template', ...options.tags],
    source: AUTHORS,
  }));
}
