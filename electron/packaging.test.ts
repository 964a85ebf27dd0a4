import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { createPackage, extractFile, listPackage, uncache } from '@electron/asar';
import { deepAssign } from 'builder-util-runtime';
import type { FileSet } from 'electron-builder';
import { samplePack } from '../db/bank/test-fixtures';
import { describe, expect, it } from 'vitest';
import { loadPackagedInstitute, startApp } from './bootstrap';
import { defaultInstitute, loadInstitute } from './institute';
import { builderConfig, packagedLayout, stagedInstituteDir, stageInstitute } from './packaging';

function instituteFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'deepdrill-institute-'));
  const file = join(dir, 'institute.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('packaging configuration', () => {
  const config = builderConfig(defaultInstitute, { files: {} });

  it('builds installers for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg)', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('never rebuilds node_modules for Electron and ships the Electron build of better-sqlite3', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.extraResources).toContainEqual({
      from: 'build/electron-native/better_sqlite3.node',
      to: 'native/better_sqlite3.node',
    });
  });

  it('sets the security fuses: no run-as-node, NODE_OPTIONS or inspect; ASAR integrity only', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs only the built app, not sources or tests', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['build/electron/**', 'build/renderer/**']),
    );
    expect((config.files as string[]).some((f) => /^(core|db|tests|renderer\/src)/.test(f))).toBe(
      false,
    );
  });
});

describe('institute configuration', () => {
  it('names the product, seals its files into the ASAR and carries the lock-down', () => {
    const file = instituteFile({
      productName: 'DeepDrill — Example Institute',
      appId: 'org.example.deepdrill',
      banks: ['banks/week11.json'],
      lockdown: { hideImport: true, examOnly: true, fixedMsqRule: 'all-or-nothing' },
    });
    const institute = loadInstitute(file);
    expect(institute.banks[0]).toBe(join(file, '..', 'banks', 'week11.json'));
    expect(institute.lockdown).toEqual({
      hideImport: true,
      examOnly: true,
      fixedMsqRule: 'all-or-nothing',
    });
    const seal = { files: { 'institute/institute.json': 'ab'.repeat(32) } };
    const config = builderConfig(institute, seal);
    expect(config.productName).toBe('DeepDrill — Example Institute');
    expect(config.appId).toBe('org.example.deepdrill');
    expect(config.extraMetadata).toEqual({ deepdrillInstitute: seal });
    // Nothing of the institute's outside the ASAR.
    expect(config.extraResources).toEqual([
      { from: 'build/electron-native/better_sqlite3.node', to: 'native/better_sqlite3.node' },
    ]);
  });

  it('refuses a config with unknown or wrong fields, naming them', () => {
    expect(() => loadInstitute(instituteFile({ productName: 'X', appId: 'nodots' }))).toThrow(
      /appId/,
    );
    expect(() =>
      loadInstitute(
        instituteFile({ productName: 'X', appId: 'org.x.y', lockdown: { examOnly: 'yes' } }),
      ),
    ).toThrow(/lockdown\.examOnly/);
    expect(() =>
      loadInstitute(instituteFile({ productName: 'X', appId: 'org.x.y', theme: 'dark' })),
    ).toThrow(/theme|unrecognized/i);
  });
});

/** A one-question bank pack with this id (the sample pack's first question). */
function bankPack(id: string, stem: string) {
  return {
    ...samplePack(),
    id,
    title: `Bank ${id}`,
    topics: [{ id: `${id}-topic`, title: `Topic of ${id}` }],
    items: [{ ...samplePack().items[0], id: `${id}-q1`, topic: `${id}-topic`, stem }],
  };
}

/**
 * An institute's source folder, built as `npm run dist` builds it and installed: institute.json
 * and banks written where `banks` says (paths relative to `<root>/config`, or absolute), laid
 * out by `packagedLayout` + `stageInstitute`, put into the app folder by builderConfig's own
 * `files` entries, package.json with builderConfig's `extraMetadata` merged by electron-builder's
 * deepAssign, and the app folder packed into a real app.asar. Returns the archive.
 */
async function installedBuild(
  banks: Record<string, unknown>,
  root = mkdtempSync(join(tmpdir(), 'deepdrill-dist-')),
  editApp: (appDir: string) => void = () => {},
): Promise<string> {
  const configDir = join(root, 'config');
  mkdirSync(configDir, { recursive: true });
  for (const [path, pack] of Object.entries(banks)) {
    const target = isAbsolute(path) ? path : join(configDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(pack));
  }
  const file = join(configDir, 'institute.json');
  writeFileSync(
    file,
    JSON.stringify({
      productName: 'DeepDrill — Layout Institute',
      appId: 'org.example.layout',
      banks: Object.keys(banks),
      includeBuiltinBank: false,
      lockdown: { hideImport: true, examOnly: true, fixedMsqRule: 'all-or-nothing' },
    }),
  );
  const institute = loadInstitute(file);
  const stage = join(root, 'stage');
  const config = builderConfig(institute, stageInstitute(packagedLayout(file, institute), stage));
  const appDir = join(root, 'app');
  mkdirSync(appDir, { recursive: true });
  // builderConfig's file sets, with the staging folder standing in for stagedInstituteDir.
  for (const set of config.files as (string | FileSet)[]) {
    if (typeof set === 'string') continue;
    expect(set.from).toBe(stagedInstituteDir);
    expect(set.filter).toEqual(['**/*']);
    cpSync(stage, join(appDir, set.to ?? '.'), { recursive: true });
  }
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  writeFileSync(
    join(appDir, 'package.json'),
    JSON.stringify(deepAssign(pkg, config.extraMetadata)),
  );
  editApp(appDir);
  const archive = join(root, 'app.asar');
  await createPackage(appDir, archive);
  return archive;
}

/** Reads a file inside the archive, as Electron's fs does for paths under app.asar. */
const asarReader = (archive: string) => (file: string) => {
  uncache(archive);
  return extractFile(archive, relative(archive, file));
};

/** Starts the app core on the installed build as main does, and names the banks it imported. */
async function startInstalled(archive: string): Promise<string[]> {
  const packaged = loadPackagedInstitute(archive, asarReader(archive));
  const app = startApp({
    dbPath: join(dirname(archive), 'deepdrill.db'),
    mode: 'desktop',
    productName: packaged.institute.productName,
    lockdown: packaged.institute.lockdown,
    bundledBanks: packaged.bundledBanks,
    includeBuiltinBank: packaged.institute.includeBuiltinBank,
  });
  try {
    const info = await app.service.getAppInfo();
    expect(info.productName).toBe('DeepDrill — Layout Institute');
    expect(info.lockdown).toEqual({
      hideImport: true,
      examOnly: true,
      fixedMsqRule: 'all-or-nothing',
    });
    return app.db.prepare<[], string>('SELECT id FROM banks ORDER BY id').pluck().all();
  } finally {
    app.stop();
  }
}

describe('an installed institute build', () => {
  const week = (id: string) => bankPack(id, `Week bank ${id}: at test time batch norm uses…`);

  it.each([
    ['in a banks folder', 'banks/week1.json'],
    ['beside institute.json', './week1.json'],
    ['beside institute.json, no ./', 'week1.json'],
    ['outside its folder', '../shared/week1.json'],
    ['in nested folders', 'banks/term1/week1/week1.json'],
  ])('starts with a bank %s (%s) imported', async (_name, path) => {
    const archive = await installedBuild({ [path]: week('layout-w1') });
    expect(await startInstalled(archive)).toEqual(['layout-w1']);
  });

  it('starts with a bank given by an absolute path', async () => {
    const root = mkdtempSync(join(tmpdir(), 'deepdrill-dist-'));
    const archive = await installedBuild(
      { [join(root, 'elsewhere', 'week1.json')]: week('layout-abs') },
      root,
    );
    expect(await startInstalled(archive)).toEqual(['layout-abs']);
  });

  it('keeps two banks of the same file name in different folders apart', async () => {
    const archive = await installedBuild({
      'term1/week1.json': week('term1-w1'),
      'term2/week1.json': week('term2-w1'),
    });
    expect(listPackage(archive, { isPack: false }).filter((f) => f.endsWith('.json'))).toEqual(
      expect.arrayContaining([
        `${sep}institute${sep}banks${sep}1${sep}week1.json`,
        `${sep}institute${sep}banks${sep}2${sep}week1.json`,
        `${sep}institute${sep}institute.json`,
      ]),
    );
    expect(await startInstalled(archive)).toEqual(['term1-w1', 'term2-w1']);
  });

  it('refuses to start when institute.json was edited, naming it', async () => {
    const archive = await installedBuild(
      { 'banks/week1.json': week('edit-w1') },
      undefined,
      (app) => {
        const file = join(app, 'institute', 'institute.json');
        const config = JSON.parse(readFileSync(file, 'utf8'));
        writeFileSync(file, JSON.stringify({ ...config, lockdown: {} }));
      },
    );
    expect(() => loadPackagedInstitute(archive, asarReader(archive))).toThrow(
      /institute\/institute\.json was changed after the build/,
    );
  });

  it('refuses to start when institute.json is missing', async () => {
    const archive = await installedBuild(
      { 'banks/week1.json': week('gone-w1') },
      undefined,
      (app) => rmSync(join(app, 'institute', 'institute.json')),
    );
    expect(() => loadPackagedInstitute(archive, asarReader(archive))).toThrow(
      /institute\/institute\.json is missing/,
    );
  });

  it('refuses to start when a bundled bank was edited, naming it', async () => {
    const archive = await installedBuild(
      { 'banks/week1.json': week('bank-w1') },
      undefined,
      (app) =>
        writeFileSync(
          join(app, 'institute', 'banks', '1', 'week1.json'),
          JSON.stringify(week('bank-w1-edited')),
        ),
    );
    expect(() => loadPackagedInstitute(archive, asarReader(archive))).toThrow(
      /institute\/banks\/1\/week1\.json was changed after the build/,
    );
  });

  it('a plain build starts unlocked, but refuses an institute.json slipped into it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'deepdrill-plain-'));
    const appDir = join(root, 'app');
    const config = builderConfig(defaultInstitute, stageInstitute([], join(root, 'stage')));
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    mkdirSync(join(appDir, 'institute'), { recursive: true });
    writeFileSync(
      join(appDir, 'package.json'),
      JSON.stringify(deepAssign(pkg, config.extraMetadata)),
    );
    const plain = join(root, 'plain.asar');
    await createPackage(appDir, plain);
    expect(loadPackagedInstitute(plain, asarReader(plain)).institute).toEqual(defaultInstitute);
    writeFileSync(join(appDir, 'institute', 'institute.json'), '{"productName":"X","appId":"a.b"}');
    const slipped = join(root, 'slipped.asar');
    await createPackage(appDir, slipped);
    expect(() => loadPackagedInstitute(slipped, asarReader(slipped))).toThrow(
      /institute\/institute\.json is not part of the build/,
    );
  });

  it('refuses a packaged app without a seal', async () => {
    const root = mkdtempSync(join(tmpdir(), 'deepdrill-unsealed-'));
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app', 'package.json'), '{"name":"deepdrill"}');
    const archive = join(root, 'app.asar');
    await createPackage(join(root, 'app'), archive);
    expect(() => loadPackagedInstitute(archive, asarReader(archive))).toThrow(
      /package\.json carries no deepdrillInstitute seal/,
    );
  });
});
