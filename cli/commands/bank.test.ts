import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankPackSchema } from '../../db/bank/schema';
import {
  badPacks,
  databaseBytes,
  samplePack,
  syntheticPack,
  tempDir,
} from '../../db/bank/test-fixtures';
import { generateVariant } from '../../core/templates/registry';
import { builtinPack } from '../../db/builtin';
import { ensureBuiltinBank } from '../../db/bank/builtin';
import { openDatabase } from '../../db/connection';
import type { CliIo } from '../io';
import { runCli } from '../main';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdin: (async function* () {})(),
    out: (text) => (out += text),
    err: (text) => (err += text),
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

function writePack(dir: string, name: string, pack: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof pack === 'string' ? pack : JSON.stringify(pack, null, 2));
  return file;
}

/** A database in `dir` as the app leaves it on first run: the built-in bank seeded. */
function seededDb(dir: string): string {
  const db = join(dir, 'app.db');
  const app = openDatabase(db);
  ensureBuiltinBank(app);
  app.close();
  return db;
}

describe('bank validate', () => {
  it('prints the item and topic counts of a good pack', async () => {
    const file = writePack(tempDir(), 'good.json', samplePack());
    expect(await cli('bank', 'validate', file)).toEqual({
      code: 0,
      out: 'ok: 6 items, 2 topics\n',
      err: '',
    });
  });

  it('prints one line per problem, path first, and exits 1', async () => {
    const pack = samplePack() as unknown as { items: Record<string, unknown>[] };
    pack.items[0].difficulty = 7;
    pack.items[1].answer = ['nope'];
    const file = writePack(tempDir(), 'bad.json', pack);
    const run = await cli('bank', 'validate', file);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err.trimEnd().split('\n')).toEqual([
      'items[0].difficulty: expected a number at most 5, got number 7',
      'items[1].answer[0]: "nope" is not an option of this item; expected one of "dropout", "l2", "bigger", "aug"',
    ]);
  });

  it('names the line and column of a syntax error', async () => {
    const file = writePack(
      tempDir(),
      'broken.json',
      '{\n  "format": "deepdrill-bank",\n  "id" "x"\n}',
    );
    const run = await cli('bank', 'validate', file);
    expect(run).toMatchObject({ code: 1, out: '' });
    expect(run.err).toBe(
      "line 3, column 8: not valid JSON: unexpected '\"'; expected ':' after a field name\n",
    );
  });

  it('refuses a file that is not UTF-8, and a missing file, in one line', async () => {
    const dir = tempDir();
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    expect(await cli('bank', 'validate', latin1)).toEqual({
      code: 1,
      out: '',
      err: `${latin1}: not UTF-8 text; save the pack as UTF-8 JSON\n`,
    });
    const missing = await cli('bank', 'validate', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^cannot read .*nope\.json: ENOENT\n$/);
  });

  it('refuses a file over 50 MB without reading it', async () => {
    const file = join(tempDir(), 'huge.json');
    writeFileSync(file, Buffer.alloc(51 * 1024 * 1024, 0x20));
    const run = await cli('bank', 'validate', file);
    expect(run).toEqual({
      code: 1,
      out: '',
      err: `${file}: the file is 51.0 MB; bank packs are limited to 50.0 MB\n`,
    });
    rmSync(file);
  });

  it('explains its usage', async () => {
    const run = await cli('bank');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^usage: bank validate FILE/);
    expect((await cli('bank', 'frobnicate')).err).toMatch(/unknown bank command "frobnicate"/);
    expect((await cli('bank', 'import', 'x.json')).err).toBe('missing --db\n');
  });
});

