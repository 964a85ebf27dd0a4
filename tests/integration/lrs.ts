/**
 * A real learning record store for tests: Learning Locker's xAPI statement service (npm
 * `xapi-statements`) with its in-memory statement repository and its test auth (any Basic
 * credentials are accepted), run in a child process on 127.0.0.1 and a free port.
 *
 * The package's own `server.js` listens on every interface and a fixed port, so the child builds
 * the same Express app from the package's modules (translator, service, presenter, config, as
 * `server.js` does) and listens on 127.0.0.1 port 0, then reports the port it got. Memory
 * is the child's: stopping the LRS forgets its statements, as a restarted in-memory LRS does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const serverJs = createRequire(import.meta.url).resolve('xapi-statements/dist/server.js');

// Runs in the child (plain CommonJS): argv[1] is the package's dist folder, argv[2] the port.
const bootstrap = `
const { createRequire } = require('node:module');
const dist = process.argv[1];
const req = createRequire(dist + '/server.js');
const express = req('express');
const config = req('./config').default;
const constants = req('./utils/constants');
const presenter = req('./expressPresenter').default({
  llClientInfoEndpoint: config.llClientInfoEndpoint,
  customRoute: config.express.customRoute,
  customRouteText: config.express.customRouteText,
  morganDirectory: config.express.morganDirectory,
  bodyParserLimit: config.express.bodyParserLimit,
  service: req('./serviceFactory').default(),
  tracker: req('./tracker').default,
  translator: req('./translatorFactory').default(),
  logger: req('./logger').default,
});
const app = express();
app.use(constants.aboutRoute, presenter.aboutRouter);
app.use(constants.statementsRoute, presenter.statementsRouter);
const server = app.listen(Number(process.argv[2]), '127.0.0.1', () => {
  process.send({ port: server.address().port });
});
process.on('disconnect', () => process.exit(0));
`;

/** A running LRS: its xAPI base address and how to stop it. */
export interface TestLrs {
  readonly port: number;
  /** `http://127.0.0.1:<port>/xAPI`: the endpoint to give `results sync`. */
  readonly endpoint: string;
  readonly pid: number;
  /** Stops the child (by its pid) and waits until it has exited. */
  stop(): Promise<void>;
}

/** Starts the LRS on `port` (0: a free one) and resolves once it listens. */
export async function startLrs(port = 0): Promise<TestLrs> {
  const scratch = mkdtempSync(join(tmpdir(), 'deepdrill-lrs-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['-e', bootstrap, dirname(serverJs), String(port)],
    {
      cwd: scratch,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {
        PATH: process.env.PATH ?? '',
        AUTH_REPO: 'test',
        EVENTS_REPO: 'test',
        MODELS_REPO: 'memory',
        STORAGE_REPO: 'local',
        FS_LOCAL_STORAGE_DIR: join(scratch, 'storage'),
        EXPRESS_MORGAN_DIRECTORY: join(scratch, 'access-logs'),
        WINSTON_CONSOLE_LEVEL: 'error',
        NODE_NO_WARNINGS: '1',
      },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`LRS did not start in 20 s: ${stderr}`)),
      20_000,
    );
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`LRS exited with ${String(code)} before listening: ${stderr}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('LRS child has no pid');
  return {
    port: listening,
    endpoint: `http://127.0.0.1:${listening}/xAPI`,
    pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGTERM');
      await exited;
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Every statement the LRS holds (following its `more` links), straight from its HTTP API. */
export async function lrsStatements(lrs: TestLrs): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let next: string | null = `${lrs.endpoint}/statements`;
  while (next !== null) {
    const response = await fetch(next, {
      headers: { 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic dGVzdDp0ZXN0' },
    });
    if (!response.ok) throw new Error(`LRS GET ${next}: HTTP ${response.status}`);
    const body = (await response.json()) as { statements: Record<string, unknown>[]; more: string };
    all.push(...body.statements);
    next = body.more === '' ? null : new URL(body.more, next).href;
  }
  return all;
}
