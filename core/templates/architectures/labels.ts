/** Misconception labels of the architectures templates (merged into the registry in `../misconceptions`). */
export const ARCHITECTURES_LABELS = {} as const satisfies Record<string, string>;
