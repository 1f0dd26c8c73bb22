import type { AccountSummary, EntrySummary } from '../../../shared/types/accounts';

export type LocationKind = 'local' | 'dropbox' | 'opendrive' | 'saved';

/** `@account:folder`, or `@account` for the top level of the account. */
export function cloudLocation(account: string, path: string): string {
  const folder = path.replace(/^\/+|\/+$/g, '');
  return folder ? `@${account}:${folder}` : `@${account}`;
}

export interface ParsedLocation {
  readonly kind: LocationKind;
  /** The account or the saved entry, for `@…` locations. */
  readonly name: string;
  /** The local path, or the folder inside the account. */
  readonly path: string;
}

/** Reads a location back into what the picker shows: which kind, which account or entry, which folder. */
export function parseLocation(location: string, accounts: readonly AccountSummary[], entries: readonly EntrySummary[]): ParsedLocation {
  const match = /^@([^:]+)(?::(.*))?$/s.exec(location);
  if (!match) return { kind: 'local', name: '', path: location };
  const [, name, path = ''] = match;
  const account = accounts.find((item) => item.name === name);
  if (account) return { kind: account.provider, name, path };
  if (entries.some((entry) => entry.name === name)) return { kind: 'saved', name, path };
  return { kind: 'dropbox', name, path };
}
