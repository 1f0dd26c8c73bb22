import type { StoreConfig } from '../../format/config-format';
import { objectTypeByNumber, objectTypeNumbers, type ObjectType, type PackEntry } from '../../format/packfile-format';
import type { FinishedPackfile } from '../../format/packfile-writer';
import type { ChunkRef } from '../tree-format';
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

/**
 * File results as they cross threads: every MAC in one buffer and every number in one array.
 * Structured clone copies each small Buffer on its own, which for tens of thousands of chunks
 * cost more than the encoding it reports.
 */
export interface PackedResults {
  readonly files: ReadonlyArray<Omit<FileResult, 'chunks'> & { readonly chunkCount: number }>;
  readonly macs: Uint8Array;
  readonly lengths: Uint32Array;
}

export function packResults(results: readonly FileResult[]): PackedResults {
  const chunks = results.flatMap((result) => result.chunks);
  return {
    files: results.map(({ chunks: fileChunks, ...rest }) => ({ ...rest, chunkCount: fileChunks.length })),
    macs: Buffer.concat(chunks.map((chunk) => chunk.mac)),
    lengths: Uint32Array.from(chunks, (chunk) => chunk.length),
  };
}

/** The results again; their MACs are views of the one received buffer. */
export function unpackResults(packed: PackedResults): FileResult[] {
  const macs = splitMacs(packed.macs);
  let next = 0;
  return packed.files.map(({ chunkCount, ...rest }) => {
    const chunks: ChunkRef[] = [];
    for (let i = 0; i < chunkCount; i++, next++) chunks.push({ mac: macs[next] as Buffer, length: packed.lengths[next] as number });
    return { ...rest, chunks };
  });
}

/** A finished packfile as it crosses threads: its index as one MAC buffer and number columns. */
export interface PackedPackfile extends Omit<FinishedPackfile, 'entries'> {
  readonly macs: Uint8Array;
  readonly types: Uint8Array;
  /** offset, length and raw length of each entry, in turn. */
  readonly numbers: Float64Array;
}

export function packPackfile({ entries, ...rest }: FinishedPackfile): PackedPackfile {
  return {
    ...rest,
    macs: Buffer.concat(entries.map((entry) => entry.mac)),
    types: Uint8Array.from(entries, (entry) => objectTypeNumbers[entry.type]),
    numbers: Float64Array.from(entries.flatMap((entry) => [entry.offset, entry.length, entry.rawLength])),
  };
}

export function unpackPackfile({ macs, types, numbers, ...rest }: PackedPackfile): FinishedPackfile {
  const entries: PackEntry[] = splitMacs(macs).map((mac, i) => ({
    type: objectTypeByNumber.get(types[i] as number) as ObjectType,
    mac,
    offset: numbers[3 * i] as number,
    length: numbers[3 * i + 1] as number,
    rawLength: numbers[3 * i + 2] as number,
  }));
  return { ...rest, mac: asBuffer(rest.mac), entries };
}

export function splitMacs(joined: Uint8Array): Buffer[] {
  const macs: Buffer[] = [];
  for (let offset = 0; offset < joined.byteLength; offset += 32) macs.push(asBuffer(joined.subarray(offset, offset + 32)));
  return macs;
}
