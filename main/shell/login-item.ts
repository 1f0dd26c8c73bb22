import { app } from 'electron';
import type { Services } from '../services';

/** Started at login (hidden, in the tray) when the setting says so; follows the setting. */
export function followLaunchAtLogin(services: Services): () => void {
  const apply = (): void => app.setLoginItemSettings({ openAtLogin: services.settings.get().launchAtLogin, args: ['--hidden'] });
  apply();
  return services.events.subscribe((name) => {
    if (name === 'settings.changed') apply();
  });
}

/** Started at login: straight to the tray, without a window. */
export function wasStartedHidden(): boolean {
  return process.argv.includes('--hidden') || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
}
