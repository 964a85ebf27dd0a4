import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './run-captured';

const run = runCliCaptured;

describe('deepdrill CLI entry', () => {
  it('answers a name that is not a command, prototype names included, with one line and usage', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope']) {
      const { code, err } = await run([name]);
      expect(code, name).toBe(1);
      expect(err.split('\n')[0]).toBe(`unknown command "${name}"`);
      expect(err).not.toMatch(/\n\s+at /);
    }
  });

  it('prints usage for help and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: deepdrill <command>/);
  });
});
