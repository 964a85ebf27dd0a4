import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankPackSchema, type BankItemInput } from '../bank/schema';
import { MAX_PACK_ITEMS, validatePack } from '../bank/validate';
import { MAX_LISTED_UNSUPPORTED, type ForeignImport } from './foreign';
import { looksLikeGift, parseGift, unescapeGift } from './gift';

const fixturePath = join(__dirname, '../../tests/fixtures/interop/sample.gift');
const fixture = readFileSync(fixturePath, 'utf8');
const options = { bankId: 'sample', title: 'Sample GIFT', fileName: 'sample.gift' };

/** 1-based line of the first line containing `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in the text`);
  return index + 1;
}

function item(result: ForeignImport, id: string): BankItemInput {
  const found = result.pack?.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no item ${id} in ${JSON.stringify(result)}`);
  return found;
}

const parse = (text: string) => parseGift(text, options);

/** The contract every result keeps, whatever the input. */
function expectWellFormed(result: ForeignImport, text: string): void {
  expect(result.pack === null).toBe(result.problems.length > 0);
  if (result.pack !== null) {
    const validation = validatePack(result.pack);
    expect(validation.ok, JSON.stringify(validation)).toBe(true);
  }
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of [
    ...result.problems.map((p) => p.path),
    ...result.unsupported.map((u) => u.position),
  ]) {
    const line = /^line (\d+)$/.exec(p);
    if (line !== null) expect(Number(line[1])).toBeLessThanOrEqual(lines);
    else expect(p).toMatch(/^\(file\)|^\(root\)|^[a-z]/);
  }
  for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
}

