import type { ClientDuplexStream } from '@grpc/grpc-js';
import { KlosetError, type Importer, type SourceEntry } from '../../kloset/index';
import { method, protocolServices } from '../protocol/load-protocol';
import { chunkSchema, importResponseSchema, type ProtocolRecord } from '../protocol/messages';
import { rootedPath, sourceEntryFromRecord } from '../protocol/records';
import { messagesOf } from '../protocol/streams';
import { callServerStream, onAbort, openBidiStream, parseAnswer } from './calls';
import { closeService, initOptions, initService, locationScheme, type ConnectorConfig, type ConnectorRunOptions } from './connector-config';
import { hostError } from './host-errors';
import type { PluginProcess } from './plugin-process';

/** One run of `Import`: records in, acknowledgements out. */
interface ImportRun {
  readonly call: ClientDuplexStream<object, unknown>;
  readonly messages: AsyncIterator<unknown>;
  /** Wire pathnames of files listed and not yet acknowledged. */
  readonly unacknowledged: Set<string>;
  finished: boolean;
  /** After `finished`: the end of the stream, once every record is acknowledged. */
  rest: Promise<void> | null;
}

/**
 * A source served by a plugin over the connector protocol (`importer.Importer`). `scan` drives the
 * Import stream with backpressure (a record is read only when the engine asks for the next entry),
 * `open` reads a file's content through `Open` in chunks, and `release` acknowledges a record so
 * that the plugin can let go of its content. Records without content are acknowledged as soon as
 * they are handed to the engine. The importer owns its plugin process: `close` stops it.
 */
export class GrpcImporter implements Importer {
  private run: ImportRun | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly plugin: PluginProcess,
    readonly origin: string,
    readonly type: string,
    readonly root: string,
  ) {}

  async *scan(signal?: AbortSignal): AsyncGenerator<SourceEntry> {
    if (this.run) throw new KlosetError('BAD_INPUT', `A scan of ${this.root} is already running: a source is scanned once.`);
    const call = openBidiStream(this.plugin, method(protocolServices().importer, 'Import'), 'listing the source');
    const run: ImportRun = { call, messages: messagesOf(call), unacknowledged: new Set(), finished: false, rest: null };
    this.run = run;
    const stopListening = onAbort(signal, () => call.cancel());
    try {
      for (let record = await this.nextRecord(run); record !== null; record = await this.nextRecord(run)) {
        const entry = record.isXattr ? null : sourceEntryFromRecord(record, this.root);
        if (entry && record.hasReader) run.unacknowledged.add(record.pathname);
        else this.acknowledge(run, record.pathname);
        if (entry) yield entry;
      }
      run.finished = true;
      run.rest = this.readRest(run);
      run.rest.catch(() => undefined);
      this.endIfAcknowledged(run);
    } finally {
      stopListening();
      if (!run.finished) call.cancel();
    }
  }

  /** The next record, or null once the plugin said it has finished. */
  private async nextRecord(run: ImportRun): Promise<ProtocolRecord | null> {
    try {
      const next = await run.messages.next();
      if (next.done === true) return null;
      const response = parseAnswer(importResponseSchema, next.value, 'Import');
      if (response.finished) return null;
      if (!response.record) throw new KlosetError('IO', `The ${this.plugin.name} connector sent an empty Import answer.`);
      return response.record;
    } catch (error) {
      throw await hostError(this.plugin, error, 'listing the source');
    }
  }

  private async readRest(run: ImportRun): Promise<void> {
    try {
      for (let next = await run.messages.next(); next.done !== true; next = await run.messages.next()) {
        parseAnswer(importResponseSchema, next.value, 'Import');
      }
    } catch (error) {
      throw await hostError(this.plugin, error, 'ending the listing');
    }
  }

  private acknowledge(run: ImportRun, pathname: string): void {
    if (run.call.destroyed || run.call.writableEnded) return;
    run.call.write({ result: { header: { pathname }, error: '' } });
  }

  private endIfAcknowledged(run: ImportRun): void {
    if (run.finished && run.unacknowledged.size === 0 && !run.call.writableEnded) run.call.end();
  }

  async *open(pathname: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
    const wire = rootedPath(this.root, pathname);
    const request = { record: { pathname: wire, hasReader: true } };
    const answers = callServerStream(this.plugin, method(protocolServices().importer, 'Open'), request, chunkSchema, `reading ${pathname}`, { signal });
    for await (const { chunk } of answers) yield chunk;
  }

  release(pathname: string): void {
    const run = this.run;
    const wire = rootedPath(this.root, pathname);
    if (!run?.unacknowledged.delete(wire)) return;
    this.acknowledge(run, wire);
    this.endIfAcknowledged(run);
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    const run = this.run;
    try {
      if (run?.rest) {
        if (!run.call.writableEnded) run.call.end();
        await run.rest;
      }
    } finally {
      await closeService(this.plugin, protocolServices().importer);
    }
  }
}

/**
 * Opens the source of `config` in a started plugin: calls `Init` with the location's scheme, the
 * whole configuration and the run's options. The importer owns the plugin from here on.
 */
export async function openGrpcImporter(plugin: PluginProcess, config: ConnectorConfig, options: ConnectorRunOptions = {}): Promise<GrpcImporter> {
  const answer = await initService(plugin, protocolServices().importer, { options: initOptions(options), proto: locationScheme(config.location), config });
  return new GrpcImporter(plugin, answer.origin, answer.type, answer.root);
}
