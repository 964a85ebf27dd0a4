/**
 * Validation of bank packs: the zod schema (`schema.ts`, the single source of truth) plus the
 * rules one field cannot check alone (unique ids, answers among the options, known topics and
 * templates). Every problem names its JSON path (`items[12].answer`) and says what was expected.
 * `parsePackText` adds the defences a file from outside needs: size, syntax with line and column,
 * nesting depth and hostile keys, all checked before anything recursive touches the data.
 */
import type { z } from 'zod';
import {
  TemplateError,
  generateVariant,
  listTemplates,
  type TemplateInfo,
} from '../../core/templates';
import type { ImportProblem } from '../../core/types';
import { bankPackSchema, type BankPack } from './schema';

/**
 * One thing wrong with a pack: its path is a JSON path (`items[12].answer`), `line 3, column 14`
 * for syntax errors, `(root)` or `(file)`.
 */
export type PackProblem = ImportProblem;

/** Outcome of validating a pack. */
export type PackValidation =
  | { readonly ok: true; readonly pack: BankPack }
  | { readonly ok: false; readonly problems: PackProblem[] };

/** Largest pack file accepted, in bytes of UTF-8. */
export const MAX_PACK_BYTES = 50 * 1024 * 1024;
/** Deepest nesting of arrays/objects accepted (a valid pack needs 7: a part's vector key). */
export const MAX_PACK_DEPTH = 64;
/** Problems reported at most; the rest are counted in a last line. */
export const MAX_PROBLEMS = 100;
/**
 * Most items one pack may hold (twice a large course bank): checked before the items are
 * validated one by one, so a pack of millions of tiny items is refused, not ground through.
 */
export const MAX_PACK_ITEMS = 200_000;

