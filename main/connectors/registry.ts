import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KlosetError, type Exporter, type Importer, type Store } from '../kloset/index';
import type { Logger } from '../platform/logger';
import {
  locationScheme,
  openGrpcExporter,
  openGrpcImporter,
  openGrpcStore,
  startPlugin,
  type ConnectorConfig,
  type ConnectorRunOptions,
  type ExporterOpenOptions,
  type PluginProcess,
} from './grpc/index';

/*
 * Which connector serves a location: no scheme or `fs` → the built-in local-folder connectors, in
 * this process; `rclone` → our rclone plugin program; other schemes → plugins installed in
 * `<dataDir>/plugins/<name>/`, each described by a manifest.json. Each opened source, destination
 * or store gets its own plugin process.
 */

export const connectorRoles = ['importer', 'exporter', 'store'] as const;
export type ConnectorRole = (typeof connectorRoles)[number];

/** The in-process connectors for local folders; `folder` is the location without `fs://`. */
export interface BuiltInConnectors {
  openStore(folder: string, config: Readonly<Record<string, string>>): Promise<Store>;
  openImporter(folder: string, config: Readonly<Record<string, string>>, options: ConnectorRunOptions): Promise<Importer>;
  openExporter(folder: string, config: Readonly<Record<string, string>>, options: ExporterOpenOptions): Promise<Exporter>;
}

/** How to run a plugin program: for a script, the interpreter and the script's path. */
export interface PluginCommand {
  readonly command: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface RegistryOptions {
  readonly builtIn: BuiltInConnectors;
  /** Our rclone plugin program; without it, rclone locations are refused. */
  readonly rclone?: PluginCommand;
  /** `<dataDir>/plugins`; each sub-folder with a manifest.json is an installed plugin. */
  readonly pluginsFolder?: string;
  readonly log: Logger;
  /** See `StartPluginOptions.callTimeoutMs`. */
  readonly callTimeoutMs?: number;
}

export interface ConnectorInfo {
  readonly name: string;
  readonly schemes: readonly string[];
  readonly roles: readonly ConnectorRole[];
  readonly origin: 'built-in' | 'rclone' | 'installed';
  /** For an installed plugin that cannot be used: why. */
  readonly problem?: string;
}

export interface ConnectorRegistry {
  listConnectors(): ConnectorInfo[];
  /** `config` is the rest of the connector entry; `location` is added to it. */
  openStore(location: string, config?: Readonly<Record<string, string>>): Promise<Store>;
  openImporter(location: string, config?: Readonly<Record<string, string>>, options?: ConnectorRunOptions): Promise<Importer>;
  openExporter(location: string, config?: Readonly<Record<string, string>>, options?: ExporterOpenOptions): Promise<Exporter>;
}

const manifestSchema = z.object({
  name: z.string().min(1).max(64).optional(),
  description: z.string().max(1000).optional(),
  /** Path of the program inside the plugin's folder. */
  executable: z.string().min(1),
  schemes: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*$/, 'a scheme is lowercase letters, digits, "+", "-" or "."')).min(1),
  roles: z.array(z.enum(connectorRoles)).min(1),
});

interface InstalledPlugin extends ConnectorInfo {
  readonly executable: string;
}

const reservedSchemes = new Set(['fs', 'rclone']);
const roleNames: Readonly<Record<ConnectorRole, string>> = { importer: 'source', exporter: 'destination', store: 'store' };

/** The plugin's program, refused when it resolves (through symlinks too) outside its folder. */
function executableOf(folder: string, executable: string): string {
  const realFolder = fs.realpathSync(folder);
  const candidate = path.resolve(realFolder, executable);
  if (!fs.existsSync(candidate)) throw new Error(`its executable ${executable} does not exist`);
  const real = fs.realpathSync(candidate);
  if (!real.startsWith(realFolder + path.sep)) throw new Error(`its executable ${executable} is outside the plugin's folder`);
  if (!fs.statSync(real).isFile()) throw new Error(`its executable ${executable} is not a file`);
  fs.accessSync(real, fs.constants.X_OK);
  return real;
}

