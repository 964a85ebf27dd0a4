/**
 * Reading Moodle's GIFT text format into a DeepDrill bank pack.
 *
 * Maps: multiple choice with one right answer (`=` right, `~` wrong) → `mcq`; multiple answers
 * with percentage weights (`~%50%…`, `~%-100%…`, no `=`) → `msq` whose key is the options with a
 * positive weight (tagged `partial-credit`); true/false (`{T}`, `{FALSE}`, …) → `mcq` with the
 * options True and False, pinned in that order (as Moodle shows them); numerical (`{#3.5:0.1}`,
 * `{#1..5}`, `{#=2.1:0.1 =%50%2:0.5}`, the 100 % answer taken; from the first `~` on, the feedback
 * for any other answer, added to the explanation) → `numeric` with an absolute tolerance; short
 * answer (`{=dropout =%50%drop*}`, or `{One}`: as in Moodle, an answer before the first `=` is
 * right) → `short`, its answers in order with their weights (a negative one counts 0, tagged
 * `negative-credit-dropped`), compared ignoring letter case as Moodle's GIFT import sets it;
 * multiple answers' weights are kept on the options (`weight`, Moodle's fraction), so the
 * import grades as Moodle does. Per-answer feedback `#…` → option
 * feedback; general feedback `####…` → explanation; `$CATEGORY: a/b` → topic; `::title::` → item
 * id, unless the comment lines give an id number (`// [id:myid] [tag:one]`, as Moodle's export
 * writes them), which is preferred; their tags are added. Text after the answers (even only a
 * full stop) makes a missing-word question, read as Moodle does: `_____` stands in the text where
 * the answers were. GIFT has no shuffle setting (Moodle shuffles a GIFT multiple choice by its
 * site default, on unless changed), so choice options stay unpinned: DeepDrill shuffles them per
 * quiz.
 *
 * Not supported, listed with their line: essays (`{}`), matching (`{=a -> b}`), cloze (several
 * answer sections in one text), descriptions (no answers).
 *
 * Escapes follow Moodle (`escapedchar_pre`): `\\` is a backslash, `\:` `\#` `\=` `\~` `\{` `\}` the
 * character, `\n` a line break, also before a letter (Moodle's export writes every line break as
 * `\n`; LaTeX such as `\nabla` is written `\\nabla`), and any other backslash is kept.
 */
import {
  DEFAULT_DIFFICULTY,
  MAX_FOREIGN_CHARS,
  PackAssembler,
  excerpt,
  moodleGradeProblem,
  multiAnswerSumProblem,
  noExplanation,
  parseDecimal,
  textAnswerOf,
  tidyNumber,
  trueFalseOptions,
  type DraftItem,
  type ForeignImport,
  type ForeignImportOptions,
} from './foreign';
import { toMarkdown, type TextFormat } from './text';
import { MAX_TEXT_ANSWERS } from '../bank/schema';
import { droppedContent } from './embedded-files';

export type { ForeignImport, ForeignImportOptions } from './foreign';

const FORMAT = 'GIFT';
/** Most options a DeepDrill choice item has (the pack schema's bound). */
export const MAX_OPTIONS = 12;
const SPECIAL = ':#={}~';

/** One question's text: its non-comment lines joined, with a map back to file lines. */
interface Block {
  readonly text: string;
  /** The block's `//` comment lines, joined with line breaks (they may hold `[id:…]`, `[tag:…]`). */
  readonly comments: string;
  /** Offset in `text` where each kept line starts, and that line's number in the file. */
  readonly offsets: readonly number[];
  readonly lines: readonly number[];
}

