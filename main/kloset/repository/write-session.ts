import fs from 'node:fs';
import type { FinishedPackfile } from '../format/packfile-writer';
import { PackfileWriter } from '../format/packfile-writer';
import type { ObjectType } from '../format/packfile-format';
import { emptyDelta, type SnapshotRecord, type StatePackfile } from '../format/state-format';
import { macToHex, type Mac } from '../ids';
import type { Repository } from './repository';

export interface WriteSessionOptions {
  /** Local folder for packfiles waiting for upload. */
  readonly spoolDir: string;
  /** Uploads running or waiting before producers are held back. */
  readonly maxQueuedUploads?: number;
  /** Write a checkpoint state after this many data packfiles, so an interrupted backup's data is reused. */
  readonly checkpointEvery?: number;
}

/**
 * Everything one writer adds to a store before its final state: it claims new objects (so two
 * threads never store the same chunk twice), writes metadata objects, uploads packfiles with a
 * bounded queue, writes checkpoint states, and finally the state that commits a snapshot.
 * Until that state exists, what was uploaded is unreferenced and harmless.
 */
export class WriteSession {
  private readonly claimed = new Set<string>();
  private metadata: PackfileWriter | null = null;
  private readonly uploaded: StatePackfile[] = [];
  private readonly running = new Set<Promise<void>>();
  private failure: Error | null = null;
  private dataSinceCheckpoint = 0;
  storedBytes = 0;

  constructor(
    private readonly repository: Repository,
    private readonly options: WriteSessionOptions,
  ) {}

  /** For each MAC: true when the caller must store the object (it is new, and now claimed). */
  claim(macs: readonly Mac[]): boolean[] {
    return macs.map((mac) => {
      const hex = macToHex(mac);
      if (this.claimed.has(hex) || this.repository.hasObject(mac)) return false;
      this.claimed.add(hex);
      return true;
    });
  }

  /** Stores a metadata object unless the store has it already; returns its MAC. */
  async putMetadata(type: Exclude<ObjectType, 'chunk'>, plaintext: Buffer): Promise<Mac> {
    const mac = this.repository.macer.mac(plaintext);
    if (!this.claim([mac])[0]) return mac;
    this.metadata ??= PackfileWriter.create({ kind: 'metadata', spoolDir: this.options.spoolDir, sealer: this.repository.sealer, macer: this.repository.macer });
    this.metadata.add(type, mac, this.repository.codec.encode(plaintext), plaintext.length);
    if (this.metadata.size >= this.repository.packfileTargetSize) await this.finishMetadata();
    return mac;
  }

  /**
   * Uploads a finished packfile (then deletes its spool file). Resolves once the upload is
   * queued; waits while too many are queued, which holds back the producer.
   */
  async upload(finished: FinishedPackfile): Promise<void> {
    this.throwIfFailed();
    const task = this.putPackfile(finished).catch((error: unknown) => {
      this.failure ??= error as Error;
    });
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
    while (this.running.size > (this.options.maxQueuedUploads ?? 2)) await Promise.race(this.running);
    this.throwIfFailed();
  }

  /**
   * Flushes metadata, waits for every upload, and writes the state that makes it all visible,
   * with the snapshot record when there is one. Returns the state's name.
   */
  async commit(snapshot: SnapshotRecord | null): Promise<Mac> {
    await this.finishMetadata();
    await this.drain();
    const delta = { ...emptyDelta(), packfiles: this.uploaded.splice(0), snapshots: snapshot ? [snapshot] : [] };
    return this.repository.writeState(delta);
  }

  /** Waits until every queued upload has finished (so `storedBytes` is complete). */
  async settle(): Promise<void> {
    await this.drain();
  }

  /** Deletes spool files; uploads that finished stay in the store, unreferenced. */
  async abandon(): Promise<void> {
    this.metadata?.abandon();
    this.metadata = null;
    await Promise.allSettled([...this.running]);
    await fs.promises.rm(this.options.spoolDir, { recursive: true, force: true });
  }

  private async finishMetadata(): Promise<void> {
    const writer = this.metadata;
    this.metadata = null;
    if (writer && writer.objectCount > 0) await this.upload(writer.finish());
    else writer?.abandon();
  }

  private async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
    this.throwIfFailed();
  }

  private async putPackfile(finished: FinishedPackfile): Promise<void> {
    try {
      await this.repository.store.put('packfile', finished.mac, { path: finished.path, size: finished.size });
    } finally {
      await fs.promises.rm(finished.path, { force: true });
    }
    this.storedBytes += finished.size;
    this.uploaded.push({ mac: finished.mac, kind: finished.kind, size: finished.size, entries: finished.entries });
    if (finished.kind === 'data' && ++this.dataSinceCheckpoint >= (this.options.checkpointEvery ?? 16)) {
      this.dataSinceCheckpoint = 0;
      await this.repository.writeState({ ...emptyDelta(), packfiles: this.uploaded.splice(0) });
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
