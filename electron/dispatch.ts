import {
  apiInputSchemas,
  apiMethods,
  type ApiErrorValue,
  type ApiMethod,
  type ApiResult,
  type AppApi,
} from './contract';
import { ServiceError } from './service/errors';
import { storageProblem } from './service/storage-errors';

/** Is `name` one of the API's methods (and not, say, `__proto__`)? */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiInputSchemas, name);
}

/**
 * The one place a call from a page enters the service: parse the untrusted input with the
 * method's schema, run the use case, and return errors as values. Shared by the IPC registry and
 * the browser-mode HTTP server so both behave identically.
 */
export async function dispatch(
  service: AppApi,
  method: ApiMethod,
  rawInput: unknown,
  onInternalError: (error: unknown) => void = () => {},
): Promise<ApiResult<unknown>> {
  const parsed = apiInputSchemas[method].safeParse(rawInput);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') + ': ' : ''}${issue.message}`)
      .join('; ');
    return { ok: false, error: { code: 'invalid-input', message: `${method}: ${message}` } };
  }
  try {
    const call = service[method] as (input: unknown) => Promise<unknown>;
    const value = await call.call(service, parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ServiceError) {
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    const storage = storageProblem(error);
    if (storage !== null) return { ok: false, error: { code: 'storage', message: storage } };
    onInternalError(error);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside DeepDrill; nothing was saved from this action.',
      },
    };
  }
}

/** A failed call of a {@link dispatchingClient}: the error value the page would have received. */
export class DispatchError extends Error {
  override name = 'DispatchError';
  constructor(readonly error: ApiErrorValue) {
    super(error.message);
  }
}

/**
 * The service as a page reaches it, for tools in this process (CLI simulate, the benchmark, the
 * crash test): every call goes through {@link dispatch}, so it costs what a learner's call costs;
 * an error value is thrown as a {@link DispatchError}, an internal error with its cause.
 */
export function dispatchingClient(service: AppApi): AppApi {
  const client: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of apiMethods) {
    client[method] = async (input?: unknown) => {
      let cause: unknown;
      const result = await dispatch(service, method, input, (error) => (cause = error));
      if (result.ok) return result.value;
      if (cause !== undefined) throw cause;
      throw new DispatchError(result.error);
    };
  }
  return client as unknown as AppApi;
}
