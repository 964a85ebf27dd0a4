/**
 * Helpers for the template tests: generate with fixed params and read an option's numbers by the
 * misconception behind it.
 */
import { numbersIn } from './check';
import { answerValues, roundTo } from './format';
import { generateVariant, generateWithProblem } from './registry';
import type { ParamInput, Variant } from './types';

/** The MCQ variant of `id` for seed 0 with these params. */
export function mcq(id: string, params: Readonly<Record<string, ParamInput>>, seed = 0): Variant {
  return generateVariant(id, seed, { form: 'mcq', params });
}

/** The numeric key of `id` for seed 0 with these params. */
export function numericKey(
  id: string,
  params: Readonly<Record<string, ParamInput>>,
  seed = 0,
): number | readonly number[] {
  const key = generateVariant(id, seed, { form: 'numeric', params }).question.numeric;
  if (key === undefined) throw new Error('no numeric key');
  // As the learner is shown it: rounded to the places the question asks for.
  const shown = (x: number) => (key.decimals === undefined ? x : Number(x.toFixed(key.decimals)));
  return typeof key.value === 'number' ? shown(key.value) : key.value.map(shown);
}

/** Text of the correct option. */
export function correctText(v: Variant): string {
  const option = v.question.options?.find((o) => o.correct);
  if (option === undefined) throw new Error('no correct option');
  return option.text;
}

/** Numbers shown in the correct option. */
export function correctNumbers(v: Variant): number[] {
  return numbersIn(correctText(v));
}

/** Misconception ids of the wrong options, sorted. */
export function misconceptionIds(v: Variant): string[] {
  return (v.question.options ?? [])
    .flatMap((o) => (o.misconception ? [o.misconception.id] : []))
    .sort();
}

/** Numbers shown in the wrong option produced by misconception `id`. */
export function wrongNumbers(v: Variant, id: string): number[] {
  const option = v.question.options?.find((o) => o.misconception?.id === id);
  if (option === undefined) {
    throw new Error(`no option for misconception ${id} (have ${misconceptionIds(v).join(', ')})`);
  }
  return numbersIn(option.text);
}

/**
 * The exact values misconception `misconception` gives in the problem drawn for `id` (seed 0),
 * whether or not the MCQ offers it as an option.
 */
export function candidateValues(
  id: string,
  params: Readonly<Record<string, ParamInput>>,
  misconception: string,
  seed = 0,
): readonly number[] {
  const { problem } = generateWithProblem(id, seed, { params });
  const found = problem.distractors.find((d) => d.misconception.id === misconception);
  if (found === undefined) throw new Error(`no candidate for misconception ${misconception}`);
  return answerValues(found.value);
}

/** The parts of a variant as `[id, key value]` pairs, in solving order. */
export function partKeys(v: Variant): [string, number | readonly number[]][] {
  return (v.question.parts ?? []).map((p) => [p.id, p.key.value]);
}

/** The key of part `id` of a variant. */
export function partKey(v: Variant, id: string): number | readonly number[] {
  const part = v.question.parts?.find((p) => p.id === id);
  if (part === undefined) throw new Error(`no part ${id}`);
  return part.key.value;
}

/** The MCQ and the numeric variant of `id` for seed 0 with these params. */
export function bothForms(id: string, params: Readonly<Record<string, ParamInput>>): Variant[] {
  return (['mcq', 'numeric'] as const).map((form) => generateVariant(id, 0, { form, params }));
}

/**
 * The key as the learner is shown it: the correct option's numbers (MCQ), or the numeric key
 * rounded to the places the question asks for.
 */
export function shownKey(v: Variant): number[] {
  if (v.form === 'mcq') return correctNumbers(v);
  const key = v.question.numeric;
  if (key === undefined) throw new Error('no numeric key');
  const values = typeof key.value === 'number' ? [key.value] : [...key.value];
  return key.decimals === undefined ? values : rounded(values, key.decimals);
}

/** `values` rounded to `decimals` places, as a key is shown. */
export function rounded(values: number | readonly number[], decimals: number): number[] {
  const list = typeof values === 'number' ? [values] : values;
  return list.map((x) => roundTo(x, decimals));
}
