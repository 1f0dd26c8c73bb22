import fs from 'node:fs';
import path from 'node:path';
import type { Runtime } from '../shared/api/app';
import { createAccountHandlers } from './api/account-handlers';
import { createAppHandlers } from './api/app-handlers';
import { createDispatch, type Dispatch, type Handlers } from './api/dispatch';
import { DownloadTickets } from './api/downloads';
import { describeError, mapError } from './api/error-mapping';
import { createEventBus, type EventBus } from './api/events';
import { createJobHandlers } from './api/job-handlers';
import { listLocalFolder } from './api/local-files';
import { createMaintenanceHandlers } from './api/maintenance-handlers';
import { createPlanHandlers } from './api/plan-handlers';
import { createPlanLauncher } from './api/plan-runner';
import { exportSettingsDocument, importSettingsDocument } from './api/settings-transfer';
import { createShellHandlers, type ShellAdapter } from './api/shell-handlers';
import { createSnapshotHandlers } from './api/snapshot-handlers';
import { createStoreHandlers } from './api/store-handlers';
import { createTransferHandlers, type TransferHandlerDeps } from './api/transfer-handlers';
import { HostConnectors } from './connectors/host-connectors';
import { JobHistory } from './jobs/job-history';
import { JobRegistry } from './jobs/job-registry';
import { environmentOf } from './platform/environment';
import { createLogger, SecretRedactor, type Logger } from './platform/logger';
import { logDir } from './platform/paths';
import { noSecretStore, type SecretStore } from './platform/secret-store';
import { Scheduler, createSystemClock, openPlanRepository, type Clock } from './scheduler';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';
import { createLocations, type Locations } from './stores/locations';
import { StoreList } from './stores/store-list';
import { StoreManager } from './stores/store-manager';
import { appVersion } from './version';

export interface ServicesConfig {
  readonly runtime: Runtime;
  readonly dataDir: string;
  readonly electronVersion?: string | null;
  /** Where log lines go besides the log file; stderr by default, null for none. */
  readonly logStream?: NodeJS.WritableStream | null;
  /** The OS keychain in Electron; none elsewhere. */
  readonly secrets?: SecretStore;
  /** A fake clock for tests; the system clock by default. */
  readonly clock?: Clock;
  /**
   * Scheduled runs are spread by up to this many seconds: by default `$KLOSET_SCHEDULE_SPREAD_SECONDS`,
   * or 60 (0 in tests, so that a schedule due now runs now).
   */
  readonly maxStartDelaySeconds?: number;
  /** Added to the environment of connector plugins and rclone (a proxy, a CA file); tests use it. */
  readonly connectorEnv?: Readonly<Record<string, string>>;
  /** The Electron shell's folder picker and file manager; none elsewhere. */
  readonly shell?: ShellAdapter;
}

export interface Services {
  readonly dataDir: string;
  readonly log: Logger;
  readonly redactor: SecretRedactor;
  readonly events: EventBus;
  readonly settings: SettingsStore;
  readonly connectors: HostConnectors;
  readonly jobs: JobRegistry;
  readonly stores: StoreManager;
  readonly scheduler: Scheduler;
  /** Present in the headless server, which serves downloads over HTTP. */
  readonly downloads: DownloadTickets | null;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
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
  const jobHistory = JobHistory.open(path.join(config.dataDir, 'jobs.sqlite'), () => new Date());
  const jobs = new JobRegistry({ history: jobHistory, log, describeError, redact: (text) => redactor.redact(text) });
  jobs.onEvent((event) => events.emit(`jobs.${event.type}`, event.job));
  const connectors = new HostConnectors({ dataDir: config.dataDir, env: environmentOf(process.env, config.connectorEnv ?? {}), log: log.child({ area: 'connectors' }), settings: () => settings.get() });
  const locations: Locations = createLocations(connectors);
  const stores = new StoreManager({
    dataDir: config.dataDir,
    list: StoreList.open(config.dataDir, log),
    locations,
    secrets: config.secrets ?? noSecretStore,
    redactor,
    log,
    onChanged: () => events.emit('stores.changed', stores.summaries()),
  });
  const downloads = config.runtime === 'headless' ? new DownloadTickets() : null;
  const transferDeps: TransferHandlerDeps = { stores, jobs, events, locations, dataDir: config.dataDir, downloads };
  const planRepository = openPlanRepository(path.join(config.dataDir, 'plans.sqlite'));
  const clock = config.clock ?? createSystemClock();
  const scheduler: Scheduler = new Scheduler({
    repository: planRepository,
    launcher: createPlanLauncher({ ...transferDeps, plan: (planId) => scheduler.getPlan(planId) }),
    clock,
    log,
    maxStartDelaySeconds: config.maxStartDelaySeconds ?? scheduleSpreadFromEnv(process.env),
  });
  scheduler.onEvent(() => events.emit('plans.changed', { plans: scheduler.listPlans(), isPausedAll: scheduler.isPausedAll() }));
  const handlers: Handlers = {
    ...createAppHandlers({ runtime: config.runtime, appVersion, electronVersion: config.electronVersion ?? null, dataDir: config.dataDir, settings, events, rclone: () => connectors.rclone() }),
    'app.exportSettings': () => ({ document: exportSettingsDocument({ settings, scheduler, stores, entries: connectors.entries, log }) }),
    'app.importSettings': async (params) => {
      const imported = await importSettingsDocument(params.document, { settings, scheduler, stores, entries: connectors.entries, log });
      events.emit('settings.changed', settings.get());
      return { imported };
    },
    ...createStoreHandlers({ stores, jobs, events }),
    ...createSnapshotHandlers({ stores, events }),
    ...createTransferHandlers(transferDeps),
    ...createMaintenanceHandlers(transferDeps),
    ...createJobHandlers(jobs),
    ...createPlanHandlers(scheduler),
    'localFiles.list': (params) => listLocalFolder(params.path, params.directoriesOnly),
    ...createShellHandlers(config.shell ?? null, config.dataDir),
    ...createAccountHandlers({ connectors, events, log }),
  };
  scheduler.start();
  void stores.openRemembered();
  return {
    dataDir: config.dataDir,
    log,
    redactor,
    events,
    settings,
    connectors,
    jobs,
    stores,
    scheduler,
    downloads,
    dispatch: createDispatch(handlers, log, mapError, (secret) => redactor.registerSecret(secret)),
    async close() {
      scheduler.stop();
      connectors.close();
      await jobs.shutdown();
      await stores.closeAll();
      planRepository.close();
      jobHistory.close();
    },
  };
}

function scheduleSpreadFromEnv(env: NodeJS.ProcessEnv): number {
  const value = env.KLOSET_SCHEDULE_SPREAD_SECONDS;
  if (value === undefined) return 60;
  if (!/^\d{1,4}$/.test(value)) throw new Error('KLOSET_SCHEDULE_SPREAD_SECONDS must be a whole number of seconds (0 to 9999).');
  return Number(value);
}
