import { KlosetError } from '../../kloset/index';

/** How often and how patiently a failed remote operation is tried again. */
export interface RetryPolicy {
  /** Tries in all, the first one included. */
  readonly attempts: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Our own retries come on top of rclone's low-level retries (which wait out 429s with the
 * provider's Retry-After): they cover what rclone gives up on or does not retry at all, such as a
 * cut ranged read, a dropped answer to a move that was done, or a flaky WebDAV server.
 */
export const defaultRetryPolicy: RetryPolicy = { attempts: 8, firstDelayMs: 200, maxDelayMs: 5_000 };

/** Exponential backoff with jitter (half to full delay), so that parallel retries spread out. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new KlosetError('CANCELED', 'The operation was cancelled.'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new KlosetError('CANCELED', 'The operation was cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails with an error `isRetryable` refuses, or the policy's
 * tries are used up (the last error is thrown). Each try gets its number, from 0.
 */
export async function withRetries<T>(attempt: (tryNumber: number) => Promise<T>, isRetryable: (error: unknown) => boolean, policy: RetryPolicy = defaultRetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let tryNumber = 0; ; tryNumber += 1) {
    try {
      return await attempt(tryNumber);
    } catch (error) {
      if (tryNumber + 1 >= policy.attempts || !isRetryable(error) || signal?.aborted) throw error;
      await sleep(backoffMs(policy, tryNumber), signal);
    }
  }
}
