/**
 * The bank pack format v1 (`"format": "deepdrill-bank"`, `"version": 1`): the single source of
 * truth. Validation, import, export, the generated JSON Schema and the built-in bank all use it.
 * Unknown fields are refused (strict objects); cross-field rules live in {@link refinePack}.
 */
import { z } from 'zod';
import {
  MAX_TEXT_CHARS,
  MAX_TEXT_WITH_IMAGES_CHARS,
  textImagesProblem,
} from '../../core/embedded-image';

const slug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", starting alphanumeric');

/**
 * Markdown text: at most 20 000 characters besides the data URLs of embedded images (PNG, JPEG,
 * GIF, WebP of up to 1 MiB each, 2 MiB in one text; see `core/embedded-image.ts`). An image
 * must be embedded: a link to a file is refused, as the app could not show it offline.
 */
const markdown = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    if (text.length <= MAX_TEXT_CHARS && !text.includes('![')) return;
    const problem = textImagesProblem(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  // What JSON Schema can say of it: the longest a text with images may be.
  .meta({ maxLength: MAX_TEXT_WITH_IMAGES_CHARS });

/** One option of a choice item. */
export const bankOptionSchema = z.strictObject({
  id: slug,
  text: markdown,
  feedback: markdown.optional(),
  /** Named misconception behind this (wrong) option: `{id, label}`. */
  misconception: z.strictObject({ id: slug, label: z.string().min(1).max(200) }).optional(),
  /**
   * Keeps its stored place when the options are shuffled for a quiz ("All of the above",
   * "None of these"); the other options move. Default false.
   */
  pin: z.boolean().optional(),
  /**
   * Moodle's grade of this option as a fraction, −1…1 (msq only; every option or none). With
   * weights an answer scores the sum of the picked options' weights, clamped to 0…1, as Moodle
   * grades a multiple-answer question; the positive weights add up to 1 and the key (`answer`)
   * is the options with a positive weight.
   */
  weight: z.number().finite().min(-1).max(1).optional(),
});

/** Tolerance of a numeric answer; at least one of `abs` / `rel`. */
export const toleranceSchema = z
  .strictObject({
    abs: z.number().finite().nonnegative().optional(),
    rel: z.number().finite().nonnegative().optional(),
  })
  .refine((t) => t.abs !== undefined || t.rel !== undefined, 'give "abs" or "rel"');

/** A numeric key as a pack writes it: one number or a vector, and its tolerance. */
export const numericAnswerSchema = z.strictObject({
  value: z.union([z.number().finite(), z.array(z.number().finite()).min(1).max(1000)]),
  tolerance: toleranceSchema,
});

/** Most rungs a hint ladder has. */
export const MAX_HINTS = 3;

/**
 * A hint ladder, least to most help (a nudge, the formula, the first step worked): Markdown
 * rungs a learner reveals one at a time in practice. Never shown in an exam.
 */
export const hintsSchema = z.array(markdown).min(1).max(MAX_HINTS);

/** One checkable step of a numeric item's solution, with its own key (practice only). */
export const questionPartSchema = z.strictObject({
  /** Unique within the item (same pattern as option ids). */
  id: slug,
  /** What to compute in this step, Markdown. */
  prompt: markdown,
  answer: numericAnswerSchema,
  /** What to enter; default "a number" or "N numbers separated by commas". */
  answerFormat: z.string().min(1).max(200).optional(),
  /** A nudge for this step alone. */
  hint: markdown.optional(),
});

const common = {
  id: slug,
  topic: slug,
  difficulty: z.number().int().min(1).max(5),
  tags: z.array(z.string().min(1).max(60)).max(30),
  source: z.string().min(1).max(500),
};

export const choiceItemSchema = z.strictObject({
  ...common,
  type: z.enum(['mcq', 'msq']),
  stem: markdown,
  options: z.array(bankOptionSchema).min(2).max(12),
  /** Ids of the correct options (exactly one for `mcq`). */
  answer: z.array(slug).min(1),
  explanation: markdown,
  hints: hintsSchema.optional(),
});

export const numericItemSchema = z.strictObject({
  ...common,
  type: z.literal('numeric'),
  stem: markdown,
  answer: numericAnswerSchema,
  explanation: markdown,
  /** Optional hint on the answer format shown under the input, e.g. "comma-separated". */
  answerFormat: z.string().min(1).max(200).optional(),
  hints: hintsSchema.optional(),
  /** The solution in 2–8 checkable steps, each with its own key (unique ids). */
  parts: z.array(questionPartSchema).min(2).max(8).optional(),
});

export const templateItemSchema = z.strictObject({
  ...common,
  type: z.literal('template'),
  /** Id of a core question template (`npm run -s cli -- templates --json`). */
  template: slug,
  /** Fixed parameters for the template; anything not fixed is drawn per variant. */
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  /** Presentation: multiple choice with misconception distractors, or numeric entry. */
  form: z.enum(['mcq', 'numeric']).default('mcq'),
  /** Optional Markdown shown before the generated stem. */
  stem: markdown.optional(),
  /** Optional Markdown added after the generated worked solution. */
  explanation: markdown.optional(),
  /** Replaces the template's own hint ladder. (Parts are the template's own: none here.) */
  hints: hintsSchema.optional(),
});

/** Most accepted answers a short-answer item lists. */
export const MAX_TEXT_ANSWERS = 50;

/** One accepted answer of a short-answer item (a Moodle shortanswer answer). */
export const textAnswerSchema = z.strictObject({
  /** What to type; `*` matches any run of characters, `\*` is a literal star. */
  value: z.string().max(500).regex(/\S/, 'text that is not only spaces'),
  /** Credit 0…1 when this is the first answer matched; default 1. At least one answer has 1. */
  weight: z.number().finite().min(0).max(1).optional(),
  /** Shown after answering when the response matched this answer. */
  feedback: markdown.optional(),
});

/**
 * A short-answer item: the learner types a word or phrase, compared as Moodle compares it
 * (exact after trimming, letter case ignored unless `caseSensitive`, `*` wildcards); the first
 * accepted answer matched gives its weight.
 */
export const shortItemSchema = z.strictObject({
  ...common,
  type: z.literal('short'),
  stem: markdown,
  answer: z.strictObject({
    text: z.array(textAnswerSchema).min(1).max(MAX_TEXT_ANSWERS),
    caseSensitive: z.boolean().optional(),
  }),
  explanation: markdown,
  hints: hintsSchema.optional(),
});

export const bankItemSchema = z.discriminatedUnion('type', [
  choiceItemSchema,
  numericItemSchema,
  templateItemSchema,
  shortItemSchema,
]);

export const bankPackSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal('deepdrill-bank'),
  version: z.literal(1),
  id: slug,
  title: z.string().min(1).max(200),
  license: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  topics: z.array(z.strictObject({ id: slug, title: z.string().min(1).max(200) })).min(1),
  items: z.array(bankItemSchema),
});

export type BankPack = z.output<typeof bankPackSchema>;
export type BankPackInput = z.input<typeof bankPackSchema>;
export type BankItem = z.output<typeof bankItemSchema>;
export type BankItemInput = z.input<typeof bankItemSchema>;
export type ChoiceItem = z.output<typeof choiceItemSchema>;
export type NumericItem = z.output<typeof numericItemSchema>;
export type TemplateItem = z.output<typeof templateItemSchema>;
export type ShortItem = z.output<typeof shortItemSchema>;
export type BankQuestionPart = z.output<typeof questionPartSchema>;
