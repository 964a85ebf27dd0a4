/** Conventions the sequences templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const SEQUENCES_CONVENTIONS = {} as const satisfies Record<string, Convention>;
