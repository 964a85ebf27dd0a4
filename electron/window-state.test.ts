import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultWindowState,
  fitToDisplays,
  readWindowState,
  writeWindowState,
} from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };
const minimum = { width: 960, height: 600 };

describe('window state', () => {
  it('remembers size, position and maximised across launches', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deepdrill-win-')), 'window.json');
    writeWindowState(file, { x: 40, y: 30, width: 1100, height: 700, maximized: true });
    expect(readWindowState(file)).toEqual({
      x: 40,
      y: 30,
      width: 1100,
      height: 700,
      maximized: true,
    });
  });

  it('falls back to the default for a missing or corrupt file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deepdrill-win-'));
    expect(readWindowState(join(dir, 'none.json'))).toEqual(defaultWindowState);
    writeFileSync(join(dir, 'bad.json'), '{"width": "huge"');
    expect(readWindowState(join(dir, 'bad.json'))).toEqual(defaultWindowState);
  });

  it('drops a position on a monitor that is no longer connected', () => {
    const onMonitor = { x: 1600, y: 100, width: 1280, height: 800, maximized: false };
    expect(fitToDisplays(onMonitor, [laptop, monitor], minimum)).toEqual(onMonitor);
    expect(fitToDisplays(onMonitor, [laptop], minimum)).toEqual({
      width: 1280,
      height: 800,
      maximized: false,
    });
  });

  it('shrinks a window larger than the display but never below the minimum size', () => {
    const huge = { x: 0, y: 0, width: 4000, height: 3000, maximized: false };
    expect(fitToDisplays(huge, [laptop], minimum)).toMatchObject({ width: 1440, height: 900 });
    const tiny = { x: 0, y: 0, width: 200, height: 100, maximized: false };
    expect(fitToDisplays(tiny, [laptop], minimum)).toMatchObject({ width: 960, height: 600 });
  });
});
