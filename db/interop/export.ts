/**
 * Writing a DeepDrill bank pack as GIFT or Moodle XML, for the types that map: `mcq` (one `=`
 * answer / `<single>true</single>`), `msq` (its own option weights when it has them, each a
 * grade Moodle allows or the item is skipped; else weights `+100/|key|` on right options and
 * `-100/|key|` on wrong ones, so Moodle's partial scoring matches DeepDrill's partial rule; with
 * 11 or 12 right options grades Moodle allows instead, see {@link msqWeights}), `short` (a
 * GIFT short answer `{=%100%…}` or a Moodle XML `shortanswer` with `<usecase>`; GIFT has no case
 * setting and Moodle reads GIFT short answers ignoring case, so a case-sensitive one is written
 * to Moodle XML only), and
 * numeric items with one number (an absolute tolerance: `rel` is turned into `rel·|value|`, and
 * when both are given the larger wins, as DeepDrill accepts either). Template items are written as
 * a chosen number of fixed variants (seeds 0..N−1, see `template-variants.ts`; N = 0 skips them);
 * vector answers have no equivalent: those items are skipped and reported. Stems, options and feedback are
 * written as Markdown (`[markdown]`, `format="markdown"`) with the mathematics as a default Moodle
 * typesets it (`\\(…\\)`, `\\[…\\]`: see `moodle-markdown.ts`); misconceptions, difficulty
 * and answer formats are not carried (Moodle XML keeps the tags). GIFT texts are written on one
 * line each, every line break as `\n` as Moodle's own export writes them: Moodle's reader trims
 * every line and ends a question at a blank line or a line that is just `0` (PHP's `empty`), so
 * a real line break would lose a code block's indentation or split the question. An item's hint
 * ladder becomes Moodle XML `<hint>`s, one per rung in order; GIFT has no hints, and neither
 * format has a place for parts (Moodle's step-by-step questions are cloze, which DeepDrill does
 * not map). Moodle XML's `<shuffleanswers>` is false when any option of an item is pinned (Moodle
 * has no per-option pin: a "None of the above" kept last is kept last by keeping every option in
 * place, and reads back with every option pinned), true otherwise; GIFT has no shuffle setting
 * and carries no pins. Item ids become question names (and the Moodle id number), topics become
 * categories `$course$/top/<topic title>`, so that reading the output back gives the same keys,
 * tolerances, feedback, hints (Moodle XML) and topics.
 * Embedded images (data-URL Markdown images) are written as Moodle writes files: in Moodle XML
 * as `<file>`s of their text with `@@PLUGINFILE@@/image-N.ext` in the text; in GIFT, which has
 * no files, as the data URL itself (Moodle shows question text uncleaned, so it displays them).
 */
import { unreachable } from '../../core/types';
import type { BankItem, BankPack, ChoiceItem, NumericItem, ShortItem } from '../bank/schema';
import { isMoodleGrade } from './foreign';
import { imagesAsMoodleFiles } from './embedded-files';
import { toMoodleMarkdown } from './moodle-markdown';
import {
  DEFAULT_EXPORT_VARIANTS,
  MAX_EXPORT_VARIANTS,
  templateVariants,
} from './template-variants';
import { cdata, escapeXml } from './xml';

/** A file in a foreign format plus the items that could not be written. */
export interface ForeignExport {
  readonly text: string;
  /** Pack items not written, each with why. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  /** Questions written (a template item counts once per variant). */
  readonly questions: number;
  /** Template items written as fixed variants, and how many variants each. */
  readonly templates: number;
  readonly variants: number;
}

/** How to write a pack out. */
export interface ForeignExportOptions {
  /** Fixed variants per template item (seeds 0..variants−1); 0 skips template items. */
  readonly variants?: number;
}

type Exportable = ChoiceItem | ShortItem | (NumericItem & { answer: { value: number } });

/** Why Moodle would refuse the weights of `weights` (fractions), or null. */
function weightsRefused(weights: readonly (number | undefined)[]): string | null {
  const off = weights.find((w) => w !== undefined && !isMoodleGrade(w * 100));
  return off === undefined
    ? null
    : `weight ${off} (${Number(((off ?? 0) * 100).toFixed(5))}%) is not a grade Moodle allows; Moodle would refuse the file`;
}

