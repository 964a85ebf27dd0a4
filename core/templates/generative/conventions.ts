/** Conventions the generative templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const GENERATIVE_CONVENTIONS = {} as const satisfies Record<string, Convention>;
