import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankPackSchema, type BankItemInput } from '../bank/schema';
import { validatePack } from '../bank/validate';
import type { ForeignImport } from './foreign';
import { parseMoodleXml } from './moodle-xml';

const fixture = readFileSync(join(__dirname, '../../tests/fixtures/interop/sample.xml'), 'utf8');
const options = { bankId: 'sample', title: 'Sample XML', fileName: 'sample.xml' };
const parse = (text: string) => parseMoodleXml(text, options);

function item(result: ForeignImport, id: string): BankItemInput {
  const found = result.pack?.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no item ${id} in ${JSON.stringify(result)}`);
  return found;
}

function expectWellFormed(result: ForeignImport): void {
  expect(result.pack === null).toBe(result.problems.length > 0);
  if (result.pack !== null) expect(validatePack(result.pack).ok).toBe(true);
  for (const p of result.problems) {
    expect(p.path).toMatch(
      /^(line \d+, column \d+|quiz\/question\[\d+\].*|\(root\)|\(file\)|id|title)$/,
    );
  }
  for (const u of result.unsupported) expect(u.position).toMatch(/^quiz\/question\[\d+\]$/);
}

/** A one-question quiz around `question` (XML of one `<question>`). */
const quiz = (...questions: string[]) => `<quiz>${questions.join('\n')}</quiz>`;

describe('parseMoodleXml on the sample file', () => {
  const result = parse(fixture);

  it('converts every supported question into a valid pack', () => {
    expect(result.problems).toEqual([]);
    expect(() => bankPackSchema.parse(result.pack)).not.toThrow();
    expect(validatePack(result.pack).ok).toBe(true);
    expect(result.pack!.items.map((i) => [i.id, i.type])).toEqual([
      ['bn-eval', 'mcq'],
      ['sparse-penalties', 'msq'],
      ['dropout-at-test-time', 'mcq'],
      ['transposed-conv-length', 'numeric'],
      ['receptive-field', 'numeric'],
      ['minibatch-size', 'short'],
      ['name-the-norm', 'short'],
    ]);
  });

  it('maps category pseudo-questions to topics', () => {
    expect(result.pack!.topics).toEqual([
      { id: 'sample.week-11-normalisation', title: 'Normalisation' },
      { id: 'sample.week-11-transposed-convolution', title: 'Transposed convolution' },
    ]);
    expect(item(result, 'dropout-at-test-time').topic).toBe('sample.week-11-normalisation');
    expect(item(result, 'minibatch-size').topic).toBe('sample.week-11-transposed-convolution');
  });

  it('reads single-answer multichoice, its HTML made safe, feedback and tags', () => {
    const mcq = item(result, 'bn-eval');
    expect(mcq).toMatchObject({
      type: 'mcq',
      stem: 'In evaluation mode a batch-norm layer normalises with **which** statistics?\n\n[image: BN diagram]',
      answer: ['a'],
      options: [
        {
          id: 'a',
          text: 'The running mean and variance',
          feedback: 'Right & final: they no longer change.',
        },
        {
          id: 'b',
          text: 'The statistics of the current batch',
          feedback: '*Only* in training mode.',
        },
        { id: 'c', text: 'None: the layer is an identity at test time' },
      ],
      explanation:
        'The running averages gathered in training are frozen; for $x$ at test time $\\hat{x} = (x-\\mu)/\\sqrt{\\sigma^2+\\epsilon}$.',
      source: 'Moodle XML import: sample.xml',
    });
    expect(mcq.tags).toEqual(['imported', 'moodle', 'batch-norm']);
    expect(JSON.stringify(mcq)).not.toMatch(/script|alert|<p>/);
  });

  it('reads multi-answer multichoice as msq keyed by the positive fractions', () => {
    const msq = item(result, 'sparse-penalties');
    expect(msq).toMatchObject({
      answer: ['a', 'b'],
      stem: 'Which penalties can drive weights to **exactly** zero?',
      options: [
        { text: 'L1' },
        { text: 'Elastic net' },
        { text: 'L2', feedback: 'It shrinks, never zeroes.' },
      ],
    });
    expect(msq.tags).toContain('partial-credit');
  });

  it('reads true/false', () => {
    expect(item(result, 'dropout-at-test-time')).toMatchObject({
      answer: ['false'],
      options: [
        { id: 'true', text: 'True', feedback: 'No: every unit is kept at test time.' },
        { id: 'false', text: 'False', feedback: 'Right.' },
      ],
      explanation: 'Imported from Moodle XML; no explanation was provided.',
    });
  });

  it('reads numerical answers with their tolerance and unit, taking the 100% one', () => {
    expect(item(result, 'transposed-conv-length')).toMatchObject({
      answer: { value: 9, tolerance: { abs: 0 } },
      explanation: '(n-1)s + k = 9\n\nYes.',
    });
    expect(item(result, 'receptive-field')).toMatchObject({
      answer: { value: 2.5, tolerance: { abs: 0.25 } },
      answerFormat: 'A number in cm (type the number only)',
    });
  });

  it('reads shortanswers as Moodle does: text answers, letter case ignored without <usecase>', () => {
    expect(item(result, 'minibatch-size')).toMatchObject({
      type: 'short',
      answer: { text: [{ value: '128' }] },
    });
    const norm = item(result, 'name-the-norm');
    expect(norm).toMatchObject({ type: 'short', answer: { text: [{ value: 'layer norm' }] } });
    expect(norm.type === 'short' && norm.answer.caseSensitive).toBeFalsy();
  });

  it('lists the unsupported questions with their element path and type', () => {
    expect(result.unsupported).toEqual([
      { position: 'quiz/question[9]', type: 'essay', title: 'Explain BN modes' },
      { position: 'quiz/question[10]', type: 'matching', title: 'Norm axes' },
      { position: 'quiz/question[11]', type: 'multianswer', title: 'Cloze dropout' },
      { position: 'quiz/question[12]', type: 'calculated', title: 'Calculated lr' },
    ]);
  });
});

describe('parseMoodleXml keeps the order of questions Moodle does not shuffle', () => {
  // Moodle's own test of its XML importer (question/format/xml/tests/xmlformat_test.php,
  // test_import_multichoice_19), trimmed to what DeepDrill reads: it expects shuffleanswers 0.
  // Its right answers are 100% each; Moodle parses that but refuses to save a multiple-answer
  // question whose grades add up to 200%, so here they are 50% each.
  const moodleMultichoice = (shuffle: string | null) => `<quiz>
  <question type="multichoice">
    <name>
      <text>Multiple choice question</text>
    </name>
    <questiontext format="html">
      <text>Which are the even numbers?</text>
    </questiontext>
    <generalfeedback>
      <text>The even numbers are 2 and 4.</text>
    </generalfeedback>
    <defaultgrade>2</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <single>false</single>
    ${shuffle === null ? '' : `<shuffleanswers>${shuffle}</shuffleanswers>`}
    <answernumbering>abc</answernumbering>
    <answer fraction="0"><text>1</text><feedback><text></text></feedback></answer>
    <answer fraction="50"><text>2</text><feedback><text></text></feedback></answer>
    <answer fraction="0"><text>3</text><feedback><text></text></feedback></answer>
    <answer fraction="50"><text>4</text><feedback><text></text></feedback></answer>
  </question>
</quiz>`;
  const pins = (shuffle: string | null) => {
    const result = parse(moodleMultichoice(shuffle));
    expectWellFormed(result);
    const only = result.pack!.items[0];
    if (only.type !== 'msq') throw new Error(`expected msq, got ${only.type}`);
    expect(only.options.map((o) => o.text)).toEqual(['1', '2', '3', '4']);
    return only.options.map((o) => o.pin === true);
  };

  it('pins every option when shuffling is off ("false" or "0", as Moodle writes and reads it)', () => {
    expect(pins('false')).toEqual([true, true, true, true]);
    expect(pins('0')).toEqual([true, true, true, true]);
    expect(pins(' False ')).toEqual([true, true, true, true]);
  });

  it('pins every option when the element is missing or empty (Moodle reads both as off)', () => {
    expect(pins(null)).toEqual([true, true, true, true]);
    expect(pins('')).toEqual([true, true, true, true]);
  });

  it('pins nothing when shuffling is on ("true" or "1")', () => {
    expect(pins('true')).toEqual([false, false, false, false]);
    expect(pins('1')).toEqual([false, false, false, false]);
  });

  it('pins True and False in that order: Moodle true/false questions are never shuffled', () => {
    const tf = item(parse(fixture), 'dropout-at-test-time');
    expect(tf.type === 'mcq' && tf.options.map((o) => [o.id, o.pin])).toEqual([
      ['true', true],
      ['false', true],
    ]);
  });
});

describe('parseMoodleXml reads hints as the hint ladder', () => {
  // Shaped like the hints of Moodle's own export tests (xmlformat_test.php): format, text and the
  // interactive-mode flags, which DeepDrill has no use for.
  const withHints = (
    hints: string,
    type: 'multichoice' | 'truefalse' | 'numerical' = 'multichoice',
    questionFormat = 'html',
  ) => {
    const answers = {
      numerical: '<answer fraction="100"><text>9</text><tolerance>0</tolerance></answer>',
      truefalse:
        '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>',
      multichoice:
        '<answer fraction="100"><text>Running statistics</text></answer><answer fraction="0"><text>Batch statistics</text></answer>',
    }[type];
    return quiz(`<question type="${type}">
    <name><text>bn</text></name>
    <questiontext format="${questionFormat}"><text>Which statistics?</text></questiontext>
    <single>true</single>
    ${answers}
    ${hints}
  </question>`);
  };
  const hintsOf = (xml: string) => {
    const result = parse(xml);
    expectWellFormed(result);
    expect(result.unsupported).toEqual([]);
    const only = result.pack!.items[0];
    return { hints: only.hints, tags: only.tags };
  };

  it('converts each hint like other text, in order, and drops the interactive flags', () => {
    const { hints, tags } = hintsOf(
      withHints(`
    <hint format="html">
      <text><![CDATA[<p>Think of <b>one</b> image at a time.</p>]]></text>
      <shownumcorrect/>
    </hint>
    <hint format="markdown">
      <text>Use $\\hat\\mu$ *frozen* after training.</text>
      <shownumcorrect/>
      <clearwrong/>
      <options>1</options>
    </hint>`),
    );
    expect(hints).toEqual([
      'Think of **one** image at a time.',
      'Use $\\hat\\mu$ *frozen* after training.',
    ]);
    expect(tags).toEqual(['imported', 'moodle']);
  });

  it("reads a hint without format in the question text's format, and Moodle 2.0 <hintcontent>", () => {
    const { hints } = hintsOf(
      withHints(
        `<hint><text>a*b</text></hint>
         <hint><hintcontent format="html"><text>&lt;i&gt;old&lt;/i&gt; style</text></hintcontent>
           <statenumberofcorrectresponses>1</statenumberofcorrectresponses></hint>`,
        'numerical',
        'plain_text',
      ),
    );
    expect(hints).toEqual(['a\\*b', '*old* style']);
  });

  it('leaves out empty hints and gives no ladder when none has text', () => {
    expect(hintsOf(withHints('<hint format="html"><text></text><clearwrong/></hint>')).hints).toBe(
      undefined,
    );
    expect(
      hintsOf(withHints('<hint format="html"><text> </text></hint><hint><text>B</text></hint>'))
        .hints,
    ).toEqual(['B']);
  });

  it('keeps the first three of more hints and tags the item hints-dropped', () => {
    const four = [1, 2, 3, 4].map((k) => `<hint format="html"><text>Hint ${k}.</text></hint>`);
    const { hints, tags } = hintsOf(withHints(four.join('\n'), 'truefalse'));
    expect(hints).toEqual(['Hint 1.', 'Hint 2.', 'Hint 3.']);
    expect(tags).toContain('hints-dropped');
  });
});

describe('parseMoodleXml errors name the element path', () => {
  const mc = (answers: string, single = 'true') =>
    `<question type="multichoice"><name><text>q</text></name><questiontext format="html"><text>Q?</text></questiontext><single>${single}</single>${answers}</question>`;
  const cases: [string, string, RegExp][] = [
    ['not XML', '<quiz><question>', /^line 1, column \d+: <question> \(line 1\) is never closed/],
    [
      'a DOCTYPE',
      '<!DOCTYPE quiz SYSTEM "http://x/evil.dtd"><quiz/>',
      /DOCTYPE declarations are not supported/,
    ],
    ['an entity', '<quiz>&xxe;</quiz>', /unknown entity/],
    [
      'the wrong root',
      '<questions/>',
      /^\(root\): expected a <quiz> root element, found <questions>/,
    ],
    ['no type', quiz('<question/>'), /^quiz\/question\[1\]: missing the type attribute/],
    [
      'a bad fraction',
      quiz(
        mc(
          '<answer fraction="abc"><text>a</text></answer><answer fraction="0"><text>b</text></answer>',
        ),
      ),
      /^quiz\/question\[1\]\/answer\[1\]: fraction "abc"/,
    ],
    [
      'no right answer',
      quiz(
        mc(
          '<answer fraction="0"><text>a</text></answer><answer fraction="0"><text>b</text></answer>',
        ),
      ),
      /^quiz\/question\[1\]: no answer has fraction="100"/,
    ],
    [
      'no right answer (multi)',
      quiz(
        mc(
          '<answer fraction="0"><text>a</text></answer><answer fraction="-50"><text>b</text></answer>',
          'false',
        ),
      ),
      /^quiz\/question\[1\]: no answer has a positive fraction/,
    ],
    [
      'an empty answer',
      quiz(
        '<question type="category"><category><text>x</text></category></question>',
        mc(
          '<answer fraction="100"><text>a</text></answer><answer fraction="0"><text> </text></answer>',
        ),
      ),
      /^quiz\/question\[2\]\/answer\[2\]: the answer has no text/,
    ],
    [
      'a bad number',
      quiz(
        '<question type="numerical"><questiontext><text>N?</text></questiontext><answer fraction="100"><text>1,5</text></answer></question>',
      ),
      /^quiz\/question\[1\]\/answer\[1\]\/text: "1,5" is not a number/,
    ],
    [
      'a bad tolerance',
      quiz(
        '<question type="numerical"><questiontext><text>N?</text></questiontext><answer fraction="100"><text>1</text><tolerance>-1</tolerance></answer></question>',
      ),
      /^quiz\/question\[1\]\/answer\[1\]\/tolerance/,
    ],
    [
      'no question text',
      quiz('<question type="truefalse"><questiontext><text></text></questiontext></question>'),
      /^quiz\/question\[1\]\/questiontext: the question has no text/,
    ],
    [
      'a broken truefalse',
      quiz(
        '<question type="truefalse"><questiontext><text>T?</text></questiontext><answer fraction="100"><text>yes</text></answer></question>',
      ),
      /^quiz\/question\[1\]: a truefalse question needs/,
    ],
    [
      'a bad single',
      quiz(
        mc(
          '<answer fraction="100"><text>a</text></answer><answer><text>b</text></answer>',
          'maybe',
        ),
      ),
      /^quiz\/question\[1\]\/single: expected true or false/,
    ],
    [
      'a bad shuffleanswers',
      quiz(
        mc('<answer fraction="100"><text>a</text></answer><answer><text>b</text></answer>').replace(
          '</single>',
          '</single><shuffleanswers>sometimes</shuffleanswers>',
        ),
      ),
      /^quiz\/question\[1\]\/shuffleanswers: expected true or false, found "sometimes"/,
    ],
    [
      'duplicate options (from validation)',
      quiz(mc('<answer fraction="100"><text>a</text></answer><answer><text>a</text></answer>')),
      /^quiz\/question\[1\]: options\[1\]\.text: same text/,
    ],
  ];
  for (const [name, source, pattern] of cases) {
    it(name, () => {
      const r = parse(source);
      expect(r.pack).toBeNull();
      expect(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n')).toMatch(pattern);
      expectWellFormed(r);
    });
  }

  it('lists several right answers in a single-answer question as unsupported, not as msq', () => {
    const r = parse(
      quiz(
        mc(
          '<answer fraction="100"><text>a</text></answer><answer fraction="100"><text>b</text></answer>',
        ),
        '<question type="truefalse"><questiontext><text>T?</text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>',
      ),
    );
    expect(r.unsupported).toEqual([
      { position: 'quiz/question[1]', type: 'multichoice (several right answers)', title: 'q' },
    ]);
    expect(r.pack!.items).toHaveLength(1);
  });
});

describe('parseMoodleXml fuzzing', () => {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
  console.info(`parseMoodleXml fuzz seed: ${seed} (rerun with FC_SEED=${seed})`);
  const token = fc.constantFrom(
    '<quiz>',
    '</quiz>',
    '<question type="multichoice">',
    '<question type="numerical">',
    '<question type="truefalse">',
    '<question type="essay">',
    '<question type="category">',
    '</question>',
    '<questiontext format="html"><text>',
    '</text></questiontext>',
    '<answer fraction="100">',
    '<answer fraction="0">',
    '</answer>',
    '<text>',
    '</text>',
    '<tolerance>0.1</tolerance>',
    '<single>false</single>',
    '<![CDATA[<p>x</p>]]>',
    '&amp;',
    '&lt;',
    '&#955;',
    '&bad;',
    '<!--c-->',
    '<!DOCTYPE x>',
    '3.5',
    'true',
    'false',
    'abc',
    ' ',
    '\n',
    '<',
    '>',
    '"',
    '/',
  );
  const timed = (text: string): ForeignImport => {
    const start = performance.now();
    const result = parse(text);
    expect(performance.now() - start).toBeLessThan(2000);
    return result;
  };

  it('never throws on random XML-ish token soup, and never returns a partial result', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 200 }), (tokens) =>
        expectWellFormed(timed(tokens.join(''))),
      ),
      { seed, numRuns: 400 },
    );
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) =>
        expectWellFormed(timed(text)),
      ),
      { seed, numRuns: 300 },
    );
  });

  it('never throws on mutations of the sample file', () => {
    const mutation = fc.record({
      at: fc.nat(),
      deleteLength: fc.integer({ min: 0, max: 30 }),
      insert: fc.array(token, { maxLength: 3 }).map((t) => t.join('')),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        let text = fixture;
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          text = text.slice(0, at) + m.insert + text.slice(at + m.deleteLength);
        }
        expectWellFormed(timed(text));
      }),
      { seed, numRuns: 300 },
    );
  });
});
