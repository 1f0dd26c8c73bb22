import type { Mac } from '../ids';

/** The kinds of objects a store holds besides its CONFIG (the protocol's StorageResource). */
export const objectKinds = ['packfile', 'state', 'lock'] as const;
export type ObjectKind = (typeof objectKinds)[number];

export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/**
 * The content of an object to put: bytes in memory, or a complete local file (a local store may
 * link it instead of copying, after making it durable; others read it). The caller keeps a file
 * source unchanged until `put` returns.
 */
export type ObjectSource = { readonly bytes: Uint8Array } | { readonly path: string; readonly size: number };

export function sourceSize(source: ObjectSource): number {
  return 'bytes' in source ? source.bytes.byteLength : source.size;
}

export interface StoreMode {
  readonly canRead: boolean;
  readonly canWrite: boolean;
}

/**
 * Where a Kloset repository lives. Mirrors the storage side of the connector protocol.
 *
 * Contract, for every implementation (checked by `describeStoreConformance`):
 * - Objects are addressed by `(kind, mac)`. `put` is **atomic**: a reader never sees a partial
 *   object, even if the writer crashes or the connection drops midway. `put` is **idempotent**:
 *   putting an object that exists already succeeds and leaves it as it is (objects are
 *   content-addressed or random, so the content is the same); nothing is ever overwritten.
 * - `get` returns exactly the requested bytes (the whole object without a range) or throws:
 *   `NOT_FOUND` for a missing object, `CORRUPT` when a range goes past its end, `UNAVAILABLE`
 *   for I/O trouble that may pass, `AUTH_EXPIRED` when a cloud sign-in must be renewed.
 * - `list` returns every object of a kind, in no particular order, ignoring stray names.
 * - `delete` is idempotent (deleting a missing object succeeds). Only maintenance and lock
 *   release delete.
 * - `create` writes CONFIG atomically, replacing an existing one (used only to change the
 *   passphrase: callers check that a new store's location is empty before creating it).
 * - Methods may be called concurrently. Retrying any method after a failure is safe.
 */
export interface Store {
  /** Where the store is, for messages ("/backups/main", "rclone://Backups"). */
  readonly location: string;
  create(config: Uint8Array): Promise<void>;
  /** CONFIG's bytes; `NOT_FOUND` when there is no store at this location. */
  open(): Promise<Buffer>;
  list(kind: ObjectKind): Promise<Mac[]>;
  put(kind: ObjectKind, mac: Mac, source: ObjectSource): Promise<void>;
  get(kind: ObjectKind, mac: Mac, range?: ByteRange): Promise<Buffer>;
  delete(kind: ObjectKind, mac: Mac): Promise<void>;
  mode(): Promise<StoreMode>;
  /** Total bytes stored, or null when the backend cannot tell. */
  size(): Promise<number | null>;
  /**
   * True when the location holds nothing at all, not even files that are not objects. Stores
   * that can tell implement it, so that creating a store never mixes it into a folder of
   * someone's files.
   */
  isEmptyLocation?(): Promise<boolean>;
  /**
   * For stores on the local disk: the file that holds an object, so that worker threads can read
   * it directly (restores, checks) instead of through `get`.
   */
  localObjectPath?(kind: ObjectKind, mac: Mac): string;
  close(): Promise<void>;
}
