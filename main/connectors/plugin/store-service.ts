import type { sendUnaryData, ServerReadableStream, ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { KlosetError, macToHex, type ObjectKind, type Store } from '../../kloset/index';
import { storeModeBits } from '../protocol/constants';
import {
  createRequestSchema,
  getRequestSchema,
  listRequestSchema,
  objectRequestSchema,
  putRequestSchema,
  storeInitRequestSchema,
} from '../protocol/messages';
import { objectKind } from '../protocol/records';
import { chunksOf, messagesOf, writeMessage } from '../protocol/streams';
import { parseRequest, serviceError, streaming, unary } from './calls';
import { InstanceSlot, type Lifetime } from './lifetime';
import { PutSpool } from './put-spool';

/** What a store factory receives from `Init`. */
export interface StoreInit {
  /** The location's scheme ("rclone"). */
  readonly proto: string;
  /** The whole connector configuration, `location` included. */
  readonly config: Readonly<Record<string, string>>;
}

export type StoreFactory = (init: StoreInit) => Promise<Store>;

function objectAddress(request: { mac: Buffer; type: number }): { kind: ObjectKind; mac: Buffer } {
  if (request.mac.length !== 32) throw new KlosetError('BAD_INPUT', `An object name must be 32 bytes, not ${request.mac.length}.`);
  return { kind: objectKind(request.type), mac: request.mac };
}

/** Receives one `Put`: the first message names the object, the following ones carry its bytes. */
async function receivePut(store: Store, call: ServerReadableStream<unknown, object>): Promise<object> {
  const spool = new PutSpool();
  try {
    let address: { kind: ObjectKind; mac: Buffer } | null = null;
    const messages = messagesOf(call);
    for (let next = await messages.next(); next.done !== true; next = await messages.next()) {
      const request = parseRequest(putRequestSchema, next.value, 'Put');
      address ??= objectAddress(request);
      if (request.chunk.length > 0) await spool.append(request.chunk);
    }
    if (call.cancelled) throw new KlosetError('CANCELED', 'The host cancelled the upload.');
    if (address === null) throw new KlosetError('BAD_INPUT', 'A Put stream must start with the object name and type.');
    await store.put(address.kind, address.mac, await spool.source());
    return { bytes_written: String(spool.size) };
  } finally {
    await spool.dispose();
  }
}

async function sendObject(store: Store, call: ServerWritableStream<unknown, object>): Promise<void> {
  const request = parseRequest(getRequestSchema, call.request, 'Get');
  const { kind, mac } = objectAddress(request);
  const offset = request.range ? Number(request.range.offset) : 0;
  if (!Number.isSafeInteger(offset)) throw new KlosetError('BAD_INPUT', `The range offset ${request.range?.offset ?? ''} of ${kind} ${macToHex(mac)} is too large.`);
  const bytes = await store.get(kind, mac, request.range ? { offset, length: request.range.length } : undefined);
  for (const chunk of chunksOf(bytes)) await writeMessage(call, { chunk });
  call.end();
}

/** The `store.Store` service over the store that `factory` opens at `Init`. */
export function storeService(factory: StoreFactory, lifetime: Lifetime): UntypedServiceImplementation {
  const slot = new InstanceSlot<Store>(lifetime, (store) => store);
  const current = (): Store => slot.current();
  return {
    ...slot.handlers(),
    Init: unary(async (message) => {
      const request = parseRequest(storeInitRequestSchema, message, 'Init');
      const store = await slot.open(() => factory({ proto: request.proto, config: request.config }));
      return { origin: '', type: request.proto, root: store.location, flags: 0 };
    }),
    Create: unary(async (message) => {
      await current().create(parseRequest(createRequestSchema, message, 'Create').config);
      return {};
    }),
    Open: unary(async () => ({ config: await current().open() })),
    Mode: unary(async () => {
      const mode = await current().mode();
      return { mode: (mode.canWrite ? storeModeBits.write : 0) | (mode.canRead ? storeModeBits.read : 0) };
    }),
    Size: unary(async () => ({ size: String((await current().size()) ?? -1) })),
    List: unary(async (message) => ({ macs: await current().list(objectKind(parseRequest(listRequestSchema, message, 'List').type)) })),
    Put: (call: ServerReadableStream<unknown, object>, callback: sendUnaryData<object>) => {
      Promise.resolve()
        .then(() => receivePut(current(), call))
        .then(
          (response) => callback(null, response),
          (error: unknown) => callback(serviceError(error)),
        );
    },
    Get: streaming((call: ServerWritableStream<unknown, object>) => sendObject(current(), call)),
    Delete: unary(async (message) => {
      const { kind, mac } = objectAddress(parseRequest(objectRequestSchema, message, 'Delete'));
      await current().delete(kind, mac);
      return {};
    }),
  };
}
