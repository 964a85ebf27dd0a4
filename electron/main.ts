/**
 * The Electron main process, kept thin: everything it calls (service, IPC registry, security
 * settings, native-binding choice) is plain TypeScript tested under Node.
 */
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeTheme,
  net,
  protocol,
  session,
  shell,
} from 'electron';
import { startApp, type RunningApp } from './bootstrap';
import { registerIpc } from './ipc';
import { electronNativeBinding, nativeBindingCandidates } from './native-binding';
import {
  appOrigin,
  appScheme,
  contentSecurityPolicy,
  isAppUrl,
  secureWindowOptions,
} from './security';

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const appRoot = app.getAppPath();
const rendererDir = normalize(join(appRoot, 'build', 'renderer'));
let running: RunningApp | undefined;
let mainWindow: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error(error);
    app.exit(1);
  });
}

function serveAppFiles(): void {
  protocol.handle(appScheme, (request) => {
    const url = new URL(request.url);
    const relative =
      url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(rendererDir, relative));
    if (url.host !== 'app' || !file.startsWith(rendererDir + sep)) {
      return new Response('not found', { status: 404 });
    }
    return net.fetch(pathToFileURL(file).toString()).then((response) => {
      const headers = new Headers(response.headers);
      headers.set('content-security-policy', contentSecurityPolicy());
      headers.set('x-content-type-options', 'nosniff');
      return new Response(response.body, { status: response.status, headers });
    });
  });
}

function start(): void {
  serveAppFiles();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);

  const nativeBinding = electronNativeBinding(
    process.versions,
    nativeBindingCandidates(process.resourcesPath, appRoot),
  );
  running = startApp({
    dbPath: join(app.getPath('userData'), 'deepdrill.db'),
    mode: 'desktop',
    nativeBinding,
    version: app.getVersion(),
  });
  registerIpc(
    ipcMain,
    running.service,
    (event) =>
      mainWindow !== undefined &&
      event.sender.id === mainWindow.webContents.id &&
      event.senderFrame !== null &&
      isAppUrl(event.senderFrame.url),
    (error) => console.error(error),
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));
  createWindow();
}

function createWindow(): void {
  const background = nativeTheme.shouldUseDarkColors ? '#15171c' : '#f7f7f5';
  mainWindow = new BrowserWindow(
    secureWindowOptions(join(appRoot, 'build', 'electron', 'preload.cjs'), background),
  );
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = undefined));
  void mainWindow.loadURL(`${appOrigin}/index.html`);
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (running && BrowserWindow.getAllWindows().length === 0) createWindow();
});
app.on('will-quit', () => running?.stop());

function menuTemplate(): Electron.MenuItemConstructorOptions[] {
  return [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'Data folder',
          // A fixed local path we computed, never text from a page or a bank.
          click: () => void shell.openPath(app.getPath('userData')),
        },
      ],
    },
  ];
}
