// Builds the renderer (Vite) and the Electron main + preload bundles (esbuild) into build/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

/** Builds everything the desktop app and browser mode load. */
export async function buildAll({ quiet = false } = {}) {
  await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: false,
    minify: true,
    logLevel: quiet ? 'warning' : 'info',
    external: ['electron', 'better-sqlite3'],
  };
  await esbuild({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'build/electron/main.cjs',
  });
  // Bank imports run in a worker thread of the main process (electron/service/import-worker.ts).
  await esbuild({
    ...common,
    entryPoints: ['electron/service/import-job.ts'],
    outfile: 'build/electron/import-job.cjs',
  });
  await esbuild({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'build/electron/preload.cjs',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll();
}