function lineOf(block: Block, offset: number): number {
  let lo = 0;
  let hi = block.offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (block.offsets[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return block.lines[lo];
}

/** Splits the file into blocks at blank lines, setting `//` comment lines apart (as Moodle does). */
function* splitBlocks(text: string): Generator<Block> {
  let parts: string[] = [];
  let offsets: number[] = [];
  let lines: number[] = [];
  let comments: string[] = [];
  let length = 0;
  // Blocks are handed out one at a time: a file of millions of questions is never held twice.
  const flush = (): Block | null => {
    const block =
      parts.length > 0
        ? { text: parts.join('\n'), comments: comments.join('\n'), offsets, lines }
        : null;
    parts = [];
    offsets = [];
    lines = [];
    comments = [];
    length = 0;
    return block;
  };
  let lineNumber = 0;
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    lineNumber++;
    const line = text.slice(start, end);
    const trimmed = line.trim();
    if (trimmed === '') {
      const block = flush();
      if (block !== null) yield block;
    } else if (trimmed.startsWith('//')) comments.push(trimmed);
    else {
      offsets.push(length);
      lines.push(lineNumber);
      parts.push(line);
      length += line.length + 1;
    }
    if (end >= text.length) break;
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  const last = flush();
  if (last !== null) yield last;
}

/** Index of the first unescaped occurrence of `needle` in `s[from, to)`, or -1. */
function findUnescaped(s: string, needle: string, from: number, to = s.length): number {
  for (let i = from; i < to; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === needle[0] && (needle.length === 1 || s.startsWith(needle, i))) {
      return i + needle.length <= to ? i : -1;
    }
  }
  return -1;
}

/** Index of the last unescaped occurrence of `needle` in `s[from, to)`, or -1. */
function findLastUnescaped(s: string, needle: string, from: number, to: number): number {
  let last = -1;
  for (let i = from; i < to; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === needle[0] && s.startsWith(needle, i) && i + needle.length <= to) last = i;
  }
  return last;
}

/** GIFT text with its escapes resolved (see the module comment). */
export function unescapeGift(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const next = s[i + 1];
    if (next === '\\' || SPECIAL.includes(next)) {
      out += next;
      i++;
    } else if (next === 'n') {
      out += '\n';
      i++;
    } else out += c;
  }
  return out;
}

/** `[id:…]` / `[tag:…]` in a comment: `\]` is a literal `]`, and neither spans a line break. */
const commentMarker = /\[(id|tag):((?:\\[^\n]|[^\][\\\n])*)\]/g;

/**
 * The id number and tags that Moodle's GIFT export writes in a question's comment lines
 * (`// [id:myid] [tag:one] [tag:two]`), read as Moodle's `extract_idnumber_and_tags_from_comment`
 * does: values trimmed, `\]` read as `]`, the first id number kept, tags in their order.
 */
export function idNumberAndTags(comments: string): { idNumber: string; tags: string[] } {
  let idNumber = '';
  const tags: string[] = [];
  for (const m of comments.matchAll(commentMarker)) {
    const value = m[2].replace(/\\\]/g, ']').trim();
    if (value === '') continue;
    if (m[1] === 'tag') {
      if (!tags.includes(value)) tags.push(value);
    } else if (idNumber === '') idNumber = value;
  }
  return { idNumber, tags };
}

const formatTag = /^\s*\[(html|moodle|plain|markdown)\]/i;

/** Resolves escapes, reads an optional leading `[format]`, converts to Markdown. */
function convertText(raw: string, defaultFormat: TextFormat): string {
  const text = unescapeGift(raw).trim();
  const tag = formatTag.exec(text);
  const format = tag === null ? defaultFormat : (tag[1].toLowerCase() as TextFormat);
  return toMarkdown(tag === null ? text : text.slice(tag[0].length), format);
}

interface Answer {
  readonly marker: '=' | '~';
  /** Percentage, when written (`%50%`) or implied by `=` (100). */
  readonly weight: number;
  readonly text: string;
  /** Raw feedback after `#`, if any. */
  readonly feedback: string | null;
  readonly offset: number;
}

const weightPattern = /^\s*%(-?\d{1,3}(?:\.\d+)?)%/;

class GiftReader {
  private category: string | null = null;
  private ordinal = 0;

  constructor(private readonly out: PackAssembler) {}

  read(block: Block): void {
    const s = block.text;
    let pos = s.search(/\S/);
    if (pos < 0) return;
    if (s.startsWith('$CATEGORY:', pos)) {
      const newline = s.indexOf('\n', pos);
      const end = newline < 0 ? s.length : newline;
      this.category = unescapeGift(s.slice(pos + '$CATEGORY:'.length, end)).trim();
      if (newline < 0) return;
      pos = s.slice(end).search(/\S/);
      if (pos < 0) return;
      pos += end;
    }
    this.ordinal++;
    this.question(block, pos);
  }

  private error(block: Block, offset: number, message: string): void {
    this.out.problem(`line ${lineOf(block, offset)}`, message);
  }

