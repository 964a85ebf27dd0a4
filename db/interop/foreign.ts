/**
 * What the foreign-format readers (GIFT, Moodle XML) share: the result type, the options, and
 * the assembly of converted questions into a DeepDrill bank pack that is validated like any other
 * pack before it is handed back. A result is never partial: either the pack of every supported
 * question (plus the list of unsupported ones) or `pack: null` and the problems.
 */
import type { BankItemInput, BankPackInput } from '../bank/schema';
import { MAX_PACK_BYTES, MAX_PACK_ITEMS, MAX_PROBLEMS, validatePack } from '../bank/validate';
import { limitQuestionImages } from './embedded-files';

/** One thing wrong with a foreign file: where (`line 14`, `quiz/question[7]`) and what. */
export interface ForeignProblem {
  readonly path: string;
  readonly message: string;
}

/** What each `*-dropped` tag of an imported question means for its grading. */
const gradingLosses: Readonly<Record<string, string>> = {
  'partial-credit-dropped':
    'partial credit for a wrong option (a single-answer question here scores right or wrong)',
  'negative-credit-dropped': 'a negative grade (answers here score 0 at least)',
  'hints-dropped': 'hints beyond the third',
};

/** A question of a type DeepDrill cannot represent; listed, never silently dropped. */
export interface UnsupportedQuestion {
  /** `line 14` (GIFT) or `quiz/question[7]` (Moodle XML). */
  readonly position: string;
  /** The foreign type name: `essay`, `matching`, `missing word`, `calculated`, … */
  readonly type: string;
  /** The question's title, or the start of its text. */
  readonly title: string;
}

/**
 * Content of an imported question that could not be kept (the question itself was): audio,
 * video, an image too large, of a type not shown, on the web or missing (see
 * `embedded-files.ts`). Listed so the import report can say what is missing.
 */
export interface DroppedContent {
  /** `line 14` (GIFT) or `quiz/question[7]` (Moodle XML). */
  readonly position: string;
  /** The question's title, or the start of its text. */
  readonly title: string;
  /** What was dropped: `audio sound.mp3`, `image web.png (on the web; …)`, … */
  readonly what: string;
}

/**
 * Outcome of reading a foreign bank file. `pack` is the bank pack of every supported question
 * (validated: it passes `bankPackSchema` and the cross-field rules) or null when there are
 * problems. `unsupported` lists the questions left out; the caller decides whether to import
 * the rest.
 */
export interface ForeignImport {
  readonly pack: BankPackInput | null;
  readonly problems: readonly ForeignProblem[];
  /** The first {@link MAX_LISTED_UNSUPPORTED} questions left out; `unsupportedCount` counts all. */
  readonly unsupported: readonly UnsupportedQuestion[];
  readonly unsupportedCount: number;
  /** The first {@link MAX_LISTED_UNSUPPORTED} contents dropped from kept questions (none: absent). */
  readonly dropped?: readonly DroppedContent[];
  /** All contents dropped; `dropped` lists the first of them. */
  readonly droppedCount?: number;
}

/** Options of the foreign readers. */
export interface ForeignImportOptions {
  /** Id of the bank pack to produce (letters, digits, `.`, `_`, `-`). */
  readonly bankId: string;
  /** Title of the bank pack. */
  readonly title: string;
  /** File name for `source` (`GIFT import: week11.gift`); default: the title. */
  readonly fileName?: string;
  /** Licence of the pack; default: a note that the licence was not given. */
  readonly license?: string;
}

/** Largest foreign file accepted, in characters (the same bound as a JSON pack). */
export const MAX_FOREIGN_CHARS = MAX_PACK_BYTES;

/**
 * Questions left out that are listed by position and type; the rest are only counted, so a file
 * of millions of unsupported questions costs a count, not a list of millions.
 */
export const MAX_LISTED_UNSUPPORTED = 200;

/** Explanation given to questions that came without any feedback (the pack requires one). */
export function noExplanation(formatName: string): string {
  return `Imported from ${formatName}; no explanation was provided.`;
}

