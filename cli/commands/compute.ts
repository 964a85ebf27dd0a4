/**
 * `compute`: the numeric kernels from the command line. Without arguments it answers JSON lines
 * `{"op": ..., "args": {...}}` from stdin with one `{"result": ...}` or `{"error": ...}` line
 * each, as they arrive; `compute OP 'JSON-ARGS'` runs one op.
 */
import { ComputeError, runComputeOp } from '../../core/compute';
import { KernelArgError } from '../../core/kernels';
import { UsageError, parseArgs, readLines, type Command } from '../io';

/** A problem with the request itself (as opposed to a bug): reported to the user as-is. */
function isRequestError(error: unknown): error is Error {
  return error instanceof ComputeError || error instanceof KernelArgError;
}

function errorText(error: unknown): string {
  if (isRequestError(error)) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** The request fields of one stdin line, or a message saying what is wrong with it. */
function parseRequest(line: string): { op: string; args: unknown } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `invalid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'each line must be a JSON object {"op": ..., "args": {...}}';
  }
  const request = value as Record<string, unknown>;
  for (const key of Object.keys(request)) {
    if (key !== 'op' && key !== 'args')
      return `${key}: unknown field (a line has only "op" and "args")`;
  }
  if (typeof request.op !== 'string') return 'op: missing or not a string';
  if (request.args === undefined) return 'args: missing';
  return { op: request.op, args: request.args };
}

/** Answers one stdin line with one output line (without the newline). Never throws. */
function answerLine(line: string): string {
  const request = parseRequest(line);
  if (typeof request === 'string') return JSON.stringify({ error: request });
  try {
    return JSON.stringify({ result: runComputeOp(request.op, request.args) });
  } catch (error) {
    return JSON.stringify({ error: errorText(error) });
  }
}

/** `compute` and `compute OP 'JSON-ARGS'`; see the module comment. */
export const computeCommand: Command = async (args, io) => {
  const { positional } = parseArgs(args, []);
  if (positional.length === 0) {
    for await (const line of readLines(io.stdin)) {
      if (line.trim() === '') continue;
      io.out(answerLine(line) + '\n');
    }
    return 0;
  }
  if (positional.length !== 2) {
    throw new UsageError(`usage: compute [OP 'JSON-ARGS'] (got ${positional.length} arguments)`);
  }
  const [op, json] = positional;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new UsageError(
      `JSON-ARGS: invalid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let result: Record<string, unknown>;
  try {
    result = runComputeOp(op, parsed);
  } catch (error) {
    if (isRequestError(error)) throw new UsageError(error.message);
    throw error;
  }
  io.out(JSON.stringify({ result }) + '\n');
  return 0;
};
