import { shell, type Session, type WebContents, type WebPreferences } from 'electron';
import type { Logger } from '../platform/logger';
import { isAppUrl } from './app-protocol';
import { opensInUserBrowser } from './external-links';

/** Every window's web preferences; `assertSecureDefaults` checks them again at run time. */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** No page of ours needs a camera, notifications from the page, or any other permission. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Applied to every web contents as it is created: navigation away from the app is blocked, new
 * windows are refused (https links and loopback sign-in pages open in the user's browser
 * instead), webviews are refused.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (opensInUserBrowser(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Refuses to create a window with weaker settings than `secureWebPreferences`. */
export function assertSecureDefaults(prefs: WebPreferences): void {
  const problems: string[] = [];
  if (prefs.contextIsolation !== true) problems.push('contextIsolation is off');
  if (prefs.sandbox !== true) problems.push('sandbox is off');
  if (prefs.nodeIntegration !== false) problems.push('nodeIntegration is on');
  if (prefs.webSecurity === false) problems.push('webSecurity is off');
  if (problems.length) throw new Error(`Insecure window settings: ${problems.join(', ')}.`);
}

/**
 * Checks from inside the loaded page that it has no Node.js: no `require`, `process` or
 * `module` in its world. A page that has them is closed.
 */
export function verifyPageIsolation(contents: WebContents, log: Logger): void {
  contents.on('did-finish-load', () => {
    void contents
      .executeJavaScript('[typeof require, typeof process, typeof module].join(",")')
      .then((found: unknown) => {
        if (found === 'undefined,undefined,undefined') return;
        log.error('a window exposed Node.js to its page; closing it', { found: String(found) });
        contents.close();
      });
  });
}
