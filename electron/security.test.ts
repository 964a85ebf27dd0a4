import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isAppUrl, isLoopbackHost, secureWindowOptions } from './security';

describe('the main window', () => {
  const options = secureWindowOptions('/app/preload.cjs', '#000000', { packaged: true });

  it('isolates the page from Node and Electron (Electron security checklist)', () => {
    expect(options.webPreferences.contextIsolation).toBe(true);
    expect(options.webPreferences.sandbox).toBe(true);
    expect(options.webPreferences.nodeIntegration).toBe(false);
    expect(options.webPreferences.nodeIntegrationInWorker).toBe(false);
    expect(options.webPreferences.nodeIntegrationInSubFrames).toBe(false);
    expect(options.webPreferences.webSecurity).toBe(true);
    expect(options.webPreferences.allowRunningInsecureContent).toBe(false);
    expect(options.webPreferences.webviewTag).toBe(false);
    expect(options.webPreferences.preload).toBe('/app/preload.cjs');
  });

  it('has no DevTools in a packaged build, and keeps them in development', () => {
    expect(options.webPreferences.devTools).toBe(false);
    const dev = secureWindowOptions('/app/preload.cjs', '#000000', { packaged: false });
    expect(dev.webPreferences.devTools).toBe(true);
    // Everything else is the same in both builds.
    expect({ ...dev.webPreferences, devTools: false }).toEqual(options.webPreferences);
  });

  it('is shown only when ready, on a background colour (no white flash)', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#000000');
  });
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy();
  it("starts from default-src 'none' and allows scripts only from the app itself", () => {
    expect(csp).toMatch(/^default-src 'none'/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("object-src 'none'");
  });
  it('is the same policy the page declares in its meta tag', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    for (const directive of ["default-src 'none'", "script-src 'self'", "object-src 'none'"]) {
      expect(meta).toContain(directive);
    }
  });
});

describe('navigation guard', () => {
  it('accepts only the app scheme and host', () => {
    expect(isAppUrl('deepdrill://app/index.html')).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('deepdrill://evil/index.html')).toBe(false);
    expect(isAppUrl('javascript:alert(1)')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('browser-mode Host check', () => {
  it('accepts loopback names on the right port only', () => {
    expect(isLoopbackHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isLoopbackHost('localhost:4000', 4000)).toBe(true);
    expect(isLoopbackHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isLoopbackHost('evil.example:4000', 4000)).toBe(false);
    expect(isLoopbackHost(undefined, 4000)).toBe(false);
  });
});

describe('main process (static checks of electron/main.ts)', () => {
  const main = readFileSync('electron/main.ts', 'utf8');
  it('denies new windows, foreign navigation, webviews and permission requests', () => {
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(main).toMatch(/will-navigate[\s\S]*isAppUrl\(url\)[\s\S]*preventDefault/);
    expect(main).toMatch(/will-attach-webview[\s\S]*preventDefault/);
    expect(main).toMatch(/setPermissionRequestHandler\([^)]*\)\s*=>\s*\n?\s*callback\(false\)/);
  });
  it('spells out the isolation flags at the BrowserWindow call, matching secureWindowOptions', () => {
    const call = main.slice(main.indexOf('new BrowserWindow('));
    expect(call).toMatch(/contextIsolation: true,\s*sandbox: true,\s*nodeIntegration: false,/);
    expect(call).toContain("disableBlinkFeatures: 'Auxclick'");
    expect(call).toContain('devTools: !app.isPackaged');
    expect(main).toContain('secureWindowOptions(');
    expect(main).toMatch(/\{ packaged: app\.isPackaged \}/);
  });
  it('loads pages from the custom scheme, never file://, and checks IPC senders', () => {
    expect(main).toContain('loadURL(`${appOrigin}/index.html`)');
    expect(main).not.toMatch(/loadFile\(|loadURL\(['"`]file:/);
    expect(main).toMatch(/registerIpc\([\s\S]*event\.sender\.id === mainWindow\.webContents\.id/);
  });
  it('opens nothing external from page or bank text', () => {
    expect(main).not.toContain('openExternal');
  });
});
