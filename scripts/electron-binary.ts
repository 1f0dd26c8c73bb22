import fs from 'node:fs';
import path from 'node:path';

export type ElectronLookup = { readonly path: string } | { readonly reason: string };

/**
 * Finds the Electron binary that `npm start` can launch. Electron's npm package downloads its
 * binary on first use; we only look, never download.
 */
export function findElectronBinary(projectDir: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ElectronLookup {
  const packageDir = path.join(projectDir, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return { reason: 'no Electron binary is installed (run "npx install-electron" on a machine with internet access to add one)' };
  }
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : path.join(packageDir, 'dist', relative);
  if (!fs.existsSync(binary)) return { reason: `the Electron binary ${binary} is missing` };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { path: binary };
}