describe('parseGift on the sample file', () => {
  const result = parse(fixture);

  it('converts every supported question into a valid pack', () => {
    expect(result.problems).toEqual([]);
    expect(result.pack).not.toBeNull();
    expect(() => bankPackSchema.parse(result.pack)).not.toThrow();
    expect(validatePack(result.pack).ok).toBe(true);
    expect(result.pack!.items.map((i) => i.id)).toEqual([
      'bn-test-time',
      'reg-sparse',
      'dropout-train',
      'dice-range',
      'tconv-len',
      'guess-range',
      'bn-eps',
      'minibatch',
      'html-stem',
      'latex-delims',
      'missing-word',
      'short-text',
    ]);
  });

  it('maps categories to topics titled by the last path segment', () => {
    expect(result.pack!.topics).toEqual([
      { id: 'sample.week-11-normalisation', title: 'Normalisation' },
      { id: 'sample.week-11-transposed-convolution', title: 'Transposed convolution' },
    ]);
    expect(item(result, 'reg-sparse').topic).toBe('sample.week-11-normalisation');
    expect(item(result, 'tconv-len').topic).toBe('sample.week-11-transposed-convolution');
  });

  it('reads single-answer multiple choice with per-answer and general feedback', () => {
    expect(item(result, 'bn-test-time')).toMatchObject({
      type: 'mcq',
      stem: 'At inference time, which statistics does a batch-norm layer use to normalise $x$?',
      answer: ['a'],
      options: [
        {
          id: 'a',
          text: 'The running mean and variance collected during training',
          feedback: 'Right: they are fixed once training ends.',
        },
        { id: 'b', feedback: 'That is what training mode does.' },
        { id: 'c' },
      ],
      explanation:
        'Batch norm keeps exponential moving averages of $\\mu$ and $\\sigma^2$ for use at test time.',
      difficulty: 3,
      source: 'GIFT import: sample.gift',
    });
    expect(item(result, 'bn-test-time').tags).toContain('imported');
  });

  it('reads weighted multiple answers as msq keyed by the positive weights', () => {
    const msq = item(result, 'reg-sparse');
    expect(msq).toMatchObject({ type: 'msq', answer: ['a', 'b'] });
    expect(msq.tags).toContain('partial-credit');
    expect(msq.type === 'msq' && msq.explanation).toBe(
      'Imported from GIFT; no explanation was provided.',
    );
  });

  it('reads true/false with the wrong-answer and right-answer feedback on the right options', () => {
    expect(item(result, 'dropout-train')).toMatchObject({
      type: 'mcq',
      answer: ['true'],
      options: [
        { id: 'true', text: 'True', feedback: 'Correct, at test time every unit is kept.' },
        { id: 'false', text: 'False', feedback: 'Look again at inference mode.' },
      ],
    });
    expect(item(result, 'dice-range')).toMatchObject({
      answer: ['false'],
      explanation: 'It is bounded by 0 and 1.',
    });
  });

  it('leaves choice options unpinned (GIFT has no shuffle setting) but pins True, False', () => {
    const pins = (id: string) => {
      const found = item(result, id);
      return found.type === 'mcq' || found.type === 'msq'
        ? found.options.map((o) => o.pin === true)
        : null;
    };
    expect(pins('bn-test-time')).toEqual([false, false, false]);
    expect(pins('reg-sparse')?.every((pin) => !pin)).toBe(true);
    expect(pins('dropout-train')).toEqual([true, true]);
  });

  it('reads numerical answers: value:tolerance, min..max, the 100% of several', () => {
    expect(item(result, 'tconv-len')).toMatchObject({
      type: 'numeric',
      answer: { value: 9, tolerance: { abs: 0 } },
      explanation: '$(n-1)s + k = 3 \\cdot 2 + 3 = 9$.',
    });
    expect(item(result, 'guess-range')).toMatchObject({
      answer: { value: 3, tolerance: { abs: 2 } },
    });
    expect(item(result, 'bn-eps')).toMatchObject({
      answer: { value: 1, tolerance: { abs: 0.5 } },
      explanation: 'Yes, $10^{-5}$ is the usual default.',
    });
  });

  it('reads short answers as Moodle does: the texts in order, letter case ignored', () => {
    // Moodle's GIFT import makes {=128 =128.0#…} a shortanswer with two 100% answers (compared
    // as text: 128.00 would be wrong), the feedback on the answer it follows.
    expect(item(result, 'minibatch')).toMatchObject({
      type: 'short',
      answer: { text: [{ value: '128' }, { value: '128.0', feedback: 'Eight times sixteen.' }] },
    });
    expect(item(result, 'short-text')).toMatchObject({
      type: 'short',
      answer: { text: [{ value: 'layer norm' }, { value: 'LayerNorm' }] },
    });
    const short = item(result, 'short-text');
    expect(short.type === 'short' && short.answer.caseSensitive).toBeFalsy();
  });

  it('turns HTML into Markdown and LaTeX delimiters into dollars', () => {
    const html = item(result, 'html-stem');
    expect(html.type === 'mcq' && html.stem).toBe(
      'Which activation keeps a **small slope** for x<0?\\\nChoose one.',
    );
    expect(html.type === 'mcq' && html.options[2].text).toBe('Sigmoid {saturating}');
    const latex = item(result, 'latex-delims');
    expect(latex.type === 'numeric' && latex.stem).toBe(
      'What is $\\frac{\\partial}{\\partial x} x^2$ at $x = 3$?',
    );
  });

  it('lists every unsupported question with its line and type', () => {
    expect(result.unsupported).toEqual([
      { position: `line ${lineOf(fixture, '::essay-q::')}`, type: 'essay', title: 'essay-q' },
      {
        position: `line ${lineOf(fixture, '::matching-q::')}`,
        type: 'matching',
        title: 'matching-q',
      },
      { position: `line ${lineOf(fixture, '::intro::')}`, type: 'description', title: 'intro' },
    ]);
  });

  it('reads the same file with CRLF line endings and a byte-order mark', () => {
    const crlf = parse(`\uFEFF${fixture.replace(/\n/g, '\r\n')}`);
    expect(crlf).toEqual(result);
  });
});

