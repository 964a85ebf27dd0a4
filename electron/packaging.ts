import { basename } from 'node:path';
import type { Configuration } from 'electron-builder';
import type { InstituteConfig } from './institute';

/**
 * The electron-builder configuration for an institute's build, as a pure function so the test
 * can check every part that matters without downloading Electron:
 * - `npmRebuild: false`: node_modules keeps its Node build of better-sqlite3; the Electron build
 *   made by `scripts/electron-native.mjs` ships as an extra resource and is loaded through the
 *   `nativeBinding` option (a global npm `nodedir` would make electron-builder's own rebuild use
 *   the wrong headers silently);
 * - fuses: run-as-node, NODE_OPTIONS and --inspect off; ASAR integrity and only-load-from-ASAR on;
 * - the institute's `institute.json` and bank files as extra resources.
 */
export function builderConfig(
  institute: InstituteConfig,
  instituteFile: string | null,
): Configuration {
  return {
    appId: institute.appId,
    productName: institute.productName,
    artifactName: '${productName}-${version}-${arch}.${ext}',
    directories: { output: 'release', buildResources: 'build-resources' },
    files: ['build/electron/**', 'build/renderer/**', 'package.json', '!**/*.map'],
    asar: true,
    npmRebuild: false,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,
    extraResources: [
      { from: 'build/electron-native/better_sqlite3.node', to: 'native/better_sqlite3.node' },
      ...(instituteFile ? [{ from: instituteFile, to: 'institute/institute.json' }] : []),
      ...institute.banks.map((bank) => ({ from: bank, to: `institute/banks/${basename(bank)}` })),
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
