/**
 * Turns a stored question (one version of a bank item) plus, for template items, a variant seed
 * into the {@link ResolvedQuestion} that is shown, graded and reviewed.
 */
import { generateVariant } from './templates/registry';
import type { ChoiceOption, NumericKey, QuestionPart, ResolvedQuestion, TextKey } from './types';

/** The parts of a stored question resolution needs (the db's `StoredQuestion` fits). */
export interface ResolvableQuestion {
  readonly type: 'mcq' | 'msq' | 'numeric' | 'template' | 'short';
  readonly stem: string | null;
  readonly explanation: string | null;
  readonly answerFormat: string | null;
  readonly options: readonly ChoiceOption[];
  readonly numeric: NumericKey | null;
  /** A short answer's accepted answers (absent or null for other types). */
  readonly text?: TextKey | null;
  readonly template: {
    readonly id: string;
    readonly form: 'mcq' | 'numeric';
    readonly params: Readonly<Record<string, number | string | boolean>> | null;
  } | null;
  /** The item's own hint ladder (empty or absent: none). */
  readonly hints?: readonly string[];
  /** The item's own checkable steps, numeric items only (empty or absent: none). */
  readonly parts?: readonly QuestionPart[];
}

/**
 * The question as presented. Bank items are taken as stored (`seed` is ignored), with their hint
 * ladder and (numeric items) parts when they have any. Template items are generated with
 * `generateVariant(template, seed, {form, params})`; the item's own stem, if any, is put before
 * the generated stem and its explanation after the generated explanation, and its own hints
 * replace the template's ladder (the parts stay the template's). `hints` / `parts` are left out
 * rather than empty when there are none.
 * Throws when a template item has no seed or the template cannot generate (unknown id, …).
 */
export function resolveQuestion(
  question: ResolvableQuestion,
  seed: number | null,
): ResolvedQuestion {
  if (question.type === 'template') {
    const template = question.template;
    if (template === null) throw new Error('template item without a template');
    if (seed === null) throw new Error(`template item ${template.id} needs a variant seed`);
    const generated = generateVariant(template.id, seed, {
      form: template.form,
      params: template.params ?? {},
    }).question;
    const stem = question.stem === null ? generated.stem : `${question.stem}\n\n${generated.stem}`;
    const explanation =
      question.explanation === null
        ? generated.explanation
        : `${generated.explanation}\n\n${question.explanation}`;
    return { ...generated, stem, explanation, ...ownHints(question) };
  }
  const base = {
    stem: question.stem ?? '',
    explanation: question.explanation ?? '',
    ...ownHints(question),
  };
  if (question.type === 'numeric') {
    if (question.numeric === null) throw new Error('numeric item without a key');
    return {
      kind: 'numeric',
      ...base,
      numeric: question.numeric,
      ...(question.answerFormat === null ? {} : { answerFormat: question.answerFormat }),
      ...(question.parts === undefined || question.parts.length === 0
        ? {}
        : { parts: question.parts }),
    };
  }
  if (question.type === 'short') {
    if (question.text === undefined || question.text === null) {
      throw new Error('short-answer item without accepted answers');
    }
    return { kind: 'short', ...base, text: question.text };
  }
  return { kind: question.type, ...base, options: question.options };
}

function ownHints(question: ResolvableQuestion): Pick<ResolvedQuestion, 'hints'> {
  return question.hints === undefined || question.hints.length === 0
    ? {}
    : { hints: question.hints };
}
