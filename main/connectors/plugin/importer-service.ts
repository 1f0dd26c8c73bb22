import type { ServerDuplexStream, ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { KlosetError, type Importer } from '../../kloset/index';
import { locationFlags } from '../protocol/constants';
import { connectorInitRequestSchema, importRequestSchema, openRequestSchema } from '../protocol/messages';
import { recordFromSourceEntry, sourcePath } from '../protocol/records';
import { messagesOf, rechunk, writeMessage } from '../protocol/streams';
import { cancelSignal, parseRequest, streaming, unary } from './calls';
import { importerInit, type ImporterInit } from './connector-init';
import { InstanceSlot, type Lifetime } from './lifetime';

export type ImporterFactory = (init: ImporterInit) => Promise<Importer>;

interface ImportSession {
  readonly importer: Importer;
  /** Source paths of listed files not yet acknowledged: only these can be opened. */
  readonly held: Set<string>;
}

/** Reads the host's acknowledgements until it ends its side of the stream. */
async function receiveAcknowledgements(session: ImportSession, call: ServerDuplexStream<unknown, object>): Promise<void> {
  const messages = messagesOf(call);
  for (let next = await messages.next(); next.done !== true; next = await messages.next()) {
    const header = parseRequest(importRequestSchema, next.value, 'Import').result?.header;
    const pathname = header ? sourcePath(session.importer.root, header.pathname) : null;
    if (pathname === null) continue;
    session.held.delete(pathname);
    session.importer.release?.(pathname);
  }
}

async function runImport(session: ImportSession, call: ServerDuplexStream<unknown, object>): Promise<void> {
  const signal = cancelSignal(call);
  const acknowledgements = receiveAcknowledgements(session, call);
  // Observed now so that a failure while records are still being sent is not unhandled; awaited below.
  acknowledgements.catch(() => undefined);
  for await (const entry of session.importer.scan(signal)) {
    const record = recordFromSourceEntry(entry, session.importer.root);
    if (record.hasReader) session.held.add(entry.pathname);
    await writeMessage(call, { record });
  }
  await writeMessage(call, { finished: true });
  await acknowledgements;
  call.end();
}

async function runOpen(session: ImportSession, call: ServerWritableStream<unknown, object>): Promise<void> {
  const wanted = parseRequest(openRequestSchema, call.request, 'Open').record?.pathname ?? '';
  const pathname = sourcePath(session.importer.root, wanted);
  if (pathname === null || !session.held.has(pathname)) {
    throw new KlosetError('NOT_FOUND', `${wanted} cannot be opened: it was not listed as a file, or its record was already acknowledged.`);
  }
  for await (const chunk of rechunk(session.importer.open(pathname, cancelSignal(call)))) await writeMessage(call, { chunk });
  call.end();
}

/** The `importer.Importer` service over the importer that `factory` opens at `Init`. */
export function importerService(factory: ImporterFactory, lifetime: Lifetime): UntypedServiceImplementation {
  const slot = new InstanceSlot<ImportSession>(lifetime, (session) => session.importer);
  return {
    ...slot.handlers(),
    Init: unary(async (message) => {
      const request = parseRequest(connectorInitRequestSchema, message, 'Init');
      const { importer } = await slot.open(async () => ({ importer: await factory(importerInit(request)), held: new Set<string>() }));
      return { origin: importer.origin, type: importer.type, root: importer.root, flags: locationFlags.needAck };
    }),
    Import: streaming((call: ServerDuplexStream<unknown, object>) => runImport(slot.current(), call)),
    Open: streaming((call: ServerWritableStream<unknown, object>) => runOpen(slot.current(), call)),
  };
}
