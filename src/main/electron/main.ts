/**
 * Electron entry: lifecycle, the kiosk window and its security wiring. All logic
 * lives in the host (plain Node) and in the pure policy functions beside this file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { loadConfig } from '../config';
import { createHandlers } from '../handlers';
import { createHost, type Host } from '../host';
import { EVENT_CHANNEL } from '../../shared/ipc';
import { registerIpc } from './ipc-bridge';
import { APP_ENTRY_URL, APP_ORIGIN, crashAction, isBlockedShortcut, isNavigationAllowed, isPermissionAllowed, originOf } from './policy';
import { registerSchemePrivileges, serveRenderer } from './protocol';
import { mainWindowOptions } from './window-options';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const production = app.isPackaged;

registerSchemePrivileges();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null);
  const config = loadConfig({ mode: production ? 'production' : undefined, dataDir: path.join(app.getPath('userData'), 'data') });
  const host = await createHost({ config, runtime: 'electron' });
  const allowedOrigins = [APP_ORIGIN, ...(devServerUrl && !production ? [originOf(devServerUrl)!] : [])];

  serveRenderer(path.join(here, '../renderer'));
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? wc.getURL(), allowedOrigins, details as { mediaTypes?: string[] }));
  });
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, allowedOrigins),
  );
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url, contents.getURL())) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  registerIpc(ipcMain, createHandlers(host), allowedOrigins, host.log);
  const win = createWindow(host);
  host.events.onAny((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
  });
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    void host.close().finally(() => app.quit());
  });
}

function createWindow(host: Host): BrowserWindow {
  const win = new BrowserWindow(
    mainWindowOptions({ preloadPath: path.join(here, '../preload/index.cjs'), production, kiosk: production }),
  );
  const crashes: number[] = [];
  win.webContents.on('before-input-event', (event, input) => {
    if (production && isBlockedShortcut(input)) event.preventDefault();
  });
  win.webContents.on('render-process-gone', (_e, details) => {
    host.log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
    crashes.push(Date.now());
    const action = crashAction(crashes, Date.now());
    void win.loadURL(action === 'reload' ? entryUrl() : `${entryUrl()}#/out-of-service`);
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(entryUrl());
  return win;
}

function entryUrl(): string {
  return devServerUrl && !production ? devServerUrl : APP_ENTRY_URL;
}
