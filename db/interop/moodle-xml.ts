/**
 * Reading Moodle XML quiz files (`<quiz><question type="…">…</quiz>`) into a DeepDrill bank pack.
 *
 * Maps: `multichoice` with `<single>true</single>` and one answer at fraction 100 → `mcq`;
 * `multichoice` with `<single>false</single>` → `msq` whose key is the answers with a positive
 * fraction and whose options keep the fractions as weights, so it grades as Moodle grades it
 * (tagged `partial-credit`); `<shuffleanswers>` false, `0` or absent (Moodle's importer
 * reads absent as false) → every option pinned, so Moodle's order is kept; `truefalse` → `mcq`
 * with the options True and False, pinned in that order;
 * `numerical` → `numeric` (the fraction-100 answer and its absolute `<tolerance>`; a unit with
 * multiplier 1 becomes the answer-format hint); `shortanswer` → `short` (its answers in order
 * with their fractions as weights, a negative one as 0 tagged `negative-credit-dropped`, and
 * `<usecase>`); `category` pseudo-questions → topics (`$course$/top/Week 11/
 * Normalisation` → "Normalisation"). `<generalfeedback>` → explanation, per-answer `<feedback>` →
 * option feedback, `<name>` / `<idnumber>` → item id, `<tags>` → tags, `<hint>`s → the hint ladder
 * (their text only: `<shownumcorrect/>`, `<clearwrong/>` and `<options>` steer Moodle's
 * interactive behaviour and have no DeepDrill meaning; beyond three hints the rest are dropped and
 * the item tagged `hints-dropped`). Question text in
 * `html`, `moodle_auto_format`, `plain_text` or `markdown` is converted to Markdown (HTML is never
 * kept as HTML); images among a text's `<file>`s are kept as data URLs and what cannot be kept
 * (audio, video, large images, …) is listed as dropped (see `embedded-files.ts`).
 *
 * Not supported, listed with their element path (`quiz/question[7]`): essay, matching,
 * multianswer (cloze), ddwtos, gapselect, calculated*, description, ordering, random*, …
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
import { MAX_HINTS, MAX_TEXT_ANSWERS } from '../bank/schema';
import { MAX_OPTIONS, optionId } from './gift';
import { toMarkdown, type TextFormat } from './text';
import {
  droppedFromMoodleQuestion,
  holderFiles,
  imageSource,
  withLegacyImage,
} from './embedded-files';
import {
  DEFAULT_XML_LIMITS,
  XmlError,
  childElements,
  firstChild,
  parseXml,
  textContent,
  type XmlElement,
} from './xml';

export type { ForeignImport, ForeignImportOptions } from './foreign';

const FORMAT = 'Moodle XML';

/** Moodle's text format names → ours. Moodle's default for question parts is auto-format. */
function textFormat(name: string | undefined): TextFormat {
  switch ((name ?? '').trim().toLowerCase()) {
    case 'markdown':
      return 'markdown';
    case 'plain_text':
    case 'plain':
      return 'plain';
    case 'html':
      return 'html';
    default:
      return 'moodle';
  }
}

/** The `<text>` of a Moodle text holder (`<questiontext format="html"><text>…</text>`). */
function rawText(holder: XmlElement | undefined): string {
  if (holder === undefined) return '';
  const text = firstChild(holder, 'text');
  return text === undefined ? '' : textContent(text);
}

/** The text of a holder converted to Markdown using its `format` (or `fallback`). */
function markdownOf(holder: XmlElement | undefined, fallback: TextFormat = 'moodle'): string {
  if (holder === undefined) return '';
  const format = holder.attributes.has('format')
    ? textFormat(holder.attributes.get('format'))
    : fallback;
  return toMarkdown(rawText(holder), format, imageSource(holderFiles(holder)));
}

const FULL = 99.9999;

interface XmlAnswer {
  readonly path: string;
  readonly element: XmlElement;
  readonly fraction: number;
}

class MoodleReader {
  private category: string | null = null;

  constructor(private readonly out: PackAssembler) {}

  read(root: XmlElement): void {
    if (root.name !== 'quiz') {
      this.out.problem('(root)', `expected a <quiz> root element, found <${root.name}>`);
      return;
    }
    let index = 0;
    for (const question of childElements(root, 'question')) {
      index++;
      this.question(question, `quiz/question[${index}]`, index);
      if (this.out.full) break;
    }
  }

