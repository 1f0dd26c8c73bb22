import crypto from 'node:crypto';
import { ExcludeMatcher, type Importer, type SourceEntry } from '../../kloset/index';
import type { RemoteItem } from './remote-items';
import type { RemoteConnection } from './remote-connection';
import type { RemoteSpec } from './remote-spec';

/** Cloud folders have no permissions: what a snapshot records for them. */
const fileMode = 0o644;
const directoryMode = 0o755;

/** Parents before children: paths compared folder by folder. */
function byTreeOrder(a: RemoteItem, b: RemoteItem): number {
  const left = a.path.split('/');
  const right = b.path.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const l = left[i] ?? '';
    const r = right[i] ?? '';
    if (l !== r) return l < r ? -1 : 1;
  }
  return left.length - right.length;
}

function entryOf(item: RemoteItem): SourceEntry {
  return {
    pathname: `/${item.path}`,
    kind: item.isDir ? 'directory' : 'file',
    size: item.isDir ? 0 : item.size,
    mode: item.isDir ? directoryMode : fileMode,
    mtimeNs: item.mtimeNs,
    uid: 0,
    gid: 0,
    ino: 0n,
  };
}

/**
 * Where a source's data comes from, stable across runs so that the next backup finds its parent:
 * the account's name, else the provider with the user name, else with a fingerprint of the
 * refresh token (which identifies one authorization of one account, and is not a secret once
 * hashed).
 */
export function sourceOrigin(spec: RemoteSpec): string {
  if (spec.accountName) return spec.accountName;
  if (spec.settings.username) return `${spec.type}:${spec.settings.username}`;
  const token = spec.settings.token;
  if (!token) return spec.type;
  let identity = token;
  try {
    const parsed = JSON.parse(token) as { refresh_token?: unknown };
    if (typeof parsed.refresh_token === 'string') identity = parsed.refresh_token;
  } catch {
    // A token that is not JSON is fingerprinted whole.
  }
  return `${spec.type}:${crypto.createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
}

/**
 * A backup source in a folder of an rclone remote. The scan is one recursive listing (on Dropbox,
 * `list_folder` with `recursive`, page after page), sorted so that each folder comes before its
 * contents, with the exclusion patterns applied here. A file's content is read only when the
 * engine asks for it, and a cut download resumes where it stopped.
 */
export class RcloneImporter implements Importer {
  readonly type = 'rclone';
  readonly origin: string;
  readonly root: string;
  private readonly excludes: ExcludeMatcher;

  constructor(
    private readonly connection: RemoteConnection,
    excludes: readonly string[],
  ) {
    this.origin = sourceOrigin(connection.spec);
    this.root = connection.spec.root;
    this.excludes = new ExcludeMatcher(excludes);
  }

  async *scan(): AsyncGenerator<SourceEntry> {
    const items = (await this.connection.remote.list('', { recurse: true, withModTime: true })).sort(byTreeOrder);
    const newest = items.reduce((latest, item) => (item.mtimeNs > latest ? item.mtimeNs : latest), 0n);
    yield { pathname: '/', kind: 'directory', size: 0, mode: directoryMode, mtimeNs: newest, uid: 0, gid: 0, ino: 0n };
    // In tree order, the contents of an excluded folder come right after it.
    let excludedFolder: string | null = null;
    for (const item of items) {
      if (excludedFolder !== null && item.path.startsWith(`${excludedFolder}/`)) continue;
      excludedFolder = null;
      if (this.excludes.isExcluded(`/${item.path}`, item.isDir)) {
        if (item.isDir) excludedFolder = item.path;
        continue;
      }
      yield entryOf(item);
    }
  }

  open(pathname: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
    return this.connection.remote.read(pathname.replace(/^\/+/, ''), 0, null, signal);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
