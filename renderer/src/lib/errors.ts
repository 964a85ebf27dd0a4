import { ApiError } from './api';

/** A message fit to show the learner for anything a call rejected with. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something unexpected went wrong. Try again; if it keeps happening, restart DeepDrill.';
}

/** The API error code, if the error came from the application. */
export function errorCode(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}
