import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { AppApi } from './contract';
import { dispatch, isApiMethod } from './dispatch';
import { contentSecurityPolicy, isLoopbackHost } from './security';

/** Largest request body accepted (a bank file being imported is the biggest thing sent). */
export const maxBodyBytes = 64 * 1024 * 1024;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** A fresh random token for one launch of browser mode. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface BrowserServerOptions {
  readonly service: AppApi;
  /** Folder of the built renderer (`index.html` + assets). */
  readonly staticDir: string;
  readonly token: string;
  readonly onInternalError?: (error: unknown) => void;
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The file a static request names, or null: only a regular file (not a symlink, a directory or
 * a device) whose real path lies under the root's real path.
 */
function staticFile(root: string, relative: string): string | null {
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep) || !existsSync(file)) return null;
  if (!lstatSync(file).isFile()) return null;
  const real = realpathSync(file);
  return real.startsWith(realpathSync(root) + sep) ? real : null;
}

/**
 * Browser mode: serves the built renderer and the same `AppApi` as JSON over HTTP
 * (`POST /api/<method>`, body = the method's input, header `x-deepdrill-token`). Requests whose
 * Host is not loopback, and API calls without the launch token, are refused. Bind it to
 * 127.0.0.1 only.
 */
export function createBrowserServer(options: BrowserServerOptions): Server {
  const root = normalize(options.staticDir);
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      options.onInternalError?.(error);
      if (!res.headersSent) send(res, 500, 'internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    if (!isLoopbackHost(req.headers.host, port)) {
      send(res, 403, 'forbidden: DeepDrill only answers on 127.0.0.1');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        send(res, 405, 'use POST');
        return;
      }
      const header = req.headers['x-deepdrill-token'];
      if (!tokenMatches(options.token, Array.isArray(header) ? header[0] : header)) {
        send(res, 401, 'missing or wrong token: open the address printed by `npm run serve`');
        return;
      }
      const method = url.pathname.slice('/api/'.length);
      if (!isApiMethod(method)) {
        send(res, 404, `unknown method ${method}`);
        return;
      }
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.length === 0 ? undefined : (JSON.parse(body) as unknown);
      } catch (error) {
        send(res, 400, `bad request body: ${(error as Error).message}`);
        return;
      }
      const result = await dispatch(options.service, method, input, options.onInternalError);
      send(res, 200, JSON.stringify(result), 'application/json');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed');
      return;
    }
    let relative: string;
    try {
      relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    } catch {
      send(res, 400, 'bad request: the path has a malformed % escape');
      return;
    }
    if (relative.includes('\0')) {
      send(res, 400, 'bad request: the path contains a NUL byte');
      return;
    }
    const file = staticFile(root, relative);
    if (file === null) {
      send(res, 404, 'not found');
      return;
    }
    res.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy(),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  }

  return server;
}
