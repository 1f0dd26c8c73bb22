import fs from 'node:fs';
import path from 'node:path';
import electronUpdater from 'electron-updater';
import type { Logger } from '../platform/logger';

/**
 * Automatic updates through electron-updater. electron-builder writes `app-update.yml` into the
 * resources only when electron-builder.yml names a publish target; without it (the default here)
 * updates stay off and nothing is asked of any server.
 */
export function startUpdates(options: { readonly isPackaged: boolean; readonly resourcesPath: string; readonly log: Logger }): void {
  if (!options.isPackaged || !fs.existsSync(path.join(options.resourcesPath, 'app-update.yml'))) {
    options.log.info('automatic updates are off: no publish target is configured');
    return;
  }
  const { autoUpdater } = electronUpdater;
  autoUpdater.on('error', (error) => options.log.warn('update check failed', { reason: String(error) }));
  void autoUpdater.checkForUpdatesAndNotify();
}