  private question(block: Block, start: number): void {
    const s = block.text;
    const position = `line ${lineOf(block, start)}`;
    let pos = start;
    let title: string | null = null;
    if (s.startsWith('::', pos)) {
      const end = findUnescaped(s, '::', pos + 2);
      if (end < 0) {
        this.error(block, pos, 'the title opened with "::" is not closed with "::"');
        return;
      }
      title = unescapeGift(s.slice(pos + 2, end)).trim() || null;
      pos = end + 2;
    }
    const open = findUnescaped(s, '{', pos);
    const close = findUnescaped(s, '}', pos);
    const label = () => title ?? excerpt(unescapeGift(s.slice(pos, open < 0 ? s.length : open)));
    if (open < 0 && close < 0) {
      this.out.unsupported(position, 'description', label());
      return;
    }
    if (close >= 0 && (open < 0 || close < open)) {
      this.error(block, close, '"}" without an opening "{" (write \\} for a literal brace)');
      return;
    }
    if (close < 0) {
      this.error(block, open, 'the answers opened with "{" are never closed with "}"');
      return;
    }
    const nested = findUnescaped(s, '{', open + 1, close);
    if (nested >= 0) {
      this.error(block, nested, '"{" inside the answers (write \\{ for a literal brace)');
      return;
    }
    const after = s.slice(close + 1);
    if (findUnescaped(after, '{', 0) >= 0) {
      this.out.unsupported(position, 'cloze (several blanks)', label());
      return;
    }
    // Text after the answers (even a full stop) makes a missing-word question: Moodle puts a
    // blank where the answers were.
    const before = unescapeGift(
      after.trim() === '' ? s.slice(pos, open) : `${s.slice(pos, open)}_____${after}`,
    ).trim();
    const tag = formatTag.exec(before);
    const format: TextFormat = tag === null ? 'moodle' : (tag[1].toLowerCase() as TextFormat);
    const stem = toMarkdown(tag === null ? before : before.slice(tag[0].length), format);
    if (stem === '') {
      this.error(block, open, 'the question has no text before its answers');
      return;
    }

    let bodyEnd = close;
    let generalFeedback: string | null = null;
    const general = findLastUnescaped(s, '####', open + 1, close);
    if (general >= 0) {
      generalFeedback = convertText(s.slice(general + 4, close), format) || null;
      bodyEnd = general;
    }
    const bodyStart = open + 1;
    const body = s.slice(bodyStart, bodyEnd).trim();
    const bodyFrom = bodyStart + s.slice(bodyStart, bodyEnd).search(/\S|$/);
    const ctx: QuestionContext = {
      block,
      position,
      title,
      ...idNumberAndTags(block.comments),
      stem,
      format,
      generalFeedback,
      open,
      from: bodyFrom,
      to: bodyEnd,
    };
    if (body === '') this.out.unsupported(position, 'essay', label());
    else if (body.startsWith('#')) this.numerical(ctx);
    else if (findUnescaped(s, '~', bodyFrom, bodyEnd) >= 0) this.multipleChoice(ctx);
    else if (
      findUnescaped(s, '=', bodyFrom, bodyEnd) >= 0 &&
      findUnescaped(s, '->', bodyFrom, bodyEnd) >= 0
    ) {
      this.out.unsupported(position, 'matching', label());
    } else {
      const hash = findUnescaped(s, '#', bodyFrom, bodyEnd);
      const head = s.slice(bodyFrom, hash < 0 ? bodyEnd : hash).trim();
      if (/^(t|true|f|false)$/i.test(head)) this.trueFalse(ctx, head, hash);
      else this.shortAnswer(ctx);
    }
  }

