import { createCodec, type Codec } from '../compression';
import { createMacer, type Macer } from '../crypto/mac';
import { createSealer, type Sealer } from '../crypto/seal';
import type { StoreConfig } from '../format/config-format';
import { KlosetError } from '../errors';
import type { Mac } from '../ids';
import { keysOf } from './store-keys';

/** Everything needed to turn objects of a store into bytes and back, from its config and master key. */
export interface StoreCodecs {
  readonly macer: Macer;
  readonly sealer: Sealer;
  readonly codec: Codec;
  readonly chunkerSeed: Buffer;
  /** Opens, decompresses and verifies a sealed object read from a packfile (see `Codec.decode` for `scratch`). */
  decodeObject(sealed: Uint8Array, rawLength: number, mac: Mac, what: string, scratch?: Buffer): Buffer;
}

/** Each thread makes its own: compression contexts are not shared between threads. */
export function createStoreCodecs(config: StoreConfig, masterKey: Buffer): StoreCodecs {
  const keys = keysOf(config, masterKey);
  const macer = createMacer(config.mac, keys.macKey);
  const sealer = createSealer(keys.encryptionKey, macer);
  const codec = createCodec(config.compression.algorithm, config.compression.level);
  return {
    macer,
    sealer,
    codec,
    chunkerSeed: keys.chunkerSeed,
    decodeObject(sealed, rawLength, mac, what, scratch) {
      const plaintext = codec.decode(sealer.open(sealed, undefined, what), rawLength, what, scratch);
      if (!macer.mac(plaintext).equals(mac)) throw new KlosetError('CORRUPT', `The ${what} failed its integrity check: it was damaged or altered.`);
      return plaintext;
    },
  };
}
