/**
 * The closed set of error codes that cross the API. Every failure a caller can see carries one
 * of these codes and a plain sentence saying what happened and what to do; never a stack trace.
 */
export const errorCodes = [
  /** The parameters do not match the method's schema. */
  'BAD_REQUEST',
  /** No such API method. */
  'UNKNOWN_METHOD',
  /** The transport refused the caller (no token or a wrong one). */
  'UNAUTHORIZED',
  /** The caller is not allowed to make this call from where it is (foreign origin or frame). */
  'FORBIDDEN',
  /** A named thing (store, snapshot, path, job, plan, entry) does not exist. */
  'NOT_FOUND',
  /** The thing to create exists already. */
  'ALREADY_EXISTS',
  /** The passphrase does not open this store. */
  'WRONG_PASSPHRASE',
  /** The store must be opened (unlocked) with its passphrase first. */
  'STORE_LOCKED',
  /** Another job holds the store in a way that conflicts with this call. */
  'STORE_IN_USE',
  /** A cloud account's sign-in expired or was revoked; the user must reconnect it. */
  'AUTH_EXPIRED',
  /** A remote service or a helper program could not be reached. */
  'UNAVAILABLE',
  /** Stored data failed verification. */
  'CORRUPT',
  /** The operation was cancelled. */
  'CANCELED',
  /** The request is valid but cannot be done in the current state. */
  'CONFLICT',
  /** Anything unexpected; details are in the log, not in the message. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The envelope every call returns, whatever the transport. */
export type Envelope<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly error: ApiErrorBody };

/** An error meant for the caller: its message is shown to users as is. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
