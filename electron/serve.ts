/**
 * Browser mode: `npm run serve -- --port P --db FILE`. Serves the built renderer and the AppApi
 * on 127.0.0.1 only, guarded by a per-launch token, and prints
 * `listening http://127.0.0.1:P/#token=…` once ready.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './bootstrap';
import { createBrowserServer, newToken } from './http-server';
import { defaultInstitute, loadInstitute } from './institute';
import { checkAtStartup } from './startup-check';

function fail(message: string): never {
  process.stderr.write(`serve: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
let port = 0;
let dbPath = '';
let staticDir = fileURLToPath(new URL('../build/renderer', import.meta.url));
let instituteFile: string | null = null;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--port') port = Number(args[++i]);
  else if (arg === '--db') dbPath = args[++i] ?? '';
  else if (arg === '--static') staticDir = args[++i] ?? '';
  else if (arg === '--institute') instituteFile = args[++i] ?? '';
  else fail(`unknown argument ${arg} (usage: --port P --db FILE [--institute institute.json])`);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0–65535');
if (dbPath === '') fail('missing --db FILE');
if (!existsSync(`${staticDir}/index.html`))
  fail(`no built renderer in ${staticDir}: run npm run build`);

// The desktop app's start-up check: a damaged database is moved aside (never deleted) and the
// newest good backup put in place before anything writes to it; browser mode has no dialog to
// ask, so it recovers and says so.
const checked = await checkAtStartup({
  dbPath,
  backupDir: join(dirname(dbPath), 'backups'),
  sqliteModule: createRequire(import.meta.url).resolve('better-sqlite3'),
  now: () => Date.now(),
  confirmRecovery: (problem) => {
    process.stderr.write(`serve: ${dbPath} failed its integrity check: ${problem}\n`);
    return Promise.resolve(true);
  },
});
if (checked.status === 'recovered') {
  process.stderr.write(
    checked.used
      ? `serve: restored the backup ${checked.used.name}; the damaged file is kept beside the database\n`
      : 'serve: no good backup; starting a new database (the damaged file is kept beside it)\n',
  );
}

let app: ReturnType<typeof startApp>;
try {
  // An institute can try its institute.json (title, banks, lock-down) here before packaging.
  const institute = instituteFile ? loadInstitute(instituteFile) : defaultInstitute;
  app = startApp({
    dbPath,
    mode: 'browser',
    productName: institute.productName,
    lockdown: institute.lockdown,
    bundledBanks: institute.banks,
    includeBuiltinBank: institute.includeBuiltinBank,
    course: institute.course,
    // Results to the institute's learning record store, in the background.
    lrs: institute.lrs,
    // Imports run off the service's thread, as in the desktop app.
    importWorker: { kind: 'typescript' },
  });
} catch (error) {
  fail((error as Error).message);
}
const token = newToken();
const server = createBrowserServer({
  service: app.service,
  staticDir,
  token,
  onInternalError: (error) =>
    process.stderr.write(`internal error: ${String((error as Error)?.stack ?? error)}\n`),
});
server.on('error', (error) => fail(error.message));
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(`listening http://127.0.0.1:${actual}/#token=${token}\n`);
});

const shutdown = () => {
  server.close();
  app.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