describe('bank import', () => {
  it('imports, reports counts, and versions on re-import', async () => {
    const dir = tempDir();
    const db = join(dir, 'app.db');
    const file = writePack(dir, 'pack.json', samplePack());
    expect(await cli('bank', 'import', file, '--db', db)).toEqual({
      code: 0,
      out: 'imported bank sample-bank: 6 added, 0 updated, 0 unchanged, 0 retired\n',
      err: '',
    });
    const v2 = samplePack();
    v2.items = v2.items.slice(1);
    v2.items[0] = {
      ...v2.items[0],
      stem: 'Which of these fight over-fitting?',
    } as (typeof v2.items)[0];
    writePack(dir, 'pack.json', v2);
    expect((await cli('bank', 'import', file, '--db', db)).out).toBe(
      'imported bank sample-bank: 0 added, 1 updated, 4 unchanged, 1 retired\n',
    );
  });

  it(
    'refuses every bad file with exit 1, the problem path on stderr, and the database unchanged',
    { timeout: 300_000 },
    async () => {
      const dir = tempDir();
      const db = join(dir, 'app.db');
      const seeded = openDatabase(db);
      seeded.prepare('SELECT 1').get();
      seeded.close();
      expect(
        (await cli('bank', 'import', writePack(dir, 'seed.json', syntheticPack(20)), '--db', db))
          .code,
      ).toBe(0);
      const before = databaseBytes(db);
      for (const bad of badPacks) {
        const file = writePack(dir, 'bad.json', bad.text());
        const run = await cli('bank', 'import', file, '--db', db);
        expect(run.code, bad.name).toBe(1);
        expect(run.out, bad.name).toBe('');
        expect(run.err, bad.name).toContain(`${bad.path}: `);
        expect(run.err, bad.name).not.toMatch(/\n\s+at /);
        expect(databaseBytes(db), bad.name).toEqual(before);
      }
    },
  );

  it('refuses a topic owned by another bank after opening the database, which stays unchanged', async () => {
    const dir = tempDir();
    const db = join(dir, 'app.db');
    await cli('bank', 'import', writePack(dir, 'a.json', syntheticPack(5, 'bank-a')), '--db', db);
    const before = databaseBytes(db);
    const thief = syntheticPack(5, 'bank-b');
    const file = writePack(dir, 'b.json', {
      ...thief,
      topics: [...thief.topics, { id: 'bank-a-t1', title: 'x' }],
    });
    const run = await cli('bank', 'import', file, '--db', db);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^topics\[10\]\.id: topic id "bank-a-t1" already belongs to the installed bank "bank-a"/,
    );
    expect(databaseBytes(db)).toEqual(before);
  });

  it('refuses a file that is not a database in one line', async () => {
    const dir = tempDir();
    const notDb = join(dir, 'notes.txt');
    writeFileSync(
      notDb,
      'just some notes, long enough to not look like an empty database file at all..',
    );
    const run = await cli('bank', 'import', writePack(dir, 'p.json', samplePack()), '--db', notDb);
    expect(run.code).toBe(1);
    expect(run.err.trimEnd().split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/not a DeepDrill database/);
  });
});

describe('bank import: ids that belong to another bank', () => {
  const active = (db: string, bankId: string): unknown => {
    const app = openDatabase(db, { readonly: true });
    try {
      return app
        .prepare('SELECT count(*) FROM questions WHERE bank_id = ? AND retired = 0')
        .pluck()
        .get(bankId);
    } finally {
      app.close();
    }
  };

  it('refuses a pack with the built-in id, --replace or not; the built-in questions stay', async () => {
    const dir = tempDir();
    const db = seededDb(dir);
    const before = databaseBytes(db);
    const file = writePack(dir, 'my-bank.json', { ...samplePack(), id: 'deepdrill-core' });
    for (const extra of [[], ['--replace']]) {
      expect(await cli('bank', 'import', file, '--db', db, ...extra)).toEqual({
        code: 1,
        out: '',
        err: `id: "deepdrill-core" is the built-in bank's id; give your bank its own id\n`,
      });
    }
    expect(databaseBytes(db)).toEqual(before);
    expect(active(db, 'deepdrill-core')).toBe(builtinPack.items.length);
  });

  it('takes over a bank from another file only with --replace; the same file updates in place', async () => {
    const dir = tempDir();
    const db = join(dir, 'app.db');
    const week1 = writePack(dir, 'week1.json', samplePack());
    expect((await cli('bank', 'import', week1, '--db', db)).out).toBe(
      'imported bank sample-bank: 6 added, 0 updated, 0 unchanged, 0 retired\n',
    );
    const pack = samplePack();
    const other = writePack(tempDir(), 'copy.json', { ...pack, items: pack.items.slice(0, 2) });
    const before = databaseBytes(db);
    const refused = await cli('bank', 'import', other, '--db', db);
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toBe(
      'id: bank "sample-bank" is already installed from the file "week1.json", not "copy.json"; to replace it with this file, import again with --replace (bank import FILE --db DB --replace), or give this bank its own id\n',
    );
    expect(databaseBytes(db)).toEqual(before);
    expect(active(db, 'sample-bank')).toBe(6);
    // week1.json from another folder is the same file name: the normal update path.
    const edited = samplePack();
    edited.items[0] = { ...edited.items[0], difficulty: 3 };
    const moved = writePack(tempDir(), 'week1.json', edited);
    expect((await cli('bank', 'import', moved, '--db', db)).out).toBe(
      'imported bank sample-bank: 0 added, 1 updated, 5 unchanged, 0 retired\n',
    );
    // Replaced: copy.json's two items (the first back at difficulty 2), the other four retired.
    expect((await cli('bank', 'import', other, '--db', db, '--replace')).out).toBe(
      'imported bank sample-bank: 0 added, 1 updated, 1 unchanged, 4 retired\n',
    );
    expect(active(db, 'sample-bank')).toBe(2);
  });
});

