import { describe, expect, it } from 'vitest';
import type { ChoiceOption, ResolvedQuestion } from '../types';
import { numberAnswer, vectorAnswer, wrong } from './answers';
import { checkDrawn, checkGenerated, checkProblem, checkVariant, numbersIn } from './check';
import { statesConvention } from './conventions';
import { distinct, finishDraw, spread } from './draw-rules';
import { generateVariant, generateWithProblem } from './registry';
import { Redraw, TemplateError, type Problem, type Variant } from './types';

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

describe('checkProblem', () => {
  const vec = (values: number[], decimals = 0) => vectorAnswer(values, decimals);
  const problem = (change: Partial<Problem>): Problem => ({
    stem: 'A signal is upsampled. What is $y$?',
    answer: vec([1, 2, 3]),
    distractors: [],
    correctFeedback: 'Right.',
    explanation: 'Because.',
    steps: ['Add the copies.'],
    ...change,
  });

  it('accepts the problems behind generated variants', () => {
    for (let seed = 0; seed < 30; seed++) {
      for (const form of ['mcq', 'numeric'] as const) {
        const level = 1 + (seed % 3);
        expect(checkGenerated('conv-transpose1d', seed, { form, params: { level } })).toEqual([]);
      }
    }
  });

  it('(a) finds an offered option of another shape while a same-shape misconception was left out', () => {
    const p = problem({
      distractors: [
        wrong('stride-ignored', vec([1, 2]), 'Too short.'),
        wrong('forgot-overlap-sum', vec([1, 2, 4]), 'Overwrote.'),
        wrong('cropped-without-cropping', vec([2]), 'Cropped.'),
        wrong('reversed-input', vec([3, 2, 1]), 'Backwards.'),
      ],
    });
    const offered = ['stride-ignored', 'forgot-overlap-sum', 'cropped-without-cropping'];
    const found = checkProblem(p, offered);
    expect(found).toEqual([
      'option stride-ignored has another shape (length 2) than the key (length 3) while same-shape reversed-input was left out',
      'option cropped-without-cropping has another shape (length 1) than the key (length 3) while same-shape reversed-input was left out',
    ]);
    // Offering the same-shape one instead is fine, and so is a short option when no same-shape
    // misconception is left (the numeric form offers no options at all).
    expect(checkProblem(p, ['stride-ignored', 'forgot-overlap-sum', 'reversed-input'])).toEqual([]);
    expect(checkProblem(p)).toEqual([]);
    // finishDraw puts the same-shape misconceptions first, so the framework offers them.
    const finished = finishDraw(p, { fixed: false });
    expect(finished.distractors.map((d) => d.misconception.id).slice(0, 2)).toEqual([
      'forgot-overlap-sum',
      'reversed-input',
    ]);
  });

  it('(b) finds a misconception that gives the key, in the option text or within the numeric tolerance', () => {
    const key = numberAnswer(0.7861, 3);
    const sameText = problem({
      answer: key,
      distractors: [wrong('dropped-dice-factor-2', numberAnswer(0.7864, 3), 'No 2.')],
    });
    expect(checkProblem(sameText)).toEqual([
      'misconception dropped-dice-factor-2 gives the key ($0.786$)',
    ]);
    // 0.78655 is shown as 0.787 but lies within half a unit (0.0005) of the key 0.7861.
    const withinTolerance = problem({
      answer: key,
      distractors: [wrong('iou-dice-confused', numberAnswer(0.78655, 3), 'IoU.')],
    });
    expect(checkProblem(withinTolerance).join('\n')).toMatch(/iou-dice-confused gives the key/);
    const apart = problem({
      answer: key,
      distractors: [wrong('iou-dice-confused', numberAnswer(0.7867, 3), 'IoU.')],
    });
    expect(checkProblem(apart)).toEqual([]);
    // Whole keys are compared at 1e-9: dividing by p = 0.5 gives exactly the inverted-dropout key.
    const dropout = problem({
      answer: vec([4, 0, 12, 0]),
      distractors: [wrong('dropout-scaled-by-p', vec([4, 0, 12, 0]), 'Divided by p.')],
    });
    expect(checkProblem(dropout).join('\n')).toMatch(/dropout-scaled-by-p gives the key/);
    expect(() => finishDraw(dropout, { fixed: false })).toThrow(Redraw);
    expect(finishDraw(dropout, { fixed: true }).distractors).toEqual([]);
  });

  it('(c) finds degenerate draws: no spread, equal vectors', () => {
    const constantRow = problem({ needs: [spread('sample 2', [3, 3, 3, 3])] });
    expect(checkProblem(constantRow)).toEqual([
      'degenerate draw: sample 2 has no spread (all values equal)',
    ]);
    const sameNegative = problem({
      needs: [
        distinct('anchor, positive, negative', [
          [1, 2],
          [4, 6],
          [1, 2],
        ]),
      ],
    });
    expect(checkProblem(sameNegative)).toEqual([
      'degenerate draw: anchor, positive, negative: vectors 1 and 3 are equal',
    ]);
    const fine = problem({ needs: [spread('sample 1', [3, 4]), distinct('a, p', [[1], [2]])] });
    expect(checkProblem(fine)).toEqual([]);
    expect(() => finishDraw(constantRow, { fixed: false })).toThrow(Redraw);
    expect(() => finishDraw(constantRow, { fixed: true })).toThrow(TemplateError);
  });

  it('(d) finds a misconception that relies on a convention the stem does not state', () => {
    const biasedRunning = wrong(
      'running-var-biased',
      numberAnswer(1.5, 2),
      'PyTorch uses N − 1.',
      'unbiased-running-var',
    );
    const silent = problem({
      stem: 'A batch-norm layer keeps running statistics. What is the running variance?',
      answer: numberAnswer(1.75, 2),
      distractors: [biasedRunning],
    });
    expect(checkProblem(silent)).toEqual([
      'misconception running-var-biased relies on the convention unbiased-running-var ("unbiased batch variance"), which the stem does not state',
    ]);
    const stated = problem({
      ...silent,
      stem: 'As in PyTorch, the running variance is updated with the Unbiased batch  variance. What is it?',
    });
    expect(checkProblem(stated)).toEqual([]);
  });

  it('matches a convention phrase only where it does not continue a word', () => {
    expect(
      statesConvention('Use the biased variance (divide by N).', 'biased-batch-variance'),
    ).toBe(true);
    expect(statesConvention('Use the unbiased variance.', 'biased-batch-variance')).toBe(false);
    expect(statesConvention('(take $\\text{sign}(0) = 0$)', 'sign-of-zero')).toBe(true);
    expect(statesConvention('the filter is not flipped', 'transpose-no-flip')).toBe(true);
  });
});