/** Keys that are never data: objects built from them could reach `Object.prototype`. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type PathSegment = string | number | symbol;

const identifier = /^[A-Za-z_$][\w$]*$/;

/** `['items', 12, 'answer']` → `items[12].answer`; the empty path is `(root)`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (identifier.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out === '' ? '(root)' : out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || typeof segment === 'symbol')
      return undefined;
    if (!Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** A short description of a JSON value for messages: `string "NaN"`, `number 7`, `array`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return value.length > 40
        ? `a string of ${value.length} characters`
        : `string ${JSON.stringify(value)}`;
    case 'number':
      return `number ${String(value)}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function expectedType(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a finite number';
    case 'string':
      return 'a string';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function units(origin: string, count: number): string {
  const one = count === 1;
  switch (origin) {
    case 'string':
      return one ? 'character' : 'characters';
    case 'array':
    case 'set':
      return one ? 'item' : 'items';
    default:
      return one ? 'entry' : 'entries';
  }
}

/** Issues of the one branch of a failed union that matched the value's shape, if exactly one. */
function bestUnionBranch(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const shapeMatched = issue.errors.filter(
    (branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  return shapeMatched.length === 1 ? shapeMatched[0] : undefined;
}

/** Why a field that exists on other item types is refused here ('' when it exists nowhere). */
function elsewhereField(key: string, holder: unknown): string {
  if (key !== 'parts' || !isRecord(holder)) return '';
  if (holder.type === 'template') {
    return '; a template item generates its own parts, expected "parts" only on numeric items';
  }
  if (holder.type === 'mcq' || holder.type === 'msq') {
    return '; expected "parts" only on numeric items';
  }
  return '';
}

/** Maps zod issues to problems with JSON paths and plain-English expectations. */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  base: readonly PathSegment[] = [],
): PackProblem[] {
  const problems: PackProblem[] = [];
  // zod runs an array's length check even on a value of the wrong type ("at most 3 characters"
  // for a string where a list belongs); the type problem alone says what is wrong.
  const wrongType = new Set(
    issues.filter((i) => i.code === 'invalid_type').map((i) => JSON.stringify(i.path)),
  );
  for (const issue of issues) {
    if (
      (issue.code === 'too_small' || issue.code === 'too_big') &&
      wrongType.has(JSON.stringify(issue.path))
    ) {
      continue;
    }
    const path = [...base, ...issue.path];
    const at = formatPath(path);
    const value = valueAt(input, path);
    const present = valueAt(input, path.slice(0, -1));
    const missing =
      path.length > 0 && isRecord(present) && !Object.hasOwn(present, path[path.length - 1]);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          problems.push({
            path: formatPath([...path, key]),
            message: `unknown field "${key}"${elsewhereField(key, value)}`,
          });
        }
        break;
      case 'invalid_type':
        problems.push({
          path: at,
          message: missing
            ? `required field missing (expected ${expectedType(issue.expected)})`
            : `expected ${expectedType(issue.expected)}, got ${describe(value)}`,
        });
        break;
      case 'invalid_value':
        problems.push({
          path: at,
          message: missing
            ? `required field missing (expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')})`
            : `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describe(value)}`,
        });
        break;
      case 'invalid_union': {
        if ('discriminator' in issue && issue.discriminator !== undefined) {
          const options = (issue as { options?: unknown[] }).options ?? [];
          const expected = options.map((o) => JSON.stringify(o)).join(', ');
          problems.push({
            path: at,
            message: missing
              ? `required field missing (expected one of ${expected})`
              : `expected one of ${expected}, got ${describe(value)}`,
          });
          break;
        }
        const branch = bestUnionBranch(issue);
        if (branch !== undefined) {
          problems.push(...problemsFromIssues(branch, input, path));
          break;
        }
        const kinds = issue.errors
          .map((b) => (b[0]?.code === 'invalid_type' ? expectedType(b[0].expected) : undefined))
          .filter((k): k is string => k !== undefined);
        problems.push({
          path: at,
          message:
            kinds.length === issue.errors.length
              ? `expected ${kinds.join(' or ')}, got ${missing ? 'nothing' : describe(value)}`
              : issue.message,
        });
        break;
      }
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const word = issue.code === 'too_small' ? 'at least' : 'at most';
        const strict = issue.code === 'too_small' ? 'more than' : 'less than';
        if (issue.origin === 'number' || issue.origin === 'int') {
          problems.push({
            path: at,
            message: `expected a number ${issue.inclusive === false ? strict : word} ${String(bound)}, got ${describe(value)}`,
          });
        } else {
          const size =
            typeof value === 'string' || Array.isArray(value) ? `, got ${value.length}` : '';
          problems.push({
            path: at,
            message: `expected ${word} ${String(bound)} ${units(issue.origin, Number(bound))}${size}`,
          });
        }
        break;
      }
      case 'invalid_format':
        problems.push({
          path: at,
          message:
            issue.format === 'regex'
              ? `expected ${issue.message}, got ${describe(value)}`
              : `expected a ${issue.format}, got ${describe(value)}`,
        });
        break;
      default:
        problems.push({ path: at, message: issue.message });
    }
  }
  return problems;
}

interface TemplateCheck {
  readonly info: ReadonlyMap<string, TemplateInfo>;
  readonly outcomes: Map<string, { param?: string; message: string } | null>;
}

function templateParamName(message: string): string | undefined {
  return /^param ([\w-]+):/.exec(message)?.[1] ?? /unknown param "([^"]+)"/.exec(message)?.[1];
}

/** Tries one generation with the item's template, form and params; null when it works. */
function checkTemplate(
  check: TemplateCheck,
  id: string,
  form: 'mcq' | 'numeric',
  params: Record<string, number | string | boolean> | undefined,
): { param?: string; message: string } | null {
  const key = JSON.stringify([id, form, params ?? null]);
  const cached = check.outcomes.get(key);
  if (cached !== undefined) return cached;
  let outcome: { param?: string; message: string } | null = null;
  try {
    generateVariant(id, 0, { form, params });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome =
      error instanceof TemplateError
        ? { param: templateParamName(message), message }
        : { message: `the template failed with these params: ${message}` };
  }
  check.outcomes.set(key, outcome);
  return outcome;
}

function quoted(ids: readonly string[], max = 8): string {
  const shown = ids.slice(0, max).map((id) => JSON.stringify(id));
  return ids.length > max ? `${shown.join(', ')}, … (${ids.length} in all)` : shown.join(', ');
}

const isParamValue = (v: unknown): boolean =>
  typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

const WITHIN_ITEM = ' within the item';

/**
 * Notes that `list[index]` has id `id`, or reports it at `path` when an earlier entry of the same
 * list has it (`within` says where ids must be unique, e.g. " within the item").
 */
