import type { Importer, SourceEntry } from './importer';
import type { SnapshotReader } from './snapshot-reader';

/**
 * A snapshot of one store as the source of a backup into another: this is how snapshots are
 * copied between stores with other keys and other chunk sizes (the content is cut again, and
 * deduplicated, in the target). Every chunk read is verified against its MAC.
 */
export class SnapshotImporter implements Importer {
  readonly type: string;
  readonly origin: string;
  readonly root: string;

  constructor(
    private readonly reader: SnapshotReader,
    private readonly signal?: AbortSignal,
  ) {
    this.type = reader.header.source.type;
    this.origin = reader.header.source.origin;
    this.root = reader.header.source.root;
  }

  async *scan(): AsyncGenerator<SourceEntry> {
    for await (const { pathname, entry } of this.reader.walk('/')) {
      yield { pathname, kind: entry.kind, size: entry.size, mode: entry.mode, mtimeNs: entry.mtimeNs, uid: entry.uid, gid: entry.gid, ino: entry.ino, ...(entry.target !== undefined ? { target: entry.target } : {}) };
    }
  }

  async *open(pathname: string): AsyncGenerator<Uint8Array> {
    yield* this.reader.readFile(await this.reader.resolve(pathname), this.signal);
  }

  async close(): Promise<void> {}
}
