import { useState } from 'react';
import type { Outcome } from '../stores/outcome';
import type { UserError } from './errors';

/**
 * Runs a store action that may fail and keeps what a button beside it must show: whether it is
 * running, and the last failure (cleared by the next success).
 */
export function useAction() {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const run = async <T,>(action: () => Promise<Outcome<T>>, onSuccess?: (value: T) => void): Promise<void> => {
    setBusy(true);
    const outcome = await action();
    setBusy(false);
    setError(outcome.ok ? null : outcome.error);
    if (outcome.ok) onSuccess?.(outcome.value);
  };
  return { isBusy, error, run, setError };
}
