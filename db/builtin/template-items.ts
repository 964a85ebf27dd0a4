import { listTemplates } from '../../core/templates';
import type { BankItemInput } from '../bank/schema';
import { AUTHORS } from './sources';

/** One presentation of a core template: its level (1–3) and whether it is shown as mcq or numeric. */
export interface TemplateVariant {
  readonly level: 1 | 2 | 3;
  readonly form: 'mcq' | 'numeric';
}

/** Every presentation: each level as a choice question and as typed numeric entry. */
const ALL_VARIANTS: readonly TemplateVariant[] = [
  { level: 1, form: 'mcq' },
  { level: 1, form: 'numeric' },
  { level: 2, form: 'mcq' },
  { level: 2, form: 'numeric' },
  { level: 3, form: 'mcq' },
  { level: 3, form: 'numeric' },
];

/** The forms a template offers (a template missing from the registry is a bank error). */
function formsOf(template: string): readonly string[] {
  const info = listTemplates().find((t) => t.id === template);
  if (!info) throw new Error(`built-in bank: no template ${template}`);
  return info.forms;
}

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
  const forms = formsOf(template);
  const variants = options.variants ?? ALL_VARIANTS.filter((v) => forms.includes(v.form));
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
