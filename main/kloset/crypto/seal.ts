import crypto from 'node:crypto';
import { KlosetError } from '../errors';
import type { Macer } from './mac';

const saltLength = 24;
const tagLength = 16;

/**
 * Seals objects for storage, and opens them again.
 *
 * Encrypted stores: ChaCha20-Poly1305 (node:crypto) under a key and nonce derived per object by
 * HKDF-SHA256 from the store's encryption key and 24 random bytes stored in front of the object.
 * A fresh key per object means a nonce can never repeat, however many objects a store holds.
 * Layout: `salt[24] ciphertext tag[16]`; `aad` binds the object to its context (its header).
 *
 * Plaintext stores: the bytes as they are, followed by a keyed MAC of them and of `aad`, which
 * catches corruption (but, the key being stored in clear, not tampering).
 */
export interface Sealer {
  readonly overheadBytes: number;
  /** The sealed object as parts, to be written one after the other (no copy into one buffer). */
  seal(plaintext: Uint8Array, aad?: Uint8Array): Buffer[];
  /** Opens a sealed object; throws CORRUPT when it was altered, truncated, or sealed with another key. */
  open(sealed: Uint8Array, aad?: Uint8Array, what?: string): Buffer;
}

export function createSealer(encryptionKey: Buffer | null, macer: Macer): Sealer {
  return encryptionKey ? aeadSealer(encryptionKey) : plaintextSealer(macer);
}

function objectKeyAndNonce(encryptionKey: Buffer, salt: Uint8Array): { key: Buffer; nonce: Buffer } {
  const material = Buffer.from(crypto.hkdfSync('sha256', encryptionKey, salt, 'kloset/v1/object', 44));
  return { key: material.subarray(0, 32), nonce: material.subarray(32, 44) };
}

function aeadSealer(encryptionKey: Buffer): Sealer {
  return {
    overheadBytes: saltLength + tagLength,
    seal(plaintext, aad) {
      const salt = crypto.randomBytes(saltLength);
      const { key, nonce } = objectKeyAndNonce(encryptionKey, salt);
      const cipher = crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: tagLength });
      if (aad) cipher.setAAD(aad, { plaintextLength: plaintext.byteLength });
      const body = cipher.update(plaintext);
      cipher.final();
      return [salt, body, cipher.getAuthTag()];
    },
    open(sealed, aad, what = 'object') {
      if (sealed.byteLength < saltLength + tagLength) throw corrupt(what);
      const view = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      const { key, nonce } = objectKeyAndNonce(encryptionKey, view.subarray(0, saltLength));
      const decipher = crypto.createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: tagLength });
      decipher.setAuthTag(view.subarray(view.length - tagLength));
      const body = view.subarray(saltLength, view.length - tagLength);
      if (aad) decipher.setAAD(aad, { plaintextLength: body.length });
      const plaintext = decipher.update(body);
      try {
        decipher.final();
      } catch {
        throw corrupt(what);
      }
      return plaintext;
    },
  };
}

function plaintextSealer(macer: Macer): Sealer {
  const check = (data: Uint8Array, aad: Uint8Array | undefined): Buffer => {
    const mac = macer.incremental();
    mac.update(data);
    if (aad) mac.update(aad);
    return mac.digest();
  };
  return {
    overheadBytes: 32,
    seal: (plaintext, aad) => [Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength), check(plaintext, aad)],
    open(sealed, aad, what = 'object') {
      if (sealed.byteLength < 32) throw corrupt(what);
      const view = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      const body = view.subarray(0, view.length - 32);
      if (!crypto.timingSafeEqual(check(body, aad), view.subarray(view.length - 32))) throw corrupt(what);
      return body;
    },
  };
}

function corrupt(what: string): KlosetError {
  return new KlosetError('CORRUPT', `The ${what} failed its integrity check: it was damaged or altered.`);
}

/** Seals with a key that is used for exactly one object (the key that wraps the master key). */
export function sealOnce(key: Buffer, plaintext: Uint8Array): Buffer {
  return Buffer.concat(aeadSealer(key).seal(plaintext));
}

export function openOnce(key: Buffer, sealed: Uint8Array): Buffer | null {
  try {
    return aeadSealer(key).open(sealed);
  } catch {
    return null;
  }
}
