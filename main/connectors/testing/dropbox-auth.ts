import { randomBytes } from 'node:crypto';

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
 * The OAuth side of the Dropbox fake: short-lived access tokens (`sl.` prefix, like Dropbox's)
 * renewed through the refresh token of the app's current grant. Access tokens expire at their
 * lifetime or on demand ({@link expireAccessTokens}); revoking ({@link revoke}) invalidates the
 * grant, so its tokens are refused and a refresh fails with `invalid_grant`, until the user
 * allows the app again ({@link authorizeAgain}), which starts a new grant.
 */
export class DropboxTokens {
  private readonly access = new Map<string, { expiresAt: number; expired: boolean; grant: string }>();
  private refreshToken = newRefreshToken();
  private readonly revokedGrants = new Set<string>();
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
