/** Misconception labels of the sequences templates (merged into the registry in `../misconceptions`). */
export const SEQUENCES_LABELS = {} as const satisfies Record<string, string>;
