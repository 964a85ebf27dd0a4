/** Runs the CLI in this process with no stdin, capturing what it prints (for tests). */
import { Readable } from 'node:stream';
import { runCli } from './main';

export async function runCliCaptured(
  argv: readonly string[],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdin: Readable.from([]),
    out: (text) => (out += text),
    err: (text) => (err += text),
  });
  return { code, out, err };
}
