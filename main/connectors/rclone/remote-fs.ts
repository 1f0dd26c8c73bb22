import crypto from 'node:crypto';
import path from 'node:path';
import { isKlosetError } from '../../kloset/index';
import { readObject, readObjectBytes, type ReadOptions } from './object-reader';
import { RcError, type RcClient, type RcParams } from './rc-client';
import { failureKind, klosetErrorOf, type ProviderWords } from './rc-errors';
import { listAnswer, statAnswer, type RemoteItem } from './remote-items';
import { fsString, type RemoteSpec } from './remote-spec';
import { defaultRetryPolicy, withRetries, type RetryPolicy } from './retry';

export interface RemoteFsOptions {
  readonly client: RcClient;
  readonly spec: RemoteSpec;
  readonly words: ProviderWords;
  /** Decided per provider (see `UploadStrategy`); `probe` is resolved before this point. */
  readonly uploads: 'direct' | 'temp-and-move';
  readonly policy?: RetryPolicy;
}

export interface ListOptions {
  readonly recurse?: boolean;
  readonly filesOnly?: boolean;
  /** Modification times cost more on some providers: ask only when needed. */
  readonly withModTime?: boolean;
}

const isRetryable = (error: unknown): boolean => isKlosetError(error, 'UNAVAILABLE');

/**
 * For the copy to a temporary name, and the rename to an object's name: rclone does not look up
 * the destination first (the temporary name is new, and `upload` has just looked the object up),
 * which saves two calls per upload. A rename that replaces (CONFIG) lets rclone look, since it
 * must delete the old file first where the rename does not replace (WebDAV's MOVE with
 * `Overwrite: F`).
 */
const noCheck = { NoCheckDest: true, IgnoreTimes: true };

/**
 * The folder of a connector entry on its remote, through one `rclone rcd`: every operation is
 * retried with backoff when it may pass, turned into an engine error otherwise, and an expired
 * OpenDrive session gets one fresh login. Paths are '/'-separated and relative to the folder.
 */
export class RemoteFs {
  /** rclone's name for the entry's folder. */
  readonly fs: string;
  private readonly policy: RetryPolicy;

  constructor(private readonly options: RemoteFsOptions) {
    this.fs = fsString(options.spec);
    this.policy = options.policy ?? defaultRetryPolicy;
  }

  get uploads(): 'direct' | 'temp-and-move' {
    return this.options.uploads;
  }

  /** The files and folders in `dir` (recursively when asked); a folder that does not exist is empty. */
  async list(dir: string, options: ListOptions = {}): Promise<RemoteItem[]> {
    const what = `listing ${this.display(dir)}`;
    const opt = { recurse: options.recurse === true, filesOnly: options.filesOnly === true, noModTime: options.withModTime !== true, noMimeType: true };
    const answer = await this.call(what, 'operations/list', { fs: this.fs, remote: dir, opt }, { missingAs: { list: [] } });
    // rclone 1.60's WebDAV backend decodes a retried PROPFIND into the answer of the attempt that
    // was cut, so a listing can name an item more than once: a folder holds each name once.
    const seen = new Set<string>();
    return listAnswer(answer, what).filter((item) => !seen.has(item.path) && seen.add(item.path));
  }

  /** The file or folder at `file`, or null. */
  async stat(file: string, withModTime = false): Promise<RemoteItem | null> {
    const what = `looking up ${this.display(file)}`;
    const answer = await this.call(what, 'operations/stat', { fs: this.fs, remote: file, opt: { noModTime: !withModTime, noMimeType: true } }, { missingAs: { item: null } });
    return statAnswer(answer, what);
  }

  /** Bytes [start, end) of a file (end null: to its end), streamed, every count checked. */
  read(file: string, start: number, end: number | null, signal?: AbortSignal): AsyncGenerator<Buffer> {
    return readObject({ client: this.options.client, fs: this.fs, path: file }, start, end, this.readOptions(`reading ${this.display(file)}`, signal));
  }

  readBytes(file: string, start: number, end: number | null): Promise<Buffer> {
    return readObjectBytes({ client: this.options.client, fs: this.fs, path: file }, start, end, this.readOptions(`reading ${this.display(file)}`));
  }

