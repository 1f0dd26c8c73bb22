import { toUserError, type UserError } from '../lib/errors';

/** What an action that may fail returns, so a form can show the error next to itself. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UserError };

export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: toUserError(error) };
  }
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Something read from the API: what we have, whether it is coming, and why it failed. */
export interface Loaded<T> {
  readonly status: LoadStatus;
  readonly data: T | null;
  readonly error: UserError | null;
}

const notLoaded: Loaded<never> = { status: 'idle', data: null, error: null };

/** Reads again into a {@link Loaded}: loading (keeping what was there), then ready, or error with the old data kept. */
export async function reload<T>(previous: Loaded<T> | undefined, fetch: () => Promise<T>, save: (next: Loaded<T>) => void): Promise<void> {
  const before = previous ?? notLoaded;
  save({ ...before, status: 'loading' });
  const outcome = await attempt(fetch);
  save(outcome.ok ? { status: 'ready', data: outcome.value, error: null } : { status: 'error', data: before.data, error: outcome.error });
}
