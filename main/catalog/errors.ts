import type { ErrorCode } from '../../shared/api-errors';

/** The codes a catalog failure can carry; each is one of the API's codes, so handlers pass it on unchanged. */
export type CatalogErrorCode = Extract<ErrorCode, 'BAD_REQUEST' | 'NOT_FOUND' | 'CANCELED' | 'CONFLICT'>;

/** A failure of the catalog: a stable `code` and a plain sentence saying what happened and what to do. */
export class CatalogError extends Error {
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CatalogError';
  }
}

export function isCatalogError(error: unknown, code?: CatalogErrorCode): error is CatalogError {
  return error instanceof CatalogError && (code === undefined || error.code === code);
}

export function badRequest(message: string): CatalogError {
  return new CatalogError('BAD_REQUEST', message);
}

/** Throws CANCELED when the signal is aborted; called between units of work. */
export function throwIfCanceled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CatalogError('CANCELED', 'The catalog update was cancelled; what it had finished is kept and the next sync completes it.');
}
