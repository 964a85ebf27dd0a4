/**
 * Files written the way Moodle writes them, read as Moodle reads them. The reference is Moodle's
 * own parser tests (moodle/moodle: question/format/gift/tests/giftformat_test.php and
 * question/format/xml/tests/xmlformat_test.php); the fixtures in tests/fixtures/moodle are our
 * own, each question built after one of those tests, and every expected value below is what
 * Moodle's test expects, worked out by hand into DeepDrill Markdown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BankItemInput, BankPack, ChoiceItem } from '../bank/schema';
import { packToGift, packToMoodleXml } from './export';
import type { ForeignImport } from './foreign';
import { idNumberAndTags, parseGift } from './gift';
import { convertForeignBank } from './index';
import { parseMoodleXml } from './moodle-xml';

const fixtures = join(__dirname, '../../tests/fixtures/moodle');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const gift = (name: string) => parseGift(read(name), { bankId: 'm', title: name, fileName: name });

function item(result: ForeignImport, id: string): BankItemInput {
  expect(result.problems).toEqual([]);
  const found = result.pack?.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no item ${id} in ${JSON.stringify(result)}`);
  return found;
}

describe('texts of a Moodle GIFT export', () => {
  const result = gift('text-export.gift');

  it('reads the \\n escapes of the export as line breaks, before letters too', () => {
    expect(item(result, 'breaks')).toMatchObject({ stem: 'Line one\\\nLine two\\\nLine three' });
  });

  it('keeps \\\\ as one backslash each (test_import_backslash: Moodle shows A \\ B \\\\ C)', () => {
    // Markdown for `A \ B \\ C`: a backslash before a blank shows as it is; the pair is escaped.
    expect(item(result, 'backslash')).toMatchObject({ stem: 'A \\ B \\\\\\ C' });
  });

  it('keeps <pre> indentation (test_import_pre_content)', () => {
    expect(item(result, 'pre')).toMatchObject({
      stem: 'What does this print?\n\n```\n    for i in range(2):\n        print(i)\n```',
    });
  });

  it('turns an HTML table into a Markdown table', () => {
    expect(item(result, 'table')).toMatchObject({
      stem: 'Output sizes:\n\n| Layer | Size |\n| --- | --- |\n| conv | 32 |',
    });
  });

  it('keeps a leading # and 1. as text, and a final <br> without a backslash', () => {
    expect(item(result, 'hash')).toMatchObject({
      stem: '\\# of parameters in a 3×3 conv with 8 filters?\n\n1\\. Count the weights',
    });
  });
});

describe('GIFT answers as Moodle reads them', () => {
  const result = gift('gift-answers.gift');

  it('imports the whole file: nothing refused, nothing left out', () => {
    expect(result.problems).toEqual([]);
    expect(result.unsupported).toEqual([]);
  });

  it('reads {One} as a short answer with the one right answer "One", case ignored', () => {
    // Moodle imports {One} as a shortanswer: answer ['One'], fraction [1], usecase 0.
    expect(item(result, 'one')).toMatchObject({
      type: 'short',
      answer: { text: [{ value: 'One' }] },
    });
    const one = item(result, 'one');
    expect(one.type === 'short' && one.answer.caseSensitive).toBeFalsy();
  });

  it('reads {#3:2~#Completely wrong} as 3 ± 2, the ~ part being the other answers', () => {
    // Moodle: answer ['3', '*'], fraction [1, 0], tolerance [2, ''], feedback of '*'.
    expect(item(result, 'range')).toMatchObject({
      type: 'numeric',
      answer: { value: 3, tolerance: { abs: 2 } },
      explanation: 'Any other answer: Completely wrong',
    });
  });

  it('reads an answer without "=" as the right one ({42} → the text 42, as Moodle)', () => {
    // A shortanswer compares text: "42" is right, "42.0" is not (compare_string_with_wildcard).
    expect(item(result, 'forty-two')).toMatchObject({
      type: 'short',
      answer: { text: [{ value: '42' }] },
    });
  });

  it('keeps a question with text after "}" and puts Moodle\'s blank where the answers were', () => {
    expect(item(result, 'punct')).toMatchObject({
      type: 'mcq',
      stem: 'Which activation is zero for negative inputs \\_\\_\\_\\_\\_.',
      answer: ['a'],
    });
    expect(item(result, 'mid')).toMatchObject({
      stem: 'Batch norm uses the \\_\\_\\_\\_\\_ statistics in training.',
      options: [{ text: 'batch' }, { text: 'layer' }],
      answer: ['a'],
    });
  });

  it('takes the id number and tags from the comment lines (test_import_question_with_tags)', () => {
    const tagged = item(result, 'myid');
    expect(tagged.tags).toEqual(['imported', 'gift', 'true-false', 'tag', 'other-tag']);
  });

  it('reads the comment line Moodle exports (trimmed values, \\] inside a tag)', () => {
    // extract_idnumber_and_tags_from_comment: id "four", tags "basic", "add", "t]ag".
    const exported = item(result, 'four');
    expect(exported.tags).toEqual(['imported', 'gift', 'true-false', 'basic', 'add', 't]ag']);
    expect(exported).toMatchObject({
      stem: 'The answer is true.',
      answer: ['true'],
      explanation: 'You should have selected true.',
    });
  });
});

describe('idNumberAndTags', () => {
  // The cases of Moodle's extract_idnumber_and_tags_from_comment_testcases.
  it.each([
    ['', '', []],
    ['// A basic comment.', '', []],
    ['// A comment with [id:frog] <-- an idnumber.', 'frog', []],
    ['// Look tags: [tag:frog] [tag:toad].', '', ['frog', 'toad']],
    ['// [tag:add] [tag:basic] [id:four]', 'four', ['add', 'basic']],
    [
      '// [tag:  basic] Here is  \n// a [id:   four   ] que[tag:add   ]stion.',
      'four',
      ['basic', 'add'],
    ],
    ["// Ceci n'est pas une [tag:\n\\ frog].", '', []],
    ['// [id:i\\]d].', 'i]d', []],
    ['// [tag:t\\]ag].', '', ['t]ag']],
  ])('%j', (comment, idNumber, tags) => {
    expect(idNumberAndTags(comment)).toEqual({ idNumber, tags });
  });
});

// Moodle's grade list (question_bank::fraction_options_full), copied by hand in per cent.
const moodleGrades = [
  100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
  12.5, 11.11111, 10, 5, 0,
];
const moodleAccepts = (percent: number) =>
  moodleGrades.some((g) => Math.abs(Math.abs(percent) - g) < 0.001);

describe('grades Moodle refuses are refused, naming the question', () => {
  it("Moodle XML: a grade off Moodle's list (error_invalid_grades.xml), sums of 200% and 60%", () => {
    const result = parseMoodleXml(read('grades.xml'), { bankId: 'm', title: 'grades' });
    expect(result.pack).toBeNull();
    expect(result.problems.map((p) => [p.path, p.message.split(':')[0]])).toEqual([
      ['quiz/question[1]/answer[2]', 'question "Invalid grade"'],
      ['quiz/question[2]', 'question "Sum 200"'],
      ['quiz/question[3]', 'question "Sum 60"'],
    ]);
    expect(result.problems[0].message).toMatch(/grade 33% is not one Moodle allows/);
    expect(result.problems[1].message).toMatch(/add up to 200%; Moodle needs exactly 100%/);
    expect(result.problems[2].message).toMatch(/add up to 60%/);
  });

  it('GIFT: the same, and a numerical answer at 33%', () => {
    const result = gift('grades.gift');
    expect(result.pack).toBeNull();
    expect(result.problems.map((p) => [p.path, p.message.split(':')[0]])).toEqual([
      ['line 4', 'question "invalid"'],
      ['line 6', 'question "sum-200"'],
      ['line 8', 'question "sum-60"'],
      ['line 12', 'question "numerical-33"'],
    ]);
  });

  it('accepts three right answers at 33.33333% (Moodle rounds their sum to 100%)', () => {
    const xml = read('grades.xml').replace(
      /<question type="multichoice">[\s\S]*?(?=<question type="multichoice">\s*<name><text>Thirds)/,
      '',
    );
    const result = parseMoodleXml(xml, { bankId: 'm', title: 'grades' });
    expect(item(result, 'Thirds')).toMatchObject({ type: 'msq', answer: ['b', 'c', 'e'] });
  });
});

describe('msq export with many right options uses grades Moodle accepts', () => {
  const msq = (rightCount: number): ChoiceItem => ({
    id: `right-${rightCount}`,
    topic: 't',
    type: 'msq',
    stem: `Pick the ${rightCount} right ones`,
    options: Array.from({ length: 12 }, (_, k) => ({ id: `o${k}`, text: `Option ${k}` })),
    answer: Array.from({ length: rightCount }, (_, k) => `o${k}`),
    explanation: 'Because.',
    difficulty: 3,
    tags: [],
    source: 'test',
  });
  const pack: BankPack = {
    format: 'deepdrill-bank',
    version: 1,
    id: 'many',
    title: 'Many right options',
    license: 'CC0',
    topics: [{ id: 't', title: 'T' }],
    items: Array.from({ length: 12 }, (_, k) => msq(k + 1)),
  };

  it('writes only listed grades, the right ones adding up to 100%, for 1 to 12 right options', () => {
    const xml = packToMoodleXml(pack).text;
    for (const question of xml.split('<question type="multichoice">').slice(1)) {
      const grades = [...question.matchAll(/fraction="([^"]+)"/g)].map((m) => Number(m[1]));
      expect(grades.every(moodleAccepts), grades.join(' ')).toBe(true);
      const total = grades.filter((g) => g > 0).reduce((a, b) => a + b, 0);
      expect(Math.round(total)).toBe(100);
    }
    // 11 right: nine at 10% and two at 5% (9·10 + 2·5 = 100), the one wrong option at −10%.
    const eleven = xml.split('<question type="multichoice">')[11];
    expect([...eleven.matchAll(/fraction="([^"]+)"/g)].map((m) => m[1])).toEqual([
      ...Array<string>(9).fill('10'),
      '5',
      '5',
      '-10',
    ]);
  });

  it('reads back the same keys from both formats', () => {
    for (const result of [
      parseGift(packToGift(pack).text, { bankId: 'many', title: 'x' }),
      parseMoodleXml(packToMoodleXml(pack).text, { bankId: 'many', title: 'x' }),
    ]) {
      expect(result.problems).toEqual([]);
      expect(result.pack?.items.map((i) => (i.type === 'msq' ? i.answer.length : 0))).toEqual(
        Array.from({ length: 12 }, (_, k) => k + 1),
      );
    }
  });
});

describe('Aiken', () => {
  it('reads each question as single-answer multiple choice with the ANSWER letter as key', () => {
    const result = convertForeignBank('week2.txt', read('aiken.txt'));
    expect(result?.problems).toEqual([]);
    expect(result?.pack?.items).toMatchObject([
      {
        type: 'mcq',
        stem: 'Which layer has no weights to learn?',
        options: [
          { id: 'a', text: 'Convolution' },
          { id: 'b', text: 'Max pooling' },
          { id: 'c', text: 'Fully connected' },
          { id: 'd', text: 'Batch normalisation' },
        ],
        answer: ['b'],
      },
      {
        stem: 'At test time, batch norm normalises with',
        options: [
          { text: 'the statistics of the current batch' },
          { text: 'the running averages kept in training' },
        ],
        answer: ['b'],
      },
    ]);
  });

  it('names the line of an answer letter that matches no option', () => {
    const result = convertForeignBank('bad.txt', 'Pick one\nA. x\nB. y\nANSWER: C\n');
    expect(result?.pack).toBeNull();
    expect(result?.problems).toEqual([
      { path: 'line 4', message: 'ANSWER: C names no option of this question' },
    ]);
  });
});

describe('files in formats DeepDrill does not read', () => {
  const problem = (name: string, text: string) => {
    const result = convertForeignBank(name, text);
    expect(result?.pack).toBeNull();
    return result?.problems[0].message ?? '';
  };

  it('says what the file looks like and what is supported, instead of "not valid JSON"', () => {
    expect(problem('export.json', read('qti.xml.txt'))).toMatch(
      /^export\.json looks like an IMS QTI file, not a bank DeepDrill reads; DeepDrill reads .*\(\.json\), GIFT .*Moodle XML \(\.xml\) and Aiken/,
    );
    expect(problem('questions.csv', read('questions.csv'))).toMatch(
      /looks like a spreadsheet export \(CSV\)/,
    );
    expect(problem('week2.aiken', read('aiken.txt'))).toMatch(
      /looks like Aiken \(give it the \.txt extension\)/,
    );
    expect(problem('notes.txt', 'Remember to revise batch norm.')).toMatch(
      /looks like plain text in no question format/,
    );
  });

  it('leaves what may be a JSON pack to the pack reader', () => {
    expect(convertForeignBank('bank.json', '{"format":"deepdrill-bank"}')).toBeNull();
  });
});
