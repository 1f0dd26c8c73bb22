import fs from 'node:fs';
import { KlosetError } from '../errors';
import { macToHex, type Mac } from '../ids';
import type { ByteRange, ObjectKind, ObjectSource, Store, StoreMode } from './store';
import { objectKinds } from './store';
import { sliceRange } from './range';

/** A store in memory, for tests and for building a .ptar in one piece. */
export class MemoryStore implements Store {
  readonly location: string;
  private config: Buffer | null = null;
  private readonly objects = new Map<ObjectKind, Map<string, Buffer>>(objectKinds.map((kind) => [kind, new Map()]));

  constructor(location = 'memory:') {
    this.location = location;
  }

  async create(config: Uint8Array): Promise<void> {
    this.config = Buffer.from(config);
  }

  async open(): Promise<Buffer> {
    if (!this.config) throw new KlosetError('NOT_FOUND', `There is no Kloset store at ${this.location}.`);
    return Buffer.from(this.config);
  }

  async list(kind: ObjectKind): Promise<Mac[]> {
    return [...this.bucket(kind).keys()].map((hex) => Buffer.from(hex, 'hex'));
  }

  async put(kind: ObjectKind, mac: Mac, source: ObjectSource): Promise<void> {
    const key = macToHex(mac);
    const bucket = this.bucket(kind);
    if (bucket.has(key)) return;
    const bytes = 'bytes' in source ? Buffer.from(source.bytes) : await fs.promises.readFile(source.path);
    bucket.set(key, bytes);
  }

  async get(kind: ObjectKind, mac: Mac, range?: ByteRange): Promise<Buffer> {
    const bytes = this.bucket(kind).get(macToHex(mac));
    if (!bytes) throw new KlosetError('NOT_FOUND', `The ${kind} ${macToHex(mac)} is not in the store ${this.location}.`);
    return Buffer.from(sliceRange(bytes, range, `${kind} ${macToHex(mac)}`));
  }

  async delete(kind: ObjectKind, mac: Mac): Promise<void> {
    this.bucket(kind).delete(macToHex(mac));
  }

  async mode(): Promise<StoreMode> {
    return { canRead: true, canWrite: true };
  }

  async size(): Promise<number> {
    let total = this.config?.length ?? 0;
    for (const bucket of this.objects.values()) for (const bytes of bucket.values()) total += bytes.length;
    return total;
  }

  async close(): Promise<void> {}

  private bucket(kind: ObjectKind): Map<string, Buffer> {
    const bucket = this.objects.get(kind);
    if (!bucket) throw new KlosetError('BAD_INPUT', `Unknown object kind ${String(kind)}.`);
    return bucket;
  }
}
