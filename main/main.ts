/**
 * Electron entry (composition root #1): the shared services, the IPC transport, the window and
 * the tray. Everything that needs Electron lives here, in `main/shell/` and in
 * `main/transport/ipc.ts`. Closing the window keeps the app in the tray; Quit ends it.
 */
import path from 'node:path';
import { app, session, type BrowserWindow } from 'electron';
import { defaultDataDir } from './platform/paths';
import { createServices, type Services } from './services';
import { installAppMenu } from './shell/app-menu';
import { isAppUrl, registerAppSchemePrivileges, serveRenderer } from './shell/app-protocol';
import { dragIcon } from './shell/icons';
import { followLaunchAtLogin, wasStartedHidden } from './shell/login-item';
import { notifyFromEvents } from './shell/notifications';
import { createSafeStorageSecrets } from './shell/safe-storage-secrets';
import { hardenWebContents, lockDownSession } from './shell/security';
import { createShellAdapter } from './shell/shell-adapter';
import { createTray } from './shell/tray';
import { startUpdates } from './shell/updates';
import { createMainWindow } from './shell/window';
import { registerIpcTransport } from './transport/ipc';

app.enableSandbox();
registerAppSchemePrivileges();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: Services | null = null;
  let mainWindow: BrowserWindow | null = null;
  let isQuitting = false;
  const showWindow = (): void => {
    if (!services) return;
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(path.join(import.meta.dirname, '..', 'preload', 'preload.cjs'), services.log);
      mainWindow.on('close', (event) => {
        if (isQuitting) return;
        event.preventDefault();
        mainWindow?.hide();
      });
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  const quit = (): void => {
    isQuitting = true;
    app.quit();
  };
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    isQuitting = true;
    const running = services;
    if (!running) return;
    services = null;
    event.preventDefault();
    void running.close().finally(() => app.exit(0));
  });

  void app.whenReady().then(() => {
    const dataDir = defaultDataDir();
    const secrets = createSafeStorageSecrets(dataDir);
    const started = createServices({ runtime: 'electron', dataDir, electronVersion: process.versions.electron ?? null, secrets, shell: createShellAdapter(secrets) });
    services = started;
    lockDownSession(session.defaultSession);
    serveRenderer(path.join(import.meta.dirname, '..', 'renderer'));
    registerIpcTransport({ dispatch: started.dispatch, events: started.events, log: started.log, isTrustedUrl: isAppUrl, dragIcon });
    installAppMenu({ isPackaged: app.isPackaged });
    createTray(started, { open: showWindow, quit });
    notifyFromEvents(started, showWindow);
    followLaunchAtLogin(started);
    startUpdates({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, log: started.log });
    if (!wasStartedHidden()) showWindow();
  });
}
