import type { AccountSummary } from '../../shared/types/accounts';
import type { JobSummary } from '../../shared/types/jobs';
import type { PlanSummary } from '../../shared/types/plans';
import { defaultSettings, type Settings } from '../../shared/types/settings';
import type { EntryView, SnapshotSummary } from '../../shared/types/snapshots';
import type { StoreSummary } from '../../shared/types/stores';
import type { AppInfo } from '../../shared/api/app';
import type { RestoreDraft } from '../stores/restore-store';

/** Test data shaped like the API's answers; each builder takes the fields a test cares about. */
export const storeId = '0123456789abcdef0123456789abcdef';

export function aStore(fields: Partial<StoreSummary> = {}): StoreSummary {
  return {
    id: storeId,
    name: 'Home backups',
    location: '/media/ann/backup',
    locationKind: 'local',
    isOpen: true,
    isEncrypted: true,
    snapshotCount: 3,
    storedBytes: 5 * 1024 ** 3,
    lastBackupAt: '2025-05-14T10:00:00.000Z',
    lastCheck: null,
    ...fields,
  };
}

export function aSnapshot(fields: Partial<SnapshotSummary> = {}): SnapshotSummary {
  return {
    id: 'aa11',
    storeId,
    time: '2025-05-14T10:00:00.000Z',
    name: '',
    host: 'laptop',
    sourceType: 'fs',
    sourceRoot: '/home/ann/Documents',
    tags: [],
    files: 1200,
    bytes: 3 * 1024 ** 3,
    addedBytes: 12 * 1024 ** 2,
    errorCount: 0,
    deletedAt: null,
    isOnLegalHold: false,
    ...fields,
  };
}

export function anEntry(name: string, fields: Partial<EntryView> = {}): EntryView {
  return { name, path: `/${name}`, kind: 'file', size: 2048, mtime: '2025-05-01T08:00:00.000Z', mode: 0o644, target: null, fileCount: null, ...fields };
}

export function aJob(fields: Partial<JobSummary> = {}): JobSummary {
  return {
    id: 'job1',
    kind: 'backup',
    status: 'running',
    title: 'Back up Documents to Home backups',
    storeId,
    progress: { filesDone: 10, filesTotal: 100, bytesDone: 25 * 1024 ** 2, bytesTotal: 100 * 1024 ** 2, currentItem: '/home/ann/Documents/a.txt', bytesPerSecond: 5 * 1024 ** 2, etaSeconds: 15 },
    warningCount: 0,
    startedAt: '2025-05-14T10:00:00.000Z',
    endedAt: null,
    error: null,
    ...fields,
  };
}

export function aPlan(fields: Partial<PlanSummary> = {}): PlanSummary {
  return {
    id: 'plan1',
    name: 'Documents',
    sources: ['/home/ann/Documents'],
    storeId,
    excludes: [],
    schedule: { kind: 'daily', at: '12:00' },
    retention: { keepDaily: 7 },
    checkAfterBackup: null,
    syncToStoreId: null,
    isPaused: false,
    createdAt: '2025-05-01T08:00:00.000Z',
    updatedAt: '2025-05-01T08:00:00.000Z',
    status: { nextRunAt: '2099-01-01T12:00:00.000Z', isRunning: false, runningJobId: null, isWaitingForStore: false, lastRun: null },
    ...fields,
  };
}

export function anAccount(fields: Partial<AccountSummary> = {}): AccountSummary {
  return { name: 'dropbox', provider: 'dropbox', status: 'connected', user: 'ann@example.com', checkedAt: null, ...fields };
}

export const appInfo: AppInfo = { name: 'Kloset Desktop', version: '9.9.9', runtime: 'headless', os: 'linux', arch: 'x64', nodeVersion: '20', electronVersion: null, dataDir: '/data', rclone: { path: '/usr/bin/rclone', version: 'v1.60.1-DEV', problem: null } };

export const settings: Settings = { ...defaultSettings };

/** Two items of a snapshot of /home/ann/Documents: a 1 MiB file and a 2 MiB folder of 40 files. */
export function aRestoreDraft(fields: Partial<RestoreDraft> = {}): RestoreDraft {
  return {
    storeId,
    snapshotId: 'aa11',
    snapshotTime: '2025-05-14T10:00:00.000Z',
    sourceRoot: '/home/ann/Documents',
    items: [
      { name: 'report.pdf', path: '/report.pdf', kind: 'file', size: 1024 * 1024, fileCount: null },
      { name: 'Photos', path: '/Photos', kind: 'directory', size: 2 * 1024 * 1024, fileCount: 40 },
    ],
    ...fields,
  };
}
