import type { ErrorCode } from '../../../shared/api-errors';

/** What a failure is called, and what the user can do about it (the API's own sentence comes between). */
export const errors = {
  titles: {
    BAD_REQUEST: 'Something in the request is not right',
    UNKNOWN_METHOD: 'This version of Kloset Desktop cannot do that',
    UNAUTHORIZED: 'Not authorized',
    FORBIDDEN: 'Not allowed from here',
    NOT_FOUND: 'Not found',
    ALREADY_EXISTS: 'It exists already',
    WRONG_PASSPHRASE: 'Wrong passphrase',
    STORE_LOCKED: 'The store is locked',
    STORE_IN_USE: 'The store is busy',
    AUTH_EXPIRED: 'The account must be signed in again',
    UNAVAILABLE: 'Not available right now',
    CORRUPT: 'Damaged data',
    CANCELED: 'Canceled',
    CONFLICT: 'Not possible right now',
    INTERNAL: 'Something went wrong',
  } satisfies Record<ErrorCode, string>,
  hints: {
    UNAUTHORIZED: 'Open the address the server printed, including its #token part.',
    WRONG_PASSPHRASE: 'Check the passphrase (it is case-sensitive) and try again.',
    STORE_LOCKED: 'Open the store with its passphrase, then try again.',
    STORE_IN_USE: 'Another job is writing to this store. Wait for it to finish (see Activity), then try again.',
    AUTH_EXPIRED: 'Sign in to the account again under Sources. Your backups and plans stay as they are.',
    UNAVAILABLE: 'Kloset Desktop or one of its helpers (rclone, the cloud service) could not be reached. Check the connection, wait a moment, then try again.',
    CORRUPT: 'Run a full check of the store (Stores → Check now) to see what is affected.',
    INTERNAL: 'Try again. If it keeps happening, the details are in the log in the app’s data folder (Settings → About).',
  } satisfies Partial<Record<ErrorCode, string>>,
  openStore: 'Open the store',
  reconnect: 'Go to Sources',
  tooManySelected: (count: number, max: number) => `${count.toLocaleString()} items are selected; one restore takes at most ${max.toLocaleString()}. Select their folder instead.`,
} as const;
