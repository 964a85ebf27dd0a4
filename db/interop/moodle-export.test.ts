/**
 * Export as a default Moodle reads it. The oracle is a transcription of Moodle's own GIFT reader
 * (moodle/moodle question/format.php `qformat_default::readquestions` and
 * question/format/gift/format.php `readquestion`, `escapedchar_pre/post`,
 * `parse_text_with_format`, `answerweightparser`), of what PHP Markdown Extra does to a
 * Markdown text's backslash escapes before Moodle's MathJax filter looks for `\(…\)`, and of the
 * grades Moodle's importer accepts. Then the built-in bank goes out to GIFT and Moodle XML and
 * comes back through our readers with its keys, feedback, tolerances, topics and order rules.
 */
import { describe, expect, it } from 'vitest';
import { builtinPack } from '../builtin';
import { generateVariant } from '../../core/templates/registry';
import type { BankPack, ChoiceItem, TemplateItem } from '../bank/schema';
import { validatePack } from '../bank/validate';
import { msqWeights, packToGift, packToMoodleXml } from './export';
import { isMoodleGrade, multiAnswerSumProblem } from './foreign';
import { parseGift } from './gift';
import { parseMoodleXml } from './moodle-xml';
import { fromMoodleMarkdown, toMoodleMarkdown } from './moodle-markdown';
import { templateVariants } from './template-variants';

// ---------------------------------------------------------------------------------------------
// Moodle's GIFT reader, transcribed (only what our export writes: multichoice and numerical).

interface MoodleQuestion {
  readonly name: string;
  readonly category?: string;
  readonly questiontext: string;
  readonly format: string;
  readonly generalfeedback: string;
  readonly qtype: 'category' | 'multichoice' | 'numerical' | 'other';
  readonly answers: readonly { text: string; fraction: number; feedback: string }[];
  readonly tolerance?: number;
}

/** `qformat_default::readquestions`: lines trimmed, a question ends where `empty($line)`. */
function moodleGiftBlocks(file: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const raw of file.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    // PHP's empty() is true for '' and for '0'.
    if (line === '' || line === '0') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

const PLACEHOLDERS: [string, string, string][] = [
  ['\\:', '&&058;', ':'],
  ['\\#', '&&035;', '#'],
  ['\\=', '&&061;', '='],
  ['\\{', '&&123;', '{'],
  ['\\}', '&&125;', '}'],
  ['\\~', '&&126;', '~'],
  ['\\n', '&&010', '\n'],
];
function escapedcharPre(s: string): string {
  let out = s.replaceAll('\\\\', '&&092;');
  for (const [escaped, placeholder] of PLACEHOLDERS) out = out.replaceAll(escaped, placeholder);
  return out.replaceAll('&&092;', '\\');
}
function escapedcharPost(s: string): string {
  let out = s;
  for (const [, placeholder, c] of PLACEHOLDERS) out = out.replaceAll(placeholder, c);
  return out;
}
function parseTextWithFormat(text: string, defaultFormat = 'moodle') {
  let format = defaultFormat;
  let body = text;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    const name = text.slice(1, end);
    if (['moodle', 'html', 'plain', 'markdown'].includes(name)) {
      format = name;
      body = text.slice(end + 1);
    }
  }
  return { text: escapedcharPost(body).trim(), format };
}