function noteUniqueId(
  seen: Map<string, number>,
  id: string,
  index: number,
  where: { path: string; kind: string; list: string; within?: string },
  problems: PackProblem[],
): void {
  const first = seen.get(id);
  if (first === undefined) {
    seen.set(id, index);
    return;
  }
  problems.push({
    path: where.path,
    message: `duplicate ${where.kind} id "${id}" (first used at ${where.list}[${first}]); expected unique ids${where.within ?? ''}`,
  });
}

/**
 * The rules across fields, run on the raw input with type guards so they add to the schema's
 * problems instead of waiting for them to be fixed: unique topic, item and option ids; unique
 * option texts; unique part ids; topics that exist; answers among the options, one for `mcq`,
 * none twice; no misconception on a correct option; no `pin` outside choice items; templates
 * that exist, offer the form and accept the params.
 */
function crossFieldProblems(input: unknown): PackProblem[] {
  const problems: PackProblem[] = [];
  if (!isRecord(input)) return problems;
  const topicIds = new Map<string, number>();
  if (Array.isArray(input.topics)) {
    input.topics.forEach((topic: unknown, i) => {
      if (!isRecord(topic) || typeof topic.id !== 'string') return;
      const where = { path: `topics[${i}].id`, kind: 'topic', list: 'topics' };
      noteUniqueId(topicIds, topic.id, i, where, problems);
    });
  }
  if (!Array.isArray(input.items)) return problems;
  const itemIds = new Map<string, number>();
  let templates: TemplateCheck | undefined;
  input.items.forEach((item: unknown, i) => {
    if (!isRecord(item)) return;
    const at = `items[${i}]`;
    if (typeof item.id === 'string') {
      noteUniqueId(
        itemIds,
        item.id,
        i,
        { path: `${at}.id`, kind: 'item', list: 'items' },
        problems,
      );
    }
    if (
      typeof item.topic === 'string' &&
      Array.isArray(input.topics) &&
      !topicIds.has(item.topic)
    ) {
      problems.push({
        path: `${at}.topic`,
        message: `unknown topic "${item.topic}"; expected one of the ids in "topics": ${quoted([...topicIds.keys()])}`,
      });
    }
    if ((item.type === 'mcq' || item.type === 'msq') && Array.isArray(item.options)) {
      const optionIds = new Map<string, number>();
      const texts = new Map<string, number>();
      const correct = new Set<string>();
      if (Array.isArray(item.answer)) {
        for (const a of item.answer) if (typeof a === 'string') correct.add(a);
      }
      item.options.forEach((option: unknown, k) => {
        if (!isRecord(option)) return;
        if (typeof option.id === 'string') {
          const where = { path: `${at}.options[${k}].id`, kind: 'option', list: 'options' };
          noteUniqueId(optionIds, option.id, k, { ...where, within: WITHIN_ITEM }, problems);
          if (correct.has(option.id) && option.misconception !== undefined) {
            problems.push({
              path: `${at}.options[${k}].misconception`,
              message: 'a correct option cannot stand for a misconception; expected none here',
            });
          }
        }
        if (typeof option.text === 'string') {
          const normalized = option.text.trim();
          const first = texts.get(normalized);
          if (first !== undefined) {
            problems.push({
              path: `${at}.options[${k}].text`,
              message: `same text as options[${first}]; expected distinct option texts`,
            });
          } else texts.set(normalized, k);
        }
      });
      if (Array.isArray(item.answer)) {
        const seen = new Set<string>();
        item.answer.forEach((answer: unknown, k) => {
          if (typeof answer !== 'string') return;
          if (seen.has(answer)) {
            problems.push({
              path: `${at}.answer[${k}]`,
              message: `"${answer}" is listed twice; expected each correct option once`,
            });
          } else if (optionIds.size > 0 && !optionIds.has(answer)) {
            problems.push({
              path: `${at}.answer[${k}]`,
              message: `"${answer}" is not an option of this item; expected one of ${quoted([...optionIds.keys()])}`,
            });
          }
          seen.add(answer);
        });
        if (item.type === 'mcq' && seen.size > 1) {
          problems.push({
            path: `${at}.answer`,
            message: `an mcq item has exactly one correct option, got ${seen.size}; use type "msq" for several`,
          });
        }
      }
      problems.push(...weightProblems(item.type, item.options, item.answer, at));
    }
    if (item.type === 'short' && isRecord(item.answer) && Array.isArray(item.answer.text)) {
      const answers = item.answer.text.filter(isRecord);
      if (
        answers.length === item.answer.text.length &&
        answers.length > 0 &&
        !answers.some((a) => a.weight === undefined || a.weight === 1)
      ) {
        problems.push({
          path: `${at}.answer.text`,
          message:
            'no accepted answer gives full credit; expected one with weight 1 (or no weight), as Moodle needs one answer at 100%',
        });
      }
    }
    if (item.type === 'numeric' && Array.isArray(item.parts)) {
      const partIds = new Map<string, number>();
      item.parts.forEach((part: unknown, k) => {
        if (!isRecord(part) || typeof part.id !== 'string') return;
        const where = { path: `${at}.parts[${k}].id`, kind: 'part', list: 'parts' };
        noteUniqueId(partIds, part.id, k, { ...where, within: WITHIN_ITEM }, problems);
      });
    }
    if ((item.type === 'numeric' || item.type === 'template') && Array.isArray(item.options)) {
      item.options.forEach((option: unknown, k) => {
        if (isRecord(option) && Object.hasOwn(option, 'pin')) {
          problems.push({
            path: `${at}.options[${k}].pin`,
            message: `a ${item.type} item has no options to keep in place; expected "pin" only on the options of mcq and msq items`,
          });
        }
      });
    }
    if (item.type === 'template' && typeof item.template === 'string') {
      templates ??= {
        info: new Map(listTemplates().map((t) => [t.id, t])),
        outcomes: new Map(),
      };
      const info = templates.info.get(item.template);
      const form = item.form === undefined ? 'mcq' : item.form;
      const params = item.params;
      if (info === undefined) {
        problems.push({
          path: `${at}.template`,
          message: `unknown template "${item.template}"; expected one of ${quoted(
            [...templates.info.keys()],
            40,
          )}`,
        });
      } else if (form === 'mcq' || form === 'numeric') {
        if (!info.forms.includes(form)) {
          problems.push({
            path: `${at}.form`,
            message: `template "${info.id}" has no ${form} form; expected one of ${quoted(info.forms)}`,
          });
        } else if (
          params === undefined ||
          (isRecord(params) && Object.values(params).every(isParamValue))
        ) {
          const outcome = checkTemplate(
            templates,
            info.id,
            form,
            params as Record<string, number | string | boolean> | undefined,
          );
          if (outcome !== null) {
            problems.push({
              path:
                outcome.param !== undefined &&
                isRecord(params) &&
                Object.hasOwn(params, outcome.param)
                  ? formatPath(['items', i, 'params', outcome.param])
                  : `${at}.${params === undefined ? 'template' : 'params'}`,
              message: outcome.message,
            });
          }
        }
      }
    }
  });
  return problems;
}