describe('bank identity of Moodle files', () => {
  const fixtures = join(__dirname, '../../tests/fixtures/moodle');
  const bankIds = (db: string) => {
    const app = openDatabase(db);
    try {
      return app
        .prepare('SELECT DISTINCT bank_id AS id FROM questions WHERE retired = 0 ORDER BY 1')
        .all();
    } finally {
      app.close();
    }
  };

  it('week1.gift then week1.xml are two banks; week1.gift again updates in place', async () => {
    const dir = tempDir();
    const db = join(dir, 'app.db');
    expect((await cli('bank', 'import', join(fixtures, 'week1.gift'), '--db', db)).out).toBe(
      'imported bank week1-gift: 3 added, 0 updated, 0 unchanged, 0 retired\n',
    );
    expect((await cli('bank', 'import', join(fixtures, 'week1.xml'), '--db', db)).out).toBe(
      'imported bank week1-xml: 2 added, 0 updated, 0 unchanged, 0 retired\n',
    );
    expect((await cli('bank', 'import', join(fixtures, 'week1.gift'), '--db', db)).out).toBe(
      'imported bank week1-gift: 0 added, 0 updated, 3 unchanged, 0 retired\n',
    );
    expect(bankIds(db)).toEqual([{ id: 'week1-gift' }, { id: 'week1-xml' }]);
    // A new version of the file under the same name replaces its questions, and only its own.
    const edited = writePack(
      dir,
      'week1.gift',
      readFileSync(join(fixtures, 'week1.gift'), 'utf8').replace('{#1822:5}', '{#1822:1}'),
    );
    expect((await cli('bank', 'import', edited, '--db', db)).out).toBe(
      'imported bank week1-gift: 0 added, 1 updated, 2 unchanged, 0 retired\n',
    );
    expect(bankIds(db)).toEqual([{ id: 'week1-gift' }, { id: 'week1-xml' }]);
  });

  it('a DeepDrill export keeps the id it states, under any file name, and never replaces its source', async () => {
    const dir = tempDir();
    const db = join(dir, 'app.db');
    await cli('bank', 'import', writePack(dir, 'pack.json', samplePack()), '--db', db);
    const out = join(dir, 'export.gift');
    expect((await cli('bank', 'export', '--db', db, '--format', 'gift', '--out', out)).code).toBe(
      0,
    );
    const renamed = writePack(dir, 'renamed by the teacher.gift', readFileSync(out, 'utf8'));
    const first = await cli('bank', 'import', renamed, '--db', db);
    expect(first.out).toMatch(
      /^imported bank sample-bank-gift: \d+ added, 0 updated, 0 unchanged, 0 retired\n$/,
    );
    // The same bank id under the export's own name is another file: refused unless replaced.
    expect(await cli('bank', 'import', out, '--db', db)).toMatchObject({
      code: 1,
      out: '',
      err: 'id: bank "sample-bank-gift" is already installed from the file "renamed by the teacher.gift", not "export.gift"; to replace it with this file, import again with --replace (bank import FILE --db DB --replace), or give this bank its own id\n',
    });
    // Replaced: the same bank, nothing added or retired (each question's source names the
    // file it came from, so they count as updated).
    expect((await cli('bank', 'import', out, '--db', db, '--replace')).out).toMatch(
      /^imported bank sample-bank-gift: 0 added, \d+ updated, 0 unchanged, 0 retired\n$/,
    );
    expect(bankIds(db)).toEqual([{ id: 'sample-bank' }, { id: 'sample-bank-gift' }]);
  });
});