/** The questions an item is written as in `format`, or why it cannot be. */
function exportables(
  item: BankItem,
  variants: number,
  format: ForeignFormat,
): Exportable[] | string {
  switch (item.type) {
    case 'mcq':
    case 'msq':
      return weightsRefused(item.options.map((o) => o.weight)) ?? [item];
    case 'short':
      if (format === 'gift' && item.answer.caseSensitive === true) {
        return 'a case-sensitive short answer: GIFT has no case setting and Moodle reads GIFT short answers ignoring case (Moodle XML keeps it)';
      }
      return weightsRefused(item.answer.text.map((a) => a.weight)) ?? [item];
    case 'numeric':
      return typeof item.answer.value === 'number'
        ? [item as Exportable]
        : `the answer is a vector of ${item.answer.value.length} numbers; GIFT and Moodle numerical questions take one number`;
    case 'template': {
      if (variants === 0) {
        return `template item (generated per variant from "${item.template}"); no variants were asked for`;
      }
      const result = templateVariants(item, variants);
      return 'reason' in result ? result.reason : (result.items as Exportable[]);
    }
    default:
      throw unreachable(item);
  }
}

type ForeignFormat = 'gift' | 'moodle-xml';

/** Items grouped by topic, in the pack's topic order, with the skipped ones reported. */
function plan(
  pack: BankPack,
  options: ForeignExportOptions,
  format: ForeignFormat,
): {
  groups: { title: string; items: Exportable[] }[];
  skipped: { id: string; reason: string }[];
  counts: Pick<ForeignExport, 'questions' | 'templates' | 'variants'>;
} {
  const variants = options.variants ?? DEFAULT_EXPORT_VARIANTS;
  if (!Number.isInteger(variants) || variants < 0 || variants > MAX_EXPORT_VARIANTS) {
    throw new RangeError(`variants must be a whole number from 0 to ${MAX_EXPORT_VARIANTS}`);
  }
  const skipped: { id: string; reason: string }[] = [];
  const byTopic = new Map<string, Exportable[]>();
  let questions = 0;
  let templates = 0;
  for (const item of pack.items) {
    const written = exportables(item, variants, format);
    if (typeof written === 'string') {
      skipped.push({ id: item.id, reason: written });
      continue;
    }
    if (item.type === 'template') templates++;
    questions += written.length;
    let list = byTopic.get(item.topic);
    if (list === undefined) byTopic.set(item.topic, (list = []));
    list.push(...written);
  }
  const groups = pack.topics
    .filter((t) => byTopic.has(t.id))
    .map((t) => ({ title: t.title, items: byTopic.get(t.id) ?? [] }));
  return { groups, skipped, counts: { questions, templates, variants } };
}

/** The one absolute tolerance that accepts what DeepDrill accepts (abs or rel·|value|). */
export function absoluteTolerance(item: NumericItem & { answer: { value: number } }): number {
  const { abs, rel } = item.answer.tolerance;
  return Math.max(abs ?? 0, rel === undefined ? 0 : rel * Math.abs(item.answer.value));
}

/**
 * Moodle weights (in %) of an msq's options, in option order: its own weights when it has them.
 * Without them, DeepDrill's partial rule scores
 * (right picks − wrong picks) / |key|, clamped to 0..1, which is Moodle's sum of fractions with
 * ±100/|key|: exactly so for up to 10 right options, as every ±100/k (k ≤ 10) is a grade Moodle
 * allows. For 11 or 12, 100/k is not one: the right options get 10% (the first 20 − k of them)
 * and 5% (the other 2k − 20) so that they add up to 100%, and wrong ones −10%, the allowed
 * grade nearest −100/k.
 */
export function msqWeights(item: ChoiceItem): number[] {
  if (item.options.every((o) => o.weight !== undefined)) {
    return item.options.map((o) => (o.weight ?? 0) * 100);
  }
  const key = new Set(item.answer);
  const k = key.size;
  if (k <= 10) return item.options.map((o) => (key.has(o.id) ? 100 : -100) / k);
  let tens = 20 - k;
  return item.options.map((o) => {
    if (!key.has(o.id)) return -10;
    return tens-- > 0 ? 10 : 5;
  });
}

/** Percentage weight as Moodle writes it: at most 5 decimals, no trailing zeros. */
function weight(percent: number): string {
  return String(Number(percent.toFixed(5)));
}

