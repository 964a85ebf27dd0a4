// npm start: build, make the Electron build of better-sqlite3, launch the desktop app.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { buildAll } from './build.mjs';
import { buildElectronNative } from './electron-native.mjs';

await buildAll({ quiet: true });
buildElectronNative();

// Electron's package downloads its binary on first use; say clearly what is missing.
const pathFile = 'node_modules/electron/path.txt';
if (!existsSync(pathFile)) {
  const install = spawn(process.execPath, ['node_modules/electron/install.js'], {
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => install.on('exit', resolve));
  if (code !== 0 || !existsSync(pathFile)) {
    console.error(
      'The Electron binary is not installed and could not be downloaded. Browser mode works without it: npm run serve -- --port 8080 --db ./deepdrill.db',
    );
    process.exit(1);
  }
}
const binary = `node_modules/electron/dist/${readFileSync(pathFile, 'utf8').trim()}`;
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
