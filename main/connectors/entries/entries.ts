import path from 'node:path';
import { KlosetError } from '../../kloset/index';
import type { EntrySummary } from '../../../shared/types/accounts';
import { EntryBook, type EntryRole } from './entry-book';
import { entryKind, summarizeEntry } from './entry-summary';
import { accountType, resolveLocation, splitReference, type ResolvedLocation } from './locations';

/** The named entries of this machine, as the app's handlers and the command line use them. */
export interface Entries {
  /** Every entry of a role, secrets masked, by name. */
  list(role: EntryRole): EntrySummary[];
  /**
   * Adds an entry. `location` is a folder path (made absolute from `cwd`), `scheme://…`, or
   * `@account:folder` for a connected account (stored as `rclone://folder` with `rclone_remote`).
   */
  add(role: EntryRole, name: string, location: string, options: Readonly<Record<string, string>>, cwd?: string): Promise<EntrySummary>;
  /** False when there was no such entry. */
  remove(role: EntryRole, name: string): Promise<boolean>;
  /** Where a location written by a user goes (see `resolveLocation`). */
  resolve(text: string, role: EntryRole, cwd: string): ResolvedLocation;
  /** What kind of place a location is (an entry's, an account's, a folder); `plugin` when it names nothing known. */
  kindOf(text: string, role: EntryRole): EntrySummary['kind'];
}

function normalized(dataDir: string, location: string, options: Readonly<Record<string, string>>, cwd: string): { location: string; options: Record<string, string> } {
  if (!location.startsWith('@')) {
    const isPlain = /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
    return { location: isPlain ? location : path.resolve(cwd, location), options: { ...options } };
  }
  const [account, sub] = splitReference(location);
  if (!accountType(dataDir, account)) throw new KlosetError('NOT_FOUND', `There is no connected account named "${account}". Connect it first, then add the entry.`);
  return { location: `rclone://${sub ?? ''}`, options: { ...options, rclone_remote: account } };
}

/** The entries kept in `dataDir` (see `EntryBook`). */
export function openEntries(dataDir: string): Entries {
  const book = new EntryBook(dataDir);
  return {
    list: (role) => book.list(role).map((entry) => summarizeEntry(entry, dataDir)),
    add: async (role, name, location, options, cwd = process.cwd()) => {
      const entry = normalized(dataDir, location, options, cwd);
      return summarizeEntry(await book.add(role, name, entry.location, entry.options), dataDir);
    },
    remove: (role, name) => book.remove(role, name),
    resolve: (text, role, cwd) => resolveLocation(text, role, { book, dataDir, cwd }),
    kindOf: (text, role) => {
      try {
        return entryKind(resolveLocation(text, role, { book, dataDir, cwd: dataDir }), dataDir);
      } catch {
        return 'plugin';
      }
    },
  };
}
