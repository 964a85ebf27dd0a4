/**
 * Argument checks shared by the numeric kernels. Every check takes the argument's public name and
 * an `unknown` value, so the same code guards typed TypeScript callers and raw JSON from the CLI.
 * A failed check throws {@link KernelArgError}; nothing here ever coerces or guesses.
 */

/**
 * A kernel argument is unusable (ragged, empty, non-finite, wrong type, shapes that do not fit).
 * `arg` is the argument's public name; the message starts with it, e.g.
 * `x: ragged array (row 2 has 3 values, row 0 has 4)` or `stride: must be a positive integer, got 0`.
 */
export class KernelArgError extends Error {
  override name = 'KernelArgError';
  /** The public name of the offending argument (`x`, `w`, `stride`, …). */
  readonly arg: string;

  constructor(arg: string, detail: string) {
    super(`${arg}: ${detail}`);
    this.arg = arg;
  }
}

/** A short, safe description of a value for an error message (`0`, `"2"`, `null`, `an array`). */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const shown = value.length > 20 ? `${value.slice(0, 20)}…` : value;
    return `a string (${JSON.stringify(shown)})`;
  }
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A finite number (not NaN, not ±Infinity). */
export function requireFiniteNumber(arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new KernelArgError(arg, `must be a finite number, got ${describeValue(value)}`);
  }
  return value;
}

/** A finite number > 0. */
export function requirePositiveNumber(arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new KernelArgError(arg, `must be a positive finite number, got ${describeValue(value)}`);
  }
  return value;
}

