/** Conventions the diagnostics templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const DIAGNOSTICS_CONVENTIONS = {} as const satisfies Record<string, Convention>;
