/** Misconception labels of the optimizers templates (merged into the registry in `../misconceptions`). */
export const OPTIMIZERS_LABELS = {} as const satisfies Record<string, string>;
