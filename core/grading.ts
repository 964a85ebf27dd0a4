/**
 * Grading of one response against a resolved question: single choice, multiple select (two
 * rules, or Moodle's per-option weights), numeric entry (scalars, vectors, matrices) with
 * tolerant parsing of what learners type, and short answers matched as Moodle matches them.
 * Pure functions over plain data.
 */
import type {
  ChoiceOption,
  Misconception,
  MisconceptionKey,
  MsqRule,
  NumericKey,
  ResolvedQuestion,
  Response,
  TextAnswer,
  TextKey,
  Tolerance,
} from './types';
import { unreachable } from './types';

/** Outcome of grading one response. */
export interface GradeResult {
  /** 0–1. */
  readonly score: number;
  /** Fully right (score 1). */
  readonly correct: boolean;
  /** The named mistake the response reveals, if any (from the first wrong option picked). */
  readonly misconception: Misconception | null;
}

const wrong: GradeResult = { score: 0, correct: false, misconception: null };

/**
 * Grades `response` against `question`.
 *
 * - **mcq**: score 1 iff exactly one option is picked and it is the correct one; otherwise 0.
 * - **msq**, rule `all-or-nothing`: score 1 iff the set of picked options equals the set of
 *   correct options; otherwise 0.
 * - **msq**, rule `partial`: with C the correct options, each correct pick adds 1/|C| and each
 *   wrong pick subtracts 1/|C|; the total is clamped to [0, 1]:
 *   `score = clamp((|picked ∩ C| − |picked \ C|) / |C|, 0, 1)`. Picking everything therefore
 *   scores no more than picking nothing unless more than half the options are correct.
 *   `correct` is true only for the exact set (score 1).
 * - **msq** whose options carry weights (Moodle fractions): see {@link gradeWeightedMultiSelect};
 *   the weights decide, whatever the rule.
 * - **numeric**: see {@link gradeNumeric}; all-or-nothing.
 * - **short**: see {@link gradeShortAnswer}; the first accepted answer matched gives its weight.
 *
 * Picks are a set: order and duplicates do not matter. Unknown option ids count as wrong picks.
 * A response of the wrong kind (text for a choice question, …) scores 0. The misconception is
 * that of the first wrongly picked option (in display order) that names one.
 */
export function gradeResponse(
  question: ResolvedQuestion,
  response: Response,
  msqRule: MsqRule,
): GradeResult {
  switch (question.kind) {
    case 'mcq':
      return response.kind === 'choice'
        ? gradeSingleChoice(question.options ?? [], response.optionIds)
        : wrong;
    case 'msq': {
      if (response.kind !== 'choice') return wrong;
      const options = question.options ?? [];
      return options.some((o) => o.weight !== undefined)
        ? gradeWeightedMultiSelect(options, response.optionIds)
        : gradeMultiSelect(options, response.optionIds, msqRule);
    }
    case 'short':
      return response.kind === 'text' && question.text !== undefined
        ? gradeShortAnswer(question.text, response.text)
        : wrong;
    case 'numeric':
      return response.kind === 'numeric' && question.numeric !== undefined
        ? gradeNumeric(question.numeric, response.text, {
            misconceptions: question.misconceptionKeys,
            perElement: msqRule === 'partial',
          })
        : wrong;
    default:
      throw unreachable(question.kind);
  }
}

/** The misconception of the first wrongly picked option (display order) that names one. */
function revealedMisconception(
  options: readonly ChoiceOption[],
  picked: ReadonlySet<string>,
): Misconception | null {
  for (const option of options) {
    if (!option.correct && picked.has(option.id) && option.misconception !== undefined) {
      return { id: option.misconception.id, label: option.misconception.label };
    }
  }
  return null;
}

/** Single choice: 1 iff exactly the correct option is picked. */
export function gradeSingleChoice(
  options: readonly ChoiceOption[],
  optionIds: readonly string[],
): GradeResult {
  const picked = new Set(optionIds);
  const key = options.find((o) => o.correct);
  const correct = picked.size === 1 && key !== undefined && picked.has(key.id);
  return {
    score: correct ? 1 : 0,
    correct,
    misconception: correct ? null : revealedMisconception(options, picked),
  };
}

