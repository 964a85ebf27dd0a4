import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  displayTextAnswer,
  formatNumericKey,
  gradeResponse,
  matchesShortAnswer,
  matchingTextAnswer,
  numericEntryProblem,
  parseNumericAnswer,
  withinTolerance,
} from './grading';
import type { ChoiceOption, ResolvedQuestion } from './types';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
console.log(`grading properties: fast-check seed ${seed}`);

const mcq: ResolvedQuestion = {
  kind: 'mcq',
  stem: 'At test time, batch norm normalises with…',
  explanation: 'The running statistics collected during training.',
  options: [
    {
      id: 'a',
      text: 'the batch mean',
      correct: false,
      misconception: { id: 'bn-test-batch-stats', label: 'Uses batch statistics at test time' },
    },
    { id: 'b', text: 'the running mean', correct: true },
    { id: 'c', text: 'zero', correct: false },
  ],
};

// Correct: a, c, d (|C| = 3); wrong: b (with a misconception), e.
const msqOptions: ChoiceOption[] = [
  { id: 'a', text: 'A', correct: true },
  {
    id: 'b',
    text: 'B',
    correct: false,
    misconception: { id: 'l2-sparsity', label: 'Thinks L2 gives sparse weights' },
  },
  { id: 'c', text: 'C', correct: true },
  { id: 'd', text: 'D', correct: true },
  { id: 'e', text: 'E', correct: false },
];
const msq: ResolvedQuestion = {
  kind: 'msq',
  stem: 'Which…',
  explanation: '…',
  options: msqOptions,
};

const numeric = (
  value: number | number[],
  tolerance: { abs?: number; rel?: number },
): ResolvedQuestion => ({
  kind: 'numeric',
  stem: 'Compute…',
  explanation: '…',
  numeric: { value, tolerance },
});

const choice = (...optionIds: string[]) => ({ kind: 'choice' as const, optionIds });
const text = (t: string) => ({ kind: 'numeric' as const, text: t });

describe('gradeResponse: single choice', () => {
  it('scores the key 1 and reveals nothing', () => {
    expect(gradeResponse(mcq, choice('b'), 'partial')).toEqual({
      score: 1,
      correct: true,
      misconception: null,
    });
  });
  it('a wrong pick scores 0 and names its misconception', () => {
    expect(gradeResponse(mcq, choice('a'), 'partial')).toEqual({
      score: 0,
      correct: false,
      misconception: { id: 'bn-test-batch-stats', label: 'Uses batch statistics at test time' },
    });
    expect(gradeResponse(mcq, choice('c'), 'partial').misconception).toBeNull();
  });
  it('two picks, no pick or a typed answer score 0', () => {
    expect(gradeResponse(mcq, choice('a', 'b'), 'partial').score).toBe(0);
    expect(gradeResponse(mcq, choice(), 'partial').score).toBe(0);
    expect(gradeResponse(mcq, text('1'), 'partial').score).toBe(0);
  });
});

