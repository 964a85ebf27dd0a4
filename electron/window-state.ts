import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Where the window was, saved between launches. */
export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const defaultWindowState: WindowState = { width: 1280, height: 800, maximized: false };

/** Reads the saved state; a missing or unreadable file gives the default. */
export function readWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
    if (!ok(raw.width) || !ok(raw.height)) return defaultWindowState;
    return {
      x: ok(raw.x) ? raw.x : undefined,
      y: ok(raw.y) ? raw.y : undefined,
      width: raw.width!,
      height: raw.height!,
      maximized: raw.maximized === true,
    };
  } catch {
    return defaultWindowState;
  }
}

/** Saves atomically (temp file + rename) so a crash never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

/**
 * Keeps a remembered window usable: at least the minimum size, no bigger than the display, and
 * on a display that still exists (a laptop unplugged from its second monitor); otherwise the
 * position is dropped and the OS centres the window.
 */
export function fitToDisplays(
  state: WindowState,
  displays: readonly Rect[],
  minimum: { width: number; height: number },
): WindowState {
  const largest = displays.reduce(
    (a, d) => (d.width * d.height > a.width * a.height ? d : a),
    displays[0] ?? { x: 0, y: 0, width: 1280, height: 800 },
  );
  const width = Math.max(minimum.width, Math.min(state.width, largest.width));
  const height = Math.max(minimum.height, Math.min(state.height, largest.height));
  if (state.x === undefined || state.y === undefined)
    return { width, height, maximized: state.maximized };
  const visible = displays.some((d) => {
    const overlapX = Math.min(state.x! + width, d.x + d.width) - Math.max(state.x!, d.x);
    const overlapY = Math.min(state.y! + height, d.y + d.height) - Math.max(state.y!, d.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  return visible
    ? { x: state.x, y: state.y, width, height, maximized: state.maximized }
    : { width, height, maximized: state.maximized };
}