  /**
   * Uploads the local file `source` to `target`, never showing a partial file under `target`.
   * `replace` false: an existing target is kept as it is (objects are never overwritten). With
   * temp-and-move, the target is looked up first and the rename then replaces: rclone's
   * `--ignore-existing` would skip the rename but also leave the temporary copy behind. Should
   * another writer store the same object in between, the rename replaces it with the same bytes,
   * since object names are content hashes (or random, for locks).
   */
  async upload(source: string, target: string, replace: boolean, signal?: AbortSignal): Promise<void> {
    const what = `uploading ${this.display(target)}`;
    const from = { srcFs: path.dirname(source), srcRemote: path.basename(source) };
    if (this.options.uploads === 'direct') {
      const overwrite = replace ? { IgnoreTimes: true } : { IgnoreExisting: true };
      await this.call(what, 'operations/copyfile', { ...from, dstFs: this.fs, dstRemote: target, _config: overwrite }, { signal });
      return;
    }
    if (!replace && (await this.stat(target))) return;
    const temporary = `${path.posix.dirname(target) === '.' ? '' : `${path.posix.dirname(target)}/`}.${path.posix.basename(target)}.${crypto.randomBytes(6).toString('hex')}.partial`;
    try {
      await this.call(what, 'operations/copyfile', { ...from, dstFs: this.fs, dstRemote: temporary, _config: noCheck }, { signal });
      await this.moveInto(temporary, target, replace, what);
    } catch (error) {
      await this.delete(temporary).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The rename that publishes an upload. A rename whose answer was lost after it was done fails
   * on its retry (the temporary name is gone); a rename refused because another writer stored the
   * same object first (WebDAV's 412) leaves that object. Both are success, checked by a lookup.
   */
  private async moveInto(temporary: string, target: string, replace: boolean, what: string): Promise<void> {
    try {
      await this.call(what, 'operations/movefile', { srcFs: this.fs, srcRemote: temporary, dstFs: this.fs, dstRemote: target, _config: replace ? { IgnoreTimes: true } : noCheck });
    } catch (error) {
      const isDone = (!replace || isKlosetError(error, 'NOT_FOUND')) && (await this.stat(target)) !== null;
      if (!isDone) throw error;
      await this.delete(temporary);
    }
  }

  /** Deletes a file; a file that is not there is fine. */
  async delete(file: string): Promise<void> {
    await this.call(`deleting ${this.display(file)}`, 'operations/deletefile', { fs: this.fs, remote: file }, { missingAs: {} });
  }

  async mkdir(dir: string): Promise<void> {
    await this.call(`creating the folder ${this.display(dir)}`, 'operations/mkdir', { fs: this.fs, remote: dir });
  }

  /** Bytes stored under the folder, or null when rclone cannot tell. */
  async usedBytes(): Promise<number | null> {
    const answer = await this.call(`measuring ${this.display('')}`, 'operations/size', { fs: this.fs }, { missingAs: { bytes: 0 } });
    return typeof answer.bytes === 'number' && answer.bytes >= 0 ? answer.bytes : null;
  }

  /** "Dropbox:/Backups/packfiles/1a2b…" for messages. */
  display(file: string): string {
    const joined = path.posix.join(this.options.spec.root, file);
    return `${this.options.words.label}:${joined}`;
  }

  private readOptions(what: string, signal?: AbortSignal): ReadOptions {
    let hasLoggedInAgain = false;
    const recover = async (error: unknown): Promise<boolean> => {
      if (hasLoggedInAgain || !(error instanceof RcError) || failureKind(error) !== 'session') return false;
      hasLoggedInAgain = true;
      await this.logInAgain();
      return true;
    };
    return { classify: (error) => klosetErrorOf(error, what, this.options.words), policy: this.policy, recover, ...(signal ? { signal } : {}) };
  }

  /** Drops rclone's cached remotes, so that the next call builds its remote again, logging in anew. */
  private async logInAgain(): Promise<void> {
    await this.options.client.call('fscache/clear');
  }

  /**
   * One rc call as a job (copies and moves) or a plain call, retried when it may pass. A missing
   * file or folder gives `missingAs` when that is given. On an expired OpenDrive session, rclone's
   * cached remote is dropped so that the next call logs in again, once.
   */
  private async call(what: string, method: string, params: RcParams, options: { missingAs?: RcParams; signal?: AbortSignal | undefined } = {}): Promise<RcParams> {
    let hasLoggedInAgain = false;
    const once = async (): Promise<RcParams> => {
      try {
        return method === 'operations/copyfile' || method === 'operations/movefile' ? await this.options.client.job(method, params, options.signal) : await this.options.client.call(method, params);
      } catch (error) {
        if (options.missingAs && error instanceof RcError && failureKind(error) === 'missing') return options.missingAs;
        if (error instanceof RcError && failureKind(error) === 'session' && !hasLoggedInAgain) {
          hasLoggedInAgain = true;
          await this.logInAgain();
          return once();
        }
        throw klosetErrorOf(error, what, this.options.words);
      }
    };
    return withRetries(once, isRetryable, this.policy, options.signal);
  }
}

