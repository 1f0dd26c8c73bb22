import { BrowserWindow, dialog, shell } from 'electron';
import type { ShellAdapter } from '../api/shell-handlers';
import type { SecretStore } from '../platform/secret-store';

/** The folder picker and the file manager, for the API's `shell.*` methods. */
export function createShellAdapter(secrets: SecretStore): ShellAdapter {
  return {
    canRememberPassphrases: secrets.isAvailable,
    async pickFolder(title) {
      const window = BrowserWindow.getFocusedWindow();
      const options = { title: title ?? 'Choose a folder', properties: ['openDirectory' as const, 'createDirectory' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openPath(target) {
      const problem = await shell.openPath(target);
      if (problem) throw new Error(problem);
    },
  };
}
