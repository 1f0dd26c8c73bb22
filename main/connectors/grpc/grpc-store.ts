import fs from 'node:fs';
import type { z } from 'zod';
import { KlosetError, macToHex, sourceSize, type ByteRange, type Mac, type ObjectKind, type ObjectSource, type Store, type StoreMode } from '../../kloset/index';
import { maxChunkBytes, storeModeBits } from '../protocol/constants';
import { method, protocolServices } from '../protocol/load-protocol';
import { chunkSchema, configResponseSchema, emptySchema, listResponseSchema, modeResponseSchema, putResponseSchema, sizeResponseSchema } from '../protocol/messages';
import { storageResource } from '../protocol/records';
import { chunksOf } from '../protocol/streams';
import { callServerStream, callUnary, ClientStreamCall } from './calls';
import { closeService, initService, locationScheme, type ConnectorConfig } from './connector-config';
import type { PluginProcess } from './plugin-process';

const describe = (kind: ObjectKind, mac: Mac): string => `${kind} ${macToHex(mac).slice(0, 12)}…`;

/** The content of an object source in chunks of at most 1 MiB; a file is read as a stream. */
async function* sourceChunks(source: ObjectSource): AsyncGenerator<Buffer> {
  if ('bytes' in source) {
    yield* chunksOf(source.bytes);
    return;
  }
  let total = 0;
  for await (const chunk of fs.createReadStream(source.path, { highWaterMark: maxChunkBytes })) {
    const bytes = chunk as Buffer;
    total += bytes.length;
    yield bytes;
  }
  if (total !== source.size) throw new KlosetError('BAD_INPUT', `${source.path} changed while it was being stored (${total} bytes instead of ${source.size}).`);
}

function checkRange(range: ByteRange): void {
  const valid = Number.isSafeInteger(range.offset) && range.offset >= 0 && Number.isSafeInteger(range.length) && range.length >= 0 && range.length <= 0xffffffff;
  if (!valid) throw new KlosetError('BAD_INPUT', `Invalid byte range ${range.offset}+${range.length}.`);
}

/**
 * A store served by a plugin over the connector protocol (`store.Store`). It owns its plugin
 * process: `close` closes the store and stops the process. Calls may run concurrently, each on
 * its own gRPC call over the plugin's one connection.
 */
export class GrpcStore implements Store {
  private closing: Promise<void> | null = null;

  constructor(
    readonly location: string,
    private readonly plugin: PluginProcess,
  ) {}

  private unary<T>(name: string, request: object, schema: z.ZodType<T>, what: string): Promise<T> {
    return callUnary(this.plugin, method(protocolServices().store, name), request, schema, what);
  }

  async create(config: Uint8Array): Promise<void> {
    await this.unary('Create', { config: Buffer.from(config) }, emptySchema, `creating the store at ${this.location}`);
  }

  async open(): Promise<Buffer> {
    return (await this.unary('Open', {}, configResponseSchema, `opening the store at ${this.location}`)).config;
  }

  async list(kind: ObjectKind): Promise<Mac[]> {
    const { macs } = await this.unary('List', { type: storageResource(kind) }, listResponseSchema, `listing ${kind}s`);
    const wrong = macs.find((mac) => mac.length !== 32);
    if (wrong) throw new KlosetError('IO', `The ${this.plugin.name} connector listed a ${kind} name of ${wrong.length} bytes instead of 32.`);
    return macs;
  }

  async put(kind: ObjectKind, mac: Mac, source: ObjectSource): Promise<void> {
    const what = `storing ${describe(kind, mac)}`;
    const call = new ClientStreamCall(this.plugin, method(protocolServices().store, 'Put'), what);
    try {
      await call.send({ mac, type: storageResource(kind) });
      for await (const chunk of sourceChunks(source)) await call.send({ chunk });
    } catch (error) {
      call.cancel();
      throw error;
    }
    const size = sourceSize(source);
    const written = Number((await call.finish(putResponseSchema, size)).bytes_written);
    if (written !== size) throw new KlosetError('UNAVAILABLE', `The ${this.plugin.name} connector stored ${written} bytes of ${describe(kind, mac)} instead of ${size}.`);
  }

  async get(kind: ObjectKind, mac: Mac, range?: ByteRange): Promise<Buffer> {
    if (range) checkRange(range);
    const what = `reading ${describe(kind, mac)}`;
    const request = { mac, type: storageResource(kind), ...(range ? { range: { offset: String(range.offset), length: range.length } } : {}) };
    const chunks: Buffer[] = [];
    let total = 0;
    const answers = callServerStream(this.plugin, method(protocolServices().store, 'Get'), request, chunkSchema, what, range ? { expectedBytes: range.length } : {});
    for await (const { chunk } of answers) {
      total += chunk.length;
      if (range && total > range.length) throw new KlosetError('UNAVAILABLE', `The ${this.plugin.name} connector sent more than the ${range.length} bytes asked for while ${what}.`);
      chunks.push(chunk);
    }
    if (range && total !== range.length) {
      throw new KlosetError('UNAVAILABLE', `The ${this.plugin.name} connector sent ${total} of the ${range.length} bytes asked for while ${what}; the transfer was cut short.`);
    }
    return Buffer.concat(chunks, total);
  }

  async delete(kind: ObjectKind, mac: Mac): Promise<void> {
    await this.unary('Delete', { mac, type: storageResource(kind) }, emptySchema, `deleting ${describe(kind, mac)}`);
  }

  async mode(): Promise<StoreMode> {
    const { mode } = await this.unary('Mode', {}, modeResponseSchema, 'asking the store mode');
    return { canRead: (mode & storeModeBits.read) !== 0, canWrite: (mode & storeModeBits.write) !== 0 };
  }

  async size(): Promise<number | null> {
    const size = Number((await this.unary('Size', {}, sizeResponseSchema, 'asking the store size')).size);
    return size < 0 ? null : size;
  }

  close(): Promise<void> {
    this.closing ??= closeService(this.plugin, protocolServices().store);
    return this.closing;
  }
}

/**
 * Opens the store of `config` in a started plugin: calls `Init` with the location's scheme and the
 * whole configuration. The store owns the plugin from here on (it is stopped if `Init` fails).
 */
export async function openGrpcStore(plugin: PluginProcess, config: ConnectorConfig): Promise<GrpcStore> {
  await initService(plugin, protocolServices().store, { proto: locationScheme(config.location), config });
  return new GrpcStore(config.location, plugin);
}