function readPlugin(folder: string): InstalledPlugin {
  const fallbackName = path.basename(folder);
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')));
    if (!parsed.success) throw new Error(`its manifest.json is invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const manifest = parsed.data;
    const reserved = manifest.schemes.find((scheme) => reservedSchemes.has(scheme));
    if (reserved) throw new Error(`the scheme ${reserved} belongs to a built-in connector`);
    return { name: manifest.name ?? fallbackName, schemes: manifest.schemes, roles: manifest.roles, origin: 'installed', executable: executableOf(folder, manifest.executable) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { name: fallbackName, schemes: [], roles: [], origin: 'installed', executable: '', problem: `The plugin in ${folder} cannot be used: ${reason}.` };
  }
}

/** The installed plugins, in folder name order; a scheme claimed twice goes to the first. */
function discoverPlugins(pluginsFolder: string | undefined, log: Logger): InstalledPlugin[] {
  if (!pluginsFolder || !fs.existsSync(pluginsFolder)) return [];
  const folders = fs
    .readdirSync(pluginsFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const claimed = new Set<string>();
  return folders.map((name) => {
    let plugin = readPlugin(path.join(pluginsFolder, name));
    const taken = plugin.schemes.find((scheme) => claimed.has(scheme));
    if (taken) plugin = { ...plugin, problem: `The plugin in ${path.join(pluginsFolder, name)} cannot be used: another plugin already handles ${taken}:// locations.` };
    if (plugin.problem) log.warn(plugin.problem);
    else plugin.schemes.forEach((scheme) => claimed.add(scheme));
    return plugin;
  });
}

const builtInInfo: ConnectorInfo = { name: 'Local folder', schemes: ['fs'], roles: connectorRoles, origin: 'built-in' };
const rcloneInfo: ConnectorInfo = { name: 'rclone', schemes: ['rclone'], roles: connectorRoles, origin: 'rclone' };

/**
 * The connectors available to this app. Installed plugins are discovered once, here; restart the
 * registry to see new ones.
 */
export function openConnectorRegistry(options: RegistryOptions): ConnectorRegistry {
  const installed = discoverPlugins(options.pluginsFolder, options.log);
  const usable = installed.filter((plugin) => !plugin.problem);

  /** The command of the plugin serving `scheme` in `role`, or null for the built-in connectors. */
  const commandFor = (scheme: string, role: ConnectorRole): (PluginCommand & { readonly name: string }) | null => {
    if (scheme === 'fs') return null;
    if (scheme === 'rclone') {
      if (!options.rclone) throw new KlosetError('BAD_INPUT', 'rclone locations are not available here: the rclone connector is not installed.');
      return { ...options.rclone, name: 'rclone' };
    }
    const plugin = usable.find((candidate) => candidate.schemes.includes(scheme));
    if (!plugin) throw new KlosetError('BAD_INPUT', `No connector handles ${scheme}:// locations. Install a plugin for it in ${options.pluginsFolder ?? 'the plugins folder'}, then restart.`);
    if (!plugin.roles.includes(role)) {
      throw new KlosetError('BAD_INPUT', `The ${plugin.name} connector cannot be used as a ${roleNames[role]}, only as a ${plugin.roles.map((served) => roleNames[served]).join(' or ')}.`);
    }
    return { command: plugin.executable, name: plugin.name };
  };

  const start = (command: PluginCommand & { readonly name: string }): Promise<PluginProcess> =>
    startPlugin({ ...command, log: options.log.child({ connector: command.name }), ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}) });

  const folderOf = (location: string): string => location.replace(/^fs:\/\//i, '');
  const entry = (location: string, config: Readonly<Record<string, string>>): ConnectorConfig => ({ ...config, location });

  return {
    listConnectors: () => [builtInInfo, ...(options.rclone ? [rcloneInfo] : []), ...installed.map(({ executable: _executable, ...info }) => info)],
    openStore: async (location, config = {}) => {
      const command = commandFor(locationScheme(location), 'store');
      if (!command) return options.builtIn.openStore(folderOf(location), config);
      return openGrpcStore(await start(command), entry(location, config));
    },
    openImporter: async (location, config = {}, runOptions = {}) => {
      const command = commandFor(locationScheme(location), 'importer');
      if (!command) return options.builtIn.openImporter(folderOf(location), config, runOptions);
      return openGrpcImporter(await start(command), entry(location, config), runOptions);
    },
    openExporter: async (location, config = {}, exportOptions = {}) => {
      const command = commandFor(locationScheme(location), 'exporter');
      if (!command) return options.builtIn.openExporter(folderOf(location), config, exportOptions);
      return openGrpcExporter(await start(command), entry(location, config), exportOptions);
    },
  };
}