  private question(q: XmlElement, path: string, index: number): void {
    const type = q.attributes.get('type')?.trim();
    if (type === undefined || type === '') {
      this.out.problem(path, 'missing the type attribute (type="multichoice", …)');
      return;
    }
    if (type === 'category') {
      this.category = rawText(firstChild(q, 'category')).trim() || null;
      return;
    }
    const name = rawText(firstChild(q, 'name')).trim();
    const label = () =>
      name ||
      excerpt(
        rawText(firstChild(q, 'questiontext'))
          .slice(0, 2000)
          .replace(/<[^<>]*>/g, ' '),
      );
    switch (type) {
      case 'multichoice':
      case 'truefalse':
      case 'numerical':
      case 'shortanswer':
        break;
      default:
        this.out.unsupported(path, type, label());
        return;
    }
    const stemHolder = withLegacyImage(q, firstChild(q, 'questiontext'));
    const stem = markdownOf(stemHolder);
    if (stem === '') {
      this.out.problem(`${path}/questiontext`, 'the question has no text');
      return;
    }
    const answers = this.answers(q, path, name || excerpt(stem, 40));
    if (answers === null) return;
    const format = textFormat(stemHolder?.attributes.get('format'));
    const ctx: QuestionContext = {
      q,
      path,
      index,
      name,
      stem,
      format,
      general: markdownOf(firstChild(q, 'generalfeedback')),
      answers,
      hints: hintTexts(q, format),
    };
    switch (type) {
      case 'multichoice':
        this.multichoice(ctx);
        break;
      case 'truefalse':
        this.trueFalse(ctx);
        break;
      case 'numerical':
        this.numerical(ctx);
        break;
      case 'shortanswer':
        this.shortAnswer(ctx);
        break;
    }
  }

  private answers(q: XmlElement, path: string, name: string): XmlAnswer[] | null {
    const out: XmlAnswer[] = [];
    let j = 0;
    for (const element of childElements(q, 'answer')) {
      j++;
      const at = `${path}/answer[${j}]`;
      const raw = element.attributes.get('fraction') ?? '0';
      const fraction = parseDecimal(raw);
      if (fraction === null || fraction < -100 || fraction > 100) {
        this.out.problem(at, `fraction "${excerpt(raw, 20)}" is not a percentage from -100 to 100`);
        return null;
      }
      const refused = moodleGradeProblem(fraction);
      if (refused !== null) {
        this.out.problem(at, `question "${name}": ${refused}`);
        return null;
      }
      out.push({ path: at, element, fraction });
    }
    return out;
  }

  private common(ctx: QuestionContext, extraTags: readonly string[]) {
    const tags = [
      'imported',
      'moodle',
      ...extraTags,
      ...(ctx.hints.length > MAX_HINTS ? ['hints-dropped'] : []),
    ];
    for (const tag of childElements(firstChild(ctx.q, 'tags') ?? ctx.q, 'tag')) {
      const text = rawText(tag).trim().slice(0, 60);
      if (text !== '' && !tags.includes(text) && tags.length < 30) tags.push(text);
    }
    return { difficulty: DEFAULT_DIFFICULTY, tags, source: this.out.source() };
  }

  private explanation(...parts: string[]): string {
    const text = parts.filter((p) => p !== '').join('\n\n');
    return text === '' ? noExplanation(FORMAT) : text;
  }

  private add(ctx: QuestionContext, draft: DraftItem): void {
    const idnumber = firstChild(ctx.q, 'idnumber');
    const hints = ctx.hints.slice(0, MAX_HINTS);
    const item = hints.length > 0 ? { ...draft, hints } : draft;
    this.out.dropped(ctx.path, ctx.name || ctx.stem, droppedFromMoodleQuestion(ctx.q));
    this.out.gradingDropped(ctx.path, ctx.name || ctx.stem, draft.tags);
    this.out.addItem(item, this.out.topicFor(this.category), ctx.path, ctx.index, [
      idnumber === undefined ? null : textContent(idnumber).trim(),
      ctx.name,
    ]);
  }

  private options(ctx: QuestionContext): { id: string; text: string; feedback?: string }[] | null {
    const options: { id: string; text: string; feedback?: string }[] = [];
    for (const [k, a] of ctx.answers.entries()) {
      const text = markdownOf(a.element, ctx.format);
      if (text === '') {
        this.out.problem(a.path, 'the answer has no text');
        return null;
      }
      const feedback = markdownOf(firstChild(a.element, 'feedback'), ctx.format);
      options.push({ id: optionId(k), text, ...(feedback !== '' ? { feedback } : {}) });
    }
    return options;
  }

  /**
   * A yes/no element read as Moodle's importer reads it (`trans_single`): `false`, `0` or empty
   * is no, `true` or `1` yes (in any letter case), a missing element is `fallback`; anything
   * else is a problem (null).
   */
  private flag(ctx: QuestionContext, name: string, fallback: boolean): boolean | null {
    const element = firstChild(ctx.q, name);
    if (element === undefined) return fallback;
    const value = textContent(element).trim().toLowerCase();
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0' || value === '') return false;
    this.out.problem(
      `${ctx.path}/${name}`,
      `expected true or false, found "${excerpt(value, 20)}"`,
    );
    return null;
  }

