import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { ensureLearner } from '../db/queries/learners';
import { createBrowserServer, newToken } from './http-server';
import { createService, openLockdown } from './service';

const dir = mkdtempSync(join(tmpdir(), 'deepdrill-http-'));
const staticDir = join(dir, 'renderer');
mkdirSync(join(staticDir, 'assets'), { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>DeepDrill</title>');
writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
// A symlink inside the static folder that points out of it (a link a build step could leave).
symlinkSync(join(dir, 'secret.txt'), join(staticDir, 'assets', 'linked.txt'));
symlinkSync(dir, join(staticDir, 'up'));
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
const db = openDatabase(join(dir, 'http.db'));
const token = newToken();
const server = createBrowserServer({
  service: createService({
    db,
    clock: { now: () => 0 },
    nextSeed: () => 1,
    learnerId: ensureLearner(db, 'local', 0),
    dbPath: join(dir, 'http.db'),
    mode: 'browser',
    version: '1.2.3',
    productName: 'DeepDrill',
    lockdown: openLockdown,
  }),
  staticDir,
  token,
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  db.close();
});

function call(
  path: string,
  { method = 'POST', body = '', headers = {} as Record<string, string> } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser-mode server', () => {
  it('answers an API call carrying the launch token', async () => {
    const res = await call('/api/getAppInfo', { headers: { 'x-deepdrill-token': token } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: true,
      value: { version: '1.2.3', mode: 'browser' },
    });
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await call('/api/getAppInfo')).status).toBe(401);
    expect(
      (await call('/api/getAppInfo', { headers: { 'x-deepdrill-token': 'guess' } })).status,
    ).toBe(401);
  });

  it('refuses requests whose Host is not loopback (DNS rebinding)', async () => {
    const res = await call('/api/getAppInfo', {
      headers: { host: `evil.example:${port}`, 'x-deepdrill-token': token },
    });
    expect(res.status).toBe(403);
    expect((await call('/', { method: 'GET', headers: { host: 'evil.example' } })).status).toBe(
      403,
    );
  });

  it('validates input and reports which field is wrong', async () => {
    const res = await call('/api/updateSettings', {
      headers: { 'x-deepdrill-token': token },
      body: JSON.stringify({ defaultTimerMinutes: -5 }),
    });
    const result = JSON.parse(res.body);
    expect(result.ok).toBe(false);
    expect(result.error.message).toMatch(/defaultTimerMinutes/);
  });

  it('rejects unknown methods, including prototype names', async () => {
    for (const name of ['dropTables', '__proto__', 'constructor', 'toString']) {
      expect((await call(`/api/${name}`, { headers: { 'x-deepdrill-token': token } })).status).toBe(
        404,
      );
    }
  });

  it('serves the app with a strict CSP and never files outside the renderer folder', async () => {
    const page = await call('/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/^default-src 'none'/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const res = await call(path, { method: 'GET' });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the static folder');
    }
  });

  it('serves only regular files under its root: no symlink out, 400 for a malformed path', async () => {
    expect((await call('/assets/app.js', { method: 'GET' })).status).toBe(200);
    for (const path of ['/assets/linked.txt', '/up/secret.txt', '/assets', '/assets/']) {
      const res = await call(path, { method: 'GET' });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the static folder');
    }
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/index.html%00.js']) {
      const res = await call(path, { method: 'GET' });
      expect(res.status, path).toBe(400);
      expect(res.body).toMatch(/^bad request: /);
    }
  });
});
