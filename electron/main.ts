/**
 * The Electron main process, kept thin: everything it calls (service, IPC registry, security
 * settings, native-binding choice) is plain TypeScript tested under Node.
 */
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  net,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { loadPackagedInstitute, startApp, type RunningApp } from './bootstrap';
import { defaultInstitute } from './institute';
import { registerIpc } from './ipc';
import { electronNativeBinding, nativeBindingCandidates } from './native-binding';
import { checkAtStartup } from './startup-check';
import { fitToDisplays, readWindowState, writeWindowState } from './window-state';
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
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('DeepDrill could not start', String((error as Error)?.message ?? error));
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

/**
 * Checks the database off the main thread before opening it. On damage the learner chooses:
 * restore the newest backup (the damaged file is kept aside), or quit and keep everything as is.
 */
async function checkDatabase(
  dbPath: string,
  backupDir: string,
  nativeBinding?: string,
): Promise<void> {
  const result = await checkAtStartup({
    dbPath,
    backupDir,
    sqliteModule: require.resolve('better-sqlite3'),
    nativeBinding,
    now: () => Date.now(),
    confirmRecovery: async (problem) =>
      (
        await dialog.showMessageBox({
          type: 'error',
          title: 'DeepDrill: your data needs attention',
          message: 'The DeepDrill database failed its integrity check.',
          detail: `${problem}\n\nRestore the newest good backup? The damaged file is kept beside it, renamed, so nothing is deleted.`,
          buttons: ['Restore newest good backup', 'Quit'],
          defaultId: 0,
          cancelId: 1,
        })
      ).response === 0,
  });
  if (result.status === 'declined') {
    app.exit(1);
    return;
  }
  if (result.status === 'recovered') {
    const skipped =
      result.skipped.length > 0
        ? ` (${result.skipped.length} newer backup(s) were damaged too)`
        : '';
    await dialog.showMessageBox({
      type: 'info',
      message: result.used
        ? `Restored the backup from ${new Date(result.used.createdAt).toLocaleString()}${skipped}.`
        : 'There was no good backup; DeepDrill starts with a new database. The damaged file is kept in the data folder.',
    });
  }
}

async function start(): Promise<void> {
  serveAppFiles();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);

  const nativeBinding = electronNativeBinding(
    process.versions,
    nativeBindingCandidates(process.resourcesPath, appRoot),
  );
  // A packaged build carries institute.json (title, banks, lock-down) and its banks inside the
  // ASAR, sealed by the build; a missing or edited one stops the start (the dialog below).
  const packaged = app.isPackaged
    ? loadPackagedInstitute(appRoot)
    : { institute: defaultInstitute, bundledBanks: [] };
  const institute = packaged.institute;
  const dbPath = join(app.getPath('userData'), 'deepdrill.db');
  await checkDatabase(dbPath, join(app.getPath('userData'), 'backups'), nativeBinding);
  running = startApp({
    dbPath,
    mode: 'desktop',
    nativeBinding,
    version: app.getVersion(),
    productName: institute.productName,
    lockdown: institute.lockdown,
    bundledBanks: packaged.bundledBanks,
    includeBuiltinBank: institute.includeBuiltinBank,
    // Results to the institute's learning record store, in the background.
    lrs: institute.lrs,
    // The course's assignments and grading, when institute.json sets them.
    course: institute.course,
    // Bundled beside main.cjs by scripts/build.mjs.
    importWorker: { kind: 'script', path: join(appRoot, 'build', 'electron', 'import-job.cjs') },
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
  const options = secureWindowOptions(
    join(appRoot, 'build', 'electron', 'preload.cjs'),
    background,
    { packaged: app.isPackaged },
  );
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = fitToDisplays(
    readWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
    { width: options.minWidth, height: options.minHeight },
  );
  const window = new BrowserWindow({
    ...options,
    ...state,
    title: running?.deps.productName ?? 'DeepDrill',
    // Spelled out again (same values as secureWindowOptions, asserted by security.test.ts) so
    // static analysers such as electronegativity see them at the call site.
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  mainWindow = window;
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    writeWindowState(stateFile, { ...bounds, maximized: window.isMaximized() });
  });
  window.on('closed', () => (mainWindow = undefined));
  void window.loadURL(`${appOrigin}/index.html`);
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