  private multichoice(ctx: QuestionContext): void {
    if (ctx.answers.length < 2 || ctx.answers.length > MAX_OPTIONS) {
      this.out.problem(
        ctx.path,
        `a multichoice question needs 2 to ${MAX_OPTIONS} <answer> elements, found ${ctx.answers.length}`,
      );
      return;
    }
    const read = this.options(ctx);
    if (read === null) return;
    const single = this.flag(ctx, 'single', true);
    const shuffle = this.flag(ctx, 'shuffleanswers', false);
    if (single === null || shuffle === null) return;
    // Shuffling off: every option keeps its place, so the quiz shows Moodle's order.
    const options = shuffle ? read : read.map((o) => ({ ...o, pin: true }));
    const tags: string[] = [];
    let correct: string[];
    if (single) {
      correct = options.filter((_, k) => ctx.answers[k].fraction >= FULL).map((o) => o.id);
      if (correct.length === 0) {
        this.out.problem(
          ctx.path,
          'no answer has fraction="100"; a single-answer question needs one',
        );
        return;
      }
      if (correct.length > 1) {
        this.out.unsupported(ctx.path, 'multichoice (several right answers)', ctx.name || ctx.stem);
        return;
      }
      if (ctx.answers.some((a) => a.fraction > 0 && a.fraction < FULL)) {
        tags.push('partial-credit-dropped');
      }
    } else {
      correct = options.filter((_, k) => ctx.answers[k].fraction > 0).map((o) => o.id);
      if (correct.length === 0) {
        this.out.problem(ctx.path, 'no answer has a positive fraction; mark the right answers');
        return;
      }
      const sum = multiAnswerSumProblem(ctx.answers.map((a) => a.fraction));
      if (sum !== null) {
        this.out.problem(ctx.path, `question "${ctx.name || excerpt(ctx.stem, 40)}": ${sum}`);
        return;
      }
      tags.push('partial-credit');
    }
    this.add(ctx, {
      type: single ? 'mcq' : 'msq',
      stem: ctx.stem,
      // A multiple-answer question keeps Moodle's fractions: it grades as Moodle grades it.
      options: single
        ? options
        : options.map((o, k) => ({ ...o, weight: tidyNumber(ctx.answers[k].fraction / 100) })),
      answer: correct,
      explanation: this.explanation(ctx.general),
      ...this.common(ctx, tags),
    });
  }

  private trueFalse(ctx: QuestionContext): void {
    const find = (value: string) =>
      ctx.answers.find((a) => rawText(a.element).trim().toLowerCase() === value);
    const yes = find('true');
    const no = find('false');
    if (yes === undefined || no === undefined || ctx.answers.length !== 2) {
      this.out.problem(
        ctx.path,
        'a truefalse question needs one answer "true" and one answer "false"',
      );
      return;
    }
    const right = yes.fraction >= FULL ? yes : no.fraction >= FULL ? no : undefined;
    if (right === undefined) {
      this.out.problem(ctx.path, 'neither "true" nor "false" has fraction="100"');
      return;
    }
    this.add(ctx, {
      type: 'mcq',
      stem: ctx.stem,
      options: trueFalseOptions((value) =>
        markdownOf(firstChild((value ? yes : no).element, 'feedback'), ctx.format),
      ),
      answer: [right === yes ? 'true' : 'false'],
      explanation: this.explanation(ctx.general),
      ...this.common(ctx, ['true-false']),
    });
  }

  private numerical(ctx: QuestionContext): void {
    const keys: Key[] = [];
    for (const a of ctx.answers) {
      const text = rawText(a.element).trim();
      if (text === '*' || (a.fraction < FULL && text === '')) continue;
      const value = parseDecimal(text);
      if (value === null) {
        this.out.problem(`${a.path}/text`, `"${excerpt(text, 30)}" is not a number`);
        return;
      }
      const toleranceElement = firstChild(a.element, 'tolerance');
      const toleranceText =
        toleranceElement === undefined ? '0' : textContent(toleranceElement).trim() || '0';
      const abs = parseDecimal(toleranceText);
      if (abs === null || abs < 0) {
        this.out.problem(
          `${a.path}/tolerance`,
          `"${excerpt(toleranceText, 30)}" is not a non-negative number`,
        );
        return;
      }
      if (a.fraction >= FULL) {
        keys.push({
          value,
          abs: Math.abs(abs),
          feedback: markdownOf(firstChild(a.element, 'feedback'), ctx.format),
        });
      }
    }
    let answerFormat: string | undefined;
    for (const unit of childElements(firstChild(ctx.q, 'units') ?? ctx.q, 'unit')) {
      const multiplier = parseDecimal(textContent(firstChild(unit, 'multiplier') ?? unit));
      const name = textContent(firstChild(unit, 'unit_name') ?? unit).trim();
      if (multiplier === 1 && name !== '') {
        answerFormat = `A number in ${excerpt(name, 40)} (type the number only)`;
        break;
      }
    }
    this.addNumeric(ctx, keys, 'numerical', [], answerFormat);
  }

