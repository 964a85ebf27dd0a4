import { describe, expect, it } from 'vitest';
import { bankPackSchema } from './schema';
import { badPacks, samplePack, tutoringPack } from './test-fixtures';
import {
  MAX_PACK_BYTES,
  MAX_PACK_ITEMS,
  MAX_PROBLEMS,
  formatPath,
  parsePackText,
  scanJson,
  validatePack,
} from './validate';

describe('validatePack', () => {
  it('accepts the sample pack and returns it as the schema outputs it (defaults applied)', () => {
    const result = validatePack(samplePack());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack).toEqual(bankPackSchema.parse(samplePack()));
    const defaulted = result.pack.items[5];
    expect(defaulted.type === 'template' && defaulted.form).toBe('mcq');
  });

  it('reports every problem of a pack at once, in pack order', () => {
    const pack = samplePack() as unknown as { items: Record<string, unknown>[] };
    pack.items[0].difficulty = 9;
    pack.items[3].id = 'bn-test-time';
    pack.items[2].topic = 'nowhere';
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual([
      'items[0].difficulty',
      'items[2].topic',
      'items[3].id',
    ]);
  });

  it('caps a flood of problems and says how many were left out', () => {
    const pack = samplePack() as unknown as { items: unknown[] };
    pack.items = Array.from({ length: 500 }, (_, i) => ({ id: `q${i}`, type: 'mcq' }));
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(result.problems[MAX_PROBLEMS].message).toMatch(/and \d+ more problems/);
  });

  it('refuses a pack of more items than the limit at once, naming the count', () => {
    const pack = samplePack() as unknown as { items: unknown[] };
    pack.items = Array.from({ length: MAX_PACK_ITEMS + 1 }, () => ({}));
    expect(validatePack(pack)).toEqual({
      ok: false,
      problems: [
        {
          path: 'items',
          message: `${MAX_PACK_ITEMS + 1} items; a pack holds at most ${MAX_PACK_ITEMS} (split it into several packs)`,
        },
      ],
    });
  });

  it('refuses a cyclic object without hanging', () => {
    const pack = samplePack() as unknown as Record<string, unknown>;
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    pack.extra = loop;
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].message).toMatch(/nested deeper than 64 levels/);
  });

  it('reports a bad discriminator once, not one issue per union branch', () => {
    const pack = samplePack() as unknown as { items: Record<string, unknown>[] };
    pack.items[0].type = 'essay';
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: 'items[0].type',
        message: 'expected one of "mcq", "msq", "numeric", "template", "short", got string "essay"',
      },
    ]);
  });

  it('uses the item type to report the right branch (a numeric item missing its answer)', () => {
    const pack = samplePack() as unknown as { items: Record<string, unknown>[] };
    delete pack.items[2].answer;
    pack.items[2].options = [];
    const result = validatePack(pack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'items[2].answer', message: 'required field missing (expected an object)' },
      { path: 'items[2].options', message: 'unknown field "options"' },
    ]);
  });
});

