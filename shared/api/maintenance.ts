import { z } from 'zod';
import { method } from './define';
import { retentionPolicySchema } from '../types/plans';
import { passphraseSchema, snapshotRefSchema, storeIdSchema } from '../types/stores';

export interface ForgetPreview {
  readonly keep: ReadonlyArray<{ readonly snapshotId: string; readonly reasons: readonly string[] }>;
  readonly forget: readonly string[];
}

export const maintenanceMethods = {
  /** Applies a retention policy: a dry run unless `apply`. Snapshots on legal hold are always kept. */
  'stores.forget': method<ForgetPreview>()(z.object({ storeId: storeIdSchema, policy: retentionPolicySchema, apply: z.boolean().default(false) }).strict()),
  /** Frees the space of deleted snapshots whose grace period is over, as a job. */
  'stores.maintenance': method<{ readonly jobId: string }>()(z.object({ storeId: storeIdSchema, graceDays: z.number().int().min(0).max(3650).default(7) }).strict()),
  /** Copies snapshots (all, or the chosen ones) that the other store lacks, as a job. */
  'stores.sync': method<{ readonly jobId: string }>()(z.object({ fromStoreId: storeIdSchema, toStoreId: storeIdSchema, snapshotIds: z.array(snapshotRefSchema).max(10_000).optional() }).strict()),
  /** Exports snapshots to one offline .ptar file, with its own passphrase (or none), as a job. */
  'exports.ptar': method<{ readonly jobId: string }>()(
    z
      .object({
        storeId: storeIdSchema,
        snapshotIds: z.array(snapshotRefSchema).min(1).max(10_000),
        path: z.string().min(1).max(4096),
        encryption: z.union([z.object({ passphrase: passphraseSchema }).strict(), z.literal('none')]),
      })
      .strict(),
  ),
};
