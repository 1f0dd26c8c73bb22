import { KlosetError, klosetErrorCodes, type ByteRange, type Mac, type ObjectKind, type ObjectSource, type Store, type StoreMode } from '../../../kloset/index';

/** The misbehaviours a test plugin's store can be asked for, through its `fault` config key. */
export type Fault = 'none' | 'hang-list' | 'hang-get' | 'crash-get' | 'short-get' | 'code-by-mac';

const never = (): Promise<never> => new Promise<never>(() => undefined);

/**
 * A store that misbehaves on purpose, around a real one: it hangs, crashes the process, cuts a
 * ranged read short, or throws the engine error whose index is the first byte of the object name.
 */
export class FaultyStore implements Store {
  constructor(
    private readonly inner: Store,
    private readonly fault: Fault,
  ) {}

  get location(): string {
    return this.inner.location;
  }

  create(config: Uint8Array): Promise<void> {
    return this.inner.create(config);
  }

  open(): Promise<Buffer> {
    return this.inner.open();
  }

  list(kind: ObjectKind): Promise<Mac[]> {
    return this.fault === 'hang-list' ? never() : this.inner.list(kind);
  }

  put(kind: ObjectKind, mac: Mac, source: ObjectSource): Promise<void> {
    return this.inner.put(kind, mac, source);
  }

  async get(kind: ObjectKind, mac: Mac, range?: ByteRange): Promise<Buffer> {
    switch (this.fault) {
      case 'hang-get':
        return never();
      case 'crash-get':
        process.stderr.write('test plugin: crashing on purpose\n');
        process.exit(3);
        break;
      case 'short-get': {
        const bytes = await this.inner.get(kind, mac, range);
        return bytes.subarray(0, Math.max(0, bytes.length - 1));
      }
      case 'code-by-mac': {
        const code = klosetErrorCodes[mac[0] ?? 0] ?? 'IO';
        throw new KlosetError(code, `Failing with ${code} on purpose.`);
      }
    }
    return this.inner.get(kind, mac, range);
  }

  delete(kind: ObjectKind, mac: Mac): Promise<void> {
    return this.inner.delete(kind, mac);
  }

  mode(): Promise<StoreMode> {
    return this.inner.mode();
  }

  size(): Promise<number | null> {
    return this.inner.size();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
