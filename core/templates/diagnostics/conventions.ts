/** Conventions the diagnostics templates' wrong options rely on (merged in `../conventions`). */
import type { Convention } from '../conventions';

export const DIAGNOSTICS_CONVENTIONS = {
  'early-stopping-patience': {
    phrase: 'in a row without an improvement',
    rule: "Keras's EarlyStopping stops once `patience` epochs in a row have not improved on the best value and, with restore_best_weights=True, restores the last improving epoch.",
  },
} as const satisfies Record<string, Convention>;
