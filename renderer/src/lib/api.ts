/**
 * The renderer's one way to reach the application: the preload bridge (`window.api`) in the
 * desktop app, or the browser-mode HTTP transport otherwise. Nothing else in the renderer knows
 * which one is in use. Calls resolve to the value or reject with an `ApiError` whose message is
 * fit to show the learner.
 */
import type {
  ApiBridge,
  ApiErrorCode,
  ApiMethod,
  ApiResult,
  AppApi,
} from '../../../electron/contract';

declare global {
  interface Window {
    /** Set by the desktop preload script. */
    api?: ApiBridge;
  }
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode | 'network',
    message: string,
  ) {
    super(message);
  }
}

/** Reads the per-launch token of browser mode from the page address (`#token=…`). */
export function tokenFromHash(hash: string): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(hash);
  return match ? match[1] : null;
}

/** Bodies up to this size are sent with `keepalive` (the browsers' limit is 64 kB in flight). */
const keepaliveLimit = 16_000;

function httpBridge(token: string | null): ApiBridge {
  const call = (method: ApiMethod) => async (input?: unknown) => {
    let response: Response;
    const body = input === undefined ? '' : JSON.stringify(input);
    try {
      response = await fetch(`./api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-deepdrill-token': token ?? '' },
        body,
        // An answer saved as the page closes must still arrive (browsers cap keepalive bodies).
        keepalive: body.length < keepaliveLimit,
      });
    } catch {
      throw new ApiError(
        'network',
        'DeepDrill is not reachable. Is `npm run serve` still running?',
      );
    }
    if (!response.ok)
      throw new ApiError('forbidden', (await response.text()) || response.statusText);
    return (await response.json()) as ApiResult<never>;
  };
  // A proxy rather than a copied method list: the contract stays the only list of methods.
  return new Proxy({} as ApiBridge, {
    get: (_, method) =>
      typeof method === 'string' && method !== 'then' ? call(method as ApiMethod) : undefined,
  });
}

function unwrapping(bridge: ApiBridge): AppApi {
  const wrap = (method: ApiMethod) => async (input?: unknown) => {
    const result = (await bridge[method](input)) as ApiResult<unknown>;
    if (!result.ok) throw new ApiError(result.error.code, result.error.message);
    return result.value;
  };
  return new Proxy({} as AppApi, {
    // `then` stays undefined so the proxy is never mistaken for a promise.
    get: (_, method) =>
      typeof method === 'string' && method !== 'then' ? wrap(method as ApiMethod) : undefined,
  });
}

/** The API for this page: preload bridge if present, else HTTP with the token from the URL. */
export function connectApi(win: Window = window): AppApi {
  return unwrapping(win.api ?? httpBridge(tokenFromHash(win.location.hash)));
}
