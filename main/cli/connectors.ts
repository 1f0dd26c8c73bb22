import path from 'node:path';
import type { Entries, EntryRole } from '../connectors/entries/index';
import { plainLocation, type ResolvedLocation } from '../connectors/entries/plain-location';
import type { ConnectorRegistry } from '../connectors/registry';
import { environmentOf } from '../platform/environment';
import { createLogger } from '../platform/logger';
import { defaultDataDir, logDir } from '../platform/paths';
import type { CommandContext } from './command';

interface Closable {
  close(): Promise<void>;
}

/** What one CLI run uses to reach sources, destinations and stores other than local folders. */
export interface CliConnectors {
  /** The app's data folder: `KLOSET_DATA_DIR` or the platform's default. */
  readonly dataDir: string;
  /**
   * The named entries. They, the registry and the accounts are loaded on first use: a command on
   * a local folder does not pay for gRPC and the schema library at start-up.
   */
  entries(): Promise<Entries>;
  /** Where a location written by the user goes (see `Entries.resolve`), from the command's folder. */
  resolve(text: string, role: EntryRole): Promise<ResolvedLocation>;
  /** The connector registry, made on first use (it logs to the app's log file). */
  registry(): Promise<ConnectorRegistry>;
  /** Remembers a store, source or destination to close when the command ends. */
  track<T extends Closable>(opened: T): T;
}

const opened = new WeakMap<CommandContext, { connectors: CliConnectors; open: Closable[] }>();

/** The environment for connectors: the command's own, over this process's (PATH, proxies). */
export function connectorEnv(context: CommandContext): Record<string, string> {
  return environmentOf(process.env, context.io.env);
}

export function connectorsOf(context: CommandContext): CliConnectors {
  const known = opened.get(context);
  if (known) return known.connectors;
  const env = connectorEnv(context);
  const dataDir = defaultDataDir(env);
  const open: Closable[] = [];
  let entries: Promise<Entries> | null = null;
  let registry: Promise<ConnectorRegistry> | null = null;
  const connectors: CliConnectors = {
    dataDir,
    entries: () => (entries ??= import('../connectors/entries/index').then(({ openEntries }) => openEntries(dataDir))),
    resolve: async (text, role) => (text.startsWith('@') ? (await connectors.entries()).resolve(text, role, context.io.cwd) : plainLocation(text, context.io.cwd, {}, null)),
    registry: () =>
      (registry ??= import('../connectors/host-connectors').then(({ openHostRegistry }) =>
        openHostRegistry({ dataDir, env, log: createLogger({ file: path.join(logDir(dataDir), 'kloset.log'), stream: null }) }),
      )),
    track: (item) => {
      open.push(item);
      return item;
    },
  };
  opened.set(context, { connectors, open });
  return connectors;
}

/** Closes what the command opened through connectors (stopping their plugin processes). */
export async function closeConnectors(context: CommandContext): Promise<void> {
  const known = opened.get(context);
  if (!known) return;
  opened.delete(context);
  await Promise.allSettled(known.open.splice(0).map((item) => item.close()));
}
