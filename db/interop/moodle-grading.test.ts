/**
 * Moodle's grading kept through GIFT and Moodle XML: multiple-answer weights, short answers and
 * missing words, read as Moodle reads them and written so that Moodle's import accepts them. The
 * fixtures in tests/fixtures/moodle/short-weights.* are built after Moodle's parser tests
 * (question/format/gift/tests/giftformat_test.php test_import_shortanswer and
 * test_import_multichoice_multi; question/format/xml/tests/xmlformat_test.php
 * test_import_shortanswer); each expected value is what Moodle's test expects, in DeepDrill terms.
 * The scores are worked by hand from Moodle's rule (sum of the picked fractions, clamped to 0..1;
 * a short answer scores the fraction of the first answer it matches).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeResponse } from '../../core/grading';
import type { ResolvedQuestion } from '../../core/types';
import type { BankItemInput, BankPack, BankPackInput } from '../bank/schema';
import { validatePack } from '../bank/validate';
import { packToGift, packToMoodleXml } from './export';
import type { ForeignImport } from './foreign';
import { parseGift } from './gift';
import { parseMoodleXml } from './moodle-xml';

const fixtures = join(__dirname, '../../tests/fixtures/moodle');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const options = (name: string) => ({ bankId: 'm', title: name, fileName: name });

function item(result: ForeignImport, id: string): BankItemInput {
  expect(result.problems).toEqual([]);
  const found = result.pack?.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no item ${id} in ${JSON.stringify(result)}`);
  return found;
}

/** The imported item as a quiz grades it (options in stored order). */
function resolved(found: BankItemInput): ResolvedQuestion {
  if (found.type === 'mcq' || found.type === 'msq') {
    return {
      kind: found.type,
      stem: found.stem,
      explanation: found.explanation,
      options: found.options.map((o) => ({
        id: o.id,
        text: o.text,
        correct: found.answer.includes(o.id),
        ...(o.weight === undefined ? {} : { weight: o.weight }),
      })),
    };
  }
  if (found.type === 'short') {
    return {
      kind: 'short',
      stem: found.stem,
      explanation: found.explanation,
      text: {
        answers: found.answer.text.map((a) => ({ value: a.value, weight: a.weight ?? 1 })),
        caseSensitive: found.answer.caseSensitive === true,
      },
    };
  }
  throw new Error(`not gradable here: ${found.type}`);
}

const pick = (q: ResolvedQuestion, ids: string[]) =>
  gradeResponse(q, { kind: 'choice', optionIds: ids }, 'all-or-nothing').score;
const type = (q: ResolvedQuestion, text: string) =>
  gradeResponse(q, { kind: 'text', text }, 'all-or-nothing').score;

