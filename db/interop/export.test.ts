import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BankItem, BankPack, ChoiceItem } from '../bank/schema';
import { validatePack } from '../bank/validate';
import { escapeGift, packToGift, packToMoodleXml } from './export';
import type { ForeignImport } from './foreign';
import { parseGift, unescapeGift } from './gift';
import { parseMoodleXml } from './moodle-xml';

const base = { difficulty: 3, tags: ['t'], source: 'test' };

const smallPack: BankPack = {
  format: 'deepdrill-bank',
  version: 1,
  id: 'week11',
  title: 'Week 11',
  license: 'CC-BY-4.0',
  topics: [
    { id: 'bn', title: 'Batch norm' },
    { id: 'tc', title: 'Transposed conv' },
  ],
  items: [
    {
      id: 'bn-mode',
      topic: 'bn',
      type: 'mcq',
      stem: 'At test time BN uses: {which}?',
      options: [
        { id: 'run', text: 'Running stats', feedback: 'Yes #1' },
        {
          id: 'batch',
          text: 'Batch stats',
          misconception: { id: 'train-mode', label: 'Train mode' },
        },
      ],
      answer: ['run'],
      explanation: 'Frozen = fixed.',
      ...base,
    },
    {
      id: 'sparse',
      topic: 'bn',
      type: 'msq',
      stem: 'Sparse?',
      options: [
        { id: 'a', text: 'L1' },
        { id: 'b', text: 'L2' },
        { id: 'c', text: 'Elastic' },
      ],
      answer: ['a', 'c'],
      explanation: 'L1 part.',
      ...base,
    },
    {
      id: 'len',
      topic: 'tc',
      type: 'numeric',
      stem: 'Length?',
      answer: { value: 9, tolerance: { abs: 0.5 } },
      explanation: 'n.',
      ...base,
    },
    {
      id: 'rel',
      topic: 'tc',
      type: 'numeric',
      stem: 'Steps?',
      answer: { value: -200, tolerance: { rel: 0.01, abs: 1 } },
      explanation: 'r.',
      ...base,
    },
    {
      id: 'vec',
      topic: 'tc',
      type: 'numeric',
      stem: 'Means?',
      answer: { value: [1, 2], tolerance: { abs: 0.1 } },
      explanation: 'v.',
      ...base,
    },
    {
      id: 'tpl',
      topic: 'tc',
      type: 'template',
      template: 'conv-output-size',
      form: 'mcq',
      ...base,
    },
  ],
};

describe('packToGift', () => {
  it('writes categories, escaped Markdown, = / ~ answers, weights and numeric tolerances', () => {
    const { text, skipped } = packToGift(smallPack, { variants: 0 });
    expect(text).toBe(
      [
        '// DeepDrill bank "week11": Week 11',
        '// Licence: CC-BY-4.0',
        '',
        '$CATEGORY: $course$/top/Batch norm',
        '',
        '::bn-mode::[markdown]At test time BN uses\\: \\{which\\}? {',
        '  =Running stats#Yes \\#1',
        '  ~Batch stats',
        '  ####Frozen \\= fixed.',
        '}',
        '',
        '::sparse::[markdown]Sparse? {',
        '  ~%50%L1',
        '  ~%-50%L2',
        '  ~%50%Elastic',
        '  ####L1 part.',
        '}',
        '',
        '$CATEGORY: $course$/top/Transposed conv',
        '',
        '::len::[markdown]Length? {#9:0.5',
        '  ####n.',
        '}',
        '',
        '::rel::[markdown]Steps? {#-200:2',
        '  ####r.',
        '}',
        '',
      ].join('\n'),
    );
    expect(skipped).toEqual([
      { id: 'vec', reason: expect.stringMatching(/vector of 2 numbers/) },
      { id: 'tpl', reason: expect.stringMatching(/template item/) },
    ]);
  });

  it('escapes so that our reader gives the text back, whatever it holds', () => {
    for (const text of [
      '\\\n  \na',
      'a\\{b',
      'x\\',
      '\\\\',
      '\\nabla and \\n',
      'a\n\nb',
      'a\n  \n// c\nd',
      '{=~#:}',
    ]) {
      expect(unescapeGift(escapeGift(text))).toBe(text);
    }
  });
});

