/**
 * Structural and numeric checks of a generated variant, independent of how it was generated:
 * what a reviewer would reject in a hand-written question (two options that say the same thing,
 * no or several correct options, NaN in the text, a worked solution that ends on another number).
 */
import type { ChoiceOption, NumericKey } from '../types';
import { MAX_SEED, templateDefinition } from './registry';
import type { Variant } from './types';

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
