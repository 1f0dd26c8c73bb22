import { randomBytes } from 'node:crypto';
import { escapeXml } from './webdav-xml';

/** What the fake thinks of a bearer token. */
export type TokenState = 'valid' | 'expired' | 'invalid';

/** A token as the OAuth endpoint hands it out. */
export interface IssuedToken {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the access token stops working (unless expired or revoked earlier). */
  readonly expiresAt: Date;
}

function newRefreshToken(): string {
  return `rt-${randomBytes(24).toString('base64url')}`;
}

/**
 * Dropbox's consent page for `/oauth2/authorize`: its "Allow" button posts the query's
 * parameters back to the same address, which sends the browser on to the `redirect_uri`.
 */
export function consentPage(query: URLSearchParams): string {
  const fields = [...query].map(([name, value]) => `<input type="hidden" name="${escapeXml(name)}" value="${escapeXml(value)}">`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><title>API Request Authorization - Dropbox</title></head>',
    '<body><h1>Kloset Desktop would like access to the files and folders in your Dropbox</h1>',
    `<form method="post">${fields.join('')}<button type="submit">Allow</button></form>`,
    '</body></html>',
  ].join('\n');
}

/**
 * The OAuth side of the Dropbox fake: authorization codes from the consent page, traded once
 * each for a token, and short-lived access tokens (`sl.` prefix, like Dropbox's) renewed through
 * the refresh token of the app's current grant. Access tokens expire at their lifetime or on
 * demand ({@link expireAccessTokens}); revoking ({@link revoke}) invalidates the grant, so its
 * tokens are refused and a refresh fails with `invalid_grant`, until the user allows the app
 * again ({@link authorizeAgain}), which starts a new grant.
 */
export class DropboxTokens {
  private readonly access = new Map<string, { expiresAt: number; expired: boolean; grant: string }>();
  private refreshToken = newRefreshToken();
  private readonly revokedGrants = new Set<string>();
  /** Authorization codes not yet traded, with the `redirect_uri` each was given for. */
  private readonly codes = new Map<string, string>();
  /** How many times the token endpoint issued a token from the refresh token. */
  refreshCount = 0;

  constructor(private readonly lifetimeSeconds: number) {}

  /** Issues a fresh access token (for the initial config of a remote). */
  issue(): IssuedToken {
    const accessToken = `sl.${randomBytes(32).toString('base64url')}`;
    const expiresAt = Date.now() + this.lifetimeSeconds * 1000;
    this.access.set(accessToken, { expiresAt, expired: false, grant: this.refreshToken });
    return { accessToken, refreshToken: this.refreshToken, expiresAt: new Date(expiresAt) };
  }

  /** The user pressed "Allow": a fresh authorization code for the browser to take to `redirectUri`. */
  grantCode(redirectUri: string): string {
    const code = `ac-${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, redirectUri);
    return code;
  }

  /**
   * The `grant_type=authorization_code` exchange: a code works once, with the `redirect_uri` it
   * was given for, and yields a token of the current grant; `null` means `invalid_grant`.
   */
  exchangeCode(code: string, redirectUri: string): { accessToken: string; refreshToken: string; expiresIn: number } | null {
    const expected = this.codes.get(code);
    this.codes.delete(code);
    if (expected !== redirectUri) return null;
    const { accessToken, refreshToken } = this.issue();
    return { accessToken, refreshToken, expiresIn: this.lifetimeSeconds };
  }

  check(token: string): TokenState {
    const entry = this.access.get(token);
    if (!entry || this.revokedGrants.has(entry.grant)) return 'invalid';
    return entry.expired || Date.now() >= entry.expiresAt ? 'expired' : 'valid';
  }

  /** The `grant_type=refresh_token` exchange; `null` means `invalid_grant`. */
  refresh(refreshToken: string): { accessToken: string; expiresIn: number } | null {
    if (this.revokedGrants.has(refreshToken) || refreshToken !== this.refreshToken) return null;
    this.refreshCount += 1;
    return { accessToken: this.issue().accessToken, expiresIn: this.lifetimeSeconds };
  }

  /** Every access token issued so far answers `expired_access_token` from now on. */
  expireAccessTokens(): void {
    for (const entry of this.access.values()) entry.expired = true;
  }

  /**
   * The grant's access tokens answer `invalid_access_token` and its refresh token `invalid_grant`;
   * so do tokens issued later, until {@link authorizeAgain}.
   */
  revoke(): void {
    this.revokedGrants.add(this.refreshToken);
  }

  /** The user allows the app again: a new grant, whose tokens work; those of revoked grants stay refused. */
  authorizeAgain(): void {
    this.refreshToken = newRefreshToken();
  }
}
