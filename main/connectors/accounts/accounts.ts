import fs from 'node:fs';
import { KlosetError } from '../../kloset/index';
import type { AccountStatus, AccountSummary, Provider, RemoteFolder } from '../../../shared/types/accounts';
import { appRcloneConfigFile, failureKind, findRclone, klosetErrorOf, listAnswer, openRcSession, RcError, type RcSession, type RemoteItem } from '../rclone/index';
import { startDropboxSignIn, type DropboxSignIn } from './dropbox-sign-in';

export interface AccountsOptions {
  /** The app's data folder: accounts are remotes of its rclone.conf. */
  readonly dataDir: string;
  /** rclone chosen in Settings; otherwise PATH, then the bundled copies. */
  readonly rclonePath?: string;
  /** Added to rclone's environment (a proxy, a CA file); PATH is read from here too. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A Dropbox sign-in started in the browser: open `authUrl`; `account` settles when it ends. */
export interface PendingSignIn {
  readonly authUrl: string;
  readonly account: Promise<AccountSummary>;
}

/** The cloud accounts of this machine, as the app's `accounts.*` and `remotes.browse` handlers use them. */
export interface Accounts {
  list(): Promise<AccountSummary[]>;
  /**
   * Connects (or reconnects) Dropbox with a token JSON from `rclone authorize dropbox`, then checks
   * it. A sign-in the provider refuses is not kept (AUTH_EXPIRED; an earlier one of that name stays).
   */
  connectDropboxToken(name: string, token: string): Promise<AccountSummary>;
  /** Starts a sign-in in the browser; one at a time (a new one cancels the previous). */
  startDropboxSignIn(name: string): Promise<PendingSignIn>;
  /** Connects (or reconnects) OpenDrive; rclone obscures the password as it saves it. A refused user name or password is not kept. */
  connectOpenDrive(name: string, username: string, password: string): Promise<AccountSummary>;
  /** Checks that the account works: connected, expired (reconnect it) or unreachable. */
  test(name: string): Promise<AccountSummary>;
  /** False when there was no such account. */
  remove(name: string): Promise<boolean>;
  /** One folder of an account ('' for its root), folders first, for a folder picker. */
  browse(name: string, folder: string): Promise<RemoteFolder[]>;
  /** Cancels a sign-in in progress. */
  close(): void;
}

const accountNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const providers: readonly Provider[] = ['dropbox', 'opendrive'];

function checkName(name: string): void {
  if (!accountNamePattern.test(name)) throw new KlosetError('BAD_INPUT', `"${name}" cannot name an account: use letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit.`);
}

function checkFolder(folder: string): string {
  const parts = folder.split('/').filter((part) => part.length > 0);
  if (parts.some((part) => part === '.' || part === '..') || folder.includes('\0')) throw new KlosetError('BAD_INPUT', `"${folder}" is not a folder path inside the account.`);
  return parts.join('/');
}

function checkToken(token: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(token);
  } catch {
    parsed = null;
  }
  const access = (parsed as { access_token?: unknown } | null)?.access_token;
  if (typeof access !== 'string' || access.length === 0) throw new KlosetError('BAD_INPUT', 'That is not a Dropbox token: paste the whole line of JSON that "rclone authorize dropbox" printed, from { to }.');
  return JSON.stringify(parsed);
}

function statusOf(error: unknown): AccountStatus {
  if (error instanceof RcError) {
    const kind = failureKind(error);
    if (kind === 'auth' || kind === 'session') return 'expired';
  }
  if (error instanceof KlosetError && error.code === 'AUTH_EXPIRED') return 'expired';
  return 'unreachable';
}

function folderOf(base: string, item: RemoteItem): RemoteFolder {
  const mtime = item.mtimeNs ? new Date(Number(item.mtimeNs / 1_000_000n)).toISOString() : null;
  return { name: item.name, path: base ? `${base}/${item.name}` : item.name, isDirectory: item.isDir, size: item.isDir ? 0 : item.size, mtime };
}

type RemoteSettings = Readonly<Record<string, unknown>>;

/** Accounts as remotes of the app's rclone config, each call on a short-lived rclone. */
class RcloneAccounts implements Accounts {
  private readonly configFile: string;
  private readonly checks = new Map<string, { status: AccountStatus; checkedAt: string }>();
  private signIn: DropboxSignIn | null = null;

  constructor(private readonly options: AccountsOptions) {
    this.configFile = appRcloneConfigFile(options.dataDir);
  }

