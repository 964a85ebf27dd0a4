import { apiInputSchemas, type ApiMethod, type ApiResult, type AppApi } from './contract';
import { ServiceError } from './service/errors';

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
