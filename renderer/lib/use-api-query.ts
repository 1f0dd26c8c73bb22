import { useEffect, useRef, useState } from 'react';
import { toUserError, type UserError } from './errors';

export interface Query<T> {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  /** The last answer for this key (kept while reloading). */
  readonly data: T | null;
  readonly error: UserError | null;
  reload(): void;
}

interface Answer<T> {
  readonly key: string;
  readonly attempt: number;
  readonly data: T | null;
  readonly error: UserError | null;
}

/**
 * One read from the API that belongs to a single view (a preview, a folder of a picker, a diff):
 * runs `load` whenever `key` changes (null: nothing to load) and drops answers to older keys.
 * Reads shared by several screens live in the zustand stores instead.
 */
export function useApiQuery<T>(key: string | null, load: () => Promise<T>): Query<T> {
  const loadRef = useRef(load);
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<Answer<T> | null>(null);

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (key === null) return;
    let isCurrent = true;
    loadRef.current().then(
      (data) => isCurrent && setAnswer({ key, attempt, data, error: null }),
      (error: unknown) => isCurrent && setAnswer({ key, attempt, data: null, error: toUserError(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [key, attempt]);

  const reload = (): void => setAttempt((count) => count + 1);
  if (key === null) return { status: 'idle', data: null, error: null, reload };
  const sameKey = answer?.key === key ? answer : null;
  if (!sameKey || sameKey.attempt !== attempt) return { status: 'loading', data: sameKey?.data ?? null, error: null, reload };
  return sameKey.error ? { status: 'error', data: null, error: sameKey.error, reload } : { status: 'ready', data: sameKey.data, error: null, reload };
}
