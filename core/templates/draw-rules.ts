/**
 * Rules every draw must meet before it becomes a question, shared by the templates and by
 * `templates check` (which re-checks them on the finished problem):
 * - inputs the question needs to be non-degenerate are (a row to normalise must not be constant,
 *   an anchor and a negative must differ);
 * - no named misconception gives the key: it could not be told apart from a right answer;
 * - wrong options have the key's shape whenever enough same-shape misconceptions exist, so a
 *   different length does not give an option away.
 */
import { unreachable } from '../types';
import { answerValues, formatAnswer } from './format';
import type { AnswerValue, DrawNeed, Problem } from './types';
import { Redraw, TemplateError } from './types';

/** The values must not all be equal (a row, channel or mask the question needs spread in). */
export function spread(name: string, values: readonly number[]): DrawNeed {
  return { kind: 'spread', name, values };
}

/** The vectors must differ pairwise (anchor, positive and negative; two masks). */
export function distinct(name: string, vectors: readonly (readonly number[])[]): DrawNeed {
  return { kind: 'distinct', name, vectors };
}

/** What is wrong with the declared needs of a draw; empty when every need is met. */
export function unmetNeeds(needs: readonly DrawNeed[]): string[] {
  const problems: string[] = [];
  for (const need of needs) {
    switch (need.kind) {
      case 'spread':
        if (need.values.length < 2 || need.values.every((v) => v === need.values[0]))
          problems.push(`degenerate draw: ${need.name} has no spread (all values equal)`);
        break;
      case 'distinct':
        for (let i = 0; i < need.vectors.length; i++) {
          for (let j = 0; j < i; j++) {
            const [a, b] = [need.vectors[j], need.vectors[i]];
            if (a.length === b.length && a.every((v, k) => v === b[k]))
              problems.push(
                `degenerate draw: ${need.name}: vectors ${j + 1} and ${i + 1} are equal`,
              );
          }
        }
        break;
      default:
        throw unreachable(need);
    }
  }
  return problems;
}

/** Same kind and dimensions: a learner typing an answer of the key's shape could give this value. */
export function sameShape(a: AnswerValue, b: AnswerValue): boolean {
  switch (a.kind) {
    case 'number':
    case 'choice':
      return b.kind === a.kind;
    case 'vector':
      return b.kind === 'vector' && a.value.length === b.value.length;
    case 'matrix':
      return (
        b.kind === 'matrix' &&
        a.value.length === b.value.length &&
        a.value.every((row, i) => row.length === b.value[i].length)
      );
    default:
      throw unreachable(a);
  }
}

/**
 * A test of whether a value would be graded as the key `key`: the same option text, or (numeric
 * form) every number within the key's tolerance — 1e-9 when the key is whole, otherwise half a
 * unit of its display precision. Values of another shape never match. The key's numbers are read
 * once, since a draw tests every distractor against them.
 */
export function keyMatcher(key: AnswerValue): (value: AnswerValue) => boolean {
  if (key.kind === 'choice') {
    const text = formatAnswer(key);
    return (value) => value.kind === 'choice' && formatAnswer(value) === text;
  }
  const keys = answerValues(key);
  const whole = keys.every((v) => Math.abs(v - Math.round(v)) < 1e-9);
  const tolerance = (whole ? 1e-9 : 5 * 10 ** -(key.decimals + 1)) + 1e-12;
  let keyText: string | undefined;
  return (value) => {
    if (value.kind === 'choice' || !sameShape(value, key)) return false;
    // Numbers a whole display unit apart can neither print alike nor fall within the tolerance:
    // most distractors are decided here, without formatting.
    const unit = 10 ** -Math.min(key.decimals, value.decimals) + 1e-12;
    let within = true;
    let i = 0;
    const apart = (v: number): boolean => {
      const gap = Math.abs(v - keys[i++]);
      if (gap > tolerance) within = false;
      return gap > unit;
    };
    if (value.kind === 'number') {
      if (apart(value.value)) return false;
    } else if (value.kind === 'vector') {
      if (value.value.some(apart)) return false;
    } else if (value.value.some((row) => row.some(apart))) {
      return false;
    }
    if (within) return true;
    keyText ??= formatAnswer(key);
    return formatAnswer(value) === keyText;
  };
}

/** True when `value` would be graded as the key `key` (see {@link keyMatcher}). */
export function givesKey(value: AnswerValue, key: AnswerValue): boolean {
  return keyMatcher(key)(value);
}

/** Whether the numbers behind a draw were fixed by the caller (then a bad draw is their error). */
export interface DrawSource {
  /** True when the inputs the needs and the misconceptions depend on were all given as params. */
  readonly fixed: boolean;
}

/**
 * The last step of a template's draw. Unmet needs: draw again ({@link Redraw}), or a
 * {@link TemplateError} when the caller fixed the inputs. A misconception that gives the key:
 * draw again, or leave it out when the inputs were fixed. Then same-shape distractors are moved
 * before the others (keeping their order), so the framework offers them first.
 */
export function finishDraw(problem: Problem, source: DrawSource): Problem {
  const unmet = unmetNeeds(problem.needs ?? []);
  if (unmet.length > 0) {
    if (source.fixed) throw new TemplateError(`the given inputs are degenerate (${unmet[0]})`);
    throw new Redraw(unmet[0]);
  }
  const matchesKey = keyMatcher(problem.answer);
  const coinciding = problem.distractors.filter((d) => matchesKey(d.value));
  if (coinciding.length > 0 && !source.fixed) {
    throw new Redraw(`misconception ${coinciding[0].misconception.id} gives the key`);
  }
  const kept = problem.distractors.filter((d) => !coinciding.includes(d));
  const distractors = [
    ...kept.filter((d) => sameShape(d.value, problem.answer)),
    ...kept.filter((d) => !sameShape(d.value, problem.answer)),
  ];
  return { ...problem, distractors };
}
