/**
 * Electron entry: lifecycle, the kiosk window and its security wiring. All logic
 * lives in the host (plain Node) and in the pure policy functions beside this file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { installMainErrorGuards, onRendererGone, openOnboardingsFromStore, recoverOnStart, RunMarker, type AuditAppend } from '../app/crash-recovery';
import { resolveKioskConfig, type KioskConfig } from '../config';
import { createHandlers } from '../handlers';
import { createHost, type Host } from '../host';
import { openFileLogger, type FileLogger } from '../logging';
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
  const dataDir = path.join(app.getPath('userData'), 'data');
  const resolution = resolveKioskConfig({ overrides: { ...(production ? { mode: 'production' as const } : {}), dataDir } });
  const files = await openFileLogger({ dataDir, ...(resolution.ok ? { keepFiles: resolution.config.policy.logRetentionDays } : {}) });
  const marker = new RunMarker(dataDir);
  const running: { host?: Host } = {};
  const audit = (): AuditAppend | undefined => {
    try {
      const store = running.host?.store;
      return store ? (entry) => void store.audit.append(entry) : undefined;
    } catch {
      return undefined; // store not open: the crash is still logged
    }
  };
  installMainErrorGuards({ log: files.log, marker, audit, flush: files.flush, exit: (code) => app.exit(code) });

  if (!resolution.ok) {
    // Unsigned, tampered, expired or missing configuration: no services start; the agent sees why.
    files.log.error({ code: resolution.error.code, file: resolution.file }, 'kiosk configuration refused');
    showConfigRefused(resolution.error.code, files);
    return;
  }
  running.host = await startHost(resolution.config, files, marker);
}

async function startHost(config: KioskConfig, files: FileLogger, marker: RunMarker): Promise<Host> {
  const host = await createHost({ config, runtime: 'electron', log: files.log });
  const storeOrUndefined = () => {
    try {
      return host.store;
    } catch {
      return undefined;
    }
  };
  const recovery = await recoverOnStart({
    marker,
    log: host.log,
    audit: (entry) => void host.store.audit.append(entry),
    listOpenOnboardings: () => {
      const store = storeOrUndefined();
      return store ? openOnboardingsFromStore(store) : [];
    },
  });
  if (recovery.openOnboardings.length > 0) host.log.info({ open: recovery.openOnboardings.map((o) => o.reference) }, 'open onboardings to resume');
  const allowedOrigins = [APP_ORIGIN, ...(devServerUrl && !production ? [originOf(devServerUrl)!] : [])];

  serveRenderer(path.join(here, '../renderer'));
  applySessionPolicy(allowedOrigins);

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
    void host.close().finally(async () => {
      marker.end();
      await files.close();
      app.quit();
    });
  });
  return host;
}

function applySessionPolicy(allowedOrigins: string[]): void {
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
}

/** The "configuration refused" screen (src/renderer/screens/ConfigRefusedScreen.tsx), with no IPC. */
function showConfigRefused(code: string, files: FileLogger): void {
  serveRenderer(path.join(here, '../renderer'));
  applySessionPolicy([APP_ORIGIN]);
  // eng-reason: the options come from mainWindowOptions() (contextIsolation, sandbox, no node integration: window-options.test.ts); window.open is denied for every webContents in applySessionPolicy.
  const win = new BrowserWindow(mainWindowOptions({ preloadPath: path.join(here, '../preload/index.cjs'), production, kiosk: production })); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${entryUrl()}#/config-refused/${encodeURIComponent(code)}`);
  app.on('window-all-closed', () => void files.close().finally(() => app.quit()));
}

function createWindow(host: Host): BrowserWindow {
  // eng-reason: the options come from mainWindowOptions() (contextIsolation, sandbox, no node integration: window-options.test.ts); window.open is denied for every webContents in applySessionPolicy.
  const win = new BrowserWindow(mainWindowOptions({ preloadPath: path.join(here, '../preload/index.cjs'), production, kiosk: production })); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  const crashes: number[] = [];
  win.webContents.on('before-input-event', (event, input) => {
    if (production && isBlockedShortcut(input)) event.preventDefault();
  });
  win.webContents.on('render-process-gone', (_e, details) => {
    crashes.push(Date.now());
    const action = crashAction(crashes, Date.now());
    let audit: AuditAppend | undefined;
    try {
      const store = host.store;
      audit = (entry) => void store.audit.append(entry);
    } catch {
      audit = undefined; // store not open: onRendererGone logs that the entry could not be written
    }
    onRendererGone({ details, action, log: host.log, audit });
    // The home screen holds no customer data: a reload lands on it; repeated crashes go out of service.
    void win.loadURL(action === 'reload' ? entryUrl() : `${entryUrl()}#/out-of-service`);
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(entryUrl());
  return win;
}

function entryUrl(): string {
  return devServerUrl && !production ? devServerUrl : APP_ENTRY_URL;
}