function moodleReadQuestion(lines: string[]): MoodleQuestion {
  let text = escapedcharPre(
    lines
      .map((l) => (l.trim().startsWith('//') ? ' ' : l))
      .join('\n')
      .trim(),
  );
  const empty = { questiontext: '', format: '', generalfeedback: '', answers: [] };
  if (text.startsWith('$CATEGORY:'))
    return { ...empty, name: '', qtype: 'category', category: text.slice(10).trim() };
  let name = '';
  if (text.startsWith('::')) {
    text = text.slice(2);
    const end = text.indexOf('::');
    name = escapedcharPost(text.slice(0, end));
    text = text.slice(end + 2).trim();
  }
  const start = text.indexOf('{');
  const finish = text.indexOf('}');
  let answertext = text.slice(start + 1, finish).trim();
  const questiontext = text.endsWith('}')
    ? text.slice(0, start) + text.slice(finish + 1)
    : `${text.slice(0, start)}_____${text.slice(finish + 1)}`;
  const gf = answertext.lastIndexOf('####');
  let generalfeedback = '';
  if (gf >= 0) {
    generalfeedback = answertext.slice(gf + 4);
    answertext = answertext.slice(0, gf).trim();
  }
  const q = parseTextWithFormat(questiontext);
  const base = {
    name,
    questiontext: q.text,
    format: q.format,
    generalfeedback: parseTextWithFormat(generalfeedback, q.format).text,
  };
  const weightRe = /^%-*([0-9]{1,2})\.?([0-9]*)%/;
  const weightOf = (answer: string): [number, string] => {
    const body = answer.slice(1);
    const end = body.indexOf('%');
    return [Number(body.slice(0, end)) / 100, body.slice(end + 1)];
  };
  const comment = (answer: string) => {
    const hash = answer.indexOf('#');
    const [a, f] = hash < 0 ? [answer, ''] : [answer.slice(0, hash), answer.slice(hash + 1)];
    return [
      parseTextWithFormat(a.trim(), q.format).text,
      parseTextWithFormat(f.trim(), q.format).text,
    ];
  };
  if (answertext.startsWith('#')) {
    const [answer] = answertext
      .slice(1)
      .split('=')
      .filter((a, k) => k > 0 || a.trim() !== '');
    const colon = answer.indexOf(':');
    return {
      ...base,
      qtype: 'numerical',
      answers: [{ text: answer.slice(0, colon).trim(), fraction: 1, feedback: '' }],
      tolerance: Number(answer.slice(colon + 1).trim()),
    };
  }
  if (!answertext.includes('~')) return { ...base, qtype: 'other', answers: [] };
  const parts = answertext.replaceAll('=', '~=').split('~');
  if (parts[0].trim() === '') parts.shift();
  return {
    ...base,
    qtype: 'multichoice',
    answers: parts.map((raw) => {
      let answer = raw.trim();
      let fraction = 0;
      if (answer.startsWith('=')) {
        fraction = 1;
        answer = answer.slice(1);
      } else if (weightRe.test(answer)) [fraction, answer] = weightOf(answer);
      const [text, feedback] = comment(answer);
      return { text, fraction, feedback };
    }),
  };
}

const moodleReadGift = (file: string) => moodleGiftBlocks(file).map(moodleReadQuestion);

/**
 * What PHP Markdown Extra shows for a backslash escape (`\c` → `c` for its escapable characters)
 * and the entities `&amp;` / `&lt;`, on text without other Markdown: the text MathJax reads.
 */