  /**
   * Splits `s[from, to)` at unescaped answer markers. Text before the first marker must be
   * blank, unless `leadIsAnswer`: then it is a first answer marked `=`, as Moodle reads short
   * and numerical answers (`{One}`, `{#3:2}`).
   */
  private answers(
    ctx: QuestionContext,
    markers: string,
    parseWeights: string,
    leadIsAnswer = false,
  ): Answer[] | null {
    const s = ctx.block.text;
    const starts: number[] = [];
    for (let i = ctx.from; i < ctx.to; i++) {
      if (s[i] === '\\') {
        i++;
        continue;
      }
      if (markers.includes(s[i])) starts.push(i);
    }
    const lead = s.slice(ctx.from, starts.length > 0 ? starts[0] : ctx.to).trim();
    if (lead !== '' && !leadIsAnswer) {
      this.error(
        ctx.block,
        ctx.from,
        `expected answers starting with ${markers.split('').join(' or ')}, found "${excerpt(lead, 30)}"`,
      );
      return null;
    }
    // A lead answer has no marker character: it starts one before its text.
    if (lead !== '') starts.unshift(ctx.from - 1);
    const answers: Answer[] = [];
    for (let k = 0; k < starts.length; k++) {
      const marker = lead !== '' && k === 0 ? '=' : (s[starts[k]] as '=' | '~');
      let from = starts[k] + 1;
      const end = k + 1 < starts.length ? starts[k + 1] : ctx.to;
      let weight = marker === '=' ? 100 : 0;
      if (parseWeights.includes(marker)) {
        const w = weightPattern.exec(s.slice(from, Math.min(end, from + 16)));
        if (w !== null) {
          weight = Number(w[1]);
          if (!(weight >= -100 && weight <= 100)) {
            this.error(ctx.block, from, `weight ${w[1]}% is outside -100%..100%`);
            return null;
          }
          const refused = moodleGradeProblem(weight);
          if (refused !== null) {
            this.error(ctx.block, from, `${questionName(ctx)}: ${refused}`);
            return null;
          }
          from += w[0].length;
        }
      }
      const hash = findUnescaped(s, '#', from, end);
      answers.push({
        marker,
        weight,
        text: s.slice(from, hash < 0 ? end : hash),
        feedback: hash < 0 ? null : s.slice(hash + 1, end),
        offset: starts[k],
      });
    }
    return answers;
  }

  private explanation(...parts: (string | null)[]): string {
    const text = parts.filter((p): p is string => p !== null && p !== '').join('\n\n');
    return text === '' ? noExplanation(FORMAT) : text;
  }

  private add(ctx: QuestionContext, draft: DraftItem): void {
    const tags = [...draft.tags];
    for (const tag of ctx.tags) {
      const text = tag.slice(0, 60);
      if (!tags.includes(text) && tags.length < 30) tags.push(text);
    }
    const dropped = droppedContent(unescapeGift(ctx.block.text), new Map());
    this.out.dropped(ctx.position, ctx.title ?? ctx.stem, dropped);
    this.out.gradingDropped(ctx.position, ctx.title ?? ctx.stem, tags);
    this.out.addItem(
      { ...draft, tags },
      this.out.topicFor(this.category),
      ctx.position,
      this.ordinal,
      [ctx.idNumber || null, ctx.title],
    );
  }

  private common(extraTags: readonly string[] = []) {
    return {
      difficulty: DEFAULT_DIFFICULTY,
      tags: ['imported', 'gift', ...extraTags],
      source: this.out.source(),
    };
  }

  private multipleChoice(ctx: QuestionContext): void {
    const answers = this.answers(ctx, '=~', '~');
    if (answers === null) return;
    if (answers.length < 2 || answers.length > MAX_OPTIONS) {
      this.error(
        ctx.block,
        ctx.open,
        `a multiple-choice question needs 2 to ${MAX_OPTIONS} answers, found ${answers.length}`,
      );
      return;
    }
    const options: { id: string; text: string; feedback?: string }[] = [];
    for (const [k, a] of answers.entries()) {
      const text = convertText(a.text, ctx.format);
      if (text === '') {
        this.error(ctx.block, a.offset, 'an answer has no text');
        return;
      }
      const feedback = a.feedback === null ? '' : convertText(a.feedback, ctx.format);
      options.push({ id: optionId(k), text, ...(feedback !== '' ? { feedback } : {}) });
    }
    const single = answers.some((a) => a.marker === '=');
    const tags: string[] = [];
    let correct: string[];
    if (single) {
      correct = options.filter((_, k) => answers[k].marker === '=').map((o) => o.id);
      if (correct.length > 1) {
        this.out.unsupported(
          ctx.position,
          'multiple choice (several right answers with =)',
          ctx.title ?? ctx.stem,
        );
        return;
      }
      if (answers.some((a) => a.marker === '~' && a.weight > 0))
        tags.push('partial-credit-dropped');
    } else {
      correct = options.filter((_, k) => answers[k].weight > 0).map((o) => o.id);
      if (correct.length === 0) {
        this.error(
          ctx.block,
          ctx.open,
          'no right answer: mark one with "=" or give right answers a positive weight like ~%50%',
        );
        return;
      }
      const sum = multiAnswerSumProblem(answers.map((a) => a.weight));
      if (sum !== null) {
        this.error(ctx.block, ctx.open, `${questionName(ctx)}: ${sum}`);
        return;
      }
      tags.push('partial-credit');
    }
    this.add(ctx, {
      type: single ? 'mcq' : 'msq',
      stem: ctx.stem,
      // A multiple-answer question keeps Moodle's weights: it grades as Moodle grades it.
      options: single
        ? options
        : options.map((o, k) => ({ ...o, weight: tidyNumber(answers[k].weight / 100) })),
      answer: correct,
      explanation: this.explanation(ctx.generalFeedback),
      ...this.common(tags),
    });
  }

