import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KlosetError, type Exporter, type OverwritePolicy, type RestoreEntry, type WriteOutcome } from '../../kloset/index';
import type { RemoteConnection } from './remote-connection';

/**
 * A restore destination in a folder of an rclone remote. Each file is received into a private
 * staging file (its byte count checked against the snapshot), given its modification time, and
 * uploaded by rclone without ever showing a partial file (see `UploadStrategy`). The overwrite
 * policy is applied by looking at what is already there. Cloud folders hold neither symbolic
 * links nor permissions: a link is refused with a message, folder modes are not applied.
 */
export class RcloneExporter implements Exporter {
  readonly root: string;

  constructor(
    private readonly connection: RemoteConnection,
    private readonly overwrite: OverwritePolicy,
  ) {
    this.root = connection.spec.root;
  }

  async createDirectory(entry: RestoreEntry): Promise<void> {
    await this.connection.remote.mkdir(entry.pathname);
  }

  async writeFile(entry: RestoreEntry, content: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<WriteOutcome> {
    if (await this.keepsExisting(entry)) return 'skipped';
    const staged = path.join(this.connection.stagingDir, crypto.randomBytes(8).toString('hex'));
    try {
      await this.stage(staged, entry, content);
      await this.connection.remote.upload(staged, entry.pathname, true, signal);
    } finally {
      await fs.promises.rm(staged, { force: true });
    }
    return 'written';
  }

  async createSymlink(entry: RestoreEntry): Promise<WriteOutcome> {
    throw new KlosetError('BAD_INPUT', `${this.connection.words.label} cannot hold symbolic links, so /${entry.pathname} (a link to ${entry.target ?? '?'}) was not restored there. Restore it to a local folder instead.`);
  }

  async finishDirectory(): Promise<void> {
    // Cloud folders have no mode or times of their own to apply.
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private async keepsExisting(entry: RestoreEntry): Promise<boolean> {
    if (this.overwrite === 'always') return false;
    const existing = await this.connection.remote.stat(entry.pathname, this.overwrite === 'if-newer');
    if (!existing) return false;
    if (existing.isDir) throw new KlosetError('IO', `${this.connection.remote.display(entry.pathname)} is a folder, so the file cannot be restored there.`);
    return this.overwrite === 'never' || existing.mtimeNs >= entry.mtimeNs;
  }

  private async stage(file: string, entry: RestoreEntry, content: AsyncIterable<Uint8Array>): Promise<void> {
    let written = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of content) {
        written += chunk.byteLength;
        yield chunk;
      }
    }
    await pipeline(Readable.from(counted()), fs.createWriteStream(file, { mode: 0o600 }));
    if (written !== entry.size) throw new KlosetError('IO', `/${entry.pathname} arrived with ${written} bytes instead of ${entry.size}; it was not restored.`);
    const seconds = Number(entry.mtimeNs / 1_000_000n) / 1000;
    await fs.promises.utimes(file, seconds, seconds);
  }
}
