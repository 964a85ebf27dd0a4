/**
 * The template registry and the generation framework: picks the template, parses its params,
 * seeds the RNG, draws a problem (redrawing a bounded number of times when a draw is unusable),
 * keeps three distinct misconception answers, and builds the MCQ or numeric question.
 */
import { KernelArgError } from '../kernels';
import { withinTolerance } from '../grading';
import {
  unreachable,
  type ChoiceOption,
  type MisconceptionKey,
  type NumericKey,
  type QuestionPart,
  type ResolvedQuestion,
} from '../types';
import { answerNumbers, answerValues, formatAnswer, plural, roundTo } from './format';
import { sameShape } from './draw-rules';
import { LEVEL_SPEC, describeParam, parseParams } from './params';
import { Rng, hashString } from './rng';
import { Redraw, TemplateError } from './types';
import type {
  AnswerValue,
  Distractor,
  GenerateOptions,
  Problem,
  TemplateDefinition,
  TemplateForm,
  TemplateInfo,
  Variant,
} from './types';
import { batchnormInference } from './batchnorm-inference';
import { batchnormTrainStats } from './batchnorm-train-stats';
import { convOutputSizeTemplate } from './conv-output-size';
import { convTranspose1dTemplate } from './conv-transpose1d';
import { convTranspose2dTemplate } from './conv-transpose2d';
import { convTransposeOutputSizeTemplate } from './conv-transpose-output-size';
import { depthwiseSeparableCost } from './depthwise-separable-cost';
import { invertedDropout } from './inverted-dropout';
import { iouTemplate } from './iou';
import { layernormStats } from './layernorm-stats';
import { leakyReluTemplate } from './leaky-relu';
import { maxpoolUnpool } from './maxpool-unpool';
import { normAxes } from './norm-axes';
import { regularizedStepTemplate } from './regularized-step';
import { softDice } from './soft-dice';
import { softmaxTemperature } from './softmax-temperature';
import { tripletLossTemplate } from './triplet-loss';
import { foundationsTemplates } from './foundations';
import { optimizersTemplates } from './optimizers';
import { architecturesTemplates } from './architectures';
import { detectionTemplates } from './detection';
import { sequencesTemplates } from './sequences';
import { generativeTemplates } from './generative';
import { diagnosticsTemplates } from './diagnostics';
import { lossesTemplates } from './losses';

const DEFINITIONS: readonly TemplateDefinition[] = [
  batchnormTrainStats,
  batchnormInference,
  layernormStats,
  normAxes,
  convTranspose1dTemplate,
  convTranspose2dTemplate,
  convTransposeOutputSizeTemplate,
  convOutputSizeTemplate,
  maxpoolUnpool,
  softDice,
  iouTemplate,
  regularizedStepTemplate,
  softmaxTemperature,
  leakyReluTemplate,
  tripletLossTemplate,
  depthwiseSeparableCost,
  invertedDropout,
  ...foundationsTemplates,
  ...optimizersTemplates,
  ...architecturesTemplates,
  ...detectionTemplates,
  ...sequencesTemplates,
  ...generativeTemplates,
  ...diagnosticsTemplates,
  ...lossesTemplates,
];

const BY_ID: ReadonlyMap<string, TemplateDefinition> = new Map(DEFINITIONS.map((d) => [d.id, d]));

/** How many draws a generation may reject before giving up. */
const MAX_DRAWS = 200;

/** Largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

const OPTION_IDS = ['a', 'b', 'c', 'd'] as const;

function infoOf(def: TemplateDefinition): TemplateInfo {
  const params: Record<string, string> = { level: describeParam(LEVEL_SPEC) };
  for (const [name, spec] of Object.entries(def.params)) params[name] = describeParam(spec);
  return {
    id: def.id,
    topic: def.topic,
    title: def.title,
    answerKind: def.answerKind,
    forms: def.forms,
    params,
  };
}

const INFOS: readonly TemplateInfo[] = DEFINITIONS.map(infoOf);

/** Every template, in a stable order. */
export function listTemplates(): readonly TemplateInfo[] {
  return INFOS;
}

