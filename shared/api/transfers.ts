import { z } from 'zod';
import { method } from './define';
import { locationSchema, snapshotPathSchema, snapshotRefSchema, storeIdSchema } from '../types/stores';
import { overwritePolicies, restoreDestinationSchema } from '../types/transfers';

const jobStarted = method<{ readonly jobId: string }>();

export const transferMethods = {
  /** Backs up sources (local folders, `@account:folder`) into a store, one snapshot per source. */
  'backups.start': jobStarted(
    z
      .object({
        storeId: storeIdSchema,
        sources: z.array(locationSchema).min(1, 'Choose at least one folder to back up.').max(100),
        tags: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
        excludes: z.array(z.string().max(1000)).max(1000).default([]),
        name: z.string().trim().max(200).optional(),
      })
      .strict(),
  ),
  /** Restores a selection of paths of one snapshot. */
  'restores.start': jobStarted(
    z
      .object({
        storeId: storeIdSchema,
        snapshotId: snapshotRefSchema,
        paths: z.array(snapshotPathSchema).min(1, 'Select what to restore.').max(10_000),
        destination: restoreDestinationSchema,
        overwrite: z.enum(overwritePolicies).default('never'),
        /** true: re-create the folders above each selected path; false: put each selection straight into the destination. */
        keepFullPaths: z.boolean().default(false),
      })
      .strict(),
  ),
  /**
   * Restores a selection into a fresh temporary folder (for drag-out in Electron); the job's
   * result holds the folder and the paths of the materialized items.
   */
  'restores.materialize': jobStarted(z.object({ storeId: storeIdSchema, snapshotId: snapshotRefSchema, paths: z.array(snapshotPathSchema).min(1).max(1000) }).strict()),
  /** A one-time address that downloads a file (or a zip of a folder) in the browser build. */
  'downloads.create': method<{ readonly url: string; readonly fileName: string }>()(z.object({ storeId: storeIdSchema, snapshotId: snapshotRefSchema, path: snapshotPathSchema }).strict()),
};