/** Rounds to two decimals, as Moodle rounds the sum of a multiple-answer question's grades. */
const twoDecimals = (x: number): number => Math.round(x * 100) / 100;

/**
 * Moodle's rules for option weights (`qtype_multichoice::save_question_options`): weights only
 * on msq items, on every option once on one; the positive ones add up to 1 (100%, after
 * rounding to two decimals, so three of 0.3333333 pass); the key is the options with a positive
 * weight.
 */
function weightProblems(
  type: 'mcq' | 'msq',
  options: readonly unknown[],
  answer: unknown,
  at: string,
): PackProblem[] {
  const weighted = options.map((o) =>
    isRecord(o) && Object.hasOwn(o, 'weight') ? o.weight : undefined,
  );
  const given = weighted.filter((w) => w !== undefined).length;
  if (given === 0) return [];
  if (type === 'mcq') {
    const k = weighted.findIndex((w) => w !== undefined);
    return [
      {
        path: `${at}.options[${k}].weight`,
        message:
          'an mcq item scores its one correct option; expected "weight" only on the options of msq items',
      },
    ];
  }
  if (given < options.length) {
    const k = weighted.findIndex((w) => w === undefined);
    return [
      {
        path: `${at}.options[${k}].weight`,
        message: `missing; once one option has a weight, expected a weight on every option (${given} of ${options.length} have one; give wrong options 0 or a negative weight)`,
      },
    ];
  }
  if (!weighted.every((w): w is number => typeof w === 'number' && Number.isFinite(w))) return [];
  const problems: PackProblem[] = [];
  const total = weighted.filter((w) => w > 0).reduce((sum, w) => sum + w, 0);
  if (twoDecimals(total) !== 1) {
    problems.push({
      path: `${at}.options`,
      message: `the positive weights add up to ${Number(total.toPrecision(12))}; expected 1 (100%), as Moodle requires of a multiple-answer question`,
    });
  }
  const positive = options
    .map((o, k) => (weighted[k] > 0 && isRecord(o) && typeof o.id === 'string' ? o.id : null))
    .filter((id): id is string => id !== null);
  if (Array.isArray(answer)) {
    const key = new Set(answer.filter((a): a is string => typeof a === 'string'));
    if (key.size !== positive.length || positive.some((id) => !key.has(id))) {
      problems.push({
        path: `${at}.answer`,
        message: `with weights, the key is the options with a positive weight; expected ${quoted(positive)}`,
      });
    }
  }
  return problems;
}