/** The template definition with this id (for tests and tools), or undefined. */
export function templateDefinition(id: string): TemplateDefinition | undefined {
  return BY_ID.get(id);
}

/** True when every number of the value is finite. */
function allFinite(value: AnswerValue): boolean {
  switch (value.kind) {
    case 'number':
      return Number.isFinite(value.value);
    case 'vector':
      return value.value.every(Number.isFinite);
    case 'matrix':
      return value.value.every((row) => row.every(Number.isFinite));
    case 'choice':
      return true;
    default:
      throw unreachable(value);
  }
}

/** A distractor that survived, with its option text. */
interface ChosenDistractor {
  readonly distractor: Distractor;
  readonly text: string;
}

/** The first three distractors whose formatted text differs from the key and from each other. */
function pickDistractors(problem: Problem, answerText: string): ChosenDistractor[] | string {
  const seen = new Set<string>([answerText]);
  const kept: ChosenDistractor[] = [];
  for (const distractor of problem.distractors) {
    if (!allFinite(distractor.value)) continue;
    const text = formatAnswer(distractor.value);
    if (seen.has(text)) continue;
    seen.add(text);
    kept.push({ distractor, text });
    if (kept.length === 3) return kept;
  }
  return `only ${kept.length} distinct wrong answers`;
}

/** Decimal places an answer is given to (0 for choices). */
function decimalsOf(answer: AnswerValue): number {
  return answer.kind === 'choice' ? 0 : answer.decimals;
}

/**
 * How precisely the numeric form asks for the answer: `exact` when every value is exact at some
 * number of places up to the display precision (no rounding needed; integers are compared with a
 * 1e-9 tolerance), otherwise rounding to the display precision with half a unit of tolerance.
 */
interface Precision {
  readonly decimals: number;
  readonly rounded: boolean;
}

function precisionOf(answer: AnswerValue): Precision {
  const decimals = decimalsOf(answer);
  const values = answerValues(answer);
  for (let k = 0; k <= decimals; k++) {
    if (values.every((v) => Math.abs(roundTo(v, k) - v) < 1e-9))
      return { decimals: k, rounded: false };
  }
  return { decimals, rounded: true };
}

/**
 * The key the learner's number is compared with: the unrounded value, so a learner who rounds
 * either way on a tie, or types the exact value, is within half a unit of the asked precision
 * (bounds inclusive, see `withinTolerance`). Integers keep a 1e-9 tolerance.
 */
function numericKey(answer: AnswerValue, precision: Precision): NumericKey {
  const numbers = precision.rounded ? [...answerValues(answer)] : answerNumbers(answer);
  const decimals = decimalsOf(answer);
  const tolerance =
    precision.decimals === 0 ? { abs: 1e-9 } : { abs: Number(`5e-${decimals + 1}`) };
  return {
    value: answer.kind === 'number' ? numbers[0] : numbers,
    tolerance,
    ...(precision.rounded ? { decimals } : {}),
  };
}

function answerFormat(problem: Problem, precision: Precision): string {
  return formatOfValue(problem.answer, precision, problem.entryHint);
}

/** What to enter for `answer` at `precision`, after an optional "what it is" hint. */
function formatOfValue(
  answer: AnswerValue,
  precision: Precision,
  entryHint: string | undefined,
): string {
  const rounding = precision.rounded
    ? `, rounded to ${plural(precision.decimals, 'decimal place')}`
    : '';
  const whole = precision.decimals === 0;
  let shape: string;
  switch (answer.kind) {
    case 'number':
      shape = whole ? 'a whole number' : 'a number';
      break;
    case 'vector':
      shape = `${plural(answer.value.length, whole ? 'whole number' : 'number')} separated by commas`;
      break;
    case 'matrix':
      shape = `a ${answer.value.length}×${answer.value[0].length} matrix as ${plural(answer.value.length * answer.value[0].length, whole ? 'whole number' : 'number')}, row by row, separated by commas`;
      break;
    case 'choice':
      throw new Error('a choice answer has no numeric form');
    default:
      throw unreachable(answer);
  }
  return entryHint !== undefined ? `${entryHint}: ${shape}${rounding}` : `${shape}${rounding}`;
}

