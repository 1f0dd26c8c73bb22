import { methods } from '../../../shared/api';
import type { AccountSummary, EntrySummary } from '../../../shared/types/accounts';
import { strings } from '../../app/strings';

/** Why a new account or entry name cannot be used, or null; checked with the contract's own schema. */
export function nameProblem(name: string, taken: ReadonlyArray<AccountSummary | EntrySummary>): string | null {
  if (!methods['accounts.remove'].params.safeParse({ name }).success) return strings.sources.connect.nameInvalid;
  if (taken.some((item) => item.name === name)) return strings.sources.connect.nameTaken;
  return null;
}

/** `dropbox`, or `dropbox-2`, `dropbox-3`… when that is taken. */
export function suggestName(base: string, taken: ReadonlyArray<AccountSummary | EntrySummary>): string {
  const names = new Set(taken.map((item) => item.name));
  if (!names.has(base)) return base;
  let count = 2;
  while (names.has(`${base}-${count}`)) count++;
  return `${base}-${count}`;
}
