import type { ApiErrorCode } from '../contract';

/** An error the learner should see as is (bad input, missing quiz, deadline passed…). */
export class ServiceError extends Error {
  override name = 'ServiceError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}
