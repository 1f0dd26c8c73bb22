import fs from 'node:fs';
import { KlosetError } from '../../kloset/index';
import { appRcloneConfigFile, remoteTypeIn } from '../rclone/index';
import type { EntryBook, EntryRole } from './entry-book';
import { plainLocation, schemePattern, type ResolvedLocation } from './plain-location';

export type { ResolvedLocation } from './plain-location';

export interface LocationContext {
  readonly book: EntryBook;
  /** The app's data folder: its rclone config holds the connected accounts. */
  readonly dataDir: string;
  /** Relative local paths are taken from here. */
  readonly cwd: string;
}

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