  /**
   * A shortanswer as Moodle's XML import makes it: `<usecase>` (absent: ignore case), the answers
   * in file order with their text trimmed; a blank answer is left out, as Moodle's save does.
   */
  private shortAnswer(ctx: QuestionContext): void {
    const caseSensitive = this.flag(ctx, 'usecase', false);
    if (caseSensitive === null) return;
    const accepted = ctx.answers
      .map((a) => ({ a, value: rawText(a.element).trim() }))
      .filter(({ value }) => value !== '');
    if (!accepted.some(({ a }) => a.fraction >= FULL)) {
      this.out.problem(
        ctx.path,
        `question "${ctx.name || excerpt(ctx.stem, 40)}": no answer has fraction="100"; Moodle needs one and refuses the file`,
      );
      return;
    }
    if (accepted.length > MAX_TEXT_ANSWERS) {
      this.out.problem(
        ctx.path,
        `a shortanswer takes at most ${MAX_TEXT_ANSWERS} answers here, found ${accepted.length}`,
      );
      return;
    }
    const negative = accepted.some(({ a }) => a.fraction < 0);
    this.add(ctx, {
      type: 'short',
      stem: ctx.stem,
      answer: {
        text: accepted.map(({ a, value }) =>
          textAnswerOf(
            value,
            a.fraction,
            markdownOf(firstChild(a.element, 'feedback'), ctx.format),
          ),
        ),
        ...(caseSensitive ? { caseSensitive: true } : {}),
      },
      explanation: this.explanation(ctx.general),
      ...this.common(ctx, negative ? ['negative-credit-dropped'] : []),
    });
  }

  private addNumeric(
    ctx: QuestionContext,
    keys: readonly Key[],
    typeName: string,
    tags: string[],
    answerFormat?: string,
  ): void {
    if (keys.length === 0) {
      this.out.problem(ctx.path, 'no answer has fraction="100"; a numeric question needs one');
      return;
    }
    if (keys.some((k) => k.value !== keys[0].value || k.abs !== keys[0].abs)) {
      this.out.unsupported(ctx.path, `${typeName} (several right answers)`, ctx.name || ctx.stem);
      return;
    }
    this.add(ctx, {
      type: 'numeric',
      stem: ctx.stem,
      answer: { value: keys[0].value, tolerance: { abs: keys[0].abs } },
      ...(answerFormat !== undefined ? { answerFormat } : {}),
      explanation: this.explanation(ctx.general, keys[0].feedback),
      ...this.common(ctx, tags),
    });
  }
}

interface Key {
  readonly value: number;
  readonly abs: number;
  readonly feedback: string;
}

interface QuestionContext {
  readonly q: XmlElement;
  readonly path: string;
  readonly index: number;
  readonly name: string;
  readonly stem: string;
  readonly format: TextFormat;
  readonly general: string;
  readonly answers: readonly XmlAnswer[];
  /** Every non-empty `<hint>` as Markdown, in file order (the pack keeps the first three). */
  readonly hints: readonly string[];
}

/**
 * The texts of a question's `<hint>` elements as Moodle's importer reads them (`import_hint`):
 * the hint's own `<text>` and `format`, or, in files from Moodle 2.0, its `<hintcontent>`'s; the
 * question text's format when none is given. A hint with no text is left out: it has nothing to
 * show a learner.
 */
function hintTexts(q: XmlElement, questionFormat: TextFormat): string[] {
  const texts: string[] = [];
  for (const hint of childElements(q, 'hint')) {
    const text = markdownOf(firstChild(hint, 'hintcontent') ?? hint, questionFormat);
    if (text !== '') texts.push(text);
  }
  return texts;
}

/**
 * Reads a Moodle XML quiz file (see the module comment for what maps). Never throws for bad
 * input: XML errors name their line and column, conversion errors their element path
 * (`quiz/question[7]/answer[2]`), and a result with problems has `pack: null`.
 */
export function parseMoodleXml(text: string, options: ForeignImportOptions): ForeignImport {
  const out = new PackAssembler(options, FORMAT);
  let root: XmlElement;
  try {
    root = parseXml(text, { ...DEFAULT_XML_LIMITS, maxChars: MAX_FOREIGN_CHARS });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    out.problem(
      `line ${error.line}, column ${error.column}`,
      error.message.replace(/^line \d+, column \d+: /, ''),
    );
    return out.finish();
  }
  new MoodleReader(out).read(root);
  return out.finish();
}