describe('packToMoodleXml', () => {
  it('writes Moodle quiz XML that reads back, skipping what does not map', () => {
    const { text, skipped } = packToMoodleXml(smallPack, { variants: 0 });
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<quiz>/);
    expect(text).toContain('<question type="multichoice">');
    expect(text).toContain('<single>false</single>');
    expect(text).toContain('<answer fraction="-50" format="markdown">');
    expect(text).toContain('<tolerance>2</tolerance>');
    expect(skipped.map((s) => s.id)).toEqual(['vec', 'tpl']);
    const back = parseMoodleXml(text, { bankId: 'week11', title: 'Week 11' });
    expect(back.problems).toEqual([]);
    expect(back.pack!.items.map((i) => i.id)).toEqual(['bn-mode', 'sparse', 'len', 'rel']);
  });
});

describe('hints and parts in the export', () => {
  const [mcq, , numeric] = smallPack.items as [ChoiceItem, BankItem, BankItem];
  const tutored: BankPack = {
    ...smallPack,
    items: [
      { ...mcq, hints: ['Which mode is *inference*?', 'Running averages: $\\hat\\mu$.'] },
      numeric.type === 'numeric'
        ? {
            ...numeric,
            hints: ['Count the inputs.'],
            parts: [
              { id: 'a', prompt: 'Step one.', answer: { value: 1, tolerance: { abs: 0 } } },
              { id: 'b', prompt: 'Step two.', answer: { value: 2, tolerance: { abs: 0 } } },
            ],
          }
        : numeric,
    ],
  };

  it('Moodle XML: one <hint> per rung, in order, as Markdown; reads back the same', () => {
    const { text } = packToMoodleXml(tutored);
    expect(text).toContain(
      '    <hint format="markdown"><text><![CDATA[Which mode is *inference*?]]></text></hint>\n' +
        // Moodle's Markdown reads `\\(` as `\(`, which its MathJax filter typesets.
        '    <hint format="markdown"><text><![CDATA[Running averages: \\\\(\\\\hat\\\\mu\\\\).]]></text></hint>\n' +
        '    <tags>',
    );
    expect(text).not.toMatch(/Step one|Step two/);
    const back = parseMoodleXml(text, { bankId: 'p', title: 'p' }).pack!;
    expect(back.items.map((i) => i.hints)).toEqual([
      ['Which mode is *inference*?', 'Running averages: $\\hat\\mu$.'],
      ['Count the inputs.'],
    ]);
    expect(back.items.some((i) => 'parts' in i)).toBe(false);
  });

  it('GIFT: has no hints or parts, so neither is written', () => {
    const untutored: BankPack = { ...smallPack, items: [mcq, numeric] };
    const { text, skipped } = packToGift(tutored);
    expect(text).toBe(packToGift(untutored).text);
    expect(skipped).toEqual([]);
  });

  it('writes nothing new for items without hints', () => {
    expect(packToMoodleXml(smallPack, { variants: 0 }).text).not.toContain('<hint');
  });
});

