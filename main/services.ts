import fs from 'node:fs';
import path from 'node:path';
import type { Runtime } from '../shared/api/app';
import { createAppHandlers } from './api/app-handlers';
import { createDispatch, type Dispatch, type Handlers } from './api/dispatch';
import { createEventBus, type EventBus } from './api/events';
import { createPendingHandlers } from './api/pending-handlers';
import { createLogger, SecretRedactor, type Logger } from './platform/logger';
import { logDir } from './platform/paths';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';
import { appVersion } from './version';

export interface ServicesConfig {
  readonly runtime: Runtime;
  readonly dataDir: string;
  readonly electronVersion?: string | null;
  /** Where log lines go besides the log file; stderr by default, null for none. */
  readonly logStream?: NodeJS.WritableStream | null;
}

export interface Services {
  readonly dataDir: string;
  readonly log: Logger;
  readonly redactor: SecretRedactor;
  readonly events: EventBus;
  readonly settings: SettingsStore;
  readonly dispatch: Dispatch;
}

/**
 * The composition shared by every entry (Electron, headless server, CLI): one place builds the
 * services from config, so the three entries cannot drift apart.
 */
export function createServices(config: ServicesConfig): Services {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const redactor = new SecretRedactor();
  const log = createLogger({
    file: path.join(logDir(config.dataDir), 'kloset.log'),
    stream: config.logStream,
    redactor,
    level: process.env.KLOSET_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  });
  const events = createEventBus();
  const settings = openSettingsStore(config.dataDir, log);
  const handlers: Handlers = {
    ...createAppHandlers({
      runtime: config.runtime,
      appVersion,
      electronVersion: config.electronVersion ?? null,
      dataDir: config.dataDir,
      settings,
      events,
    }),
    ...createPendingHandlers(),
  };
  return {
    dataDir: config.dataDir,
    log,
    redactor,
    events,
    settings,
    dispatch: createDispatch(handlers, log),
  };
}