describe('parseGift details', () => {
  it('resolves the escapes as Moodle does: \\n is a line break, \\\\ a backslash', () => {
    expect(unescapeGift('a\\:b\\#c\\=d\\~e\\{f\\}g\\\\h')).toBe('a:b#c=d~e{f}g\\h');
    expect(unescapeGift('one\\n two')).toBe('one\n two');
    // Moodle's export writes each line break as \n, letters may follow; LaTeX comes as \\.
    expect(unescapeGift('Line one\\nSecond line')).toBe('Line one\nSecond line');
    expect(unescapeGift('$\\\\nabla f$ and $\\frac{a}{b}$')).toBe('$\\nabla f$ and $\\frac{a}{b}$');
    const r = parse('::esc::Is 2\\=2 \\{really\\}? {=yes \\# sure ~no \\~ never}');
    expect(item(r, 'esc')).toMatchObject({
      stem: 'Is 2=2 {really}?',
      options: [{ text: 'yes # sure' }, { text: 'no ~ never' }],
    });
  });

  it('ignores comment lines, inside questions too', () => {
    const r = parse('// a comment\n::c::Pick one {\n// not an answer\n=right\n~wrong\n}');
    expect(item(r, 'c')).toMatchObject({ options: [{ text: 'right' }, { text: 'wrong' }] });
  });

  it('gives untitled questions ids q<N> and makes duplicate titles unique', () => {
    const r = parse('Q one {T}\n\n::Same::A {F}\n\n::Same::B {T}');
    expect(r.pack!.items.map((i) => i.id)).toEqual(['q1', 'Same', 'Same-2']);
  });

  it('puts questions before any $CATEGORY in a general topic', () => {
    const r = parse('::x::Q {T}');
    expect(r.pack!.topics).toEqual([{ id: 'sample.general', title: 'General' }]);
  });

  it('keeps plain text literal and never passes HTML through', () => {
    const plain = parse('::p::[plain]Use *args and <b>tags</b> {T}');
    expect(item(plain, 'p')).toMatchObject({ stem: 'Use \\*args and \\<b>tags\\</b>' });
    const html = parse(
      '::h::[html]<script>alert(1)</script><p>Look: <img src="x.png" onerror="alert(1)" alt="plot"> x<sup>2</sup>, a<sub>i</sub></p> {T}',
    );
    expect(item(html, 'h')).toMatchObject({ stem: 'Look: [image: plot] x$^{2}$, a$_{i}$' });
    const display = parse('::d::[markdown]Compute \\[ \\sum_i x_i \\] {#1}');
    expect(item(display, 'd')).toMatchObject({ stem: 'Compute $$\\sum_i x_i$$' });
  });

  it('keeps a single-answer question whose wrong options carry partial credit, tagged', () => {
    const r = parse('::p::Pick {=right ~%50%half ~wrong}');
    expect(item(r, 'p')).toMatchObject({ type: 'mcq', answer: ['a'] });
    expect(item(r, 'p').tags).toContain('partial-credit-dropped');
    // Moodle gives "half" 50%, DeepDrill 0: the import report says so, not only the tag.
    expect(r.dropped).toEqual([
      {
        position: expect.any(String),
        title: 'p',
        what: 'partial credit for a wrong option (a single-answer question here scores right or wrong)',
      },
    ]);
    expect(parse('::q::Pick {=right ~wrong}').dropped).toBeUndefined();
  });

  it('lists as unsupported what would change meaning: several = answers, several numbers', () => {
    const r = parse(
      '::a::Pick {=one =two ~three}\n\n::b::N {#=1:0 =2:0}\n\n::c::S {=4 =5}\n\n::d::S {=4 =4.0}',
    );
    expect(r.unsupported.map((u) => [u.position, u.type])).toEqual([
      ['line 1', 'multiple choice (several right answers with =)'],
      ['line 3', 'numerical (several right answers)'],
    ]);
    // Short answers with several right texts are what Moodle makes of them.
    expect(item(r, 'c')).toMatchObject({
      type: 'short',
      answer: { text: [{ value: '4' }, { value: '5' }] },
    });
    expect(item(r, 'd')).toMatchObject({ type: 'short' });
  });

  it('reads missing-word questions with a blank where the answers were, lists several blanks', () => {
    const r = parse(
      '::mw::{=A ~B} is the first letter.\n\nDropout {=on ~off} here and {=a ~b} there.\n\n::ok::Fine {T}',
    );
    expect(item(r, 'mw')).toMatchObject({ stem: '\\_\\_\\_\\_\\_ is the first letter.' });
    expect(r.unsupported.map((u) => u.type)).toEqual(['cloze (several blanks)']);
  });

  it('refuses a file where nothing converts, listing what was left out', () => {
    const r = parse('::e::Essay {}\n\n::m::Match {=a -> b =c -> d}');
    expect(r.pack).toBeNull();
    expect(r.problems[0].path).toBe('(file)');
    expect(r.unsupported).toHaveLength(2);
    expect(parse('').problems[0]).toMatchObject({ path: '(file)' });
  });
});

