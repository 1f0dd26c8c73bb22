import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a WebDAV listing says about one file or folder. */
export interface DavEntry {
  /** Path segments below the served root; empty for the root itself. */
  readonly segments: readonly string[];
  readonly isCollection: boolean;
  readonly size: number;
  readonly modified: Date;
}

/** The outcome of an attempt to write an object. */
export type PutOutcome = 'created' | 'replaced' | 'parent-missing' | 'is-collection';

/**
 * The folder a {@link startWebdavFaultServer} serves. Uploads are written to a staging folder
 * outside the served tree and renamed into place only once every declared byte has arrived, so a
 * cut upload never leaves a partial object visible.
 */
export class DavStore {
  constructor(
    readonly rootDir: string,
    readonly stagingDir: string,
  ) {}

  /** Maps URL path segments to a file path, refusing `.` and `..` segments. */
  resolve(segments: readonly string[]): string {
    for (const segment of segments) {
      if (segment === '' || segment === '.' || segment === '..' || segment.includes('/') || segment.includes('\0')) {
        throw new Error(`The path segment "${segment}" is not allowed.`);
      }
    }
    return path.join(this.rootDir, ...segments);
  }

  async stat(segments: readonly string[]): Promise<DavEntry | null> {
    try {
      const info = await fs.stat(this.resolve(segments));
      return { segments, isCollection: info.isDirectory(), size: info.isDirectory() ? 0 : info.size, modified: info.mtime };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async children(segments: readonly string[]): Promise<DavEntry[]> {
    const names = await fs.readdir(this.resolve(segments));
    const entries = await Promise.all(names.sort().map((name) => this.stat([...segments, name])));
    return entries.filter((entry): entry is DavEntry => entry !== null);
  }

  /** Streams `source` to the object; `expectedLength` (when known) must match exactly. */
  async put(segments: readonly string[], source: Readable, expectedLength: number | undefined, maxBytes: number): Promise<PutOutcome> {
    const parent = await this.stat(segments.slice(0, -1));
    if (!parent?.isCollection) return 'parent-missing';
    const existing = await this.stat(segments);
    if (existing?.isCollection) return 'is-collection';
    const staged = path.join(this.stagingDir, randomUUID());
    try {
      let written = 0;
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            written += chunk.length;
            if (written > maxBytes) throw new Error(`The upload exceeds the fake's limit of ${maxBytes} bytes.`);
            yield chunk;
          }
        },
        createWriteStream(staged),
      );
      if (expectedLength !== undefined && written !== expectedLength) {
        throw new Error(`The upload stopped after ${written} of ${expectedLength} bytes.`);
      }
      await fs.rename(staged, this.resolve(segments));
      return existing ? 'replaced' : 'created';
    } finally {
      await fs.rm(staged, { force: true });
    }
  }

  async makeCollection(segments: readonly string[]): Promise<void> {
    await fs.mkdir(this.resolve(segments));
  }

  async remove(segments: readonly string[]): Promise<void> {
    await fs.rm(this.resolve(segments), { recursive: true, force: true });
  }

  async copy(from: readonly string[], to: readonly string[]): Promise<void> {
    await fs.cp(this.resolve(from), this.resolve(to), { recursive: true });
  }

  async move(from: readonly string[], to: readonly string[]): Promise<void> {
    await fs.rename(this.resolve(from), this.resolve(to));
  }

  async read(segments: readonly string[], start: number, end: number): Promise<Buffer> {
    const handle = await fs.open(this.resolve(segments), 'r');
    try {
      const buffer = Buffer.alloc(end - start + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** Uploads still being written (0 once every upload finished or failed). */
  async stagedUploads(): Promise<number> {
    return (await fs.readdir(this.stagingDir)).length;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
