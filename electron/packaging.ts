import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Configuration } from 'electron-builder';
import { sourceFileName } from '../db/bank/import';
import type { InstituteConfig } from './institute';

/** Where `institute.json` lives inside the packaged app (app.asar), from the app's root. */
export const packagedInstituteFile = 'institute/institute.json';

/**
 * Where bank number `index` (0-based, in institute.json's order) lives inside the packaged app,
 * from the app's root, whatever path institute.json gives it (`banks/w1.json`, `./w1.json`,
 * `../shared/w1.json`, an absolute path, nested folders): a folder of its own, so two banks with
 * the same file name never overwrite each other, and its own file name, which is the bank's
 * source-file identity (`sourceFileName` in db/bank). The build puts the file there and the
 * packaged app looks for it there: this function is the one place that decides.
 */
export function packagedBankPath(bank: string, index: number): string {
  return `institute/banks/${index + 1}/${sourceFileName(bank)}`;
}

/** One file of the institute's packaged layout: source file → path inside the app. */
export interface PackagedFile {
  readonly from: string;
  readonly to: string;
}

/**
 * The institute's files inside the packaged app: `institute.json` and every bank, from the
 * banks as `loadInstitute` resolved them (absolute) — in the order institute.json lists them.
 */
export function packagedLayout(
  instituteFile: string | null,
  institute: InstituteConfig,
): PackagedFile[] {
  if (instituteFile === null) return [];
  return [
    { from: instituteFile, to: packagedInstituteFile },
    ...institute.banks.map((bank, i) => ({ from: bank, to: packagedBankPath(bank, i) })),
  ];
}

/**
 * The SHA-256 of every institute file, by its path inside the app, written into the packaged
 * package.json (`deepdrillInstitute`) and checked at start (`loadPackagedInstitute`). Empty
 * for a plain DeepDrill build, which then must carry no institute.json.
 */
export interface InstituteSeal {
  readonly files: Readonly<Record<string, string>>;
}

/** Key of the seal in the packaged package.json. */
export const sealKey = 'deepdrillInstitute';

/** Hex SHA-256 of a file's bytes. */
export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/** Folder that `npm run dist` lays the institute's files out in, as they go into the app. */
export const stagedInstituteDir = 'build/institute-files';

/**
 * Copies the layout's files into `stageDir` (emptied first, so no earlier build's files ride
 * along) at their paths inside the app, and returns their seal. A file that cannot be read is
 * named in the error.
 */
export function stageInstitute(layout: readonly PackagedFile[], stageDir: string): InstituteSeal {
  rmSync(stageDir, { recursive: true, force: true });
  const files: Record<string, string> = {};
  for (const file of layout) {
    const target = join(stageDir, file.to);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.from);
    } catch (error) {
      throw new Error(`${file.from} cannot be bundled: ${(error as Error).message}`, {
        cause: error,
      });
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file.from, target);
    files[file.to] = sha256(bytes);
  }
  return { files };
}

/**
 * The electron-builder configuration for an institute's build, as a pure function so the test
 * can check every part that matters without downloading Electron:
 * - `npmRebuild: false`: node_modules keeps its Node build of better-sqlite3; the Electron build
 *   made by `scripts/electron-native.mjs` ships as an extra resource and is loaded through the
 *   `nativeBinding` option (a global npm `nodedir` would make electron-builder's own rebuild use
 *   the wrong headers silently);
 * - fuses: run-as-node, NODE_OPTIONS and --inspect off; ASAR integrity and only-load-from-ASAR on;
 * - the institute's `institute.json` and bank files inside the ASAR (staged by
 *   {@link stageInstitute} at their {@link packagedLayout} paths), so the ASAR integrity check
 *   covers them where Electron validates it (macOS, Windows), and their SHA-256 seal in the
 *   packaged package.json, which the app checks at start on every platform.
 */
export function builderConfig(institute: InstituteConfig, seal: InstituteSeal): Configuration {
  return {
    appId: institute.appId,
    productName: institute.productName,
    artifactName: '${productName}-${version}-${arch}.${ext}',
    directories: { output: 'release', buildResources: 'build-resources' },
    files: [
      'build/electron/**',
      'build/renderer/**',
      'package.json',
      '!**/*.map',
      { from: stagedInstituteDir, to: '.', filter: ['**/*'] },
    ],
    extraMetadata: { [sealKey]: seal },
    asar: true,
    npmRebuild: false,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,
    extraResources: [
      { from: 'build/electron-native/better_sqlite3.node', to: 'native/better_sqlite3.node' },
    ],
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    },
    linux: {
      target: ['AppImage', 'deb'],
      category: 'Education',
      maintainer: institute.productName,
    },
    deb: { depends: ['libnss3', 'libgtk-3-0'] },
    win: { target: ['nsis'] },
    nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
    mac: { target: ['dmg'], category: 'public.app-category.education', hardenedRuntime: true },
    dmg: { sign: false },
  };
}
