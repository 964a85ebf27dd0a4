// npm start: build, make sure the Electron binary is there, build better-sqlite3 for Electron,
// then launch the desktop app. Each step that needs a network says so plainly when it fails.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { buildAll } from './build.mjs';
import { buildElectronNative } from './electron-native.mjs';

const browserMode =
  'Browser mode works without it: npm run serve -- --port 8080 --db ./deepdrill.db';

function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

await buildAll({ quiet: true });

// Electron's package downloads its binary on first use.
const pathFile = 'node_modules/electron/path.txt';
if (!existsSync(pathFile)) {
  const install = spawn(process.execPath, ['node_modules/electron/install.js'], {
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => install.on('exit', resolve));
  if (code !== 0 || !existsSync(pathFile)) {
    fail(
      `the Electron binary is not installed and could not be downloaded (no network?). ${browserMode}`,
    );
  }
}

try {
  buildElectronNative();
} catch (error) {
  fail(
    `${error.message}. node-gyp downloads Electron's headers once; connect to a network and retry. ${browserMode}`,
  );
}

const binary = `node_modules/electron/dist/${readFileSync(pathFile, 'utf8').trim()}`;
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