function categoryPath(title: string): string {
  return `$course$/top/${title.replace(/\s+/g, ' ').trim().replace(/\//g, '//')}`;
}

const normalizeNewlines = (text: string) => text.replace(/\r\n?/g, '\n');

// ---------------------------------------------------------------------------------------------
// GIFT

const GIFT_SPECIAL = ':#={}~';
const FORMAT_TAG = /^\s*\[(html|moodle|plain|markdown)\]/i;

/**
 * Text escaped for GIFT such that a GIFT reader (Moodle's or ours) gives it back: the special
 * characters and backslashes that precede them are escaped, and every line break is written
 * `\n` (as Moodle's export does; see the module comment for why a real one is lost).
 */
export function escapeGift(text: string): string {
  const source = normalizeNewlines(text);
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (GIFT_SPECIAL.includes(c)) out += `\\${c}`;
    else if (c === '\\') {
      const next = source[i + 1];
      // `\n` would read as a line break, and a line break may be written as the escape `\n`.
      const escaped =
        next === undefined ||
        next === '\\' ||
        next === 'n' ||
        next === '\n' ||
        GIFT_SPECIAL.includes(next);
      out += escaped ? '\\\\' : '\\';
    } else if (c === '\n') out += '\\n';
    else out += c;
  }
  return out;
}

/** Escaped answer or feedback text; a leading `[format]`-like text is protected by `[markdown]`. */
function giftPart(text: string): string {
  const markdown = toMoodleMarkdown(text);
  return `${FORMAT_TAG.test(markdown) ? '[markdown]' : ''}${escapeGift(markdown)}`;
}

function giftItem(item: Exportable): string {
  const head = `::${item.id}::[markdown]${escapeGift(toMoodleMarkdown(item.stem))}`;
  const general = `####${giftPart(item.explanation)}`;
  if (item.type === 'short') {
    // Answers are plain text compared as typed (with * wildcards), not Markdown; the weight is
    // always written so that an answer starting with % reads back as text.
    const lines = item.answer.text.map((a) => {
      const feedback = a.feedback === undefined ? '' : `#${giftPart(a.feedback)}`;
      return `  =%${weight((a.weight ?? 1) * 100)}%${escapeGift(a.value)}${feedback}`;
    });
    return `${head} {\n${lines.join('\n')}\n  ${general}\n}`;
  }
  if (item.type === 'numeric') {
    const tolerance = absoluteTolerance(item);
    return `${head} {#${String(item.answer.value)}:${String(tolerance)}\n  ${general}\n}`;
  }
  const key = new Set(item.answer);
  const weights = msqWeights(item);
  const lines = item.options.map((o, k) => {
    let prefix: string;
    if (item.type === 'mcq') {
      prefix = key.has(o.id) ? '=' : /^\s*%/.test(o.text) ? '~%0%' : '~';
    } else {
      prefix = `~%${weight(weights[k])}%`;
    }
    const feedback = o.feedback === undefined ? '' : `#${giftPart(o.feedback)}`;
    return `  ${prefix}${giftPart(o.text)}${feedback}`;
  });
  return `${head} {\n${lines.join('\n')}\n  ${general}\n}`;
}

/**
 * The pack as a GIFT file (see the module comment): a `$CATEGORY` per topic, then its items,
 * separated by blank lines.
 */
export function packToGift(pack: BankPack, options: ForeignExportOptions = {}): ForeignExport {
  const { groups, skipped, counts } = plan(pack, options, 'gift');
  const comment = (s: string) => s.replace(/\s+/g, ' ').trim();
  const blocks = [
    `// DeepDrill bank "${pack.id}": ${comment(pack.title)}\n// Licence: ${comment(pack.license)}`,
  ];
  for (const group of groups) {
    blocks.push(`$CATEGORY: ${categoryPath(group.title)}`);
    for (const item of group.items) blocks.push(giftItem(item));
  }
  return { text: `${blocks.join('\n\n')}\n`, skipped, ...counts };
}

// ---------------------------------------------------------------------------------------------
// Moodle XML

