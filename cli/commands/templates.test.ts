import { describe, expect, it } from 'vitest';
import { builtinPack } from '../../db/builtin';
import { UsageError, type CliIo } from '../io';
import { generateCommand, templatesCommand } from './templates';

/** A CliIo with empty stdin whose stdout/stderr are collected. */
function fakeIo(): CliIo & { readonly stdout: string[]; readonly stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const stdin: AsyncIterable<string> = (async function* () {})();
  return { stdin, out: (t) => stdout.push(t), err: (t) => stderr.push(t), stdout, stderr };
}

async function run(
  command: typeof templatesCommand,
  args: readonly string[],
): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo();
  const code = await command(args, io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

describe('templates', () => {
  it('--json lists every template with id, topic, title, answer kind, forms and params', async () => {
    const { code, out } = await run(templatesCommand, ['--json']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as {
      id: string;
      topic: string;
      answerKind: string;
      forms: string[];
      params: object;
    }[];
    // Every template the built-in bank's items use is listed, each once.
    const used = new Set(
      builtinPack.items.flatMap((i) => (i.type === 'template' ? [i.template] : [])),
    );
    expect(new Set(list.map((t) => t.id))).toEqual(used);
    expect(new Set(list.map((t) => t.id)).size).toBe(list.length);
    const ct = list.find((t) => t.id === 'conv-transpose1d');
    expect(ct).toMatchObject({
      topic: 'upsampling',
      answerKind: 'vector',
      forms: ['mcq', 'numeric'],
    });
    expect(Object.keys(ct!)).toEqual(['id', 'topic', 'title', 'answerKind', 'forms', 'params']);
    expect(Object.keys(ct!.params)).toEqual(
      expect.arrayContaining(['level', 'x', 'w', 'stride', 'padding', 'preset']),
    );
  });

  it('prints a readable table without --json', async () => {
    const { code, out } = await run(templatesCommand, []);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^id\s+topic\s+answer\s+forms\s+title$/);
    expect(out).toMatch(/soft-dice\s+segmentation\s+number\s+mcq,numeric\s+Soft Dice/);
  });

  it('check runs both forms over the seeds and reports per template', async () => {
    const { code, out } = await run(templatesCommand, [
      'check',
      '--seeds',
      '30',
      '--template',
      'conv-transpose1d',
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/^conv-transpose1d: 60 variants checked, \d+ variants\/s generated, ok$/m);
    expect(out).toMatch(/all templates ok/);
  });

  it('check over all templates passes', async () => {
    const { code, out } = await run(templatesCommand, ['check', '--seeds', '20']);
    expect(code).toBe(0);
    // One "ok" line per template the bank uses, then the summary.
    const lines = out.trim().split('\n');
    const used = new Set(
      builtinPack.items.flatMap((i) => (i.type === 'template' ? [i.template] : [])),
    );
    for (const id of used)
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${id}: .* ok$`)));
    expect(lines).toHaveLength(used.size + 1);
    expect(lines.at(-1)).toMatch(/all templates ok/);
  });

  it('rejects bad usage with a UsageError', async () => {
    await expect(run(templatesCommand, ['check'])).rejects.toThrow(/missing --seeds/);
    await expect(run(templatesCommand, ['check', '--seeds', 'many'])).rejects.toThrow(UsageError);
    await expect(
      run(templatesCommand, ['check', '--seeds', '5', '--template', 'nope']),
    ).rejects.toThrow(/unknown template "nope"/);
    await expect(run(templatesCommand, ['frobnicate'])).rejects.toThrow(UsageError);
  });
});

describe('generate', () => {
  it("prints the checkable parts, the hint ladder and each misconception's value", async () => {
    const { code, out } = await run(generateCommand, [
      'soft-dice',
      '--seed',
      '3',
      '--form',
      'numeric',
      '--param',
      'preset=source',
      '--json',
    ]);
    expect(code).toBe(0);
    const v = JSON.parse(out) as {
      parts: { id: string; answer: { value: number } }[];
      hints: string[];
      misconceptionValues: { misconception: { id: string }; value: number }[];
    };
    // Source masks: Σab = 7.2559, ΣA + ΣB = 9.48 + 8.98 = 18.46.
    expect(v.parts.map((p) => [p.id, p.answer.value])).toEqual([
      ['overlap', 7.2559],
      ['total', 18.46],
    ]);
    expect(v.hints).toHaveLength(3);
    // Without the factor 2: 7.2559 / 18.46 = 0.39306.
    const dropped = v.misconceptionValues.find(
      (m) => m.misconception.id === 'dropped-dice-factor-2',
    );
    expect(dropped?.value).toBeCloseTo(7.2559 / 18.46, 9);
  });

  it('prints one variant as JSON: stem, options with misconceptions and feedback, answer, steps', async () => {
    const { code, out } = await run(generateCommand, ['conv-transpose1d', '--seed', '1', '--json']);
    expect(code).toBe(0);
    expect(out.endsWith('\n')).toBe(true);
    const v = JSON.parse(out);
    expect(v).toMatchObject({
      templateId: 'conv-transpose1d',
      topic: 'upsampling',
      seed: 1,
      form: 'mcq',
    });
    expect(v.options).toHaveLength(4);
    const correct = v.options.filter((o: { correct: boolean }) => o.correct);
    expect(correct).toHaveLength(1);
    expect(v.answer.optionIds).toEqual([correct[0].id]);
    for (const o of v.options) {
      expect(typeof o.feedback).toBe('string');
      if (!o.correct) expect(o.misconception.id).toMatch(/^[a-z0-9-]+$/);
    }
    expect(v.steps.length).toBeGreaterThan(1);
    expect(typeof v.explanation).toBe('string');
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    const args = [
      'soft-dice',
      '--seed',
      '12345',
      '--form',
      'numeric',
      '--param',
      'level=3',
      '--json',
    ];
    const a = await run(generateCommand, args);
    const b = await run(generateCommand, args);
    expect(a.out).toBe(b.out);
    const c = await run(generateCommand, [
      'soft-dice',
      '--seed',
      '12346',
      '--form',
      'numeric',
      '--param',
      'level=3',
      '--json',
    ]);
    expect(c.out).not.toBe(a.out);
  });

  it('takes repeated --param with list values (the source example)', async () => {
    const { out } = await run(generateCommand, [
      'conv-transpose1d',
      '--seed',
      '0',
      '--form',
      'numeric',
      '--param',
      'x=5,4,3,2,1',
      '--param=w=1,2,3,4',
      '--param',
      'stride=2',
      '--json',
    ]);
    const v = JSON.parse(out);
    expect(v.answer).toEqual({
      value: [5, 10, 19, 28, 15, 22, 11, 16, 7, 10, 3, 4],
      tolerance: { abs: 1e-9 },
    });
    expect(v.params).toEqual({ x: '5,4,3,2,1', w: '1,2,3,4', stride: '2' });
    expect(v.options).toBeUndefined();
  });

  it('renders readable text without --json', async () => {
    const { code, out } = await run(generateCommand, ['iou', '--seed', '4']);
    expect(code).toBe(0);
    expect(out).toMatch(/^iou \(seed 4, mcq\)/);
    expect(out).toMatch(/← correct/);
    expect(out).toMatch(/Steps:/);
  });

  it('fails with a one-line UsageError for a bad template, seed, form or param', async () => {
    await expect(run(generateCommand, ['nope', '--seed', '1'])).rejects.toThrow(
      /unknown template "nope"/,
    );
    await expect(run(generateCommand, ['iou'])).rejects.toThrow(/missing --seed/);
    await expect(run(generateCommand, ['iou', '--seed', '-3'])).rejects.toThrow(
      /--seed must be an integer/,
    );
    await expect(run(generateCommand, ['iou', '--seed', '4294967296'])).rejects.toThrow(UsageError);
    await expect(run(generateCommand, ['iou', '--seed', '1', '--form', 'essay'])).rejects.toThrow(
      /--form/,
    );
    await expect(
      run(generateCommand, ['norm-axes', '--seed', '1', '--form', 'numeric']),
    ).rejects.toThrow(UsageError);
    await expect(
      run(generateCommand, ['iou', '--seed', '1', '--param', 'level=9']),
    ).rejects.toThrow(/level/);
    await expect(run(generateCommand, ['iou', '--seed', '1', '--param', 'oops'])).rejects.toThrow(
      /name=value/,
    );
    const error = await run(generateCommand, ['nope', '--seed', '1']).catch((e: Error) => e);
    expect(String((error as Error).message)).not.toContain('\n');
  });
});