describe('shuffling in the export', () => {
  const withPins = (pins: readonly boolean[]): BankPack => {
    const mcq = smallPack.items[0] as ChoiceItem;
    return {
      ...smallPack,
      items: [
        {
          ...mcq,
          options: mcq.options.map((o, k) => (pins[k] ? { ...o, pin: true } : o)),
        },
      ],
    };
  };
  const shuffleElement = (pack: BankPack) =>
    /<shuffleanswers>(.*)<\/shuffleanswers>/.exec(packToMoodleXml(pack).text)?.[1];

  it('Moodle XML: shuffleanswers false when any option is pinned (a pinned last option stays last)', () => {
    expect(shuffleElement(withPins([true, true]))).toBe('false');
    expect(shuffleElement(withPins([false, true]))).toBe('false');
    expect(shuffleElement(withPins([false, false]))).toBe('true');
  });

  it('Moodle XML: an item shown in a fixed order reads back with every option pinned', () => {
    const back = parseMoodleXml(packToMoodleXml(withPins([true, true])).text, {
      bankId: 'p',
      title: 'p',
    });
    const only = back.pack!.items[0];
    expect(only.type === 'mcq' && only.options.map((o) => [o.id, o.pin])).toEqual([
      ['a', true],
      ['b', true],
    ]);
  });

  it('GIFT: writes no shuffle setting, so pins are not carried', () => {
    const gift = packToGift(withPins([true, true])).text;
    const back = parseGift(gift, { bankId: 'p', title: 'p' }).pack!.items[0];
    expect(back.type === 'mcq' && back.options.some((o) => o.pin === true)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips: pack → GIFT / Moodle XML → reader → the same keys, tolerances, feedback, topics.

const textChar = fc.constantFrom(
  ...'abcxyzABC0123 .,?!:#={}~\\%[]()$*_<>/&"\'é\n'.split(''),
  'n',
  '\\n',
  '\n\n',
  '\n  \n',
  '\n//',
  '[html]',
  '####',
  '->',
  '%50%',
  ']]>',
  '$x_1$',
  '\\frac{a}{b}',
);
const text = fc
  .array(textChar, { minLength: 1, maxLength: 30 })
  .map((chars) => chars.join('').trim())
  // Not `\(` or `\[` (math delimiters), nor `![…](` (a pack refuses an image that is not embedded).
  .filter((t) => t !== '' && !/\\[([]/.test(t) && !/!\[[^\]]*\]\(/.test(t));
const topicTitle = fc
  .array(fc.constantFrom(...'abcdefghij0123 '.split('')), { minLength: 1, maxLength: 12 })
  .map((c) => c.join('').trim().replace(/\s+/g, ' '))
  .filter((t) => /[a-z0-9]/.test(t));

const hints = fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: undefined });

const choiceItem = (type: 'mcq' | 'msq') =>
  fc
    .record({
      stem: text,
      explanation: text,
      options: fc.uniqueArray(fc.record({ text, feedback: fc.option(text, { nil: undefined }) }), {
        minLength: 2,
        maxLength: 6,
        selector: (o) => o.text,
      }),
      picks: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      first: fc.nat(),
      pinning: fc.constantFrom('none', 'all', 'some'),
      pinPicks: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      hints,
    })
    .map(({ stem, explanation, options, picks, first, pinning, pinPicks, hints }) => {
      const ids = options.map((_, k) => `o${k}`);
      let answer = type === 'mcq' ? [ids[first % ids.length]] : ids.filter((_, k) => picks[k]);
      if (answer.length === 0) answer = [ids[first % ids.length]];
      return {
        type,
        stem,
        explanation,
        options: options.map((o, k) => ({
          id: ids[k],
          text: o.text,
          ...(o.feedback !== undefined ? { feedback: o.feedback } : {}),
          ...(pinning === 'all' || (pinning === 'some' && pinPicks[k]) ? { pin: true } : {}),
        })),
        answer,
        ...(hints !== undefined ? { hints } : {}),
      };
    });

const numericItem = fc
  .record({
    stem: text,
    explanation: text,
    value: fc.oneof(
      fc.integer({ min: -100_000, max: 100_000 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    ),
    abs: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
    rel: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    hints,
  })
  .map(({ stem, explanation, value, abs, rel, hints }) => ({
    type: 'numeric' as const,
    stem,
    explanation,
    answer: {
      value: value === 0 ? 0 : value,
      tolerance: abs === undefined && rel === undefined ? { abs: 0 } : { abs, rel },
    },
    ...(hints !== undefined ? { hints } : {}),
  }));

const packArbitrary = fc
  .record({
    titles: fc.uniqueArray(topicTitle, {
      minLength: 1,
      maxLength: 3,
      selector: (t) => t.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    }),
    items: fc.array(
      fc.record({
        body: fc.oneof(choiceItem('mcq'), choiceItem('msq'), numericItem),
        topic: fc.nat(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ titles, items }): BankPack => {
    const topics = titles.map((title, k) => ({ id: `t${k}`, title }));
    return {
      format: 'deepdrill-bank',
      version: 1,
      id: 'roundtrip',
      title: 'Round trip',
      license: 'CC0',
      topics,
      items: items.map(
        ({ body, topic }, k) =>
          ({
            id: `item-${k}`,
            topic: topics[topic % topics.length].id,
            ...body,
            ...base,
            ...(body.type === 'numeric'
              ? {
                  answer: {
                    value: body.answer.value,
                    tolerance: Object.fromEntries(
                      Object.entries(body.answer.tolerance).filter(([, v]) => v !== undefined),
                    ),
                  },
                }
              : {}),
          }) as BankItem,
      ),
    };
  });

/**
 * What a reader gives back beyond keys and text: Moodle XML keeps an all-pinned item's order
 * (shuffleanswers false), nothing finer, and the hints; GIFT keeps neither.
 */
type PinsBack = 'moodle' | 'gift';

function expectSameQuestions(original: BankPack, result: ForeignImport, pinsBack: PinsBack): void {
  expect(result.problems).toEqual([]);
  expect(result.unsupported).toEqual([]);
  const back = result.pack!;
  expect(validatePack(back).ok).toBe(true);
  const topicTitle = (pack: { topics: readonly { id: string; title: string }[] }, id: string) =>
    pack.topics.find((t) => t.id === id)?.title;
  expect(back.items).toHaveLength(original.items.length);
  for (const item of original.items) {
    const copy = back.items.find((i) => i.id === item.id);
    expect(copy, item.id).toBeDefined();
    expect(topicTitle(back, copy!.topic)).toBe(topicTitle(original, item.topic));
    expect(copy!.type).toBe(item.type);
    if (item.type === 'template' || copy!.type === 'template')
      throw new Error('unexpected template');
    expect(copy!.stem).toBe(item.stem);
    expect(copy!.explanation).toBe(item.explanation);
    // Moodle XML carries the hint ladder; GIFT has no hints.
    expect(copy!.hints).toEqual(pinsBack === 'moodle' ? item.hints : undefined);
    if (item.type === 'numeric' && copy!.type === 'numeric') {
      const value = item.answer.value as number;
      expect(copy!.answer.value).toBe(value);
      const { abs, rel } = item.answer.tolerance;
      expect(copy!.answer.tolerance).toEqual({
        abs: Math.max(abs ?? 0, rel === undefined ? 0 : rel * Math.abs(value)),
      });
    } else if ((item.type === 'mcq' || item.type === 'msq') && copy!.type === item.type) {
      expect(copy!.options.map((o) => [o.text, o.feedback])).toEqual(
        item.options.map((o) => [o.text, o.feedback]),
      );
      const indices = (ids: readonly string[], options: readonly { id: string }[]) =>
        ids.map((id) => options.findIndex((o) => o.id === id)).sort((a, b) => a - b);
      expect(indices(copy!.answer, copy!.options)).toEqual(indices(item.answer, item.options));
      const fixed = pinsBack === 'moodle' && item.options.some((o) => o.pin === true);
      expect(copy!.options.map((o) => o.pin === true)).toEqual(item.options.map(() => fixed));
    }
  }
}

describe('round trips', () => {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
  console.info(`export round-trip seed: ${seed} (rerun with FC_SEED=${seed})`);

  it('the generated packs are valid', () => {
    fc.assert(
      fc.property(packArbitrary, (pack) => {
        expect(validatePack(pack).ok).toBe(true);
      }),
      { seed, numRuns: 100 },
    );
  });

  it('pack → GIFT → parseGift keeps keys, tolerances, feedback and topics (not hints)', () => {
    fc.assert(
      fc.property(packArbitrary, (pack) => {
        const { text: gift, skipped } = packToGift(pack);
        expect(skipped).toEqual([]);
        expectSameQuestions(pack, parseGift(gift, { bankId: pack.id, title: pack.title }), 'gift');
      }),
      { seed, numRuns: 300 },
    );
  });

  it('pack → Moodle XML → parseMoodleXml keeps keys, tolerances, feedback, hints and topics', () => {
    fc.assert(
      fc.property(packArbitrary, (pack) => {
        const { text: xml, skipped } = packToMoodleXml(pack);
        expect(skipped).toEqual([]);
        expectSameQuestions(
          pack,
          parseMoodleXml(xml, { bankId: pack.id, title: pack.title }),
          'moodle',
        );
      }),
      { seed, numRuns: 300 },
    );
  });

  it('keeps topic titles with slashes (written as // in category paths)', () => {
    const pack: BankPack = {
      ...smallPack,
      topics: [{ id: 'x', title: 'Norms / BN vs LN' }],
      items: [{ ...(smallPack.items[0] as BankItem), topic: 'x' }],
    };
    for (const result of [
      parseGift(packToGift(pack).text, { bankId: 'p', title: 'p' }),
      parseMoodleXml(packToMoodleXml(pack).text, { bankId: 'p', title: 'p' }),
    ]) {
      expect(result.pack!.topics.map((t) => t.title)).toEqual(['Norms / BN vs LN']);
    }
  });
});
