import path from 'node:path';
import { nativeImage, type NativeImage } from 'electron';
import type { TrayState } from './tray-model';

/** The images in resources/icons, copied beside the bundles by the build. */
const iconDir = path.join(import.meta.dirname, '..', 'icons');

export function trayIcon(state: TrayState): NativeImage {
  const image = nativeImage.createFromPath(path.join(iconDir, `tray-${state}.png`));
  if (process.platform === 'darwin' && state === 'idle') image.setTemplateImage(true);
  return image;
}

export function appIcon(): NativeImage {
  return nativeImage.createFromPath(path.join(iconDir, 'app.png'));
}

/** Shown under the cursor while files are dragged out of a snapshot. */
export function dragIcon(): NativeImage {
  return nativeImage.createFromPath(path.join(iconDir, 'drag.png'));
}