  private trueFalse(ctx: QuestionContext, head: string, hash: number): void {
    const s = ctx.block.text;
    const isTrue = /^t/i.test(head);
    let wrong = '';
    let right = '';
    if (hash >= 0) {
      const second = findUnescaped(s, '#', hash + 1, ctx.to);
      wrong = convertText(s.slice(hash + 1, second < 0 ? ctx.to : second), ctx.format);
      if (second >= 0) right = convertText(s.slice(second + 1, ctx.to), ctx.format);
    }
    this.add(ctx, {
      type: 'mcq',
      stem: ctx.stem,
      options: trueFalseOptions((value) => (value === isTrue ? right : wrong)),
      answer: [isTrue ? 'true' : 'false'],
      explanation: this.explanation(ctx.generalFeedback),
      ...this.common(['true-false']),
    });
  }

  /**
   * Numerical answers as Moodle reads them: everything from the first `~` is the feedback for
   * any other answer (`{#3:2~#Completely wrong}`); the rest is split at `=`.
   */
  private numerical(ctx: QuestionContext): void {
    const s = ctx.block.text;
    const tilde = findUnescaped(s, '~', ctx.from + 1, ctx.to);
    const to = tilde < 0 ? ctx.to : tilde;
    const answers = this.answers({ ...ctx, from: ctx.from + 1, to }, '=', '=', true);
    if (answers === null) return;
    if (answers.length === 0) {
      this.error(ctx.block, ctx.open, 'no numerical answer after "#"');
      return;
    }
    const keys: { value: number; abs: number; feedback: string }[] = [];
    for (const a of answers) {
      const key = this.numericKey(ctx.block, a);
      if (key === null) return;
      if (a.weight === 100) {
        keys.push({
          ...key,
          feedback: a.feedback === null ? '' : convertText(a.feedback, ctx.format),
        });
      }
    }
    let otherFeedback = '';
    if (tilde >= 0) {
      const hash = findUnescaped(s, '#', tilde + 1, ctx.to);
      otherFeedback = hash < 0 ? '' : convertText(s.slice(hash + 1, ctx.to), ctx.format);
    }
    this.addNumeric(ctx, keys, 'numerical', [], otherFeedback);
  }

  private addNumeric(
    ctx: QuestionContext,
    keys: readonly { value: number; abs: number; feedback: string }[],
    typeName: string,
    tags: string[],
    otherFeedback = '',
  ): void {
    if (keys.length === 0) {
      this.error(ctx.block, ctx.open, 'no right answer: no answer scores 100%');
      return;
    }
    if (keys.some((k) => k.value !== keys[0].value || k.abs !== keys[0].abs)) {
      this.out.unsupported(
        ctx.position,
        `${typeName} (several right answers)`,
        ctx.title ?? ctx.stem,
      );
      return;
    }
    this.add(ctx, {
      type: 'numeric',
      stem: ctx.stem,
      answer: { value: keys[0].value, tolerance: { abs: keys[0].abs } },
      explanation: this.explanation(
        ctx.generalFeedback,
        ...new Set(keys.map((k) => k.feedback)),
        otherFeedback === '' ? null : `Any other answer: ${otherFeedback}`,
      ),
      ...this.common(tags),
    });
  }

  /** `3.5`, `3.5:0.1` or `1..5` → value and absolute tolerance; null after a problem. */
  private numericKey(block: Block, a: Answer): { value: number; abs: number } | null {
    const spec = unescapeGift(a.text).trim();
    const bad = (what: string) => {
      this.error(
        block,
        a.offset,
        `${what}; expected a numerical answer like 3.5, 3.5:0.1 (value:tolerance) or 1..5 (min..max)`,
      );
      return null;
    };
    if (spec === '') return bad('an answer has no number');
    const range = spec.indexOf('..');
    if (range >= 0) {
      const min = parseDecimal(spec.slice(0, range));
      const max = parseDecimal(spec.slice(range + 2));
      if (min === null || max === null) return bad(`"${excerpt(spec, 40)}" is not a number range`);
      if (min > max) return bad(`the range ${spec} has its minimum above its maximum`);
      return { value: tidyNumber((min + max) / 2), abs: tidyNumber((max - min) / 2) };
    }
    const colon = spec.indexOf(':');
    const value = parseDecimal(colon < 0 ? spec : spec.slice(0, colon));
    if (value === null)
      return bad(`"${excerpt(colon < 0 ? spec : spec.slice(0, colon), 40)}" is not a number`);
    if (colon < 0) return { value, abs: 0 };
    const abs = parseDecimal(spec.slice(colon + 1));
    if (abs === null || abs < 0) {
      return bad(`tolerance "${excerpt(spec.slice(colon + 1), 40)}" is not a non-negative number`);
    }
    return { value, abs };
  }