describe('gradeResponse: multiple select', () => {
  it('all-or-nothing needs exactly the correct set', () => {
    expect(gradeResponse(msq, choice('a', 'c', 'd'), 'all-or-nothing')).toEqual({
      score: 1,
      correct: true,
      misconception: null,
    });
    expect(gradeResponse(msq, choice('a', 'c'), 'all-or-nothing').score).toBe(0);
    expect(gradeResponse(msq, choice('a', 'c', 'd', 'e'), 'all-or-nothing').score).toBe(0);
  });
  it('partial: +1/3 per correct pick, −1/3 per wrong pick, clamped at 0', () => {
    // 2 hits: 2/3
    expect(gradeResponse(msq, choice('a', 'c'), 'partial').score).toBeCloseTo(2 / 3, 12);
    // 3 hits − 1 miss = 2/3, and the wrong pick's misconception is named
    const withWrong = gradeResponse(msq, choice('a', 'b', 'c', 'd'), 'partial');
    expect(withWrong.score).toBeCloseTo(2 / 3, 12);
    expect(withWrong.correct).toBe(false);
    expect(withWrong.misconception?.id).toBe('l2-sparsity');
    // 1 hit − 2 misses = −1/3 → 0
    expect(gradeResponse(msq, choice('a', 'b', 'e'), 'partial').score).toBe(0);
    // everything: 3 − 2 = 1/3
    expect(gradeResponse(msq, choice('a', 'b', 'c', 'd', 'e'), 'partial').score).toBeCloseTo(
      1 / 3,
      12,
    );
    expect(gradeResponse(msq, choice('a', 'c', 'd'), 'partial')).toEqual({
      score: 1,
      correct: true,
      misconception: null,
    });
  });
  it('duplicates count once; unknown ids count as wrong picks', () => {
    expect(gradeResponse(msq, choice('a', 'a', 'c', 'd'), 'all-or-nothing').score).toBe(1);
    expect(gradeResponse(msq, choice('a', 'c', 'd', 'zz'), 'partial').score).toBeCloseTo(2 / 3, 12);
  });

  it('properties: score in [0,1]; order of picks does not matter; all-or-nothing ≤ partial', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'x'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ids), { maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.infiniteStream(fc.nat()),
        (picks, correctFlags, noise) => {
          const options = msqOptions.map((o, i) => ({ ...o, correct: correctFlags[i] }));
          const question: ResolvedQuestion = { ...msq, options };
          const shuffled = [...picks].sort(() => (noise.next().value % 3) - 1);
          for (const rule of ['partial', 'all-or-nothing'] as const) {
            const g = gradeResponse(question, choice(...picks), rule);
            expect(g.score).toBeGreaterThanOrEqual(0);
            expect(g.score).toBeLessThanOrEqual(1);
            expect(gradeResponse(question, choice(...shuffled), rule)).toEqual(g);
            expect(g.correct).toBe(g.score === 1);
          }
          expect(
            gradeResponse(question, choice(...picks), 'all-or-nothing').score,
          ).toBeLessThanOrEqual(gradeResponse(question, choice(...picks), 'partial').score);
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});

describe('parseNumericAnswer', () => {
  it.each([
    ['0.786', [0.786]],
    ['.786', [0.786]],
    ['7.86e-1', [0.786]],
    ['  +3 ', [3]],
    ['5.', [5]],
    ['\u22120.5', [-0.5]],
    ['−0.5, 2', [-0.5, 2]],
    ['1, 2, 3', [1, 2, 3]],
    ['1 2 3', [1, 2, 3]],
    ['[1, 2, 3]', [1, 2, 3]],
    ['(1,2)', [1, 2]],
    ['1, 2; 3, 4', [1, 2, 3, 4]],
    ['1 2\n3 4\n', [1, 2, 3, 4]],
    ['[[1, 2], [3, 4]]', [1, 2, 3, 4]],
    ['[1, 2], [3, 4]', [1, 2, 3, 4]],
    ['1,234', [1, 234]],
  ])('%j → %j', (input, expected) => {
    expect(parseNumericAnswer(input)).toEqual(expected);
  });

  it.each([
    ['', 'Enter a number'],
    ['   ', 'Enter a number'],
    ['abc', 'not part of a number'],
    ['1/2', 'not part of a number'],
    ['NaN', 'not part of a number'],
    ['1,,2', 'missing'],
    ['1e', 'not a number'],
    ['-', 'not a number'],
    ['1, 2; 3', 'different lengths'],
    ['1e999', 'too large'],
  ])('%j is refused (%s)', (input, message) => {
    const result = parseNumericAnswer(input);
    expect(Array.isArray(result)).toBe(false);
    expect((result as { error: string }).error).toContain(message);
  });

  it('with an expected count, a thousands separator or decimal comma is explained, never guessed', () => {
    const thousands = parseNumericAnswer('1,234', 1) as { error: string };
    expect(thousands.error).toContain('Expected 1 number, found 2');
    expect(thousands.error).toContain('thousands separator');
    expect((parseNumericAnswer('0,5', 1) as { error: string }).error).toContain('with a dot');
    expect(parseNumericAnswer('1, 2, 3', 3)).toEqual([1, 2, 3]);
  });

  it('property: formatted numbers parse back to themselves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 6,
        }),
        (xs) => {
          const values = xs.map((x) => (Object.is(x, -0) ? 0 : x));
          expect(parseNumericAnswer(values.map(String).join(', '))).toEqual(values);
          expect(parseNumericAnswer(`[${values.map(String).join(' ')}]`)).toEqual(values);
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});

describe('gradeResponse: numeric', () => {
  it('absolute tolerance: |x − k| ≤ abs', () => {
    const q = numeric(0.7857, { abs: 0.0005 });
    expect(gradeResponse(q, text('0.786'), 'partial').score).toBe(1); // off by 0.0003
    expect(gradeResponse(q, text('.7853'), 'partial').score).toBe(1); // off by 0.0004
    expect(gradeResponse(q, text('0.785'), 'partial').score).toBe(0); // off by 0.0007
  });
  it('relative tolerance: |x − k| ≤ rel·|k|; either tolerance passing is enough', () => {
    const q = numeric(200, { rel: 0.01 });
    expect(gradeResponse(q, text('198'), 'partial').correct).toBe(true); // 2 ≤ 2
    expect(gradeResponse(q, text('197.9'), 'partial').correct).toBe(false);
    const both = numeric(-0.5, { abs: 0.001, rel: 0.1 });
    expect(gradeResponse(both, text('−0.46'), 'partial').correct).toBe(true); // rel: 0.04 ≤ 0.05
    expect(gradeResponse(both, text('-0.44'), 'partial').correct).toBe(false);
    expect(withinTolerance(0.1 + 0.2, 0.3, {})).toBe(true);
    expect(withinTolerance(0.31, 0.3, {})).toBe(false);
  });
  it('a difference equal to the tolerance passes (decimal ties survive binary floating point)', () => {
    // 0.0713 − 0.07125 = 0.00005 exactly in decimals; in doubles it is 5.0000000000001e-5.
    const q = numeric(0.0713, { abs: 5e-5 });
    expect(gradeResponse(q, text('0.07125'), 'partial').correct).toBe(true);
    expect(gradeResponse(q, text('0.07135'), 'partial').correct).toBe(true);
    expect(gradeResponse(q, text('0.071249'), 'partial').correct).toBe(false);
    // rel: |198 − 200| = 2 = 1% of 200, and 0.99·0.3 sits on the bound too.
    expect(withinTolerance(0.297, 0.3, { rel: 0.01 })).toBe(true);
    expect(withinTolerance(0.2969, 0.3, { rel: 0.01 })).toBe(false);
  });
  it('shows a key with decimals rounded to them', () => {
    expect(formatNumericKey({ value: 2 / 3, tolerance: { abs: 5e-4 }, decimals: 3 })).toBe('0.667');
    expect(
      formatNumericKey({ value: [32 / 3, 8 / 3], tolerance: { abs: 5e-3 }, decimals: 2 }),
    ).toBe('10.67, 2.67');
  });
  it('vectors: every element within tolerance and the right length', () => {
    const q = numeric([1, 0.5, -2], { abs: 0.01 });
    expect(gradeResponse(q, text('[1, 0.5, −2]'), 'partial').score).toBe(1);
    expect(gradeResponse(q, text('1 0.505 -2.004'), 'partial').score).toBe(1);
    expect(gradeResponse(q, text('1, 0.5'), 'partial').score).toBe(0);
    expect(gradeResponse(q, text('1, 0.5, 2'), 'all-or-nothing').score).toBe(0);
    // Per-element credit (the partial rule): 2 of 3 elements right → 2/3, not correct.
    expect(gradeResponse(q, text('1, 0.5, 2'), 'partial')).toMatchObject({
      score: 2 / 3,
      correct: false,
    });
    expect(gradeResponse(q, text('1; 0.5; -2'), 'partial').score).toBe(1);
    expect(gradeResponse(q, choice('a'), 'partial').score).toBe(0);
    expect(gradeResponse(q, text('one'), 'partial').score).toBe(0);
  });
  it('a typed answer equal to what a misconception gives is diagnosed as that misconception', () => {
    // Key: biased variance of 4, 0, 8 = (0 + 16 + 16)/3 = 10.67; dividing by N − 1 gives 16.
    const q: ResolvedQuestion = {
      ...numeric(32 / 3, { abs: 0.005 }),
      misconceptionKeys: [
        {
          misconception: { id: 'unbiased-variance', label: 'Divides by N − 1' },
          key: { value: 16, tolerance: { abs: 0.005 } },
          feedback: 'Training statistics divide by N.',
        },
      ],
    };
    expect(gradeResponse(q, text('16'), 'partial')).toEqual({
      score: 0,
      correct: false,
      misconception: { id: 'unbiased-variance', label: 'Divides by N − 1' },
    });
    expect(gradeResponse(q, text('15'), 'partial').misconception).toBeNull();
    expect(gradeResponse(q, text('10.67'), 'partial').correct).toBe(true);
  });
  it('says why an entry cannot be graded: not numbers, or the wrong count', () => {
    const key = { value: [1, 2, 3, 4, 5], tolerance: { abs: 0.01 } };
    expect(numericEntryProblem(key, '1, 2, 3, 4')).toBe('Expected 5 numbers, found 4.');
    expect(numericEntryProblem(key, '1, 2, x, 4, 5')).toMatch(/"x"/);
    expect(numericEntryProblem(key, '1 2 3 4 5')).toBeNull();
  });
  it('formats the key as a learner would type it', () => {
    expect(formatNumericKey({ value: 0.78571428, tolerance: { abs: 0.001 } })).toBe('0.785714');
    expect(formatNumericKey({ value: [1, -0.5, 12], tolerance: { abs: 0 } })).toBe('1, -0.5, 12');
    for (const key of [0.78571428, -12.5, 3]) {
      const typed = formatNumericKey({ value: key, tolerance: { rel: 1e-5 } });
      expect(gradeResponse(numeric(key, { rel: 1e-5 }), text(typed), 'partial').correct).toBe(true);
    }
  });
});

describe('msq with Moodle weights (sum of the picked fractions, clamped to 0..1)', () => {
  // Moodle's test question (question/type/multichoice/tests/helper.php,
  // make_a_multichoice_multi_question): A 50%, B −100%, C 50%, D −100%.
  const moodleMulti: ResolvedQuestion = {
    kind: 'msq',
    stem: 'The answer is A and C.',
    explanation: '…',
    options: [
      { id: 'a', text: 'A', correct: true, weight: 0.5 },
      { id: 'b', text: 'B', correct: false, weight: -1 },
      { id: 'c', text: 'C', correct: true, weight: 0.5 },
      { id: 'd', text: 'D', correct: false, weight: -1 },
    ],
  };
  const grade = (q: ResolvedQuestion, ids: string[], rule: 'partial' | 'all-or-nothing') =>
    gradeResponse(q, { kind: 'choice', optionIds: ids }, rule);

  it('grades as question_multi_test does, whatever the quiz rule', () => {
    for (const rule of ['partial', 'all-or-nothing'] as const) {
      // test_grade_responses_right_right: 0.5 + 0.5 = 1, right.
      expect(grade(moodleMulti, ['a', 'c'], rule)).toMatchObject({ score: 1, correct: true });
      // test_grade_responses_right: 0.5, partly right.
      expect(grade(moodleMulti, ['a'], rule)).toMatchObject({ score: 0.5, correct: false });
      // test_grade_responses_wrong_wrong: −1 − 1 clamped to 0.
      expect(grade(moodleMulti, ['b', 'd'], rule)).toMatchObject({ score: 0, correct: false });
      // test_grade_responses_right_wrong: 0.5 − 1 clamped to 0.
      expect(grade(moodleMulti, ['a', 'b'], rule)).toMatchObject({ score: 0, correct: false });
    }
  });

  it('grades "select all" as Moodle does when wrong options weigh 0% or −50% (the issue)', () => {
    const options = (wrongWeights: [number, number]): ChoiceOption[] => [
      { id: 'a', text: 'A', correct: true, weight: 0.5 },
      { id: 'b', text: 'B', correct: true, weight: 0.5 },
      { id: 'c', text: 'C', correct: false, weight: wrongWeights[0] },
      { id: 'd', text: 'D', correct: false, weight: wrongWeights[1] },
    ];
    const all = ['a', 'b', 'c', 'd'];
    // Wrong options at 0%: 0.5 + 0.5 + 0 + 0 = 1, full marks although two wrong ones are ticked.
    const zero: ResolvedQuestion = { ...moodleMulti, options: options([0, 0]) };
    expect(grade(zero, all, 'all-or-nothing')).toMatchObject({ score: 1, correct: true });
    // One at −50%, one at 0%: 0.5 + 0.5 − 0.5 + 0 = 0.5.
    const mixed: ResolvedQuestion = { ...moodleMulti, options: options([-0.5, 0]) };
    expect(grade(mixed, all, 'partial')).toMatchObject({ score: 0.5, correct: false });
    // Both at −50%: 1 − 0.5 − 0.5 = 0.
    const minus: ResolvedQuestion = { ...moodleMulti, options: options([-0.5, -0.5]) };
    expect(grade(minus, all, 'partial').score).toBe(0);
    // The same key without weights keeps today's rules: all-or-nothing 0, partial (2 − 2)/2 = 0.
    const unweighted: ResolvedQuestion = {
      ...zero,
      options: (zero.options ?? []).map(({ weight: _weight, ...o }) => o),
    };
    expect(grade(unweighted, all, 'all-or-nothing').score).toBe(0);
    expect(grade(unweighted, all, 'partial').score).toBe(0);
  });

  it('counts three picks at 33.33333% as right (Moodle: above 0.999999)', () => {
    const third: ResolvedQuestion = {
      ...moodleMulti,
      options: [
        { id: 'a', text: 'A', correct: true, weight: 0.3333333 },
        { id: 'b', text: 'B', correct: true, weight: 0.3333333 },
        { id: 'c', text: 'C', correct: true, weight: 0.3333333 },
        { id: 'd', text: 'D', correct: false, weight: -0.3333333 },
      ],
    };
    expect(grade(third, ['a', 'b', 'c'], 'partial')).toMatchObject({ score: 1, correct: true });
    // Two of three: 0.6666666, partly right.
    expect(grade(third, ['a', 'b'], 'partial').score).toBeCloseTo(0.6666666, 9);
    // Unknown ids add nothing.
    expect(grade(third, ['a', 'zz'], 'partial').score).toBeCloseTo(0.3333333, 9);
  });

  it('names the misconception of a wrong pick unless the answer is right', () => {
    const q: ResolvedQuestion = {
      ...moodleMulti,
      options: (moodleMulti.options ?? []).map((o) =>
        o.id === 'b' ? { ...o, misconception: { id: 'm-b', label: 'Picks B' } } : o,
      ),
    };
    expect(grade(q, ['a', 'b'], 'partial').misconception?.id).toBe('m-b');
  });
});

describe('short answer (Moodle compare_string_with_wildcard)', () => {
  // The cases of qtype_shortanswer question_test::test_compare_string_with_wildcard; Moodle's
  // third argument is "ignore case", ours is "case sensitive" (its negation).
  const sensitive = (s: string, p: string) => matchesShortAnswer(s, p, true);
  const insensitive = (s: string, p: string) => matchesShortAnswer(s, p, false);

  it('matches literals, with and without case', () => {
    expect(sensitive('Frog', 'Frog')).toBe(true);
    expect(sensitive('Frog', 'frog')).toBe(false);
    expect(sensitive('   Frog   ', 'Frog')).toBe(true);
    expect(sensitive('Frogs', 'Frog')).toBe(false);
    expect(insensitive('Frog', 'frog')).toBe(true);
    expect(insensitive('   FROG   ', 'Frog')).toBe(true);
    expect(insensitive('Frogs', 'Frog')).toBe(false);
  });

  it('reads * as any run of characters', () => {
    expect(sensitive('Frog', 'F*og')).toBe(true);
    expect(sensitive('Fog', 'F*og')).toBe(true);
    expect(sensitive('   Fat dog   ', 'F*og')).toBe(true);
    expect(sensitive('Frogs', 'F*og')).toBe(false);
    expect(sensitive('Fg', 'F*og')).toBe(false);
    expect(sensitive('frog', 'F*og')).toBe(false);
    expect(sensitive('   fat dog   ', 'F*og')).toBe(false);
    expect(insensitive('Frog', 'F*og')).toBe(true);
    expect(insensitive('Fog', 'F*og')).toBe(true);
    expect(insensitive('   Fat dog   ', 'F*og')).toBe(true);
    expect(insensitive('Frogs', 'F*og')).toBe(false);
    expect(insensitive('Fg', 'F*og')).toBe(false);
    expect(insensitive('frog', 'F*og')).toBe(true);
    expect(insensitive('   fat dog   ', 'F*og')).toBe(true);
  });

  it('takes \\* and regular-expression characters literally', () => {
    expect(sensitive('   *   ', '\\*')).toBe(true);
    expect(sensitive('*', '\\*')).toBe(true);
    expect(sensitive('Frog*toad', 'Frog\\*toad')).toBe(true);
    expect(sensitive('a', '[a-z]')).toBe(false);
    expect(sensitive('[a-z]', '[a-z]')).toBe(true);
    expect(insensitive('\\{}/', '\\{}/')).toBe(true);
  });

  it('compares Unicode after NFC normalisation, case folded when insensitive', () => {
    expect(insensitive('ITÁLIE', 'Itálie')).toBe(true);
    expect(insensitive('départ', 'DÉPART')).toBe(true);
    expect(sensitive('départ', 'DÉPART')).toBe(false);
    // é precomposed against e + combining acute (test_compare_string_with_wildcard).
    expect(sensitive('d\u00e9part', 'de\u0301part')).toBe(true);
    expect(insensitive('d\u00e9part', 'DE\u0301PART')).toBe(true);
  });

  it('handles 0 and many stars (test_compare_0_with_wildcard, …_many_stars)', () => {
    for (const p of ['0', '0*', '*0', '*0*']) expect(sensitive('0', p)).toBe(true);
    const stars = `${'*'.repeat(35)}<em>${'*'.repeat(35)}</em>`;
    expect(sensitive('<em></em>', stars)).toBe(true);
  });

  // qtype_shortanswer test_question_maker 'frogtoad': frog 100%, toad 80%, * 0%.
  const frogToad = {
    answers: [
      { value: 'frog', weight: 1, feedback: 'Frog is a very good answer.' },
      { value: 'toad', weight: 0.8, feedback: 'Toad is an OK good answer.' },
      { value: '*', weight: 0, feedback: 'That is a bad answer.' },
    ],
    caseSensitive: false,
  };
  const shortQuestion: ResolvedQuestion = {
    kind: 'short',
    stem: 'Name an amphibian: _____',
    explanation: '…',
    text: frogToad,
  };

  it('grades by the first matching answer (question_test::test_grading)', () => {
    const grade = (text: string) => gradeResponse(shortQuestion, { kind: 'text', text }, 'partial');
    expect(grade('x')).toMatchObject({ score: 0, correct: false });
    expect(grade('frog')).toMatchObject({ score: 1, correct: true });
    expect(grade('toad')).toMatchObject({ score: 0.8, correct: false });
    expect(matchingTextAnswer(frogToad, 'cat')?.feedback).toBe('That is a bad answer.');
    // A choice or numeric response to a short answer scores nothing.
    expect(gradeResponse(shortQuestion, { kind: 'numeric', text: 'frog' }, 'partial').score).toBe(
      0,
    );
  });

  it('shows an accepted answer as Moodle does (test_get_correct_response_escapedwildcards)', () => {
    expect(displayTextAnswer('x\\*y')).toBe('x*y');
    expect(displayTextAnswer('frog')).toBe('frog');
    expect(displayTextAnswer('neural*network')).toBe('neural network');
  });
});
