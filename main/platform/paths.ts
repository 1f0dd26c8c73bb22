import os from 'node:os';
import path from 'node:path';

const appFolderName = 'Kloset Desktop';

/**
 * Where the app keeps its own data (catalog, settings, logs, connector entries, rclone config).
 * `KLOSET_DATA_DIR` overrides it, so tests and portable installs can point it anywhere. The same
 * folder is used by the Electron app, the headless server and the CLI.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.KLOSET_DATA_DIR;
  if (override) return path.resolve(override);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appFolderName);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', appFolderName);
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'kloset-desktop');
  }
}

export function logDir(dataDir: string): string {
  return path.join(dataDir, 'logs');
}
