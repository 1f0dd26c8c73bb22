import type { EntrySummary } from '../../../shared/types/accounts';
import type { ConnectorEntry } from './entry-book';
import { accountType } from './locations';

/** Option names whose values are secrets: never shown, never sent over the API. */
const secretKeyPattern = /token|pass|secret|key|credential|cookie|auth/i;
/** How the API shows a secret option. */
export const maskedValue = '********';

/** The options with every secret replaced by asterisks. */
function maskSecrets(options: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [key, secretKeyPattern.test(key) ? maskedValue : value]));
}

/** What kind of place an entry names: a local folder, Dropbox, OpenDrive, another rclone remote, or a plugin's. */
export function entryKind(entry: Pick<ConnectorEntry, 'location' | 'options'>, dataDir: string): EntrySummary['kind'] {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(entry.location)?.[1]?.toLowerCase();
  if (!scheme || scheme === 'fs') return 'local';
  if (scheme !== 'rclone') return 'plugin';
  const account = entry.options.rclone_remote;
  const type = account ? accountType(dataDir, account) : entry.options.rclone_type;
  return type === 'dropbox' || type === 'opendrive' ? type : 'rclone';
}

/** Where an entry is, as a person reads it: a connected account's folder as `@account:folder`. */
function placeOf(entry: Pick<ConnectorEntry, 'location' | 'options'>): string {
  const account = entry.options.rclone_remote;
  const folder = /^rclone:\/\/(.*)$/is.exec(entry.location)?.[1];
  if (!account || folder === undefined) return entry.location;
  return folder ? `@${account}:${folder}` : `@${account}`;
}

/** The entry as the API shows it: secrets masked. */
export function summarizeEntry(entry: ConnectorEntry, dataDir: string): EntrySummary {
  return { name: entry.name, location: entry.location, place: placeOf(entry), kind: entryKind(entry, dataDir), options: maskSecrets(entry.options) };
}
