import type { EntryInfo } from './entry';

/** One entry of a source, as an importer reports it. */
export interface SourceEntry extends EntryInfo {
  /** Absolute, '/'-separated path inside the source; '/' is the source's root. */
  readonly pathname: string;
  /** Inode number when the source has one (0n otherwise); helps notice replaced files. */
  readonly ino: bigint;
  /** Set when the entry could not be read: the backup records it and goes on. */
  readonly error?: string;
}

/**
 * A source of a backup (the protocol's importer). The engine asks for content only for files it
 * cannot reuse from the parent snapshot, so unchanged files are never read.
 *
 * Contract: `scan` yields every entry that is not excluded, each directory before its children.
 * `open` may be called at most once per file, before `release` for that path; `release` tells the
 * importer the engine is done with an entry (the protocol's acknowledgement). Errors reading one
 * file are reported on that file (in `error`, or by `open` throwing) and do not end the scan.
 */
export interface Importer {
  /** Where the data comes from: a host name, or an account. */
  readonly origin: string;
  /** The connector type: 'fs', 'rclone', … */
  readonly type: string;
  /** The root path inside the source. */
  readonly root: string;
  scan(signal?: AbortSignal): AsyncIterable<SourceEntry>;
  open(pathname: string, signal?: AbortSignal): AsyncIterable<Uint8Array>;
  release?(pathname: string): void;
  /**
   * For sources on the local disk: the file's absolute path, so that worker threads can read it
   * directly instead of streaming it through `open`.
   */
  localPath?(pathname: string): string;
  close(): Promise<void>;
}
