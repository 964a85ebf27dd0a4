import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultInstitute, loadInstitute } from './institute';
import { builderConfig } from './packaging';

function instituteFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'deepdrill-institute-'));
  const file = join(dir, 'institute.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('packaging configuration', () => {
  const config = builderConfig(defaultInstitute, null);

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
  it('names the product, bundles its banks as extra resources and carries the lock-down', () => {
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
    const config = builderConfig(institute, file);
    expect(config.productName).toBe('DeepDrill — Example Institute');
    expect(config.appId).toBe('org.example.deepdrill');
    expect(config.extraResources).toContainEqual({ from: file, to: 'institute/institute.json' });
    expect(config.extraResources).toContainEqual({
      from: institute.banks[0],
      to: 'institute/banks/week11.json',
    });
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
