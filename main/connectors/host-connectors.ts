import path from 'node:path';
import { ExcludeMatcher, FsExporter, FsImporter, FsStore } from '../kloset/index';
import type { Logger } from '../platform/logger';
import { openAccounts, type Accounts } from './accounts/index';
import { openEntries, type Entries } from './entries/index';
import type { RcloneStatus } from '../../shared/api/app';
import { rclonePluginCommand, rcloneStatus } from './rclone/index';
import { openConnectorRegistry, type BuiltInConnectors, type ConnectorRegistry } from './registry';

/** The local-folder connectors, for `fs://` locations and local entries reached through the registry. */
const localConnectors: BuiltInConnectors = {
  openStore: async (folder) => new FsStore(folder),
  openImporter: async (folder, _config, options) => new FsImporter(folder, { excludes: new ExcludeMatcher(options.excludes ?? []) }),
  openExporter: async (folder, _config, options) => new FsExporter(folder, options.overwrite ?? 'never'),
};

export interface HostRegistryOptions {
  /** The app's data folder: its rclone config, its plugins folder. */
  readonly dataDir: string;
  /** The environment of plugin processes (PATH, proxies, a CA file). */
  readonly env: Readonly<Record<string, string>>;
  readonly log: Logger;
  /** rclone chosen in Settings; otherwise PATH, then the bundled copies. */
  readonly rclonePath?: string | null;
  /** Upload and download limit of rclone in KiB/s (rclone's `RCLONE_BWLIMIT`); null for none. */
  readonly bandwidthLimitKiBps?: number | null;
}

/** The environment of rclone children: the given one, plus the bandwidth limit when there is one. */
export function rcloneEnv(options: Pick<HostRegistryOptions, 'env' | 'bandwidthLimitKiBps'>): Record<string, string> {
  return { ...options.env, ...(options.bandwidthLimitKiBps ? { RCLONE_BWLIMIT: `${options.bandwidthLimitKiBps}K` } : {}) };
}

/** The connector registry of this machine: local folders, our rclone plugin, installed plugins. */
export function openHostRegistry(options: HostRegistryOptions): ConnectorRegistry {
  return openConnectorRegistry({
    builtIn: localConnectors,
    rclone: rclonePluginCommand({ dataDir: options.dataDir, env: rcloneEnv(options), ...(options.rclonePath ? { rclonePath: options.rclonePath } : {}) }),
    pluginsFolder: path.join(options.dataDir, 'plugins'),
    log: options.log,
  });
}

/** What `HostConnectors` reads from the app's settings each time it is used. */
export interface ConnectorSettings {
  readonly rclonePath: string | null;
  readonly bandwidthLimitKiBps: number | null;
}

/**
 * The app's connectors: named entries, cloud accounts and the registry. The registry and the
 * accounts follow the settings (rclone's path, the bandwidth limit): they are made again when
 * those change, and plugins started after that use the new ones.
 */
export class HostConnectors {
  readonly entries: Entries;
  private made: { key: string; registry: ConnectorRegistry; accounts: Accounts } | null = null;

  constructor(
    private readonly options: Omit<HostRegistryOptions, 'rclonePath' | 'bandwidthLimitKiBps'> & { readonly settings: () => ConnectorSettings },
  ) {
    this.entries = openEntries(options.dataDir);
  }

  registry(): ConnectorRegistry {
    return this.current().registry;
  }

  accounts(): Accounts {
    return this.current().accounts;
  }

  /** The rclone that connectors would run now, and its version. */
  rclone(): Promise<RcloneStatus> {
    const { rclonePath } = this.options.settings();
    return rcloneStatus({ env: this.options.env, ...(rclonePath ? { configuredPath: rclonePath } : {}) });
  }

  /** Cancels a Dropbox sign-in in progress. */
  close(): void {
    this.made?.accounts.close();
  }

  private current(): { registry: ConnectorRegistry; accounts: Accounts } {
    const settings = this.options.settings();
    const key = JSON.stringify([settings.rclonePath, settings.bandwidthLimitKiBps]);
    if (this.made?.key === key) return this.made;
    this.made?.accounts.close();
    const options: HostRegistryOptions = { ...this.options, ...settings };
    const accounts = openAccounts({ dataDir: options.dataDir, env: rcloneEnv(options), ...(settings.rclonePath ? { rclonePath: settings.rclonePath } : {}) });
    this.made = { key, registry: openHostRegistry(options), accounts };
    return this.made;
  }
}
