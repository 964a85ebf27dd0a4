// Builds better-sqlite3 for Electron's ABI into build/electron-native/, leaving node_modules'
// Node build untouched (the tests, CLI and browser mode need it). Needs Electron's headers,
// which node-gyp downloads once; npm's global `nodedir` setting would point node-gyp at Node's
// headers instead, so it is explicitly cleared here.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const outDir = 'build/electron-native';
const target = join(outDir, 'better_sqlite3.node');

/** Returns the path of the Electron build, building it when missing or stale. */
export function buildElectronNative() {
  const electronVersion = JSON.parse(
    readFileSync('node_modules/electron/package.json', 'utf8'),
  ).version;
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  const stamp = join(outDir, `electron-${electronVersion}`);
  if (existsSync(target) && existsSync(stamp)) return target;

  const work = join(outDir, 'src');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
    cpSync(join(sqliteDir, entry), join(work, entry), { recursive: true });
  }
  const npmDir = dirname(dirname(process.env.npm_execpath ?? require.resolve('npm/package.json')));
  const candidates = [
    join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    '/usr/local/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  ];
  const nodeGyp = candidates.find((file) => existsSync(file) && statSync(file).isFile());
  if (!nodeGyp) throw new Error('node-gyp not found (it ships with npm)');
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_config_nodedir$/i.test(key)) delete env[key];
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit', env },
  );
  if (result.status !== 0) {
    throw new Error(
      'building better-sqlite3 for Electron failed (see above; it needs Electron headers)',
    );
  }
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  cpSync(target, stamp);
  return target;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(buildElectronNative());
}
