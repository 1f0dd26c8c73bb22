import fs from 'node:fs';
import path from 'node:path';
import { KlosetError } from '../../kloset/index';
import { appRcloneConfigFile, remoteTypeIn } from '../rclone/index';
import type { EntryBook, EntryRole } from './entry-book';

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

export interface LocationContext {
  readonly book: EntryBook;
  /** The app's data folder: its rclone config holds the connected accounts. */
  readonly dataDir: string;
  /** Relative local paths are taken from here. */
  readonly cwd: string;
}

const schemePattern = /^([a-z][a-z0-9+.-]*):\/\//i;
const roleWords: Readonly<Record<EntryRole, string>> = { source: 'source', destination: 'destination', store: 'store' };

/** The rclone type of the connected account `name` ("dropbox"), or null when there is none. */
export function accountType(dataDir: string, name: string): string | null {
  const file = appRcloneConfigFile(dataDir);
  return fs.existsSync(file) ? remoteTypeIn(fs.readFileSync(file, 'utf8'), name) : null;
}

/** "@name" and "@name:sub/path" as [name, sub path or null]. */
export function splitReference(text: string): [string, string | null] {
  const colon = text.indexOf(':');
  return colon < 0 ? [text.slice(1), null] : [text.slice(1, colon), text.slice(colon + 1)];
}

/** A location written out: a path on this machine (made absolute), or `scheme://rest` as it is. */
function plainLocation(text: string, cwd: string, options: Readonly<Record<string, string>>, name: string | null): ResolvedLocation {
  const scheme = schemePattern.exec(text)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'fs') return { location: text, options, localFolder: null, name };
  const folder = path.resolve(cwd, scheme ? text.slice('fs://'.length) : text);
  return { location: folder, options, localFolder: folder, name };
}

/** The entry's location with its path part replaced by `sub` (`@name:sub/path`). */
function withPath(location: string, sub: string): string {
  const scheme = schemePattern.exec(location)?.[0];
  return scheme && scheme.toLowerCase() !== 'fs://' ? `${scheme}${sub}` : sub;
}

/**
 * Where a location written by a user goes: `@name` is the entry of that name for `role` (else a
 * connected account, at its root), `@name:sub/path` the same with another path inside it;
 * `scheme://…` is passed on as is; anything else is a folder on this machine.
 */
export function resolveLocation(text: string, role: EntryRole, context: LocationContext): ResolvedLocation {
  if (!text.startsWith('@')) return plainLocation(text, context.cwd, {}, null);
  const [name, sub] = splitReference(text);
  const entry = context.book.get(role, name);
  if (entry) return plainLocation(sub === null ? entry.location : withPath(entry.location, sub), context.cwd, entry.options, name);
  if (accountType(context.dataDir, name)) return { location: `rclone://${sub ?? ''}`, options: { rclone_remote: name }, localFolder: null, name };
  throw new KlosetError('NOT_FOUND', `There is no ${roleWords[role]} named "${name}" and no connected account of that name. Add one with "kloset ${role} add ${name} LOCATION", or connect the account.`);
}
