/** Misconception labels of the foundations templates (merged into the registry in `../misconceptions`). */
export const FOUNDATIONS_LABELS = {} as const satisfies Record<string, string>;
