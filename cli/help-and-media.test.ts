/**
 * The CLI's help names every flag its commands take, and `bank import` / `bank validate` of a
 * Moodle XML file warn, one line per dropped content, naming the question (the file imports).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../db/bank/test-fixtures';
import { runCliCaptured } from './run-captured';

const run = runCliCaptured;

describe('deepdrill --help', () => {
  it('lists bank export --variants N and every flag the commands parse', async () => {
    const { out } = await run(['--help']);
    expect(out).toContain('[--variants N]');
    // Read off the parseArgs calls of cli/commands/*.ts, and generate's --param.
    const flags = [
      'json',
      'seeds',
      'template',
      'seed',
      'form',
      'param',
      'db',
      'replace',
      'bank',
      'builtin',
      'out',
      'format',
      'variants',
      'home-page',
      'learner',
      'bom',
      'endpoint',
      'username',
      'password',
      'html',
      'learners',
      'answers',
    ];
    for (const flag of flags) expect(out, `--${flag}`).toMatch(new RegExp(`--${flag}\\b`));
  });
});

describe('bank import of a Moodle XML file with audio', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Hear it</text></name>
    <questiontext format="html">
      <text><![CDATA[Is the recording a sine wave? <audio src="@@PLUGINFILE@@/tone.mp3"></audio>]]></text>
      <file name="tone.mp3" path="/" encoding="base64">SUQzBAAAAAAA</file>
    </questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
`;

  it('imports the question and warns that it lost its audio', async () => {
    const dir = tempDir();
    const file = join(dir, 'sounds.xml');
    writeFileSync(file, xml);
    const imported = await run(['bank', 'import', file, '--db', join(dir, 'a.db')]);
    expect(imported.code).toBe(0);
    expect(imported.out).toBe(
      'imported bank sounds-xml: 1 added, 0 updated, 0 unchanged, 0 retired\n',
    );
    expect(imported.err).toBe(
      'warning: quiz/question[1]: question "Hear it" was imported without audio tone.mp3\n',
    );
    const validated = await run(['bank', 'validate', file]);
    expect(validated.code).toBe(0);
    expect(validated.err).toContain('without audio tone.mp3');
  });
});
