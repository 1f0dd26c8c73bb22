import { ApiError, type ErrorCode } from '../../shared/api-errors';
import { isCatalogError } from '../catalog';
import { isKlosetError, type KlosetErrorCode } from '../kloset';

const fromEngine: Readonly<Record<KlosetErrorCode, ErrorCode>> = {
  BAD_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  AMBIGUOUS: 'BAD_REQUEST',
  WRONG_PASSPHRASE: 'WRONG_PASSPHRASE',
  CORRUPT: 'CORRUPT',
  UNSUPPORTED_VERSION: 'CONFLICT',
  LOCKED: 'STORE_IN_USE',
  READ_ONLY: 'CONFLICT',
  AUTH_EXPIRED: 'AUTH_EXPIRED',
  UNAVAILABLE: 'UNAVAILABLE',
  CANCELED: 'CANCELED',
  IO: 'UNAVAILABLE',
};

/**
 * Errors of the engine and the catalog carry messages written for users and codes that map onto
 * the API's; anything else is unexpected (logged, reported as INTERNAL by dispatch).
 */
export function mapError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (isKlosetError(error)) return new ApiError(fromEngine[error.code], error.message);
  if (isCatalogError(error)) return new ApiError(error.code, error.message);
  return null;
}

/** The code and sentence a job shows when it fails. */
export function describeError(error: unknown): { code: string; message: string } {
  const mapped = mapError(error);
  if (mapped) return { code: mapped.code, message: mapped.message };
  return { code: 'INTERNAL', message: 'Something unexpected went wrong; the details are in the app log.' };
}
