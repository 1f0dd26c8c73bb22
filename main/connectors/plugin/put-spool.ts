import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ObjectSource } from '../../kloset/index';

/** Above this, the content of a `Put` goes to a temporary file instead of memory. */
const memoryLimitBytes = 8 * 1024 * 1024;

/**
 * Collects the chunks of one `Put` until the host ends the stream: the engine's `Store.put` takes
 * a complete object, and nothing may reach the store before the whole object has arrived (a cut
 * stream must leave no partial object). Small objects stay in memory; large ones are spooled to
 * a private temporary file so that a plugin's memory does not grow with packfile sizes.
 */
export class PutSpool {
  private chunks: Buffer[] = [];
  private file: { readonly folder: string; readonly path: string; readonly handle: fs.promises.FileHandle } | null = null;
  private sizeBytes = 0;

  get size(): number {
    return this.sizeBytes;
  }

  async append(chunk: Buffer): Promise<void> {
    this.sizeBytes += chunk.length;
    if (this.file) {
      await this.file.handle.write(chunk);
      return;
    }
    this.chunks.push(chunk);
    if (this.sizeBytes > memoryLimitBytes) await this.spill();
  }

  private async spill(): Promise<void> {
    const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'kloset-put-'));
    const file = path.join(folder, 'object');
    const handle = await fs.promises.open(file, 'w', 0o600);
    this.file = { folder, path: file, handle };
    for (const chunk of this.chunks) await handle.write(chunk);
    this.chunks = [];
  }

  /** The complete object, once the last chunk has arrived. */
  async source(): Promise<ObjectSource> {
    if (!this.file) return { bytes: Buffer.concat(this.chunks, this.sizeBytes) };
    await this.file.handle.sync();
    return { path: this.file.path, size: this.sizeBytes };
  }

  async dispose(): Promise<void> {
    this.chunks = [];
    if (!this.file) return;
    await this.file.handle.close().catch(() => undefined);
    await fs.promises.rm(this.file.folder, { recursive: true, force: true });
  }
}