/** A finite number ≥ 0. */
export function requireNonNegativeNumber(arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new KernelArgError(
      arg,
      `must be a non-negative finite number, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** A safe integer ≥ 1 (strides, kernel sizes, dilations, lengths). */
export function requirePositiveInt(arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new KernelArgError(arg, `must be a positive integer, got ${describeValue(value)}`);
  }
  return value;
}

/** A safe integer ≥ 0 (padding). */
export function requireNonNegativeInt(arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new KernelArgError(arg, `must be a non-negative integer, got ${describeValue(value)}`);
  }
  return value;
}

/** One of a fixed set of strings. */
export function requireOneOf<T extends string>(
  arg: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const list = allowed.map((a) => `"${a}"`).join(' or ');
    throw new KernelArgError(arg, `must be ${list}, got ${describeValue(value)}`);
  }
  return value as T;
}

/** Where an element sits, for messages: `row 2` in a matrix, `x[0][1][2]` deeper. */
function location(arg: string, path: readonly number[], rank: number): string {
  if (rank === 2 && path.length === 1) return `row ${path[0]}`;
  return `${arg}${path.map((i) => `[${i}]`).join('')}`;
}

/**
 * Checks that `value` is a rectangular, non-empty array of exactly `rank` dimensions whose leaves
 * are finite numbers, and returns its shape.
 */
export function requireTensor(arg: string, value: unknown, rank: number): number[] {
  const dims = rank === 1 ? '1-D array of numbers' : `${rank}-D array of numbers`;
  if (!Array.isArray(value))
    throw new KernelArgError(arg, `expected a ${dims}, got ${describeValue(value)}`);
  const shape: number[] = [];
  let probe: unknown = value;
  for (let d = 0; d < rank; d++) {
    if (!Array.isArray(probe)) break; // reported precisely by the walk below
    shape.push(probe.length);
    if (probe.length === 0) {
      throw new KernelArgError(
        arg,
        d === 0
          ? 'empty array'
          : `empty array (${location(arg, new Array<number>(d).fill(0), rank)} has no values)`,
      );
    }
    probe = probe[0];
  }
  walk(arg, value, 0, [], shape, rank, dims);
  return shape;
}

function walk(
  arg: string,
  node: unknown,
  depth: number,
  path: number[],
  shape: readonly number[],
  rank: number,
  dims: string,
): void {
  if (depth === rank) {
    if (typeof node === 'number') {
      if (Number.isNaN(node))
        throw new KernelArgError(arg, `contains NaN (at ${arg}${indexText(path)})`);
      if (!Number.isFinite(node)) {
        throw new KernelArgError(
          arg,
          `contains ${node > 0 ? 'Infinity' : '-Infinity'} (at ${arg}${indexText(path)})`,
        );
      }
      return;
    }
    const what = Array.isArray(node) ? 'an array (too many dimensions)' : describeValue(node);
    throw new KernelArgError(arg, `expected a ${dims}, but ${arg}${indexText(path)} is ${what}`);
  }
  if (!Array.isArray(node)) {
    throw new KernelArgError(
      arg,
      `expected a ${dims}, but ${path.length === 0 ? arg : `${arg}${indexText(path)}`} is ${describeValue(node)}`,
    );
  }
  if (node.length !== shape[depth]) {
    const first = path.map(() => 0);
    throw new KernelArgError(
      arg,
      `ragged array (${location(arg, path, rank)} has ${node.length} value${node.length === 1 ? '' : 's'}, ${location(arg, first, rank)} has ${shape[depth]})`,
    );
  }
  for (let i = 0; i < node.length; i++) {
    path.push(i);
    walk(arg, node[i], depth + 1, path, shape, rank, dims);
    path.pop();
  }
}

function indexText(path: readonly number[]): string {
  return path.map((i) => `[${i}]`).join('');
}

/** How deep the first-element chain of nested arrays goes (`[[1]]` → 2). */
export function nestingDepth(value: unknown): number {
  let depth = 0;
  let probe = value;
  while (Array.isArray(probe)) {
    depth++;
    probe = probe[0];
  }
  return depth;
}

/** A non-empty array of finite numbers. */
export function requireVector(arg: string, value: unknown): number[] {
  requireTensor(arg, value, 1);
  return value as number[];
}

/** A non-empty rectangular matrix (rows of equal length) of finite numbers. */
export function requireMatrix(arg: string, value: unknown): number[][] {
  requireTensor(arg, value, 2);
  return value as number[][];
}

/** An N×C (rank 2) or N×C×H×W (rank 4) tensor of finite numbers. */
export function requireMatrixOrTensor4(arg: string, value: unknown): number[][] | number[][][][] {
  const depth = nestingDepth(value);
  if (Array.isArray(value) && value.length === 0) throw new KernelArgError(arg, 'empty array');
  if (depth !== 2 && depth !== 4) {
    if (depth === 0) {
      throw new KernelArgError(
        arg,
        `expected an N×C or N×C×H×W array, got ${describeValue(value)}`,
      );
    }
    throw new KernelArgError(
      arg,
      `expected an N×C or N×C×H×W array, got ${depth} dimension${depth === 1 ? '' : 's'}`,
    );
  }
  requireTensor(arg, value, depth);
  return value as number[][] | number[][][][];
}

/** A vector or a matrix of finite numbers. */
export function requireVectorOrMatrix(arg: string, value: unknown): number[] | number[][] {
  const depth = nestingDepth(value);
  if (depth === 2) return requireMatrix(arg, value);
  return requireVector(arg, value);
}

/** Guards a computed result: overflow to ±Infinity (or NaN from it) is an error, never a value. */
export function requireFiniteResult(arg: string, values: readonly number[]): void {
  for (const v of values) {
    if (!Number.isFinite(v)) {
      throw new KernelArgError(arg, 'values too large: the result overflows double precision');
    }
  }
}

/** `H×W` text of a shape. */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

/** Throws unless `b` has exactly the shape of `a`. */
export function requireSameShape(
  argB: string,
  shapeB: readonly number[],
  argA: string,
  shapeA: readonly number[],
): void {
  if (shapeA.length !== shapeB.length || shapeA.some((d, i) => d !== shapeB[i])) {
    throw new KernelArgError(
      argB,
      `shape ${shapeText(shapeB)} does not match ${argA}'s ${shapeText(shapeA)}`,
    );
  }
}
