/** Conventions the architectures templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const ARCHITECTURES_CONVENTIONS = {} as const satisfies Record<string, Convention>;
