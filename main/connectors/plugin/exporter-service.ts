import type { ServerDuplexStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { KlosetError, type Exporter, type RestoreEntry, type WriteOutcome } from '../../kloset/index';
import { skippedResultError } from '../protocol/constants';
import { connectorInitRequestSchema, exportRequestSchema, type ProtocolRecord } from '../protocol/messages';
import { restoreEntryFromRecord } from '../protocol/records';
import { messagesOf, writeMessage } from '../protocol/streams';
import { cancelSignal, parseRequest, streaming, unary } from './calls';
import { exporterInit, type ExporterInit } from './connector-init';
import { InstanceSlot, type Lifetime } from './lifetime';

export type ExporterFactory = (init: ExporterInit) => Promise<Exporter>;

interface ExportSession {
  readonly exporter: Exporter;
  /**
   * Directories already created. Our host sends a directory's record twice: before its children
   * (create it) and after them (apply its mode and times, `finishDirectory`).
   */
  readonly directories: Set<string>;
}

/**
 * The content of one file, read from the Export stream up to the empty chunk that ends it. A
 * failure of the stream itself is kept apart from the exporter's own errors: it ends the export.
 */
class FileContent {
  private ended = false;
  streamError: unknown = null;

  constructor(private readonly messages: AsyncIterator<unknown>) {}

  async *chunks(): AsyncGenerator<Buffer> {
    while (!this.ended) {
      const chunk = await this.nextChunk();
      if (chunk.length === 0) this.ended = true;
      else yield chunk;
    }
  }

  /** Reads what the exporter did not (a skipped file). */
  async drain(): Promise<void> {
    while (!this.ended) if ((await this.nextChunk()).length === 0) this.ended = true;
  }

  private async nextChunk(): Promise<Buffer> {
    try {
      const next = await this.messages.next();
      if (next.done === true) throw new KlosetError('BAD_INPUT', 'The host ended the Export stream in the middle of a file.');
      const request = parseRequest(exportRequestSchema, next.value, 'Export');
      if (request.packet !== 'chunk') throw new KlosetError('BAD_INPUT', `A record for ${request.record.pathname} arrived before the end of the previous file.`);
      return request.chunk;
    } catch (error) {
      this.streamError = error;
      throw error;
    }
  }
}

async function* noContent(): AsyncGenerator<Buffer> {}

async function applyEntry(session: ExportSession, entry: RestoreEntry, content: FileContent | null, signal: AbortSignal): Promise<WriteOutcome> {
  const { exporter, directories } = session;
  switch (entry.kind) {
    case 'file':
      return exporter.writeFile(entry, content ? content.chunks() : noContent(), signal);
    case 'symlink':
      return exporter.createSymlink(entry);
    case 'directory':
      if (directories.has(entry.pathname)) {
        await exporter.finishDirectory(entry);
      } else {
        await exporter.createDirectory(entry);
        directories.add(entry.pathname);
      }
      return 'written';
    default:
      throw new KlosetError('BAD_INPUT', `/${entry.pathname} is a special file, which this destination cannot restore.`);
  }
}

/**
 * Applies one record and reads the rest of its content, whatever the exporter used; resolves to
 * the result's error ('' for success). A broken stream or a cancellation ends the export instead.
 */
async function applyRecord(session: ExportSession, record: ProtocolRecord, messages: AsyncIterator<unknown>, signal: AbortSignal): Promise<string> {
  const content = record.hasReader ? new FileContent(messages) : null;
  try {
    const outcome = await applyEntry(session, restoreEntryFromRecord(record, session.exporter.root), content, signal);
    return outcome === 'skipped' ? skippedResultError : '';
  } catch (error) {
    if (content && content.streamError !== null) throw content.streamError;
    if (signal.aborted) throw error;
    return error instanceof Error ? error.message : String(error);
  } finally {
    if (content && content.streamError === null) await content.drain();
  }
}

async function runExport(session: ExportSession, call: ServerDuplexStream<unknown, object>): Promise<void> {
  const signal = cancelSignal(call);
  const messages = messagesOf(call);
  for (let next = await messages.next(); next.done !== true; next = await messages.next()) {
    const request = parseRequest(exportRequestSchema, next.value, 'Export');
    if (request.packet !== 'record') throw new KlosetError('BAD_INPUT', 'File content arrived without a record before it.');
    const error = await applyRecord(session, request.record, messages, signal);
    await writeMessage(call, { result: { header: request.record, error } });
  }
  call.end();
}

/** The `plakar.exporter.Exporter` service over the exporter that `factory` opens at `Init`. */
export function exporterService(factory: ExporterFactory, lifetime: Lifetime): UntypedServiceImplementation {
  const slot = new InstanceSlot<ExportSession>(lifetime, (session) => session.exporter);
  return {
    ...slot.handlers(),
    Init: unary(async (message) => {
      const request = parseRequest(connectorInitRequestSchema, message, 'Init');
      const { exporter } = await slot.open(async () => ({ exporter: await factory(exporterInit(request)), directories: new Set<string>() }));
      return { origin: '', type: request.proto, root: exporter.root, flags: 0 };
    }),
    Export: streaming((call: ServerDuplexStream<unknown, object>) => runExport(slot.current(), call)),
  };
}