/** Difficulty given to imported questions (the foreign formats have none). */
export const DEFAULT_DIFFICULTY = 3;

const SLUG_MAX = 120;
const packId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * A pack id fragment from free text: lower case ASCII letters and digits joined by `-`
 * (accents dropped), at most `max` characters, or `''` when nothing is left.
 */
export function slugify(text: string, max = 60): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  let out = '';
  let dash = false;
  for (const c of ascii) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && out !== '') out += '-';
      out += c;
      dash = false;
      if (out.length >= max) break;
    } else dash = true;
  }
  return out.slice(0, max).replace(/-+$/, '');
}

const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number as the foreign formats write it (`3.5`, `-2`, `.5`, `1e-3`), or null. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed.length > 64 || !numberPattern.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * The grades Moodle allows on an answer (`question_bank::fraction_options_full()`), as fractions;
 * their negatives are allowed too.
 */
export const MOODLE_FRACTIONS: readonly number[] = [
  1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667,
  0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0,
];

/**
 * Is `percent` a grade Moodle's importer accepts? It matches each grade against the list within
 * 0.00001 as a fraction (`match_grade_options` in its default "error" mode) and refuses the whole
 * file when one does not match.
 */
export function isMoodleGrade(percent: number): boolean {
  const fraction = Math.abs(percent) / 100;
  return MOODLE_FRACTIONS.some((f) => Math.abs(fraction - f) < 0.00001);
}

/** Why Moodle would refuse this grade, or null when it accepts it. */
export function moodleGradeProblem(percent: number): string | null {
  if (isMoodleGrade(percent)) return null;
  const allowed = MOODLE_FRACTIONS.filter((f) => f > 0)
    .map((f) => `${tidyNumber(f * 100)}`)
    .join(', ');
  return `grade ${tidyNumber(percent)}% is not one Moodle allows (${allowed}, 0 or minus one of these); Moodle refuses the file`;
}

/**
 * Why Moodle would refuse a multiple-answer question with these answer grades (in %), or null:
 * its right answers' grades must add up to 100% (Moodle rounds the sum of the fractions to two
 * decimals, so three answers at 33.33333% pass).
 */
export function multiAnswerSumProblem(percents: readonly number[]): string | null {
  const total = percents.filter((p) => p > 0).reduce((sum, p) => sum + p, 0);
  if (Math.round(total) === 100) return null;
  return `the positive grades add up to ${tidyNumber(total)}%; Moodle needs exactly 100% for a multiple-answer question and refuses the file`;
}

/**
 * One accepted answer of an imported short answer: Moodle's grade (in %) as its weight, a
 * negative grade as 0 (DeepDrill scores 0…1), 100 % left implicit, empty feedback left out.
 */
export function textAnswerOf(
  value: string,
  percent: number,
  feedback: string,
): { value: string; weight?: number; feedback?: string } {
  const weight = Math.max(0, tidyNumber(percent / 100));
  return { value, ...(weight !== 1 ? { weight } : {}), ...(feedback !== '' ? { feedback } : {}) };
}

