import { z } from 'zod';
import { event, method } from './define';
import { settingsSchema, type Settings } from '../types/settings';

export type Runtime = 'electron' | 'headless' | 'cli';

/** The rclone the app runs for Dropbox and OpenDrive, found as a backup would find it now. */
export interface RcloneStatus {
  /** null when no usable rclone was found. */
  readonly path: string | null;
  readonly version: string | null;
  /** What is wrong and how to fix it, when rclone cannot be used. */
  readonly problem: string | null;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly runtime: Runtime;
  readonly os: string;
  readonly arch: string;
  readonly nodeVersion: string;
  /** null outside Electron. */
  readonly electronVersion: string | null;
  /** Folder that holds the app's catalog, settings, logs and connector entries. */
  readonly dataDir: string;
  readonly rclone: RcloneStatus;
}

const noParams = z.object({}).strict();

export const appMethods = {
  'app.info': method<AppInfo>()(noParams),
  'settings.get': method<Settings>()(noParams),
  /** Changes some settings and returns all of them; emits `settings.changed`. */
  'settings.set': method<Settings>()(settingsSchema.partial().strict()),
  /** The app's settings, plans, stores, sources and destinations as one JSON document, without any secret. */
  'app.exportSettings': method<{ readonly document: string }>()(noParams),
  /** Imports such a document; accounts and passphrases must be entered again. */
  'app.importSettings': method<{ readonly imported: { readonly settings: boolean; readonly plans: number; readonly stores: number; readonly entries: number } }>()(
    z.object({ document: z.string().min(2).max(10_000_000) }).strict(),
  ),
};

export const appEvents = {
  'settings.changed': event<Settings>(),
};
