/** Helpers shared by the loss-function templates. */
import { TemplateError } from '../types';

/**
 * Two params that must be given together (inputs and their targets): both, or neither
 * (undefined). Throws a {@link TemplateError} naming them when only one is given.
 */
export function givenTogether<A, B>(
  a: A | undefined,
  b: B | undefined,
  names: string,
): readonly [A, B] | undefined {
  if ((a === undefined) !== (b === undefined))
    throw new TemplateError(`${names} must be given together`);
  return a === undefined || b === undefined ? undefined : [a, b];
}