/** Multiple select under `rule` (see {@link gradeResponse} for the exact formulas). */
export function gradeMultiSelect(
  options: readonly ChoiceOption[],
  optionIds: readonly string[],
  rule: MsqRule,
): GradeResult {
  const picked = new Set(optionIds);
  const correctIds = new Set(options.filter((o) => o.correct).map((o) => o.id));
  let hits = 0;
  let misses = 0;
  for (const id of picked) {
    if (correctIds.has(id)) hits++;
    else misses++;
  }
  const exact = correctIds.size > 0 && hits === correctIds.size && misses === 0;
  let score: number;
  switch (rule) {
    case 'all-or-nothing':
      score = exact ? 1 : 0;
      break;
    case 'partial':
      score = correctIds.size === 0 ? 0 : clamp01((hits - misses) / correctIds.size);
      break;
    default:
      throw unreachable(rule);
  }
  if (exact) score = 1;
  return {
    score,
    correct: exact,
    misconception: exact ? null : revealedMisconception(options, picked),
  };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Moodle's line between right and partly right (`question_state::graded_state_for_fraction`):
 * a fraction above 0.999999 is right, so three picks at 33.33333% make full marks.
 */
const MOODLE_RIGHT = 0.999999;

/**
 * Multiple select with per-option weights, as Moodle grades a multiple-answer question
 * (`qtype_multichoice_multi_question::grade_response`): the sum of the weights of the picked
 * options (an option without a weight counts 0, unknown ids nothing), clamped to [0, 1]:
 * `score = clamp(Σ_{o picked} weight(o), 0, 1)`. Above 0.999999 the answer is right and scores
 * 1. So with right options at 50% + 50% and wrong ones at −50% and 0%, picking everything
 * scores clamp(0.5 + 0.5 − 0.5 + 0) = 0.5, and with wrong ones at 0% it scores 1.
 */
export function gradeWeightedMultiSelect(
  options: readonly ChoiceOption[],
  optionIds: readonly string[],
): GradeResult {
  const picked = new Set(optionIds);
  let sum = 0;
  for (const option of options) if (picked.has(option.id)) sum += option.weight ?? 0;
  const fraction = clamp01(sum);
  const correct = fraction > MOODLE_RIGHT;
  return {
    score: correct ? 1 : fraction,
    correct,
    misconception: correct ? null : revealedMisconception(options, picked),
  };
}

/** PHP's `trim()` set: space, tab, line feed, carriage return, NUL and vertical tab. */
// eslint-disable-next-line no-control-regex -- PHP's trim set includes NUL and vertical tab.
const PHP_TRIM = /^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Does `response` match the accepted answer `pattern`, as Moodle's
 * `qtype_shortanswer_question::compare_string_with_wildcard` decides? Both are normalised to
 * Unicode NFC; the pattern is split at runs of `*` not preceded by a backslash, each piece
 * taken literally (with `\*` read as a star) and the pieces joined by "any characters but a
 * line break"; the whole response, trimmed as PHP trims, must match, ignoring letter case unless
 * `caseSensitive`. Inner spaces count: `neural  net` (two spaces) does not match `neural net`.
 */
export function matchesShortAnswer(
  response: string,
  pattern: string,
  caseSensitive: boolean,
): boolean {
  const pieces = pattern.normalize('NFC').split(/(?<!\\)\*+/);
  const source = pieces.map((piece) => escapeRegExp(piece.replaceAll('\\*', '*'))).join('[^\\n]*');
  const regexp = new RegExp(`^${source}$`, caseSensitive ? 'u' : 'iu');
  return regexp.test(response.normalize('NFC').replace(PHP_TRIM, ''));
}

/** The first accepted answer `text` matches (Moodle's first-matching-answer strategy), or null. */
export function matchingTextAnswer(key: TextKey, text: string): TextAnswer | null {
  return key.answers.find((a) => matchesShortAnswer(text, a.value, key.caseSensitive)) ?? null;
}

/**
 * Short answer: the weight of the first accepted answer the text matches
 * ({@link matchesShortAnswer}), 0 when none does; right above 0.999999, as in Moodle.
 */
export function gradeShortAnswer(key: TextKey, text: string): GradeResult {
  const match = matchingTextAnswer(key, text);
  if (match === null) return wrong;
  const correct = match.weight > MOODLE_RIGHT;
  return { score: correct ? 1 : clamp01(match.weight), correct, misconception: null };
}

/**
 * An accepted answer as Moodle shows it as "the correct answer" (`clean_response`): each
 * unescaped `*` becomes a space, `\*` a star, the ends trimmed.
 */
export function displayTextAnswer(pattern: string): string {
  return pattern
    .split(/(?<!\\)\*/)
    .map((piece) => piece.replaceAll('\\*', '*'))
    .join(' ')
    .trim();
}

/** How {@link gradeNumeric} scores and diagnoses. */
export interface NumericGrading {
  /** The value each named misconception gives for this question (diagnosis of wrong answers). */
  readonly misconceptions?: readonly MisconceptionKey[];
  /** Vectors and matrices: credit per element right (`k/n`) instead of all-or-nothing. */
  readonly perElement?: boolean;
}

/** The numbers of a key, flattened. */
function keyValues(key: NumericKey): readonly number[] {
  return typeof key.value === 'number' ? [key.value] : key.value;
}

/** Does every number given match `key` within its tolerance? */
function matchesKey(given: readonly number[], key: NumericKey): boolean {
  const expected = keyValues(key);
  return (
    given.length === expected.length &&
    given.every((x, i) => withinTolerance(x, expected[i], key.tolerance))
  );
}

/**
 * Numeric entry: the text is parsed with {@link parseNumericAnswer}; it must give as many
 * numbers as the key has, and every number x with key k must satisfy
 * `|x − k| ≤ abs` or `|x − k| ≤ rel·|k|` (either tolerance passing is enough). Without any
 * tolerance the comparison allows only floating-point noise (`1e-9·max(1, |k|)`).
 * All-or-nothing by default; with `perElement` a vector or matrix with k of n elements right
 * scores k/n (`correct` only when all are). A wrong answer that equals, within the key's
 * tolerance, the value a named misconception gives is diagnosed as that misconception.
 */
export function gradeNumeric(
  key: NumericKey,
  text: string,
  grading: NumericGrading = {},
): GradeResult {
  const expected = keyValues(key);
  const parsed = parseNumericAnswer(text);
  if (!Array.isArray(parsed) || parsed.length !== expected.length) return wrong;
  const right = parsed.filter((x, i) => withinTolerance(x, expected[i], key.tolerance)).length;
  if (right === expected.length) return { score: 1, correct: true, misconception: null };
  const found = grading.misconceptions?.find((m) => matchesKey(parsed, m.key));
  return {
    score: grading.perElement === true && expected.length > 1 ? right / expected.length : 0,
    correct: false,
    misconception:
      found === undefined ? null : { id: found.misconception.id, label: found.misconception.label },
  };
}

/**
 * Why a typed answer cannot be graded as it stands (it does not read as numbers, or has the
 * wrong count for the key), or null. Checking refuses such an answer without counting it.
 */
export function numericEntryProblem(key: NumericKey, text: string): string | null {
  const parsed = parseNumericAnswer(text, keyValues(key).length);
  return Array.isArray(parsed) ? null : parsed.error;
}

/**
 * Bounds are inclusive: a difference that equals the tolerance in decimal arithmetic (0.07125
 * against 0.0713 ± 0.00005) passes although binary floating point makes it a hair larger.
 */
const BOUND_SLACK = 1 + 1e-9;

/** True when `given` is within the absolute or the relative tolerance of `expected`. */
export function withinTolerance(given: number, expected: number, tolerance: Tolerance): boolean {
  const diff = Math.abs(given - expected);
  if (!Number.isFinite(diff)) return false;
  if (tolerance.abs === undefined && tolerance.rel === undefined) {
    return diff <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  if (tolerance.abs !== undefined && diff <= tolerance.abs * BOUND_SLACK) return true;
  return tolerance.rel !== undefined && diff <= tolerance.rel * Math.abs(expected) * BOUND_SLACK;
}

/** Why a typed answer could not be read. */
export interface NumericParseError {
  readonly error: string;
}

const numberToken = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads what a learner typed as a list of numbers (row-major for matrices), or explains why it
 * cannot. Accepted:
 *
 * - plain, signed, decimal and exponent forms: `0.786`, `.786`, `+3`, `7.86e-1`, `5.`;
 *   the Unicode minus `−` (U+2212) and the small/full-width hyphen-minus count as `-`;
 * - vectors: numbers separated by commas and/or spaces, optionally in `[…]` or `(…)`;
 * - matrices: rows separated by `;` or new lines (or `[1, 2], [3, 4]`); every row must have the
 *   same length. The result is flattened row by row.
 *
 * Comma and space always separate numbers: `1,234` is the two numbers 1 and 234, never 1234,
 * and a decimal comma is not accepted. Pass `expectedCount` to get an error (mentioning
 * thousands separators or a decimal comma when that is the likely cause) instead of a list of
 * the wrong length. `Infinity`, `NaN`, hex and fractions are refused.
 */
export function parseNumericAnswer(
  text: string,
  expectedCount?: number,
): number[] | NumericParseError {
  const normalized = text.replace(/[\u2212\uFE63\uFF0D]/g, '-').trim();
  if (normalized === '') return { error: 'Enter a number.' };
  // `[1, 2], [3, 4]` and `[[1, 2], [3, 4]]`: a closing then an opening bracket ends a row.
  const rowText = normalized.replace(/[\])]\s*,?\s*[[(]/g, ';');
  if (/[^0-9eE+\-.,;\s[\]()]/.test(rowText)) {
    const bad = /[^0-9eE+\-.,;\s[\]()]/.exec(rowText)?.[0] ?? '';
    return {
      error: `"${bad}" is not part of a number; use digits, ".", "-", "e", commas or spaces.`,
    };
  }
  const stripped = rowText.replace(/[[\]()]/g, ' ');
  const rows = stripped
    .split(/[;\n]/)
    .map((row) => row.trim())
    .filter((row) => row !== '');
  if (rows.length === 0) return { error: 'Enter a number.' };
  const values: number[] = [];
  let rowLength: number | null = null;
  for (const row of rows) {
    const tokens = row.split(/\s*,\s*|\s+/);
    for (const token of tokens) {
      if (token === '') return { error: 'A number is missing between two commas.' };
      if (!numberToken.test(token)) return { error: `"${token}" is not a number.` };
      const value = Number(token);
      if (!Number.isFinite(value)) return { error: `"${token}" is too large.` };
      values.push(value);
    }
    if (rowLength !== null && rowLength !== tokens.length) {
      return {
        error: `The rows have different lengths (${rowLength} and ${tokens.length} numbers).`,
      };
    }
    rowLength = tokens.length;
  }
  if (expectedCount !== undefined && values.length !== expectedCount) {
    const what = expectedCount === 1 ? '1 number' : `${expectedCount} numbers`;
    let hint = '';
    if (expectedCount < values.length && /\d[,\s]\d/.test(normalized)) {
      hint =
        ' Commas and spaces separate numbers: write 1234 without a thousands separator and 0.5 with a dot.';
    }
    return { error: `Expected ${what}, found ${values.length}.${hint}` };
  }
  return values;
}

/**
 * The key of a numeric question as a learner would type it: rounded to the key's `decimals`
 * when it has them, each number with at most 6 significant digits, trailing zeros dropped,
 * vectors comma-separated.
 */
export function formatNumericKey(key: NumericKey): string {
  const values = typeof key.value === 'number' ? [key.value] : key.value;
  const decimals = key.decimals;
  return values
    .map((x) => formatNumber(decimals === undefined ? x : Number(x.toFixed(decimals))))
    .join(', ');
}

function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const rounded = Number(x.toPrecision(6));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
