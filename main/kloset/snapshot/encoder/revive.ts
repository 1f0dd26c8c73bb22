import type { StoreConfig } from '../../format/config-format';
import type { FinishedPackfile } from '../../format/packfile-writer';
import type { FileResult } from './encoder-core';

/** Structured clone turns Buffers into plain Uint8Arrays; these give them back their Buffer methods. */
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A store's config and master key, as they arrive in a worker thread. */
export function reviveSecrets<T extends { readonly config: StoreConfig; readonly masterKey: Uint8Array }>(setup: T): T {
  const config: StoreConfig = {
    ...setup.config,
    chunking: setup.config.chunking,
    encryption: setup.config.encryption && {
      ...setup.config.encryption,
      wrappedMasterKey: asBuffer(setup.config.encryption.wrappedMasterKey),
      canary: asBuffer(setup.config.encryption.canary),
    },
    plaintextMasterKey: setup.config.plaintextMasterKey && asBuffer(setup.config.plaintextMasterKey),
  };
  return { ...setup, config, masterKey: asBuffer(setup.masterKey) };
}

export function reviveResults(results: readonly FileResult[]): FileResult[] {
  return results.map((result) => ({ ...result, chunks: result.chunks.map((chunk) => ({ mac: asBuffer(chunk.mac), length: chunk.length })) }));
}

export function revivePackfile(finished: FinishedPackfile): FinishedPackfile {
  return { ...finished, mac: asBuffer(finished.mac), entries: finished.entries.map((entry) => ({ ...entry, mac: asBuffer(entry.mac) })) };
}

export function splitMacs(joined: Uint8Array): Buffer[] {
  const macs: Buffer[] = [];
  for (let offset = 0; offset < joined.byteLength; offset += 32) macs.push(asBuffer(joined.subarray(offset, offset + 32)));
  return macs;
}
