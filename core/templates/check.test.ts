import { describe, expect, it } from 'vitest';
import type { ChoiceOption, ResolvedQuestion } from '../types';
import { checkVariant, numbersIn } from './check';
import { generateVariant } from './registry';
import type { Variant } from './types';

const base = generateVariant('conv-transpose1d', 0, { form: 'mcq', params: { preset: 'source' } });
const numeric = generateVariant('conv-transpose1d', 0, {
  form: 'numeric',
  params: { preset: 'source' },
});

function withQuestion(v: Variant, change: Partial<ResolvedQuestion>): Variant {
  return { ...v, question: { ...v.question, ...change } };
}

function withOptions(v: Variant, change: (options: ChoiceOption[]) => ChoiceOption[]): Variant {
  return withQuestion(v, { options: change([...(v.question.options ?? [])]) });
}

describe('checkVariant', () => {
  it('accepts generated variants', () => {
    expect(checkVariant(base)).toEqual([]);
    expect(checkVariant(numeric)).toEqual([]);
  });

  it('finds duplicate and coinciding options', () => {
    const dup = withOptions(base, (o) => [o[0], { ...o[1], text: o[0].text }, o[2], o[3]]);
    expect(checkVariant(dup).join('\n')).toMatch(/same text/);
    const spaced = withOptions(base, (o) => [
      o[0],
      { ...o[1], text: o[0].text.replace(/, /g, ',  ') },
      o[2],
      o[3],
    ]);
    expect(checkVariant(spaced).join('\n')).toMatch(/same text/);
    const coincide = withOptions(base, (o) => [
      o[0],
      { ...o[1], text: o[0].text.replace('[5,', '[5.0,') },
      o[2],
      o[3],
    ]);
    expect(checkVariant(coincide).join('\n')).toMatch(/coincide numerically/);
  });

  it('requires exactly one correct option and a misconception on every wrong one', () => {
    const none = withOptions(base, (o) => o.map((x) => ({ ...x, correct: false })));
    expect(checkVariant(none).join('\n')).toMatch(/exactly one correct option, got 0/);
    const unnamed = withOptions(base, (o) =>
      o.map((x) => (x.correct ? x : { ...x, misconception: undefined })),
    );
    expect(checkVariant(unnamed).join('\n')).toMatch(/no named misconception/);
  });

  it('finds NaN, Infinity and undefined in the text', () => {
    expect(checkVariant(withQuestion(base, { stem: 'y = NaN' })).join('\n')).toMatch(
      /stem contains NaN/,
    );
    const inf = withOptions(base, (o) => [{ ...o[0], text: '$Infinity$' }, o[1], o[2], o[3]]);
    expect(checkVariant(inf).join('\n')).toMatch(/contains Infinity/);
    expect(checkVariant(withQuestion(base, { explanation: '' })).join('\n')).toMatch(
      /explanation is empty/,
    );
  });

  it('finds a last step that disagrees with the key', () => {
    const steps = [...(base.question.steps ?? [])];
    steps[steps.length - 1] = '**Answer:** $[5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 5]$';
    expect(checkVariant(withQuestion(base, { steps })).join('\n')).toMatch(/last step/);
    expect(checkVariant(withQuestion(numeric, { steps })).join('\n')).toMatch(/last step/);
  });

  it('checks the numeric key and its tolerance', () => {
    const key = numeric.question.numeric!;
    const bad = withQuestion(numeric, {
      numeric: { value: [Number.NaN], tolerance: key.tolerance },
    });
    expect(checkVariant(bad).join('\n')).toMatch(/non-finite/);
    const noTol = withQuestion(numeric, { numeric: { value: key.value, tolerance: {} } });
    expect(checkVariant(noTol).join('\n')).toMatch(/neither abs nor rel/);
    expect(checkVariant({ ...numeric, form: 'mcq' }).join('\n')).toMatch(
      /form mcq but question kind numeric/,
    );
  });

  it('reads numbers out of Markdown and LaTeX', () => {
    expect(numbersIn('$\\begin{bmatrix} 4 \\\\ -5.5 \\end{bmatrix}$ and [1, 2]')).toEqual([
      4, -5.5, 1, 2,
    ]);
  });
});