describe('GIFT short answers and weights as Moodle reads them', () => {
  const result = parseGift(read('short-weights.gift'), options('short-weights.gift'));

  it('imports every question of the file', () => {
    expect(result.problems).toEqual([]);
    expect(result.unsupported).toEqual([]);
    expect(result.pack?.items.map((i) => [i.id, i.type])).toEqual([
      ['best-layer', 'short'],
      ['mw-short', 'short'],
      ['odd-weights', 'msq'],
      ['zero-wrong', 'msq'],
    ]);
  });

  it('reads a short answer like test_import_shortanswer: fractions 1, 0.5, 0 with feedback', () => {
    expect(item(result, 'best-layer')).toMatchObject({
      type: 'short',
      stem: 'Which layer normalises each sample over its features?',
      answer: {
        text: [
          { value: 'Layer norm', feedback: 'Good!' },
          { value: 'Group norm', weight: 0.5, feedback: 'Close: groups of channels.' },
          { value: '*', weight: 0, feedback: 'Completely wrong' },
        ],
      },
    });
    const q = resolved(item(result, 'best-layer'));
    // GIFT short answers ignore case (Moodle sets usecase 0): "LAYER NORM" is right.
    expect(type(q, '  LAYER NORM ')).toBe(1);
    expect(type(q, 'group norm')).toBe(0.5);
    expect(type(q, 'batch norm')).toBe(0);
  });

  it('reads a missing word with a short answer, the blank where the braces were', () => {
    expect(item(result, 'mw-short')).toMatchObject({
      type: 'short',
      stem: 'The \\_\\_\\_\\_\\_ rate is the probability of zeroing a unit.',
      answer: { text: [{ value: 'dropout' }, { value: 'drop-out' }] },
    });
  });

  it('keeps multiple-answer weights (test_import_multichoice_multi: 50, 50, -100, -100)', () => {
    const odd = item(result, 'odd-weights');
    expect(odd).toMatchObject({ type: 'msq', answer: ['a', 'b'] });
    expect(odd.type === 'msq' && odd.options.map((o) => o.weight)).toEqual([0.5, 0.5, -1, -1]);
    const q = resolved(odd);
    expect(pick(q, ['a', 'b'])).toBe(1);
    expect(pick(q, ['a'])).toBe(0.5);
    // 0.5 + 0.5 − 1 − 1 < 0, clamped.
    expect(pick(q, ['a', 'b', 'c', 'd'])).toBe(0);
  });

  it('grades "select all" as Moodle when wrong answers are 0% and -50%', () => {
    const q = resolved(item(result, 'zero-wrong'));
    // 0.5 + 0.5 + 0 − 0.5 = 0.5; without MaxPool 0.5 + 0.5 + 0 = 1 (a 0% pick costs nothing).
    expect(pick(q, ['a', 'b', 'c', 'd'])).toBe(0.5);
    expect(pick(q, ['a', 'b', 'c'])).toBe(1);
  });

  it('refuses a short answer without a 100% answer, as Moodle does, naming the question', () => {
    const r = parseGift('::half::Name it {=%50%one =%0%two}', options('x.gift'));
    expect(r.pack).toBeNull();
    expect(r.problems).toEqual([
      {
        path: 'line 1',
        message: 'question "half": no answer scores 100%; Moodle needs one and refuses the file',
      },
    ]);
  });
});

describe('Moodle XML shortanswer and weights as Moodle reads them', () => {
  const result = parseMoodleXml(read('short-weights.xml'), options('short-weights.xml'));

  it('reads test_import_shortanswer: Beta 100% "Well done!", * 0% "Doh!", usecase 0, hints', () => {
    expect(result.unsupported).toEqual([]);
    const q = item(result, 'short-answer-question');
    expect(q).toMatchObject({
      type: 'short',
      stem: 'Fill in the gap in this sequence: conv, \\_\\_\\_\\_\\_\\_\\_\\_, pool.',
      answer: {
        text: [
          { value: 'ReLU', feedback: 'Well done!' },
          { value: '*', weight: 0, feedback: 'Doh!' },
        ],
      },
      explanation: 'The answer is ReLU.',
      hints: ['Hint 1', 'Hint 2'],
    });
    expect(q.type === 'short' && q.answer.caseSensitive).toBeFalsy();
    expect(type(resolved(q), 'relu')).toBe(1);
  });

  it('keeps <usecase>1</usecase> and trims the answers as Moodle saves them', () => {
    const q = item(result, 'case-counts');
    expect(q).toMatchObject({
      type: 'short',
      answer: {
        text: [{ value: 'BatchNorm2d' }, { value: 'nn.BatchNorm*', weight: 0.5 }],
        caseSensitive: true,
      },
    });
    const graded = resolved(q);
    expect(type(graded, 'BatchNorm2d')).toBe(1);
    expect(type(graded, 'batchnorm2d')).toBe(0);
    expect(type(graded, 'nn.BatchNorm1d')).toBe(0.5);
  });

  it('keeps the fractions of a multiple-answer question as weights', () => {
    const q = item(result, 'Weighted');
    expect(q.type === 'msq' && q.options.map((o) => o.weight)).toEqual([0.5, 0.5, 0, -0.5]);
    expect(pick(resolved(q), ['a', 'b', 'c'])).toBe(1);
  });

  it('refuses a shortanswer without fraction="100", as Moodle does', () => {
    const r = parseMoodleXml(
      `<quiz><question type="shortanswer"><name><text>No full</text></name>
        <questiontext><text>Say it</text></questiontext>
        <answer fraction="50"><text>it</text></answer></question></quiz>`,
      options('x.xml'),
    );
    expect(r.pack).toBeNull();
    expect(r.problems[0]).toEqual({
      path: 'quiz/question[1]',
      message:
        'question "No full": no answer has fraction="100"; Moodle needs one and refuses the file',
    });
  });
});

