/**
 * Parsing of template params. Callers pass numbers, booleans or strings (the CLI passes only
 * strings); lists are comma-separated (`5,4,3,2,1`) and matrices use `;` between rows
 * (`1,2;3,4`). Every param is range-checked here; an unknown or invalid one is a
 * {@link TemplateError} naming it.
 */
import { unreachable } from '../types';
import { TemplateError } from './types';
import type { ParamBag, ParamInput, ParamSpec, ParamValue, TemplateDefinition } from './types';

/** The `level` param every template accepts. */
export const LEVEL_SPEC: ParamSpec = {
  kind: 'int',
  min: 1,
  max: 3,
  description: 'difficulty 1, 2 or 3 (default 1): larger sizes and harder numbers as it rises',
};

/** One line describing a param's allowed values, for {@link TemplateInfo.params}. */
export function describeParam(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'int':
      return `integer ${spec.min}..${spec.max}: ${spec.description}`;
    case 'number':
      return `number ${spec.min}..${spec.max}: ${spec.description}`;
    case 'enum':
      return `${spec.values.map((v) => `"${v}"`).join(' | ')}: ${spec.description}`;
    case 'boolean':
      return `true | false: ${spec.description}`;
    case 'numbers':
      return `${spec.minLength}..${spec.maxLength} comma-separated numbers: ${spec.description}`;
    case 'matrix':
      return `matrix, rows separated by ";" and values by "," (up to ${spec.maxRows}×${spec.maxCols}): ${spec.description}`;
    default:
      throw unreachable(spec);
  }
}

function toNumber(name: string, raw: ParamInput): number {
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && raw.trim() !== ''
        ? Number(raw)
        : NaN;
  if (!Number.isFinite(n))
    throw new TemplateError(`param ${name}: expected a number, got ${JSON.stringify(raw)}`);
  return n;
}

function parseList(name: string, text: string): number[] {
  const parts = text.split(',');
  return parts.map((part) => {
    const n = part.trim() === '' ? NaN : Number(part);
    if (!Number.isFinite(n)) {
      throw new TemplateError(`param ${name}: "${part.trim()}" is not a number`);
    }
    return n;
  });
}

/** Parses one param value against its spec. */
export function parseParam(name: string, spec: ParamSpec, raw: ParamInput): ParamValue {
  switch (spec.kind) {
    case 'int': {
      const n = toNumber(name, raw);
      if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
        throw new TemplateError(
          `param ${name}: expected an integer from ${spec.min} to ${spec.max}, got ${JSON.stringify(raw)}`,
        );
      }
      return n;
    }
    case 'number': {
      const n = toNumber(name, raw);
      if (n < spec.min || n > spec.max) {
        throw new TemplateError(
          `param ${name}: expected a number from ${spec.min} to ${spec.max}, got ${JSON.stringify(raw)}`,
        );
      }
      return n;
    }
    case 'enum': {
      if (typeof raw !== 'string' || !spec.values.includes(raw)) {
        throw new TemplateError(
          `param ${name}: expected ${spec.values.map((v) => `"${v}"`).join(' or ')}, got ${JSON.stringify(raw)}`,
        );
      }
      return raw;
    }
    case 'boolean': {
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      throw new TemplateError(`param ${name}: expected true or false, got ${JSON.stringify(raw)}`);
    }
    case 'numbers': {
      const list =
        typeof raw === 'number'
          ? [toNumber(name, raw)]
          : typeof raw === 'string'
            ? parseList(name, raw)
            : null;
      if (list === null)
        throw new TemplateError(
          `param ${name}: expected comma-separated numbers, got ${JSON.stringify(raw)}`,
        );
      if (list.length < spec.minLength || list.length > spec.maxLength) {
        throw new TemplateError(
          `param ${name}: expected ${spec.minLength} to ${spec.maxLength} numbers, got ${list.length}`,
        );
      }
      return list;
    }
    case 'matrix': {
      if (typeof raw !== 'string') {
        throw new TemplateError(
          `param ${name}: expected rows like "1,2;3,4", got ${JSON.stringify(raw)}`,
        );
      }
      const rows = raw.split(';').map((row) => parseList(name, row));
      if (rows.length > spec.maxRows || rows[0].length > spec.maxCols) {
        throw new TemplateError(`param ${name}: at most ${spec.maxRows}×${spec.maxCols} values`);
      }
      if (rows.some((row) => row.length !== rows[0].length)) {
        throw new TemplateError(`param ${name}: rows must all have the same number of values`);
      }
      return rows;
    }
    default:
      throw unreachable(spec);
  }
}

/** The parsed params of one generation; typed getters for the templates. */
class ParsedParams implements ParamBag {
  readonly level: 1 | 2 | 3;
  readonly hasFixed: boolean;

  constructor(
    private readonly templateId: string,
    private readonly values: ReadonlyMap<string, ParamValue>,
  ) {
    this.level = (values.get('level') ?? 1) as 1 | 2 | 3;
    this.hasFixed = [...values.keys()].some((k) => k !== 'level');
  }

  private get(name: string, ok: (v: ParamValue) => boolean): ParamValue | undefined {
    const v = this.values.get(name);
    if (v !== undefined && !ok(v)) {
      throw new Error(`template ${this.templateId} read param ${name} with the wrong type`);
    }
    return v;
  }

  int(name: string): number | undefined {
    return this.get(name, (v) => typeof v === 'number') as number | undefined;
  }

  num(name: string): number | undefined {
    return this.get(name, (v) => typeof v === 'number') as number | undefined;
  }

  str(name: string): string | undefined {
    return this.get(name, (v) => typeof v === 'string') as string | undefined;
  }

  bool(name: string): boolean | undefined {
    return this.get(name, (v) => typeof v === 'boolean') as boolean | undefined;
  }

  numbers(name: string): readonly number[] | undefined {
    return this.get(name, (v) => Array.isArray(v) && !Array.isArray(v[0])) as
      readonly number[] | undefined;
  }

  matrix(name: string): readonly (readonly number[])[] | undefined {
    return this.get(name, (v) => Array.isArray(v) && Array.isArray(v[0])) as
      readonly (readonly number[])[] | undefined;
  }
}

const NO_PARAMS: ReadonlyMap<string, ParamValue> = new Map();

/** Parses the caller's params for `def` into a {@link ParamBag}. */
export function parseParams(
  def: TemplateDefinition,
  raw: Readonly<Record<string, ParamInput>>,
): ParamBag {
  const names = Object.keys(raw);
  if (names.length === 0) return new ParsedParams(def.id, NO_PARAMS);
  const values = new Map<string, ParamValue>();
  for (const name of names.sort()) {
    const spec =
      name === 'level'
        ? LEVEL_SPEC
        : Object.hasOwn(def.params, name)
          ? def.params[name]
          : undefined;
    if (spec === undefined) {
      const known = ['level', ...Object.keys(def.params)].join(', ');
      throw new TemplateError(`unknown param "${name}" for template ${def.id} (known: ${known})`);
    }
    values.set(name, parseParam(name, spec, raw[name]));
  }
  return new ParsedParams(def.id, values);
}
