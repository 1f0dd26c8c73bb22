import type { EntryInfo } from './entry';

export const overwritePolicies = ['never', 'if-newer', 'always'] as const;
/** What to do when the destination already has a file where a restored one goes. */
export type OverwritePolicy = (typeof overwritePolicies)[number];

/** One entry to restore, with its path relative to the restore target. */
export interface RestoreEntry extends EntryInfo {
  /** '/'-separated path under the target, validated by the engine: no '..', no leading '/', no NUL. */
  readonly pathname: string;
}

export type WriteOutcome = 'written' | 'skipped';

/**
 * Offered by exporters that write to the local disk, so restore workers can write files directly:
 * `resolve` checks a path (every folder above it a real folder inside the target, created first
 * with `createDirectory`) and returns where the file goes; the worker then writes it atomically
 * under the same overwrite policy.
 */
export interface LocalWriteTarget {
  readonly overwrite: OverwritePolicy;
  resolve(pathname: string): Promise<string>;
}

/**
 * A destination of a restore (the protocol's exporter). Implementations apply the overwrite
 * policy they were created with, never write outside their target (they check each path again,
 * including symlinks already on disk), and write each file atomically.
 */
export interface Exporter {
  /** Where the restore goes, for messages. */
  readonly root: string;
  createDirectory(entry: RestoreEntry): Promise<void>;
  writeFile(entry: RestoreEntry, content: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<WriteOutcome>;
  createSymlink(entry: RestoreEntry): Promise<WriteOutcome>;
  /** Called once all of a directory's children are written: applies its mode and times. */
  finishDirectory(entry: RestoreEntry): Promise<void>;
  readonly local?: LocalWriteTarget;
  close(): Promise<void>;
}
