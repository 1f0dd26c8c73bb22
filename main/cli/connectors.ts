import path from 'node:path';
import { openEntries, type Entries } from '../connectors/entries/index';
import { openHostRegistry } from '../connectors/host-connectors';
import type { ConnectorRegistry } from '../connectors/registry';
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
  readonly entries: Entries;
  /** The connector registry, made on first use (it logs to the app's log file). */
  registry(): ConnectorRegistry;
  /** Remembers a store, source or destination to close when the command ends. */
  track<T extends Closable>(opened: T): T;
}

const opened = new WeakMap<CommandContext, { connectors: CliConnectors; open: Closable[] }>();

/** The environment for connectors: the command's own, over this process's (PATH, proxies). */
export function connectorEnv(context: CommandContext): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...context.io.env })) if (value !== undefined) env[key] = value;
  return env;
}

export function connectorsOf(context: CommandContext): CliConnectors {
  const known = opened.get(context);
  if (known) return known.connectors;
  const env = connectorEnv(context);
  const dataDir = defaultDataDir(env);
  const open: Closable[] = [];
  let registry: ConnectorRegistry | null = null;
  const connectors: CliConnectors = {
    dataDir,
    entries: openEntries(dataDir),
    registry: () => {
      registry ??= openHostRegistry({ dataDir, env, log: createLogger({ file: path.join(logDir(dataDir), 'kloset.log'), stream: null }) });
      return registry;
    },
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
