import { KlosetError } from '../../kloset/index';
import type { RemoteSpec } from './remote-spec';

/**
 * How an upload is kept from ever showing a partial object under its final name:
 * - `direct`: the provider makes an upload visible only once it is complete (Dropbox commits an
 *   upload session at its end; rclone's memory backend stores a whole object at once).
 * - `temp-and-move`: upload under a temporary name beside it, then rename (OpenDrive shows a
 *   file from `create_file.json` on, empty and then growing; rclone 1.60's local backend writes in
 *   place; WebDAV servers differ).
 * - `probe`: other backends: temp-and-move when rclone can move on that remote, else direct.
 */
export type UploadStrategy = 'direct' | 'temp-and-move' | 'probe';

/** What the connector does differently per provider. */
export interface ProviderProfile {
  /** The provider's name in messages. */
  readonly label: string;
  /** Flags of `rclone rcd` for this provider (never secrets), besides the pacing. */
  readonly flags: readonly string[];
  /** API calls a second (`--tpslimit`); null for no pacing. */
  readonly callsPerSecond: number | null;
  readonly uploads: UploadStrategy;
}

/**
 * Rate limits are avoided rather than hit: `--tpslimit` paces every API call of the remote.
 * - Dropbox: 12 calls a second, the figure commonly used with rclone to stay clear of
 *   `too_many_requests`. Uploads of up to 96 MiB go in one `files/upload` call (a 64 MiB
 *   packfile is one write, not a session of three), and `batch_mode off` commits each upload at
 *   once instead of waiting for a batch to fill. rclone does not retry Dropbox's 401s
 *   (`expired_access_token`, `invalid_access_token`), so they fail after one API call. A refused
 *   renewal (`invalid_grant`) takes rclone 1.60 about 10 s, whatever the low-level retries:
 *   its token source tries five times a second apart (hard-coded in lib/oauthutil; later
 *   versions stop at a fatal OAuth error). The connector never retries either.
 * - OpenDrive: 8 calls a second. Low-level retries are cut to 3 because rclone retries
 *   OpenDrive's 401 "Session does not exist" with backoff like any error; with 3 the connector
 *   sees it in well under a second and logs in again itself (see `RemoteFs`).
 */
const profiles: Readonly<Record<string, (settings: Readonly<Record<string, string>>) => ProviderProfile>> = {
  dropbox: (settings) => ({
    label: 'Dropbox',
    flags: [...(settings.chunk_size ? [] : ['--dropbox-chunk-size', '96M']), ...(settings.batch_mode ? [] : ['--dropbox-batch-mode', 'off'])],
    callsPerSecond: 12,
    uploads: 'direct',
  }),
  opendrive: () => ({ label: 'OpenDrive', flags: ['--low-level-retries', '3'], callsPerSecond: 8, uploads: 'temp-and-move' }),
  memory: () => ({ label: 'the rclone memory remote', flags: [], callsPerSecond: null, uploads: 'direct' }),
  local: () => ({ label: 'the local folder', flags: [], callsPerSecond: null, uploads: 'temp-and-move' }),
};

/** The entry option that changes the pacing of API calls ("0": none), for accounts with other limits. */
const callsPerSecondKey = 'kloset_tpslimit';

/** The pacing flags of rclone: the entry's own figure, else the provider's. */
export function pacingFlags(profile: ProviderProfile, config: Readonly<Record<string, string>>): string[] {
  const given = config[callsPerSecondKey];
  const rate = given === undefined ? profile.callsPerSecond : Number(given);
  if (rate !== null && (!Number.isFinite(rate) || rate < 0)) throw new KlosetError('BAD_INPUT', `${callsPerSecondKey} must be a number of calls a second (0 for no limit), not "${given ?? ''}".`);
  return rate ? ['--tpslimit', String(rate), '--tpslimit-burst', '1'] : [];
}

export function providerProfile(spec: RemoteSpec): ProviderProfile {
  const make = profiles[spec.type];
  if (make) return make({ ...spec.settings, ...spec.overrides });
  return { label: spec.accountName ? `the rclone remote "${spec.accountName}" (${spec.type})` : `the rclone remote (${spec.type})`, flags: [], callsPerSecond: null, uploads: 'probe' };
}

/** What to tell the user when the sign-in of this remote fails. */
export function reconnectAdvice(spec: RemoteSpec, label: string): string {
  if (spec.accountName) {
    const command = spec.type === 'dropbox' ? 'connect-dropbox' : spec.type === 'opendrive' ? 'connect-opendrive' : 'connect';
    return `Reconnect ${label}: in Kloset Desktop open Sources and reconnect "${spec.accountName}", or run "kloset account ${command} ${spec.accountName}".`;
  }
  if (spec.type === 'dropbox') return 'Reconnect Dropbox: get a new token with "rclone authorize dropbox" and put it in the entry (rclone_token), or connect the account in Kloset Desktop and use it instead.';
  return `Reconnect ${label}: correct the sign-in settings of the entry (rclone_username, rclone_password, …).`;
}
