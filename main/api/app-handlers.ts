import type { AppInfo, RcloneStatus, Runtime } from '../../shared/api/app';
import type { Handlers } from './dispatch';
import type { EventBus } from './events';
import type { SettingsStore } from '../settings/settings-store';

export interface AppHandlerDeps {
  readonly runtime: Runtime;
  readonly appVersion: string;
  readonly electronVersion: string | null;
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly events: EventBus;
  /** The rclone that connectors would run now (it follows the rclone path in Settings). */
  readonly rclone: () => Promise<RcloneStatus>;
}

export function createAppHandlers(deps: AppHandlerDeps): Pick<Handlers, 'app.info' | 'settings.get' | 'settings.set'> {
  const info: Omit<AppInfo, 'rclone'> = {
    name: 'Kloset Desktop',
    version: deps.appVersion,
    runtime: deps.runtime,
    os: process.platform,
    arch: process.arch,
    nodeVersion: process.versions.node,
    electronVersion: deps.electronVersion,
    dataDir: deps.dataDir,
  };
  return {
    'app.info': async () => ({ ...info, rclone: await deps.rclone() }),
    'settings.get': () => deps.settings.get(),
    'settings.set': async (patch) => {
      const next = await deps.settings.update(patch);
      deps.events.emit('settings.changed', next);
      return next;
    },
  };
}
