// npm run serve -- --port P --db FILE [--institute institute.json]: build the renderer, then
// start browser mode.
import { spawn } from 'node:child_process';
import { build as viteBuild } from 'vite';

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'electron/serve.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
