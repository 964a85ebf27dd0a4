/**
 * Question templates: seeded, deterministic generators of MCQ and numeric variants whose answers
 * come from the numeric kernels, whose wrong options come from named misconceptions, and whose
 * worked steps are written from the same computation.
 */
export {
  TemplateError,
  type AnswerKind,
  type GenerateOptions,
  type ParamInput,
  type TemplateForm,
  type TemplateInfo,
  type Variant,
} from './types';
export { MAX_SEED, generateVariant, generateWithProblem, listTemplates } from './registry';
export { checkDrawn, checkGenerated, checkProblem, checkVariant } from './check';
export { conventionIds, type ConventionId } from './conventions';
export { allMisconceptions, type MisconceptionId } from './misconceptions';
