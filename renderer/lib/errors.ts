import { ApiError, isErrorCode, type ErrorCode } from '../../shared/api-errors';

/** A failure as the user sees it: the API's code (which decides what we offer to do) and its sentence. */
export interface UserError {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * Any thrown value as a {@link UserError}. An `ApiError` keeps its code and its message, which the
 * API writes for people; anything else is `INTERNAL` with the error's own message.
 */
export function toUserError(error: unknown): UserError {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** A job's failure as a {@link UserError} (a job carries the code as a plain string). */
export function jobError(error: { readonly code: string; readonly message: string } | null): UserError | null {
  return error ? { code: isErrorCode(error.code) ? error.code : 'INTERNAL', message: error.message } : null;
}
