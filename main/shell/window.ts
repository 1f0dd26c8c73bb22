import { BrowserWindow, type WebPreferences } from 'electron';
import type { Logger } from '../platform/logger';
import { appOrigin } from './app-protocol';
import { assertSecureDefaults, secureWebPreferences, verifyPageIsolation } from './security';

export function createMainWindow(preloadPath: string, log: Logger): BrowserWindow {
  const webPreferences: WebPreferences = { ...secureWebPreferences, preload: preloadPath };
  assertSecureDefaults(webPreferences);
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Kloset Desktop',
    show: false,
    webPreferences,
  });
  verifyPageIsolation(window.webContents, log);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}
