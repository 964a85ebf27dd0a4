/** Misconception labels of the diagnostics templates (merged into the registry in `../misconceptions`). */
export const DIAGNOSTICS_LABELS = {} as const satisfies Record<string, string>;