describe('bank export', () => {
  it('exports the only imported bank by default, atomically, equal to the parsed pack', async () => {
    const dir = tempDir();
    const db = seededDb(dir);
    await cli('bank', 'import', writePack(dir, 'pack.json', samplePack()), '--db', db);
    const out = join(dir, 'out.json');
    expect(await cli('bank', 'export', '--db', db, '--out', out)).toEqual({
      code: 0,
      out: `wrote ${out}: 6 items, 2 topics\n`,
      err: '',
    });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(bankPackSchema.parse(samplePack()));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await cli('bank', 'validate', out)).code).toBe(0);
  });

  it('asks for --bank when several banks could be meant, and names unknown banks', async () => {
    const dir = tempDir();
    const db = join(dir, 'app.db');
    await cli('bank', 'import', writePack(dir, 'a.json', syntheticPack(3, 'bank-a')), '--db', db);
    await cli('bank', 'import', writePack(dir, 'b.json', syntheticPack(3, 'bank-b')), '--db', db);
    const out = join(dir, 'out.json');
    expect(await cli('bank', 'export', '--db', db, '--out', out)).toEqual({
      code: 1,
      out: '',
      err: 'several banks in the database; choose one with --bank: bank-a, bank-b\n',
    });
    expect(existsSync(out)).toBe(false);
    expect((await cli('bank', 'export', '--db', db, '--bank', 'bank-c', '--out', out)).err).toBe(
      'no bank "bank-c" in the database (installed: bank-a, bank-b)\n',
    );
    expect((await cli('bank', 'export', '--db', db, '--bank', 'bank-b', '--out', out)).code).toBe(
      0,
    );
    expect(JSON.parse(readFileSync(out, 'utf8')).id).toBe('bank-b');
  });

  it('exports the built-in pack, which validates and re-imports unchanged', async () => {
    const dir = tempDir();
    const out = join(dir, 'builtin.json');
    const run = await cli('bank', 'export', '--builtin', '--out', out);
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      `wrote ${out}: ${builtinPack.items.length} items, ${builtinPack.topics.length} topics\n`,
    );
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(bankPackSchema.parse(builtinPack));
    expect((await cli('bank', 'validate', out)).code).toBe(0);
    // In a database the app seeded, the built-in bank exports the same file.
    const db = seededDb(dir);
    const again = join(dir, 'again.json');
    expect(
      (await cli('bank', 'export', '--db', db, '--bank', builtinPack.id, '--out', again)).code,
    ).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('--format gift --variants N --json: templates as N fixed questions, what is left out counted on one line', async () => {
    const dir = tempDir();
    const out = join(dir, 'core.gift');
    const run = await cli(
      ...[
        'bank',
        'export',
        '--builtin',
        '--format',
        'gift',
        '--variants',
        '2',
        '--json',
        '--out',
        out,
      ],
    );
    expect(run.code).toBe(0);
    // Left out: numeric items and numeric-form templates whose key is a vector (checked here
    // with the template itself, not with the exporter).
    const pack = bankPackSchema.parse(builtinPack);
    const vector = pack.items.filter((item) =>
      item.type === 'numeric'
        ? typeof item.answer.value !== 'number'
        : item.type === 'template' &&
          item.form === 'numeric' &&
          typeof generateVariant(item.template, 0, { form: 'numeric', params: item.params ?? {} })
            .question.numeric!.value !== 'number',
    );
    const templates = pack.items.filter((i) => i.type === 'template' && !vector.includes(i));
    const fixed = pack.items.filter((i) => i.type !== 'template' && !vector.includes(i));
    const report = JSON.parse(run.out) as Record<string, unknown>;
    expect(report).toEqual({
      out,
      format: 'gift',
      items: pack.items.length,
      exported: pack.items.length - vector.length,
      questions: fixed.length + 2 * templates.length,
      templates: templates.length,
      variants: 2,
      notExported: vector.length,
      skipped: vector.map((i) => ({
        id: i.id,
        reason: expect.stringMatching(/vector of \d+ numbers/),
      })),
    });
    expect(run.err.split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${vector.length} of ${pack.items.length} items not exported \\(gift cannot hold them`,
        ),
      ),
      '',
    ]);
    const back = await cli('bank', 'validate', out);
    expect(back.out).toBe(
      `ok: ${fixed.length + 2 * templates.length} items, ${pack.topics.length} topics\n`,
    );
  });

  it('refuses --variants that is not a whole number up to 50, or with a JSON pack', async () => {
    for (const bad of ['-1', '51', '1.5', 'three']) {
      const run = await cli(
        'bank',
        'export',
        '--builtin',
        '--format',
        'gift',
        '--variants',
        bad,
        '--out',
        'x.gift',
      );
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/^--variants must be a whole number from 0 to 50/);
    }
    const run = await cli('bank', 'export', '--builtin', '--variants', '2', '--out', 'x.json');
    expect(run.err).toMatch(/^--variants is for --format gift or moodle-xml/);
  });

  it('reports an unwritable output path in one line and leaves no temp file', async () => {
    const dir = tempDir();
    const run = await cli('bank', 'export', '--builtin', '--out', join(dir, 'missing', 'x.json'));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^cannot write .*x\.json: ENOENT\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses --builtin together with --db', async () => {
    const run = await cli('bank', 'export', '--builtin', '--db', 'x.db', '--out', 'y.json');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/drop --db/);
  });
});
