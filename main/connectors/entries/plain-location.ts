import path from 'node:path';

/*
 * Locations that need no entry and no account: kept apart from the entries (and their schema
 * library) so that the command line answers a plain folder without loading them.
 */

/** A location as a connector takes it: `location` with the entry's options beside it. */
export interface ResolvedLocation {
  /** "rclone://Photos", "/home/ann/Pictures", "sftp://host/path". */
  readonly location: string;
  /** The connector's options (`rclone_remote`, `rclone_type`, …), without `location`. */
  readonly options: Readonly<Record<string, string>>;
  /** The absolute folder for a location on this machine; null for any other. */
  readonly localFolder: string | null;
  /** The entry or account the location came from (`@name`), for default snapshot names. */
  readonly name: string | null;
}

export const schemePattern = /^([a-z][a-z0-9+.-]*):\/\//i;

/** A location written out: a path on this machine (made absolute), or `scheme://rest` as it is. */
export function plainLocation(text: string, cwd: string, options: Readonly<Record<string, string>>, name: string | null): ResolvedLocation {
  const scheme = schemePattern.exec(text)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'fs') return { location: text, options, localFolder: null, name };
  const folder = path.resolve(cwd, scheme ? text.slice('fs://'.length) : text);
  return { location: folder, options, localFolder: folder, name };
}

