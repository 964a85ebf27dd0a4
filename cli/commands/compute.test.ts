import { describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../io';
import { computeCommand } from './compute';

/** A CliIo whose stdin yields `chunks` and whose stdout/stderr are collected. */
function fakeIo(chunks: AsyncIterable<string> | readonly string[]): CliIo & {
  readonly stdout: string[];
  readonly stderr: string[];
} {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const stdin: AsyncIterable<string> =
    Symbol.asyncIterator in chunks
      ? chunks
      : (async function* () {
          yield* chunks;
        })();
  return { stdin, out: (t) => stdout.push(t), err: (t) => stderr.push(t), stdout, stderr };
}

const outputLines = (stdout: readonly string[]) =>
  stdout
    .join('')
    .split('\n')
    .filter((l) => l !== '');

describe('compute (JSON lines on stdin)', () => {
  it('answers every line in order, errors included, and keeps going after them', async () => {
    const input = [
      '{"op":"conv-output-size","args":{"in":7,"kernel":3,"stride":2}}',
      'this is not json',
      '{"op":"conv1d","args":{"x":[1,2,3],"w":[1],"stride":0}}',
      '',
      '{"op":"softmax","args":{"z":[3,3]}}',
      '{"op":"nope","args":{}}',
      '[1, 2]',
      '{"op":"dice","args":{"a":[[1]],"b":[[1]]},"id":7}',
      '{"op":"conv-transpose1d","args":{"x":[5,4,3,2,1],"w":[1,2,3,4],"stride":2}}',
    ];
    // Chunks split mid-line and carry several lines at once, as a pipe does; CRLF is accepted.
    const text = input.join('\r\n') + '\n';
    const io = fakeIo([
      text.slice(0, 30),
      text.slice(30, 31),
      text.slice(31, 200),
      text.slice(200),
    ]);
    expect(await computeCommand([], io)).toBe(0);
    const lines = outputLines(io.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(input.filter((l) => l !== '').length);
    expect(lines[0]).toEqual({ result: { out: 3 } });
    expect(lines[1].error).toMatch(/^invalid JSON/);
    expect(lines[2]).toEqual({ error: 'stride: must be a positive integer, got 0' });
    expect(lines[3]).toEqual({ result: { p: [0.5, 0.5] } });
    expect(lines[4].error).toMatch(/^unknown op "nope"; valid ops: batchnorm, /);
    expect(lines[5].error).toMatch(/must be a JSON object/);
    expect(lines[6]).toEqual({ error: 'id: unknown field (a line has only "op" and "args")' });
    expect(lines[7]).toEqual({ result: { y: [5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4] } });
    expect(io.stderr).toEqual([]);
  });

  it('writes each answer before the next line arrives (streams, does not buffer)', async () => {
    const stdout: string[] = [];
    const waitForLines = async (n: number) => {
      for (let i = 0; i < 100 && outputLines(stdout).length < n; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return outputLines(stdout).length;
    };
    const seenBeforeSecond: number[] = [];
    const stdin = (async function* () {
      yield '{"op":"leaky-relu","args":{"x":[-1],"alpha":0.5}}\n';
      seenBeforeSecond.push(await waitForLines(1));
      yield '{"op":"leaky-relu","args":{"x":[2],"alpha":0.5}}\n';
    })();
    const io: CliIo = { stdin, out: (t) => stdout.push(t), err: () => undefined };
    expect(await computeCommand([], io)).toBe(0);
    expect(seenBeforeSecond).toEqual([1]);
    expect(outputLines(stdout)).toEqual(['{"result":{"y":[-0.5]}}', '{"result":{"y":[2]}}']);
  });

  it('reports missing op and args fields as error lines', async () => {
    const io = fakeIo(['{"args":{}}\n{"op":"softmax"}\n{"op":"softmax","args":"z"}\n']);
    expect(await computeCommand([], io)).toBe(0);
    expect(outputLines(io.stdout).map((l) => JSON.parse(l) as unknown)).toEqual([
      { error: 'op: missing or not a string' },
      { error: 'args: missing' },
      { error: 'args: must be a JSON object, got a string ("z")' },
    ]);
  });

  it('prints nothing for empty input and exits 0', async () => {
    const io = fakeIo([]);
    expect(await computeCommand([], io)).toBe(0);
    expect(io.stdout).toEqual([]);
  });
});

describe("compute OP 'JSON-ARGS'", () => {
  it('prints one result line', async () => {
    const io = fakeIo([]);
    expect(await computeCommand(['dice', '{"a":[[1,0]],"b":[[1,1]]}'], io)).toBe(0);
    // Σab = 1, Σa + Σb = 3: Dice 2/3.
    expect(io.stdout).toEqual([`${JSON.stringify({ result: { dice: 2 / 3 } })}\n`]);
  });

  it('turns a bad request into a usage error (exit 1, message on stderr)', async () => {
    const io = fakeIo([]);
    await expect(computeCommand(['conv1d', '{"x":[1],"w":[1],"stride":0}'], io)).rejects.toThrow(
      new UsageError('stride: must be a positive integer, got 0'),
    );
    await expect(computeCommand(['conv1d', '{"x":'], io)).rejects.toThrow(
      /^JSON-ARGS: invalid JSON/,
    );
    await expect(computeCommand(['conv1d'], io)).rejects.toThrow(UsageError);
    await expect(computeCommand(['frobnicate', '{}'], io)).rejects.toThrow(
      /unknown op "frobnicate"/,
    );
    expect(io.stdout).toEqual([]);
  });
});
