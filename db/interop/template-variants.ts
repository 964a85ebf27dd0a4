/**
 * Template items as fixed questions, for formats that hold no generator (GIFT, Moodle XML): the
 * variants of seeds 0..N−1, each resolved exactly as a quiz resolves it (`resolveQuestion`: the
 * item's own stem before the generated one, its explanation after, its hints replacing the
 * template's), in the item's form. An mcq variant keeps its four options with their feedback and
 * misconceptions; a numeric one its key and the template's tolerance. The worked steps are added
 * to the explanation, as Moodle shows only one general feedback. Figures are drawn by DeepDrill's
 * page and are not carried (the stem states the numbers they show).
 */
import { resolveQuestion } from '../../core/resolve';
import type { ResolvedQuestion } from '../../core/types';
import { MAX_HINTS, type ChoiceItem, type NumericItem, type TemplateItem } from '../bank/schema';

/** Variants written per template item when the caller does not say. */
export const DEFAULT_EXPORT_VARIANTS = 3;
/** Most variants per template item an export writes. */
export const MAX_EXPORT_VARIANTS = 50;

/** The id of the fixed question made from `item` with `seed`. */
export const variantId = (item: TemplateItem, seed: number): string => `${item.id}-seed-${seed}`;

/**
 * The variants of seeds 0..count−1 as fixed items, or why the item cannot be written: a numeric
 * form whose key is a vector, or a template that does not generate.
 */
export function templateVariants(
  item: TemplateItem,
  count: number,
): { readonly items: (ChoiceItem | NumericItem)[] } | { readonly reason: string } {
  const items: (ChoiceItem | NumericItem)[] = [];
  for (let seed = 0; seed < count; seed++) {
    let question: ResolvedQuestion;
    try {
      question = resolveQuestion(
        {
          type: 'template',
          stem: item.stem ?? null,
          explanation: item.explanation ?? null,
          answerFormat: null,
          options: [],
          numeric: null,
          template: { id: item.template, form: item.form, params: item.params ?? null },
          ...(item.hints === undefined ? {} : { hints: item.hints }),
        },
        seed,
      );
    } catch (error) {
      return {
        reason: `template "${item.template}" did not generate (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    const common = {
      id: variantId(item, seed),
      topic: item.topic,
      difficulty: item.difficulty,
      tags: item.tags,
      source: item.source,
      stem: question.stem,
      explanation: withSteps(question),
      ...(question.hints === undefined || question.hints.length === 0
        ? {}
        : { hints: question.hints.slice(0, MAX_HINTS) }),
    };
    if (question.kind === 'numeric') {
      const key = question.numeric;
      if (key === undefined) return { reason: 'the template gave no numeric key' };
      if (typeof key.value !== 'number') {
        return {
          reason: `template "${item.template}" answers with a vector of ${key.value.length} numbers; GIFT and Moodle numerical questions take one number`,
        };
      }
      items.push({
        ...common,
        type: 'numeric',
        answer: { value: key.value, tolerance: { ...key.tolerance } },
      });
    } else if (question.kind === 'short') {
      // No template generates a short answer.
      return { reason: `template "${item.template}" gave a short-answer variant` };
    } else {
      const options = question.options ?? [];
      items.push({
        ...common,
        type: question.kind,
        options: options.map((o) => ({
          id: o.id,
          text: o.text,
          ...(o.feedback === undefined ? {} : { feedback: o.feedback }),
          ...(o.misconception === undefined ? {} : { misconception: o.misconception }),
          ...(o.pin === true ? { pin: true } : {}),
        })),
        answer: options.filter((o) => o.correct).map((o) => o.id),
      });
    }
  }
  return { items };
}

/** The explanation followed by the worked steps, when the variant has them. */
function withSteps(question: ResolvedQuestion): string {
  const steps = question.steps ?? [];
  if (steps.length === 0) return question.explanation;
  const worked = steps.map((s, k) => `${k + 1}. ${s}`).join('\n\n');
  return question.explanation.trim() === ''
    ? `**Worked solution**\n\n${worked}`
    : `${question.explanation}\n\n**Worked solution**\n\n${worked}`;
}
