/** Conventions the optimizers templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const OPTIMIZERS_CONVENTIONS = {} as const satisfies Record<string, Convention>;