const markdownShown = (markdown: string) =>
  markdown
    .replace(/\\([\\`*_{}[\]()>#+\-.!:|])/g, '$1')
    .replaceAll('&lt;', '<')
    .replaceAll('&amp;', '&');

// ---------------------------------------------------------------------------------------------

const builtin: BankPack = (() => {
  const checked = validatePack(builtinPack);
  if (!checked.ok) throw new Error('built-in bank invalid');
  return checked.pack;
})();

function onePack(items: BankPack['items']): BankPack {
  return {
    format: 'deepdrill-bank',
    version: 1,
    id: 'p',
    title: 'P',
    license: 'CC0',
    topics: [{ id: 't', title: 'T' }],
    items,
  };
}
const meta = { topic: 't', difficulty: 3, tags: [], source: 's' };

describe('mathematics as a default Moodle (MathJax filter) typesets it', () => {
  it('$…$ and $$…$$ become \\(…\\) and \\[…\\] once Moodle has read the Markdown', () => {
    const stem = 'Let $x_{ij} * y$ and $$\\frac{a}{b} \\le \\{c\\}$$ with $5 or $ 6 $ left alone.';
    const written = toMoodleMarkdown(stem);
    expect(markdownShown(written)).toBe(
      'Let \\(x_{ij} * y\\) and \\[\\frac{a}{b} \\le \\{c\\}\\] with $5 or $ 6 $ left alone.',
    );
    // The raw delimiters would be eaten by Markdown: `\(` shows as `(`.
    expect(written).not.toContain('$x');
    expect(fromMoodleMarkdown(written)).toBe(stem);
  });

  it('code is not touched: a $ in a code span or block stays', () => {
    const stem = 'Run `echo $HOME $PATH` then\n\n```sh\nx=$y$\n```\n\nand $z$.';
    expect(toMoodleMarkdown(stem)).toBe(
      'Run `echo $HOME $PATH` then\n\n```sh\nx=$y$\n```\n\nand \\\\(z\\\\).',
    );
  });

  it("Moodle authors' Markdown \\\\(…\\\\) reads as DeepDrill math", () => {
    expect(fromMoodleMarkdown('Area \\\\(\\\\pi r^2\\\\) and \\\\[a\\_1\\\\]')).toBe(
      'Area $\\pi r^2$ and $$a_1$$',
    );
    expect(fromMoodleMarkdown('no close \\\\( x')).toBe('no close \\\\( x');
  });
});

describe('GIFT export as Moodle reads it', () => {
  const code: ChoiceItem = {
    ...meta,
    id: 'loop',
    type: 'mcq',
    stem: 'What prints?\n\n```python\nfor i in range(2):\n    print(i)\n0\n```\n\nAnswer {one}: = # ~',
    options: [
      { id: 'a', text: '0 then 1', feedback: 'range(2) is 0, 1: #two' },
      { id: 'b', text: '1 then 2' },
    ],
    answer: ['a'],
    explanation: 'Indented body runs twice.\n\n0\n\nDone.',
  };

  it('a line that is just 0 does not split the question and indentation is kept', () => {
    const read = moodleReadGift(packToGift(onePack([code])).text).filter(
      (q) => q.qtype !== 'category' && q.name !== '',
    );
    expect(read).toHaveLength(1);
    const [q] = read;
    expect(q.name).toBe('loop');
    expect(q.format).toBe('markdown');
    expect(q.qtype).toBe('multichoice');
    expect(q.questiontext).toBe(code.stem);
    expect(q.generalfeedback).toBe(code.explanation);
    expect(q.answers).toEqual([
      { text: '0 then 1', fraction: 1, feedback: 'range(2) is 0, 1: #two' },
      { text: '1 then 2', fraction: 0, feedback: '' },
    ]);
  });

  it('the built-in bank: every exported question is one Moodle question with its text whole', () => {
    const { text, skipped } = packToGift(builtin, { variants: 0 });
    const read = moodleReadGift(text).filter((q) => q.qtype !== 'category' && q.name !== '');
    const exported = builtin.items.filter((i) => !skipped.some((s) => s.id === i.id));
    expect(read.map((q) => q.name)).toEqual(exported.map((i) => i.id));
    for (const [k, item] of exported.entries()) {
      const q = read[k];
      if (item.type === 'template' || item.type === 'short')
        throw new Error(`${item.type} exported`);
      expect(q.questiontext, item.id).toBe(toMoodleMarkdown(item.stem));
      expect(q.generalfeedback, item.id).toBe(toMoodleMarkdown(item.explanation));
      if (item.type === 'numeric') {
        expect(q.qtype).toBe('numerical');
        expect(Number(q.answers[0].text)).toBe(item.answer.value);
      } else {
        expect(q.qtype, item.id).toBe('multichoice');
        expect(q.answers.map((a) => a.text)).toEqual(
          item.options.map((o) => toMoodleMarkdown(o.text)),
        );
        for (const a of q.answers) expect(isMoodleGrade(a.fraction * 100), item.id).toBe(true);
      }
    }
  });
});

describe('grades Moodle accepts', () => {
  it("every msq with 1–12 right options and up to 12 options gets grades on Moodle's list summing to 100%", () => {
    // By hand: 3 right → 33.33333% each, Moodle's 0.3333333; 7 right → 14.28571%, its 0.1428571.
    const item = (right: number, wrong: number): ChoiceItem => ({
      ...meta,
      id: 'm',
      type: 'msq',
      stem: 's',
      explanation: 'e',
      options: Array.from({ length: right + wrong }, (_, k) => ({ id: `o${k}`, text: `${k}` })),
      answer: Array.from({ length: right }, (_, k) => `o${k}`),
    });
    expect(msqWeights(item(3, 1))).toEqual([100 / 3, 100 / 3, 100 / 3, -100 / 3]);
    for (let right = 1; right <= 12; right++) {
      for (let wrong = 0; right + wrong <= 12; wrong++) {
        if (right + wrong < 2) continue;
        const weights = msqWeights(item(right, wrong));
        const written = packToGift(onePack([item(right, wrong)])).text;
        const [q] = moodleReadGift(written).filter((x) => x.qtype === 'multichoice');
        for (const a of q.answers) expect(isMoodleGrade(a.fraction * 100)).toBe(true);
        expect(multiAnswerSumProblem(q.answers.map((a) => a.fraction * 100))).toBeNull();
        expect(weights.filter((w) => w > 0)).toHaveLength(right);
      }
    }
  });
});

/** The questions the export writes for the built-in bank with `variants` per template item. */
function expectedQuestions(pack: BankPack, variants: number, skipped: readonly { id: string }[]) {
  return pack.items.flatMap((item) => {
    if (skipped.some((s) => s.id === item.id)) return [];
    if (item.type !== 'template') return [item];
    const result = templateVariants(item, variants);
    if ('reason' in result) throw new Error(`${item.id} should have been skipped`);
    return result.items;
  });
}

describe('template items as fixed variants', () => {
  const template: TemplateItem = {
    ...meta,
    id: 'out-size',
    type: 'template',
    template: 'conv-output-size',
    form: 'numeric',
    stem: 'A layer of the stem network:',
    explanation: 'Floor, not round.',
  };

  it('writes seeds 0..N−1 as generateVariant gives them: stem, key and tolerance', () => {
    const { text, skipped, questions, templates } = packToMoodleXml(onePack([template]), {
      variants: 2,
    });
    expect(skipped).toEqual([]);
    expect([questions, templates]).toEqual([2, 1]);
    const back = parseMoodleXml(text, { bankId: 'p', title: 'P' }).pack!;
    expect(back.items.map((i) => i.id)).toEqual(['out-size-seed-0', 'out-size-seed-1']);
    for (const [seed, item] of back.items.entries()) {
      const variant = generateVariant('conv-output-size', seed, { form: 'numeric' }).question;
      expect(item.type).toBe('numeric');
      if (item.type !== 'numeric') continue;
      // The item's own stem first, then the generated one; its explanation after the generated.
      expect(item.stem).toBe(`A layer of the stem network:\n\n${variant.stem}`);
      expect(item.explanation.startsWith(variant.explanation)).toBe(true);
      expect(item.explanation).toContain('Floor, not round.');
      expect(item.answer.value).toBe(variant.numeric!.value);
      const { abs, rel } = variant.numeric!.tolerance;
      const value = variant.numeric!.value as number;
      expect(item.answer.tolerance.abs).toBeCloseTo(
        Math.max(abs ?? 0, (rel ?? 0) * Math.abs(value)),
        12,
      );
    }
  });

  it('an mcq template keeps its four options, the one key and the feedback', () => {
    const mcq: TemplateItem = { ...template, form: 'mcq' };
    const back = parseGift(packToGift(onePack([mcq]), { variants: 1 }).text, {
      bankId: 'p',
      title: 'P',
    }).pack!;
    const variant = generateVariant('conv-output-size', 0, { form: 'mcq' }).question;
    const [item] = back.items;
    expect(item.type).toBe('mcq');
    if (item.type !== 'mcq') return;
    expect(item.options.map((o) => [o.text, o.feedback])).toEqual(
      variant.options!.map((o) => [o.text, o.feedback]),
    );
    const right = variant.options!.findIndex((o) => o.correct);
    expect(item.answer).toEqual([item.options[right].id]);
  });

  it('variants 0 skips template items, saying why', () => {
    const { skipped, questions } = packToGift(onePack([template]), { variants: 0 });
    expect(questions).toBe(0);
    expect(skipped).toEqual([{ id: 'out-size', reason: expect.stringMatching(/no variants/) }]);
  });

  it('the built-in bank: what is not written is every vector answer, and only those', () => {
    const { skipped, questions, templates } = packToGift(builtin, { variants: 3 });
    const vectors = builtin.items.filter((item) => {
      if (item.type === 'numeric') return typeof item.answer.value !== 'number';
      if (item.type !== 'template' || item.form !== 'numeric') return false;
      const key = generateVariant(item.template, 0, { form: 'numeric', params: item.params ?? {} })
        .question.numeric!;
      return typeof key.value !== 'number';
    });
    expect(skipped.map((s) => s.id)).toEqual(vectors.map((i) => i.id));
    for (const s of skipped) expect(s.reason).toMatch(/vector of \d+ numbers/);
    const fixed = builtin.items.filter((i) => i.type !== 'template').length;
    const tpl = builtin.items.filter((i) => i.type === 'template').length;
    expect(templates).toBe(tpl - vectors.filter((i) => i.type === 'template').length);
    expect(questions).toBe(
      fixed - vectors.filter((i) => i.type !== 'template').length + 3 * templates,
    );
  });
});

describe('the built-in bank out to Moodle and back', () => {
  const titleOf = (pack: { topics: readonly { id: string; title: string }[] }, id: string) =>
    pack.topics.find((t) => t.id === id)?.title;

  for (const [format, write, read] of [
    ['GIFT', packToGift, parseGift],
    ['Moodle XML', packToMoodleXml, parseMoodleXml],
  ] as const) {
    it(`${format}: keys, feedback, tolerances, topics and option order rules come back`, () => {
      const { text, skipped } = write(builtin, { variants: 2 });
      const back = read(text, { bankId: builtin.id, title: builtin.title });
      expect(back.problems).toEqual([]);
      expect(back.unsupported).toEqual([]);
      const exported = expectedQuestions(builtin, 2, skipped);
      expect(back.pack!.items.map((i) => i.id).sort()).toEqual(exported.map((i) => i.id).sort());
      for (const item of exported) {
        const copy = back.pack!.items.find((i) => i.id === item.id)!;
        expect(titleOf(back.pack!, copy.topic), item.id).toBe(titleOf(builtin, item.topic));
        expect(copy.type, item.id).toBe(item.type);
        if (copy.type === 'template') throw new Error('template');
        expect(copy.stem, item.id).toBe(item.stem);
        expect(copy.explanation, item.id).toBe(item.explanation);
        if (item.type === 'numeric' && copy.type === 'numeric') {
          const value = item.answer.value as number;
          expect(copy.answer.value, item.id).toBe(value);
          const { abs, rel } = item.answer.tolerance;
          expect(copy.answer.tolerance.abs, item.id).toBeCloseTo(
            Math.max(abs ?? 0, (rel ?? 0) * Math.abs(value)),
            12,
          );
        } else if (
          item.type !== 'numeric' &&
          copy.type !== 'numeric' &&
          item.type !== 'short' &&
          copy.type !== 'short'
        ) {
          expect(
            copy.options.map((o) => [o.text, o.feedback]),
            item.id,
          ).toEqual(item.options.map((o) => [o.text, o.feedback]));
          const keyAt = (i: ChoiceItem) =>
            i.options.flatMap((o, k) => (i.answer.includes(o.id) ? [k] : []));
          expect(keyAt(copy), item.id).toEqual(keyAt(item));
          // Moodle has no per-option pin: XML fixes the order of an item with any pin
          // (shuffleanswers 0); GIFT has no shuffle setting, so Moodle shuffles and nothing is pinned.
          const pinned = format === 'Moodle XML' && item.options.some((o) => o.pin === true);
          expect(
            copy.options.map((o) => o.pin === true),
            item.id,
          ).toEqual(item.options.map(() => pinned));
        }
      }
    });
  }
});
