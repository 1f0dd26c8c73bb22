import { z } from 'zod';

/**
 * Where things live, as the API and the CLI write it: an absolute local path
 * (`/home/ann/Backups`, `D:\Backups`), or `@name` / `@name:sub/path` for a connected cloud account
 * or a named entry (`@dropbox:Backups/kloset`).
 */
export const locationSchema = z
  .string()
  .trim()
  .min(1, 'Give a location: a folder path, or @account:folder for a cloud account.')
  .max(4096)
  .refine((value) => !value.includes('\0'), 'A location cannot contain a NUL character.');

/** A store's 16-byte ID in hex, from its CONFIG. */
export const storeIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'A store ID is 32 hexadecimal characters.');
/** A snapshot's ID in hex, or a unique prefix of it. */
export const snapshotRefSchema = z.string().regex(/^[0-9a-f]{1,64}$/, 'A snapshot ID is hexadecimal (0-9, a-f).');
/** A path inside a snapshot: '/' is its root. */
export const snapshotPathSchema = z
  .string()
  .max(65_536)
  .refine((value) => value.startsWith('/') && !value.split('/').some((part) => part === '..' || part === '.') && !value.includes('\0'), 'Paths inside a snapshot start with / and hold no "." or ".." parts.');

export const passphraseSchema = z.string().min(1, 'The passphrase must not be empty.').max(1024);

export type LocationKind = 'local' | 'dropbox' | 'opendrive' | 'rclone' | 'plugin';

/** A store the app knows. `isOpen`: its key is in memory, so it can be browsed and written. */
export interface StoreSummary {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  readonly locationKind: LocationKind;
  readonly isOpen: boolean;
  readonly isEncrypted: boolean;
  /** Known while open (or from the catalog): null when never opened on this machine. */
  readonly snapshotCount: number | null;
  readonly storedBytes: number | null;
  readonly lastBackupAt: string | null;
  readonly lastCheck: { readonly at: string; readonly isOk: boolean } | null;
}

export interface GrowthPoint {
  /** Snapshot time. */
  readonly time: string;
  /** Bytes of all files in this snapshot. */
  readonly logicalBytes: number;
  /** Bytes this snapshot added to the store. */
  readonly addedBytes: number;
  /** Store size after this snapshot (sum of `addedBytes` so far). */
  readonly storedBytes: number;
}

export interface StoreInfo extends StoreSummary {
  readonly createdAt: string;
  readonly chunking: { readonly minBytes: number; readonly normalBytes: number; readonly maxBytes: number };
  readonly compression: string;
  readonly encryption: string;
  readonly packfileCount: number;
  /** Sum of the logical size of every snapshot divided by the bytes stored. */
  readonly dedupRatio: number | null;
  readonly growth: readonly GrowthPoint[];
}