describe('export → re-import keeps weights and text keys', () => {
  const pack: BankPackInput = {
    format: 'deepdrill-bank',
    version: 1,
    id: 'rt',
    title: 'Round trip',
    license: 'CC0',
    topics: [{ id: 'rt-t', title: 'Topic' }],
    items: [
      {
        id: 'thirds',
        topic: 'rt-t',
        type: 'msq',
        stem: 'Which three?',
        options: [
          { id: 'a', text: 'A', weight: 0.3333333 },
          { id: 'b', text: 'B', weight: 0.3333333 },
          { id: 'c', text: 'C', weight: 0.3333333 },
          { id: 'd', text: 'D', weight: -0.5, feedback: 'Not D.' },
          { id: 'e', text: 'E', weight: 0 },
        ],
        answer: ['a', 'b', 'c'],
        explanation: 'A, B and C.',
        difficulty: 2,
        tags: [],
        source: 'test',
      },
      {
        id: 'star',
        topic: 'rt-t',
        type: 'short',
        stem: 'Name the operator written `a*b`, or the layer.',
        answer: {
          text: [
            { value: 'a\\*b', feedback: 'The literal star.' },
            { value: 'batch*norm', weight: 0.5 },
            { value: '%odd', weight: 0.25 },
            { value: '*', weight: 0, feedback: 'No.' },
          ],
        },
        explanation: 'Stars.',
        difficulty: 1,
        tags: [],
        source: 'test',
      },
      {
        id: 'cased',
        topic: 'rt-t',
        type: 'short',
        stem: 'The class?',
        answer: { text: [{ value: 'BatchNorm2d' }], caseSensitive: true },
        explanation: 'Case counts.',
        difficulty: 1,
        tags: [],
        source: 'test',
      },
    ],
  };
  const valid = validatePack(pack);
  if (!valid.ok) throw new Error(JSON.stringify(valid.problems));
  const typed: BankPack = valid.pack;
  const keys = (items: readonly BankItemInput[]) =>
    items.map((i) =>
      i.type === 'msq'
        ? [i.id, i.options.map((o) => [o.text, o.weight, o.feedback]), i.answer]
        : i.type === 'short'
          ? [
              i.id,
              i.answer.text.map((a) => [a.value, a.weight ?? 1, a.feedback]),
              i.answer.caseSensitive === true,
            ]
          : [i.id],
    );

  it('Moodle XML keeps everything, the case setting too', () => {
    const xml = packToMoodleXml(typed);
    expect(xml.skipped).toEqual([]);
    const back = parseMoodleXml(xml.text, options('rt.xml'));
    expect(back.problems).toEqual([]);
    expect(keys(back.pack!.items)).toEqual(keys(typed.items));
  });

  it('GIFT keeps the weights and the case-insensitive short answer, and says why it skips the other', () => {
    const gift = packToGift(typed);
    expect(gift.skipped).toEqual([
      {
        id: 'cased',
        reason:
          'a case-sensitive short answer: GIFT has no case setting and Moodle reads GIFT short answers ignoring case (Moodle XML keeps it)',
      },
    ]);
    // Weights as Moodle's fraction list writes them: 33.33333%, never 100/3.
    expect(gift.text).toContain('~%33.33333%A');
    expect(gift.text).toContain('=%100%a\\*b#');
    const back = parseGift(gift.text, options('rt.gift'));
    expect(back.problems).toEqual([]);
    expect(keys(back.pack!.items)).toEqual(keys(typed.items.slice(0, 2)));
  });

  it('skips an item whose weights Moodle would refuse, saying which', () => {
    const off = validatePack({
      ...pack,
      items: [
        {
          ...pack.items[0],
          options: [
            { id: 'a', text: 'A', weight: 0.35 },
            { id: 'b', text: 'B', weight: 0.65 },
          ],
          answer: ['a', 'b'],
        },
      ],
    });
    if (!off.ok) throw new Error(JSON.stringify(off.problems));
    for (const out of [packToGift(off.pack), packToMoodleXml(off.pack)]) {
      expect(out.skipped).toEqual([
        {
          id: 'thirds',
          reason: 'weight 0.35 (35%) is not a grade Moodle allows; Moodle would refuse the file',
        },
      ]);
    }
  });
});
