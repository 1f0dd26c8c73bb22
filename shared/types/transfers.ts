import { z } from 'zod';

export const overwritePolicies = ['never', 'if-newer', 'always'] as const;
export type OverwritePolicyName = (typeof overwritePolicies)[number];

/** Where a restore writes. */
export const restoreDestinationSchema = z.discriminatedUnion('kind', [
  /** Back where the files came from (the snapshot's source root). */
  z.object({ kind: z.literal('original') }).strict(),
  /** A local folder. */
  z.object({ kind: z.literal('folder'), path: z.string().min(1).max(4096) }).strict(),
  /** A cloud account or named destination: `@dropbox:Restored`. */
  z.object({ kind: z.literal('location'), location: z.string().min(1).max(4096) }).strict(),
]);
export type RestoreDestination = z.infer<typeof restoreDestinationSchema>;

/** The result of a `restores.materialize` job (in `JobDetail.result`): where the items were written. */
export interface MaterializeResult {
  readonly folder: string;
  /** Absolute paths of the materialized items, one per selected path, ready to drag out. */
  readonly paths: readonly string[];
  readonly files: number;
  readonly bytes: number;
}