/** The parts of a problem as checkable questions, each with its own key and entry format. */
function questionParts(problem: Problem): QuestionPart[] | undefined {
  if (problem.parts === undefined || problem.parts.length === 0) return undefined;
  return problem.parts.map((part) => {
    const precision = precisionOf(part.answer);
    return {
      id: part.id,
      prompt: part.prompt,
      key: numericKey(part.answer, precision),
      answerFormat: formatOfValue(part.answer, precision, undefined),
      ...(part.hint === undefined ? {} : { hint: part.hint }),
    };
  });
}

/** The hint ladder: the nudge, the formula, then the first worked step. */
function hintLadder(problem: Problem): string[] | undefined {
  if (problem.hints === undefined) return undefined;
  const first = problem.hints.firstStep ?? problem.steps[0];
  return [
    problem.hints.nudge,
    problem.hints.formula,
    ...(first === undefined ? [] : [`The first step, worked: ${first}`]),
  ];
}

/**
 * The value each named misconception gives, in the key's shape and precision, for diagnosing a
 * typed answer. A misconception whose value the key's tolerance would accept is left out (it
 * cannot be told apart from a right answer).
 */
function misconceptionKeys(problem: Problem, key: NumericKey): MisconceptionKey[] {
  const precision = precisionOf(problem.answer);
  const seen = new Set<string>();
  const keys: MisconceptionKey[] = [];
  for (const d of problem.distractors) {
    if (!sameShape(d.value, problem.answer) || !allFinite(d.value)) continue;
    if (seen.has(d.misconception.id)) continue;
    const values = answerValues(d.value);
    const expected = typeof key.value === 'number' ? [key.value] : key.value;
    if (values.every((v, i) => withinTolerance(v, expected[i], key.tolerance))) continue;
    seen.add(d.misconception.id);
    const own = numericKey(d.value, precision);
    keys.push({
      misconception: d.misconception,
      key: { ...own, tolerance: key.tolerance },
      feedback: d.feedback,
    });
  }
  return keys;
}

function buildQuestion(
  problem: Problem,
  form: TemplateForm,
  answerText: string,
  chosen: readonly ChosenDistractor[],
  rng: Rng,
): ResolvedQuestion {
  const steps = [...problem.steps, `**Answer:** ${answerText}`];
  if (form === 'numeric') {
    const precision = precisionOf(problem.answer);
    const suffix = precision.rounded
      ? ` Give your answer rounded to ${plural(precision.decimals, 'decimal place')}.`
      : '';
    const numeric = numericKey(problem.answer, precision);
    const diagnosed = misconceptionKeys(problem, numeric);
    return {
      kind: 'numeric',
      stem: `${problem.stem}${suffix}`,
      numeric,
      explanation: problem.explanation,
      steps,
      answerFormat: answerFormat(problem, precision),
      ...tutoring(problem),
      ...(diagnosed.length === 0 ? {} : { misconceptionKeys: diagnosed }),
    };
  }
  const entries: readonly (ChosenDistractor | undefined)[] = [undefined, ...chosen];
  const options: ChoiceOption[] = rng.shuffle(entries).map((entry, i) =>
    entry === undefined
      ? { id: OPTION_IDS[i], text: answerText, correct: true, feedback: problem.correctFeedback }
      : {
          id: OPTION_IDS[i],
          text: entry.text,
          correct: false,
          feedback: entry.distractor.feedback,
          misconception: entry.distractor.misconception,
        },
  );
  return {
    kind: 'mcq',
    stem: problem.stem,
    options,
    explanation: problem.explanation,
    steps,
    ...tutoring(problem),
  };
}

