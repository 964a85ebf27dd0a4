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

/** What a screen keeps of a failed call: the message to show and the code to act on. */
export interface Problem {
  readonly message: string;
  readonly code: string | null;
}

/** The {@link Problem} for anything a call rejected with. */
export function problemOf(error: unknown): Problem {
  return { message: errorMessage(error), code: errorCode(error) };
}
