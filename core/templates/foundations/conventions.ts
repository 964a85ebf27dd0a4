/** Conventions the foundations templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const FOUNDATIONS_CONVENTIONS = {} as const satisfies Record<string, Convention>;
