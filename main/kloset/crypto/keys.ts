import crypto from 'node:crypto';

/** The keys of a store, all derived from its 32-byte master key. */
export interface StoreKeys {
  /** Keys the MACs that address every object. */
  readonly macKey: Buffer;
  /** Keys the per-object encryption keys; null for a plaintext store. */
  readonly encryptionKey: Buffer | null;
  /** Seeds the chunker's gear table, so cut points differ from store to store. */
  readonly chunkerSeed: Buffer;
}

export function deriveSubkey(masterKey: Uint8Array, label: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), `kloset/v1/${label}`, 32));
}

export function deriveStoreKeys(masterKey: Uint8Array, isEncrypted: boolean): StoreKeys {
  return {
    macKey: deriveSubkey(masterKey, 'mac'),
    encryptionKey: isEncrypted ? deriveSubkey(masterKey, 'encrypt') : null,
    chunkerSeed: deriveSubkey(masterKey, 'chunker'),
  };
}
