/** Misconception labels of the diagnostics templates (merged into the registry in `../misconceptions`). */
export const DIAGNOSTICS_LABELS = {
  'early-stop-at-best':
    'Gave the best epoch as the stopping epoch (forgot that patience waits for more epochs)',
  'early-stop-patience-exceeded':
    'Stopped one epoch late, when the patience was exceeded rather than used up',
  'early-stop-first-worse': 'Stopped (or restored) at the first epoch that got worse',
  'early-stop-ignored-min-delta': 'Counted an improvement smaller than min_delta as an improvement',
  'early-stop-read-training-curve': 'Read the training curve instead of the validation curve',
  'early-stop-ran-to-end': 'Took the last epoch of the run (as if early stopping never acted)',
  'early-stop-no-restore':
    'Gave the stopping epoch as the restored checkpoint (no restore of the best weights)',
} as const satisfies Record<string, string>;
