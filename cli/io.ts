/** What a CLI command gets: its arguments and the process streams, injectable for tests. */
export interface CliIo {
  readonly stdin: AsyncIterable<string | Buffer>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** A user error: printed as one line on stderr, exit code 1, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A CLI command: returns the exit code. */
export type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Parsed `--flag value` / `--flag` options plus positional arguments. */
export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

/**
 * Parses `args` against the flags a command knows. `valued` flags take the next argument;
 * `booleans` take none. Unknown flags are a {@link UsageError}.
 */
export function parseArgs(
  args: readonly string[],
  valued: readonly string[],
  booleans: readonly string[] = [],
): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (valued.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else if (booleans.includes(name)) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

/** The value of a required `--name` flag. */
export function requireFlag(parsed: ParsedArgs, name: string): string {
  const value = parsed.flags.get(name);
  if (typeof value !== 'string') throw new UsageError(`missing --${name}`);
  return value;
}

/** Reads all of stdin as text. */
export async function readAll(stdin: AsyncIterable<string | Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of stdin)
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}

/** Yields stdin line by line (without the newline), as it arrives. */
export async function* readLines(stdin: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  let buffered = '';
  for await (const chunk of stdin) {
    buffered += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      yield buffered.slice(0, newline).replace(/\r$/, '');
      buffered = buffered.slice(newline + 1);
    }
  }
  if (buffered.length > 0) yield buffered.replace(/\r$/, '');
}
