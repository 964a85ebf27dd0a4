import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

/** A browser-mode server on a fresh temporary database, started for one test. */
export interface AppServer {
  /** `http://127.0.0.1:P/#token=…` as printed by the server. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dbPath: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `electron/serve.ts` (browser mode) on `dbPath` and resolves once it is listening. */
export async function startServer(
  dbPath: string,
  env: NodeJS.ProcessEnv = {},
  extraArgs: readonly string[] = [],
): Promise<AppServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/serve.ts', '--port', '0', '--db', dbPath, ...extraArgs],
    { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    dbPath,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A fresh temporary database path. */
export function tempDbPath(name = 'deepdrill.db'): string {
  return join(mkdtempSync(join(tmpdir(), 'deepdrill-browser-')), name);
}

/** `test` with an `app` fixture: a browser-mode server on a new database, stopped afterwards. */
export const test = base.extend<{ app: AppServer }>({
  // Playwright requires the destructuring pattern even when no other fixture is used.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const server = await startServer(tempDbPath());
    await use(server);
    await server.stop();
  },
});

export { expect } from '@playwright/test';