  /**
   * A short answer as Moodle's GIFT import makes it: every `=` answer (text trimmed, weight 100
   * unless `%n%` says otherwise) in order, letter case ignored; blank answers are left out.
   */
  private shortAnswer(ctx: QuestionContext): void {
    const answers = this.answers(ctx, '=', '=', true);
    if (answers === null) return;
    const accepted = answers
      .map((a) => ({ a, value: unescapeGift(a.text).trim() }))
      .filter(({ value }) => value !== '');
    if (accepted.length === 0) {
      this.error(ctx.block, ctx.open, 'no answer: write answers as =right or ~wrong');
      return;
    }
    if (!accepted.some(({ a }) => a.weight === 100)) {
      this.error(
        ctx.block,
        ctx.open,
        `${questionName(ctx)}: no answer scores 100%; Moodle needs one and refuses the file`,
      );
      return;
    }
    if (accepted.length > MAX_TEXT_ANSWERS) {
      this.error(
        ctx.block,
        ctx.open,
        `a short answer takes at most ${MAX_TEXT_ANSWERS} accepted answers, found ${accepted.length}`,
      );
      return;
    }
    const negative = accepted.some(({ a }) => a.weight < 0);
    this.add(ctx, {
      type: 'short',
      stem: ctx.stem,
      answer: {
        text: accepted.map(({ a, value }) =>
          textAnswerOf(
            value,
            a.weight,
            a.feedback === null ? '' : convertText(a.feedback, ctx.format),
          ),
        ),
      },
      explanation: this.explanation(ctx.generalFeedback),
      ...this.common(negative ? ['negative-credit-dropped'] : []),
    });
  }
}

interface QuestionContext {
  readonly block: Block;
  readonly position: string;
  readonly title: string | null;
  /** From the comment lines (`// [id:…] [tag:…]`); `''` and `[]` when there are none. */
  readonly idNumber: string;
  readonly tags: readonly string[];
  readonly stem: string;
  readonly format: TextFormat;
  readonly generalFeedback: string | null;
  /** Offset of the `{` that opens the answers (problems about the answers as a whole). */
  readonly open: number;
  /** The answers' raw text is `block.text[from, to)` (general feedback excluded). */
  readonly from: number;
  readonly to: number;
}

/** How a problem names its question: by title, else by the start of its text. */
function questionName(ctx: QuestionContext): string {
  return `question "${ctx.title ?? excerpt(ctx.stem, 40)}"`;
}

/** Option ids of converted choice questions: `a`, `b`, … `z`, `aa`, `ab`, … */
export function optionId(index: number): string {
  let id = '';
  let n = index;
  do {
    id = String.fromCharCode(97 + (n % 26)) + id;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return id;
}

/**
 * Reads a GIFT file (see the module comment for what maps). Never throws for bad input: every
 * problem names its line (`line 14`), and a result with problems has `pack: null`.
 */
export function parseGift(text: string, options: ForeignImportOptions): ForeignImport {
  const out = new PackAssembler(options, FORMAT);
  if (text.length > MAX_FOREIGN_CHARS) {
    out.problem('(file)', `the file is larger than ${MAX_FOREIGN_CHARS} characters`);
    return out.finish();
  }
  const reader = new GiftReader(out);
  for (const block of splitBlocks(text.replace(/^\uFEFF/, ''))) {
    reader.read(block);
    if (out.full) break;
  }
  return out.finish();
}

/** Heuristic for `.txt` files: does this look like GIFT (answer braces, titles, categories)? */
export function looksLikeGift(text: string): boolean {
  const sample = text.slice(0, 200_000);
  return (
    /^[ \t]*(::|\$CATEGORY:)/m.test(sample) ||
    /\{\s*(?:[=~#]|T\s*\}|F\s*\}|TRUE\s*\}|FALSE\s*\})/.test(sample)
  );
}
