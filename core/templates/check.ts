/**
 * Checks of generated questions. {@link checkVariant} looks at a variant as a reviewer would look
 * at a hand-written question (two options that say the same thing, no or several correct options,
 * NaN in the text, a worked solution that ends on another number). {@link checkProblem} looks at
 * the drawn problem behind it for what gives a key away or makes a wrong option unfair: options
 * of another shape than the key while same-shape misconceptions were left out, a misconception
 * that gives the key, degenerate inputs, and a misconception wrong only under a convention the
 * stem does not state.
 */
import type { ChoiceOption, NumericKey } from '../types';
import { convention, statesConvention } from './conventions';
import { givesKey, sameShape, unmetNeeds } from './draw-rules';
import { answerValues, formatAnswer } from './format';
import { MAX_SEED, generateWithProblem, templateDefinition } from './registry';
import type { AnswerValue, Distractor, GenerateOptions, Problem, Variant } from './types';

const NUMBER = /-?\d+(?:\.\d+)?/g;
const BAD_TEXT = /\b(?:NaN|Infinity|undefined)\b|\[object /;

/** The numbers written in a Markdown/LaTeX text, in order. */
export function numbersIn(text: string): number[] {
  return (text.match(NUMBER) ?? []).map(Number);
}

/** True if `needle` occurs as a contiguous run in `hay`, element-wise within `tol`. */
function containsRun(
  hay: readonly number[],
  needle: readonly number[],
  tol: (i: number) => number,
): boolean {
  if (needle.length === 0) return true;
  for (let start = 0; start + needle.length <= hay.length; start++) {
    let ok = true;
    for (let i = 0; i < needle.length && ok; i++)
      ok = Math.abs(hay[start + i] - needle[i]) <= tol(i);
    if (ok) return true;
  }
  return false;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length > 0 && a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= 1e-9);
}

function checkText(label: string, text: unknown, problems: string[]): void {
  if (typeof text !== 'string' || text.trim() === '') {
    problems.push(`${label} is empty`);
    return;
  }
  if (BAD_TEXT.test(text))
    problems.push(`${label} contains ${BAD_TEXT.exec(text)?.[0] ?? 'a bad value'}`);
}

function checkOptions(
  options: readonly ChoiceOption[] | undefined,
  lastStep: string,
  problems: string[],
): void {
  if (options === undefined || options.length < 2) {
    problems.push(`an mcq needs at least 2 options, got ${options?.length ?? 0}`);
    return;
  }
  const correct = options.filter((o) => o.correct);
  if (correct.length !== 1)
    problems.push(`expected exactly one correct option, got ${correct.length}`);
  const ids = new Set<string>();
  const texts = new Map<string, string>();
  const numbers = options.map((o) => numbersIn(o.text));
  const skeletons = options.map((o) => o.text.replace(NUMBER, '#').replace(/\s+/g, ''));
  options.forEach((option, i) => {
    if (ids.has(option.id)) problems.push(`duplicate option id "${option.id}"`);
    ids.add(option.id);
    checkText(`option ${option.id} text`, option.text, problems);
    const normalised = option.text.replace(/\s+/g, ' ').trim().toLowerCase();
    const earlier = texts.get(normalised);
    if (earlier !== undefined)
      problems.push(`options ${earlier} and ${option.id} have the same text`);
    texts.set(normalised, option.id);
    for (let j = 0; j < i; j++) {
      // Same numbers in the same layout (e.g. 0.5 and 0.50): the options say the same thing.
      if (
        earlier === undefined &&
        sameNumbers(numbers[i], numbers[j]) &&
        skeletons[i] === skeletons[j]
      ) {
        problems.push(`options ${options[j].id} and ${option.id} coincide numerically`);
      }
    }
    checkText(`option ${option.id} feedback`, option.feedback, problems);
    if (!option.correct) {
      const m = option.misconception;
      if (m === undefined || m.id.trim() === '' || m.label.trim() === '') {
        problems.push(`wrong option ${option.id} has no named misconception`);
      }
    } else if (option.misconception !== undefined) {
      problems.push(`correct option ${option.id} carries a misconception`);
    }
  });
  const misconceptionIds = options.flatMap((o) => (o.misconception ? [o.misconception.id] : []));
  if (new Set(misconceptionIds).size !== misconceptionIds.length) {
    problems.push('two wrong options name the same misconception');
  }
  if (correct.length === 1) {
    const key = numbersIn(correct[0].text);
    const inStep = numbersIn(lastStep);
    if (key.length > 0) {
      if (!containsRun(inStep, key, () => 1e-9)) {
        problems.push(
          `the last step does not state the correct option's numbers (${correct[0].text})`,
        );
      }
    } else if (!lastStep.includes(correct[0].text)) {
      problems.push(`the last step does not state the correct option (${correct[0].text})`);
    }
  }
}

function checkNumeric(key: NumericKey | undefined, lastStep: string, problems: string[]): void {
  if (key === undefined) {
    problems.push('a numeric question has no numeric key');
    return;
  }
  const values = typeof key.value === 'number' ? [key.value] : [...key.value];
  if (values.length === 0) problems.push('the numeric key is empty');
  if (values.some((v) => !Number.isFinite(v)))
    problems.push('the numeric key contains a non-finite value');
  const { abs, rel } = key.tolerance;
  if (abs === undefined && rel === undefined)
    problems.push('the tolerance has neither abs nor rel');
  for (const t of [abs, rel]) {
    if (t !== undefined && (!Number.isFinite(t) || t < 0))
      problems.push(`bad tolerance ${String(t)}`);
  }
  const tol = (i: number): number => Math.max(abs ?? 0, (rel ?? 0) * Math.abs(values[i])) + 1e-9;
  if (!containsRun(numbersIn(lastStep), values, tol)) {
    problems.push(`the last step's numbers disagree with the key ${JSON.stringify(key.value)}`);
  }
}

