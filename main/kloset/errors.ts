/**
 * Errors of the engine. Every failure a caller must tell apart carries a stable `code`; the
 * message is a plain sentence naming what failed and what to do.
 */
export const klosetErrorCodes = [
  'BAD_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'AMBIGUOUS',
  'WRONG_PASSPHRASE',
  'CORRUPT',
  'UNSUPPORTED_VERSION',
  'LOCKED',
  'READ_ONLY',
  'AUTH_EXPIRED',
  'UNAVAILABLE',
  'CANCELED',
  'IO',
] as const;

export type KlosetErrorCode = (typeof klosetErrorCodes)[number];

export class KlosetError extends Error {
  constructor(
    readonly code: KlosetErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KlosetError';
  }
}

export function isKlosetError(error: unknown, code?: KlosetErrorCode): error is KlosetError {
  return error instanceof KlosetError && (code === undefined || error.code === code);
}

/** Throws CANCELED when the signal is aborted; called between units of work. */
export function throwIfCanceled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new KlosetError('CANCELED', 'The operation was cancelled.');
}