/** Parts, hint ladder and figures, where the template gives them (either form). */
function tutoring(
  problem: Problem,
): Pick<ResolvedQuestion, 'parts' | 'hints' | 'figure' | 'solutionFigure'> {
  const parts = questionParts(problem);
  const hints = hintLadder(problem);
  return {
    ...(parts === undefined ? {} : { parts }),
    ...(hints === undefined ? {} : { hints }),
    ...(problem.figure === undefined ? {} : { figure: problem.figure }),
    ...(problem.solutionFigure === undefined ? {} : { solutionFigure: problem.solutionFigure }),
  };
}

/**
 * Generates one variant of template `templateId` from `seed` (an integer 0..2^32 − 1). The same
 * template, seed and options always give the same variant (deep-equal, identical JSON). The
 * problem's numbers do not depend on the form: the MCQ and numeric variants of one seed ask the
 * same question. Defaults: form `mcq`, level 1, every other param drawn from the seed.
 * Throws {@link TemplateError} for an unknown template, a bad seed, an unknown or invalid param,
 * a form the template does not offer, or fixed params that cannot give a valid variant.
 */
export function generateVariant(
  templateId: string,
  seed: number,
  options: GenerateOptions = {},
): Variant {
  return generateWithProblem(templateId, seed, options).variant;
}

/**
 * {@link generateVariant}, plus the drawn problem behind the variant (its full distractor list,
 * conventions and needs), for `templates check`.
 */
export function generateWithProblem(
  templateId: string,
  seed: number,
  options: GenerateOptions = {},
): { readonly variant: Variant; readonly problem: Problem } {
  const def = BY_ID.get(templateId);
  if (def === undefined) throw new TemplateError(`unknown template "${templateId}"`);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new TemplateError(`seed must be an integer from 0 to ${MAX_SEED}, got ${String(seed)}`);
  }
  const form = options.form ?? 'mcq';
  if (!def.forms.includes(form)) {
    throw new TemplateError(
      `template ${def.id} has no ${String(form)} form (it offers ${def.forms.join(', ')})`,
    );
  }
  const params = parseParams(def, options.params ?? {});
  const rng = new Rng(seed, hashString(def.id));
  let reason = '';
  let previousSignature: string | undefined;
  let repeats = 0;
  for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
    let problem: Problem;
    try {
      problem = def.draw(rng, params);
    } catch (error) {
      if (error instanceof Redraw) {
        reason = error.message;
        continue;
      }
      if (error instanceof KernelArgError) {
        // Fixed params the kernels refuse are the caller's error; a random draw is just redrawn.
        if (params.hasFixed) {
          throw new TemplateError(
            `template ${def.id}: the fixed params do not work (${error.message})`,
          );
        }
        reason = error.message;
        continue;
      }
      throw error;
    }
    if (!allFinite(problem.answer)) {
      reason = 'the answer is not a finite number';
      continue;
    }
    const answerText = formatAnswer(problem.answer);
    const chosen = pickDistractors(problem, answerText);
    if (typeof chosen === 'string') {
      reason = chosen;
      // Fixed params that leave nothing to draw fail the same way every time: stop early.
      const signature = `${problem.stem}\n${problem.distractors.map((d) => formatAnswer(d.value)).join('\n')}`;
      repeats = signature === previousSignature ? repeats + 1 : 0;
      if (params.hasFixed && repeats >= 30) break;
      previousSignature = signature;
      continue;
    }
    const question = buildQuestion(problem, form, answerText, chosen, rng);
    return { variant: { templateId: def.id, seed, form, question }, problem };
  }
  throw new TemplateError(`template ${def.id}: these params give no valid variant (${reason})`);
}
