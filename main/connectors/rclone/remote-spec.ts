import fs from 'node:fs';
import { KlosetError } from '../../kloset/index';

/** The remote name under which an inline entry's settings are written to its private config. */
const inlineRemoteName = 'entry';
const settingPrefix = 'rclone_';

/**
 * What an rclone connector entry names: a remote (a named account in the app's rclone config, or
 * settings given inline in the entry), the rclone type, and a folder inside it.
 */
export interface RemoteSpec {
  /** rclone's backend type: dropbox, opendrive, webdav, local, memory… */
  readonly type: string;
  /** The remote's name in the config file rclone is started with. */
  readonly remoteName: string;
  /** The app-managed account (`rclone_remote`), or null for inline settings. */
  readonly accountName: string | null;
  /** Settings of an inline entry, without the `rclone_` prefix (type included); empty for an account. */
  readonly settings: Readonly<Record<string, string>>;
  /** Per-entry options layered over an account's settings (`rclone_chunk_size=8M`). */
  readonly overrides: Readonly<Record<string, string>>;
  /** The folder inside the remote, as rclone takes it ("Backups/kloset", "/abs/path" for local, "" for the root). */
  readonly path: string;
  /** The same folder for the protocol: an absolute '/'-path ("/Backups/kloset", "/"). */
  readonly root: string;
}

/** The path of an `rclone://` location: `rclone://Photos` is "Photos", `rclone:///srv/x` is "/srv/x". */
export function locationPath(location: string): string {
  const match = /^rclone:\/\/(.*)$/is.exec(location);
  if (!match) throw new KlosetError('BAD_INPUT', `${location} is not an rclone location: they start with rclone://.`);
  const rest = match[1] ?? '';
  const parts = rest.split('/').filter((part) => part.length > 0);
  if (parts.some((part) => part === '.' || part === '..') || rest.includes('\0')) {
    throw new KlosetError('BAD_INPUT', `The rclone location ${location} must not contain "." or ".." folders.`);
  }
  return `${rest.startsWith('/') ? '/' : ''}${parts.join('/')}`;
}

/** The `type` of remote `name` in an rclone config file, or null when the file has no such remote. */
export function remoteTypeIn(configText: string, name: string): string | null {
  let inSection = false;
  for (const raw of configText.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section) inSection = section[1] === name;
    else if (inSection) {
      const setting = /^type\s*=\s*(.+)$/.exec(line);
      if (setting) return (setting[1] ?? '').trim();
    }
  }
  return null;
}

function prefixedSettings(config: Readonly<Record<string, string>>): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith(settingPrefix) || key === 'rclone_remote') continue;
    const name = key.slice(settingPrefix.length);
    if (!/^[a-z0-9_]+$/.test(name)) throw new KlosetError('BAD_INPUT', `${key} is not an rclone setting name (lowercase letters, digits and "_").`);
    if (/[\r\n]/.test(value)) throw new KlosetError('BAD_INPUT', `The value of ${key} must be on one line.`);
    settings[name] = value;
  }
  return settings;
}

/**
 * Reads a connector configuration: `location` (rclone://path) and either `rclone_remote` (an
 * account in `appConfigFile`, whose type is read from that file) or `rclone_type` with the
 * remote's settings inline. Any other `rclone_*` key is an rclone setting of the remote.
 */
export function parseRemoteSpec(config: Readonly<Record<string, string>>, appConfigFile: string): RemoteSpec {
  const pathInRemote = locationPath(config.location ?? '');
  const root = pathInRemote.startsWith('/') ? pathInRemote : `/${pathInRemote}`;
  const settings = prefixedSettings(config);
  const account = config.rclone_remote;
  if (account !== undefined) {
    const text = fs.existsSync(appConfigFile) ? fs.readFileSync(appConfigFile, 'utf8') : '';
    const type = remoteTypeIn(text, account);
    if (!type) throw new KlosetError('NOT_FOUND', `There is no connected account named "${account}". Connect it again (Accounts in Kloset Desktop, or "kloset account"), or correct the entry.`);
    const { type: _ignored, ...overrides } = settings;
    return { type, remoteName: account, accountName: account, settings: {}, overrides, path: pathInRemote, root };
  }
  const type = settings.type;
  if (!type) throw new KlosetError('BAD_INPUT', `The entry for ${config.location ?? 'this rclone location'} needs rclone_type (dropbox, opendrive, …) or rclone_remote (a connected account).`);
  return { type, remoteName: inlineRemoteName, accountName: null, settings, overrides: {}, path: pathInRemote, root };
}

/** rclone's quoting of a connection-string value: in single quotes, a quote doubled. */
const quoted = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** rclone's name for the folder `sub` (relative to the spec's path) on this remote. */
export function fsString(spec: RemoteSpec, sub = ''): string {
  const options = Object.entries(spec.overrides).map(([key, value]) => `,${key}=${quoted(value)}`).join('');
  const base = spec.path;
  const joined = sub === '' ? base : base === '' || base === '/' ? `${base}${sub}` : `${base}/${sub}`;
  return `${spec.remoteName}${options}:${joined}`;
}

/** The private rclone config of an inline entry: one section with its settings. */
export function inlineConfigText(spec: RemoteSpec): string {
  const lines = Object.entries(spec.settings).map(([key, value]) => `${key} = ${value}`);
  return `[${inlineRemoteName}]\n${lines.join('\n')}\n`;
}