/** Rounds away the binary noise of `(a + b) / 2` and similar (12 significant digits). */
export function tidyNumber(x: number): number {
  if (x === 0) return 0;
  const rounded = Number(x.toPrecision(12));
  return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * The options of a converted true/false question, True first and both pinned: Moodle's
 * true/false questions have no shuffle setting and always show True, then False.
 */
export function trueFalseOptions(
  feedback: (value: boolean) => string,
): { id: string; text: string; feedback?: string; pin: true }[] {
  return [true, false].map((value) => {
    const text = feedback(value);
    return {
      id: value ? 'true' : 'false',
      text: value ? 'True' : 'False',
      ...(text !== '' ? { feedback: text } : {}),
      pin: true,
    };
  });
}

/** A short one-line title from a question text, for the unsupported list and messages. */
export function excerpt(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** A converted question before ids are assigned: everything but `id` and `topic`. */
export type DraftItem =
  Extract<BankItemInput, { type: 'mcq' | 'msq' | 'numeric' | 'short' }> extends infer T
    ? T extends unknown
      ? Omit<T, 'id' | 'topic'>
      : never
    : never;

/**
 * Collects topics, items, problems and unsupported questions while a reader walks a file, and
 * turns them into a {@link ForeignImport}. Topic ids are `<bankId>.<slug of the category path>`
 * so that two banks never claim the same topic id; item ids come from the question's id number
 * or title (`::title::`, `<name>`), else `q<N>` (N = the question's ordinal in the file), made
 * unique with `-2`, `-3`, ….
 */
export class PackAssembler {
  private readonly topics = new Map<string, string>();
  private readonly items: BankItemInput[] = [];
  private readonly positions: string[] = [];
  private readonly itemIds = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();
  private readonly problemList: ForeignProblem[] = [];
  private readonly unsupportedList: UnsupportedQuestion[] = [];
  private unsupportedCount = 0;
  private problemCount = 0;
  private readonly droppedList: DroppedContent[] = [];
  private droppedCount = 0;
  /** Set when the file has more questions than {@link MAX_PACK_ITEMS}: readers stop. */
  full = false;

  constructor(
    private readonly options: ForeignImportOptions,
    private readonly formatName: string,
  ) {}

  /** The topic id for a category path (`$course$/top/Week 11/Normalisation`); null = default. */
  topicFor(categoryPath: string | null): string {
    // Moodle writes a "/" inside a category name as "//".
    const segments = (categoryPath ?? '')
      .split(/(?<!\/)\/(?!\/)/)
      .map((s) => s.replace(/\/\//g, '/').trim())
      .filter((s) => s !== '' && !/^\$\w*\$$/.test(s));
    if (segments.length > 1 && segments[0].toLowerCase() === 'top') segments.shift();
    const path = segments.join('/');
    const slug = slugify(path, SLUG_MAX) || 'general';
    const id = `${this.options.bankId}.${slug}`.slice(0, SLUG_MAX).replace(/[-.]+$/, '');
    if (!this.topics.has(id)) {
      const last = segments.length > 0 ? segments[segments.length - 1] : 'General';
      this.topics.set(id, last.slice(0, 200));
    }
    return id;
  }

  /** Adds a converted question; `position` (`line 3`, `quiz/question[2]`) names it in messages. */
  addItem(
    draft: DraftItem,
    topic: string,
    position: string,
    ordinal: number,
    preferredIds: readonly (string | null | undefined)[],
  ): void {
    // A pack's limit, checked while reading: the reader stops at the first question over it,
    // so memory stays bounded whatever the file holds.
    if (this.items.length >= MAX_PACK_ITEMS) {
      if (!this.full) {
        this.full = true;
        this.problem(
          position,
          `the file has more than ${MAX_PACK_ITEMS} questions; split it into smaller files`,
        );
      }
      return;
    }
    let base = '';
    for (const candidate of preferredIds) {
      if (candidate === null || candidate === undefined) continue;
      // An id that is already a valid item id (e.g. from a DeepDrill export) is kept as it is.
      base = packId.test(candidate) ? candidate : slugify(candidate, 80);
      if (base !== '') break;
    }
    if (base === '') base = `q${ordinal}`;
    let id = base;
    if (this.itemIds.has(id)) {
      let n = this.nextSuffix.get(base) ?? 2;
      while (this.itemIds.has(`${base}-${n}`)) n++;
      id = `${base}-${n}`;
      this.nextSuffix.set(base, n + 1);
    }
    this.itemIds.add(id);
    // A question's images together stay within what one question may carry.
    const limited = limitQuestionImages(draft);
    this.dropped(position, id, limited.dropped);
    this.items.push({ id, topic, ...limited.item } as BankItemInput);
    this.positions.push(position);
  }

  /**
   * Records what the grading of a kept question lost in the import, as its `*-dropped` tags
   * say: Moodle would score it differently, so the learner is told, not only the tag.
   */
  gradingDropped(position: string, title: string, tags: readonly string[]): void {
    this.dropped(
      position,
      title,
      tags.flatMap((tag) => (tag in gradingLosses ? [gradingLosses[tag]] : [])),
    );
  }

  /** Records what a kept question lost (`what`, one entry each); see {@link DroppedContent}. */
  dropped(position: string, title: string, what: readonly string[]): void {
    for (const entry of what) {
      this.droppedCount++;
      if (this.droppedList.length < MAX_LISTED_UNSUPPORTED) {
        this.droppedList.push({ position, title: excerpt(title) || '(untitled)', what: entry });
      }
    }
  }

  /** Records a problem (counted beyond {@link MAX_PROBLEMS}, listed up to it). */
  problem(path: string, message: string): void {
    this.problemCount++;
    if (this.problemList.length < MAX_PROBLEMS) this.problemList.push({ path, message });
  }

  /** Records a question of a type DeepDrill does not support. */
  unsupported(position: string, type: string, title: string): void {
    this.unsupportedCount++;
    if (this.unsupportedList.length < MAX_LISTED_UNSUPPORTED) {
      this.unsupportedList.push({ position, type, title: excerpt(title) || '(untitled)' });
    }
  }

  get hasProblems(): boolean {
    return this.problemCount > 0;
  }

  /** The standard `source` of an imported item. */
  source(): string {
    return `${this.formatName} import: ${this.options.fileName ?? this.options.title}`.slice(
      0,
      500,
    );
  }

  /**
   * The result: problems if any were recorded, or if the assembled pack fails validation (its
   * problems are re-addressed to the question's position in the file), else the pack.
   */
  finish(): ForeignImport {
    const unsupported = this.unsupportedList;
    const unsupportedCount = this.unsupportedCount;
    if (!this.hasProblems && this.items.length === 0) {
      this.problem(
        '(file)',
        unsupportedCount > 0
          ? `no question could be converted: all ${unsupportedCount} are of types DeepDrill does not support`
          : `no question found; expected ${this.formatName} questions`,
      );
    }
    if (this.hasProblems) {
      return { pack: null, problems: this.problemsOut(), unsupported, unsupportedCount };
    }
    const usedTopics = new Set(this.items.map((i) => i.topic));
    const pack: BankPackInput = {
      format: 'deepdrill-bank',
      version: 1,
      id: this.options.bankId,
      title: this.options.title.slice(0, 200) || 'Imported questions',
      license:
        this.options.license ??
        `Not stated (imported from ${this.formatName}); check before sharing`,
      topics: [...this.topics]
        .filter(([id]) => usedTopics.has(id))
        .map(([id, title]) => ({ id, title: title || 'General' })),
      items: this.items,
    };
    const validation = validatePack(pack);
    if (validation.ok) {
      const dropped =
        this.droppedCount > 0 ? { dropped: this.droppedList, droppedCount: this.droppedCount } : {};
      return { pack, problems: [], unsupported, unsupportedCount, ...dropped };
    }
    for (const p of validation.problems) {
      const match = /^items\[(\d+)\](.*)$/.exec(p.path);
      if (match !== null) {
        const index = Number(match[1]);
        const field = match[2].replace(/^\./, '');
        this.problem(
          this.positions[index] ?? p.path,
          `${field === '' ? '' : `${field}: `}${p.message}`,
        );
      } else this.problem(p.path, p.message);
    }
    return { pack: null, problems: this.problemsOut(), unsupported, unsupportedCount };
  }

  private problemsOut(): ForeignProblem[] {
    if (this.problemCount <= this.problemList.length) return this.problemList;
    return [
      ...this.problemList,
      {
        path: '(file)',
        message: `… and ${this.problemCount - this.problemList.length} more problems (fix these first)`,
      },
    ];
  }
}
