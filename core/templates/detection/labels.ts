/** Misconception labels of the detection templates (merged into the registry in `../misconceptions`). */
export const DETECTION_LABELS = {} as const satisfies Record<string, string>;