  list(): Promise<AccountSummary[]> {
    return this.withRclone(async (session) =>
      Object.entries(await this.remotes(session))
        .filter(([, settings]) => providers.includes(settings.type as Provider))
        .map(([name, settings]) => this.summary(name, settings))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  }

  async connectDropboxToken(name: string, token: string): Promise<AccountSummary> {
    return this.create(name, 'dropbox', { token: checkToken(token) }, false);
  }

  async startDropboxSignIn(name: string): Promise<PendingSignIn> {
    checkName(name);
    this.signIn?.cancel();
    const started = await startDropboxSignIn({ binary: this.binary(), ...(this.options.env ? { env: this.options.env } : {}) });
    this.signIn = started;
    return { authUrl: started.authUrl, account: started.token.then((token) => this.connectDropboxToken(name, token)) };
  }

  async connectOpenDrive(name: string, username: string, password: string): Promise<AccountSummary> {
    return this.create(name, 'opendrive', { username, password }, true);
  }

  async test(name: string): Promise<AccountSummary> {
    checkName(name);
    return this.withRclone(async (session) => {
      const settings = (await this.remotes(session))[name];
      if (!settings || !providers.includes(settings.type as Provider)) throw new KlosetError('NOT_FOUND', `There is no Dropbox or OpenDrive account named "${name}".`);
      let status: AccountStatus = 'connected';
      await session.client.call('operations/list', { fs: `${name}:`, remote: '', opt: { dirsOnly: true, noModTime: true, noMimeType: true } }).catch((error: unknown) => {
        status = statusOf(error);
      });
      this.checks.set(name, { status, checkedAt: new Date().toISOString() });
      return this.summary(name, settings);
    });
  }

  async remove(name: string): Promise<boolean> {
    checkName(name);
    this.checks.delete(name);
    return this.withRclone(async (session) => {
      if (!(await this.remotes(session))[name]) return false;
      await session.client.call('config/delete', { name });
      return true;
    });
  }

  browse(name: string, folder: string): Promise<RemoteFolder[]> {
    return this.withRclone(async (session) => {
      const base = checkFolder(folder);
      const words = { label: `The account "${name}"`, reconnect: `Reconnect the account "${name}".` };
      const answer = await session.client.call('operations/list', { fs: `${name}:${base}`, remote: '', opt: { noMimeType: true } }).catch((error: unknown) => {
        throw klosetErrorOf(error, `listing /${base}`, words);
      });
      return listAnswer(answer, `listing ${name}:${base}`)
        .map((item) => folderOf(base, item))
        .sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));
    });
  }

  close(): void {
    this.signIn?.cancel();
  }

  private binary(): string {
    return findRclone({ ...(this.options.rclonePath ? { configuredPath: this.options.rclonePath } : {}), env: { ...process.env, ...this.options.env } });
  }

  /**
   * Runs `task` on a short-lived rclone with the app's config: each call sees the file as it is
   * now. Two low-level retries: a status check or a folder listing should answer quickly.
   */
  private async withRclone<T>(task: (session: RcSession) => Promise<T>): Promise<T> {
    fs.mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 });
    const session = await openRcSession({ binary: this.binary(), configFile: this.configFile, flags: ['--low-level-retries', '2'], ...(this.options.env ? { env: this.options.env } : {}) });
    try {
      return await task(session);
    } finally {
      await session.close();
    }
  }

  private async remotes(session: RcSession): Promise<Record<string, RemoteSettings>> {
    return (await session.client.call('config/dump')) as Record<string, RemoteSettings>;
  }

  private summary(name: string, settings: RemoteSettings): AccountSummary {
    const check = this.checks.get(name);
    const provider = settings.type as Provider;
    const user = provider === 'opendrive' && typeof settings.username === 'string' ? settings.username : null;
    return { name, provider, status: check?.status ?? 'unknown', user, checkedAt: check?.checkedAt ?? null };
  }

  /**
   * Saves the remote (replacing one of the same name: a reconnection), then checks it. When the
   * provider refuses the sign-in, the remote is put back as it was (or removed if it is new) and
   * AUTH_EXPIRED says so; an unreachable provider keeps it (it may answer later).
   */
  private async create(name: string, type: Provider, parameters: Record<string, string>, obscure: boolean): Promise<AccountSummary> {
    checkName(name);
    const previous = await this.withRclone(async (session) => {
      const before = (await this.remotes(session))[name];
      await session.client.call('config/create', { name, type, parameters, opt: { nonInteractive: true, obscure } });
      return before;
    });
    fs.chmodSync(this.configFile, 0o600);
    const summary = await this.test(name);
    if (summary.status !== 'expired') return summary;
    await this.withRclone(async (session) => {
      await session.client.call('config/delete', { name });
      if (previous) {
        const { type: previousType, ...settings } = previous;
        await session.client.call('config/create', { name, type: previousType, parameters: settings, opt: { nonInteractive: true, noObscure: true } });
      }
    });
    this.checks.delete(name);
    throw new KlosetError('AUTH_EXPIRED', type === 'opendrive' ? 'OpenDrive refused this user name or password. Check them and try again.' : 'Dropbox refused this token. Get a new one with "rclone authorize dropbox" and paste all of it.');
  }
}

/** The cloud accounts kept as named remotes in the app's rclone config (mode 0600). */
export function openAccounts(options: AccountsOptions): Accounts {
  return new RcloneAccounts(options);
}
