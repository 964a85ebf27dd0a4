/** Conventions the detection templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const DETECTION_CONVENTIONS = {} as const satisfies Record<string, Convention>;
