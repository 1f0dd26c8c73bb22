/**
 * Electron entry (composition root #1): the shared services, the IPC transport and the window.
 * Everything that needs Electron lives here, in `main/shell/` and in `main/transport/ipc.ts`.
 */
import path from 'node:path';
import { app, session, type BrowserWindow } from 'electron';
import { defaultDataDir } from './platform/paths';
import { createServices, type Services } from './services';
import { isAppUrl, registerAppSchemePrivileges, serveRenderer } from './shell/app-protocol';
import { hardenWebContents, lockDownSession } from './shell/security';
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
  const showWindow = (): void => {
    if (!services) return;
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(path.join(import.meta.dirname, '..', 'preload', 'preload.cjs'), services.log);
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    services = createServices({ runtime: 'electron', dataDir: defaultDataDir(), electronVersion: process.versions.electron ?? null });
    lockDownSession(session.defaultSession);
    serveRenderer(path.join(import.meta.dirname, '..', 'renderer'));
    registerIpcTransport({ dispatch: services.dispatch, events: services.events, log: services.log, isTrustedUrl: isAppUrl });
    showWindow();
  });
}
