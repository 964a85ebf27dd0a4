/**
 * Security settings shared by the desktop window and the browser-mode server, kept pure so
 * tests assert them without Electron.
 */

/**
 * Content-Security-Policy of the app: nothing by default, then exactly what the renderer needs
 * (its own scripts and styles, KaTeX's fonts, images as data URLs for inline SVG icons).
 * `connect-src 'self'` lets browser mode reach its own API; the desktop app uses IPC only.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The custom scheme the desktop app loads its pages from (never `file://`). */
export const appScheme = 'deepdrill';
export const appOrigin = `${appScheme}://app`;

/**
 * `webPreferences` and window options of the main window; see `security.test.ts`. A packaged
 * build (`app.isPackaged`) has no DevTools: in a lab or exam they would show keys and let the
 * page's state be edited. Development keeps them.
 */
export function secureWindowOptions(
  preloadPath: string,
  backgroundColor: string,
  build: { readonly packaged: boolean },
) {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor,
    title: 'DeepDrill',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !build.packaged,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  } as const;
}

/** Is this URL one of our own pages? Anything else is denied navigation. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** Host header values browser mode accepts (DNS-rebinding defence): loopback names only. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}
