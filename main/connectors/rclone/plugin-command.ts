import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginCommand } from '../registry';
import { appRcloneConfigFile } from './remote-connection';

export interface RclonePluginOptions {
  /** The app's data folder: the plugin uses its rclone config for connected accounts. */
  readonly dataDir: string;
  /** rclone chosen in Settings; otherwise the plugin searches PATH and the bundled copies. */
  readonly rclonePath?: string;
  /** More environment for the plugin (and its rclone): a proxy, a CA file. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * How to run the rclone connector program: the bundle `rclone-plugin.js` beside the running
 * bundle (dist/main/), with this process's Node (Electron runs it as Node); from the sources (tests,
 * tsx), plugin-main.ts through tsx.
 */
export function rclonePluginCommand(options: RclonePluginOptions): PluginCommand {
  const env: Record<string, string> = {
    ...options.env,
    KLOSET_RCLONE_CONFIG: appRcloneConfigFile(options.dataDir),
    ...(options.rclonePath ? { KLOSET_RCLONE: options.rclonePath } : {}),
    ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}),
  };
  const bundled = fileURLToPath(new URL('./rclone-plugin.js', import.meta.url));
  if (fs.existsSync(bundled)) return { command: process.execPath, args: [bundled], env };
  return { command: process.execPath, args: ['--import', import.meta.resolve('tsx'), path.join(import.meta.dirname, 'plugin-main.ts')], env };
}