describe('the templates meet the draw rules themselves', () => {
  it('declare the needs of their inputs and never draw a degenerate one', () => {
    const cases: [string, RegExp][] = [
      ['triplet-loss', /anchor, positive and negative/],
      ['layernorm-stats', /sample \d/],
      ['batchnorm-train-stats', /neuron \d/],
      ['softmax-temperature', /logits/],
    ];
    for (const [id, name] of cases) {
      for (let seed = 0; seed < 300; seed++) {
        const level = 1 + (seed % 3);
        const { problem, variant } = generateWithProblem(id, seed, { params: { level } });
        expect(
          problem.needs?.some((need) => name.test(need.name)),
          id,
        ).toBe(true);
        expect(checkDrawn(variant, problem), `${id} ${seed}`).toEqual([]);
      }
    }
  });

  it('refuse degenerate fixed inputs with a message instead of a question', () => {
    expect(() =>
      generateVariant('triplet-loss', 0, {
        params: { anchor: '1,2', positive: '4,6', negative: '1,2' },
      }),
    ).toThrow(/vectors 1 and 3 are equal/);
    expect(() =>
      generateVariant('layernorm-stats', 0, { params: { x: '3,3,3;1,2,3', stat: 'variance' } }),
    ).toThrow(/sample 1 has no spread/);
  });
});