const topLevelOrder = ['$schema', 'format', 'version', 'id', 'title', 'license', 'description'];

function sortKey(path: string): [number, number] {
  const match = /^(topics|items)\[(\d+)\]/.exec(path);
  if (match !== null) return [match[1] === 'topics' ? 100 : 200, Number(match[2])];
  const head = /^[^.[]*/.exec(path)?.[0] ?? '';
  const index = topLevelOrder.indexOf(head);
  if (head === 'topics') return [100, -1];
  if (head === 'items') return [200, -1];
  return [index < 0 ? 50 : index, 0];
}

/** Sorted by where they are in the pack (stable within an item), capped at {@link MAX_PROBLEMS}. */
function finish(problems: PackProblem[]): PackProblem[] {
  const sorted = problems
    .map((p, order) => ({ p, order, key: sortKey(p.path) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.order - b.order)
    .map((e) => e.p);
  if (sorted.length <= MAX_PROBLEMS) return sorted;
  return [
    ...sorted.slice(0, MAX_PROBLEMS),
    {
      path: '(root)',
      message: `… and ${sorted.length - MAX_PROBLEMS} more problems (fix these first)`,
    },
  ];
}

/**
 * Validates a parsed pack: structure first (hostile keys, depth, broken Unicode), then the schema
 * and the cross-field rules. On success returns the
 * pack as the schema outputs it (defaults applied, e.g. a template item's `form`).
 */
export function validatePack(input: unknown): PackValidation {
  // Before zod or any rule reads a field: hostile keys and cycles never reach them.
  const unsafe = unsafeStructure(input);
  if (unsafe.length > 0) return { ok: false, problems: finish(unsafe) };
  const items = (input as { items?: unknown } | null)?.items;
  if (Array.isArray(items) && items.length > MAX_PACK_ITEMS) {
    return {
      ok: false,
      problems: [
        {
          path: 'items',
          message: `${items.length} items; a pack holds at most ${MAX_PACK_ITEMS} (split it into several packs)`,
        },
      ],
    };
  }
  const parsed = bankPackSchema.safeParse(input);
  const problems = crossFieldProblems(input);
  if (parsed.success) {
    return problems.length === 0
      ? { ok: true, pack: parsed.data }
      : { ok: false, problems: finish(problems) };
  }
  return {
    ok: false,
    problems: finish([...problemsFromIssues(parsed.error.issues, input), ...problems]),
  };
}

// ---------------------------------------------------------------------------------------------
// Text

function lineColumn(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

function showChar(text: string, index: number): string {
  if (index >= text.length) return 'the end of the file';
  const c = text[index];
  return /[\x20-\x7e]/.test(c)
    ? `'${c}'`
    : `character U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
}

interface ScanError {
  readonly index: number;
  readonly message: string;
}

/** What the JSON scanner expects next. */
const Expect = { Value: 0, ValueOrEnd: 1, Key: 2, KeyOrEnd: 3, After: 4 } as const;
type Expect = (typeof Expect)[keyof typeof Expect];

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Checks JSON syntax and nesting depth in one iterative pass (no recursion, so 100k nested
 * brackets cost nothing) and returns the first error's position: `JSON.parse` in V8 often names
 * no position. Exactly as strict as `JSON.parse` (RFC 8259); a test compares the two.
 */
export function scanJson(text: string, maxDepth: number): ScanError | null {
  const stack: number[] = []; // 0 = array, 1 = object
  let state: Expect = Expect.Value as Expect;
  let i = 0;
  const n = text.length;
  const skipWhitespace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const scanString = (): ScanError | null => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            return { index: i, message: 'invalid \\u escape; expected 4 hex digits' };
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return { index: i, message: 'invalid escape in string' };
      } else if (c < 0x20) {
        return {
          index: i,
          message: 'unescaped control character (e.g. a line break) inside a string',
        };
      } else i++;
    }
    return { index: start, message: 'string never closed (missing ")' };
  };
  for (;;) {
    skipWhitespace();
    if (i >= n) {
      if (state === Expect.After && stack.length === 0) return null;
      return {
        index: n,
        message:
          n === 0 || /^\s*$/.test(text)
            ? 'the file is empty; expected a JSON object'
            : 'unexpected end of the file (truncated?)',
      };
    }
    const c = text[i];
    switch (state) {
      case Expect.Value:
      case Expect.ValueOrEnd:
        if (c === ']' && state === Expect.ValueOrEnd) {
          stack.pop();
          state = Expect.After;
          i++;
        } else if (c === '{' || c === '[') {
          stack.push(c === '{' ? 1 : 0);
          if (stack.length > maxDepth) {
            return { index: i, message: `nested deeper than ${maxDepth} levels` };
          }
          state = c === '{' ? Expect.KeyOrEnd : Expect.ValueOrEnd;
          i++;
        } else if (c === '"') {
          const error = scanString();
          if (error !== null) return error;
          state = Expect.After;
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          numberPattern.lastIndex = i;
          const match = numberPattern.exec(text);
          if (match === null || match[0] === '-') return { index: i, message: 'invalid number' };
          i += match[0].length;
          state = Expect.After;
        } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
          i += 4;
          state = Expect.After;
        } else if (text.startsWith('false', i)) {
          i += 5;
          state = Expect.After;
        } else if (c === ']' || c === '}') {
          return {
            index: i,
            message: `unexpected ${showChar(text, i)}; trailing comma before it?`,
          };
        } else {
          return { index: i, message: `unexpected ${showChar(text, i)}; expected a value` };
        }
        break;
      case Expect.Key:
      case Expect.KeyOrEnd:
        if (c === '}' && state === Expect.KeyOrEnd) {
          stack.pop();
          state = Expect.After;
          i++;
        } else if (c === '"') {
          const error = scanString();
          if (error !== null) return error;
          skipWhitespace();
          if (text[i] !== ':') {
            return {
              index: i,
              message: `unexpected ${showChar(text, i)}; expected ':' after a field name`,
            };
          }
          i++;
          state = Expect.Value;
        } else if (c === '}') {
          return { index: i, message: "unexpected '}'; trailing comma before it?" };
        } else {
          return {
            index: i,
            message: `unexpected ${showChar(text, i)}; expected a field name in double quotes`,
          };
        }
        break;
      case Expect.After: {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          return {
            index: i,
            message: `unexpected ${showChar(text, i)} after the end of the JSON value`,
          };
        }
        if (c === ',') {
          state = top === 1 ? Expect.Key : Expect.Value;
          i++;
        } else if ((c === ']' && top === 0) || (c === '}' && top === 1)) {
          stack.pop();
          i++;
        } else {
          return {
            index: i,
            message: `unexpected ${showChar(text, i)}; expected ',' or '${top === 1 ? '}' : ']'}'`,
          };
        }
        break;
      }
    }
  }
}

const loneSurrogate = /[\uD800-\uDFFF]/u;
const nativeWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean })
  .isWellFormed;
/** True when `text` has no unpaired surrogate (native `isWellFormed` where Node has it). */
const isWellFormed = (text: string): boolean =>
  nativeWellFormed !== undefined ? nativeWellFormed.call(text) : !loneSurrogate.test(text);

/**
 * One iterative pass over the raw value (no recursion, so depth cannot blow the stack, and a
 * cycle stops at the depth limit): keys that must never become object properties
 * (`__proto__`, `constructor`, `prototype`), nesting deeper than {@link MAX_PACK_DEPTH}, and
 * strings with unpaired UTF-16 surrogates (SQLite would store them mangled).
 */
function unsafeStructure(root: unknown): PackProblem[] {
  const problems: PackProblem[] = [];
  // Parallel stacks instead of a path per node: the walk allocates nothing for a clean pack;
  // a problem's path is rebuilt from the parent links.
  const values: unknown[] = [root];
  const keys: PathSegment[] = [''];
  const parents: number[] = [-1];
  const depths: number[] = [0];
  const visitedKeys: PathSegment[] = [];
  const visitedParents: number[] = [];
  const pathOf = (visited: number, extra?: PathSegment): string => {
    const path: PathSegment[] = extra === undefined ? [] : [extra];
    for (let v = visited; v > 0; v = visitedParents[v]) path.push(visitedKeys[v]);
    return formatPath(path.reverse());
  };
  while (values.length > 0 && problems.length < MAX_PROBLEMS) {
    const node = values.pop();
    const key = keys.pop()!;
    const parent = parents.pop()!;
    const depth = depths.pop()!;
    if (typeof node === 'string') {
      if (!isWellFormed(node)) {
        visitedKeys.push(key);
        visitedParents.push(parent);
        problems.push({
          path: pathOf(visitedKeys.length - 1),
          message:
            'text with an unpaired UTF-16 surrogate (\\uD800–\\uDFFF); expected valid Unicode',
        });
      }
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const self = visitedKeys.length;
    visitedKeys.push(key);
    visitedParents.push(parent);
    if (depth >= MAX_PACK_DEPTH) {
      problems.push({ path: pathOf(self), message: `nested deeper than ${MAX_PACK_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const child: unknown = node[i];
        if (typeof child === 'object' ? child === null : typeof child !== 'string') continue;
        values.push(child);
        keys.push(i);
        parents.push(self);
        depths.push(depth + 1);
      }
      continue;
    }
    const names = Object.keys(node);
    for (let k = names.length - 1; k >= 0; k--) {
      const name = names[k];
      if (HOSTILE_KEYS.has(name)) {
        problems.push({
          path: pathOf(self, name),
          message: `forbidden field "${name}"; a bank pack never has it`,
        });
        continue;
      }
      if (!isWellFormed(name)) {
        problems.push({
          path: pathOf(self),
          message: 'a field name with an unpaired UTF-16 surrogate; expected valid Unicode',
        });
        continue;
      }
      const child = (node as Record<string, unknown>)[name];
      if (typeof child === 'object' ? child === null : typeof child !== 'string') continue;
      values.push(child);
      keys.push(name);
      parents.push(self);
      depths.push(depth + 1);
    }
  }
  return problems;
}

function formatBytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Parses and validates the text of a pack file: refuses files over {@link MAX_PACK_BYTES},
 * syntax errors (with line and column), nesting deeper than {@link MAX_PACK_DEPTH} and
 * `__proto__` / `constructor` / `prototype` keys, then runs {@link validatePack}. A UTF-8 byte
 * order mark at the start is ignored.
 */
export function parsePackText(text: string, fileName?: string): PackValidation {
  const where = fileName ?? '(file)';
  // UTF-16 length ≤ UTF-8 bytes ≤ 3 × length: the exact count is only needed near the limit.
  if (
    text.length > MAX_PACK_BYTES ||
    (text.length * 3 > MAX_PACK_BYTES && Buffer.byteLength(text, 'utf8') > MAX_PACK_BYTES)
  ) {
    return {
      ok: false,
      problems: [
        {
          path: where,
          message: `the file is ${formatBytes(Buffer.byteLength(text, 'utf8'))}; bank packs are limited to ${formatBytes(MAX_PACK_BYTES)}`,
        },
      ],
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const syntax = scanJson(body, MAX_PACK_DEPTH);
  if (syntax !== null) {
    return {
      ok: false,
      problems: [
        { path: lineColumn(body, syntax.index), message: `not valid JSON: ${syntax.message}` },
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: where, message: `not valid JSON: ${(error as Error).message}` }],
    };
  }
  return validatePack(value);
}