describe('validatePack: hints and parts', () => {
  type Loose = { items: Record<string, unknown>[] };
  const problemsOf = (change: (pack: Loose) => void) => {
    const pack = tutoringPack() as unknown as Loose;
    change(pack);
    const result = validatePack(pack);
    return result.ok ? [] : result.problems;
  };
  const part = (id: string, value: unknown = 1) => ({
    id,
    prompt: 'Step.',
    answer: { value, tolerance: { abs: 0 } },
  });

  it('accepts hints on choice, numeric and template items and parts on numeric items', () => {
    const result = validatePack(tutoringPack());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const mean = result.pack.items[2];
    expect(mean.type === 'numeric' && mean.parts?.map((p) => p.id)).toEqual(['sum', 'mean']);
    expect(result.pack.items[4].type === 'template' && result.pack.items[4].hints).toEqual([
      'Use the output-size formula.',
    ]);
  });

  it('refuses a ladder of no rung or more than three, and empty rungs', () => {
    expect(problemsOf((p) => (p.items[0].hints = []))).toEqual([
      { path: 'items[0].hints', message: 'expected at least 1 item, got 0' },
    ]);
    expect(problemsOf((p) => (p.items[0].hints = ['a', 'b', 'c', 'd']))).toEqual([
      { path: 'items[0].hints', message: 'expected at most 3 items, got 4' },
    ]);
    expect(problemsOf((p) => (p.items[1].hints = ['fine', '']))).toEqual([
      { path: 'items[1].hints[1]', message: 'expected at least 1 character, got 0' },
    ]);
    expect(problemsOf((p) => (p.items[2].hints = 'one string'))).toEqual([
      { path: 'items[2].hints', message: 'expected an array, got string "one string"' },
    ]);
  });

  it('refuses parts on choice and template items, saying where parts belong', () => {
    expect(problemsOf((p) => (p.items[0].parts = [part('a'), part('b')]))).toEqual([
      {
        path: 'items[0].parts',
        message: 'unknown field "parts"; expected "parts" only on numeric items',
      },
    ]);
    expect(problemsOf((p) => (p.items[4].parts = [part('a'), part('b')]))).toEqual([
      {
        path: 'items[4].parts',
        message:
          'unknown field "parts"; a template item generates its own parts, expected "parts" only on numeric items',
      },
    ]);
  });

  it('refuses fewer than 2 or more than 8 parts, duplicate or malformed ids', () => {
    expect(problemsOf((p) => (p.items[2].parts = [part('a')]))).toEqual([
      { path: 'items[2].parts', message: 'expected at least 2 items, got 1' },
    ]);
    const nine = Array.from({ length: 9 }, (_, k) => part(`p${k}`));
    expect(problemsOf((p) => (p.items[2].parts = nine))).toEqual([
      { path: 'items[2].parts', message: 'expected at most 8 items, got 9' },
    ]);
    expect(problemsOf((p) => (p.items[2].parts = [part('a'), part('b'), part('a')]))).toEqual([
      {
        path: 'items[2].parts[2].id',
        message:
          'duplicate part id "a" (first used at parts[0]); expected unique ids within the item',
      },
    ]);
    expect(problemsOf((p) => (p.items[2].parts = [part('a'), part('-b')]))).toEqual([
      {
        path: 'items[2].parts[1].id',
        message:
          'expected letters, digits, ".", "_" or "-", starting alphanumeric, got string "-b"',
      },
    ]);
  });

  it("checks a part's key like a numeric item's, and refuses unknown part fields", () => {
    const problems = problemsOf((p) => {
      p.items[3].parts = [
        { id: 'a', prompt: 'x', answer: { value: [1, Number.NaN], tolerance: {} } },
        { id: 'b', prompt: 'y', answer: { value: '3', tolerance: { abs: -1 } }, key: 3 },
      ];
    });
    expect(problems.map((p) => p.path)).toEqual([
      'items[3].parts[0].answer.value[1]',
      'items[3].parts[0].answer.tolerance',
      'items[3].parts[1].answer.value',
      'items[3].parts[1].answer.tolerance.abs',
      'items[3].parts[1].key',
    ]);
    expect(problems[4].message).toBe('unknown field "key"');
  });
});

describe('parsePackText refuses malformed and hostile files', () => {
  for (const bad of badPacks) {
    it(bad.name, () => {
      const result = parsePackText(bad.text(), 'pack.json');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const problem = result.problems.find((p) => p.path === bad.path);
      expect(problem, JSON.stringify(result.problems.slice(0, 5))).toBeDefined();
      expect(problem?.message).toMatch(bad.message);
    });
  }

  it('refuses a file over the size limit before parsing it', () => {
    const text = `{"pad": "${'x'.repeat(MAX_PACK_BYTES)}"}`;
    const result = parsePackText(text, 'big.json');
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'big.json', message: expect.stringMatching(/limited to 50\.0 MB/) }],
    });
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    const text = `"${'é'.repeat(Math.ceil(MAX_PACK_BYTES / 2) + 10)}"`;
    expect(text.length).toBeLessThan(MAX_PACK_BYTES);
    const result = parsePackText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].path).toBe('(file)');
  });

  it('accepts a UTF-8 byte order mark and non-ASCII text', () => {
    const pack = samplePack();
    pack.items[0].stem = 'Größe ≥ 2? 统计 🙂 $\\hat{x}$';
    expect(parsePackText(`\ufeff${JSON.stringify(pack)}`).ok).toBe(true);
  });

  it('never pollutes Object.prototype', () => {
    for (const bad of badPacks.filter((b) => /__proto__|constructor/.test(b.name))) {
      parsePackText(bad.text());
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('scanJson', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const texts = [
      '0',
      '-0.5e+3',
      '"a\\u00e9\\n"',
      'true',
      'null',
      '[]',
      '{}',
      '[1, [2, {"a": [false]}]]',
      ' {"a" : 1 , "b":[ ]} ',
      '01',
      '1.',
      '.5',
      '-',
      '+1',
      '"\\x"',
      '"\\u12"',
      '[1,]',
      '{"a"}',
      '{"a":1,}',
      'nul',
      'tru',
      '[1 2]',
      '{"a" 1}',
      "{'a':1}",
      '"\t"',
      '1e',
      '[',
      '{"a":',
    ];
    for (const text of texts) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(scanJson(text, 64) === null, text).toBe(valid);
    }
  });
});

describe('formatPath', () => {
  it('writes JSON paths the way the docs show them', () => {
    expect(formatPath(['items', 12, 'answer'])).toBe('items[12].answer');
    expect(formatPath(['items', 3, 'options', 1, 'text'])).toBe('items[3].options[1].text');
    expect(formatPath(['items', 0, 'params', 'odd key'])).toBe('items[0].params["odd key"]');
    expect(formatPath([])).toBe('(root)');
  });
});