/** Characters XML 1.0 does not allow anywhere, replaced by U+FFFD. */
function xmlSafe(text: string): string {
  return normalizeNewlines(text).replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/** A text as Moodle XML's `<text>`, its embedded images as the holder's `<file>`s after it. */
const xmlText = (markdown: string): string => {
  const { text, files } = imagesAsMoodleFiles(markdown);
  return `<text>${cdata(xmlSafe(toMoodleMarkdown(text)))}</text>${files}`;
};

const markdownText = (tag: string, text: string, indent: string, attrs = '') =>
  `${indent}<${tag}${attrs} format="markdown">${xmlText(text)}</${tag}>`;

function xmlItem(item: Exportable): string {
  const i = '    ';
  const lines = [
    `  <question type="${item.type === 'numeric' ? 'numerical' : item.type === 'short' ? 'shortanswer' : 'multichoice'}">`,
    `${i}<name><text>${escapeXml(item.id)}</text></name>`,
    markdownText('questiontext', item.stem, i),
    markdownText('generalfeedback', item.explanation, i),
    `${i}<defaultgrade>1</defaultgrade>`,
    `${i}<penalty>0.3333333</penalty>`,
    `${i}<hidden>0</hidden>`,
    `${i}<idnumber>${escapeXml(item.id)}</idnumber>`,
  ];
  if (item.type === 'numeric') {
    lines.push(
      `${i}<answer fraction="100" format="moodle_auto_format">`,
      `${i}  <text>${String(item.answer.value)}</text>`,
      `${i}  <tolerance>${String(absoluteTolerance(item))}</tolerance>`,
      `${i}  <feedback format="markdown"><text></text></feedback>`,
      `${i}</answer>`,
    );
  } else if (item.type === 'short') {
    lines.push(`${i}<usecase>${item.answer.caseSensitive === true ? 1 : 0}</usecase>`);
    for (const a of item.answer.text) {
      lines.push(
        `${i}<answer fraction="${weight((a.weight ?? 1) * 100)}" format="moodle_auto_format">`,
        `${i}  <text>${cdata(xmlSafe(a.value))}</text>`,
        a.feedback === undefined
          ? `${i}  <feedback format="markdown"><text></text></feedback>`
          : markdownText('feedback', a.feedback, `${i}  `),
        `${i}</answer>`,
      );
    }
  } else {
    const key = new Set(item.answer);
    lines.push(
      `${i}<single>${item.type === 'mcq' ? 'true' : 'false'}</single>`,
      `${i}<shuffleanswers>${item.options.some((o) => o.pin === true) ? 'false' : 'true'}</shuffleanswers>`,
      `${i}<answernumbering>abc</answernumbering>`,
    );
    const weights = msqWeights(item);
    for (const [k, o] of item.options.entries()) {
      const fraction = item.type === 'mcq' ? (key.has(o.id) ? 100 : 0) : weights[k];
      lines.push(
        `${i}<answer fraction="${weight(fraction)}" format="markdown">`,
        `${i}  ${xmlText(o.text)}`,
        o.feedback === undefined
          ? `${i}  <feedback format="markdown"><text></text></feedback>`
          : markdownText('feedback', o.feedback, `${i}  `),
        `${i}</answer>`,
      );
    }
  }
  for (const hint of item.hints ?? []) {
    lines.push(markdownText('hint', hint, i));
  }
  if (item.tags.length > 0) {
    lines.push(
      `${i}<tags>${item.tags.map((t) => `<tag><text>${escapeXml(xmlSafe(t))}</text></tag>`).join('')}</tags>`,
    );
  }
  lines.push('  </question>');
  return lines.join('\n');
}

/** The pack as a Moodle XML quiz file (see the module comment). */
export function packToMoodleXml(pack: BankPack, options: ForeignExportOptions = {}): ForeignExport {
  const { groups, skipped, counts } = plan(pack, options, 'moodle-xml');
  const comment = (s: string) => xmlSafe(s).replace(/\s+/g, ' ').replace(/-{2,}/g, '-').trim();
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<quiz>',
    `  <!-- DeepDrill bank "${comment(pack.id)}": ${comment(pack.title)}. Licence: ${comment(pack.license)} -->`,
  ];
  for (const group of groups) {
    parts.push(
      '  <question type="category">',
      `    <category><text>${escapeXml(xmlSafe(categoryPath(group.title)))}</text></category>`,
      '  </question>',
    );
    for (const item of group.items) parts.push(xmlItem(item));
  }
  parts.push('</quiz>', '');
  return { text: parts.join('\n'), skipped, ...counts };
}
