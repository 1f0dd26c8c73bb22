import { KlosetError, isKlosetError } from '../../kloset/index';
import { RcError } from './rc-client';

/**
 * What a failure of rclone means for us, read from its HTTP status and error text (rclone passes
 * the provider's answer through in its text: Dropbox's `expired_access_token`, OpenDrive's
 * "Session does not exist, please re-login.").
 * - `auth`: the saved sign-in no longer works; only the user can fix it (reconnect).
 * - `session`: an OpenDrive session expired; a fresh login may fix it (rclone 1.60 never logs in
 *   again by itself, so the connector drops rclone's cached remote and tries once more).
 * - `missing`: no such object or folder.
 * - `transient`: rate limits, server errors, cut connections: worth retrying after a pause.
 * - `full`: the account has no space left.
 * - `other`: anything else, reported with rclone's text.
 */
export type FailureKind = 'auth' | 'session' | 'missing' | 'transient' | 'full' | 'other';

const sessionPattern = /Session does not exist, please re-login/i;
const authPattern = /expired_access_token|invalid_access_token|invalid_grant|Username or password is incorrect|token expired and there's no refresh token|\b401\b|Unauthorized/i;
const fullPattern = /insufficient_space|insufficient space|quota exceeded|storage quota/i;
const missingPattern = /not found|not_found|\b404\b|no such file|doesn't exist/i;
const transientPattern =
  /too_many_requests|too_many_write_operations|too many requests|\b(408|423|429|500|502|503|504|509)\b|service unavailable|connection reset|connection refused|broken pipe|unexpected EOF|\bEOF\b|timeout|no such host|TLS handshake|closed network connection|server closed|stream error|temporar|internal_error/i;

export function failureKind(error: RcError): FailureKind {
  const { text, status } = error;
  if (sessionPattern.test(text)) return 'session';
  if (authPattern.test(text)) return 'auth';
  if (fullPattern.test(text)) return 'full';
  if (status === 404 || missingPattern.test(text)) return 'missing';
  if (transientPattern.test(text)) return 'transient';
  return 'other';
}

/** How a provider is named in messages, and what the user does when its sign-in fails. */
export interface ProviderWords {
  /** "Dropbox", "OpenDrive", "the rclone remote (webdav)". */
  readonly label: string;
  /** One or two sentences: how to reconnect this account or entry. */
  readonly reconnect: string;
}

/** The provider's own words for an auth failure ("expired_access_token"), short enough for a message. */
function authReason(text: string): string {
  const tag = /expired_access_token|invalid_access_token|invalid_grant|Session does not exist|Username or password is incorrect/i.exec(text)?.[0];
  return tag ?? 'the sign-in was refused';
}

/**
 * The engine error for a failure while doing `what` ("reading packfile 1a2b…"): AUTH_EXPIRED with
 * how to reconnect, NOT_FOUND, UNAVAILABLE for what may pass, IO for the rest.
 */
export function klosetErrorOf(error: unknown, what: string, words: ProviderWords): KlosetError {
  if (isKlosetError(error)) return error;
  if (!(error instanceof RcError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new KlosetError('IO', `${words.label} failed while ${what}: ${message}`, { cause: error });
  }
  const text = error.text.slice(0, 300);
  switch (failureKind(error)) {
    case 'auth':
    case 'session':
      return new KlosetError('AUTH_EXPIRED', `${words.label} refused the saved sign-in while ${what} (${authReason(error.text)}). ${words.reconnect}`, { cause: error });
    case 'missing':
      return new KlosetError('NOT_FOUND', `${words.label}: nothing found while ${what} (${text}).`, { cause: error });
    case 'transient':
      return new KlosetError('UNAVAILABLE', `${words.label} did not answer properly while ${what} (${text}). Try again later; check the network connection if it keeps happening.`, { cause: error });
    case 'full':
      return new KlosetError('IO', `The ${words.label} account is full (${text}). Free some space there, or choose another place.`, { cause: error });
    default:
      return new KlosetError('IO', `${words.label} failed while ${what}: ${text}`, { cause: error });
  }
}
