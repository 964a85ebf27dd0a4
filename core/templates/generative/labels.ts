/** Misconception labels of the generative templates (merged into the registry in `../misconceptions`). */
export const GENERATIVE_LABELS = {} as const satisfies Record<string, string>;
