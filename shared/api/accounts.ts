import { z } from 'zod';
import { event, method } from './define';
import type { AccountSummary, EntrySummary, RemoteFolder } from '../types/accounts';
import { locationSchema } from '../types/stores';

const accountName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Use letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit.');
const entryName = accountName;

export const accountMethods = {
  'accounts.list': method<AccountSummary[]>()(z.object({}).strict()),
  /**
   * Connects Dropbox. `browser`: starts the sign-in in the user's browser (rclone's loopback on
   * 127.0.0.1:53682) and returns the address to open; the account appears with `accounts.changed`.
   * `token`: a token JSON pasted from `rclone authorize dropbox` run on another machine.
   */
  'accounts.connectDropbox': method<{ readonly authUrl: string | null; readonly account: AccountSummary | null }>()(
    z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('browser'), name: accountName }).strict(),
      z.object({ mode: z.literal('token'), name: accountName, token: z.string().min(10).max(10_000) }).strict(),
    ]),
  ),
  'accounts.connectOpenDrive': method<AccountSummary>()(z.object({ name: accountName, username: z.string().min(1).max(320), password: z.string().min(1).max(1024) }).strict()),
  /** Checks that the account still works (its status becomes `expired` when it must be reconnected). */
  'accounts.test': method<AccountSummary>()(z.object({ name: accountName }).strict()),
  'accounts.remove': method<{ readonly removed: true }>()(z.object({ name: accountName }).strict()),
  /** Lists one folder of a cloud account, for a folder picker; loads lazily, folder by folder. */
  'remotes.browse': method<RemoteFolder[]>()(z.object({ account: accountName, path: z.string().max(4096).default('') }).strict()),
  /** Lists one folder of this machine (the path field with completion in the browser build). */
  'localFiles.list': method<RemoteFolder[]>()(z.object({ path: z.string().min(1).max(4096), directoriesOnly: z.boolean().default(true) }).strict()),
  'sources.list': method<EntrySummary[]>()(z.object({}).strict()),
  'sources.add': method<EntrySummary>()(z.object({ name: entryName, location: locationSchema, options: z.record(z.string(), z.string().max(10_000)).default({}) }).strict()),
  'sources.remove': method<{ readonly removed: true }>()(z.object({ name: entryName }).strict()),
  'destinations.list': method<EntrySummary[]>()(z.object({}).strict()),
  'destinations.add': method<EntrySummary>()(z.object({ name: entryName, location: locationSchema, options: z.record(z.string(), z.string().max(10_000)).default({}) }).strict()),
  'destinations.remove': method<{ readonly removed: true }>()(z.object({ name: entryName }).strict()),
};

export const accountEvents = {
  'accounts.changed': event<AccountSummary[]>(),
  'sources.changed': event<EntrySummary[]>(),
  'destinations.changed': event<EntrySummary[]>(),
};
