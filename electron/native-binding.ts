import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron build of better-sqlite3 lives. The Node build stays in node_modules for the
 * tests, CLI and browser mode; the Electron build (different ABI) is made by
 * `scripts/electron-native.mjs` into `build/electron-native/` and shipped by electron-builder as
 * an extra resource, then loaded through better-sqlite3's `nativeBinding` option.
 * Returns undefined outside Electron (use node_modules' build).
 */
export function electronNativeBinding(
  versions: NodeJS.ProcessVersions,
  candidates: readonly string[],
): string | undefined {
  if (!versions.electron) return undefined;
  const found = candidates.find((file) => existsSync(file));
  if (found === undefined) {
    throw new Error(
      `The Electron build of better-sqlite3 is missing (looked in ${candidates.join(', ')}). ` +
        'Run `npm start` (it builds it) or see README, "Troubleshooting".',
    );
  }
  return found;
}

/** The places the Electron addon is looked for: packaged resources, then the dev build folder. */
export function nativeBindingCandidates(resourcesPath: string, appRoot: string): string[] {
  return [
    join(resourcesPath, 'native', 'better_sqlite3.node'),
    join(appRoot, 'build', 'electron-native', 'better_sqlite3.node'),
  ];
}