describe('parseGift errors name the line', () => {
  const cases: [string, string, RegExp][] = [
    ['unclosed answers', '::a::Ok {T}\n\n::b::Q {\n=a\n~b', /line 3: .*never closed/],
    ['closing brace first', '::a::Q } {T}', /line 1: .*without an opening/],
    ['brace inside answers', '::a::Q {=a {x} ~b}', /line 1: .*inside the answers/],
    ['no right answer', '::a::Q {\n~a\n~b\n}', /line 1: no right answer/],
    ['bad number', '\n\n\n::n::Q {#\n=12:1\n=abc:1\n}', /line 6: "abc" is not a number/],
    ['range upside down', '::n::Q {#5..1}', /line 1: the range 5\.\.1 has its minimum above/],
    ['negative tolerance', '::n::Q {#5:-1}', /line 1: tolerance "-1"/],
    ['weight out of range', '::w::Q {~%150%a ~b}', /line 1: weight 150%/],
    ['unclosed title', '::t Q {T}', /line 1: the title/],
    ['empty answer', '::e::Q {=a ~ #why}', /line 1: an answer has no text/],
    ['no text', '::e:: {T}', /line 1: the question has no text/],
    [
      'duplicate options (from validation)',
      '\n::d::Q {=same ~same}',
      /line 2: options\[1\]\.text: same text/,
    ],
  ];
  for (const [name, text, pattern] of cases) {
    it(name, () => {
      const r = parse(text);
      expect(r.pack).toBeNull();
      expect(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n')).toMatch(pattern);
      expectWellFormed(r, text);
    });
  }

  it('reports an invalid bank id at "id"', () => {
    const r = parseGift('::a::Q {T}', { bankId: 'not valid!', title: 'x' });
    expect(r.pack).toBeNull();
    expect(r.problems.some((p) => p.path === 'id')).toBe(true);
  });
});

describe('looksLikeGift', () => {
  it('recognises GIFT and not plain prose', () => {
    expect(looksLikeGift(fixture)).toBe(true);
    expect(looksLikeGift('What is 2+2? {=4}')).toBe(true);
    expect(looksLikeGift('Just some notes.\nNothing here {really}.')).toBe(false);
  });
});

describe('parseGift fuzzing', () => {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
  console.info(`parseGift fuzz seed: ${seed} (rerun with FC_SEED=${seed})`);
  const giftChar = fc.constantFrom(
    ...'=~#{}:\\%.-0123456789 \n\n\tTFabcxyz$[]()<>/@'.split(''),
    '::',
    '{#',
    '->',
    '####',
    '//',
    '\\n',
    '$CATEGORY: a/b\n',
    '[html]',
    '<b>',
    '%50%',
    '1..5',
  );
  const timed = (text: string): ForeignImport => {
    const start = performance.now();
    const result = parse(text);
    expect(performance.now() - start).toBeLessThan(2000);
    return result;
  };

  it('never throws on random GIFT-like text, and never returns a partial result', () => {
    fc.assert(
      fc.property(fc.array(giftChar, { maxLength: 300 }), (chars) => {
        const text = chars.join('');
        expectWellFormed(timed(text), text);
      }),
      { seed, numRuns: 400 },
    );
  });

  it('never throws on any string at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        expectWellFormed(timed(text), text);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('never throws on mutations of the sample file', () => {
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('delete' as const),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 40 }),
      }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.array(giftChar, { minLength: 1, maxLength: 8 }).map((c) => c.join('')),
      }),
      fc.record({
        kind: fc.constant('duplicate' as const),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 200 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        let text = fixture;
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
          else if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
          else text = text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
        }
        expectWellFormed(timed(text), text);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('stays fast on large hostile inputs', () => {
    const hostile = [
      '{'.repeat(500_000),
      '\\'.repeat(500_000),
      '::'.repeat(250_000),
      `::t::Q {${'~a'.repeat(200_000)}}`,
      `::t::Q {#${'='.repeat(200_000)}}`,
      `::t::[html]${'<a '.repeat(200_000)} {T}`,
      `::t::${'$'.repeat(300_000)} {T}`,
      `::t::${'\\('.repeat(300_000)} {T}`,
      `${'::t::Q {T}\n\n'.repeat(10_000)}`,
    ];
    for (const text of hostile) {
      const start = performance.now();
      const result = parse(text);
      expect(performance.now() - start, text.slice(0, 20)).toBeLessThan(4000);
      expectWellFormed(result, text);
    }
  });
});

describe('parseGift on huge files', () => {
  it('lists the first unsupported questions and counts all of them', () => {
    // 1 000 essay questions (`x{}`) and one true/false question.
    const text = `${'x{}\n\n'.repeat(1000)}::tf:: The sky is blue. {T}\n`;
    const result = parse(text);
    expect(result.unsupported).toHaveLength(MAX_LISTED_UNSUPPORTED);
    expect(result.unsupportedCount).toBe(1000);
    expect(result.unsupported[0]).toEqual({ position: 'line 1', type: 'essay', title: 'x' });
    // Each question is 2 lines: the 200th listed is on line 399.
    expect(result.unsupported.at(-1)?.position).toBe('line 399');
    expect(result.pack?.items.map((i) => i.id)).toEqual(['tf']);
  });

  it('stops reading at the first question over the limit and says to split the file', () => {
    const text = 'Q{T}\n\n'.repeat(MAX_PACK_ITEMS + 5);
    const result = parse(text);
    expect(result.pack).toBeNull();
    expect(result.problems).toEqual([
      {
        // Question N + 1 starts on line 2N + 1.
        path: `line ${2 * MAX_PACK_ITEMS + 1}`,
        message: `the file has more than ${MAX_PACK_ITEMS} questions; split it into smaller files`,
      },
    ]);
  });
});
