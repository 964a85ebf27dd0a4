/**
 * Helpers for the template tests: generate with fixed params and read an option's numbers by the
 * misconception behind it.
 */
import { numbersIn } from './check';
import { answerValues } from './format';
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