/**
 * Problems with a variant; empty when it is valid. Checks: known template, seed range, form and
 * question kind agree, non-empty stem/explanation/steps with no NaN/Infinity/undefined in any
 * text; MCQ: exactly one correct option, distinct ids, texts and numeric values, every wrong
 * option with a named misconception (all different) and feedback; numeric: finite key with a
 * valid tolerance and an answer format; and the last step states the key's numbers.
 */
export function checkVariant(variant: Variant): string[] {
  const problems: string[] = [];
  const def = templateDefinition(variant.templateId);
  if (def === undefined) problems.push(`unknown template "${variant.templateId}"`);
  if (!Number.isInteger(variant.seed) || variant.seed < 0 || variant.seed > MAX_SEED) {
    problems.push(`bad seed ${String(variant.seed)}`);
  }
  const q = variant.question;
  if (q.kind !== variant.form) problems.push(`form ${variant.form} but question kind ${q.kind}`);
  if (def !== undefined && !def.forms.includes(variant.form)) {
    problems.push(`template ${def.id} has no ${variant.form} form`);
  }
  checkText('stem', q.stem, problems);
  checkText('explanation', q.explanation, problems);
  const steps = q.steps ?? [];
  if (steps.length === 0) problems.push('no worked steps');
  steps.forEach((step, i) => checkText(`step ${i + 1}`, step, problems));
  const lastStep = steps.length > 0 ? steps[steps.length - 1] : '';
  if (q.kind === 'mcq') {
    if (q.numeric !== undefined) problems.push('an mcq carries a numeric key');
    checkOptions(q.options, lastStep, problems);
  } else if (q.kind === 'numeric') {
    if (q.options !== undefined) problems.push('a numeric question carries options');
    checkText('answerFormat', q.answerFormat, problems);
    checkNumeric(q.numeric, lastStep, problems);
  } else {
    problems.push(`unexpected question kind ${q.kind}`);
  }
  return problems;
}

function allFinite(value: AnswerValue): boolean {
  return value.kind === 'choice' || answerValues(value).every(Number.isFinite);
}

function shapeOf(value: AnswerValue): string {
  switch (value.kind) {
    case 'vector':
      return `length ${value.value.length}`;
    case 'matrix':
      return `${value.value.length}×${value.value[0]?.length ?? 0}`;
    default:
      return value.kind;
  }
}

/**
 * Problems with the drawn problem behind a variant; empty when it is fair. `offered` lists the
 * misconception ids of the wrong options the MCQ shows (omit it for the numeric form). Checks:
 * (a) no offered option has another shape than the key while a same-shape misconception that
 * would have made a distinct option was left out; (b) no misconception gives the key (the same
 * option text, or within the numeric key's tolerance); (c) every declared need of the draw is met
 * (spread in values, distinct vectors); (d) every convention a misconception relies on is stated
 * in the stem, by its phrase.
 */
export function checkProblem(problem: Problem, offered?: readonly string[]): string[] {
  const problems: string[] = [];
  const { answer, distractors } = problem;
  if (offered !== undefined) {
    const shown = offered.map((id) => distractors.find((d) => d.misconception.id === id));
    const shownTexts = new Set([
      formatAnswer(answer),
      ...shown.flatMap((d) => (d === undefined ? [] : [formatAnswer(d.value)])),
    ]);
    const leftOut = distractors.filter(
      (d): d is Distractor =>
        !shown.includes(d) &&
        sameShape(d.value, answer) &&
        allFinite(d.value) &&
        !shownTexts.has(formatAnswer(d.value)),
    );
    for (const d of shown) {
      if (d === undefined || sameShape(d.value, answer) || leftOut.length === 0) continue;
      problems.push(
        `option ${d.misconception.id} has another shape (${shapeOf(d.value)}) than the key (${shapeOf(answer)}) while same-shape ${leftOut[0].misconception.id} was left out`,
      );
    }
  }
  for (const d of distractors) {
    if (allFinite(d.value) && givesKey(d.value, answer))
      problems.push(`misconception ${d.misconception.id} gives the key (${formatAnswer(answer)})`);
  }
  problems.push(...unmetNeeds(problem.needs ?? []));
  for (const d of distractors) {
    if (d.convention !== undefined && !statesConvention(problem.stem, d.convention)) {
      problems.push(
        `misconception ${d.misconception.id} relies on the convention ${d.convention} ("${convention(d.convention).phrase}"), which the stem does not state`,
      );
    }
  }
  return problems;
}

/** {@link checkVariant} and {@link checkProblem} of a variant and the problem drawn for it. */
export function checkDrawn(variant: Variant, problem: Problem): string[] {
  const offered =
    variant.question.kind === 'mcq'
      ? (variant.question.options ?? []).flatMap((o) =>
          o.misconception === undefined ? [] : [o.misconception.id],
        )
      : undefined;
  return [...checkVariant(variant), ...checkProblem(problem, offered)];
}

/**
 * Generates one variant and runs {@link checkDrawn} on it. Throws what
 * {@link generateWithProblem} throws.
 */
export function checkGenerated(
  templateId: string,
  seed: number,
  options: GenerateOptions = {},
): string[] {
  const { variant, problem } = generateWithProblem(templateId, seed, options);
  return checkDrawn(variant, problem);
}
