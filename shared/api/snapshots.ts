import { z } from 'zod';
import { event, method } from './define';
import { searchQuerySchema, type BrowsePage, type DiffResult, type FileVersion, type Preview, type SearchPage, type SnapshotSummary } from '../types/snapshots';
import { snapshotPathSchema, snapshotRefSchema, storeIdSchema } from '../types/stores';

const page = { offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(5000).default(500) };

export const snapshotMethods = {
  'snapshots.list': method<{ readonly items: SnapshotSummary[]; readonly total: number }>()(
    z
      .object({
        storeId: storeIdSchema,
        sourceRoot: z.string().max(4096).optional(),
        tag: z.string().max(200).optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
        includeDeleted: z.boolean().default(false),
        ...page,
      })
      .strict(),
  ),
  /** One folder of one snapshot: folders first, then by name, a page at a time. */
  'snapshots.browse': method<BrowsePage>()(z.object({ storeId: storeIdSchema, snapshotId: snapshotRefSchema, path: snapshotPathSchema.default('/'), ...page }).strict()),
  /** Across every snapshot of a store (or of every open store), grouped by file, newest version first. */
  'snapshots.search': method<SearchPage>()(z.object({ storeId: storeIdSchema.optional(), query: searchQuerySchema, limit: z.number().int().min(1).max(1000).default(200) }).strict()),
  /** Every distinct version of one file across the store's snapshots. */
  'snapshots.versions': method<FileVersion[]>()(z.object({ storeId: storeIdSchema, path: snapshotPathSchema }).strict()),
  'snapshots.diff': method<DiffResult>()(
    z.object({ storeId: storeIdSchema, from: snapshotRefSchema, to: snapshotRefSchema, path: snapshotPathSchema.default('/'), limit: z.number().int().min(1).max(100_000).default(10_000) }).strict(),
  ),
  /** The first bytes of a text file, or a small image; other files by size and type only. */
  'snapshots.preview': method<Preview>()(
    z.object({ storeId: storeIdSchema, snapshotId: snapshotRefSchema, path: snapshotPathSchema, maxBytes: z.number().int().min(1).max(1_048_576).default(65_536) }).strict(),
  ),
  /** Records the deletion of snapshots (garbage collection frees their space later). Held snapshots are refused. */
  'snapshots.delete': method<{ readonly deleted: string[] }>()(z.object({ storeId: storeIdSchema, snapshotIds: z.array(snapshotRefSchema).min(1).max(10_000) }).strict()),
  'snapshots.undelete': method<{ readonly restored: string[] }>()(z.object({ storeId: storeIdSchema, snapshotIds: z.array(snapshotRefSchema).min(1).max(10_000) }).strict()),
  'snapshots.setLegalHold': method<SnapshotSummary>()(z.object({ storeId: storeIdSchema, snapshotId: snapshotRefSchema, isOnHold: z.boolean() }).strict()),
};

export const snapshotEvents = {
  /** Snapshots of a store appeared, were deleted or changed flags. */
  'snapshots.changed': event<{ readonly storeId: string }>(),
};
